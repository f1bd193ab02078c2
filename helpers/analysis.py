"""The computations the notebooks share, each defined once and tested: counts per year, decades, the
median Ally, the 2022 cut-off, thresholds and person-years of troops deployed."""

from __future__ import annotations

from typing import NamedTuple

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


def median_ally(spending: pd.DataFrame, column: str = "gdp_share_pct", exclude: tuple[str, ...] = ()) -> pd.Series:
    """The median Ally per year: the median of `column` over the Allies with a value that year.

    "The median Ally" means every Ally reporting that year. To set one Ally against the others, leave it
    out by name: `median_ally(spending, exclude=("USA",))` is the median of Europe and Canada. `spending`
    must hold one row per Ally and year (pick one release first); returns a Series indexed by year.
    """
    if spending.duplicated(["iso3", "year"]).any():
        raise ValueError("median_ally needs one row per Ally and year; keep one release first, e.g. "
                         "spending[spending['release'] == '2025-08']")
    rows = spending[~spending["iso3"].isin(list(exclude))].dropna(subset=[column])
    return rows.groupby("year")[column].median().rename("median_ally")


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


def active_per_year(ops: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Number of operations active in each year, by kind (long format: year, kind, operations)."""
    years = operation_years(ops, as_of)
    counts = years.groupby(["year", "kind"], observed=True).size().rename("operations").reset_index()
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


#: Longest display name of an operation, in characters (about what a chart's y axis shows unclipped).
LABEL_WIDTH = 40


def short_label(ops: pd.DataFrame, width: int = LABEL_WIDTH) -> pd.Series:
    """A short display name per operation: the acronym, else the name without 'Operation'/'NATO' and brackets.

    Long names keep their end ('…African Union Mission in Sudan'), which is where they differ; `width` is the
    longest label in characters (narrow chart axes use less).
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


class TroopYears(NamedTuple):
    """The result of `troop_years`: person-years per operation and year, and the gaps left unfilled."""

    years: pd.DataFrame
    gaps: pd.DataFrame


TROOP_YEARS_COLUMNS = ("op_id", "date", "personnel")


def troop_years(personnel: pd.DataFrame, *, as_of: pd.Timestamp, ends: pd.Series | None = None,
                max_gap_years: float = 2.0) -> TroopYears:
    """Person-years deployed per operation and calendar year, from dated strength points.

    `personnel` has one row per strength point (columns op_id, date, personnel; rows without a figure are
    skipped). Each point holds until the operation's next point (step interpolation, never a straight line
    between figures); the last point holds until the operation's end in `ends` (a Series of end dates by
    op_id) or, when it has none, until `as_of`. A stretch longer than `max_gap_years` between two points is
    not filled: it is reported in `gaps` (op_id, start, end, years) and adds nothing to `years`.

    A year's person-years are the strength times the share of that calendar year it held: 1,000 troops for
    the whole of 2021 are 1,000 person-years, for half of it 500. `years` has columns op_id, year and
    person_years (float), one row per operation and year with any covered day. Whether the troops were under
    NATO command is up to the points given: pass only NATO-command strengths.
    """
    missing = [c for c in TROOP_YEARS_COLUMNS if c not in personnel.columns]
    if missing:
        raise ValueError(f"troop_years needs columns {', '.join(TROOP_YEARS_COLUMNS)}; missing: {', '.join(missing)}")
    points = personnel.dropna(subset=["personnel"]).sort_values(["op_id", "date"], kind="stable")
    spans, gaps = [], []
    for op_id, rows in points.groupby("op_id", sort=True, observed=True):
        dates, levels = list(rows["date"]), [float(v) for v in rows["personnel"]]
        end = ends.get(op_id) if ends is not None else None
        dates.append(end if end is not None and pd.notna(end) else as_of)
        for i, (start, stop, level) in enumerate(zip(dates, dates[1:], levels)):
            length = (stop - start).days / 365.25
            if i < len(levels) - 1 and length > max_gap_years:  # between two points, not after the last
                gaps.append({"op_id": op_id, "start": start, "end": stop, "years": round(length, 2)})
            elif stop > start:
                spans.append((op_id, start, stop, level))
    rows = []
    for op_id, start, stop, level in spans:
        for year in range(start.year, stop.year + 1):
            first, after = pd.Timestamp(year=year, month=1, day=1), pd.Timestamp(year=year + 1, month=1, day=1)
            days = (min(stop, after) - max(start, first)).days
            if days > 0:
                rows.append({"op_id": op_id, "year": year, "person_years": level * days / (after - first).days})
    years = pd.DataFrame(rows, columns=["op_id", "year", "person_years"])
    years = years.groupby(["op_id", "year"], as_index=False, sort=True)["person_years"].sum()
    return TroopYears(years, pd.DataFrame(gaps, columns=["op_id", "start", "end", "years"]))
