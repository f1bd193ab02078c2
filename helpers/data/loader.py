"""Load the datasets as typed pandas DataFrames, only after the whole package validates.

While a notebook runs under the runner, each table loaded is recorded in the file named by $NATO_DEPS_LOG, so
that the runner knows which data files the notebook read (see `helpers.run.cache`).
"""

from __future__ import annotations

import io
import json
import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..paths import data_dir
from .problems import DataValidationError
from .read import read_csv_text
from .validate import package_digest, validate_cached

#: The environment variable naming the file in which loads are recorded (set by the runner, else unset).
READ_LOG_ENV = "NATO_DEPS_LOG"


def record_read(path: Path) -> None:
    """Append a data file's name to the read log of the current run, if the runner keeps one."""
    log = os.environ.get(READ_LOG_ENV)
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(Path(path).name + "\n")


@lru_cache(maxsize=8)
def _validated(directory: Path, package: str) -> dict:
    """Validate the package once per digest; return its descriptor."""
    problems, _ = validate_cached(directory, package)
    if problems:
        raise DataValidationError(problems)
    return json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))


def descriptor(directory: Path | None = None) -> dict:
    """The validated data package descriptor (raises DataValidationError listing every problem)."""
    directory = Path(directory or data_dir()).resolve()
    return _validated(directory, package_digest(directory))


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
    package = package_digest(directory)
    resources = {r["name"]: r for r in _validated(directory, package)["resources"]}
    if name not in resources:
        raise KeyError(f"no table {name!r}; tables: {', '.join(sorted(resources))}")
    record_read(directory / resources[name]["path"])
    return _parsed(directory, package, name).copy(deep=True)


@lru_cache(maxsize=64)
def _parsed(directory: Path, package: str, name: str) -> pd.DataFrame:
    """One table parsed and typed, remembered per package digest (callers get a copy)."""
    resource = next(r for r in _validated(directory, package)["resources"] if r["name"] == name)
    frame = _typed(read_frame(directory / resource["path"]), resource["schema"]["fields"])
    frame.attrs["table"] = name  # lets provenance.cite name the table the rows come from
    return frame


def read_frame(path: Path) -> pd.DataFrame:
    """A CSV as text cells, read the spreadsheet-safe way (no typing, no validation)."""
    text = read_csv_text(path).text
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def tables(directory: Path | None = None) -> list[str]:
    """Names of the tables in the data package, in descriptor order."""
    return [r["name"] for r in descriptor(directory)["resources"]]


def as_of(directory: Path | None = None) -> pd.Timestamp:
    """The data's 'as of' date: the latest date on which a source was read (never the wall clock)."""
    return load("sources", directory)["accessed"].max()
