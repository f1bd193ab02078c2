"""Validate the data package: every problem located as `file:line: column: problem (value)`.

The schemas live once, in `data/datapackage.json` (Frictionless Data Package). Frictionless checks types,
required values, ranges, vocabularies, unique keys; the rules a Table Schema cannot express are in `rules/`,
one module per kind. A clean result is remembered per digest of the files and rules (`validate_cached`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..paths import CHECK_CACHE, PACKAGE_DIR, digest
from .problems import Problem
from .read import UnreadableCsv, read_csv_text
from .rules import Table, Tables, cross_table_rules
from .rules.references import foreign_key_problems
from .rules.schema import describe_duplicate_key, field_count_problems, frictionless_problem, header_problems


def read_tables(directory: Path, descriptor: dict) -> tuple[list[Problem], dict[str, int], Tables, list[dict]]:
    """Read every resource; tables whose header matches the schema are returned for the rules."""
    problems: list[Problem] = []
    counts: dict[str, int] = {}
    tables = Tables(directory)
    readable = []
    for res in descriptor["resources"]:
        file = res["path"]
        path = directory / file
        if not path.is_file():
            problems.append(Problem(file, 1, "", "file missing"))
            continue
        try:
            parsed = read_csv_text(path)
        except UnreadableCsv as exc:
            problems.append(Problem(file, 1, "", str(exc)))
            continue
        except OSError as exc:
            problems.append(Problem(file, 1, "", f"cannot read the file: {exc.strerror}"))
            continue
        if parsed.changed:  # validate the cleaned text (no byte-order mark, no trailing empty rows)
            cleaned = _scratch_dir() / file
            cleaned.write_text(parsed.text, encoding="utf-8")
            res["path"] = str(cleaned)
        if not parsed.header:
            problems.append(Problem(file, 1, "", "empty file: a header row and data rows are required"))
            continue
        rows = [(line, cells) for line, cells in parsed.rows if cells]
        counts[res["name"]] = len(rows)
        expected = [f["name"] for f in res["schema"]["fields"]]
        if parsed.header != expected:
            problems += header_problems(file, parsed.header, expected)
            continue
        tables[res["name"]] = Table(res["name"], parsed.header, dict(rows))
        tables.schemas[res["name"]] = res["schema"]
        if not rows:
            problems.append(Problem(file, 2, "", "no data rows"))
        problems += field_count_problems(file, parsed.header, rows)
        readable.append(res)
    return problems, counts, tables, readable


def validate_package(directory: Path) -> tuple[list[Problem], dict[str, int]]:
    """Validate every table of the data package in `directory`.

    Returns all problems found (sorted by file and line) and the row count of each table.
    """
    # jsonschema (used by Frictionless) imports the optional rfc3987_syntax IRI checker, which compiles its
    # grammars at import time (about 2 s here). The schemas use no IRI formats, so it is left out.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    from frictionless import Package, system

    directory = Path(directory)
    descriptor_path = directory / "datapackage.json"
    if not descriptor_path.is_file():
        return [Problem("datapackage.json", 1, "", "file missing")], {}
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [Problem("datapackage.json", getattr(exc, "lineno", 1), "", f"not valid JSON: {exc}")], {}
    problems, counts, tables, readable = read_tables(directory, descriptor)
    for rule in cross_table_rules():
        problems += rule(tables)
    # Foreign keys are checked here on the parsed rows (Frictionless would re-read each referenced file once per
    # key, which is most of its run time); a key into a table that could not be read is not checked at all.
    problems += foreign_key_problems(readable, tables)
    keys = {res["name"]: res["schema"].get("primaryKey", []) for res in readable}
    for res in readable:
        res["schema"] = {k: v for k, v in res["schema"].items() if k != "foreignKeys"}
    descriptor["resources"] = readable
    with system.use_context(trusted=True):
        report = Package(descriptor, basepath=str(directory)).validate(limit_errors=100_000)
    for task in report.tasks:
        for error in task.errors:
            p = frictionless_problem(task.name, error)
            if p is not None and p.problem.startswith("duplicate key"):
                p = describe_duplicate_key(p, keys.get(task.name, []), tables.get(task.name))
            if p is not None:
                problems.append(p)
    # A row with too few fields also fails "required": keep the field-count message only.
    short_rows = {(p.file, p.line) for p in problems if p.problem.startswith("too few fields")}
    problems = [p for p in problems
                if not ((p.file, p.line) in short_rows and p.problem == "required value missing")]
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.column, p.problem)), counts


def _scratch_dir() -> Path:
    import tempfile

    global _SCRATCH
    if _SCRATCH is None:
        _SCRATCH = tempfile.TemporaryDirectory(prefix="check-data-")
    return Path(_SCRATCH.name)


_SCRATCH = None


def package_digest(directory: Path) -> str:
    """The digest of what a validation depends on: the schema, every CSV in `directory`, the rules (this room's
    code) and the Frictionless version. Any change to a data file, schema or rule changes it."""
    from importlib.metadata import version

    parts: list[bytes | str] = [version("frictionless")]
    for path in sorted((PACKAGE_DIR / "data").rglob("*.py")):
        parts += [path.name, path.read_bytes()]
    for path in sorted(Path(directory).glob("*")):
        if path.suffix in {".csv", ".json"} and path.is_file():
            parts += [path.name, path.read_bytes()]
    return digest(*parts)


def validate_cached(directory: Path, package: str | None = None) -> tuple[list, dict[str, int]]:
    """validate_package, skipped when these exact files were already found clean (`package`: their digest)."""
    marker = CHECK_CACHE / (package or package_digest(directory))
    if marker.exists():
        return [], json.loads(marker.read_text())
    problems, counts = validate_package(directory)
    if not problems:
        try:
            CHECK_CACHE.mkdir(parents=True, exist_ok=True)
            marker.write_text(json.dumps(counts))
        except OSError:
            pass  # a read-only checkout still validates, just every time
    return problems, counts
