"""Small, tested computations the notebooks share (counts per year, shares, thresholds)."""

from __future__ import annotations

import pandas as pd


def operation_years(ops: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per operation and calendar year in which it was active (ongoing ones run to `as_of`).

    Operations whose end is unknown count only in their start year.
    """
    rows = []
    for _, op in ops.iterrows():
        if pd.notna(op["end_date"]):
            end = op["end_date"]
        elif op["status"] == "ongoing":
            end = as_of
        else:
            end = op["start_date"]
        for year in range(op["start_date"].year, end.year + 1):
            rows.append({"op_id": op["op_id"], "year": year, "kind": op["kind"]})
    out = pd.DataFrame(rows, columns=["op_id", "year", "kind"])
    out["kind"] = pd.Categorical(out["kind"], categories=ops["kind"].cat.categories)
    return out


def active_per_year(ops: pd.DataFrame, as_of: pd.Timestamp, by: str = "kind") -> pd.DataFrame:
    """Number of operations active in each year, split by a column (long format: year, <by>, operations)."""
    years = operation_years(ops, as_of)
    counts = years.groupby(["year", by], observed=True).size().rename("operations").reset_index()
    return counts


def members_on(members: pd.DataFrame, date: pd.Timestamp) -> pd.DataFrame:
    """The Allies that had joined by `date`."""
    return members[members["accession_date"] <= date]


def share_meeting(spending: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """Per year: Allies reporting, how many spent at least `threshold` % of GDP, and the list of them."""
    rows = []
    for year, group in spending.dropna(subset=["gdp_share_pct"]).groupby("year"):
        meeting = group[group["gdp_share_pct"] >= threshold]
        rows.append({"year": int(year), "allies_reporting": len(group), "allies_meeting": len(meeting),
                     "meeting": ", ".join(sorted(meeting["iso3"])), "any_estimate": bool(group["is_estimate"].any())})
    return pd.DataFrame(rows)


def short_label(ops: pd.DataFrame, width: int = 40) -> pd.Series:
    """A short display name per operation: the acronym, else the name without 'Operation'/'NATO' and brackets.

    Long names keep their end ('…African Union Mission in Sudan'), which is where they differ.
    """
    names = (ops["name"].str.replace(r"^(Operation|NATO) ", "", regex=True)
             .str.replace(r"\s*\(.*\)$", "", regex=True))
    return ops["acronym"].fillna(names.map(lambda name: _keep_end(name, width)))


def _keep_end(name: str, width: int) -> str:
    """The last whole words of `name` that fit in `width` characters, after an ellipsis."""
    if len(name) <= width:
        return name
    words, kept = name.split(), []
    while words and len(" ".join([words[-1], *kept])) < width:
        kept.insert(0, words.pop())
    return "…" + " ".join(kept)


def theatre_membership(ops: pd.DataFrame, countries: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Per operation: how many theatre countries were Allies when it began, how many were not, and seas.

    `where` is 'Allied territory', 'beyond the Allies' or 'both', and 'at sea only' for purely naval areas.
    """
    joined = members.set_index("iso3")["accession_date"]
    rows = []
    for _, op in ops.iterrows():
        areas = countries[countries["op_id"] == op["op_id"]]
        states = areas[areas["area_type"] == "country"]["area_code"].astype(str)
        allied = sum(1 for c in states if c in joined.index and joined[c] <= op["start_date"])
        beyond = len(states) - allied
        seas = int((areas["area_type"] == "sea_area").sum())
        where = ("both" if allied and beyond else "Allied territory" if allied else
                 "beyond the Allies" if beyond else "at sea only" if seas else "not recorded")
        rows.append({"op_id": op["op_id"], "allied_countries": allied, "other_countries": beyond, "sea_areas": seas,
                     "where": where})
    return pd.DataFrame(rows)
