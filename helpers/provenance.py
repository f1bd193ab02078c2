"""Where the rows come from: the 'Source:' note of a chart, a notebook's bibliography, and source quality.

Source quality is read from `sources.csv`'s `publisher_type` column (nato, united_nations, government, news,
academic, wikipedia_derived, other), recorded by whoever read the source, never guessed from a publisher's
name: "NATO Watch" is not NATO, and the "U.S. Mission to NATO" is a government. A source that transcribes
another document (a GitHub copy of a NATO table) records that document in `original_of`; citations name the
original first and the transcriber after it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .data import load, tables

#: Display name of each `publisher_type`, in the order the facts rule ranks them: NATO first,
#: Wikipedia-derived last.
PUBLISHER_TYPES = {
    "nato": "NATO",
    "united_nations": "United Nations",
    "government": "Government",
    "academic": "Academic",
    "news": "News",
    "other": "Other",
    "wikipedia_derived": "Wikipedia-derived",
}


def publisher_groups(sources: pd.DataFrame, grouping: str = "publisher_type") -> pd.Series:
    """The group of each source (indexed like `sources`), from its recorded `publisher_type`.

    `grouping="publisher_name"` is the old guess from the publisher's name (`guess_publisher_group`), kept only
    so that stored notebook outputs stay identical until they move to the recorded type.
    """
    if grouping == "publisher_type":
        return sources["publisher_type"].astype("string").map(PUBLISHER_TYPES)
    if grouping == "publisher_name":
        return sources["publisher"].map(guess_publisher_group)
    raise ValueError(f"grouping must be 'publisher_type' or 'publisher_name', not {grouping!r}")


def guess_publisher_group(publisher: str) -> str:
    """Deprecated: a group guessed from a publisher's name (NATO, UN, government, Wikipedia-derived or other).

    It misreads names that mention NATO ("NATO Watch", "U.S. Mission to NATO"); use `publisher_groups`.
    """
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


def _groups_by_id(directory: Path | None, grouping: str) -> pd.Series:
    sources = load("sources", directory).set_index("source_id")
    return publisher_groups(sources, grouping)


def source_mix(directory: Path | None = None, *, grouping: str = "publisher_type") -> pd.DataFrame:
    """Long table: for each data table and publisher group, the rows citing it and their share of the table (%)."""
    groups_by_id = _groups_by_id(directory, grouping)
    parts = []
    for name in tables(directory):
        if name != "sources":
            groups = load(name, directory)["source_id"].map(groups_by_id)
            parts.append(groups.value_counts().rename("rows").rename_axis("publisher").reset_index().assign(table=name))
    mix = pd.concat(parts, ignore_index=True)[["table", "publisher", "rows"]]
    mix["share"] = 100 * mix["rows"] / mix.groupby("table")["rows"].transform("sum")
    return mix


def inventory(directory: Path | None = None, *, grouping: str = "publisher_type") -> pd.DataFrame:
    """One row per table: rows, years covered, distinct sources, and the share of rows sourced from NATO."""
    groups = _groups_by_id(directory, grouping)
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


def source_ids(frames: tuple[pd.DataFrame, ...]) -> list[str]:
    """The distinct `source_id`s of the given rows, in order of first appearance."""
    ids: list[str] = []
    for frame in frames:
        for sid in frame["source_id"].dropna().astype(str):
            if sid not in ids:
                ids.append(sid)
    return ids


def table_names(frames: tuple[pd.DataFrame, ...]) -> list[str]:
    """The tables the rows come from, as `data.load` marked them (`frame.attrs["table"]`), in order."""
    names: list[str] = []
    for frame in frames:
        name = frame.attrs.get("table")
        if name and name not in names:
            names.append(name)
    return names


def publisher_name(row: pd.Series) -> str:
    """How a citation names a source's publisher: the original document first when the source transcribes one.

    'NATO, Defence Expenditure of NATO Countries (2014-2025), August 2025, Table 3 (transcribed by
    Datavisualiatie-UGent on GitHub)'.
    """
    if pd.isna(row.get("original_of")):
        return str(row["publisher"])
    transcriber = re.sub(r"\s*\(GitHub[^)]*\)$", " on GitHub", str(row["publisher"]))
    return f"{row['original_of']} (transcribed by {transcriber})"


#: How many publishers a 'Source:' note names before '... and N other publishers'.
CITED_PUBLISHERS = 3


def cite(*frames: pd.DataFrame, tables: str | None = None) -> str:
    """A short 'Source:' text for a chart: the main publishers of the rows shown, and the tables they come from.

    The tables are those `data.load` marked on the frames (`frame.attrs["table"]`); a source transcribing
    another document is named by that original (see `publisher_name`).

    `tables` is deprecated: passing it gives the note exactly as before (the transcriber named, the given
    text as the tables), so that stored notebook outputs stay identical until each call drops it.
    """
    sources = load("sources").set_index("source_id")
    ids = source_ids(frames)
    if tables is None:
        names = [publisher_name(sources.loc[i]) for i in ids]
        tables = ", ".join(f"data/{t}.csv" for t in table_names(frames))
    else:
        names = [sources.at[i, "publisher"] for i in ids]
    publishers = pd.Series(names).value_counts()
    shown = list(publishers.index[:CITED_PUBLISHERS])
    more = len(publishers) - len(shown)
    text = "; ".join(shown) + (f" and {more} other publisher{'s' if more > 1 else ''}" if more > 0 else "")
    return f"{text} ({len(ids)} sources){', compiled in ' + tables if tables else ''}"


def bibliography(*frames: pd.DataFrame):
    """The sources behind the given rows as a Markdown list (for a notebook's Sources section)."""
    from IPython.display import Markdown

    sources = load("sources").set_index("source_id")
    lines = []
    for sid in sorted(source_ids(frames)):
        row = sources.loc[sid]
        title = str(row["title"]).replace("[", "(").replace("]", ")")
        link = f"[{title}]({row['url']})" if pd.notna(row["url"]) else title
        lines.append(f"- `{sid}`: {row['publisher']}, {link} (read {row['accessed']:%Y-%m-%d})")
    return Markdown("\n".join(lines))
