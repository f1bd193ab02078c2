"""Figures that must agree across tables: an operation's peak is the largest deployed strength in personnel.csv."""

from __future__ import annotations

from ..problems import Problem
from . import Tables


def peak_problems(tables: Tables) -> list[Problem]:
    """operations.peak_personnel (and its date and nation count) agree with the largest deployed strength in
    personnel.csv, where that operation has such rows."""
    if "operations" not in tables or "personnel" not in tables:
        return []
    best: dict[str, tuple[int, str]] = {}
    nations: dict[str, int] = {}
    for _, row in tables["personnel"].records():
        op, value = row["op_id"], row["personnel"]
        if value.isdigit() and row["figure_type"] == "deployed":
            current = best.get(op)
            if current is None or int(value) > current[0] or (int(value) == current[0] and row["date"] < current[1]):
                best[op] = (int(value), row["date"])
        if row["contributing_nations"].isdigit():
            nations[op] = max(nations.get(op, 0), int(row["contributing_nations"]))
    table = tables["operations"]
    out = []
    for line, row in table.records():
        op = row["op_id"]
        if op in best:
            value, date = best[op]
            if row["peak_personnel"] != str(value) or row["peak_personnel_date"] != date:
                out.append(table.problem(line, "peak_personnel",
                                         f"must be the largest deployed strength in personnel.csv ({value} on {date})",
                                         f"{row['peak_personnel']} on {row['peak_personnel_date'] or '?'}"))
        if op in nations and row["contributing_nations"] != str(nations[op]):
            out.append(table.problem(line, "contributing_nations", f"must be the largest count in personnel.csv "
                                     f"({nations[op]})", row["contributing_nations"] or "empty"))
    return out


RULES = [peak_problems]
