"""The Hague commitment is read from events.csv, and the reference lines the charts draw agree with it."""

import pandas as pd
import pytest

from helpers import data
from helpers.analysis import commitments
from helpers.charts.style import GUIDELINES


def test_the_hague_commitment_as_the_events_row_states_it():
    hague = commitments.hague(data.load("events"))
    assert (hague.total, hague.core, hague.related) == (5.0, 3.5, 1.5)
    assert (hague.by, hague.review, hague.ukraine_counts) == (2035, 2029, True)
    assert hague.date == pd.Timestamp("2025-06-25") and hague.precision == "day"


def test_the_reference_lines_are_the_commitment():
    hague = commitments.hague(data.load("events"))
    core = next(v for name, (v, _) in GUIDELINES.items() if "core" in name)
    total = next(v for name, (v, _) in GUIDELINES.items() if "in all" in name)
    assert (core, total) == (hague.core, hague.total)
    assert all(str(hague.by) in name for name in GUIDELINES if "core" in name or "in all" in name)


def events_with(summary: str) -> pd.DataFrame:
    return pd.DataFrame({"event_id": [commitments.HAGUE], "summary": [summary], "date": [pd.Timestamp("2025-06-25")],
                         "date_precision": ["day"], "source_id": ["x"]})


@pytest.mark.parametrize("summary, message", [
    ("Allies committed to spend 5% of GDP a year by 2035: at least 3.5% on core defence, with a 2029 review.",
     "the related share"),
    ("Allies committed to spend 5% of GDP a year by 2035: at least 3.5% on core and up to 1% on related items, "
     "with a 2029 review.", "do not make the total"),
])
def test_a_summary_that_no_longer_states_the_commitment_stops_with_a_plain_message(summary, message):
    with pytest.raises(ValueError, match=message):
        commitments.hague(events_with(summary))


def test_ukraine_counts_only_when_the_summary_says_so():
    text = ("Allies committed to spend 5% of GDP a year by 2035: at least 3.5% on core and up to 1.5% on related "
            "items, with a 2029 review.")
    assert not commitments.hague(events_with(text)).ukraine_counts
    assert commitments.hague(events_with(text + " Direct contributions to Ukraine count.")).ukraine_counts
