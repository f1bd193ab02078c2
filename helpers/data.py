"""Load the datasets as typed pandas DataFrames, only after the whole package validates.

Citing the rows (`cite`, `bibliography`) and summarising source quality (`source_mix`, `inventory`) live in
`helpers.provenance`; the old names below still answer from here so that existing notebooks keep working.
"""

from __future__ import annotations

import io
import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .csvfiles import read_csv_text
from .paths import data_dir
from .runcache import note_loaded
from .validation import DataValidationError, fingerprint, validate_cached


@lru_cache(maxsize=8)
def _validated(directory: Path, stamp: str) -> dict:
    """Validate the package once per content fingerprint; return its descriptor."""
    problems, _ = validate_cached(directory, stamp)
    if problems:
        raise DataValidationError(problems)
    return json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))


def descriptor(directory: Path | None = None) -> dict:
    """The validated data package descriptor (raises DataValidationError listing every problem)."""
    directory = Path(directory or data_dir()).resolve()
    return _validated(directory, fingerprint(directory))


def _typed(frame: pd.DataFrame, fields: list[dict]) -> pd.DataFrame:
    out = {}
    for field in fields:
        name, kind = field["name"], field["type"]
        raw = frame[name].replace("", pd.NA)
        enum = field.get("constraints", {}).get("enum")
        if kind == "date":
            out[name] = pd.to_datetime(raw, format="%Y-%m-%d")
        elif kind == "integer":
            out[name] = pd.array([None if pd.isna(v) else int(v) for v in raw], dtype="Int64")
        elif kind == "number":
            out[name] = pd.array([None if pd.isna(v) else float(v) for v in raw], dtype="Float64")
        elif kind == "boolean":
            out[name] = raw.str.lower().map({"true": True, "false": False}).astype("boolean")
        elif enum:
            out[name] = pd.Categorical(raw, categories=enum)
        else:
            out[name] = raw.astype("string")
    return pd.DataFrame(out, index=frame.index)


def load(name: str, directory: Path | None = None) -> pd.DataFrame:
    """One table, typed from its schema: dates as datetime64, integers as Int64, vocabularies as categories.

    Every row of the CSV is returned; nothing is dropped, filled or coerced past what the schema declares.
    The frame's `attrs["table"]` holds `name`.
    """
    directory = Path(directory or data_dir()).resolve()
    stamp = fingerprint(directory)
    resources = {r["name"]: r for r in _validated(directory, stamp)["resources"]}
    if name not in resources:
        raise KeyError(f"no table {name!r}; tables: {', '.join(sorted(resources))}")
    note_loaded(directory / resources[name]["path"])
    return _parsed(directory, stamp, name).copy(deep=True)


@lru_cache(maxsize=64)
def _parsed(directory: Path, stamp: str, name: str) -> pd.DataFrame:
    """One table parsed and typed, remembered per content fingerprint (callers get a copy)."""
    resource = next(r for r in _validated(directory, stamp)["resources"] if r["name"] == name)
    text = read_csv_text(directory / resource["path"]).text  # as a spreadsheet may have saved it
    raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    frame = _typed(raw, resource["schema"]["fields"])
    frame.attrs["table"] = name  # lets provenance.cite name the table the rows come from
    return frame


def tables(directory: Path | None = None) -> list[str]:
    """Names of the tables in the data package, in descriptor order."""
    return [r["name"] for r in descriptor(directory)["resources"]]


def as_of(directory: Path | None = None) -> pd.Timestamp:
    """The data's 'as of' date: the latest date on which a source was read (never the wall clock)."""
    return load("sources", directory)["accessed"].max()
