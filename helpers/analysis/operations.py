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


#: What `theatre_membership` says of an operation whose only places are support sites or states it assisted.
SUPPORT_ONLY = "no NATO theatre (support only)"


def theatre_membership(ops: pd.DataFrame, countries: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Per operation: how many theatre countries were Allies when it began, how many were not, and seas.

    `countries` is operation_countries; rows whose `presence` is not 'theatre' (support sites, states assisted from
    elsewhere, as for NATO's airlift to African Union missions) are no theatre. `where` is 'Allied territory',
    'beyond the Allies' or 'both', 'at sea only' for purely naval areas, SUPPORT_ONLY for an operation that has only
    such other rows, and 'not recorded' for one with no row at all.
    """
    joined = members.set_index("iso3")["accession_date"]
    theatres = countries[countries["presence"] == "theatre"] if "presence" in countries else countries
    rows = []
    for _, op in ops.iterrows():
        areas = theatres[theatres["op_id"] == op["op_id"]]
        states = areas[areas["area_type"] == "country"]["area_code"].astype(str)
        allied = sum(1 for c in states if c in joined.index and joined[c] <= op["start_date"])
        beyond = len(states) - allied
        seas = int((areas["area_type"] == "sea_area").sum())
        elsewhere = bool((countries["op_id"] == op["op_id"]).any())
        where = ("both" if allied and beyond else "Allied territory" if allied else
                 "beyond the Allies" if beyond else "at sea only" if seas else
                 SUPPORT_ONLY if elsewhere else "not recorded")
        rows.append({"op_id": op["op_id"], "allied_countries": allied, "other_countries": beyond, "sea_areas": seas,
                     "where": where})
    return pd.DataFrame(rows)


class TroopYears(NamedTuple):
    """The result of `troop_years`: person-years per operation and year, and the gaps left unfilled."""

    years: pd.DataFrame
    gaps: pd.DataFrame


TROOP_YEARS_COLUMNS = ("op_id", "date", "personnel")


def _held(personnel: pd.DataFrame, *, as_of: pd.Timestamp, ends: pd.Series | None,
          max_gap_years: float) -> tuple[list[tuple], pd.DataFrame]:
    """The stretches over which each strength holds, (op_id, start, stop, level), and the stretches left empty.

    A figure holds until the operation's next figure, its end in `ends` or, while it has none, `as_of`, but for
    at most `max_gap_years`: the rest of a longer stretch is a gap (op_id, start, end, years), `start` being the
    day the figure stops holding.
    """
    missing = [c for c in TROOP_YEARS_COLUMNS if c not in personnel.columns]
    if missing:
        raise ValueError(f"troop_years needs columns {', '.join(TROOP_YEARS_COLUMNS)}; missing: {', '.join(missing)}")
    points = personnel.dropna(subset=["personnel"]).sort_values(["op_id", "date"], kind="stable")
    longest = (pd.DateOffset(years=int(max_gap_years)) if float(max_gap_years).is_integer()
               else pd.Timedelta(days=round(max_gap_years * 365.25)))
    spans, gaps = [], []
    for op_id, rows in points.groupby("op_id", sort=True, observed=True):
        dates, levels = list(rows["date"]), [float(v) for v in rows["personnel"]]
        end = ends.get(op_id) if ends is not None else None
        dates.append(end if end is not None and pd.notna(end) else as_of)
        for start, stop, level in zip(dates, dates[1:], levels):
            held = min(stop, start + longest)
            if held > start:
                spans.append((op_id, start, held, level))
            if stop > held:
                gaps.append({"op_id": op_id, "start": held, "end": stop, "years": round((stop - held).days / 365.25, 2)})
    return spans, pd.DataFrame(gaps, columns=["op_id", "start", "end", "years"])


def troop_years(personnel: pd.DataFrame, *, as_of: pd.Timestamp, ends: pd.Series | None = None,
                max_gap_years: float = 2.0) -> TroopYears:
    """Person-years deployed per operation and calendar year, from dated strength points.

    `personnel` has one row per strength point (columns op_id, date, personnel; rows without a figure are
    skipped). Each point holds until the operation's next point (step interpolation, never a straight line
    between figures), or after the last one until the operation's end in `ends` (a Series of end dates by op_id)
    or, when it has none, until `as_of`; but never for more than `max_gap_years`. The rest of a longer stretch is
    left empty and reported in `gaps` (op_id, start, end, years): a single figure is not carried for years.

    A year's person-years are the strength times the share of that calendar year it held: 1,000 troops for
    the whole of 2021 are 1,000 person-years, for half of it 500. `years` has columns op_id, year and
    person_years (float), one row per operation and year with any covered day. Whether the troops were under
    NATO command is up to the points given: pass only NATO-command strengths.
    """
    spans, gaps = _held(personnel, as_of=as_of, ends=ends, max_gap_years=max_gap_years)
    rows = []
    for op_id, start, stop, level in spans:
        for year in range(start.year, stop.year + 1):
            first, after = pd.Timestamp(year=year, month=1, day=1), pd.Timestamp(year=year + 1, month=1, day=1)
            days = (min(stop, after) - max(start, first)).days
            if days > 0:
                rows.append({"op_id": op_id, "year": year, "person_years": level * days / (after - first).days})
    years = pd.DataFrame(rows, columns=["op_id", "year", "person_years"])
    years = years.groupby(["op_id", "year"], as_index=False, sort=True)["person_years"].sum()
    return TroopYears(years, gaps)


def strength_on(personnel: pd.DataFrame, dates, *, as_of: pd.Timestamp, ends: pd.Series | None = None,
                max_gap_years: float = 2.0) -> pd.DataFrame:
    """The strength each operation's figures give on each of `dates`, by the rule of `troop_years` (a figure
    holds until the next, for at most `max_gap_years`). Columns date, op_id, personnel, figure_date (the date of
    the figure held); an operation with no figure holding on a date has no row for it."""
    spans, _ = _held(personnel, as_of=as_of, ends=ends, max_gap_years=max_gap_years)
    rows = [{"date": date, "op_id": op_id, "personnel": level, "figure_date": start}
            for date in pd.to_datetime(pd.Series(list(dates))) for op_id, start, stop, level in spans
            if start <= date < stop]
    return pd.DataFrame(rows, columns=["date", "op_id", "personnel", "figure_date"])


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
    """The unfilled stretches of `troop_years` as a chart note: 'A figure is carried for at most two years; later
    years are left empty (SFOR 1999-2000; KFOR 2016)'. Only stretches covering a whole calendar year are named."""
    spans = []
    for g in gaps.itertuples():
        first, last = g.start.year + (g.start.day_of_year > 1), g.end.year - 1
        if last >= first:
            spans.append(f"{g.op_id.upper().replace('_', ' ')} {first}" + (f"-{last}" if last > first else ""))
    return ("A figure is carried for at most two years; later years without a figure are left empty"
            + (f" ({'; '.join(spans)})" if spans else ""))


def by_basis(ops: pd.DataFrame, person_years: pd.Series) -> pd.DataFrame:
    """Operations per legal basis, counted and weighted by size.

    `ops` has op_id, legal_basis and legal_basis_coding; `person_years` is troop-years by op_id (operations without
    dated strengths are absent). One row per basis (None where no basis was found), with `operations`, `by_rule` (coded
    by the project's rule, not a source), `weighed` (operations with troop-years), `troop_years`, and each basis's
    share of the operations and of the troop-years (%). Sorted by count, largest first."""
    frame = ops.assign(basis=ops["legal_basis"].astype("string").fillna("none_found"),
                       rule=ops["legal_basis_coding"].astype("string").eq("project_rule").fillna(False),
                       weight=ops["op_id"].map(person_years).astype("Float64"))
    out = frame.groupby("basis").agg(operations=("op_id", "size"), by_rule=("rule", "sum"),
                                     weighed=("weight", "count"), troop_years=("weight", "sum")).reset_index()
    out["share_operations"] = 100 * out["operations"] / out["operations"].sum()
    out["share_troop_years"] = 100 * out["troop_years"] / out["troop_years"].sum()
    out["basis"] = out["basis"].astype("object").where(out["basis"] != "none_found", None)
    return out.sort_values(["operations", "troop_years"], ascending=False).reset_index(drop=True)


def assessed_by_nato(outcomes: pd.DataFrame) -> pd.Series:
    """True for the outcomes ledger's rows in which NATO judged its own operation (`assessed_by` names a NATO body
    first: the Secretary General, a NATO command or mission), False for assessments by others."""
    return outcomes["assessed_by"].astype("string").str.match(r"NATO\b").fillna(False).astype(bool)
