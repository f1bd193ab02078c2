"""Build the static site: orchestrate rendering, assets, data copies, chart files and the atomic swap.

Every page loads one local copy of plotly.js (`assets/plotly.min.js`); maps load the world geometry once from
`assets/world_110m.js`. Each chart's plotted rows go to `figures/<slug>.csv`, and static PNG and SVG images to
`figures/` when a Chromium is found. The build writes to a temporary folder and swaps it in only when complete,
so a failure keeps the old site. Rendering lives in `render.py`, images in `images.py`, search in `search.py`.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from . import reuse
from .browser import find_chromium
from .images import export_images
from .labels import enum_labels, field_labels
from .notebooks import list_notebooks
from .paths import ASSETS_DIR, ROOT, data_dir
from .render import Context, Page, markdown, render_notebook


def _env() -> Environment:
    return Environment(loader=PackageLoader("helpers", "templates"), autoescape=select_autoescape(["html"]))


def _table_summaries(directory: Path) -> list[dict]:
    import csv

    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    tables = []
    for res in descriptor["resources"]:
        with open(directory / res["path"], newline="", encoding="utf-8") as fh:
            rows = sum(1 for row in csv.reader(fh) if row) - 1
        fields = [{**f, "labels": field_labels(f)} for f in res["schema"]["fields"]]
        tables.append({"name": res["name"], "path": res["path"], "description": res.get("description", ""),
                       "rows": rows, "fields": fields, "primary_key": res["schema"].get("primaryKey", [])})
    return tables


def _copy_assets(out: Path) -> None:
    import plotly.io as pio

    assets = out / "assets"
    assets.mkdir(parents=True)
    shutil.copy(Path(pio.__file__).parent.parent / "package_data" / "plotly.min.js", assets / "plotly.min.js")
    geo = (ASSETS_DIR / "world_110m.json").read_text(encoding="utf-8")
    (assets / "world_110m.js").write_text(
        "window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};\n"
        f"window.PlotlyGeoAssets.topojson.world_110m = {geo};\n", encoding="utf-8")
    for name in ("site.css", "site.js", "ui.js"):
        shutil.copy(ASSETS_DIR / name, assets / name)
    from pygments.formatters import HtmlFormatter

    (assets / "pygments.css").write_text(HtmlFormatter(style="friendly").get_style_defs(".highlight"))
    for name, target in (("LICENSE", "LICENSE.txt"), ("LICENSE-data", "LICENSE-data.txt"),
                         ("CITATION.cff", "CITATION.cff")):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, out / target)


def _render_pages(notebooks: list[Path], ctx: Context) -> list[Page]:
    pages = []
    for i, path in enumerate(notebooks, 1):
        started = time.perf_counter()
        try:
            pages.append(render_notebook(path, ctx))
        except Exception as exc:
            raise RuntimeError(f"rendering {path.name} failed: {type(exc).__name__}: {exc}") from exc
        print(f"[{i}/{len(notebooks)}] rendered {path.name} ({len(pages[-1].charts)} charts, "
              f"{time.perf_counter() - started:.1f} s)", flush=True)
    return pages


def _write_figures(pages: list[Page], figures: Path, images: bool) -> dict[str, str]:
    """Each chart's CSV, and its PNG and SVG when a Chromium is found; return index thumbnails by page."""
    figures.mkdir()
    for page in pages:
        for chart in page.charts:
            reuse.write_csv(figures / f"{chart.slug}.csv", chart.csv_header, chart.csv_rows)
    if not images:
        return {}
    if find_chromium() is None:
        print("site: no Chromium found (install Debian's `chromium`): building without static images",
              file=sys.stderr)
        return {}
    started = time.perf_counter()
    count, rendered = export_images([c for p in pages for c in p.charts], figures)
    print(f"site: {count} charts written as PNG and SVG, {rendered} rendered, {count - rendered} from cache "
          f"({time.perf_counter() - started:.1f} s)")
    return {p.slug: f"figures/{p.charts[0].slug}.png" for p in pages if p.charts}


def build(out: Path | None = None, *, notebooks: list[Path] | None = None, data: Path | None = None,
          images: bool = True) -> Path:
    """Build the site into `out` (default `_build/site`) atomically; return the output path."""
    from .search import write_index

    out = Path(out or ROOT / "_build" / "site")
    data = Path(data or data_dir())
    notebooks = notebooks if notebooks is not None else list_notebooks()
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        _copy_assets(tmp)
        ctx = Context(reuse.Sources.load(data), enum_labels(data))
        pages = _render_pages(notebooks, ctx)
        env = _env()
        nav = [{"href": p.href, "title": p.title} for p in pages]
        common = {"nav": nav, "project": reuse.PROJECT, "as_of": ctx.sources.as_of}
        tables = _table_summaries(data)
        (tmp / "data").mkdir()
        for t in tables:
            shutil.copy(data / t["path"], tmp / "data" / t["path"])
        shutil.copy(data / "datapackage.json", tmp / "data" / "datapackage.json")
        page_tpl = env.get_template("page.html")
        for i, p in enumerate(pages):
            prev_page = pages[i - 1] if i > 0 else None
            next_page = pages[i + 1] if i + 1 < len(pages) else None
            (tmp / p.href).write_text(page_tpl.render(page=p, body=Markup(p.body), prev=prev_page,
                                                      next=next_page, current=p.href, **common), encoding="utf-8")
        readme = data / "README.md"
        about = readme.read_text(encoding="utf-8").split("## Data dictionary")[0] if readme.exists() else ""
        about = re.sub(r"^# .*\n", "", about)  # the page has its own title
        (tmp / "data.html").write_text(env.get_template("data.html").render(
            tables=tables, current="data.html",
            about=Markup(re.sub(r'href="([\w.-]+\.(?:csv|json))"', r'href="data/\1"', markdown()(about))),
            **common), encoding="utf-8")
        thumbs = _write_figures(pages, tmp / "figures", images)
        (tmp / "index.html").write_text(env.get_template("index.html").render(
            pages=pages, thumbs=thumbs, tables=tables, current="index.html", **common), encoding="utf-8")
        write_index(tmp, pages, data)
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
