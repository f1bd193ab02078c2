"""Display labels for vocabulary codes, read once from the data package's `enumLabels` (else derived).

A field of `data/datapackage.json` may carry `enumLabels` ({code: label}) beside its `constraints.enum`; a code
without one that contains an underscore is shown with spaces (`end_unknown` -> `end unknown`), so no raw code
reaches a reader in a site table.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path


def enum_labels(data: Path) -> dict[str, str]:
    """Every vocabulary code of the package that reads differently from its label, mapped to that label."""
    descriptor = json.loads((Path(data) / "datapackage.json").read_text(encoding="utf-8"))
    explicit, derived = {}, {}
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            given = field.get("enumLabels") or {}
            for code in (field.get("constraints") or {}).get("enum", []):
                code = str(code)
                if code in given:
                    explicit.setdefault(code, str(given[code]))
                elif "_" in code:
                    derived.setdefault(code, code.replace("_", " "))
    return {**derived, **explicit}


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
