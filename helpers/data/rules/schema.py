"""Frictionless's findings in plain words, and what must hold before a table is checked at all: its header and
the number of fields on each row."""

from __future__ import annotations

from ..problems import Problem
from ..read import delimiter_hint, value_hint
from . import Table


def frictionless_problem(resource: str, error) -> Problem | None:
    """Translate one Frictionless error into a Problem (None for those reported otherwise)."""
    file = f"{resource}.csv"
    kind = error.type
    row = getattr(error, "row_number", None)
    field = getattr(error, "field_name", None) or ""
    cell = getattr(error, "cell", None)
    value = None if cell in (None, "") else str(cell)
    if kind == "type-error":
        expected = error.note.split('"')[1] if '"' in error.note else error.note
        kind_name, _, fmt = expected.partition("/")
        return Problem(file, row, field, f"not a valid {fmt if fmt not in ('', 'default') else kind_name}", value,
                       value_hint(kind_name, value or ""))
    if kind == "constraint-error":
        note = error.note
        if 'constraint "required"' in note:
            return Problem(file, row, field, "required value missing")
        if 'constraint "enum"' in note:
            allowed = note.split(' is "', 1)[1].rstrip('"')
            return Problem(file, row, field, f"not in the vocabulary {allowed}", value, _case_hint(value, allowed))
        if 'constraint "minimum"' in note or 'constraint "maximum"' in note:
            bound = note.split('constraint "', 1)[1].split('"')[0]
            limit = note.rsplit('"', 2)[-2]
            return Problem(file, row, field, f"out of range ({bound} {limit})", value)
        if 'constraint "pattern"' in note:
            return Problem(file, row, field, f"does not match the pattern {note.rsplit(' is ', 1)[-1]}", value)
        if 'constraint "unique"' in note:
            return None  # reported as unique-error
        return Problem(file, row, field, note, value)
    if kind == "unique-error":
        return Problem(file, row, field, f"duplicate value ({error.note})", value)
    if kind == "primary-key":
        return Problem(file, row, "", "duplicate key: same as an earlier row", None)
    if kind in {"missing-cell", "extra-cell"}:
        return None  # summarised per row by field_count_problems
    if kind == "blank-row":
        return Problem(file, row, "", "blank row")
    if kind == "encoding-error":
        return Problem(file, 1, "", "file is not valid UTF-8")
    if kind in {"source-error", "scheme-error", "format-error"}:
        return Problem(file, 1, "", f"cannot read the file: {error.note}")
    return Problem(file, row or 1, field, f"{kind}: {error.note}", value)


def _case_hint(value: str | None, allowed: str) -> str:
    """'write it in the schema's case: Ally' when the value differs from a vocabulary value only in case."""
    if not value:
        return ""
    options = [v.strip().strip("'\"") for v in allowed.strip("[]").split(",")]
    exact = [v for v in options if v.lower() == value.lower()]
    return f"write it exactly as the schema does: {exact[0]}" if exact else ""


def field_count_problems(file: str, header: list[str], rows) -> list[Problem]:
    out = []
    for line, cells in rows:
        if cells and len(cells) != len(header):
            more = "many" if len(cells) > len(header) else "few"
            out.append(Problem(file, line, "", f"too {more} fields: {len(cells)} instead of {len(header)}"))
    return out


def header_problems(file: str, header: list[str], expected: list[str]) -> list[Problem]:
    """Missing, unexpected, duplicated or reordered columns (the table is not checked further)."""
    hint = delimiter_hint(header, expected)
    if hint:
        return [Problem(file, 1, "", hint)]
    out = [Problem(file, 1, name, "expected column missing") for name in expected if name not in header]
    out += [Problem(file, 1, name or "-", "unexpected column") for name in header if name not in expected]
    out += [Problem(file, 1, name, "duplicate column name") for i, name in enumerate(header) if name in header[:i]]
    if not out:
        out.append(Problem(file, 1, "", f"columns out of order (expected {','.join(expected)})"))
    return out


def describe_duplicate_key(p: Problem, key: list[str], table: Table | None) -> Problem | None:
    """Name the key columns and values of a duplicate key; single-column keys are reported as unique errors."""
    if len(key) < 2 or table is None:
        return None
    cells = table.rows.get(p.line, [])
    values = [cells[table.header.index(k)] if k in table.header and table.header.index(k) < len(cells) else ""
              for k in key]
    return Problem(p.file, p.line, "+".join(key), "duplicate key: same as an earlier row", ", ".join(values))
