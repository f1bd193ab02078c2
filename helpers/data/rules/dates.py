"""Dates a Table Schema cannot check: an end not before its start."""

from __future__ import annotations

from ..problems import Problem
from . import Tables

#: Pairs of (start, end) date columns: the end may not precede the start.
DATE_ORDER = {
    "operations": [("start_date", "end_date")],
    "coalitions": [("start_date", "end_date")],
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


RULES = [order_problems]
