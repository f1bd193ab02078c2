"""Render the collection to a static site that works from the file system with no network.

Every page loads one local copy of plotly.js (`assets/plotly.min.js`); maps load the world geometry once from
`assets/world_110m.js`. Static PNG and SVG images of every chart go to `figures/` when a Chromium is found.
The build writes to a temporary folder and swaps it in only when complete, so a failure keeps the old site.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .maps import has_geo
from .notebooks import list_notebooks
from .paths import ASSETS_DIR, ROOT, data_dir

PLOTLY_MIME = "application/vnd.plotly.v1+json"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


@dataclass
class Chart:
    """One plotly figure found in a notebook's outputs."""

    slug: str
    figure: dict
    title: str


@dataclass
class Page:
    """One rendered notebook."""

    source: Path
    slug: str
    title: str
    summary: str
    body: str = ""
    charts: list[Chart] = field(default_factory=list)
    has_map: bool = False

    @property
    def href(self) -> str:
        return f"{self.slug}.html"


def _markdown():
    import mistune

    return mistune.create_markdown(escape=False, plugins=["table", "strikethrough", "url"])


#: Links written for JupyterLab (relative to notebooks/) and where they point in the site.
_NOTEBOOK_LINKS = [(re.compile(r'href="\.\./data/README\.md(#[^"]*)?"'), 'href="data.html"'),
                   (re.compile(r'href="\.\./data/([^"/]+)"'), r'href="data/\1"'),
                   (re.compile(r'href="(\d\d-[a-z0-9-]+)\.ipynb(#[^"]*)?"'), r'href="\1.html\2"')]


def _site_links(html_text: str) -> str:
    """Point links between notebooks and to data files at their copies in the site."""
    for pattern, replacement in _NOTEBOOK_LINKS:
        html_text = pattern.sub(replacement, html_text)
    return html_text


def _plain(markdown_text: str) -> str:
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
            return lines[0][2:].strip(), _plain(rest)
    return "Untitled", ""


def _highlight(code: str) -> str:
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    return highlight(code, PythonLexer(), HtmlFormatter(cssclass="highlight"))


def _figure_title(figure: dict) -> str:
    title = figure.get("layout", {}).get("title", {})
    return re.sub(r"<[^>]+>", " ", title.get("text", "") if isinstance(title, dict) else str(title)).strip()


def _render_output(output, page: Page) -> str:
    kind = output.get("output_type")
    if kind == "stream":
        return f'<pre class="stream {output.get("name", "")}">{html.escape("".join(output["text"]))}</pre>'
    if kind == "error":
        text = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(output.get("traceback", [])))
        return f'<pre class="error">{html.escape(text)}</pre>'
    data = output.get("data", {})
    if PLOTLY_MIME in data:
        figure = dict(data[PLOTLY_MIME])
        config = {k: v for k, v in figure.pop("config", {}).items() if k != "topojsonURL"}
        page.has_map = page.has_map or has_geo(figure)
        chart = Chart(f"{page.slug}-{len(page.charts) + 1}", figure, _figure_title(figure))
        page.charts.append(chart)
        payload = json.dumps({"figure": figure, "config": config}, separators=(",", ":")).replace("</", "<\\/")
        alt = html.escape(chart.title or "Chart")
        return (f'<figure class="chart" id="{chart.slug}"><div class="plot" role="img" aria-label="{alt}"></div>'
                f'<script type="application/json" class="plotly-figure">{payload}</script>'
                f'<figcaption><a href="figures/{chart.slug}.png">PNG</a> · <a href="figures/{chart.slug}.svg">SVG'
                f'</a></figcaption></figure>')
    if "text/html" in data:
        return f'<div class="output-html">{"".join(data["text/html"])}</div>'
    if "image/png" in data:
        return f'<img alt="output image" src="data:image/png;base64,{data["image/png"].strip()}">'
    if "text/markdown" in data:
        return _markdown()("".join(data["text/markdown"]))
    if "text/plain" in data:
        return f'<pre class="text">{html.escape("".join(data["text/plain"]))}</pre>'
    return ""


def render_notebook(path: Path) -> Page:
    """Turn one executed notebook into a page body: narrative, folded code, outputs and charts."""
    nb = nbformat.read(path, as_version=4)
    title, summary = _title_and_summary(nb)
    page = Page(path, path.stem, title, summary)
    md = _markdown()
    parts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(f'<section class="md">{_site_links(md(cell.source))}</section>')
        elif cell.cell_type == "code":
            if cell.source.strip():
                tags = " parameters" if "parameters" in cell.metadata.get("tags", []) else ""
                label = "Parameters (edit and rerun in JupyterLab)" if tags else "Code"
                parts.append(f'<details class="code{tags}"><summary>{label}</summary>'
                             f'{_highlight(cell.source)}</details>')
            outputs = "".join(_render_output(o, page) for o in cell.get("outputs", []))
            if outputs:
                parts.append(f'<div class="output">{outputs}</div>')
    page.body = "\n".join(parts)
    return page


def _env() -> Environment:
    return Environment(loader=PackageLoader("helpers", "templates"), autoescape=select_autoescape(["html"]))


def _table_summaries(directory: Path) -> list[dict]:
    import csv

    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    tables = []
    for res in descriptor["resources"]:
        with open(directory / res["path"], newline="", encoding="utf-8") as fh:
            rows = sum(1 for row in csv.reader(fh) if row) - 1
        tables.append({"name": res["name"], "path": res["path"], "description": res.get("description", ""),
                       "rows": rows, "fields": res["schema"]["fields"],
                       "primary_key": res["schema"].get("primaryKey", [])})
    return tables


def find_chromium() -> str | None:
    """Path of a system Chromium, or None."""
    found = shutil.which("chromium") or next((p for p in CHROMIUM_CANDIDATES if Path(p).exists()), None)
    return found


#: Rendered images are kept here by content hash, so an unchanged chart is not rendered again.
IMAGE_CACHE = ROOT / "_build" / "cache" / "figures"
IMAGE_FORMATS = ("png", "svg")


def _image_key(figure: dict, width: int, height: int) -> str:
    import hashlib
    import plotly

    payload = json.dumps([figure, width, height, plotly.__version__], sort_keys=True).encode()
    return hashlib.sha256(payload).hexdigest()[:24]


def export_images(pages: list[Page], out: Path, cache: Path = IMAGE_CACHE) -> tuple[int, int]:
    """Write figures/<slug>.png and .svg for every chart with kaleido; return (charts, charts rendered now)."""
    jobs = []
    for page in pages:
        for chart in page.charts:
            width, height = 1000, chart.figure.get("layout", {}).get("height") or 550
            key = _image_key(chart.figure, width, height)
            jobs.append((chart, key, width, height))
    cache.mkdir(parents=True, exist_ok=True)
    missing = [job for job in jobs if not all((cache / f"{job[1]}.{f}").exists() for f in IMAGE_FORMATS)]
    if missing:
        _render_images(missing, cache)
    for chart, key, _, _ in jobs:
        for fmt in IMAGE_FORMATS:
            shutil.copy(cache / f"{key}.{fmt}", out / f"{chart.slug}.{fmt}")
    return len(jobs), len(missing)


def _render_images(jobs: list, cache: Path) -> None:
    import asyncio

    import kaleido
    import plotly.io as pio

    from .maps import offline_config

    plotlyjs = Path(pio.__file__).parent.parent / "package_data" / "plotly.min.js"
    topojson = offline_config()["topojsonURL"]
    specs = [{"fig": chart.figure, "path": str(cache / f"{key}.tmp.{fmt}"), "topojson": topojson,
              "opts": {"format": fmt, "width": width, "height": height}}
             for chart, key, width, height in jobs for fmt in IMAGE_FORMATS]

    async def render() -> None:
        async with kaleido.Kaleido(n=1, mathjax=False, plotlyjs=str(plotlyjs)) as k:
            await k.write_fig_from_object(specs)

    asyncio.run(render())
    for spec in specs:  # publish each image only once it is complete
        Path(spec["path"]).rename(spec["path"].replace(".tmp.", "."))


def _copy_assets(out: Path) -> None:
    import plotly.io as pio

    assets = out / "assets"
    assets.mkdir(parents=True)
    shutil.copy(Path(pio.__file__).parent.parent / "package_data" / "plotly.min.js", assets / "plotly.min.js")
    geo = (ASSETS_DIR / "world_110m.json").read_text(encoding="utf-8")
    (assets / "world_110m.js").write_text(
        "window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};\n"
        f"window.PlotlyGeoAssets.topojson.world_110m = {geo};\n", encoding="utf-8")
    for name in ("site.css", "site.js"):
        shutil.copy(ASSETS_DIR / name, assets / name)
    from pygments.formatters import HtmlFormatter

    (assets / "pygments.css").write_text(HtmlFormatter(style="friendly").get_style_defs(".highlight"))


def build(out: Path | None = None, *, notebooks: list[Path] | None = None, data: Path | None = None,
          images: bool = True) -> Path:
    """Build the site into `out` (default `_build/site`) atomically; return the output path."""
    out = Path(out or ROOT / "_build" / "site")
    data = Path(data or data_dir())
    notebooks = notebooks if notebooks is not None else list_notebooks()
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        _copy_assets(tmp)
        pages = []
        for i, path in enumerate(notebooks, 1):
            started = time.perf_counter()
            try:
                pages.append(render_notebook(path))
            except Exception as exc:
                raise RuntimeError(f"rendering {path.name} failed: {type(exc).__name__}: {exc}") from exc
            print(f"[{i}/{len(notebooks)}] rendered {path.name} ({len(pages[-1].charts)} charts, "
                  f"{time.perf_counter() - started:.1f} s)", flush=True)
        env = _env()
        nav = [{"href": p.href, "title": p.title} for p in pages]
        tables = _table_summaries(data)
        (tmp / "data").mkdir()
        for t in tables:
            shutil.copy(data / t["path"], tmp / "data" / t["path"])
        shutil.copy(data / "datapackage.json", tmp / "data" / "datapackage.json")
        page_tpl = env.get_template("page.html")
        for i, p in enumerate(pages):
            prev_page = pages[i - 1] if i > 0 else None
            next_page = pages[i + 1] if i + 1 < len(pages) else None
            (tmp / p.href).write_text(page_tpl.render(page=p, body=Markup(p.body), nav=nav, prev=prev_page,
                                                      next=next_page, current=p.href), encoding="utf-8")
        readme = data / "README.md"
        about = readme.read_text(encoding="utf-8").split("## Data dictionary")[0] if readme.exists() else ""
        about = re.sub(r"^# .*\n", "", about)  # the page has its own title
        (tmp / "data.html").write_text(env.get_template("data.html").render(
            tables=tables, nav=nav, current="data.html",
            about=Markup(re.sub(r'href="([\w.-]+\.(?:csv|json))"', r'href="data/\1"', _markdown()(about)))),
            encoding="utf-8")
        figures = tmp / "figures"
        figures.mkdir()
        thumbs = {}
        chromium = find_chromium() if images else None
        if images and chromium is None:
            print("site: no Chromium found (install Debian's `chromium`): building without static images",
                  file=sys.stderr)
        if chromium:
            started = time.perf_counter()
            count, rendered = export_images(pages, figures)
            print(f"site: {count} charts written as PNG and SVG, {rendered} rendered, {count - rendered} from cache "
                  f"({time.perf_counter() - started:.1f} s)")
            thumbs = {p.slug: f"figures/{p.charts[0].slug}.png" for p in pages if p.charts}
        (tmp / "index.html").write_text(env.get_template("index.html").render(
            pages=pages, thumbs=thumbs, tables=tables, nav=nav, current="index.html"), encoding="utf-8")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    return out


def site_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers site", description="Render the collection.")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--no-images", action="store_true", help="skip PNG/SVG export")
    args = parser.parse_args(argv)
    try:
        out = build(args.out, images=not args.no_images)
    except Exception as exc:
        print(f"site: build failed, previous site left in place: {exc}", file=sys.stderr)
        return 1
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(f"site: {size / 1e6:.1f} MB written; open {out / 'index.html'}")
    return 0
