"""Read the project's CSV files as spreadsheets write them, and explain spreadsheet mistakes in plain words.

Excel's and LibreOffice's "save as CSV" change a file without changing its table: a UTF-8 byte-order mark,
CRLF line endings, every field quoted, `TRUE`/`FALSE` for booleans, `2` for `2.00`, trailing rows of empty
cells. Those are accepted and read to exactly the same rows and values. What does change the table (a `;`
delimiter, day/month/year dates, decimal commas, Windows-1252 text, error cells such as `#N/A`) is reported
with a hint on how to save the file correctly.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

BOM = "\ufeff"


@dataclass
class CsvText:
    """A CSV file decoded and cleaned of what spreadsheets add without changing the table."""

    text: str
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line number in the file, cells), blank trailing rows dropped
    changed: bool  # True when `text` differs from the file's bytes (so a cleaned copy must be validated)


class UnreadableCsv(Exception):
    """The file cannot be decoded; the message says why and how to save it."""


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        raise UnreadableCsv("file is not valid UTF-8") from None
    raise UnreadableCsv("file is not valid UTF-8: it looks like a spreadsheet's plain 'CSV' (Windows-1252) "
                        "format; save it as 'CSV UTF-8 (comma delimited)' in Excel, or choose the UTF-8 "
                        "character set in LibreOffice") from None


def _is_blank(cells: list[str]) -> bool:
    return all(not c.strip() for c in cells)


def read_csv_text(path: Path) -> CsvText:
    """Decode `path` (a UTF-8 byte-order mark is allowed) and split it into header and rows.

    Trailing rows whose cells are all empty, which spreadsheets write after the last row someone touched,
    are dropped; blank rows in the middle are kept so that they are reported where they are.
    """
    raw = Path(path).read_bytes()
    text = _decode(raw)
    changed = text.startswith(BOM)
    text = text.removeprefix(BOM)
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    for cells in reader:
        if not header and reader.line_num == 1:
            header = cells
            continue
        rows.append((reader.line_num, cells))
    while rows and _is_blank(rows[-1][1]):
        rows.pop()
        changed = True
    if changed:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        last = 1
        for line, cells in rows:
            buffer.write("\n" * max(0, line - last - 1))  # keep line numbers (multi-line cells are not used)
            writer.writerow(cells)
            last = line
        text = buffer.getvalue()
    return CsvText(text, header, rows, changed)


def read_records(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV as {column: value}, read as `read_csv_text` reads it (the one reader the site uses too):
    a byte-order mark, CRLF and trailing empty rows change nothing; blank rows are skipped. [] if no file."""
    if not Path(path).exists():
        return []
    parsed = read_csv_text(path)
    return [dict(zip(parsed.header, cells)) for _, cells in parsed.rows if not _is_blank(cells)]


def delimiter_hint(header: list[str], expected: list[str]) -> str | None:
    """A message when the header only makes sense split on another delimiter (e.g. ';' from a European Excel)."""
    if len(header) != 1:
        return None
    for delimiter, name in ((";", "semicolons"), ("\t", "tabs")):
        if header[0].split(delimiter) == expected:
            return (f"the file uses {name} between columns, not commas: save it as 'CSV UTF-8 (comma delimited)' "
                    "(Excel) or choose ',' as field delimiter (LibreOffice)")
    return None


_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_YMD_SLASH = re.compile(r"^\d{4}/\d{1,2}/\d{1,2}$")
_SPREADSHEET_ERRORS = {"#N/A", "#VALUE!", "#REF!", "#NAME?", "#DIV/0!", "#NUM!", "#NULL!", "####"}


def value_hint(kind: str, value: str) -> str:
    """A short hint for a value a spreadsheet commonly writes in place of the expected type ('' if none)."""
    value = value.strip()
    if value in _SPREADSHEET_ERRORS or value.startswith("#"):
        return "a spreadsheet error value, not data: fix the formula or type the value"
    if kind == "date":
        m = _DMY.match(value)
        if m:
            a, b, year = int(m[1]), int(m[2]), m[3]
            if a > 12:
                example = f"{year}-{b:02d}-{a:02d}"
            elif b > 12:
                example = f"{year}-{a:02d}-{b:02d}"
            else:
                example = f"{year}-{b:02d}-{a:02d} if day/month, {year}-{a:02d}-{b:02d} if month/day"
            return (f"looks like a spreadsheet's local date format; write dates as YYYY-MM-DD ({example}) and "
                    "format the column as text before saving")
        if _YMD_SLASH.match(value):
            return "write dates with hyphens, YYYY-MM-DD"
        if re.fullmatch(r"\d{5}", value):
            return "looks like a spreadsheet date serial number; format the column as text and type YYYY-MM-DD"
    if kind in {"integer", "number"}:
        if re.fullmatch(r"-?\d+,\d+", value) and kind == "number":
            return "decimal comma: write the number with a decimal point (e.g. 2.5)"
        if re.fullmatch(r"-?\d{1,3}([,.\u00a0 ]\d{3})+", value):
            return "thousands separators are not allowed: write the number as plain digits (e.g. 130000)"
        if re.fullmatch(r"-?\d+(\.\d+)?[eE][+-]?\d+", value):
            return "scientific notation from a spreadsheet: write the number in full"
    return ""
