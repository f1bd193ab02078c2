"""Tables saved back by Excel or LibreOffice: what is still the same table loads to exactly the same values.

Each variant rewrites every table of the project's real data the way a spreadsheet program does when it saves
a CSV; check-data must pass and every table must load equal to the original. (Validation is remembered per
digest of the files and rules, as check-data remembers it, so the loads do not validate the copy again.)
Spreadsheet *mistakes* (a ';' delimiter, day/month/year dates, decimal commas, Windows-1252 text, error cells)
are in the broken-fixture corpus with their expected messages (tests/fixtures/broken/).
"""

import csv
import io
import json
import shutil

import pandas as pd
import pytest

from conftest import ROOT
from helpers import data
from helpers.data.validate import validate_cached, validate_package

TABLES = data.tables(ROOT / "data")
FIELDS = {r["name"]: r["schema"]["fields"]
          for r in json.loads((ROOT / "data" / "datapackage.json").read_text())["resources"]}


def _rewrite_cells(name: str, text: str, change) -> str:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    kinds = [f["type"] for f in FIELDS[name]]
    out = [rows[0]] + [[change(kind, cell) for kind, cell in zip(kinds, row)] for row in rows[1:]]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(out)
    return buffer.getvalue()


def excel_booleans(name, text):
    return _rewrite_cells(name, text, lambda kind, cell: cell.upper() if kind == "boolean" else cell)


def trailing_zeros_dropped(name, text):
    def drop(kind, cell):
        return f"{float(cell):g}" if kind == "number" and cell and "e" not in f"{float(cell):g}" else cell
    return _rewrite_cells(name, text, drop)


def quote_all(name, text):
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(csv.reader(io.StringIO(text)))
    return buffer.getvalue()


VARIANTS = {
    "byte_order_mark": lambda name, text: "\ufeff" + text,  # Excel "CSV UTF-8"
    "crlf_line_endings": lambda name, text: text.replace("\n", "\r\n"),
    "every_field_quoted": quote_all,  # LibreOffice "Quote all text cells"
    "upper_case_booleans": excel_booleans,
    "trailing_zeros_dropped": trailing_zeros_dropped,  # 2.00 -> 2 when the cell is a number
    "trailing_empty_rows": lambda name, text: text + ("," * (len(FIELDS[name]) - 1) + "\n") * 3,
    "no_final_newline": lambda name, text: text.rstrip("\n"),
    "excel_all_at_once": lambda name, text: "\ufeff" + trailing_zeros_dropped(
        name, excel_booleans(name, text)).replace("\n", "\r\n"),
}


@pytest.fixture(scope="module")
def originals():
    return {name: data.load(name, ROOT / "data") for name in TABLES}


@pytest.mark.parametrize("variant", VARIANTS)
def test_spreadsheet_saved_tables_load_unchanged(variant, tmp_path, originals):
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    for name in TABLES:
        path = target / f"{name}.csv"
        path.write_bytes(VARIANTS[variant](name, path.read_text(encoding="utf-8")).encode("utf-8"))
    problems, counts = validate_cached(target)  # the loads below then reuse this validation
    assert problems == [], "\n".join(map(str, problems[:5]))
    for name in TABLES:
        pd.testing.assert_frame_equal(data.load(name, target), originals[name], obj=f"{variant}: {name}")


def test_variants_really_change_the_bytes():
    sample = (ROOT / "data" / "defence_expenditure.csv").read_text(encoding="utf-8")
    for variant, change in VARIANTS.items():
        assert change("defence_expenditure", sample) != sample, variant



def test_sources_saved_with_trailing_empty_rows_leave_the_site_unchanged(tmp_path):
    """Regression: a sources.csv saved by a spreadsheet with empty rows after the last one passes check-data,
    and the site's data page counts the same rows and its search index gets no blank entries."""
    from helpers.site.build import _table_summaries
    from helpers.site.search import entries

    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    sources = copy / "sources.csv"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(VARIANTS["trailing_empty_rows"]("sources", text).replace("\n", "\r\n"), encoding="utf-8")
    rows = sum(1 for line in text.splitlines()[1:] if line.strip())
    assert sources.read_bytes().count(b",,,") >= 3  # the copy really ends in empty rows

    assert validate_package(copy)[0] == []
    counts = {t["name"]: t["rows"] for t in _table_summaries(copy)}
    assert counts == {t["name"]: t["rows"] for t in _table_summaries(ROOT / "data")}
    assert counts["sources"] == rows == len(data.load("sources", ROOT / "data"))
    index = entries([], copy)
    assert index == entries([], ROOT / "data")
    assert sum(kind == "Source" for kind, *_ in index) == rows
    assert all(title.strip() for _, title, *_ in index)
