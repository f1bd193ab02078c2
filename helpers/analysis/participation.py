"""Who took part: contributing nations per operation and coalition, told apart as Allies or partners on the date.

Whether a nation was an Ally is never stored; it is computed from members.csv on the date of each row, so
Finland in ISAF (2010) is a partner and Finland in 2024 an Ally. Non-NATO contributors are called partners
here, as NATO calls them ("operational partners"), whether or not they belong to a partnership framework.
"""

from __future__ import annotations

import pandas as pd

from ..data.countries import names as country_names
from ..data.loader import load

ALLY, PARTNER = "Ally", "Partner"


def with_status(frame: pd.DataFrame, date_column: str = "date", members: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows with a `status` column: 'Ally' if the nation had joined NATO by that date, else 'Partner'.

    Rows without a date count as partners only if the nation never joined."""
    members = load("members") if members is None else members
    joined = members.set_index("iso3")["accession_date"]
    accession = frame["iso3"].astype("string").map(joined)
    dates = frame[date_column].fillna(pd.Timestamp.max) if date_column in frame else pd.Series(pd.Timestamp.max,
                                                                                               index=frame.index)
    is_ally = accession.notna() & (accession <= dates)
    return frame.assign(status=is_ally.map({True: ALLY, False: PARTNER}))



def largest_snapshot(contributions: pd.DataFrame, op_id: str, year: int | None = None) -> pd.Timestamp | None:
    """The dated snapshot of an operation (optionally within one year) that names the most nations with a figure."""
    rows = contributions[(contributions["op_id"] == op_id) & contributions["personnel"].notna()]
    if year is not None:
        rows = rows[rows["date"].dt.year == year]
    if rows.empty:
        return None
    sizes = rows.groupby("date")["iso3"].nunique()
    return sizes[sizes == sizes.max()].index.max()


def nations_in_year(contributions: pd.DataFrame, op_id: str, year: int) -> pd.DataFrame:
    """The nations in an operation in a given year with their strength, from that year's fullest snapshot,
    largest first (columns iso3, name, status, personnel, date, source_id)."""
    date = largest_snapshot(contributions, op_id, year)
    if date is None:
        return pd.DataFrame(columns=["iso3", "name", "status", "personnel", "date", "source_id"])
    rows = contributions[(contributions["op_id"] == op_id) & (contributions["date"] == date)]
    rows = with_status(rows.dropna(subset=["personnel"]))
    rows = rows.assign(name=country_names(rows["iso3"]))
    return rows.sort_values("personnel", ascending=False)[["iso3", "name", "status", "personnel", "date",
                                                           "source_id"]].reset_index(drop=True)


def operations_per_ally(contributions: pd.DataFrame) -> pd.DataFrame:
    """For each current Ally: in how many operations of the table it is recorded as contributing (at any date)."""
    members = load("members")
    rows = contributions[contributions["iso3"].isin(members["iso3"])]
    counts = rows.groupby("iso3", observed=True)["op_id"].nunique().rename("operations")
    out = members[["iso3", "name"]].merge(counts, left_on="iso3", right_index=True, how="left")
    return out.fillna({"operations": 0}).astype({"operations": int}).sort_values("operations", ascending=False)


def coalitions_per_ally() -> pd.DataFrame:
    """Each Ally's recorded participation in coalitions outside NATO command, with NATO's role in each."""
    members = load("coalition_members")
    coalitions = load("coalitions")[["coalition_id", "name", "lead", "nato_role", "legal_basis", "start_date"]]
    allies = set(load("members")["iso3"])
    rows = members[members["iso3"].isin(allies)].merge(coalitions, on="coalition_id")
    return rows[["iso3", "coalition_id", "name", "lead", "nato_role", "legal_basis", "start_date", "role", "source_id"]]


def complete_snapshot(rows: pd.DataFrame) -> pd.Timestamp | None:
    """The date of an operation's complete snapshot: among the snapshots that name the most nations, the latest
    that gives every nation it names a figure; None when the fullest lists lack a figure for someone."""
    sizes = rows.groupby("date")["iso3"].nunique()
    figures = rows.groupby("date")["personnel"].apply(lambda s: bool(s.notna().all()))
    fullest = sizes[(sizes == sizes.max()) & figures.reindex(sizes.index)]
    return fullest.index.max() if len(fullest) else None


def partner_share(contributions: pd.DataFrame) -> pd.DataFrame:
    """Per operation: the nations its records name at any date, how many served as partners, and troops where a
    snapshot allows.

    A nation counts once per operation, as a partner if any record names it before it joined NATO (Finland in
    KFOR in 2017), so the share of nations covers every snapshot, not one. Troops come only from the complete
    snapshot (`complete_snapshot`): a partial list's sum is not the operation's strength. Columns op_id,
    first_date, last_date, snapshots, nations, partners, partner_names, partner_share_nations, troops_date,
    troops_precision, troops, partner_share_troops (empty where no snapshot is complete)."""
    rows = []
    for op_id, op in with_status(contributions).groupby("op_id", observed=True, sort=False):
        served = op.groupby("iso3", observed=True)["status"].agg(lambda s: PARTNER if (s == PARTNER).any() else ALLY)
        partners = served[served == PARTNER]
        date = complete_snapshot(op)
        snap = op[op["date"] == date] if date is not None else op.iloc[0:0]
        troops = snap["personnel"].sum() if date is not None else None
        rows.append({"op_id": op_id, "first_date": op["date"].min(), "last_date": op["date"].max(),
                     "snapshots": op["date"].nunique(), "nations": len(served), "partners": len(partners),
                     "partner_names": ", ".join(sorted(country_names(pd.Series(partners.index.astype(str))))),
                     "partner_share_nations": 100 * len(partners) / len(served),
                     "troops_date": date if date is not None else pd.NaT,
                     "troops_precision": _coarsest(snap["date_precision"]) if "date_precision" in snap else "day",
                     "troops": int(troops) if troops else None,
                     "partner_share_troops": (100 * snap.loc[snap["status"] == PARTNER, "personnel"].sum() / troops
                                              if troops else None)})
    out = pd.DataFrame(rows)
    out["troops"] = out["troops"].astype("Int64")
    out["partner_share_troops"] = out["partner_share_troops"].astype("Float64")
    return out.sort_values(["nations", "op_id"], ascending=[False, True]).reset_index(drop=True)


def per_million(rows: pd.DataFrame, population: pd.DataFrame, value: str = "personnel") -> pd.DataFrame:
    """`rows` (iso3, date, `value`) with the population of the same year as each row's date and `per_million`,
    the value per million inhabitants. A row whose nation has no population figure for that year stops with a
    ValueError naming it: a ratio is never taken against another year's population."""
    year = rows["date"].dt.year
    people = population.set_index(["iso3", "year"])["population"]
    keys = pd.MultiIndex.from_arrays([rows["iso3"].astype(str), year.astype(int)])
    found = pd.Series(people.reindex(keys).to_numpy(), index=rows.index, dtype="Float64")
    missing = rows.loc[found.isna(), "iso3"].astype(str) + " " + year[found.isna()].astype(str)
    if len(missing):
        raise ValueError(f"no population for {', '.join(missing)} in population.csv")
    return rows.assign(population_year=year, population=found.astype("Int64"),
                       per_million=rows[value].astype("Float64") / found * 1e6)


def ranks_by_snapshot(contributions: pd.DataFrame, op_id: str) -> pd.DataFrame:
    """Each nation's rank by strength in every dated snapshot of an operation (1 = largest), with how many
    nations the snapshot gives a figure for. Columns date, iso3, personnel, rank, listed."""
    rows = contributions[(contributions["op_id"] == op_id) & contributions["personnel"].notna()]
    rows = rows[["date", "iso3", "personnel"]].copy()
    rows["rank"] = rows.groupby("date")["personnel"].rank(ascending=False, method="min").astype(int)
    rows["listed"] = rows.groupby("date")["iso3"].transform("nunique")
    return rows.sort_values(["date", "rank"]).reset_index(drop=True)


def members_on(members: pd.DataFrame, date: pd.Timestamp) -> pd.DataFrame:
    """The Allies that had joined by `date`."""
    return members[members["accession_date"] <= date]


def battlegroups(contributions: pd.DataFrame) -> pd.DataFrame:
    """One row per forward battlegroup (op_id efp, by host): when its first record is dated, its framework nation
    at launch and at the latest date recorded, and the latest list of nations.

    The framework nation at launch is the earliest framework-nation record, wherever it sits. The latest list is the
    fullest snapshot of the latest year that has one naming two nations or more, with the framework nation of that
    time: a later, partial record (a framework nation alone, one contingent in the news) does not pass for the whole
    battlegroup. Columns: host_iso3, host, first_date, first_precision, framework_at_launch, framework_latest,
    framework_latest_date, list_date, list_precision, nations_listed (names), nations (count); a precision is the
    coarsest of the records on that date ('year' for a list dated only to its year).
    """
    efp = contributions[(contributions["op_id"] == "efp") & contributions["host_iso3"].notna()]
    rows = []
    for host, group in efp.groupby("host_iso3", observed=True, sort=True):
        frameworks = group[group["role"] == "framework_nation"].sort_values("date")
        sizes = group.groupby("date")["iso3"].nunique()
        full = sizes[sizes >= 2]
        if len(full):
            latest_year = full[full.index.year == full.index.year.max()]
            list_date = latest_year[latest_year == latest_year.max()].index.max()
        else:
            list_date = group["date"].max()
        listed = set(group.loc[group["date"] == list_date, "iso3"])
        then = frameworks[frameworks["date"] <= list_date]
        lead = (then if len(then) else frameworks)["iso3"]
        if len(lead):
            listed.add(lead.iloc[-1])
        rows.append({"host_iso3": host, "host": country_names(pd.Series([host])).iloc[0],
                     "first_date": group["date"].min(),
                     "first_precision": _coarsest(group.loc[group["date"] == group["date"].min(), "date_precision"]),
                     "framework_at_launch": frameworks["iso3"].iloc[0] if len(frameworks) else pd.NA,
                     "framework_latest": frameworks["iso3"].iloc[-1] if len(frameworks) else pd.NA,
                     "framework_latest_date": frameworks["date"].iloc[-1] if len(frameworks) else pd.NaT,
                     "list_date": list_date,
                     "list_precision": _coarsest(group.loc[group["date"] == list_date, "date_precision"]),
                     "nations_listed": ", ".join(sorted(country_names(pd.Series(sorted(listed))))),
                     "nations": len(listed)})
    return pd.DataFrame(rows)


def _coarsest(precisions: pd.Series) -> str:
    """The least precise of some date precisions ('year' over 'month' over 'day')."""
    known = set(precisions.astype("string").dropna())
    return next((p for p in ("year", "month", "day") if p in known), "day")
