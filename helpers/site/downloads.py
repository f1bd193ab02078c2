"""What a reader downloads with each chart: its plotted rows as CSV with their sources, and a ready citation.

The rows come from the chart's payload (`helpers.charts.payload`, stored beside the figure in the notebook output);
a chart without one still gets a CSV of what its traces draw. Every CSV row has a `source` column: the row's
source (publisher and title, joined from `data/sources.csv` on `source_id`) or else the chart's "Source:" note.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..charts.payload import strip_tags
from ..data.read import read_records
from .quotes import QuoteIndex

PROJECT = "NATO in multinational coalitions: sourced data, reproducible notebooks"
PROJECT_SHORT = "NATO in multinational coalitions"
SOURCE_FIELDS = ("publisher", "title", "url", "publisher_type", "original_of", "accessed")


@dataclass
class Sources:
    """The rows of data/sources.csv by source_id, and the latest date any source was read (the data's as-of)."""

    rows: dict[str, dict] = field(default_factory=dict)
    as_of: str = ""

    @classmethod
    def load(cls, data: Path) -> "Sources":
        rows = {r["source_id"]: r for r in read_records(Path(data) / "sources.csv") if r.get("source_id")}
        return cls(rows, max((r.get("accessed") or "" for r in rows.values()), default=""))

    def original_publisher(self, source_id: str) -> str:
        row = self.rows.get(source_id, {})
        original = (row.get("original_of") or "").split(",")[0].strip()
        return original or row.get("publisher", "")


def source_note(figure: dict) -> str:
    """The chart's own "Source: ..." note, as plain text."""
    for note in figure.get("layout", {}).get("annotations", []) or []:
        text = strip_tags(note.get("text"))
        if text.startswith("Source"):
            return text
    return ""


def csv_rows(payload: dict, note: str, sources: Sources, quotes: QuoteIndex | None = None) -> tuple[list[str], list[list]]:
    """Header and rows of a chart's CSV: its plotted columns (each unit in a `<column>_unit` column beside it),
    then the source: `source_id` joined with data/sources.csv, a `source` column that is never empty, and the words
    of the source behind the row (`quote`, with the page's address and its archived copy) where a quoted table row
    matches it."""
    columns, units = list(payload["columns"]), payload.get("units") or {}
    header, picks = [], []
    for i, name in enumerate(columns):
        header.append(name)
        picks.append(("col", i))
        if units.get(name):
            header.append(f"{name}_unit")
            picks.append(("unit", units[name]))
    sid = columns.index("source_id") if "source_id" in columns else None
    if sid is not None:
        header += [f"source_{f}" for f in SOURCE_FIELDS]
    header.append("source")
    if sid is not None and quotes is not None:
        header += ["quote", "quote_url", "quote_archive_url"]
    out = []
    for row in payload["rows"]:
        cells = [row[i] if kind == "col" else i for kind, i in picks]
        source = note
        if sid is not None:
            ids = [s.strip() for s in str(row[sid] or "").replace(";", " ").split() if s.strip()]
            found = [sources.rows[s] for s in ids if s in sources.rows]
            cells += [" ; ".join(r.get(f) or "" for r in found) for f in SOURCE_FIELDS]
            if found:
                source = " ; ".join(f"{r['publisher']}: {r['title']}" for r in found)
        cells.append(source or "see the chart's page")
        if sid is not None and quotes is not None:
            found_quotes = quotes.match(dict(zip(columns, row)))
            cells += [" ; ".join(q.text() for q in found_quotes), " ; ".join(dict.fromkeys(q.url for q in found_quotes)),
                      " ; ".join(dict.fromkeys(q.archive_url for q in found_quotes))]
        out.append(cells)
    return header, out


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    Path(path).write_text(buffer.getvalue(), encoding="utf-8")


def publishers_and_date(payload: dict, note: str, sources: Sources) -> tuple[list[str], str]:
    """The original publishers a chart draws on and the latest date its sources were read."""
    columns = payload.get("columns", [])
    if "source_id" in columns:
        i = columns.index("source_id")
        ids = {s for row in payload["rows"] for s in str(row[i] or "").replace(";", " ").split()}
        known = [s for s in ids if s in sources.rows]
        if known:
            names = sorted({sources.original_publisher(s) for s in known})
            return names, max(sources.rows[s].get("accessed") or "" for s in known)
    # Without row sources, read the publishers named in the chart's note ("Source: A; B; C and 4 other ...").
    named = re.sub(r"^Sources?:\s*", "", note).split(", compiled in")[0]
    names = [n.strip() for n in re.split(r";| and (?=\d+ other)", named) if n.strip()]
    return names, sources.as_of


def _bib(text: str) -> str:
    return re.sub(r"([{}\\])", r"\\\1", text).replace("&", r"\&").replace("%", r"\%")


def citation(*, title: str, number: str, page_title: str, page_href: str, publishers: list[str],
             as_of: str) -> tuple[str, str]:
    """A ready citation of one chart, as text and as BibTeX."""
    shown = ", ".join(publishers) if publishers else "see the chart's sources"
    year = as_of[:4] if as_of else ""
    text = (f"{PROJECT_SHORT} project, \u201c{title}\u201d (Figure {number}, in \u201c{page_title}\u201d, "
            f"{page_href}). {PROJECT}. Data as of {as_of or 'n.d.'}; original sources: {shown}. "
            f"Licence CC BY 4.0.")
    key = "natocoalitions" + year + "fig" + number.replace(".", "_")
    bibtex = "\n".join([
        f"@misc{{{key},",
        f"  author = {{{{{PROJECT_SHORT} project}}}},",
        f"  title = {{{_bib(title)}}},",
        f"  howpublished = {{Figure {number} in \u201c{_bib(page_title)}\u201d, {_bib(page_href)}}},",
        f"  year = {{{year}}},",
        f"  note = {{{_bib(PROJECT)}. Data as of {as_of or 'n.d.'}; original sources: {_bib(shown)}. "
        f"Licence CC BY 4.0}}",
        "}",
    ])
    return text, bibtex
