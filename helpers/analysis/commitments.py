"""NATO's spending commitments as the events table states them: the Hague commitment of 2025 read from its row.

The Hague Summit declaration set a total share of GDP by a target year, made of a core part (defence as NATO
defines it, what NATO's expenditure tables measure) and a part for defence- and security-related spending, with a
review year, and it counts direct support to Ukraine. Every number is read from the summary of
events.csv's row `spending_2025_hague_5pct` (whose quotes in quotes.csv give the declaration's words), so a chart
or sentence never types them.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pandas as pd

HAGUE = "spending_2025_hague_5pct"


class Commitment(NamedTuple):
    """The Hague commitment: total, core and related shares of GDP (%), target and review years, and whether
    direct contributions to Ukraine count, with the event's date, precision and source."""

    total: float
    core: float
    related: float
    by: int
    review: int
    ukraine_counts: bool
    date: pd.Timestamp
    precision: str
    source_id: str


def _number(pattern: str, text: str, what: str) -> float:
    found = re.search(pattern, text)
    if found is None:
        raise ValueError(f"events.csv {HAGUE}: the summary no longer states {what} ({pattern!r})")
    return float(found[1])


def hague(events: pd.DataFrame) -> Commitment:
    """The Hague commitment read from its events row (ValueError naming what is missing if the summary changed)."""
    row = events.set_index("event_id").loc[HAGUE]
    text = str(row["summary"])
    total = _number(r"(\d+(?:\.\d+)?)% of GDP", text, "the total share")
    core = _number(r"at least (\d+(?:\.\d+)?)%", text, "the core share")
    related = _number(r"up to (\d+(?:\.\d+)?)%", text, "the related share")
    if abs(core + related - total) > 1e-9:
        raise ValueError(f"events.csv {HAGUE}: core {core}% and related {related}% do not make the total {total}%")
    return Commitment(total=total, core=core, related=related, by=int(_number(r"by (\d{4})", text, "the target year")),
                      review=int(_number(r"(\d{4}) review", text, "the review year")),
                      ukraine_counts=bool(re.search(r"contributions to Ukraine count", text)),
                      date=row["date"], precision=str(row["date_precision"]), source_id=str(row["source_id"]))
