"""Membership on a date: who had joined NATO by then, wave by wave, and the sentences that count them.

Every count follows the date it is asked for (a notebook's `count_date`), never today's membership: on
1 January 2000 NATO had 19 members, 7 of them admitted after the founders.
"""

from __future__ import annotations

import pandas as pd

from .words import count, when

#: The last year of the Cold War (the Soviet Union was dissolved in December 1991): enlargements after it are
#: the post-Cold War ones.
COLD_WAR_ENDS = 1991


def on(members: pd.DataFrame, date: pd.Timestamp) -> pd.DataFrame:
    """The Allies that had joined by `date` (accession on or before it)."""
    return members[members["accession_date"] <= date]


def founders(members: pd.DataFrame) -> pd.DataFrame:
    """The founding members: those of the first wave."""
    return members[members["accession_date"] == members["accession_date"].min()]


def first_after_cold_war(members: pd.DataFrame) -> int:
    """The year of the first enlargement after the Cold War."""
    return int(members.loc[members["accession_date"].dt.year > COLD_WAR_ENDS, "accession_date"].dt.year.min())


def counts(members: pd.DataFrame, date: pd.Timestamp) -> dict[str, int]:
    """On `date`: members, founders among them, members admitted after the founders, and those admitted since the
    first post-Cold War enlargement (`since_year` says which year that was)."""
    then = on(members, date)
    first = founders(members)
    since = first_after_cold_war(members)
    later = then[~then["iso3"].isin(first["iso3"])]
    return {"members": len(then), "founders": int(then["iso3"].isin(first["iso3"]).sum()), "later": len(later),
            "since": int((later["accession_date"].dt.year >= since).sum()), "since_year": since}


def waves(members: pd.DataFrame) -> pd.DataFrame:
    """One row per enlargement wave among `members`: the wave, its date (the earliest accession in it), how many
    Allies joined and their names."""
    return (members.sort_values(["accession_date", "name"])
            .groupby("wave", observed=True, sort=True)
            .agg(joined=("accession_date", "min"), allies=("iso3", "size"), names=("name", ", ".join))
            .reset_index())


def growth(members: pd.DataFrame, date: pd.Timestamp) -> str:
    """A chart title for membership up to `date`: 'NATO grew from 12 founders to 32 Allies in 10 enlargements by
    3 December 2026', or what NATO had before its first enlargement (or before the treaty entered into force)."""
    then = on(members, date)
    first = len(founders(members))
    enlargements = then["wave"].nunique() - 1
    if then.empty:
        return f"NATO had no members yet on {when(date)}: the treaty entered into force on " \
               f"{when(members['accession_date'].min())}"
    if enlargements < 1:
        return f"NATO had its {count(first, 'founding member')} on {when(date)}"
    return f"NATO grew from {first} founders to {count(len(then), 'Ally')} in {count(enlargements, 'enlargement')} " \
           f"by {when(date)}"


def largest_wave(members: pd.DataFrame) -> str:
    """The largest wave after the founders among `members`, as a phrase: 'the largest wave after the founders was
    2004 (7 Allies)'; ties are listed; 'no Ally had joined after the founders' when none had."""
    later = waves(members[~members["iso3"].isin(founders(members)["iso3"])])
    if later.empty:
        return "no Ally had joined after the founders"
    top = later[later["allies"] == later["allies"].max()]
    years = [str(w) for w in top["wave"]]
    return (f"the largest {'waves' if len(years) > 1 else 'wave'} after the founders "
            f"{'were' if len(years) > 1 else 'was'} {' and '.join(years)} ({count(int(top['allies'].iloc[0]), 'Ally')}"
            f"{' each' if len(years) > 1 else ''})")
