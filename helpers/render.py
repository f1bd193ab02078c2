"""Turn one executed notebook into a page: narrative, folded code, outputs, and numbered figures.

Each chart becomes a numbered figure ("Figure 4.2", 4 being the notebook's number) with a caption, its text
alternative (linked by `aria-describedby`), links to its CSV, PNG and SVG, a citation and a data table.
Vocabulary codes in output tables are shown with their labels.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import reuse
from .chartdata import CHART_DATA_MIME
from .labels import relabel_table_cells
from .maps import has_geo

PLOTLY_MIME = "application/vnd.plotly.v1+json"
#: Boxes that may scroll sideways are reachable by keyboard and named (axe: scrollable-region-focusable).
_SCROLL = 'tabindex="0" role="region" aria-label="Printed output"'
TABLE_ROWS = 300  # rows shown in a chart's HTML data table; the CSV has them all


@dataclass
class Context:
    """What rendering needs from the data: sources (for CSVs and citations) and vocabulary labels."""

    sources: reuse.Sources = field(default_factory=reuse.Sources)
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class Chart:
    """One plotly figure found in a notebook's outputs, with what a reader can take away from it."""

    slug: str
    number: str
    figure: dict
    title: str
    description: str = ""
    note: str = ""
    csv_header: list = field(default_factory=list)
    csv_rows: list = field(default_factory=list)


@dataclass
class Page:
    """One rendered notebook."""

    source: Path
    slug: str
    title: str
    summary: str
    body: str = ""
    charts: list[Chart] = field(default_factory=list)
    headings: list[tuple[int, str, str]] = field(default_factory=list)  # (level, text, id)
    has_map: bool = False

    @property
    def href(self) -> str:
        return f"{self.slug}.html"

    @property
    def number(self) -> str:
        return str(int(self.slug[:2])) if self.slug[:2].isdigit() else self.slug


def markdown():
    import mistune

    return mistune.create_markdown(escape=False, plugins=["table", "strikethrough", "url"])


#: Links written for JupyterLab (relative to notebooks/) and where they point in the site.
_NOTEBOOK_LINKS = [(re.compile(r'href="\.\./data/README\.md(#[^"]*)?"'), 'href="data.html"'),
                   (re.compile(r'href="\.\./data/([^"/]+)"'), r'href="data/\1"'),
                   (re.compile(r'href="(\d\d-[a-z0-9-]+)\.ipynb(#[^"]*)?"'), r'href="\1.html\2"')]


def site_links(html_text: str) -> str:
    """Point links between notebooks and to data files at their copies in the site."""
    for pattern, replacement in _NOTEBOOK_LINKS:
        html_text = pattern.sub(replacement, html_text)
    return html_text


def plain(markdown_text: str) -> str:
    """Markdown to one line of plain text (for card summaries)."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown_text)
    return re.sub(r"[*_`#>]", "", text).strip()


def _title_and_summary(nb) -> tuple[str, str]:
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.strip().splitlines()
        if lines and lines[0].startswith("# "):
            rest = "\n".join(lines[1:]).strip().split("\n\n")[0]
            return lines[0][2:].strip(), plain(rest)
    return "Untitled", ""


def _highlight(code: str) -> str:
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    return highlight(code, PythonLexer(), HtmlFormatter(cssclass="highlight"))


def figure_title(figure: dict) -> str:
    title = figure.get("layout", {}).get("title", {})
    text = title.get("text", "") if isinstance(title, dict) else str(title)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text or "")).strip()


def _fallback_description(figure: dict) -> str:
    """The text alternative read off the figure (plain Python numbers, so typed arrays count as numeric)."""
    try:
        import plotly.graph_objects as go

        from .chartdata import describe

        data = [{k: (reuse._decode(v) if isinstance(v, dict) and "bdata" in v else v) for k, v in t.items()}
                for t in figure.get("data", [])]
        text = describe(go.Figure({**figure, "data": data}))
        return _points_description(figure) if text.startswith("A chart without numeric") else text
    except Exception:  # a figure plotly.py cannot rebuild still gets a plain description
        traces = figure.get("data", [])
        return f"A chart with {len(traces)} series."


def _points_description(figure: dict) -> str:
    """For charts whose numbers sit on the x axis of vertical traces (dumbbells, timelines): per series, the
    highest and lowest value with its label, or the count and span of its points."""
    parts = []
    for name, x, y in ((t.get("name") or "", reuse._decode(t.get("x")), reuse._decode(t.get("y")))
                       for t in figure.get("data", [])):
        pairs = [(a, b) for a, b in zip(x or [], y or []) if a is not None and b is not None]
        if not pairs:
            continue
        num = [(a, b) for a, b in pairs if isinstance(a, (int, float)) and not isinstance(a, bool)]
        who = f"{name}: " if name else ""
        if len(num) >= 2:
            hi, lo = max(num, key=lambda p: p[0]), min(num, key=lambda p: p[0])
            parts.append(f"{who}highest {hi[0]:g} ({hi[1]}), lowest {lo[0]:g} ({lo[1]})")
        else:
            xs = sorted(str(a)[:10] for a, _ in pairs)
            parts.append(f"{who}{len(pairs)} points from {xs[0]} to {xs[-1]}")
    return ("; ".join(parts[:4]) + ".") if parts else f"A chart with {len(figure.get('data', []))} series."


def _readable(text: str, labels: dict[str, str]) -> str:
    """Vocabulary codes in a description as labels; years read off a figure ("(2,014") without a comma."""
    text = re.sub(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", lambda m: labels.get(m.group(0), m.group(0)), text)
    return re.sub(r"\(([12]),(\d{3})\b", r"(\1\2", text)


def _data_table(chart: Chart, payload: dict, labels: dict[str, str]) -> str:
    units = payload.get("units") or {}
    head = "".join(f"<th scope=\"col\">{html.escape(c)}" + (f" ({html.escape(units[c])})" if units.get(c) else "")
                   + "</th>" for c in payload["columns"])
    body = []
    for row in payload["rows"][:TABLE_ROWS]:
        cells = "".join(f"<td>{html.escape(labels.get(str(v), '' if v is None else str(v)))}</td>" for v in row)
        body.append(f"<tr>{cells}</tr>")
    more = (f'<p class="more">First {TABLE_ROWS} of {len(payload["rows"])} rows; the CSV has them all.</p>'
            if len(payload["rows"]) > TABLE_ROWS else "")
    return (f'<details class="datatable"><summary>Data table</summary>'
            f'<div class="table-scroll" tabindex="0" role="region" aria-label="Data of Figure {chart.number}">'
            f'<table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>{more}</details>')


def render_chart(figure: dict, payload: dict | None, page: Page, ctx: Context) -> str:
    """One numbered figure: the plot, its caption, text alternative, downloads, citation and data table."""
    figure = dict(figure)
    config = {k: v for k, v in figure.pop("config", {}).items() if k != "topojsonURL"}
    page.has_map = page.has_map or has_geo(figure)
    n = len(page.charts) + 1
    chart = Chart(f"{page.slug}-{n}", f"{page.number}.{n}", figure, figure_title(figure) or f"Chart {n}")
    if not payload:
        columns, rows = reuse.figure_rows(figure)
        payload = {"columns": columns, "rows": rows, "units": {}, "from_figure": True}
    chart.note = reuse.source_note(figure)
    # A description read off the figure is read again here, where typed arrays are decoded first.
    from_figure = payload.get("from_figure", True)
    chart.description = (_fallback_description(figure) if from_figure else "") or payload.get("description", "")
    chart.description = _readable(chart.description, ctx.labels)
    chart.csv_header, chart.csv_rows = reuse.csv_rows(payload, chart.note, ctx.sources)
    publishers, as_of = reuse.publishers_and_date(payload, chart.note, ctx.sources)
    cite_text, bibtex = reuse.citation(title=chart.title, number=chart.number, page_title=page.title,
                                       page_href=f"{page.href}#{chart.slug}", publishers=publishers, as_of=as_of)
    page.charts.append(chart)
    spec = json.dumps({"figure": figure, "config": config}, separators=(",", ":")).replace("</", "<\\/")
    e = html.escape
    note = f'<p class="source-note">{e(chart.note)}</p>' if chart.note else ""
    return (f'<figure class="chart" id="{chart.slug}" aria-describedby="{chart.slug}-desc">'
            f'<div class="plot"></div>'
            f'<script type="application/json" class="plotly-figure">{spec}</script>'
            f'<figcaption><p class="caption"><span class="fignum">Figure {chart.number}.</span> {e(chart.title)}</p>'
            f'<p class="chart-desc" id="{chart.slug}-desc">{e(chart.description)}</p>{note}'
            f'<div class="chart-tools"><a href="figures/{chart.slug}.csv" download>Data (CSV)</a>'
            f'<a href="figures/{chart.slug}.png">PNG</a><a href="figures/{chart.slug}.svg">SVG</a>'
            f'<details class="cite"><summary>Cite</summary><p>{e(cite_text)}</p>'
            f'<pre class="bibtex">{e(bibtex)}</pre></details>'
            f'{_data_table(chart, payload, ctx.labels)}</div></figcaption></figure>')


def _render_output(output, page: Page, ctx: Context) -> str:
    kind = output.get("output_type")
    if kind == "stream":
        return f'<pre class="stream {output.get("name", "")}" {_SCROLL}>{html.escape("".join(output["text"]))}</pre>'
    if kind == "error":
        text = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(output.get("traceback", [])))
        return f'<pre class="error" {_SCROLL}>{html.escape(text)}</pre>'
    data = output.get("data", {})
    if PLOTLY_MIME in data:
        return render_chart(data[PLOTLY_MIME], data.get(CHART_DATA_MIME), page, ctx)
    if "text/html" in data:
        table = relabel_table_cells("".join(data["text/html"]), ctx.labels)
        return (f'<div class="output-html table-scroll" tabindex="0" role="region" '
                f'aria-label="Table output">{table}</div>')
    if "image/png" in data:
        return f'<img alt="output image" src="data:image/png;base64,{data["image/png"].strip()}">'
    if "text/markdown" in data:
        return markdown()("".join(data["text/markdown"]))
    if "text/plain" in data:
        return f'<pre class="text" {_SCROLL}>{html.escape("".join(data["text/plain"]))}</pre>'
    return ""


def _anchor(text: str, used: set) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"
    anchor, i = base, 2
    while anchor in used:
        anchor, i = f"{base}-{i}", i + 1
    used.add(anchor)
    return anchor


def _heading_ids(html_text: str, page: Page, used: set) -> str:
    """Give every heading an id (for links from search) and remember it."""
    def add(match: re.Match) -> str:
        level, inner = int(match.group(1)), match.group(2)
        text = html.unescape(re.sub(r"<[^>]+>", "", inner)).strip()
        anchor = _anchor(text, used)
        page.headings.append((level, text, anchor))
        return f'<h{level} id="{anchor}">{inner}</h{level}>'

    return re.sub(r"<h([1-4])>(.*?)</h\1>", add, html_text, flags=re.S)


def render_notebook(path: Path, ctx: Context | None = None) -> Page:
    """Turn one executed notebook into a page body: narrative, folded code, outputs and charts."""
    ctx = ctx or Context()
    nb = nbformat.read(path, as_version=4)
    title, summary = _title_and_summary(nb)
    page = Page(path, path.stem, title, summary)
    md = markdown()
    parts, used = [], set()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(f'<section class="md">{_heading_ids(site_links(md(cell.source)), page, used)}</section>')
        elif cell.cell_type == "code":
            if cell.source.strip():
                tags = " parameters" if "parameters" in cell.metadata.get("tags", []) else ""
                label = "Parameters (edit and rerun in JupyterLab)" if tags else "Code"
                parts.append(f'<details class="code{tags}"><summary>{label}</summary>'
                             f'{_highlight(cell.source)}</details>')
            outputs = "".join(_render_output(o, page, ctx) for o in cell.get("outputs", []))
            if outputs:
                parts.append(f'<div class="output">{outputs}</div>')
    page.body = "\n".join(parts)
    return page
