"""Counts as of a date and a release: the value, and the vintage its headline states."""

import csv

import pandas as pd
import pytest

from conftest import ROOT
from helpers.analysis import asof


def at_or_above(release: str, year: int, threshold: float) -> tuple[int, int]:
    """Allies at or above `threshold` % of GDP in `year`, read straight from the CSV (not through the helpers)."""
    with open(ROOT / "data" / "defence_expenditure.csv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["release"] == release and r["year"] == str(year)
                and r["gdp_share_pct"]]
    return sum(float(r["gdp_share_pct"]) >= threshold for r in rows), len(rows)


def test_allies_at_two_percent_as_published_and_as_revised():
    """2024 as published in June 2024 and as revised in August 2025 (23 and 18 in the data read)."""
    published = asof.count("allies_at", year=2024, release="2024-06")
    revised = asof.count("allies_at", year=2024, release="2025-08")
    assert (published.value, published.out_of) == at_or_above("2024-06", 2024, 2.0)
    assert (revised.value, revised.out_of) == at_or_above("2025-08", 2024, 2.0)
    assert published.value == 23 and revised.value == 18
    assert "as published by NATO in June 2024" in published.headline()
    assert "as revised by NATO in August 2025" in revised.headline()
    assert published.headline().startswith("23 of 31 Allies reporting spent at least 2% of GDP in 2024")


def test_a_date_picks_the_release_published_by_then():
    assert asof.count("allies_at", year=2024, date="2024-12-31").value == 23
    assert asof.count("allies_at", year=2024, date="2025-09-01").value == 18
    early = asof.count("allies_at", year=2024, date="2023-01-01")
    assert early.value is None and early.reason == "not_yet_published"
    later = asof.count("allies_at", year=2025, release="2024-06")
    assert later.value is None and later.reason == "not_yet_published" and "not yet published" in later.headline()
    before = asof.count("allies_at", year=2010, release="2025-08")
    assert before.value is None and before.reason == "beyond_coverage"


def test_members_on_a_date():
    assert asof.count("members", date="1999-03-11").value == 16
    assert asof.count("members", date="1999-03-12").value == 19
    assert asof.count("members", date="2024-03-07").headline() == "32 Allies, on 7 March 2024 (members.csv)"


def test_contributors_on_a_date_say_whether_the_list_is_complete():
    full = asof.count("contributors", op_id="isaf", date="2010-12-01")
    assert full.value == 46 and not full.at_least and "as listed on 15 November 2010" in full.headline()
    partial = asof.count("contributors", op_id="isaf", date="2006-12-01")
    assert partial.at_least and partial.headline().startswith("at least ")
    outside = asof.count("contributors", op_id="isaf", date="2016-01-01")
    assert outside.value is None and outside.reason == "not_applicable"
    stale = asof.count("contributors", op_id="kfor", date="2016-06-01")
    assert stale.value is None and stale.reason == "not_found"


def test_questions_are_checked():
    with pytest.raises(ValueError, match="answers members, contributors, allies_at"):
        asof.count("partners", date="2020-01-01")
    with pytest.raises(ValueError, match="needs a date"):
        asof.count("members")


def test_releases_with_a_year():
    every = pd.DataFrame({"release": ["2024-06", "2025-08", "2025-08"], "year": [2024, 2024, 2025],
                          "gdp_share_pct": [2.0, 2.1, 2.2]})
    assert asof.releases_with(every, 2024) == ["2024-06", "2025-08"]
    assert asof.vintage(every, "2025-08", 2025) == "as published by NATO in August 2025"
