"""Display labels for vocabulary codes, read once from the data package's `enumLabels` (else derived).

A field of `data/datapackage.json` may carry `enumLabels` ({code: label}) beside its `constraints.enum`; a code
without one that contains an underscore is shown with spaces (`end_unknown` -> `end unknown`), so no raw code
reaches a reader in a site table.
"""

from __future__ import annotations

import html
import re
from pathlib import Path


def enum_labels(data: Path) -> dict[str, str]:
    """Every vocabulary code of the package mapped to its label, across all fields (read through `vocab`, the one
    reader of `enumLabels`); the first field that defines a code wins."""
    from .vocab import field_labels_by_column

    merged: dict[str, str] = {}
    for labels in field_labels_by_column(Path(data) / "datapackage.json").values():
        for code, label in labels.items():
            merged.setdefault(code, label)
    return merged


def field_labels(field: dict) -> list[tuple[str, str]]:
    """(code, label) for each value of one field's vocabulary."""
    given = field.get("enumLabels") or {}
    return [(str(c), str(given.get(c, str(c).replace("_", " ")))) for c in (field.get("constraints") or {}).get("enum", [])]


_CELL = re.compile(r"(<t[dh]\b[^>]*>)\s*([A-Za-z0-9_.-]+)\s*(</t[dh]>)")


def relabel_table_cells(html_text: str, labels: dict[str, str]) -> str:
    """Replace table cells (td or th) that hold exactly one vocabulary code with its label."""
    if not labels:
        return html_text

    def swap(match: re.Match) -> str:
        label = labels.get(match.group(2))
        return match.group(0) if label is None else f"{match.group(1)}{html.escape(label)}{match.group(3)}"

    return _CELL.sub(swap, html_text)
