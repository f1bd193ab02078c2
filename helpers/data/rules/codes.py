"""Codes a Table Schema cannot check: ISO 3166-1 alpha-3 country codes (Kosovo XKX), lists of them, sea areas, and
the state codes of states.csv: every state a table names has a row there, a state's periods do not overlap, and
each COW or GW code belongs to one state in any year (with one COW abbreviation)."""

from __future__ import annotations

from ..countries import country_codes, suggestion
from ..problems import Problem
from . import Table, Tables

#: Columns holding one ISO 3166-1 alpha-3 code, or a ';'-separated list of them.
COUNTRY_COLUMNS = {"members": ["iso3"], "partnerships": ["iso3"], "defence_expenditure": ["iso3"],
                   "population": ["iso3"], "contributions": ["iso3", "host_iso3"], "coalition_members": ["iso3"],
                   "fatalities": ["iso3"], "strike_participation": ["iso3"], "states": ["iso3"],
                   "coalition_leads": [], "posture": []}
COUNTRY_LIST_COLUMNS = {"events": ["countries"], "resolutions": ["abstaining"]}
SEA_AREAS = {"mediterranean_sea", "adriatic_sea", "aegean_sea", "baltic_sea", "black_sea", "gulf_of_aden",
             "indian_ocean", "north_atlantic", "red_sea", "arctic_ocean", "north_sea", "persian_gulf",
             "strait_of_hormuz", "caribbean_sea"}


def _unknown(table: Table, line: int, column: str, value: str) -> Problem:
    return table.problem(line, column, "unknown ISO 3166-1 alpha-3 code", value, suggestion(value))


def country_problems(tables: Tables) -> list[Problem]:
    codes = country_codes()
    out = []
    for name, table in tables.items():
        singles, lists = COUNTRY_COLUMNS.get(name, []), COUNTRY_LIST_COLUMNS.get(name, [])
        for line, row in table.records():
            for column in singles:
                if row.get(column) and row[column] not in codes:
                    out.append(_unknown(table, line, column, row[column]))
            for column in lists:
                for value in filter(None, (v.strip() for v in row.get(column, "").split(";"))):
                    if value not in codes:
                        out.append(_unknown(table, line, column, value))
            if name == "operation_countries":
                if row["area_type"] == "country" and row["area_code"] not in codes:
                    out.append(_unknown(table, line, "area_code", row["area_code"]))
                if row["area_type"] == "sea_area" and row["area_code"] not in SEA_AREAS:
                    out.append(table.problem(line, "area_code", f"unknown sea area (one of {sorted(SEA_AREAS)})",
                                             row["area_code"]))
    return out


#: Where a table names a state by ISO3 only in some rows: the column, and the (column, value) that says it is a state.
STATE_WHERE = {"operation_countries": [("area_code", ("area_type", "country"))],
               "coalitions": [("lead", ("lead_type", "state"))],
               "coalition_leads": [("lead", ("lead_type", "state"))]}
#: Tables that name states besides those in COUNTRY_COLUMNS and COUNTRY_LIST_COLUMNS.
EXTRA_STATE_COLUMNS = {"posture": ["host_iso3"]}


def states_used(tables: Tables) -> dict[str, list[tuple[Table, int, str]]]:
    """Every ISO3 code a table uses for a state, with where it is used: (table, line, column)."""
    used: dict[str, list[tuple[Table, int, str]]] = {}
    for name, table in tables.items():
        if name == "states":
            continue
        singles = COUNTRY_COLUMNS.get(name, []) + EXTRA_STATE_COLUMNS.get(name, [])
        lists = COUNTRY_LIST_COLUMNS.get(name, [])
        where = STATE_WHERE.get(name, [])
        for line, row in table.records():
            found = [(c, row.get(c, "")) for c in singles]
            found += [(c, v.strip()) for c in lists for v in row.get(c, "").split(";")]
            found += [(c, row.get(c, "")) for c, (kind, value) in where if row.get(kind) == value]
            for column, code in found:
                if code:
                    used.setdefault(code, []).append((table, line, column))
    return used


def _years(row: dict[str, str]) -> tuple[int, int] | None:
    """A states row's (first, last) year; the last is open (9999) while the period continues."""
    try:
        return int(row["start_year"]), int(row["end_year"]) if row.get("end_year") else OPEN
    except (KeyError, ValueError):
        return None  # not an integer: the schema check reports it


OPEN = 9999


def state_row_problems(tables: Tables) -> list[Problem]:
    """Every ISO3 a table uses for a state has a row in states.csv (codes that are not ISO codes at all are
    reported by `country_problems` instead)."""
    if "states" not in tables:
        return []
    listed, known = tables["states"].column("iso3"), country_codes()
    out = []
    for code, places in sorted(states_used(tables).items()):
        if code in listed or code not in known:
            continue
        for table, line, column in places:
            out.append(table.problem(line, column, "has no row in states.csv", code,
                                     "add its COW and GW codes from the published state lists"))
    return out


def state_period_problems(tables: Tables) -> list[Problem]:
    """A state's periods in states.csv do not overlap (two periods may share the year in which the codes
    change); a period does not end before it starts."""
    if "states" not in tables:
        return []
    table = tables["states"]
    periods: dict[str, list[tuple[int, int, int]]] = {}
    out = []
    for line, row in table.records():
        years = _years(row)
        if years is None:
            continue
        if years[1] < years[0]:
            out.append(table.problem(line, "end_year", f"ends before it starts (start_year {years[0]})",
                                     row["end_year"]))
            continue
        periods.setdefault(row["iso3"], []).append((*years, line))
    for code, spans in periods.items():
        spans.sort()
        for (start, end, _), (next_start, next_end, line) in zip(spans, spans[1:]):
            if next_start < end:
                shown = "open" if end == OPEN else end
                out.append(table.problem(line, "start_year",
                                         f"overlaps another period of the same state ({code} {start}-{shown})",
                                         str(next_start), "a period may start only in the year the previous one ends"))
    return out


def state_code_problems(tables: Tables) -> list[Problem]:
    """One code per state and year in each system: a COW or GW code is not given to two states in the same year,
    and a COW code always has the same abbreviation."""
    if "states" not in tables:
        return []
    table = tables["states"]
    out = []
    for system in ("cow_code", "gw_code"):
        holders: dict[str, list[tuple[int, int, str]]] = {}
        for line, row in table.records():
            years = _years(row)
            if not row.get(system) or years is None:
                continue
            for start, end, other in holders.get(row[system], []):
                if other != row["iso3"] and start <= years[1] and years[0] <= end:
                    out.append(table.problem(line, system, f"given to two states in the same year ({other} "
                                                           f"{start}-{'open' if end == OPEN else end})", row[system]))
            holders.setdefault(row[system], []).append((*years, row["iso3"]))
    abbreviations: dict[str, str] = {}
    for line, row in table.records():
        code, abb = row.get("cow_code", ""), row.get("cow_abb", "")
        if abb and not code:
            out.append(table.problem(line, "cow_abb", "a COW abbreviation without a COW code", abb))
        elif code and abbreviations.setdefault(code, abb) != abb:
            out.append(table.problem(line, "cow_abb", f"abbreviation differs for the same COW code ({code} is "
                                                      f"{abbreviations[code]} elsewhere)", abb))
    return out


RULES = [country_problems, state_row_problems, state_period_problems, state_code_problems]
