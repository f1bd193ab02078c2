"""Turn one executed notebook into a page: narrative, folded code, outputs, and numbered figures.

Each chart becomes a numbered figure ("Figure 4.2", 4 being the notebook's number) with a caption, its text
alternative (linked by `aria-describedby`), links to its CSV, PNG and SVG, a citation and a data table; each
table output a numbered table ("Table 4.1") with a caption; "Figure 4.2" and "Table 4.1" in the prose link to them.
Vocabulary codes in output tables are shown with their labels.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..charts.maps import has_geo
from ..charts.payload import CHART_DATA_MIME, PLOTLY_MIME, figure_rows, strip_tags
from ..data.labels import column_label
from . import downloads
from .quotes import QuoteIndex

#: Boxes that may scroll sideways are reachable by keyboard and named (axe: scrollable-region-focusable).
_SCROLL = 'tabindex="0" role="region" aria-label="Printed output"'
TABLE_ROWS = 20  # rows shown in a chart's HTML data table (keeps pages under 250 kB); the CSV has them all


@dataclass
class Context:
    """What rendering needs from the data: sources (for CSVs and citations), the quotes behind values, and vocabulary
    labels."""

    sources: downloads.Sources = field(default_factory=downloads.Sources)
    quotes: QuoteIndex = field(default_factory=QuoteIndex)
    labels: dict[str, str] = field(default_factory=dict)
    #: Vocabulary labels by column name, for tables whose columns are known (a chart's data table).
    column_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Chart templates seen so far by hash: pages embed the hash, `assets/templates.js` holds each template once
    #: (the collection's template is about 7 kB, repeated in every figure).
    templates: dict[str, dict] = field(default_factory=dict)
    #: Whether the build renders an SVG for charts whose notebook holds none (Ally profiles): then every chart
    #: shows its static SVG first, and plotly.js draws it interactive afterwards (see assets/site.js).
    render_svgs: bool = False

    def template_key(self, template: dict) -> str:
        import hashlib

        key = hashlib.sha256(json.dumps(template, sort_keys=True).encode()).hexdigest()[:12]
        self.templates.setdefault(key, template)
        return key


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
    svg: str = ""  # the static SVG the runner stored beside the figure, if any


@dataclass
class Page:
    """One rendered notebook."""

    source: Path
    slug: str
    title: str
    summary: str
    body: str = ""
    charts: list[Chart] = field(default_factory=list)
    tables: list[tuple[str, str]] = field(default_factory=list)  # (number, anchor) of each numbered table
    headings: list[tuple[int, str, str]] = field(default_factory=list)  # (level, text, id)
    has_map: bool = False
    root: str = ""  # path from the page back to the site's root ("../" for Ally profiles)
    static_images: bool = True  # PNG/SVG files exist for its charts
    location: str = ""  # where the page is written, if not <slug>.html

    @property
    def href(self) -> str:
        return self.location or f"{self.slug}.html"

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


def site_links(html_text: str, root: str = "") -> str:
    """Point links between notebooks and to data files at their copies in the site (`root`: back to its top)."""
    for pattern, replacement in _NOTEBOOK_LINKS:
        html_text = pattern.sub(replacement.replace('href="', f'href="{root}'), html_text)
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
    """Folded code as plain preformatted text: syntax colouring doubled the weight of the heaviest pages."""
    return f'<div class="highlight"><pre>{html.escape(code)}</pre></div>'


def figure_title(figure: dict) -> str:
    title = figure.get("layout", {}).get("title", {})
    return strip_tags(title.get("text", "") if isinstance(title, dict) else title)


def _readable(text: str, labels: dict[str, str]) -> str:
    """Vocabulary codes in a description as labels."""
    return re.sub(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", lambda m: labels.get(m.group(0), m.group(0)), text)


def _quote_cell(quotes: list) -> str:
    """The words of the source behind a row, with links to the page read and its archived copy (assets/ui.js shows
    the words on hover over the row's values)."""
    if not quotes:
        return "<td></td>"
    parts = []
    for q in quotes:
        words = q.text()
        links = "".join(f' <a href="{html.escape(url)}">{label}</a>' for url, label in
                        ((q.url, "page"), (q.archive_url, "archived")) if url)
        parts.append(f'<q>{html.escape(words)}</q>{links}')
    return f'<td class="quote">{"<br>".join(parts)}</td>'


def _cell(value, column_labels: dict[str, str], codes: dict[str, str]) -> str:
    """A value as a reader reads it: its column's label for it, else any vocabulary's (ids excepted), else as is."""
    text = "" if value is None else str(value)
    return column_labels.get(text) or codes.get(text) or text


def _data_table(chart: Chart, payload: dict, labels: dict[str, dict[str, str]], quotes: QuoteIndex | None = None,
                codes: dict[str, str] | None = None) -> str:
    """A chart's rows as an HTML table, codes shown as labels (by their column's vocabulary, else by `codes`, the
    labels of every code that is not also an id); where a quoted table row backs a plotted row, a last column gives
    the source's words with the page and archive links (and assets/ui.js shows them on hover over the row)."""
    units = payload.get("units") or {}
    columns = payload["columns"]
    head = "".join(f'<th scope="col">{html.escape(column_label(c))}' + (f" ({html.escape(units[c])})" if units.get(c) else "")
                   + "</th>" for c in columns)
    rows = payload["rows"][:TABLE_ROWS]
    found = [quotes.match(dict(zip(columns, row))) if quotes is not None and "source_id" in columns else []
             for row in rows]
    if any(found):
        head += '<th scope="col">Words of the source</th>'
    body = []
    for row, row_quotes in zip(rows, found):
        cells = "".join(f"<td>{html.escape(_cell(v, labels.get(c, {}), codes or {}))}</td>" for c, v in zip(columns, row))
        body.append(f"<tr>{cells}{_quote_cell(row_quotes) if any(found) else ''}</tr>")
    more = (f'<p class="more">First {TABLE_ROWS} of {len(payload["rows"])} rows; the CSV has them all.</p>'
            if len(payload["rows"]) > TABLE_ROWS else "")
    return (f'<details class="datatable"><summary>Data table</summary>'
            f'<div class="table-scroll" tabindex="0" role="region" aria-label="Data of Figure {chart.number}">'
            f'<table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>{more}</details>')


def static_image(src: str, figure: dict, first: bool) -> str:
    """The chart's static SVG, shown at once while plotly.js loads (`elementtiming` lets a test time its paint);
    below the first chart it loads lazily."""
    from ..charts.images import WIDTH, height

    lazy = "" if first else ' loading="lazy"'
    return (f'<img class="static" src="{src}" alt="" width="{WIDTH}" height="{height(figure)}" '
            f'elementtiming="chart"{lazy}>')


def render_chart(figure: dict, payload: dict | None, page: Page, ctx: Context, svg: str = "") -> str:
    """One numbered figure: the plot (its static SVG first, when there is one), its caption, text alternative,
    downloads, citation and data table."""
    figure = dict(figure)
    config = {k: v for k, v in figure.pop("config", {}).items() if k != "topojsonURL"}
    page.has_map = page.has_map or has_geo(figure)
    n = len(page.charts) + 1
    chart = Chart(f"{page.slug}-{n}", f"{page.number}.{n}", figure, figure_title(figure) or f"Chart {n}", svg=svg)
    if not payload:
        columns, rows = figure_rows(figure)
        payload = {"columns": columns, "rows": rows, "units": {}, "from_figure": True}
    chart.note = downloads.source_note(figure)
    chart.description = _readable(payload.get("description") or f"A chart with {len(figure.get('data', []))} series.",
                                  ctx.labels)
    chart.csv_header, chart.csv_rows = downloads.csv_rows(payload, chart.note, ctx.sources, ctx.quotes)
    publishers, as_of = downloads.publishers_and_date(payload, chart.note, ctx.sources)
    cite_text, bibtex = downloads.citation(title=chart.title, number=chart.number, page_title=page.title,
                                       page_href=f"{page.href}#{chart.slug}", publishers=publishers, as_of=as_of)
    has_svg = bool(svg) or ctx.render_svgs
    images = (f'<a href="{page.root}figures/{chart.slug}.png">PNG</a><a href="{page.root}figures/{chart.slug}.svg">SVG</a>'
              if page.static_images else
              (f'<a href="{page.root}figures/{chart.slug}.svg">SVG</a>' if has_svg else "")
              + '<span class="hint camera-hint">PNG: the camera button on the chart</span>')
    still = static_image(f"{page.root}figures/{chart.slug}.svg", figure, n == 1) if has_svg else ""
    page.charts.append(chart)
    embedded = figure
    if isinstance(figure.get("layout", {}).get("template"), dict):
        layout = {**figure["layout"], "template": {"site": ctx.template_key(figure["layout"]["template"])}}
        embedded = {**figure, "layout": layout}
    spec = json.dumps({"figure": embedded, "config": config}, separators=(",", ":")).replace("</", "<\\/")
    e = html.escape
    note = f'<p class="source-note">{e(chart.note)}</p>' if chart.note else ""
    return (f'<figure class="chart" id="{chart.slug}" aria-describedby="{chart.slug}-desc">'
            f'<div class="plot">{still}</div>'
            f'<script type="application/json" class="plotly-figure">{spec}</script>'
            f'<figcaption><p class="caption"><span class="fignum">Figure {chart.number}.</span> {e(chart.title)}</p>'
            f'<p class="chart-desc" id="{chart.slug}-desc">{e(chart.description)}</p>{note}'
            f'<div class="chart-tools"><a href="{page.root}figures/{chart.slug}.csv" download>Data (CSV)</a>{images}'
            f'<a href="{page.root}downloads/charts/{chart.slug}.zip" download>Data, sources and citation (ZIP)</a>'
            f'<details class="cite"><summary>Cite</summary><p>{e(cite_text)}</p>'
            f'<pre class="bibtex">{e(bibtex)}</pre></details>'
            f'{_data_table(chart, payload, ctx.column_labels, ctx.quotes, ctx.labels)}</div></figcaption></figure>')


def render_table(table_html: str, page: Page) -> str:
    """One numbered table ("Table 5.1", 5 being the notebook's number), captioned by the section it stands in and
    its number of rows, its column names shown as labels."""
    table_html = re.sub(r'(<th\b[^>]*class="col_heading[^"]*"[^>]*>)\s*([^<]*?)\s*(</th>)',
                        lambda m: m.group(1) + html.escape(column_label(html.unescape(m.group(2)))) + m.group(3),
                        table_html)  # column names as readers read them
    n = len(page.tables) + 1
    number, slug = f"{page.number}.{n}", f"{page.slug}-table-{n}"
    page.tables.append((number, slug))
    rows = len(re.findall(r"<tr\b", re.sub(r"<thead\b.*?</thead>", "", table_html, flags=re.S)))
    section = page.headings[-1][1] if page.headings else page.title
    caption = f"{section}: {rows} row{'' if rows == 1 else 's'}"
    return (f'<figure class="table" id="{slug}"><figcaption class="caption"><span class="fignum">Table {number}.</span> '
            f'{html.escape(caption)}</figcaption><div class="output-html table-scroll" tabindex="0" role="region" '
            f'aria-label="Table {number}">{table_html}</div></figure>')


_REFERENCE = re.compile(r"\b(Figure|Table) (\d+)\.(\d+)\b")


def link_references(body: str, page: Page) -> str:
    """In the page's prose, "Figure 4.2" and "Table 4.1" of this page become links to them."""
    targets = {f"Figure {c.number}": c.slug for c in page.charts} | {f"Table {n}": s for n, s in page.tables}

    def link(match: re.Match) -> str:
        slug = targets.get(match.group(0))
        return f'<a href="#{slug}">{match.group(0)}</a>' if slug else match.group(0)

    def prose(block: re.Match) -> str:  # only in text, never inside a tag or an existing link
        parts = re.split(r"(<a\b.*?</a>|<[^>]+>)", block.group(0), flags=re.S)
        return "".join(part if part.startswith("<") else _REFERENCE.sub(link, part) for part in parts)

    return re.sub(r'<section class="md">.*?</section>|<div class="output-md">.*?</div>', prose, body, flags=re.S)


_CELL = re.compile(r"(<t[dh]\b[^>]*>)\s*([A-Za-z0-9_.-]+)\s*(</t[dh]>)")


def relabel_table_cells(html_text: str, labels: dict[str, str]) -> str:
    """Replace table cells (td or th) that hold exactly one vocabulary code with its label."""
    if not labels:
        return html_text

    def swap(match: re.Match) -> str:
        label = labels.get(match.group(2))
        return match.group(0) if label is None else f"{match.group(1)}{html.escape(label)}{match.group(3)}"

    return _CELL.sub(swap, html_text)


def _render_output(output, page: Page, ctx: Context) -> str:
    kind = output.get("output_type")
    if kind == "stream":
        return f'<pre class="stream {output.get("name", "")}" {_SCROLL}>{html.escape("".join(output["text"]))}</pre>'
    if kind == "error":
        text = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(output.get("traceback", [])))
        return f'<pre class="error" {_SCROLL}>{html.escape(text)}</pre>'
    data = output.get("data", {})
    if PLOTLY_MIME in data:
        return render_chart(data[PLOTLY_MIME], data.get(CHART_DATA_MIME), page, ctx,
                            svg="".join(data.get("image/svg+xml", "")))
    if "text/html" in data:
        table = relabel_table_cells("".join(data["text/html"]), ctx.labels)
        if "<table" in table:
            return render_table(table, page)
        return (f'<div class="output-html table-scroll" tabindex="0" role="region" '
                f'aria-label="Output">{table}</div>')
    if "image/png" in data:
        return f'<img alt="output image" src="data:image/png;base64,{data["image/png"].strip()}">'
    if "text/markdown" in data:
        return f'<div class="output-md">{markdown()("".join(data["text/markdown"]))}</div>'
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
        text = html.unescape(strip_tags(inner))
        anchor = _anchor(text, used)
        page.headings.append((level, text, anchor))
        return f'<h{level} id="{anchor}">{inner}</h{level}>'

    return re.sub(r"<h([1-4])>(.*?)</h\1>", add, html_text, flags=re.S)


def render_notebook(path: Path, ctx: Context | None = None, **page_options) -> Page:
    """Turn one executed notebook into a page body: narrative, folded code, outputs and charts.

    `page_options` set where the page lives (`location`, `root`), whether its charts have static images, and a
    `title` other than the notebook's (which chart citations then name)."""
    ctx = ctx or Context()
    nb = nbformat.read(path, as_version=4)
    title, summary = _title_and_summary(nb)
    page = Page(path, path.stem, page_options.pop("title", title), summary, **page_options)
    md = markdown()
    parts, used = [], set()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(f'<section class="md">{_heading_ids(site_links(md(cell.source), page.root), page, used)}</section>')
        elif cell.cell_type == "code":
            if cell.source.strip():
                tags = " parameters" if "parameters" in cell.metadata.get("tags", []) else ""
                label = "Parameters (edit and rerun in JupyterLab)" if tags else "Code"
                parts.append(f'<details class="code{tags}"><summary>{label}</summary>'
                             f'{_highlight(cell.source)}</details>')
            outputs = "".join(_render_output(o, page, ctx) for o in cell.get("outputs", []))
            if outputs:
                parts.append(f'<div class="output">{outputs}</div>')
    page.body = link_references("\n".join(parts), page)
    return page
