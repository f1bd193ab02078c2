"""One Ally's record across the tables, for the per-Ally profile notebook and the site's Allies index.

Each function takes the Ally's ISO 3166 alpha-3 code and returns rows (possibly none): the profile turns empty
results into sentences, never into empty charts.
"""

from __future__ import annotations

import pandas as pd

from ..data.countries import name as _name
from ..data.loader import load
from . import participation
from .spending import latest_release


def spending_with_rank(spending: pd.DataFrame) -> pd.DataFrame:
    """Latest-release share of GDP for every Ally and year, with its rank among the Allies reporting that year
    (1 = largest share) and the number reporting."""
    rows = latest_release(spending).dropna(subset=["gdp_share_pct"]).copy()
    rows["rank"] = rows.groupby("year")["gdp_share_pct"].rank(ascending=False, method="min").astype(int)
    rows["reporting"] = rows.groupby("year")["iso3"].transform("size")
    return rows


def partnership_path(iso3: str) -> pd.DataFrame:
    """Partnership frameworks the country belonged to before (or instead of) joining."""
    rows = load("partnerships")
    return rows[rows["iso3"] == iso3].sort_values("join_date")


def article_4_requests(iso3: str) -> pd.DataFrame:
    """Article 4 consultations the Ally requested, alone or with others."""
    events = load("events")
    art4 = events[events["kind"] == "article_4"]
    return art4[art4["countries"].fillna("").str.split(";").map(lambda codes: iso3 in codes)].sort_values("date")


def operations_on_territory(iso3: str) -> pd.DataFrame:
    """NATO operations whose theatre or support sites include the Ally's territory or waters."""
    places = load("operation_countries")
    ops = load("operations")[["op_id", "name", "start_date", "end_date", "status"]]
    mine = places[(places["area_type"] == "country") & (places["area_code"] == iso3)]
    return mine.merge(ops, on="op_id").sort_values("start_date")


def contributions_of(iso3: str) -> pd.DataFrame:
    """Every recorded contribution of the nation to NATO operations, with the operation's name."""
    rows = load("contributions")
    ops = load("operations").set_index("op_id")["name"]
    mine = rows[rows["iso3"] == iso3].copy()
    mine["operation"] = mine["op_id"].map(ops)
    return mine.sort_values(["date", "op_id"])


def battlegroup_roles(iso3: str) -> list[str]:
    """Phrases on the Ally's forward-battlegroup roles: host, framework nation, contributor."""
    contributions = load("contributions")
    groups = participation.battlegroups(contributions).set_index("host_iso3")
    efp = contributions.query("op_id == 'efp'").dropna(subset=["host_iso3"])
    out = []
    if iso3 in groups.index:
        group = groups.loc[iso3]
        lead = _name(group["framework_latest"]) if pd.notna(group["framework_latest"]) else "a nation not recorded"
        when = group["framework_latest_date"] if pd.notna(group["framework_latest_date"]) else group["list_date"]
        out.append(f"hosts a forward battlegroup since {group['first_date']:%Y}, led by {lead} at the latest date "
                   f"found ({when:%B %Y})")
    own = efp[efp["iso3"] == iso3]
    led = sorted(set(own.loc[own["role"] == "framework_nation", "host_iso3"]))
    joined = sorted(set(own.loc[own["role"] == "contributor", "host_iso3"]) - {iso3} - set(led))
    if led:
        out.append("is the framework nation of the battlegroup in " + ", ".join(_name(h) for h in led))
    if joined:
        out.append("contributes to the battlegroups in " + ", ".join(_name(h) for h in joined))
    return out


def coalitions_joined(iso3: str) -> pd.DataFrame:
    """Coalitions outside NATO command the nation is listed in, with NATO's role in each."""
    table = participation.coalitions_per_ally()
    return table[table["iso3"] == iso3].sort_values("start_date")


def claims_about(name: str) -> pd.DataFrame:
    """Claims whose text, correction or evidence names the country."""
    claims = load("claims")
    text = claims["claim"].fillna("") + " " + claims["correction"].fillna("") + " " + claims["evidence"].fillna("")
    return claims[text.str.contains(rf"\b{name}\b", regex=True)]


def index_table() -> pd.DataFrame:
    """One row per Ally for the site's Allies index: name, year joined, latest share of GDP, operations."""
    members = load("members")
    spending = spending_with_rank(load("defence_expenditure"))
    latest = spending[spending["year"] == spending["year"].max()].set_index("iso3")
    ops = participation.operations_per_ally(load("contributions")).set_index("iso3")["operations"]
    out = members[["iso3", "name", "accession_date"]].copy()
    out["joined"] = out["accession_date"].dt.year
    out["latest_share"] = out["iso3"].map(latest["gdp_share_pct"]).astype(float)  # NaN where NATO gives none
    out["latest_year"] = int(spending["year"].max())
    out["operations"] = out["iso3"].map(ops).fillna(0).astype(int)
    return out.drop(columns="accession_date")
