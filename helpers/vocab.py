"""Display labels for vocabulary codes, defined once beside each `enum` in data/datapackage.json (`enumLabels`).

Charts, hover text, legends and tables show `label("operations", "legal_basis", "unsc_chapter_vii")` =
"UN Security Council authorisation (Chapter VII)", never the raw code.
"""

from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd

from .paths import data_dir


@lru_cache(maxsize=4)
def _labels(path: str) -> dict[tuple[str, str], dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        descriptor = json.load(fh)
    return {(r["name"], f["name"]): f["enumLabels"] for r in descriptor["resources"]
            for f in r["schema"]["fields"] if "enumLabels" in f}


def field_labels_by_column(descriptor_path) -> dict[tuple[str, str], dict[str, str]]:
    """{(table, column): {code: label}} for every vocabulary in a data package."""
    return {key: dict(value) for key, value in _labels(str(descriptor_path)).items()}


def labels(table: str, column: str) -> dict[str, str]:
    """code -> display label for one vocabulary column (empty if the column has none)."""
    return dict(_labels(str(data_dir() / "datapackage.json")).get((table, column), {}))


def label(table: str, column: str, code: object) -> str:
    """The display label of one code; unknown codes are shown with spaces instead of underscores."""
    if code is None or (not isinstance(code, str) and pd.isna(code)):
        return "not recorded"
    return labels(table, column).get(str(code), str(code).replace("_", " "))


def labelled(series: pd.Series, table: str, column: str) -> pd.Series:
    """A column of codes as display labels (missing values become 'not recorded')."""
    return series.astype("object").map(lambda code: label(table, column, code))
