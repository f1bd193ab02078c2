"""References between tables: foreign keys, ';'-separated lists of keys, `see <source_id>` in notes,
`field_sources`, and paths named in notes."""

from __future__ import annotations

import re
from pathlib import Path

from ...paths import ROOT
from ..problems import Problem
from . import Tables

#: Free-text columns in which "see <source_id>" cites a further source; those ids must resolve too.
NOTE_COLUMNS = ("note", "evidence", "correction")
SEE_REFERENCE = re.compile(r"\bsee ([a-z0-9][a-z0-9_.]*-[a-z0-9_.-]*[a-z0-9])")

#: ';'-separated lists whose every item must exist in another table's key column.
LIST_REFERENCES = {"operations": {"un_resolutions": ("resolutions", "resolution")},
                   "coalitions": {"un_resolutions": ("resolutions", "resolution")}}

#: Path-like words in notes (after URLs are removed) must name files that exist in the repository.
PATH_WORD = re.compile(r"(?<![\w@/.-])((?:\.\./|(?:raw|data|notebooks|helpers|tests|shared|bench|docs)/)(?:[\w.-]+/)*"
                       r"[\w.-]+\.(?:csv|txt|md|json|ipynb|xlsx|py))\b")
URL = re.compile(r"https?://\S+|\b[\w-]+(?:\.[\w-]+)+/\S*")


def source_ids(tables: Tables, publisher_type: str | None = None) -> set[str]:
    """The source_ids listed in sources.csv (only those of one `publisher_type`, when given)."""
    if "sources" not in tables:
        return set()
    return {r["source_id"] for _, r in tables["sources"].records()
            if publisher_type is None or r.get("publisher_type") == publisher_type}


def note_reference_problems(tables: Tables) -> list[Problem]:
    """'see <source_id>' in a note must name a source listed in sources.csv."""
    if "sources" not in tables:
        return []
    known = source_ids(tables)
    out = []
    for table in tables.values():
        columns = [h for h in table.header if h in NOTE_COLUMNS]
        for line, row in table.records():
            for column in columns:
                for ref in SEE_REFERENCE.findall(row[column]):
                    if not ref.endswith((".csv", ".md")) and ref not in known:
                        out.append(table.problem(line, column, "cites a source not in sources.csv", ref))
    return out


def dangling_path_problems(tables: Tables) -> list[Problem]:
    """A note may not point to a file that is not in the repository (e.g. a scratch `raw/...csv`)."""
    directory: Path | None = tables.directory
    out = []
    for table in tables.values():
        columns = [h for h in table.header if h in NOTE_COLUMNS]
        for line, row in table.records():
            for column in columns:
                for word in PATH_WORD.findall(URL.sub(" ", row[column])):
                    if not ((ROOT / word).exists() or (directory is not None and (directory / word).exists())):
                        out.append(table.problem(line, column, "points to a file that is not in the repository", word))
    return out


def field_sources(cell: object) -> list[tuple[str, str, str]]:
    """The parts of a `field_sources` cell ('column=source_id; column=source_id'), each as (part, column, source),
    stripped; a part without '=' has an empty source. Empty or missing cells give []."""
    text = cell if isinstance(cell, str) else ""
    return [(part, *(x.strip() for x in part.partition("=")[::2]))
            for part in filter(None, (p.strip() for p in text.split(";")))]


def field_source_problems(tables: Tables) -> list[Problem]:
    """`field_sources` reads `column=source_id; column=source_id`: real columns of the row, known sources."""
    if "sources" not in tables:
        return []
    known = source_ids(tables)
    out = []
    for table in tables.values():
        if "field_sources" not in table.header:
            continue
        for line, row in table.records():
            for part, column, source in field_sources(row["field_sources"]):
                if not column or not source:
                    out.append(table.problem(line, "field_sources", "write column=source_id; ...", part))
                elif column not in table.header or column in ("source_id", "field_sources", "note"):
                    out.append(table.problem(line, "field_sources", "names no data column of this table", column))
                elif source not in known:
                    out.append(table.problem(line, "field_sources", "cites a source not in sources.csv", source))
    return out


def list_reference_problems(tables: Tables) -> list[Problem]:
    out = []
    for name, columns in LIST_REFERENCES.items():
        if name not in tables:
            continue
        table = tables[name]
        for column, (target, key) in columns.items():
            if target not in tables or column not in table.header:
                continue
            known = tables[target].column(key)
            for line, row in table.records():
                for item in filter(None, (x.strip() for x in row[column].split(";"))):
                    if item not in known:
                        out.append(table.problem(line, column, f"not found in {target}.csv", item))
    return out


def foreign_key_problems(resources: list[dict], tables: Tables) -> list[Problem]:
    """Every non-empty value of a foreign-key column must exist in the referenced table's key column."""
    out = []
    for res in resources:
        table = tables[res["name"]]
        for fk in res["schema"].get("foreignKeys", []):
            target = fk["reference"]["resource"] or res["name"]
            if target not in tables:
                continue
            column, target_column = fk["fields"][0], fk["reference"]["fields"][0]
            if column not in table.header or target_column not in tables[target].header:
                continue
            known = tables[target].column(target_column)
            for line, row in table.records():
                if row[column] and row[column] not in known:
                    out.append(table.problem(line, column, f"not found in {target}", row[column]))
    return out


RULES = [note_reference_problems, dangling_path_problems, field_source_problems, list_reference_problems]
