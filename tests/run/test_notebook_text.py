"""What the committed notebooks print, read as a reader reads it: no day printed for a value known only to the month
or year, and every "Figure N.M" and "Table N.M" in the prose names a chart or table that exists.

Both read the committed outputs of every notebook (00-10), so they check what the site and GitHub show.
"""

from __future__ import annotations

import re
from functools import lru_cache

import nbformat
import pandas as pd
import pytest

from conftest import NOTEBOOKS
from helpers import data
from helpers.charts.payload import PLOTLY_MIME, strip_tags

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")
#: "1 June 2022", "01 Jun 2022", "1 Jun. 2022": a day, a month name and a year.
DAY_DATE = re.compile(rf"\b(\d{{1,2}}) ({MONTHS})\.? (\d{{4}})\b")
REFERENCE = re.compile(r"\b(Figure|Table) (\d+)\.(\d+)\b")


def precision_column(column: str) -> str:
    """The column that says how precise a date column is: start_date -> start_precision, date -> date_precision."""
    return "date_precision" if column == "date" else column.removesuffix("_date") + "_precision"


@lru_cache(maxsize=1)
def coarse_dates() -> dict[pd.Timestamp, str]:
    """Dates that the tables hold only with month or year precision (never as a day anywhere), with where from.

    A date column without a precision column holds days."""
    precisions: dict[pd.Timestamp, set[str]] = {}
    where: dict[pd.Timestamp, str] = {}
    for name in data.tables():
        frame = data.load(name)
        for column in frame.columns:
            if not str(frame[column].dtype).startswith("datetime64"):
                continue
            known = frame.get(precision_column(column))
            given = known.astype("string").fillna("day") if known is not None else pd.Series("day", index=frame.index)
            for date, precision in zip(frame[column], given):
                if pd.notna(date):
                    precisions.setdefault(date, set()).add(precision)
                    if precision != "day":
                        where.setdefault(date, f"{name}.{column} ({precision})")
    return {date: where[date] for date, kinds in precisions.items() if "day" not in kinds}


def day_dates(text: str) -> list[tuple[str, pd.Timestamp]]:
    """Every 'D Month YYYY' date written in `text`, as written and as a date."""
    found = []
    for match in DAY_DATE.finditer(text):
        try:
            found.append((match[0], pd.Timestamp(f"{match[1]} {match[2].rstrip('.')[:3]} {match[3]}")))
        except ValueError:
            continue  # "31 Feb 2022" is no date
    return found


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _strings(item)]
    return []


def figure_texts(figure: dict) -> list[str]:
    """What a chart prints: its title, annotations, trace names and the text and hover data of its points."""
    layout = figure.get("layout", {})
    texts = [layout.get("title", {}).get("text") or ""]
    texts += [a.get("text", "") for a in layout.get("annotations", [])]
    for trace in figure.get("data", []):
        texts += _strings(trace.get("name")) + _strings(trace.get("text")) + _strings(trace.get("customdata"))
    return texts


def printed(nb) -> list[tuple[str, str]]:
    """(where, text) for every text a notebook's outputs print: Markdown, plain text, HTML tables and charts."""
    out = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            bundle = output.get("data", {})
            where = f"cell {index} ({cell.get('id')})"
            if PLOTLY_MIME in bundle:
                out += [(f"{where}, chart", t) for t in figure_texts(bundle[PLOTLY_MIME])]
                continue
            for mime in ("text/markdown", "text/html", "text/plain"):
                if mime in bundle:
                    text = "".join(bundle[mime])
                    out.append((f"{where}, {mime}", strip_tags(text) if mime == "text/html" else text))
            if output.get("output_type") == "stream":
                out.append((f"{where}, stream", "".join(output.get("text", ""))))
    return out


def days_for_coarse_dates(nb) -> list[str]:
    """'cell 12 (c12), chart: "01 Jun 2022" is known only to the month (events.date (month))' for each slip."""
    coarse = coarse_dates()
    return sorted({f"{where}: {written!r} is known only as {coarse[date]}"
                   for where, text in printed(nb) for written, date in day_dates(text) if date in coarse})


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.stem)
def notebook(request):
    return nbformat.read(request.param, as_version=4)


def test_no_day_printed_for_a_value_known_to_the_month_or_year(notebook):
    assert days_for_coarse_dates(notebook) == []


def test_the_date_check_finds_a_month_printed_as_a_day():
    """The check can fail: a chart label "01 Jun 2022 Madrid Summit" for the month-precision Madrid Force Model."""
    events = data.load("events").set_index("event_id")
    madrid = events.loc["nfm_2022_madrid"]
    assert madrid["date_precision"] == "month" and madrid["date"] in coarse_dates()
    label = f"{madrid['date']:%d %b %Y} Madrid Summit"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
        "display_data", data={PLOTLY_MIME: {"data": [], "layout": {"title": {"text": "x"},
                                                                   "annotations": [{"text": label}]}}})])])
    expected = f"cell 0 ({nb.cells[0].id}), chart: '01 Jun 2022' is known only as events.date (month)"
    assert days_for_coarse_dates(nb) == [expected]
    assert days_for_coarse_dates(nbformat.v4.new_notebook()) == []


def test_a_day_known_as_a_day_passes():
    """24 August 1949 (the founders' accession) is a day in members.csv: printing it is right."""
    assert pd.Timestamp("1949-08-24") not in coarse_dates()
    assert day_dates("joined on 24 August 1949 and 7 Mar 2024") == [
        ("24 August 1949", pd.Timestamp("1949-08-24")), ("7 Mar 2024", pd.Timestamp("2024-03-07"))]


# --- Figure N.M and Table N.M ----------------------------------------------------------------------------------

def numbered(nb) -> tuple[int, int]:
    """How many charts and tables a notebook shows, as the site numbers them: plotly outputs, and HTML outputs
    holding a <table> (not a chart)."""
    charts = tables = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            bundle = output.get("data", {})
            if PLOTLY_MIME in bundle:
                charts += 1
            elif "<table" in "".join(bundle.get("text/html", "")):
                tables += 1
    return charts, tables


def prose(nb) -> str:
    """A notebook's Markdown: its Markdown cells and the Markdown its code prints."""
    parts = [cell.source for cell in nb.cells if cell.cell_type == "markdown"]
    parts += ["".join(o.get("data", {}).get("text/markdown", "")) for cell in nb.cells for o in cell.get("outputs", [])]
    return "\n".join(parts)


@lru_cache(maxsize=1)
def numbers_by_notebook() -> dict[int, tuple[int, int]]:
    return {int(path.name[:2]): numbered(nbformat.read(path, as_version=4)) for path in NOTEBOOKS}


def unresolved(nb, counts: dict[int, tuple[int, int]]) -> list[str]:
    """The references in `nb`'s prose that name no chart or table of notebook N (charts and tables counted in
    order: Figure N.M is notebook N's M-th chart)."""
    missing = []
    for kind, number, index in REFERENCE.findall(prose(nb)):
        charts, tables = counts.get(int(number), (0, 0))
        if not 1 <= int(index) <= (charts if kind == "Figure" else tables):
            missing.append(f"{kind} {number}.{index} (notebook {number} shows {charts} charts and {tables} tables)")
    return sorted(set(missing))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_figure_and_table_named_in_the_prose_exists(path):
    assert unresolved(nbformat.read(path, as_version=4), numbers_by_notebook()) == []


def test_the_reference_check_finds_a_missing_table():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Figure 3.1 and Table 3.1 show it.")])
    assert unresolved(nb, {3: (1, 0)}) == ["Table 3.1 (notebook 3 shows 1 charts and 0 tables)"]
    assert unresolved(nb, {3: (1, 1)}) == []
