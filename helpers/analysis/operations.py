"""Operations over time: active per year, launched per period, troop-years under NATO command, where they ran."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from .periods import period_of


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


def launches_per_year(ops: pd.DataFrame, table: pd.DataFrame, by: str = "kind_label") -> pd.DataFrame:
    """Operations launched per year of each period, split by a column (long format: period, <by>, launched,
    per_year). Periods of unequal length become comparable."""
    launched = ops.assign(period=period_of(ops["start_date"], table)).dropna(subset=["period"])
    counts = launched.groupby(["period", by], observed=True).size().rename("launched").reset_index()
    counts["per_year"] = counts["launched"] / counts["period"].map(table.set_index("period")["years"]).astype(float)
    return counts


def troops_per_period(years: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Average troops under command per year of each period, from troop-years per calendar year (a year that
    straddles a period boundary is shared by the days on each side)."""
    rows = []
    for p in table.itertuples():
        total = 0.0
        for year, person_years in years.groupby("year")["person_years"].sum().items():
            first, after = pd.Timestamp(year=int(year), month=1, day=1), pd.Timestamp(year=int(year) + 1, month=1, day=1)
            overlap = (min(after, p.end) - max(first, p.start)).days
            if overlap > 0:
                total += person_years * overlap / (after - first).days
        rows.append({"period": p.period, "troop_years": total, "years": p.years, "troops_per_year": total / p.years})
    return pd.DataFrame(rows)


def gap_note(gaps: pd.DataFrame) -> str:
    """The unfilled gaps of `troop_years` as a chart note: 'left empty: SFOR 1999-2000; KFOR 2014-2016'."""
    spans = [f"{g.op_id.upper().replace('_', ' ')} {g.start.year + 1}-{g.end.year - 1}" for g in gaps.itertuples()
             if g.end.year - g.start.year > 1]
    return "Years more than two years from any figure are left empty" + (f" ({'; '.join(spans)})" if spans else "")
