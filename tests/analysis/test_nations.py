"""Counts of contributing nations say what they count: NATO's own dated count first, undated counts apart, and
Allies counted at the end of the period a date stands for."""

import pandas as pd
import pytest

from helpers import data
from helpers.analysis import nations


@pytest.mark.parametrize("date, precision, end", [
    ("2011-01-01", "year", "2011-12-31"), ("2008-10-01", "month", "2008-10-31"), ("2010-12-20", "day", "2010-12-20"),
])
def test_period_end(date, precision, end):
    assert nations.period_end(pd.Timestamp(date), precision) == pd.Timestamp(end)


def test_isaf_stands_for_natos_own_48_not_the_undated_51():
    """Issue 20: 51 is a year-precision peak from a secondary source; NATO's page of December 2010 says 48."""
    counts = nations.nation_counts(data.load("operations"), data.load("personnel")).set_index("op_id")
    isaf = counts.loc["isaf"]
    assert (isaf["nations"], isaf["by_nato"], isaf["date_precision"]) == (48, True, "day")
    assert (isaf["any_nations"], isaf["any_precision"]) == (51, "year")
    assert set(counts["counts"]) == {nations.ON_A_DATE, nations.WHOLE_OPERATION}
    assert counts.loc[counts["counts"] == nations.WHOLE_OPERATION, "date"].isna().all()


def test_planned_counts_are_no_count_of_the_force():
    rows = pd.DataFrame({"op_id": ["x", "x"], "date": pd.to_datetime(["2017-05-01", "2018-01-01"]),
                         "date_precision": ["month", "day"], "contributing_nations": [16, 12],
                         "figure_type": ["planned", "deployed"], "source_id": ["a", "b"]})
    assert nations.largest_counts(rows)["nations"].tolist() == [12]


def test_field_source_names_the_source_of_one_value():
    row = pd.Series({"source_id": "row-src", "field_sources": "peak_personnel=a; contributing_nations=b"})
    assert nations.field_source(row, "contributing_nations") == "b"
    assert nations.field_source(row, "legal_basis") == "row-src"
    assert nations.field_source(pd.Series({"source_id": "s", "field_sources": pd.NA}), "x") == "s"


def test_allies_are_counted_at_the_end_of_the_period():
    members = pd.DataFrame({"accession_date": pd.to_datetime(["1949-08-24", "2011-06-01"])})
    counts = pd.DataFrame({"date": pd.to_datetime(["2011-01-01", "2011-01-01"]), "date_precision": ["year", "day"],
                           "contributing_nations": [5, 5]})
    out = nations.beyond_the_allies(counts, members)
    assert out["allies_then"].tolist() == [2, 1] and out["partners_at_least"].tolist() == [3, 4]
