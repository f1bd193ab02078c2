"""How many nations took part in each NATO-led operation, and what each count counts.

Counts of contributing nations come in two kinds that do not compare: a count on one date (personnel.csv, with
its date precision and source) and an undated count over a whole operation (operations.csv, for operations
without a dated count). Where several dated counts exist, NATO's own come first: the largest count NATO published,
else the largest from any source. Allies on a count's date are counted at the end of the period the date stands
for (a count known to the year 2011 is set against the Allies of 31 December 2011), so that "nations minus Allies"
stays a lower bound of the partners.
"""

from __future__ import annotations

import pandas as pd

from ..data.rules.references import field_sources
from .sourcing import published_by_nato
from .words import when

ON_A_DATE, WHOLE_OPERATION = "counted on one date", "over the whole operation, undated"
#: Figure types that are not a count of the force on its date (a plan, a ceiling, a pledge).
NOT_COUNTED = ("planned", "authorised", "pledged")


def period_end(date: pd.Timestamp, precision: str) -> pd.Timestamp:
    """The last day of the period a date stands for: the day itself, its month's last day, or 31 December."""
    if precision == "year":
        return pd.Timestamp(year=date.year, month=12, day=31)
    if precision == "month":
        return date + pd.offsets.MonthEnd(0)
    return date


def field_source(row: pd.Series, column: str) -> str:
    """The source of one value of a row: its `field_sources` entry for `column`, else the row's `source_id`."""
    named = {name: source for _, name, source in field_sources(row.get("field_sources")) if source}
    return named.get(column, str(row["source_id"]))


def largest_counts(personnel: pd.DataFrame) -> pd.DataFrame:
    """Per operation, the dated count of contributing nations that stands for it: the largest NATO published, else
    the largest from any source (the latest such count on ties); planned, authorised and pledged figures are no
    count of the force. Columns op_id, nations, date, date_precision,
    source_id, by_nato, and the largest count from any source beside it (any_nations, any_date, any_precision,
    any_source_id), which is larger where other publishers counted more."""
    counts = personnel.dropna(subset=["contributing_nations"])
    counts = counts[~counts["figure_type"].astype("string").isin(NOT_COUNTED)].assign(by_nato=lambda f: published_by_nato(f))
    chosen = counts.sort_values(["op_id", "by_nato", "contributing_nations", "date"]).groupby("op_id", observed=True).tail(1)
    anyone = counts.sort_values(["op_id", "contributing_nations", "date"]).groupby("op_id", observed=True).tail(1)
    anyone = anyone.set_index("op_id")[["contributing_nations", "date", "date_precision", "source_id"]]
    anyone.columns = ["any_nations", "any_date", "any_precision", "any_source_id"]
    out = chosen.rename(columns={"contributing_nations": "nations"})[
        ["op_id", "nations", "date", "date_precision", "source_id", "by_nato"]]
    return out.join(anyone, on="op_id").reset_index(drop=True)


def nation_counts(ops: pd.DataFrame, personnel: pd.DataFrame) -> pd.DataFrame:
    """One count of contributing nations per operation, with what it counts (`counts`: ON_A_DATE or
    WHOLE_OPERATION), its date and precision (empty when undated) and `when` (the date as precisely as known), its
    source and whether NATO published it.
    Operations with neither kind of count are left out."""
    dated = largest_counts(personnel[personnel["op_id"].isin(ops["op_id"])]).assign(counts=ON_A_DATE)
    undated = ops[~ops["op_id"].isin(dated["op_id"])].dropna(subset=["contributing_nations"])
    undated = pd.DataFrame({"op_id": undated["op_id"], "nations": undated["contributing_nations"],
                            "date": pd.NaT, "date_precision": pd.NA,
                            "source_id": [field_source(r, "contributing_nations") for _, r in undated.iterrows()],
                            "counts": WHOLE_OPERATION})
    undated["by_nato"] = published_by_nato(undated)
    out = pd.concat([dated, undated], ignore_index=True)
    out["nations"] = out["nations"].astype(int)
    out["when"] = [when(d, str(p)) if pd.notna(d) else "" for d, p in zip(out["date"], out["date_precision"])]
    return out.sort_values(["counts", "nations"], ascending=[True, False]).reset_index(drop=True)


def beyond_the_allies(counts: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Dated counts of nations (op_id, date, date_precision, contributing_nations) with the Allies at the end of
    the period each date stands for (`allies_then`) and the partners they imply at least (`partners_at_least`)."""
    ends = [period_end(d, p) for d, p in zip(counts["date"], counts["date_precision"].astype("string"))]
    allies = [int((members["accession_date"] <= end).sum()) for end in ends]
    out = counts.assign(allies_then=allies)
    out["partners_at_least"] = (out["contributing_nations"].astype(int) - out["allies_then"]).clip(lower=0)
    return out
