"""check-data's rules beyond the Table Schema, one module per kind of rule.

- `schema`: Frictionless's findings in plain words; headers and field counts
- `codes`: country codes (ISO 3166, with Kosovo XKX), sea areas, vocabulary case, state codes
- `dates`: date order, first-day dates for month and year precision, dates within their operation's
- `references`: foreign keys, lists of keys, `see <source_id>` in notes, `field_sources`, paths in notes
- `sources`: Wikipedia flags, the claims register's standard
- `figures`: peaks against personnel, national figures against their operation's, Security Council votes,
  one framework nation per battlegroup and date
- `quotes`: every number of a quoted row appears in its quote

A rule is a function of the parsed tables (`Tables`) that returns Problems. Each kind of problem has a broken
fixture under tests/fixtures/broken/ (see `helpers.data.check.PROBLEM_KINDS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import Callable, Iterator, Mapping

from ..problems import Problem


@dataclass
class Table:
    """One CSV as check-data read it: its header and its cells by line number."""

    name: str
    header: list[str]
    rows: dict[int, list[str]]

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @cached_property
    def _records(self) -> list[tuple[int, Mapping[str, str]]]:
        return [(line, MappingProxyType({h: c.strip() for h, c in zip(self.header, cells)}))
                for line, cells in self.rows.items() if len(cells) == len(self.header)]

    def records(self) -> Iterator[tuple[int, Mapping[str, str]]]:
        """(line, {column: stripped value}) for every row with the right number of fields; read-only, and made
        once per table however many rules read it."""
        return iter(self._records)

    def column(self, name: str) -> set[str]:
        """The distinct non-empty values of one column."""
        return {r[name] for _, r in self.records() if r.get(name)}

    def problem(self, line: int, column: str, problem: str, value: str | None = None, hint: str = "") -> Problem:
        return Problem(self.file, line, column, problem, value, hint)


class Tables(dict):
    """The readable tables of one data package by name, the folder they were read from, and their schemas."""

    def __init__(self, directory=None):
        super().__init__()
        self.directory = directory
        self.schemas: dict[str, dict] = {}

    def primary_key(self, name: str) -> list[str]:
        return self.schemas.get(name, {}).get("primaryKey", [])

    def field_type(self, name: str, column: str) -> str:
        fields = self.schemas.get(name, {}).get("fields", [])
        return next((f["type"] for f in fields if f["name"] == column), "string")


Rule = Callable[[Tables], list[Problem]]


def cross_table_rules() -> list[Rule]:
    """Every rule that reads the tables together, in the order they report."""
    from . import codes, dates, figures, quotes, references, sources

    return [*references.RULES, *sources.RULES, *codes.RULES, *dates.RULES, *figures.RULES, *quotes.RULES]
