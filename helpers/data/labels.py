"""Display labels for vocabulary codes, defined once beside each `enum` in data/datapackage.json (`enumLabels`).

Charts, hover text, legends and tables show `label("operations", "legal_basis", "unsc_chapter_vii")` =
"UN Security Council authorisation (Chapter VII)", never the raw code. A code without a label is shown with
spaces for underscores (`display`), the one fallback the whole collection uses.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..paths import data_dir

NOT_RECORDED = "not recorded"


def display(code: object, labels: dict[str, str] | None = None) -> str:
    """The label of a code from `labels`, else the code with spaces for underscores."""
    text = str(code)
    return (labels or {}).get(text) or text.replace("_", " ")


@lru_cache(maxsize=4)
def _labels(path: str) -> dict[tuple[str, str], dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        descriptor = json.load(fh)
    return {(r["name"], f["name"]): f["enumLabels"] for r in descriptor["resources"]
            for f in r["schema"]["fields"] if "enumLabels" in f}


def _descriptor_path(directory: Path | None = None) -> str:
    return str(Path(directory or data_dir()) / "datapackage.json")


def labels(table: str, column: str) -> dict[str, str]:
    """code -> display label for one vocabulary column (empty if the column has none)."""
    return dict(_labels(_descriptor_path()).get((table, column), {}))


def label(table: str, column: str, code: object) -> str:
    """The display label of one code; unknown codes are shown with spaces instead of underscores."""
    if code is None or code != code or str(code) in ("<NA>", "nan"):
        return NOT_RECORDED
    return display(code, labels(table, column))


def labelled(series, table: str, column: str):
    """A column of codes as display labels (missing values become 'not recorded')."""
    return series.astype("object").map(lambda code: label(table, column, code))


def all_labels(directory: Path | None = None) -> dict[str, str]:
    """Every vocabulary code of the package mapped to its label, across all fields; the first field that defines
    a code wins (for site tables, where the column is not known)."""
    merged: dict[str, str] = {}
    for field_labels in _labels(_descriptor_path(directory)).values():
        for code, text in field_labels.items():
            merged.setdefault(code, text)
    return merged


def labels_by_column(directory: Path | None = None) -> dict[str, dict[str, str]]:
    """{column name: {code: label}} across the package's tables (the first table that defines a column's
    vocabulary wins): for tables whose columns are known, so that an id is never read as another column's code
    (the operation `isaf` is not the tally scope `isaf`)."""
    merged: dict[str, dict[str, str]] = {}
    for (_, column), field_labels in _labels(_descriptor_path(directory)).items():
        merged.setdefault(column, dict(field_labels))
    return merged


def field_labels(field: dict) -> list[tuple[str, str]]:
    """(code, label) for each value of one schema field's vocabulary."""
    given = field.get("enumLabels") or {}
    return [(str(c), display(c, given)) for c in (field.get("constraints") or {}).get("enum", [])]


def column_label(name: str) -> str:
    """A column name as a reader reads it: `peak_personnel` -> 'Peak personnel'."""
    text = name.replace("_", " ").strip()
    for short, full in (("iso3", "country code"), ("op id", "operation"), ("pct", "%"), ("usd", "US$"),
                        ("mn", "million")):
        text = " ".join(full if w == short else w for w in text.split(" "))
    return text[:1].upper() + text[1:]
