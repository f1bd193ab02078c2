"""State codes by year: the Correlates of War (COW) and Gleditsch-Ward (GW) codes in force for a state in a year,
read from the periods of states.csv, so that the project's ISO3-keyed rows merge with COW- or GW-keyed datasets.

A period covers its `start_year` to its `end_year` (open while empty). Two periods of a state share the year in
which its codes change (Germany 1990, Serbia 2006): that year takes the code in force at the end of the year, as a
state-year row describes the state as it stood on 31 December (Germany 1990: COW 255; Serbia 2006: GW 340). The
state lists count both codes in that year; a merge on the earlier one finds no row.
"""

from __future__ import annotations

import pandas as pd

#: The two state systems: (code column, abbreviation column or None).
SYSTEMS = {"cow": ("cow_code", "cow_abb"), "gw": ("gw_code", None)}
OPEN_END = 9999


def periods(states: pd.DataFrame) -> pd.DataFrame:
    """The periods of states.csv with `last` (the end year, 9999 while open), ordered by state and start."""
    out = states.assign(last=states["end_year"].fillna(OPEN_END).astype(int), first=states["start_year"].astype(int))
    return out.sort_values(["iso3", "first"], kind="stable").reset_index(drop=True)


def codes_by_year(states: pd.DataFrame, years: range, iso3s: list[str] | None = None) -> pd.DataFrame:
    """One row per state and year in which states.csv has a period for it: iso3, year, cow_code, cow_abb, gw_code
    (Int64 and string; empty where that system lists no code). A year two periods share takes the later period."""
    spans = periods(states)
    if iso3s is not None:
        spans = spans[spans["iso3"].isin(list(iso3s))]
    rows = []
    for period in spans.itertuples():
        for year in range(max(period.first, years.start), min(period.last, years.stop - 1) + 1):
            rows.append((period.iso3, year, period.cow_code, period.cow_abb, period.gw_code))
    out = pd.DataFrame(rows, columns=["iso3", "year", "cow_code", "cow_abb", "gw_code"])
    out = out.drop_duplicates(["iso3", "year"], keep="last")  # the later period holds at the year's end
    return out.astype({"iso3": "string", "year": "int64", "cow_code": "Int64", "cow_abb": "string",
                       "gw_code": "Int64"}).sort_values(["iso3", "year"]).reset_index(drop=True)


def code_in(states: pd.DataFrame, iso3: str, year: int, system: str = "cow") -> int | None:
    """The COW (`system="cow"`) or GW (`"gw"`) code of one state at the end of one year; None where none."""
    column = SYSTEMS[system][0]
    rows = codes_by_year(states, range(year, year + 1), [iso3])
    if rows.empty or pd.isna(rows[column].iloc[0]):
        return None
    return int(rows[column].iloc[0])


def changes(states: pd.DataFrame, years: range | None = None) -> pd.DataFrame:
    """The years in which a state's code changes from one period to the next within the year (two periods share
    it): iso3, year, system ('COW' or 'GW'), before, after (Int64; empty where that system lists none)."""
    spans = periods(states)
    rows = []
    for iso3, group in spans.groupby("iso3", sort=True):
        for earlier, later in zip(group.itertuples(), list(group.itertuples())[1:]):
            if earlier.last != later.first or (years is not None and later.first not in years):
                continue
            for system, (column, _) in SYSTEMS.items():
                before, after = getattr(earlier, column), getattr(later, column)
                if not (pd.isna(before) and pd.isna(after)) and (pd.isna(before) or pd.isna(after) or before != after):
                    rows.append((iso3, later.first, system.upper(), before, after))
    return pd.DataFrame(rows, columns=["iso3", "year", "system", "before", "after"]).astype(
        {"before": "Int64", "after": "Int64"})
