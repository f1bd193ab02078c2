"""Validate the data package: every problem located as `file:line: column: problem (value)`.

The schemas live once, in `data/datapackage.json` (Frictionless Data Package). Frictionless checks types,
required values, ranges, vocabularies, unique and foreign keys; the few rules a Table Schema cannot express
(ISO 3166 codes, end not before start, lists of codes) are checked here.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .csvfiles import UnreadableCsv, delimiter_hint, read_csv_text, value_hint
from .paths import ROOT

#: Codes accepted besides ISO 3166-1: Kosovo has no official code; XKX is the common user-assigned one.
EXTRA_COUNTRY_CODES = {"XKX": "Kosovo", "CSK": "Czechoslovakia (former; ISO 3166-3)"}

#: Pairs of (start, end) date columns: the end may not precede the start.
DATE_ORDER = {
    "operations": [("start_date", "end_date")],
    "coalitions": [("start_date", "end_date")],
    "partnerships": [("join_date", "end_date")],
}
#: Columns holding one ISO 3166-1 alpha-3 code, or a ';'-separated list of them.
COUNTRY_COLUMNS = {"members": ["iso3"], "partnerships": ["iso3"], "defence_expenditure": ["iso3"], "population": ["iso3"], "contributions": ["iso3", "host_iso3"],
                   "coalition_members": ["iso3"], "fatalities": ["iso3"],
                   "strike_participation": ["iso3"]}
COUNTRY_LIST_COLUMNS = {"events": ["countries"], "resolutions": ["abstaining"]}
SEA_AREAS = {"mediterranean_sea", "adriatic_sea", "aegean_sea", "baltic_sea", "black_sea", "gulf_of_aden",
             "indian_ocean", "north_atlantic", "red_sea"}


@dataclass(frozen=True, order=True)
class Problem:
    """One located data problem."""

    file: str
    line: int
    column: str
    problem: str
    value: str | None = None
    hint: str = ""

    def __str__(self) -> str:
        value = "" if self.value is None else f" ({self.value})"
        column = self.column or "-"
        hint = f"; {self.hint}" if self.hint else ""
        return f"{self.file}:{self.line}: {column}: {self.problem}{value}{hint}"


class DataValidationError(ValueError):
    """Raised by the loaders when the data fail validation; the message lists every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = [f"{len(problems)} data problem(s):"] + [str(p) for p in problems]
        super().__init__("\n".join(lines))

    def _render_traceback_(self) -> list[str]:
        """Show IPython users the located problems, not a traceback."""
        return ["DataValidationError: " + str(self)]


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes (pycountry) plus the documented extra codes."""
    import pycountry

    return frozenset({c.alpha_3 for c in pycountry.countries} | set(EXTRA_COUNTRY_CODES))


def _frictionless_problem(resource: str, error) -> Problem | None:
    """Translate one Frictionless error into a Problem (None for duplicates we report otherwise)."""
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
            return Problem(file, row, field, f"not in the vocabulary {allowed}", value)
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
        return None  # summarised per row by _field_count_problems
    if kind == "blank-row":
        return Problem(file, row, "", "blank row")
    if kind == "encoding-error":
        return Problem(file, 1, "", "file is not valid UTF-8")
    if kind in {"source-error", "scheme-error", "format-error"}:
        return Problem(file, 1, "", f"cannot read the file: {error.note}")
    return Problem(file, row or 1, field, f"{kind}: {error.note}", value)


def _field_count_problems(file: str, header: list[str], rows) -> list[Problem]:
    out = []
    for line, cells in rows:
        if cells and len(cells) != len(header):
            more = "many" if len(cells) > len(header) else "few"
            out.append(Problem(file, line, "", f"too {more} fields: {len(cells)} instead of {len(header)}"))
    return out


#: Free-text columns in which "see <source_id>" cites a further source; those ids must resolve too.
NOTE_COLUMNS = ("note", "evidence", "correction")
SEE_REFERENCE = re.compile(r"\bsee ([a-z0-9][a-z0-9_.]*-[a-z0-9_.-]*[a-z0-9])")


def _source_ids(tables: dict, publisher_type: str | None = None) -> set[str]:
    """The source_ids listed in sources.csv (only those of one `publisher_type`, when given)."""
    header, rows = tables.get("sources", ([], {}))
    if "source_id" not in header or (publisher_type and "publisher_type" not in header):
        return set()
    i = header.index("source_id")
    t = header.index("publisher_type") if publisher_type else None
    return {cells[i] for cells in rows.values()
            if len(cells) == len(header) and (t is None or cells[t] == publisher_type)}


def _note_reference_problems(tables: dict) -> list[Problem]:
    """'see <source_id>' in a note must name a source listed in sources.csv."""
    if "sources" not in tables:
        return []
    known = _source_ids(tables)
    out = []
    for name, (header, rows) in tables.items():
        columns = [(i, h) for i, h in enumerate(header) if h in NOTE_COLUMNS]
        for line, cells in rows.items():
            for i, column in columns:
                text = cells[i] if i < len(cells) else ""
                for ref in SEE_REFERENCE.findall(text):
                    if not ref.endswith((".csv", ".md")) and ref not in known:
                        out.append(Problem(f"{name}.csv", line, column, "cites a source not in sources.csv", ref))
    return out


#: Path-like words in notes (after URLs are removed) must name files that exist in the repository.
PATH_WORD = re.compile(r"(?<![\w@/])((?:\.\./|(?:raw|data|notebooks|helpers|tests|shared|bench|docs)/)(?:[\w.-]+/)*"
                       r"[\w.-]+\.(?:csv|txt|md|json|ipynb|xlsx|py))\b")
URL = re.compile(r"https?://\S+|\b[\w-]+(?:\.[\w-]+)+/\S*")


def _dangling_path_problems(tables: dict, directory: Path) -> list[Problem]:
    """A note may not point to a file that is not in the repository (e.g. a scratch `raw/...csv`)."""
    out = []
    for name, (header, rows) in tables.items():
        columns = [(i, h) for i, h in enumerate(header) if h in NOTE_COLUMNS]
        for line, cells in rows.items():
            for i, column in columns:
                text = URL.sub(" ", cells[i] if i < len(cells) else "")
                for word in PATH_WORD.findall(text):
                    if not ((ROOT / word).exists() or (directory / word).exists()):
                        out.append(Problem(f"{name}.csv", line, column, "points to a file that is not in the repository",
                                           word))
    return out


def _wikipedia_flag_problems(tables: dict) -> list[Problem]:
    """A row resting on a Wikipedia-derived source must say so in its note (the facts rule's last resort)."""
    wiki = _source_ids(tables, "wikipedia_derived")
    out = []
    for name, (header, rows) in tables.items():
        if name == "sources" or "source_id" not in header or "note" not in header:
            continue
        s, n = header.index("source_id"), header.index("note")
        for line, cells in rows.items():
            if len(cells) == len(header) and cells[s] in wiki and "wikipedia" not in cells[n].lower():
                out.append(Problem(f"{name}.csv", line, "note", "rests on a Wikipedia-derived source; say so in the note",
                                   cells[s]))
    return out


def _field_source_problems(tables: dict) -> list[Problem]:
    """`field_sources` reads `column=source_id; column=source_id`: real columns of the row, known sources."""
    if "sources" not in tables:
        return []
    known = _source_ids(tables)
    out = []
    for name, (header, rows) in tables.items():
        if "field_sources" not in header:
            continue
        i = header.index("field_sources")
        for line, cells in rows.items():
            text = cells[i].strip() if i < len(cells) else ""
            for part in filter(None, (p.strip() for p in text.split(";"))):
                column, equals, source = (x.strip() for x in part.partition("="))
                if not equals or not column or not source:
                    out.append(Problem(f"{name}.csv", line, "field_sources", "write column=source_id; ...", part))
                elif column not in header or column in ("source_id", "field_sources", "note"):
                    out.append(Problem(f"{name}.csv", line, "field_sources", "names no data column of this table",
                                       column))
                elif source not in known:
                    out.append(Problem(f"{name}.csv", line, "field_sources", "cites a source not in sources.csv",
                                       source))
    return out


def _peak_problems(tables: dict) -> list[Problem]:
    """operations.peak_personnel (and its date and nation count) agree with the largest deployed strength in
    personnel.csv, where that operation has such rows."""
    if "operations" not in tables or "personnel" not in tables:
        return []
    p_header, p_rows = tables["personnel"]
    col = {h: i for i, h in enumerate(p_header)}
    best: dict[str, tuple[int, str]] = {}
    nations: dict[str, int] = {}
    for cells in p_rows.values():
        if len(cells) != len(p_header):
            continue
        op, value, kind = cells[col["op_id"]], cells[col["personnel"]], cells[col["figure_type"]]
        if value.isdigit() and kind == "deployed":
            current = best.get(op)
            if current is None or int(value) > current[0] or (int(value) == current[0] and cells[col["date"]] < current[1]):
                best[op] = (int(value), cells[col["date"]])
        if cells[col["contributing_nations"]].isdigit():
            nations[op] = max(nations.get(op, 0), int(cells[col["contributing_nations"]]))
    o_header, o_rows = tables["operations"]
    oc = {h: i for i, h in enumerate(o_header)}
    out = []
    for line, cells in o_rows.items():
        if len(cells) != len(o_header):
            continue
        op = cells[oc["op_id"]]
        if op in best:
            value, date = best[op]
            if cells[oc["peak_personnel"]] != str(value) or cells[oc["peak_personnel_date"]] != date:
                out.append(Problem("operations.csv", line, "peak_personnel",
                                   f"must be the largest deployed strength in personnel.csv ({value} on {date})",
                                   f"{cells[oc['peak_personnel']]} on {cells[oc['peak_personnel_date']] or '?'}"))
        if op in nations and cells[oc["contributing_nations"]] != str(nations[op]):
            out.append(Problem("operations.csv", line, "contributing_nations",
                               f"must be the largest count in personnel.csv ({nations[op]})",
                               cells[oc["contributing_nations"]] or "empty"))
    return out


#: ';'-separated lists whose every item must exist in another table's key column.
LIST_REFERENCES = {"operations": {"un_resolutions": ("resolutions", "resolution")}}


def _list_reference_problems(tables: dict) -> list[Problem]:
    out = []
    for name, columns in LIST_REFERENCES.items():
        if name not in tables:
            continue
        header, rows = tables[name]
        for column, (target, key) in columns.items():
            if target not in tables or column not in header:
                continue
            t_header, t_rows = tables[target]
            known = {cells[t_header.index(key)] for cells in t_rows.values() if len(cells) == len(t_header)}
            i = header.index(column)
            for line, cells in rows.items():
                for item in filter(None, (x.strip() for x in (cells[i] if i < len(cells) else "").split(";"))):
                    if item not in known:
                        out.append(Problem(f"{name}.csv", line, column, f"not found in {target}.csv", item))
    return out


def _foreign_key_problems(resources: list[dict], tables: dict) -> list[Problem]:
    """Every non-empty value of a foreign-key column must exist in the referenced table's key column."""
    out = []
    for res in resources:
        header, rows = tables[res["name"]]
        for fk in res["schema"].get("foreignKeys", []):
            target = fk["reference"]["resource"] or res["name"]
            if target not in tables:
                continue
            column, target_column = fk["fields"][0], fk["reference"]["fields"][0]
            t_header, t_rows = tables[target]
            if column not in header or target_column not in t_header:
                continue
            ti, i = t_header.index(target_column), header.index(column)
            known = {cells[ti] for cells in t_rows.values() if ti < len(cells)}
            for line, cells in rows.items():
                value = cells[i] if i < len(cells) else ""
                if value and value not in known:
                    out.append(Problem(f"{res['name']}.csv", line, column, f"not found in {target}", value))
    return out


def _header_problems(file: str, header: list[str], expected: list[str]) -> list[Problem]:
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


def _rule_problems(name: str, file: str, header: list[str], rows) -> list[Problem]:
    """Checks a Table Schema cannot express: country codes, date order."""
    codes = country_codes()
    index = {h: i for i, h in enumerate(header)}
    out: list[Problem] = []

    def cell(cells: list[str], col: str) -> str:
        i = index.get(col)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    for line, cells in rows:
        for col in COUNTRY_COLUMNS.get(name, []):
            v = cell(cells, col)
            if v and v not in codes:
                out.append(Problem(file, line, col, "unknown ISO 3166-1 alpha-3 code", v))
        for col in COUNTRY_LIST_COLUMNS.get(name, []):
            for v in filter(None, cell(cells, col).split(";")):
                if v not in codes:
                    out.append(Problem(file, line, col, "unknown ISO 3166-1 alpha-3 code", v))
        if name == "operation_countries":
            kind, code = cell(cells, "area_type"), cell(cells, "area_code")
            if kind == "country" and code not in codes:
                out.append(Problem(file, line, "area_code", "unknown ISO 3166-1 alpha-3 code", code))
            if kind == "sea_area" and code not in SEA_AREAS:
                out.append(Problem(file, line, "area_code", f"unknown sea area (one of {sorted(SEA_AREAS)})", code))
        for start, end in DATE_ORDER.get(name, []):
            a, b = cell(cells, start), cell(cells, end)
            if a and b and len(a) == len(b) == 10 and b < a:
                out.append(Problem(file, line, end, f"ends before it starts ({start} {a})", b))
    return out


def _describe_duplicate_key(p: Problem, key: list[str], table) -> Problem | None:
    """Name the key columns and values of a duplicate key; single-column keys are reported as unique errors."""
    if len(key) < 2 or table is None:
        return None
    header, rows = table
    cells = rows.get(p.line, [])
    values = [cells[header.index(k)] if k in header and header.index(k) < len(cells) else "" for k in key]
    return Problem(p.file, p.line, "+".join(key), "duplicate key: same as an earlier row", ", ".join(values))


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
    problems: list[Problem] = []
    counts: dict[str, int] = {}
    keys: dict[str, list[str]] = {}
    tables: dict[str, tuple[list[str], dict[int, list[str]]]] = {}
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
        header, rows = parsed.header, parsed.rows
        if parsed.changed:  # validate the cleaned text (no byte-order mark, no trailing empty rows)
            cleaned = _scratch_dir() / file
            cleaned.write_text(parsed.text, encoding="utf-8")
            res["path"] = str(cleaned)
        if not header:
            problems.append(Problem(file, 1, "", "empty file: a header row and data rows are required"))
            continue
        rows = [(line, cells) for line, cells in rows if cells]
        counts[res["name"]] = len(rows)
        expected = [f["name"] for f in res["schema"]["fields"]]
        if header != expected:
            problems += _header_problems(file, header, expected)
            continue
        keys[res["name"]] = res["schema"].get("primaryKey", [])
        tables[res["name"]] = (header, dict(rows))
        if not rows:
            problems.append(Problem(file, 2, "", "no data rows"))
        problems += _field_count_problems(file, header, rows)
        problems += _rule_problems(res["name"], file, header, rows)
        readable.append(res)
    problems += _note_reference_problems(tables)
    problems += _dangling_path_problems(tables, directory)
    problems += _field_source_problems(tables)
    problems += _wikipedia_flag_problems(tables)
    problems += _list_reference_problems(tables)
    if all("figure_type" in tables.get(t, ([], {}))[0] for t in ("personnel",)) and "operations" in tables:
        problems += _peak_problems(tables)
    # Foreign keys are checked here on the parsed rows (Frictionless would re-read each referenced file once per
    # key, which is most of its run time); a key into a table that could not be read is not checked at all.
    problems += _foreign_key_problems(readable, tables)
    for res in readable:
        res["schema"] = {k: v for k, v in res["schema"].items() if k != "foreignKeys"}
    descriptor["resources"] = readable
    with system.use_context(trusted=True):
        package = Package(descriptor, basepath=str(directory))
        report = package.validate(limit_errors=100_000)
    for task in report.tasks:
        for error in task.errors:
            p = _frictionless_problem(task.name, error)
            if p is not None and p.problem.startswith("duplicate key"):
                p = _describe_duplicate_key(p, keys.get(task.name, []), tables.get(task.name))
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

#: Validation results are remembered per content fingerprint here, so that a dozen notebooks do not validate
#: the same unchanged files a dozen times. Any change to a data file or schema changes the fingerprint.
CACHE_DIR = ROOT / "_build" / "cache" / "check-data"


def fingerprint(directory: Path) -> str:
    """SHA-256 over the schema, every CSV in `directory`, and the validation rules and library version."""
    from importlib.metadata import version

    digest = hashlib.sha256(Path(__file__).read_bytes() + version("frictionless").encode())
    for path in sorted(Path(directory).glob("*")):
        if path.suffix in {".csv", ".json"} and path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def validate_cached(directory: Path, stamp: str | None = None) -> tuple[list, dict[str, int]]:
    """validate_package, skipped when these exact files were already found clean (`stamp`: their fingerprint)."""
    marker = CACHE_DIR / (stamp or fingerprint(directory))
    if marker.exists():
        return [], json.loads(marker.read_text())
    problems, counts = validate_package(directory)
    if not problems:
        try:
            CACHE_DIR.mkdir(parents=True, exist_ok=True)
            marker.write_text(json.dumps(counts))
        except OSError:
            pass  # a read-only checkout still validates, just every time
    return problems, counts
