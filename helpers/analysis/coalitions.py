"""The coalition universe: which coalitions and missions outside NATO command meet the table's written rule
(data/README.md, "What the coalition table includes"), and who led or chaired each on a date.

The rule: a multinational military effort since 1990, outside NATO command, in which at least two states that
were Allies on its start date took part with forces, as the member lists read name them. African Union missions
that NATO supported and donor or coordination formats are kept in the table but never counted as military
coalitions.
"""

from __future__ import annotations

import pandas as pd

#: Kinds of effort that count as military coalitions (the others are kept for NATO's support or coordination).
MILITARY_TYPES = ("ad_hoc_coalition", "eu_military_operation", "eu_military_mission", "weu_operation",
                  "standing_grouping")
#: The fewest Allies with forces that make a coalition of Allies under the rule.
MIN_ALLIES = 2
FIRST_YEAR = 1990


def allies_listed(coalitions: pd.DataFrame, members_lists: pd.DataFrame, members: pd.DataFrame) -> pd.Series:
    """Per coalition_id: how many states named in its member lists had joined NATO by its start date."""
    joined = members.set_index("iso3")["accession_date"]
    starts = coalitions.set_index("coalition_id")["start_date"]
    rows = members_lists.assign(start=members_lists["coalition_id"].map(starts),
                                joined=members_lists["iso3"].astype("string").map(joined))
    allies = rows[rows["joined"].notna() & (rows["joined"] <= rows["start"])]
    counts = allies.groupby("coalition_id", observed=True)["iso3"].nunique()
    return counts.reindex(coalitions["coalition_id"]).fillna(0).astype(int)


def universe(coalitions: pd.DataFrame, members_lists: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """The coalitions table with `allies_listed` and `counted` (meets the rule) and, where not counted, `why_not`."""
    out = coalitions.copy()
    out["allies_listed"] = allies_listed(coalitions, members_lists, members).values
    military = out["type"].astype("string").isin(MILITARY_TYPES)
    recent = out["start_date"].dt.year >= FIRST_YEAR
    enough = out["allies_listed"] >= MIN_ALLIES
    out["counted"] = military & recent & enough
    out["why_not"] = pd.Series(pd.NA, index=out.index, dtype="string")
    out.loc[~military, "why_not"] = "not a military coalition (" + out.loc[~military, "type"].astype("string") + ")"
    out.loc[military & ~recent, "why_not"] = "began before 1990"
    out.loc[military & recent & ~enough, "why_not"] = "fewer than two Allies with forces in the lists read"
    return out


def lead_on(leads: pd.DataFrame, coalition_id: str, date: pd.Timestamp) -> pd.DataFrame:
    """The leads, chairs and co-chairs of a coalition on a date (from coalition_leads.csv)."""
    rows = leads[leads["coalition_id"] == coalition_id]
    active = (rows["start_date"] <= date) & (rows["end_date"].isna() | (rows["end_date"] >= date))
    return rows[active]
