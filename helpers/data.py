"""Load the datasets as typed pandas DataFrames, only after the whole package validates."""

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
    """
    directory = Path(directory or data_dir()).resolve()
    resources = {r["name"]: r for r in descriptor(directory)["resources"]}
    if name not in resources:
        raise KeyError(f"no table {name!r}; tables: {', '.join(sorted(resources))}")
    resource = resources[name]
    note_loaded(directory / resource["path"])
    text = read_csv_text(directory / resource["path"]).text  # as a spreadsheet may have saved it
    raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    return _typed(raw, resource["schema"]["fields"])


def tables(directory: Path | None = None) -> list[str]:
    """Names of the tables in the data package, in descriptor order."""
    return [r["name"] for r in descriptor(directory)["resources"]]


def as_of(directory: Path | None = None) -> pd.Timestamp:
    """The data's 'as of' date: the latest date on which a source was read (never the wall clock)."""
    return load("sources", directory)["accessed"].max()


def _source_ids(frames: tuple[pd.DataFrame, ...]) -> list[str]:
    ids: list[str] = []
    for frame in frames:
        for sid in frame["source_id"].dropna().astype(str):
            if sid not in ids:
                ids.append(sid)
    return ids


def cite(*frames: pd.DataFrame, tables: str = "", limit: int = 3) -> str:
    """A short 'Source:' text for a chart: the main publishers of the rows shown, and the tables they come from."""
    sources = load("sources").set_index("source_id")
    ids = _source_ids(frames)
    publishers = pd.Series([sources.at[i, "publisher"] for i in ids]).value_counts()
    names = list(publishers.index[:limit])
    more = len(publishers) - len(names)
    text = "; ".join(names) + (f" and {more} other publisher{'s' if more > 1 else ''}" if more > 0 else "")
    return f"{text} ({len(ids)} sources){', compiled in ' + tables if tables else ''}"


def bibliography(*frames: pd.DataFrame):
    """The sources behind the given rows as a Markdown list (for a notebook's Sources section)."""
    from IPython.display import Markdown

    sources = load("sources").set_index("source_id")
    lines = []
    for sid in sorted(_source_ids(frames)):
        row = sources.loc[sid]
        title = str(row["title"]).replace("[", "(").replace("]", ")")
        link = f"[{title}]({row['url']})" if pd.notna(row["url"]) else title
        lines.append(f"- `{sid}`: {row['publisher']}, {link} (read {row['accessed']:%Y-%m-%d})")
    return Markdown("\n".join(lines))


def publisher_group(publisher: str) -> str:
    """Group a publisher for source-quality summaries: NATO, UN, government, Wikipedia-derived or other."""
    text = publisher.lower()
    if "wiki" in text:
        return "Wikipedia-derived"
    if "nato" in text or "shape" in text or "allied" in text and "command" in text:
        return "NATO"
    if "united nations" in text or text.startswith("un ") or "security council" in text:
        return "United Nations"
    if any(w in text for w in ("ministry", "department", "government", "ministère", "bundes", "federal", "state")):
        return "Government"
    return "Other"


def source_mix(directory: Path | None = None) -> pd.DataFrame:
    """Long table: for each data table and publisher group, the rows citing it and their share of the table (%)."""
    publishers = load("sources", directory).set_index("source_id")["publisher"]
    parts = []
    for name in tables(directory):
        if name != "sources":
            groups = load(name, directory)["source_id"].map(publishers).map(publisher_group)
            parts.append(groups.value_counts().rename("rows").rename_axis("publisher").reset_index().assign(table=name))
    mix = pd.concat(parts, ignore_index=True)[["table", "publisher", "rows"]]
    mix["share"] = 100 * mix["rows"] / mix.groupby("table")["rows"].transform("sum")
    return mix


def inventory(directory: Path | None = None) -> pd.DataFrame:
    """One row per table: rows, years covered, distinct sources, and the share of rows sourced from NATO."""
    sources = load("sources", directory).set_index("source_id")
    groups = sources["publisher"].map(publisher_group)
    rows = []
    for name in tables(directory):
        frame = load(name, directory)
        if name == "sources":
            rows.append({"table": name, "rows": len(frame), "first_year": None, "last_year": None,
                         "sources": len(frame), "nato_share_pct": round(100 * float(groups.eq("NATO").mean()), 1)})
            continue
        dates = [frame[c] for c in frame.columns if str(frame[c].dtype).startswith("datetime64")]
        years = pd.concat([d.dt.year for d in dates]) if dates else frame.get("year")
        years = years.dropna() if years is not None else pd.Series(dtype="Int64")
        ids = frame["source_id"]
        rows.append({"table": name, "rows": len(frame),
                     "first_year": int(years.min()) if len(years) else None,
                     "last_year": int(years.max()) if len(years) else None,
                     "sources": ids.nunique(), "nato_share_pct": round(100 * float(ids.map(groups).eq("NATO").mean()), 1)})
    return pd.DataFrame(rows).astype({"first_year": "Int64", "last_year": "Int64"})
