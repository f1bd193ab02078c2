"""Codes a Table Schema cannot check: ISO 3166-1 alpha-3 country codes (Kosovo XKX), lists of them, sea areas."""

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


RULES = [country_problems]
