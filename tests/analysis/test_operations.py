"""Unit tests of the computations the notebooks share, on small hand-made frames."""

import pandas as pd
import pytest

from helpers.analysis import operations, participation, periods
from helpers.analysis import spending as spending_module

KINDS = pd.CategoricalDtype(["combat", "training"])


def ops_frame():
    return pd.DataFrame({
        "op_id": ["a", "b", "c"],
        "name": ["Operation Alpha", "NATO support to the African Union Mission in Sudan",
                 "NATO support to the African Union Mission in Somalia"],
        "acronym": pd.array(["ALF", None, None], dtype="string"),
        "kind": pd.Series(["combat", "training", "training"], dtype=KINDS),
        "start_date": pd.to_datetime(["1999-03-24", "2005-06-08", "2007-06-01"]),
        "end_date": pd.to_datetime(["2001-01-01", None, None]),
        "status": ["ended", "ongoing", "end_unknown"],
    })


def test_operation_years_spans_start_to_end_and_as_of():
    years = operations.operation_years(ops_frame(), pd.Timestamp("2008-12-31"))
    assert sorted(years[years.op_id == "a"].year) == [1999, 2000, 2001]
    assert sorted(years[years.op_id == "b"].year) == list(range(2005, 2009))
    # an operation whose end is unknown counts only in its first year, never up to "today"
    assert sorted(years[years.op_id == "c"].year) == [2007]


def test_active_per_year_counts_by_kind():
    counts = operations.active_per_year(ops_frame(), pd.Timestamp("2008-12-31"))
    row = counts[(counts.year == 2007) & (counts.kind == "training")]
    assert int(row.operations.iloc[0]) == 2
    assert counts.operations.sum() == 3 + 4 + 1


def test_members_on_includes_the_accession_day():
    members = pd.DataFrame({"iso3": ["BEL", "POL"], "accession_date": pd.to_datetime(["1949-08-24", "1999-03-12"])})
    assert list(participation.members_on(members, pd.Timestamp("1999-03-12")).iso3) == ["BEL", "POL"]
    assert list(participation.members_on(members, pd.Timestamp("1999-03-11")).iso3) == ["BEL"]


def test_share_meeting_counts_at_threshold_and_flags_estimates():
    spending = pd.DataFrame({"iso3": ["A", "B", "C", "A", "B"], "year": [2014, 2014, 2014, 2015, 2015],
                             "gdp_share_pct": [2.0, 1.99, None, 2.5, 3.0],
                             "is_estimate": [False, False, False, True, False]})
    out = spending_module.share_meeting(spending, 2.0).set_index("year")
    assert out.loc[2014, "allies_reporting"] == 2 and out.loc[2014, "allies_meeting"] == 1
    assert out.loc[2014, "meeting"] == "A" and not out.loc[2014, "any_estimate"]
    assert out.loc[2015, "allies_meeting"] == 2 and out.loc[2015, "any_estimate"]


def test_short_label_keeps_labels_distinct():
    labels = operations.short_label(ops_frame())
    assert labels.iloc[0] == "ALF"
    assert labels.is_unique
    assert labels.iloc[1].startswith("…") and labels.iloc[1].endswith("Mission in Sudan")
    assert all(len(label) <= 41 for label in labels)


def test_theatre_membership_classifies_by_accession_at_start():
    ops = pd.DataFrame({"op_id": ["x", "y", "z"], "start_date": pd.to_datetime(["1998-01-01", "2000-01-01",
                                                                                   "2000-01-01"])})
    countries = pd.DataFrame({"op_id": ["x", "y", "y", "z"], "area_type": ["country", "country", "country", "sea_area"],
                              "area_code": ["POL", "POL", "SRB", "adriatic_sea"]})
    members = pd.DataFrame({"iso3": ["POL"], "accession_date": pd.to_datetime(["1999-03-12"])})
    out = operations.theatre_membership(ops, countries, members).set_index("op_id")
    assert out.loc["x", "where"] == "beyond the Allies"  # Poland had not joined yet
    assert out.loc["y", "where"] == "both"
    assert out.loc["z", "where"] == "at sea only"


def test_a_state_assisted_from_elsewhere_is_no_theatre():
    ops = pd.DataFrame({"op_id": ["airlift", "none"], "start_date": pd.to_datetime(["2005-06-08", "2005-06-08"])})
    places = pd.DataFrame({"op_id": ["airlift"], "area_type": ["country"], "area_code": ["SDN"],
                           "presence": ["beneficiary"]})
    members = pd.DataFrame({"iso3": ["POL"], "accession_date": pd.to_datetime(["1999-03-12"])})
    out = operations.theatre_membership(ops, places, members).set_index("op_id")
    assert out.loc["airlift", "where"] == operations.SUPPORT_ONLY and out.loc["airlift", "other_countries"] == 0
    assert out.loc["none", "where"] == "not recorded"


@pytest.mark.parametrize("year, first, label", [
    (1949, 1940, "1940s"), (1990, 1990, "1990s"), (1999, 1990, "1990s"), (2000, 2000, "2000s"), (2025, 2020, "2020s"),
])
def test_decade(year, first, label):
    assert periods.decade(year) == first
    assert periods.decade_label(year) == label


def test_decade_label_of_a_series_matches_the_scalar():
    years = pd.Series([1995, 2001, 2022], dtype="Int64")
    assert list(periods.decade_label(years)) == ["1990s", "2000s", "2020s"]
    dates = pd.Series(pd.to_datetime(["1995-12-20", "2022-02-24"]))
    assert list(periods.decade_label(dates.dt.year)) == ["1990s", "2020s"]


def test_full_scale_invasion_is_the_one_cut():
    assert periods.FULL_SCALE_INVASION == pd.Timestamp("2022-02-24")


SPENDING = pd.DataFrame({
    "iso3": ["USA", "POL", "DEU", "FRA", "USA", "POL", "DEU", "FRA"],
    "year": [2020] * 4 + [2021] * 4,
    "gdp_share_pct": [3.5, 2.2, 1.4, 1.8, 3.4, 2.3, 1.5, None],
})


@pytest.mark.parametrize("exclude, expected", [
    ((), {2020: 2.0, 2021: 2.3}),             # every Ally reporting that year (FRA has no 2021 value)
    (("USA",), {2020: 1.8, 2021: 1.9}),       # Europe and Canada: the United States left out
    (("USA", "POL"), {2020: 1.6, 2021: 1.5}),
])
def test_median_ally(exclude, expected):
    got = spending_module.median_ally(SPENDING, exclude=exclude)
    assert got.round(6).to_dict() == expected and got.name == "median_ally"


def test_median_ally_refuses_two_releases_at_once():
    with pytest.raises(ValueError, match="one row per Ally and year"):
        spending_module.median_ally(pd.concat([SPENDING, SPENDING]))


def points(*rows):
    return pd.DataFrame(rows, columns=["op_id", "date", "personnel"]).astype({"date": "datetime64[ns]"})


AS_OF = pd.Timestamp("2023-01-01")
ENDS = pd.Series({"ended": pd.Timestamp("2022-01-01"), "short": pd.Timestamp("2021-07-02")})

#: (strength points, expected person-years per (op_id, year), expected gaps (op_id, start, end))
TROOP_CASES = {
    "a point holds for the whole year until the end date": (
        points(("ended", "2021-01-01", 1200)), {("ended", 2021): 1200.0}, []),
    "each point holds until the next": (
        points(("ended", "2021-01-01", 1000), ("ended", "2021-07-02", 2000)),
        {("ended", 2021): (1000 * 182 + 2000 * 183) / 365}, []),
    "a span crossing New Year is split by days": (
        points(("short", "2020-07-02", 366)), {("short", 2020): 183.0, ("short", 2021): 366 * 182 / 365}, []),
    "no end date: the last point holds until as_of": (
        points(("ongoing", "2022-01-01", 500)), {("ongoing", 2022): 500.0}, []),
    "a figure holds for at most two years before a late next one; the rest is reported": (
        points(("ongoing", "2015-01-01", 100), ("ongoing", "2019-01-01", 300), ("ongoing", "2020-07-01", 50)),
        {("ongoing", 2015): 100.0, ("ongoing", 2016): 100.0, ("ongoing", 2019): 300.0,
         ("ongoing", 2020): (300 * 182 + 50 * 184) / 366, ("ongoing", 2021): 50.0, ("ongoing", 2022): 50 * 181 / 365},
        [("ongoing", "2017-01-01", "2019-01-01"), ("ongoing", "2022-07-01", "2023-01-01")]),
    "the last figure is not carried to as_of for more than two years": (
        points(("ongoing", "2018-07-01", 9000)), {("ongoing", 2018): 9000 * 184 / 365, ("ongoing", 2019): 9000.0,
                                                   ("ongoing", 2020): 9000 * 182 / 366},
        [("ongoing", "2020-07-01", "2023-01-01")]),
    "points without a figure are skipped": (
        points(("ended", "2021-01-01", 800), ("ended", "2021-06-01", None)), {("ended", 2021): 800.0}, []),
    "operations are kept apart": (
        points(("ended", "2021-01-01", 10), ("ongoing", "2022-01-01", 20)),
        {("ended", 2021): 10.0, ("ongoing", 2022): 20.0}, []),
}


@pytest.mark.parametrize("case", TROOP_CASES)
def test_troop_years(case):
    given, expected, gaps = TROOP_CASES[case]
    result = operations.troop_years(given, as_of=AS_OF, ends=ENDS, max_gap_years=2)
    got = {(r.op_id, r.year): r.person_years for r in result.years.itertuples()}
    assert got == pytest.approx(expected)
    assert [(g.op_id, f"{g.start:%Y-%m-%d}", f"{g.end:%Y-%m-%d}") for g in result.gaps.itertuples()] == gaps


def test_strength_on_follows_the_same_rule():
    given = points(("ongoing", "2018-07-01", 9000), ("ended", "2021-01-01", 1200))
    got = operations.strength_on(given, ["2019-01-01", "2021-03-01", "2022-06-01"], as_of=AS_OF, ends=ENDS)
    assert [(f"{r.date:%Y-%m-%d}", r.op_id, r.personnel) for r in got.itertuples()] == [
        ("2019-01-01", "ongoing", 9000.0), ("2021-03-01", "ended", 1200.0)]  # 2022: carried no longer
    assert got["figure_date"].iloc[0] == pd.Timestamp("2018-07-01")


def test_gap_note_names_whole_empty_years():
    gaps = pd.DataFrame({"op_id": ["kfor", "efp"], "start": pd.to_datetime(["2015-11-29", "2024-06-28"]),
                         "end": pd.to_datetime(["2017-02-01", "2026-12-03"]), "years": [1.2, 2.4]})
    assert operations.gap_note(gaps).endswith("(KFOR 2016; EFP 2025)")


def test_troop_years_names_missing_columns():
    with pytest.raises(ValueError, match="missing: personnel"):
        operations.troop_years(pd.DataFrame({"op_id": ["a"], "date": [AS_OF]}), as_of=AS_OF)


def test_troop_years_on_the_project_data():
    from helpers import data

    ops = data.load("operations").set_index("op_id")
    result = operations.troop_years(data.load("personnel"), as_of=data.as_of(), ends=ops["end_date"])
    isaf = result.years[result.years["op_id"] == "isaf"].set_index("year")["person_years"]
    assert set(range(2004, 2014)) <= set(isaf.index) and (isaf > 0).all()



def test_periods_compare_per_year():
    table = periods.periods(pd.Timestamp("2026-02-24"))
    assert list(table["years"].round(2)) == [24.0, 8.15, 4.0]
    ops = pd.DataFrame({"start_date": pd.to_datetime(["1995-01-01", "2013-12-31", "2014-01-01", "2022-02-24"]),
                        "kind_label": ["A", "A", "A", "B"]})
    rates = operations.launches_per_year(ops, table).set_index(["period", "kind_label"])["per_year"].round(3)
    assert rates[("1990-2013", "A")] == round(2 / 24, 3)
    assert rates[("2014 to Feb 2022", "A")] == round(1 / 8.15, 3)
    assert rates[("Feb 2022 to Feb 2026", "B")] == round(1 / 4, 3)


def test_troops_per_period_shares_a_straddling_year():
    table = periods.periods(pd.Timestamp("2024-01-01"))
    years = pd.DataFrame({"op_id": ["x", "x"], "year": [2013, 2022], "person_years": [240.0, 365.0]})
    out = operations.troops_per_period(years, table).set_index("period")["troop_years"].round(1)
    assert out["1990-2013"] == 240.0
    assert out["2014 to Feb 2022"] == 54.0  # 1 Jan to 24 Feb 2022
    assert out["Feb 2022 to Jan 2024"] == 311.0
