"""Unit tests of the computations the notebooks share, on small hand-made frames."""

import pandas as pd

from helpers import analysis

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
    years = analysis.operation_years(ops_frame(), pd.Timestamp("2008-12-31"))
    assert sorted(years[years.op_id == "a"].year) == [1999, 2000, 2001]
    assert sorted(years[years.op_id == "b"].year) == list(range(2005, 2009))
    # an operation whose end is unknown counts only in its first year, never up to "today"
    assert sorted(years[years.op_id == "c"].year) == [2007]


def test_active_per_year_counts_by_kind():
    counts = analysis.active_per_year(ops_frame(), pd.Timestamp("2008-12-31"))
    row = counts[(counts.year == 2007) & (counts.kind == "training")]
    assert int(row.operations.iloc[0]) == 2
    assert counts.operations.sum() == 3 + 4 + 1


def test_members_on_includes_the_accession_day():
    members = pd.DataFrame({"iso3": ["BEL", "POL"], "accession_date": pd.to_datetime(["1949-08-24", "1999-03-12"])})
    assert list(analysis.members_on(members, pd.Timestamp("1999-03-12")).iso3) == ["BEL", "POL"]
    assert list(analysis.members_on(members, pd.Timestamp("1999-03-11")).iso3) == ["BEL"]


def test_share_meeting_counts_at_threshold_and_flags_estimates():
    spending = pd.DataFrame({"iso3": ["A", "B", "C", "A", "B"], "year": [2014, 2014, 2014, 2015, 2015],
                             "gdp_share_pct": [2.0, 1.99, None, 2.5, 3.0],
                             "is_estimate": [False, False, False, True, False]})
    out = analysis.share_meeting(spending, 2.0).set_index("year")
    assert out.loc[2014, "allies_reporting"] == 2 and out.loc[2014, "allies_meeting"] == 1
    assert out.loc[2014, "meeting"] == "A" and not out.loc[2014, "any_estimate"]
    assert out.loc[2015, "allies_meeting"] == 2 and out.loc[2015, "any_estimate"]


def test_short_label_keeps_labels_distinct():
    labels = analysis.short_label(ops_frame(), width=40)
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
    out = analysis.theatre_membership(ops, countries, members).set_index("op_id")
    assert out.loc["x", "where"] == "beyond the Allies"  # Poland had not joined yet
    assert out.loc["y", "where"] == "both"
    assert out.loc["z", "where"] == "at sea only"
