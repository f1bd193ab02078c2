"""Figures that must agree across tables and within a row: an operation's peak is the largest deployed strength in
personnel.csv; the national figures of one snapshot do not exceed the operation's own total for that date or its
peak; Security Council votes fit the Council; one framework nation per battlegroup and date."""

from __future__ import annotations

from collections import defaultdict

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


#: A note with this word, on any row of a snapshot, says why its national figures and the total count different
#: things (national support elements outside the theatre, say); the snapshot is then not compared.
SCOPE_WORD = "scope"


def snapshot_total_problems(tables: Tables) -> list[Problem]:
    """The national figures of one dated snapshot of an operation (same figure type) add up to no more than the
    operation's own total on that date (personnel.csv), or else its peak of that figure type (operations.csv)."""
    if "contributions" not in tables or "operations" not in tables:
        return []
    table = tables["contributions"]
    snapshots: dict[tuple[str, str, str], list[tuple[int, dict]]] = defaultdict(list)
    for line, row in table.records():
        if row["personnel"].isdigit() and not row["host_iso3"]:
            snapshots[(row["op_id"], row["date"], row["figure_type"] or "deployed")].append((line, row))
    totals = {(r["op_id"], r["date"], r["figure_type"]): int(r["personnel"])
              for _, r in tables["personnel"].records() if r["personnel"].isdigit()} if "personnel" in tables else {}
    peaks = {r["op_id"]: (int(r["peak_personnel"]), r["peak_figure_type"] or "deployed")
             for _, r in tables["operations"].records() if r["peak_personnel"].isdigit()}
    out = []
    for (op, date, kind), rows in sorted(snapshots.items()):
        if any(SCOPE_WORD in row["note"].lower() for _, row in rows):
            continue
        added = sum(int(row["personnel"]) for _, row in rows)
        if (op, date, kind) in totals:
            limit, what = totals[(op, date, kind)], f"its total on that date in personnel.csv, {totals[(op, date, kind)]}"
        elif op in peaks and peaks[op][1] == kind:
            limit, what = peaks[op][0], f"its peak in operations.csv, {peaks[op][0]}"
        else:
            continue
        if added > limit:
            out.append(table.problem(rows[0][0], "personnel", f"the national figures of {op} on {date} add up to "
                                     f"more than {what}", str(added),
                                     "correct a figure, or say in a note why the scopes differ"))
    return out


#: Members of the Security Council since 1 January 1966 (11 before).
COUNCIL_SIZE = 15


def vote_problems(tables: Tables) -> list[Problem]:
    """Votes for, against and abstaining add up to no more than the Council; abstainers named are no more than the
    abstentions."""
    if "resolutions" not in tables:
        return []
    table = tables["resolutions"]
    out = []
    for line, row in table.records():
        votes = [int(row[c]) for c in ("votes_for", "votes_against", "abstentions") if row[c].isdigit()]
        if sum(votes) > COUNCIL_SIZE:
            out.append(table.problem(line, "votes_for", f"votes add up to more than the Council's {COUNCIL_SIZE} "
                                     "members", str(sum(votes))))
        named = [c for c in row["abstaining"].split(";") if c.strip()]
        if row["abstentions"].isdigit() and len(named) > int(row["abstentions"]):
            out.append(table.problem(line, "abstaining", f"names more abstainers than the {row['abstentions']} "
                                     "abstentions", row["abstaining"]))
    return out


def framework_problems(tables: Tables) -> list[Problem]:
    """One framework nation per forward battlegroup (host) and date."""
    if "contributions" not in tables:
        return []
    table = tables["contributions"]
    seen: dict[tuple[str, str, str], str] = {}
    out = []
    for line, row in table.records():
        if row["role"] == "framework_nation" and row["host_iso3"]:
            key = (row["op_id"], row["host_iso3"], row["date"])
            if key in seen and seen[key] != row["iso3"]:
                out.append(table.problem(line, "role", f"a second framework nation for {row['host_iso3']} on "
                                         f"{row['date']} ({seen[key]} is the first)", row["iso3"]))
            seen.setdefault(key, row["iso3"])
    return out


RULES = [peak_problems, snapshot_total_problems, vote_problems, framework_problems]
