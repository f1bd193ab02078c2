"""Dates a Table Schema cannot check: an end not before its start; a month- or year-precision date on the first day
of its month or year; a national contribution or a coalition member dated within its operation's or coalition's
dates (or up to three months before the start, lists and pledges announced before a launch, or a month after
the end, closing reports)."""

from __future__ import annotations

from datetime import date, timedelta

from ..problems import Problem
from . import Tables

#: Pairs of (start, end) date columns: the end may not precede the start.
DATE_ORDER = {
    "operations": [("start_date", "end_date")],
    "coalitions": [("start_date", "end_date")],
    "coalition_leads": [("start_date", "end_date")],
    "partnerships": [("join_date", "end_date")],
}


def order_problems(tables: Tables) -> list[Problem]:
    out = []
    for name, pairs in DATE_ORDER.items():
        if name not in tables:
            continue
        table = tables[name]
        for line, row in table.records():
            for start, end in pairs:
                a, b = row.get(start, ""), row.get(end, "")
                if len(a) == len(b) == 10 and b < a:
                    out.append(table.problem(line, end, f"ends before it starts ({start} {a})", b))
    return out


def precision_pairs(header: list[str]) -> list[tuple[str, str]]:
    """(date column, precision column) pairs of a table: `start_precision` goes with `start_date`,
    `date_precision` with `date`."""
    pairs = []
    for column in header:
        if column.endswith("_precision"):
            stem = column.removesuffix("_precision")
            target = stem if stem in header else f"{stem}_date"
            if target in header:
                pairs.append((target, column))
    return pairs


def first_day_problems(tables: Tables) -> list[Problem]:
    """A date known only to the month is written as its first day, and one known to the year as 1 January."""
    out = []
    for table in tables.values():
        for column, precision in precision_pairs(table.header):
            for line, row in table.records():
                value, kind = row[column], row[precision]
                if len(value) != 10:
                    continue
                if kind == "month" and not value.endswith("-01"):
                    out.append(table.problem(line, column, "a month-precision date must be the 1st of its month",
                                             value, f"write {value[:8]}01, or set {precision} to day"))
                elif kind == "year" and not value.endswith("-01-01"):
                    out.append(table.problem(line, column, "a year-precision date must be 1 January", value,
                                             f"write {value[:5]}01-01, or set {precision} to month or day"))
    return out


def _span(value: str, precision: str) -> tuple[date, date] | None:
    """The days a dated value may stand for: one day, its month, or its year."""
    try:
        first = date.fromisoformat(value)
    except ValueError:
        return None
    if precision == "year":
        return first, date(first.year, 12, 31)
    if precision == "month":
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, following - timedelta(days=1)
    return first, first


#: A list or pledge may be published shortly before the launch it announces (a Council decision naming the
#: headquarters, a parliament's vote): up to this many days before the start.
BEFORE_START = timedelta(days=92)
#: A complete list may be published at the end of a mission, in its closing reports: up to this many days after.
AFTER_END = timedelta(days=31)


def _within(child: str, child_precision: str, start: str, start_precision: str, end: str, end_precision: str) -> bool:
    """True when the child's span overlaps the parent's from start to end (open end: ongoing), the start brought
    forward by BEFORE_START and the end put back by AFTER_END."""
    span, begins = _span(child, child_precision or "day"), _span(start, start_precision or "day")
    if span is None or begins is None:
        return True
    ends = _span(end, end_precision or "day") if end else (date.max, date.max)
    return span[1] >= begins[0] - BEFORE_START and span[0] <= (ends[1] + AFTER_END if end else ends[1])


#: (table, its key into the parent, parent table, parent key): the child's date must fall within the parent's.
WITHIN = [("contributions", "op_id", "operations", "op_id"),
          ("coalition_members", "coalition_id", "coalitions", "coalition_id"),
          ("coalition_leads", "coalition_id", "coalitions", "coalition_id")]


def within_parent_problems(tables: Tables) -> list[Problem]:
    """A contribution is dated within its operation's dates, a coalition member or lead within its coalition's."""
    out = []
    for child, key, parent, parent_key in WITHIN:
        if child not in tables or parent not in tables:
            continue
        parents = {row[parent_key]: row for _, row in tables[parent].records()}
        table = tables[child]
        column = "date" if "date" in table.header else "start_date"
        precision = "date_precision" if "date_precision" in table.header else "start_precision"
        for line, row in table.records():
            p = parents.get(row[key])
            if p is None or not row[column] or not p.get("start_date"):
                continue
            if not _within(row[column], row[precision], p["start_date"], p["start_precision"], p.get("end_date", ""),
                           p.get("end_precision", "")):
                until = p.get("end_date") or "ongoing"
                out.append(table.problem(line, column, f"outside its {parent[:-1].replace('_', ' ')}'s dates "
                                         f"({row[key]}: {p['start_date']} to {until})", row[column]))
    return out


RULES = [order_problems, first_day_problems, within_parent_problems]
