"""Stable cell ids: every cell gets a short `cNN` id, so a notebook's diff and its cell-id test stay quiet.

JupyterLab gives each new cell a random id. `assign_ids` keeps every `cNN` id a cell already has and gives
each other cell the next free number, in reading order. The runner (`python -m helpers execute`) calls it, so a
notebook edited in JupyterLab passes `test_cell_ids_are_stable` without hand-editing.
"""

from __future__ import annotations

import re

#: A stable id: 'c' and at least two digits (c00 ... c99, then c100 ...).
STABLE_ID = re.compile(r"c(\d{2,})")


def assign_ids(nb) -> list[str]:
    """Give every cell of `nb` (an nbformat notebook or its dict) lacking a stable id the next free `cNN` id.

    Existing stable ids are kept, unless one repeats an earlier cell's id (a copied cell), in which case the
    later cell gets a new one. New numbers continue after the highest in use. Returns the ids assigned.
    """
    cells = nb["cells"]
    numbers = [int(m.group(1)) for c in cells if (m := STABLE_ID.fullmatch(str(c.get("id", ""))))]
    following = max(numbers, default=-1) + 1
    seen: set[str] = set()
    assigned = []
    for cell in cells:
        current = str(cell.get("id", ""))
        if STABLE_ID.fullmatch(current) and current not in seen:
            seen.add(current)
            continue
        cell["id"] = f"c{following:02d}"
        following += 1
        seen.add(cell["id"])
        assigned.append(cell["id"])
    return assigned
