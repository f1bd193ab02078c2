"""The research panels: keys a researcher can merge on, and the coverage rules (empty with a reason, never 0;
a partial list gives "unknown", a complete one "no"; a year outside an effort's dates is empty)."""

import io

import pandas as pd
import pytest

from conftest import assemble
from helpers import data
from helpers.analysis import panels
from helpers.analysis.missing import REASONS
from helpers.analysis.panels import PARTICIPATION
from helpers.site.bundles import panel_csv


@pytest.fixture(scope="module")
def state_year():
    return panels.state_year()


@pytest.fixture(scope="module")
def effort_year():
    return panels.effort_year()


def row(frame, iso3, year):
    found = frame[(frame["iso3"] == iso3) & (frame["year"] == year)]
    assert len(found) == 1, (iso3, year)
    return found.iloc[0]


def test_keys_are_unique_and_merge_with_a_cow_keyed_frame_without_hand_fixes(state_year):
    assert not state_year.duplicated(["iso3", "year"]).any()
    for column in ("cow_code", "gw_code"):
        coded = state_year.dropna(subset=[column])
        assert not coded.duplicated([column, "year"]).any(), column
    # a tiny COW-keyed dataset, as peacesciencer or the COW files key it (ccode, year)
    cow = pd.DataFrame({"ccode": [255, 260, 2, 345, 365], "year": [1995, 1960, 2001, 2007, 2010],
                        "milex": [1.0, 2.0, 3.0, 4.0, 5.0]})
    for panel in (state_year, pd.read_csv(io.StringIO(panel_csv(state_year)), low_memory=False)):
        merged = cow.merge(panel, left_on=["ccode", "year"], right_on=["cow_code", "year"], how="left")
        assert list(merged["iso3"]) == ["DEU", "DEU", "USA", "SRB", "RUS"]  # one row each: no fan-out
    gw = pd.DataFrame({"gwno": [260, 340, 345], "year": [1995, 2007, 2005]})
    merged = gw.merge(state_year, left_on=["gwno", "year"], right_on=["gw_code", "year"], how="left")
    assert list(merged["iso3"]) == ["DEU", "SRB", "SRB"]


def test_panel_covers_allies_and_partners_from_1949_to_the_data_date(state_year):
    members = data.load("members")["iso3"]
    assert set(members) <= set(state_year["iso3"])
    assert {"AUS", "SWE", "UKR", "GEO"} <= set(state_year["iso3"])
    assert state_year["year"].min() == 1949
    assert state_year["year"].max() == data.as_of().year
    assert row(state_year, "FIN", 2023)["ally"] and not row(state_year, "FIN", 2022)["ally"]


def test_every_reason_is_known_and_only_beside_an_empty_value(state_year, effort_year):
    for frame in (state_year, effort_year):
        for column in [c for c in frame.columns if c.endswith("_reason")]:
            value = column.removesuffix("_reason")
            reasons = frame[column].dropna()
            assert set(reasons) <= set(REASONS), column
            assert frame.loc[reasons.index, value].isna().all(), column


def test_values_outside_coverage_are_empty_never_zero(state_year):
    assert pd.isna(row(state_year, "POL", 1955)["population"])
    assert row(state_year, "POL", 1955)["population_reason"] == "beyond_coverage"
    assert row(state_year, "POL", 2010)["population"] > 0
    assert pd.isna(row(state_year, "POL", 1995)["nato_led_operations_recorded"]) is False  # 1995 is covered
    assert pd.isna(row(state_year, "POL", 1985)["nato_led_operations_recorded"])
    assert row(state_year, "POL", 1985)["nato_led_operations_recorded_reason"] == "beyond_coverage"
    # spending: before the releases' first year, after a release, a non-Ally, and an Ally without a figure
    for iso3, year, column, reason in [("POL", 2010, "gdp_share_pct_2025_08", "beyond_coverage"),
                                       ("POL", 2025, "gdp_share_pct_2024_06", "not_yet_published"),
                                       ("AUS", 2020, "gdp_share_pct_2025_08", "not_applicable"),
                                       ("ISL", 2020, "gdp_share_pct_2025_08", "not_found")]:
        r = row(state_year, iso3, year)
        assert pd.isna(r[column]) and r[f"{column}_reason"] == reason, (iso3, year, column)
    assert row(state_year, "POL", 2014)["gdp_share_pct_2025_08"] > 0
    # Article 4: counted for Allies (0 is a real zero: none recorded), not applicable to others
    assert row(state_year, "POL", 2014)["article_4_requests"] >= 1
    assert row(state_year, "BEL", 2014)["article_4_requests"] == 0
    assert pd.isna(row(state_year, "AUS", 2014)["article_4_requests"])


def test_participation_outside_the_dates_is_empty_partial_lists_unknown_complete_lists_no(state_year):
    assert set(state_year["op_isaf"].dropna()) <= set(PARTICIPATION)
    assert pd.isna(row(state_year, "POL", 1999)["op_isaf"])  # ISAF had not begun
    assert pd.isna(row(state_year, "POL", 2016)["op_isaf"])  # ISAF had ended
    assert row(state_year, "POL", 2010)["op_isaf"] == "yes" and row(state_year, "POL", 2010)["op_isaf_personnel"] > 0
    # 2009 and 2010 have lists known to be complete: a state missing from them did not take part
    assert row(state_year, "BRA", 2010)["op_isaf"] == "no"
    # 2005 has only partial lists: a state missing from them is unknown
    assert row(state_year, "BRA", 2005)["op_isaf"] == "unknown"
    assert pd.isna(row(state_year, "BRA", 2005)["op_isaf_personnel"])
    # coalitions: no list is known to be complete, so never "no"
    coalitions = [c for c in state_year.columns if c.startswith("co_")]
    assert not (state_year[coalitions] == "no").any().any()


def synthetic(tmp_path, contributing_nations: int):
    """The minimal fixture's tables, with op_alpha's count of nations on 1 January 1996 set."""
    directory = assemble(tmp_path / "data")
    tables = {name: data.load(name, directory) for name in panels.TABLES}
    personnel = tables["personnel"]
    first = (personnel["op_id"] == "op_alpha") & (personnel["date"] == "1996-01-01")
    personnel.loc[first, "contributing_nations"] = contributing_nations
    personnel.loc[first, "personnel"] = pd.NA
    return tables


@pytest.mark.parametrize("nations, belgium", [(2, "no"), (10, "unknown")])
def test_only_a_complete_list_gives_no(tmp_path, nations, belgium):
    panel = panels.state_year(synthetic(tmp_path, nations))
    assert row(panel, "POL", 1996)["op_op_alpha"] == "yes"
    assert row(panel, "POL", 1996)["op_op_alpha_personnel"] == 600
    assert row(panel, "BEL", 1996)["op_op_alpha"] == belgium
    assert pd.isna(row(panel, "BEL", 1994)["op_op_alpha"])  # before the operation
    assert row(panel, "USA", 2001)["co_coal_one"] == "yes"
    assert row(panel, "POL", 2001)["co_coal_one"] == "listed_undated"
    assert row(panel, "BEL", 2001)["co_coal_one"] == "unknown"


def test_complete_lists_by_either_rule():
    full = panels.complete_lists(data.load("contributions"), data.load("personnel"))
    isaf = full[full["op_id"] == "isaf"]
    assert set(isaf["date"].dt.strftime("%Y-%m-%d")) >= {"2009-10-01", "2010-11-15"}
    assert set(isaf["rule"]) == {"names every contributing nation counted", "national figures add up to the total"}


def test_effort_year_panel(effort_year):
    assert not effort_year.duplicated(["effort_type", "effort_id", "year"]).any()
    isaf = effort_year[(effort_year["effort_id"] == "isaf")].set_index("year")
    assert isaf.index.min() == 2003 and isaf.index.max() == 2014
    assert isaf.at[2010, "personnel"] == data.load("operations").set_index("op_id").at["isaf", "peak_personnel"]
    assert isaf.at[2010, "list_complete"] and not isaf.at[2005, "list_complete"]
    assert isaf.at[2010, "ucdp_conflict"] == "333" and isaf.at[2010, "typology"] == "alliance-led"
    coalition = effort_year[effort_year["effort_type"] == "coalition"]
    assert coalition["personnel"].isna().all() and (coalition["personnel_reason"] == "beyond_coverage").all()
    assert (effort_year["allies_recorded"].dropna() <= effort_year["allies_in_nato"][
        effort_year["allies_recorded"].notna()]).all()
