"""Counts as of a date and a release: one function, `count`, answers how many, when, and in which vintage of the
data, and says so in its headline.

- `count("members", date=...)`: Allies on a date (members.csv);
- `count("contributors", op_id=..., date=...)`: nations on the operation's latest list dated within a year before
  the date (at least that many where the list is partial);
- `count("allies_at", year=..., threshold=2.0, release=...)`: Allies at or above a share of GDP in a year, in one
  NATO release: the first release that gives the year publishes it, later ones revise it. Instead of a release, a
  `date` picks the latest release published by then.

A count that cannot be given has `value` None and a `reason` (`helpers.analysis.missing.REASONS`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from .missing import reason_text
from .panels import complete_lists
from .spending import release_name
from .words import when

QUESTIONS = ("members", "contributors", "allies_at")
#: The oldest list that still answers "who took part on this date".
LIST_MAX_AGE = pd.Timedelta(days=365)


@dataclass(frozen=True)
class Count:
    """A count with its vintage: what was counted, the value, and which date, list or release it rests on."""

    question: str
    value: int | None
    vintage: str
    reason: str | None = None
    at_least: bool = False
    out_of: int | None = None
    rows: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False, compare=False)

    def headline(self) -> str:
        """'23 of 31 Allies reporting spent at least 2% of GDP in 2024, as published by NATO in June 2024'."""
        if self.value is None:
            return f"{self.question}: {reason_text(self.reason)} ({self.vintage})"
        value = f"at least {self.value}" if self.at_least else f"{self.value}"
        out_of = f" of {self.out_of}" if self.out_of is not None else ""
        return f"{value}{out_of} {self.question}, {self.vintage}"


def _frames(given: Mapping[str, pd.DataFrame] | None, names: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    from ..data.loader import load

    given = dict(given or {})
    return {n: given[n] if n in given else load(n) for n in names}


def _members(t, date: pd.Timestamp) -> Count:
    rows = t["members"][t["members"]["accession_date"] <= date]
    return Count("Allies", len(rows), f"on {when(date)} (members.csv)", rows=rows)


def _contributors(t, op_id: str, date: pd.Timestamp) -> Count:
    from .operations import short_label

    ops = t["operations"].set_index("op_id")
    label = short_label(ops.reset_index()).set_axis(ops.index)[op_id]
    op = ops.loc[op_id]
    question = f"nations in {label}"
    ended = pd.notna(op["end_date"]) and date > op["end_date"]
    if date < op["start_date"] or ended:
        return Count(question, None, f"on {when(date)}: {label} ran {when(op['start_date'], op['start_precision'])}"
                     + (f" to {when(op['end_date'], op['end_precision'])}" if pd.notna(op["end_date"]) else ""),
                     reason="not_applicable")
    lists = t["contributions"][(t["contributions"]["op_id"] == op_id) & (t["contributions"]["date"] <= date)
                               & (t["contributions"]["date"] > date - LIST_MAX_AGE)]
    if lists.empty:
        return Count(question, None, f"on {when(date)}: no list dated in the year before", reason="not_found")
    latest = lists["date"].max()
    rows = lists[lists["date"] == latest]
    full = complete_lists(t["contributions"], t["personnel"])
    complete = bool(((full["op_id"] == op_id) & (full["date"] == latest)).any())
    precision = str(rows["date_precision"].iloc[0])
    return Count(question, int(rows["iso3"].nunique()),
                 f"as listed on {when(latest, precision)}" + ("" if complete else " (a partial list)"),
                 at_least=not complete, rows=rows)


def release_on(every: pd.DataFrame, date: pd.Timestamp) -> str | None:
    """The latest NATO release published by `date` (release codes are the year and month of publication)."""
    codes = sorted(c for c in every["release"].astype("string").dropna().unique() if c <= f"{date:%Y-%m}")
    return codes[-1] if codes else None


def releases_with(every: pd.DataFrame, year: int) -> list[str]:
    """The releases that give a figure for `year`, oldest first: the first publishes it, the others revise it."""
    rows = every[(every["year"] == year) & every["gdp_share_pct"].notna()]
    return sorted(rows["release"].astype("string").unique())


def vintage(every: pd.DataFrame, release: str, year: int) -> str:
    """'as published by NATO in June 2024' where the release is the first to give the year, else 'as revised by
    NATO in August 2025'."""
    releases = every["release"].astype("string")
    earlier = every[(releases < release) & (every["year"] == year) & every["gdp_share_pct"].notna()]
    return f"as {'revised' if len(earlier) else 'published'} by NATO in {release_name(release)}"


def _allies_at(t, year: int, threshold: float, release: str | None, date: pd.Timestamp | None) -> Count:
    every = t["defence_expenditure"]
    question = f"Allies reporting spent at least {threshold:g}% of GDP in {year}"
    if release is None:
        release = release_on(every, date) if date is not None else str(every["release"].astype("string").max())
        if release is None:
            return Count(question, None, f"on {when(date)}: no NATO release in the data yet",
                         reason="not_yet_published")
    rows = every[(every["release"].astype("string") == release) & (every["year"] == year)].dropna(
        subset=["gdp_share_pct"])
    if rows.empty:
        years = every.loc[every["release"].astype("string") == release, "year"]
        reason = "not_yet_published" if year > int(years.max()) else "beyond_coverage"
        return Count(question, None, f"NATO's release of {release_name(release)}", reason=reason)
    meeting = rows[rows["gdp_share_pct"] >= threshold]
    estimates = " (NATO estimates)" if rows["is_estimate"].all() else (
        " (partly NATO estimates)" if rows["is_estimate"].any() else "")
    return Count(question, len(meeting), vintage(every, release, year) + estimates, out_of=len(rows), rows=meeting)


def count(question: str, *, date=None, release: str | None = None, year: int | None = None,
          op_id: str | None = None, threshold: float = 2.0,
          tables: Mapping[str, pd.DataFrame] | None = None) -> Count:
    """Answer one of QUESTIONS for a date and a release (see the module docstring)."""
    if question not in QUESTIONS:
        raise ValueError(f"count() answers {', '.join(QUESTIONS)}; not {question!r}")
    date = pd.Timestamp(date) if date is not None else None
    if question == "members":
        if date is None:
            raise ValueError("count('members') needs a date")
        return _members(_frames(tables, ("members",)), date)
    if question == "contributors":
        if date is None or op_id is None:
            raise ValueError("count('contributors') needs an op_id and a date")
        return _contributors(_frames(tables, ("operations", "contributions", "personnel")), op_id, date)
    if year is None:
        raise ValueError("count('allies_at') needs a year")
    return _allies_at(_frames(tables, ("defence_expenditure",)), year, threshold, release, date)
