"""Time as the notebooks cut it: decades, and the three periods split by 2014 and the full-scale invasion."""

from __future__ import annotations

import pandas as pd

#: Russia's full-scale invasion of Ukraine: the one date that splits "before 2022" from "since 2022".
#: Periods that use it start on this day (`pd.cut(..., right=False)`), not on 1 January 2022.
FULL_SCALE_INVASION = pd.Timestamp("2022-02-24")


def decade(year):
    """The decade a year falls in, as its first year: 1999 -> 1990. Works on an int or a Series of years."""
    return year // 10 * 10


def decade_label(year):
    """The decade as notebooks label it: 1999 -> '1990s'. Works on an int or a Series (e.g. `dates.dt.year`)."""
    if isinstance(year, pd.Series):
        return decade(year).astype(str) + "s"
    return f"{decade(int(year))}s"


def periods(as_of: pd.Timestamp) -> pd.DataFrame:
    """The three periods the notebooks compare: 1990-2013, 2014 to the full-scale invasion, and since then
    (to `as_of`, so the last one is not a whole number of years). Columns period, start, end, years."""
    bounds = [pd.Timestamp("1990-01-01"), pd.Timestamp("2014-01-01"), FULL_SCALE_INVASION, as_of]
    names = ["1990-2013", "2014 to Feb 2022", f"Feb 2022 to {as_of:%b %Y}"]
    return pd.DataFrame({"period": names, "start": bounds[:-1], "end": bounds[1:],
                         "years": [(b - a).days / 365.25 for a, b in zip(bounds[:-1], bounds[1:])]})


def period_of(dates: pd.Series, table: pd.DataFrame) -> pd.Series:
    """The period each date falls in (dates outside every period get NA)."""
    edges = list(table["start"]) + [table["end"].iloc[-1] + pd.Timedelta(days=1)]
    return pd.cut(dates, bins=edges, labels=list(table["period"]), right=False)
