"""Standards of sourcing a row must meet: a Wikipedia-derived source is flagged in the row's note, and the claims
register follows its written standard (a verdict of 'wrong' or 'partly' says what is right)."""

from __future__ import annotations

from ..problems import Problem
from . import Tables
from .references import source_ids


def wikipedia_flag_problems(tables: Tables) -> list[Problem]:
    """A row resting on a Wikipedia-derived source must say so in its note (the facts rule's last resort). A quote
    is flagged through the row it backs."""
    wiki = source_ids(tables, "wikipedia_derived")
    out = []
    for name, table in tables.items():
        if name in ("sources", "quotes") or "source_id" not in table.header or "note" not in table.header:
            continue
        for line, row in table.records():
            if row["source_id"] in wiki and "wikipedia" not in row["note"].lower():
                out.append(table.problem(line, "note", "rests on a Wikipedia-derived source; say so in the note",
                                         row["source_id"]))
    return out


def claims_problems(tables: Tables) -> list[Problem]:
    """The claims register's standard (notebook 08): a verdict of 'wrong' or 'partly' says what is right."""
    if "claims" not in tables:
        return []
    table = tables["claims"]
    out = []
    for line, row in table.records():
        if row["verdict"] in ("wrong", "partly") and not row["correction"]:
            out.append(table.problem(line, "correction", f"a verdict of '{row['verdict']}' needs a correction"))
    return out


RULES = [wikipedia_flag_problems, claims_problems]
