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

from ..charts.chromium import NO_CHROMIUM, find_chromium
from ..data.labels import all_labels, field_labels
from ..data.read import read_records
from ..paths import CACHE, ROOT, SITE, data_dir, digest, plotly_js
from ..run.runner import list_notebooks
from . import bundles, downloads
from .render import Context, Page, markdown, render_notebook

#: The site's own styles and scripts, copied into `assets/`.
ASSETS = Path(__file__).resolve().parent / "assets"


def _env() -> Environment:
    return Environment(loader=PackageLoader("helpers.site", "templates"), autoescape=select_autoescape(["html"]))


def _table_summaries(directory: Path) -> list[dict]:
    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    tables = []
    for res in descriptor["resources"]:
        rows = len(read_records(directory / res["path"]))
        fields = [{**f, "labels": field_labels(f)} for f in res["schema"]["fields"]]
        tables.append({"name": res["name"], "path": res["path"], "description": res.get("description", ""),
                       "rows": rows, "fields": fields, "primary_key": res["schema"].get("primaryKey", [])})
    return tables


def _copy_assets(out: Path) -> None:
    from ..charts.maps import WORLD_TOPOJSON

    assets = out / "assets"
    assets.mkdir(parents=True)
    shutil.copy(plotly_js(), assets / "plotly.min.js")
    geo = WORLD_TOPOJSON.read_text(encoding="utf-8")
    (assets / "world_110m.js").write_text(
        "window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};\n"
        f"window.PlotlyGeoAssets.topojson.world_110m = {geo};\n", encoding="utf-8")
    for name in ("site.css", "site.js", "ui.js"):
        shutil.copy(ASSETS / name, assets / name)
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


def export_images(charts: list, out: Path) -> tuple[int, int]:
    """<out>/<slug>.png and .svg for every chart, from the image cache (rendered where missing); returns (charts,
    images rendered now). A chart whose notebook already holds the runner's SVG gives that SVG as it is."""
    from ..charts import images

    for chart in charts:
        if chart.svg:
            images.store(chart.figure, "svg", chart.svg)
    rendered = images.render([c.figure for c in charts])
    for chart in charts:
        for fmt in images.FORMATS:
            shutil.copy(images.cached(chart.figure, fmt), out / f"{chart.slug}.{fmt}")
    return len(charts), rendered


def _write_figures(pages: list[Page], figures: Path, images: bool, extra: list[Page] = ()) -> dict[str, str]:
    """Each chart's CSV, and its PNG and SVG when a Chromium is found (not for `extra` pages, whose charts offer
    plotly's own download); return index thumbnails by page."""
    figures.mkdir()
    for page in [*pages, *extra]:
        for chart in page.charts:
            downloads.write_csv(figures / f"{chart.slug}.csv", chart.csv_header, chart.csv_rows)
    if not images:
        return {}
    if find_chromium() is None:
        print(f"site: {NO_CHROMIUM}: building without static images", file=sys.stderr)
        return {}
    started = time.perf_counter()
    count, rendered = export_images([c for p in pages for c in p.charts], figures)
    print(f"site: {count} charts written as PNG and SVG, {rendered} rendered, {count - rendered} from cache "
          f"({time.perf_counter() - started:.1f} s)")
    return {p.slug: f"figures/{p.charts[0].slug}.png" for p in pages if p.charts}


def _write_profiles(tmp: Path, ctx: Context, env: Environment, common: dict, executed: dict[str, Path]) -> list[Page]:
    """allies/<iso3>.html for every Ally (from its executed profile notebook) and allies/index.html."""
    from ..analysis.allies import index_table
    from ..analysis.spending import latest_release_code, release_name
    from ..data.loader import load
    from .profiles import index_figure

    folder = tmp / "allies"
    folder.mkdir()
    names = index_table().set_index("iso3")["name"]  # every Ally; `executed` may be a sample
    pages = []
    for code, path in executed.items():
        page = render_notebook(path, ctx, location=f"allies/{code.lower()}.html", root="../", static_images=False)
        page.title = f"{names[code]}: Ally profile"
        page.body = page.body.replace(">Ally profile</h1>", f">{page.title}</h1>", 1)
        pages.append(page)
    page_tpl = env.get_template("page.html")
    for i, p in enumerate(pages):
        (tmp / p.href).write_text(page_tpl.render(
            page=p, body=Markup(p.body), prev=pages[i - 1] if i else None,
            next=pages[i + 1] if i + 1 < len(pages) else None, current=p.href, **{**common, "root": "../"}),
            encoding="utf-8")
    rows = index_table()
    rows = rows[rows["iso3"].isin(list(executed))]
    figure = json.dumps({"figure": index_figure(rows), "config": {"displaylogo": False, "responsive": True}},
                        separators=(",", ":")).replace("</", "<\\/")
    (folder / "index.html").write_text(env.get_template("allies.html").render(
        rows=list(rows.itertuples()), figure=Markup(figure),
        release=release_name(latest_release_code(load("defence_expenditure"))),
        latest_year=int(rows["latest_year"].iloc[0]), current="allies/index.html",
        **{**common, "root": "../"}), encoding="utf-8")
    return pages


def build(out: Path | None = None, *, notebooks: list[Path] | None = None, data: Path | None = None,
          images: bool = True, profiles: bool = True, jobs: int = 2, allies: list[str] | None = None) -> Path:
    """Build the site into `out` (default `_build/site`) atomically; return the output path.

    With `profiles`, one page per Ally is built from the profile notebook (which is then left out of the
    notebook pages, since its Ally pages show it)."""
    from .search import write_index

    out = Path(out or SITE)
    data = Path(data or data_dir())
    notebooks = notebooks if notebooks is not None else list_notebooks()
    executed: dict[str, Path] = {}
    if profiles:
        from .profiles import PROFILE_NOTEBOOK, run_profiles

        notebooks = [p for p in notebooks if p.name != PROFILE_NOTEBOOK]
        executed = run_profiles(allies, jobs=jobs)
    inputs = _site_digest([*notebooks, *executed.values()], data, images and find_chromium() is not None)
    record = CACHE / f"site-{out.name}.txt"
    if out.exists() and record.exists() and record.read_text() == inputs:
        print(f"site: nothing changed since the last build of {out}")
        return out
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        _copy_assets(tmp)
        ctx = Context(downloads.Sources.load(data), all_labels(data))
        pages = _render_pages(notebooks, ctx)
        env = _env()
        nav = [{"href": p.href, "title": p.title} for p in pages]
        common = {"nav": nav, "project": downloads.PROJECT, "as_of": ctx.sources.as_of, "root": ""}
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
        profile_pages = _write_profiles(tmp, ctx, env, common, executed) if profiles else []
        thumbs = _write_figures(pages, tmp / "figures", images, extra=profile_pages)
        bundles.write_downloads(tmp, data=data, pages=pages, profile_pages=profile_pages, sources=ctx.sources)
        (tmp / "assets" / "templates.js").write_text(
            "window.SITE_TEMPLATES = " + json.dumps(ctx.templates, separators=(",", ":")) + ";\n", encoding="utf-8")
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
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(inputs)
    return out


def _site_digest(notebooks: list[Path], data: Path, images: bool) -> str:
    """The digest of everything a build reads: the executed notebooks, the data, the helpers package (templates and
    assets included) and the licence and citation files; the site is rebuilt only when it changes."""
    from ..paths import PACKAGE_DIR

    parts: list[bytes | str] = [str(images)]
    files = [*notebooks, *sorted(Path(data).glob("*")), *sorted(PACKAGE_DIR.rglob("*")),
             *(ROOT / n for n in ("LICENSE", "LICENSE-data", "CITATION.cff"))]
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            parts += [str(path), path.read_bytes()]
    return digest(*parts)


def site_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers site", description="Render the collection.")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--no-images", action="store_true", help="skip PNG/SVG export")
    parser.add_argument("--no-profiles", action="store_true", help="skip the 32 Ally profiles")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="kernels for the Ally profiles")
    args = parser.parse_args(argv)
    try:
        out = build(args.out, images=not args.no_images, profiles=not args.no_profiles, jobs=args.jobs)
    except Exception as exc:
        print(f"site: build failed, previous site left in place: {exc}", file=sys.stderr)
        return 1
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(f"site: {size / 1e6:.1f} MB written; open {out / 'index.html'}")
    return 0
