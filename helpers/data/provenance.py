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

from . import labels
from .loader import load, tables

#: Display name of each `publisher_type` (the schema's labels), in the order the facts rule ranks them: NATO
#: first, Wikipedia-derived last.
PUBLISHER_ORDER = ("nato", "united_nations", "government", "academic", "news", "other", "wikipedia_derived")
PUBLISHER_TYPES = {code: labels.label("sources", "publisher_type", code) for code in PUBLISHER_ORDER}


def publisher_groups(sources: pd.DataFrame) -> pd.Series:
    """The group of each source (indexed like `sources`), from its recorded `publisher_type`."""
    return sources["publisher_type"].astype("string").map(PUBLISHER_TYPES)


def _groups_by_id(directory: Path | None) -> pd.Series:
    return publisher_groups(load("sources", directory).set_index("source_id"))


def source_mix(directory: Path | None = None) -> pd.DataFrame:
    """Long table: for each data table and publisher group, the rows citing it and their share of the table (%)."""
    groups_by_id = _groups_by_id(directory)
    parts = []
    for name in tables(directory):
        if name != "sources":
            groups = load(name, directory)["source_id"].map(groups_by_id)
            parts.append(groups.value_counts().rename("rows").rename_axis("publisher").reset_index().assign(table=name))
    mix = pd.concat(parts, ignore_index=True)[["table", "publisher", "rows"]]
    mix["share"] = 100 * mix["rows"] / mix.groupby("table")["rows"].transform("sum")
    return mix


def inventory(directory: Path | None = None) -> pd.DataFrame:
    """One row per table: rows, years covered, distinct sources, the share of rows sourced from NATO, and two
    "as of" dates: `content_to`, the latest date the table's content reaches, and `read_to`, the latest date on
    which a source it cites was read."""
    groups = _groups_by_id(directory)
    accessed = load("sources", directory).set_index("source_id")["accessed"]
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
        last = max((d.max() for d in dates if d.notna().any()), default=None)
        rows.append({"table": name, "rows": len(frame),
                     "first_year": int(years.min()) if len(years) else None,
                     "last_year": int(years.max()) if len(years) else None,
                     "sources": ids.nunique(), "nato_share_pct": round(100 * float(ids.map(groups).eq("NATO").mean()), 1),
                     "content_to": last if last is not None else (pd.Timestamp(year=int(years.max()), month=12, day=31)
                                                                  if len(years) else None),
                     "read_to": ids.map(accessed).max()})
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


def point_sources(frame: pd.DataFrame) -> list[str]:
    """For each row, where its value comes from, short enough for a hover: 'NATO, 2025' or 'AFP, 2010',
    with ', NATO estimate' where the row is an estimate (empty strings where the frame has no `source_id`)."""
    if "source_id" not in frame:
        return [""] * len(frame)
    sources = load("sources").set_index("source_id")

    def short(sid) -> str:
        if pd.isna(sid) or sid not in sources.index:
            return ""
        row = sources.loc[sid]
        original = row["original_of"] if pd.notna(row["original_of"]) else ""
        who = (original or str(row["publisher"])).split(",")[0].split(" (")[0].strip()
        # the original's date is its last year ("(2014-2025), August 2025"); else the year in the id or title
        years = re.findall(r"\b(?:19|20)\d\d\b", original) or re.findall(r"\b(?:19|20)\d\d\b", f"{sid} {row['title']}")
        year = years[-1] if original and years else (years[0] if years else "")
        return f"{who}, {year}" if year else who

    estimate = frame["is_estimate"].fillna(False).astype(bool) if "is_estimate" in frame else [False] * len(frame)
    return [short(sid) + (", NATO estimate" if est else "") for sid, est in zip(frame["source_id"], estimate)]


#: How many publishers a 'Source:' note names before '... and N other publishers'.
CITED_PUBLISHERS = 3


def cite(*frames: pd.DataFrame) -> str:
    """A short 'Source:' text for a chart: the main publishers of the rows shown, and the tables they come from.

    The tables are those `data.load` marked on the frames (`frame.attrs["table"]`); a source transcribing
    another document is named by that original (see `publisher_name`).
    """
    sources = load("sources").set_index("source_id")
    ids = source_ids(frames)
    names = [publisher_name(sources.loc[i]) for i in ids]
    tables = ", ".join(f"data/{t}.csv" for t in table_names(frames))
    publishers = pd.Series(names).value_counts()
    shown = list(publishers.index[:CITED_PUBLISHERS])
    more = len(publishers) - len(shown)
    text = "; ".join(shown) + (f" and {more} other publisher{'s' if more > 1 else ''}" if more > 0 else "")
    count = f"{len(ids)} source{'s' if len(ids) != 1 else ''}"
    return f"{text} ({count}){', compiled in ' + tables if tables else ''}"


def bibliography(*frames: pd.DataFrame):
    """The sources behind the given rows as a Markdown list (for a notebook's Sources section).

    When every source was read on the same day, the date is said once above the list instead of on each line."""
    from IPython.display import Markdown

    sources = load("sources").set_index("source_id")
    ids = sorted(source_ids(frames))
    dates = {sources.at[sid, "accessed"] for sid in ids}
    lines = [f"All {len(ids)} sources below were read on {next(iter(dates)):%Y-%m-%d}.", ""] if len(dates) == 1 else []
    for sid in ids:
        row = sources.loc[sid]
        title = str(row["title"]).replace("[", "(").replace("]", ")")
        link = f"[{title}]({row['url']})" if pd.notna(row["url"]) else title
        read = f" (read {row['accessed']:%Y-%m-%d})" if len(dates) > 1 else ""
        lines.append(f"- `{sid}`: {publisher_name(row)}, {link}{read}")
    return Markdown("\n".join(lines))
