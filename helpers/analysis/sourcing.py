"""How well each table is sourced and how far it reaches: the rows that carry the words of their source
(quotes.csv), and the latest date of each table's content, as precisely as the table knows it.

A row "has a quote" when quotes.csv holds the source's words for it (basis `quote`): check-data then finds every
number and date of the quoted columns in those words. Rows whose value is derived by a rule, or whose page cannot
be quoted, say so instead (basis `derived`, `unavailable`); the others have no quote yet.
"""

from __future__ import annotations

import pandas as pd

from ..data import descriptor, load
from ..data.rules.quotes import QUOTED_TABLES

#: What a row's quotes say, strongest first; "none" when quotes.csv has nothing for the row.
BASES = ("quote", "derived", "unavailable", "none")
#: How a chart or table names each basis.
BASIS_LABELS = {"quote": "Quoted and checked", "derived": "Derived by a stated rule",
                "unavailable": "No quotable page (reason given)", "none": "No quote yet"}


def _text(value) -> str:
    if pd.isna(value):
        return ""
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    return str(value)


def row_keys(frame: pd.DataFrame, key: list[str]) -> pd.Series:
    """Each row's primary key as quotes.csv writes it: the key's values joined by '|', dates as YYYY-MM-DD."""
    return frame[key].apply(lambda row: "|".join(_text(v) for v in row), axis=1) if len(frame) else \
        pd.Series(dtype="string")


def primary_keys() -> dict[str, list[str]]:
    """Each table's primary key, from the data package."""
    return {r["name"]: list(r["schema"].get("primaryKey", [])) for r in descriptor()["resources"]}


def quote_basis(name: str, quotes: pd.DataFrame) -> pd.Series:
    """For each row of table `name`: the strongest basis its quotes give ('quote', 'derived', 'unavailable'), or
    'none'."""
    frame = load(name)
    keys = row_keys(frame, primary_keys()[name])
    mine = quotes[quotes["table"].astype("string") == name]
    rank = {basis: i for i, basis in enumerate(BASES)}
    best = mine.assign(rank=mine["basis"].astype("string").map(rank)).groupby("key")["rank"].min()
    return keys.map(best).map(dict(enumerate(BASES))).fillna("none")


def quoting(tables: tuple[str, ...] = QUOTED_TABLES) -> pd.DataFrame:
    """Per table: rows, how many rows have each basis (quote, derived, unavailable, none), and the share of rows
    with a quote (`quoted_pct`). By default the tables readers cite (those check-data's summary counts)."""
    quotes = load("quotes")
    rows = []
    for name in tables:
        counts = quote_basis(name, quotes).value_counts()
        total = int(counts.sum())
        rows.append({"table": name, "rows": total, **{b: int(counts.get(b, 0)) for b in BASES},
                     "quoted_pct": 100 * counts.get("quote", 0) / total if total else float("nan")})
    return pd.DataFrame(rows)


def precision_column(column: str) -> str:
    """The column that says how precise a date column is: start_date -> start_precision, date -> date_precision."""
    return "date_precision" if column == "date" else column.removesuffix("_date") + "_precision"


def reach(frame: pd.DataFrame) -> tuple[pd.Timestamp | None, str]:
    """The latest date in a table's content and how precisely it is known ('day', 'month' or 'year'); a table with
    only a `year` column reaches the end of its last year, known to the year. (None, '') when it has no dates."""
    latest, precision = None, ""
    for column in frame.columns:
        if not str(frame[column].dtype).startswith("datetime64") or frame[column].isna().all():
            continue
        date = frame[column].max()
        given = frame.get(precision_column(column))
        known = "day" if given is None else min(
            (str(p) for p in given[frame[column] == date].dropna()), key=("day", "month", "year").index, default="day")
        if latest is None or date > latest or (date == latest and known == "day"):
            latest, precision = date, known
    if latest is None and "year" in frame and frame["year"].notna().any():
        return pd.Timestamp(year=int(frame["year"].max()), month=1, day=1), "year"
    return latest, precision


def overview() -> pd.DataFrame:
    """One row per table (data package order): rows, first year, how far the content reaches (`content_to`, its
    `precision`, and `reaches` as prose: 'February 2026', '2025'; none for `sources`, whose dates are reading
    dates), when its sources were last read (`read`), the
    share of rows whose source NATO published (`nato_share_pct`) and the share with a quote (`quoted_pct`; empty
    for sources and quotes themselves)."""
    from ..data.provenance import inventory
    from .words import when

    table = inventory().set_index("table")
    # the sources' dates are reading dates, not content
    reached = {name: reach(load(name)) if name != "sources" else (None, "") for name in table.index}
    quoted = quoting(tuple(n for n in table.index if n not in ("sources", "quotes"))).set_index("table")
    out = table.assign(content_to=[reached[n][0] for n in table.index], precision=[reached[n][1] for n in table.index],
                       quoted_pct=quoted["quoted_pct"].reindex(table.index))
    out["reaches"] = [when(d, p) if pd.notna(d) else "" for d, p in zip(out["content_to"], out["precision"])]
    out["read"] = [when(d) if pd.notna(d) else "" for d in out["read_to"]]
    return out.reset_index()[["table", "rows", "first_year", "content_to", "precision", "reaches", "read",
                              "sources", "nato_share_pct", "quoted_pct"]]


def published_by_nato(rows: pd.DataFrame) -> pd.Series:
    """True for the rows whose source NATO published (its `publisher_type` is `nato`: NATO's pages and copies of
    them), False otherwise; indexed like `rows`."""
    kinds = load("sources").set_index("source_id")["publisher_type"].astype("string")
    return rows["source_id"].astype("string").map(kinds).eq("nato").fillna(False).astype(bool)
