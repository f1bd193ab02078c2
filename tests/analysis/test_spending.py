"""Spending computations that name NATO's releases from the data, and the sentences that say what a year covers."""

import pandas as pd

from helpers import data
from helpers.analysis import spending


def releases(*codes):
    """Two Allies, 2023-2024, one row per release; each release revises POL's 2024 share up by 0.1."""
    rows = []
    for i, code in enumerate(codes):
        for iso3, base in (("POL", 3.0), ("FRA", 2.0)):
            for year in (2023, 2024):
                rows.append({"iso3": iso3, "year": year, "release": code, "is_estimate": year == 2024,
                             "gdp_share_pct": base + (0.1 * i if iso3 == "POL" and year == 2024 else 0)})
    return pd.DataFrame(rows)


def test_revisions_compare_the_two_latest_releases_in_generic_columns():
    out = spending.revisions(releases("2024-06", "2025-08", "2026-07"), pd.Series({"POL": "Poland", "FRA": "France"}))
    assert {"earlier", "later", "difference", "earlier_release", "later_release"} <= set(out.columns)
    assert set(out["earlier_release"]) == {"2025-08"} and set(out["later_release"]) == {"2026-07"}
    assert spending.release_name("2026-07") == "July 2026"
    changed = out[out["difference"] != 0]
    assert list(changed["name"]) == ["Poland"] and changed["difference"].iloc[0] == 0.1


def test_series_names_follow_the_latest_release():
    every = data.load("defence_expenditure")
    names = set(spending.europe_and_canada(every)["series"])
    latest = spending.release_name(spending.latest_release_code(every))
    assert any(latest in name for name in names) and not any("Aug 2025" in name for name in names)


def test_first_and_last_say_which_years():
    pairs = spending.first_and_last(releases("2025-08"), pd.Series({"POL": "Poland", "FRA": "France"}))
    assert set(pairs["start_year"]) == {2023} and set(pairs["end_year"]) == {2024}


MEMBERS = pd.DataFrame({"name": ["Poland", "France", "Sweden", "Germany"],
                        "accession_date": pd.to_datetime(["1999-03-12", "1949-08-24", "2024-03-07", "1955-05-06"])},
                       index=["POL", "FRA", "SWE", "DEU"])


def year_rows(estimates):
    return pd.DataFrame({"iso3": ["POL", "FRA", "SWE"], "is_estimate": estimates, "gdp_share_pct": [4.0, 2.0, 2.2]})


def test_year_summary_names_what_the_year_covers():
    shown = year_rows([False, False, True])
    whole = pd.concat([shown, pd.DataFrame({"iso3": ["DEU"], "is_estimate": [True], "gdp_share_pct": [None]})])
    text = spending.year_summary(shown, whole, MEMBERS, 2019)
    assert text == ("2019: 3 Allies with a figure; NATO published none for Germany. Sweden had not yet joined in "
                    "2019: the figures are for today's Allies.")
    assert "estimate" not in text


def test_year_summary_says_estimates_only_when_all_are():
    shown = year_rows([True, True, True])
    assert spending.year_summary(shown, shown, MEMBERS, 2025) == "2025: 3 Allies with a figure. All are NATO estimates."
    assert spending.figures_word(shown) == "estimates" and spending.figures_word(year_rows([True, False, True])) == "figures"


def test_without_figure_names_the_missing_allies():
    rows = pd.DataFrame({"iso3": ["POL", "DEU", "POL", "DEU"], "year": [2024, 2024, 2025, 2025],
                         "gdp_share_pct": [4.1, 2.1, 4.5, None]})
    names = pd.Series({"POL": "Poland", "DEU": "Germany"})
    assert spending.without_figure(rows, 2025, names) == ("Germany has no 2025 figure in this release, so it drops "
                                                           "out of every 2025 comparison.")
    assert spending.without_figure(rows, 2024, names) == "Every Ally in the release has a 2024 figure."


def test_gdp_fell_most_widely_in_2020():
    fall = spending.gdp_fall(data.load("defence_expenditure"))
    assert fall["year"] == 2020 and fall["falling"] > fall["allies"] / 2 and fall["median_change_pct"] < 0


def test_not_in_tables():
    rows = pd.DataFrame({"iso3": ["POL", "FRA"]})
    assert spending.not_in_tables(MEMBERS, rows) == "Germany and Sweden are not in NATO's expenditure tables at all."
    assert spending.not_in_tables(MEMBERS.loc[["POL"]], rows) == ""
    assert spending.not_in_tables(MEMBERS.loc[["POL", "SWE"]], rows) == "Sweden is not in NATO's expenditure tables at all."


def test_year_summary_lists_three_allies_as_english():
    members = pd.concat([MEMBERS, pd.DataFrame({"name": ["Finland", "North Macedonia"], "accession_date": pd.to_datetime(
        ["2023-04-04", "2020-03-27"])}, index=["FIN", "MKD"])])
    shown = pd.DataFrame({"iso3": ["FIN", "MKD", "SWE"], "is_estimate": [False] * 3, "gdp_share_pct": [2.0] * 3})
    assert "Finland, North Macedonia and Sweden had not yet joined in 2019" in spending.year_summary(
        shown, shown, members, 2019)
