"""Load the datasets as typed pandas DataFrames, only after the whole package validates.

Citing the rows (`cite`, `bibliography`) and summarising source quality (`source_mix`, `inventory`) live in
`helpers.provenance`; the old names below still answer from here so that existing notebooks keep working.
"""

from __future__ import annotations

import io
import json
from functools import lru_cache, partial
from importlib import import_module
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
    resources = {r["name"]: r for r in descriptor(directory)["resources"]}
    if name not in resources:
        raise KeyError(f"no table {name!r}; tables: {', '.join(sorted(resources))}")
    resource = resources[name]
    note_loaded(directory / resource["path"])
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


#: Names that moved to `helpers.provenance`. `source_mix`, `inventory` and `publisher_group` keep answering
#: with the publisher guessed from its name, as the stored outputs of notebook 00 show; the provenance
#: versions read the recorded `publisher_type`.
_MOVED = {
    "cite": lambda p: p.cite,
    "bibliography": lambda p: p.bibliography,
    "publisher_group": lambda p: p.guess_publisher_group,
    "source_mix": lambda p: partial(p.source_mix, grouping="publisher_name"),
    "inventory": lambda p: partial(p.inventory, grouping="publisher_name"),
}


def __getattr__(name: str):
    if name in _MOVED:
        return _MOVED[name](import_module(".provenance", __package__))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
