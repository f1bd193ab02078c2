"""Who made up NATO's operations and the Allies' other coalitions: coverage minimums, and the questions the
tables alone must answer (issue 10's "done when")."""

import pandas as pd
import pytest

from helpers import data
from helpers.analysis import participation


@pytest.fixture(scope="module")
def contributions():
    return data.load("contributions")


def snapshots(contributions, op_id, minimum_nations=1):
    """Dates of the snapshots of one operation that list at least `minimum_nations` nations."""
    sizes = contributions[contributions["op_id"] == op_id].groupby("date")["iso3"].nunique()
    return sizes[sizes >= minimum_nations]


def test_isaf_national_strengths_at_four_snapshots_one_with_45_nations(contributions):
    isaf = contributions[(contributions["op_id"] == "isaf") & contributions["personnel"].notna()]
    dated = isaf.groupby("date")["iso3"].nunique()
    in_range = dated[(dated.index >= "2006-01-01") & (dated.index <= "2014-12-31") & (dated >= 5)]
    assert len(in_range) >= 4, dated
    assert dated.max() >= 45


def test_resolute_support_and_kfor_snapshots(contributions):
    assert len(snapshots(contributions, "resolute_support", 5)) >= 2
    kfor = snapshots(contributions, "kfor", 5)
    assert (kfor.index < "2010-01-01").any() and (kfor.index > "2020-12-31").any()
    for op in ("ifor", "sfor"):
        assert snapshots(contributions, op, 20).size >= 1, op


#: The forward land forces and the year each host's battlegroup was set up.
LAUNCHED = {"EST": 2017, "LVA": 2017, "LTU": 2017, "POL": 2017, "BGR": 2022, "HUN": 2022, "ROU": 2022, "SVK": 2022,
            "FIN": 2025}


def test_every_battlegroup_has_its_framework_nation_at_launch_and_later(contributions):
    groups = participation.battlegroups(contributions).set_index("host_iso3")
    assert set(groups.index) == set(LAUNCHED)
    for host, year in LAUNCHED.items():
        group = groups.loc[host]
        assert pd.notna(group["framework_at_launch"]), host
        assert group["first_date"].year <= year and group["framework_latest_date"] >= group["first_date"], host
        assert group["nations"] >= 2 or host == "POL", host  # Poland's latest record names its framework nation only


def test_latest_list_is_not_a_framework_only_record(contributions):
    """Regression: Lithuania's latest list showed only Germany, because a framework-only row of May 2025 won over
    the full list of February 2025."""
    groups = participation.battlegroups(contributions).set_index("host_iso3")
    assert groups.loc["LTU", "nations"] >= 5
    assert groups.loc["ROU", "framework_at_launch"] == "FRA"


def test_twelve_operations_have_contributors(contributions):
    per_op = contributions.groupby("op_id")["iso3"].nunique()
    assert (per_op >= 3).sum() >= 12, per_op
    for op in ("unified_protector", "ocean_shield", "active_endeavour", "sea_guardian", "baltic_air_policing"):
        assert per_op.get(op, 0) >= 3, op


def test_partners_in_unified_protector_are_computed_from_membership():
    oup = participation.with_status(data.load("contributions").query("op_id == 'unified_protector'"))
    partners = set(oup.loc[oup["status"] == "Partner", "iso3"])
    assert {"SWE", "JOR", "QAT", "ARE"} <= partners
    assert "FRA" not in partners


def test_status_on_the_day_not_today():
    frame = pd.DataFrame({"iso3": ["FIN", "FIN", "POL"],
                          "date": pd.to_datetime(["2015-01-01", "2024-01-01", "1996-01-01"])})
    assert list(participation.with_status(frame)["status"]) == ["Partner", "Ally", "Partner"]


def test_isaf_nations_in_a_year(contributions):
    table = participation.nations_in_year(contributions, "isaf", 2010)
    assert len(table) >= 45 and table["personnel"].notna().all()
    assert table.iloc[0]["iso3"] == "USA"


def test_operations_per_ally(contributions):
    counts = participation.operations_per_ally(contributions)
    assert set(counts["iso3"]) <= set(data.load("members")["iso3"])
    assert counts.set_index("iso3").loc["USA", "operations"] >= 8


def test_coalitions_outside_nato_per_ally():
    table = participation.coalitions_per_ally()
    assert {"coalition_id", "iso3", "nato_role"} <= set(table.columns)
    poland = set(table.loc[table["iso3"] == "POL", "coalition_id"])
    assert "iraq_2003" in poland
    assert set(data.load("coalitions").query("nato_role == 'member'")["coalition_id"]) == {"global_coalition", "purl"}


# --- Tests of meaning (issue 20): what the notebooks' shares, ratios and counts say must follow the data. ---

def test_partner_share_is_above_zero_wherever_a_partner_is_listed(contributions):
    """Regression: Unified Protector, Active Endeavour and Ocean Shield showed 0% partners, because the share was
    read off one snapshot only while other snapshots listed Sweden, Jordan, Qatar, the UAE and Morocco."""
    listed = participation.with_status(contributions)
    with_partners = set(listed.loc[listed["status"] == participation.PARTNER, "op_id"])
    shares = participation.partner_share(contributions).set_index("op_id")
    assert with_partners >= {"unified_protector", "active_endeavour", "ocean_shield"}
    for op_id, row in shares.iterrows():
        assert (row["partners"] > 0) == (op_id in with_partners), op_id
        assert (row["partner_share_nations"] > 0) == (op_id in with_partners), op_id
    assert {"SWE", "JOR", "QAT", "ARE", "MAR"} <= set(
        listed.query("op_id == 'unified_protector' and status == 'Partner'")["iso3"])


def test_partner_share_counts_each_nation_once_over_every_snapshot():
    frame = pd.DataFrame({
        "op_id": ["x"] * 5, "iso3": ["FRA", "SWE", "FRA", "JOR", "FIN"],
        "date": pd.to_datetime(["2011-03-01", "2011-03-01", "2011-05-01", "2011-05-01", "2024-01-01"]),
        "personnel": pd.array([100, 50, 120, 30, None], dtype="Int64")})
    row = participation.partner_share(frame).iloc[0]
    assert row["nations"] == 4 and row["partners"] == 2  # Sweden and Jordan; Finland listed as an Ally in 2024
    assert row["snapshots"] == 3
    # the fullest lists (2011-03 and 2011-05, two nations each) both have figures: the later one gives the troops
    assert row["troops_date"] == pd.Timestamp("2011-05-01") and row["troops"] == 150
    assert row["partner_share_troops"] == pytest.approx(20.0)


def test_partner_share_gives_no_troops_without_a_complete_snapshot(contributions):
    """A partial list's sum is not an operation's strength: Resolute Support's fullest list lacks most figures."""
    shares = participation.partner_share(contributions).set_index("op_id")
    assert pd.isna(shares.loc["resolute_support", "troops"])
    assert shares.loc["isaf", "troops_date"] == pd.Timestamp("2010-11-15")


def test_per_million_takes_population_of_the_same_year():
    rows = pd.DataFrame({"iso3": ["GEO", "GEO"], "date": pd.to_datetime(["2010-11-15", "2024-01-01"]),
                         "personnel": [900, 900]})
    population = pd.DataFrame({"iso3": ["GEO", "GEO"], "year": [2010, 2024], "population": [4_000_000, 3_000_000]})
    out = participation.per_million(rows, population)
    assert list(out["population_year"]) == [2010, 2024]
    assert list(out["per_million"]) == pytest.approx([225.0, 300.0])


def test_per_million_refuses_another_years_population():
    rows = pd.DataFrame({"iso3": ["GEO"], "date": pd.to_datetime(["2010-11-15"]), "personnel": [900]})
    population = pd.DataFrame({"iso3": ["GEO"], "year": [2024], "population": [3_000_000]})
    with pytest.raises(ValueError, match="GEO 2010"):
        participation.per_million(rows, population)


def chart_rows(notebook: str, title_start: str) -> pd.DataFrame:
    """The rows a committed notebook's chart plots, found by the start of its title."""
    import json

    from conftest import ROOT
    from helpers.charts.payload import CHART_DATA_MIME, PLOTLY_MIME

    path = next((ROOT / "notebooks").glob(f"{notebook}-*.ipynb"))
    for cell in json.loads(path.read_text())["cells"]:
        for output in cell.get("outputs", []):
            bundle = output.get("data", {})
            if PLOTLY_MIME in bundle and bundle[PLOTLY_MIME]["layout"]["title"]["text"].startswith(title_start):
                payload = bundle[CHART_DATA_MIME]
                return pd.DataFrame(payload["rows"], columns=payload["columns"])
    raise AssertionError(f"no chart titled {title_start!r}... in {path.name}")


def test_troops_per_population_in_notebook_09_use_the_same_year_and_include_partners():
    """Regression: ISAF's 2010 troops were divided by 2024 population, and partners (Georgia) were left out."""
    rows = chart_rows("09", "Relative to population")
    assert (pd.to_datetime(rows["date"]).dt.year == rows["population_year"]).all()
    assert set(rows["status"]) == {"Ally", "Partner"} and "GEO" in set(rows["iso3"])
    expected = participation.per_million(participation.nations_in_year(data.load("contributions"), "isaf", 2010),
                                         data.load("population")).set_index("iso3")["per_million"]
    assert rows.set_index("iso3")["per_million"].astype(float).round(6).to_dict() == expected.astype(float).round(6).to_dict()


def coalition_counts_in(path) -> set[int]:
    """Every count a notebook's prose or outputs state of coalitions: '48 meet the rule', '59 efforts in
    coalitions.csv', '12 coalitions'."""
    import json
    import re

    texts = []
    for cell in json.loads(path.read_text())["cells"]:
        texts.append("".join(cell["source"]) if cell["cell_type"] == "markdown" else "")
        for output in cell.get("outputs", []):
            texts.append("".join(output.get("data", {}).get("text/markdown", "")))
    text = "\n".join(texts)
    found = re.findall(r"\b(\d+) (?:efforts in `?coalitions\.csv|(?:military )?coalitions\b|meet (?:the|its) rule)", text)
    found += re.findall(r"\b(\d+) (?:of them |of these )?meet the (?:coalition table's )?rule", text)
    return {int(n) for n in found}


@pytest.mark.parametrize("number", ["09", "11"])
def test_coalition_counts_in_prose_follow_the_universe(number):
    """Notebooks 09 and 11 state how many coalitions outside NATO command there are only as
    helpers.analysis.coalitions.universe() counts them (issue 20: the selection of coalitions decided the headline)."""
    from conftest import ROOT
    from helpers.analysis import coalitions

    paths = list((ROOT / "notebooks").glob(f"{number}-*.ipynb"))
    if not paths:
        pytest.skip(f"notebook {number} is not in this branch")
    universe = coalitions.universe(data.load("coalitions"), data.load("coalition_members"), data.load("members"))
    allowed = {len(universe), int(universe["counted"].sum()), int((~universe["counted"]).sum())}
    stated = coalition_counts_in(paths[0])
    assert stated, f"{paths[0].name} states no count of coalitions"
    assert stated <= allowed, (stated, allowed)
