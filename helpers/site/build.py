"""Build the static site: orchestrate rendering, assets, data copies, chart files and the atomic swap.

Each chart first shows its static SVG (`figures/<slug>.svg`: the one its notebook holds, else rendered by kaleido);
`assets/site.js` then loads the one local plotly.js (`assets/plotly.min.js`, and `assets/world_110m.js` for maps)
after the first paint and draws each chart interactive as it nears the screen. Each chart's plotted rows go to
`figures/<slug>.csv`, and PNG images to `figures/` when a Chromium is found. The last step prints the collection as
a PDF (`pdf.py`) into the site. The build writes to a temporary folder and swaps it in only when complete, so a
failure keeps the old site. Rendering lives in `render.py`, images in `images.py`, search in `search.py`, the
version and changelog in `releases.py`.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..charts.chromium import NO_CHROMIUM, find_chromium
from ..data.labels import all_labels, column_label, field_labels, labels_by_column
from ..data.read import read_records
from ..paths import ROOT, SITE, data_dir, digest, plotly_js
from ..run.runner import list_notebooks
from . import bundles, downloads, releases
from .pdf import PDF_NAME, make_pdf
from .quotes import QuoteIndex
from .render import Chart, Context, Page, markdown, render_notebook, static_image

#: The `source_id` of the article under check in data/sources.csv.
SEED_ARTICLE = "seed-article"
#: The site's own styles and scripts, copied into `assets/`.
ASSETS = Path(__file__).resolve().parent / "assets"


def plural(count: int, noun: str) -> str:
    """"1 chart", "3 charts"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _env() -> Environment:
    return Environment(loader=PackageLoader("helpers.site", "templates"), autoescape=select_autoescape(["html"]))


def _table_summaries(directory: Path) -> list[dict]:
    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    tables = []
    for res in descriptor["resources"]:
        rows = len(read_records(directory / res["path"]))
        fields = [{**f, "labels": field_labels(f), "label": column_label(f["name"])} for f in res["schema"]["fields"]]
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
    for name in ("site.css", "layout.js", "site.js", "ui.js"):
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
        print(f"[{i}/{len(notebooks)}] rendered {path.name} ({plural(len(pages[-1].charts), 'chart')}, "
              f"{time.perf_counter() - started:.1f} s)", flush=True)
    return pages


def table_cell_labels(data: Path) -> dict[str, str]:
    """Labels for codes in notebook tables, whose columns are not known: every vocabulary code except those that
    are also an operation's or coalition's id (`isaf` is ISAF, not the tally scope 'ISAF only')."""
    ids = {r["op_id"] for r in read_records(Path(data) / "operations.csv")}
    ids |= {r["coalition_id"] for r in read_records(Path(data) / "coalitions.csv")}
    return {code: text for code, text in all_labels(data).items() if code not in ids}


def export_images(charts: list, out: Path, formats: tuple[str, ...] | None = None) -> tuple[int, int]:
    """<out>/<slug>.<format> for every chart (PNG and SVG by default), from the image cache (rendered where
    missing); returns (charts, images rendered now). A chart whose notebook already holds the runner's SVG gives
    that SVG as it is."""
    from ..charts import images

    formats = formats or images.FORMATS
    for chart in charts:
        if chart.svg:
            images.store(chart.figure, "svg", chart.svg)
    rendered = images.render([c.figure for c in charts], formats)
    for chart in charts:
        for fmt in formats:
            shutil.copy(images.cached(chart.figure, fmt), out / f"{chart.slug}.{fmt}")
    return len(charts), rendered


def _write_figures(pages: list[Page], figures: Path, images: bool, extra: list[Page] = (),
                   stills: list[Chart] = ()) -> dict[str, str]:
    """Each chart's CSV; the SVG its notebook holds; with a Chromium, PNG and SVG of the notebook pages' charts
    and an SVG of the `extra` pages' charts (Ally profiles, whose PNG comes from plotly's camera button) and of
    `stills` (the Allies map). Return index thumbnails by page."""
    figures.mkdir()
    for page in [*pages, *extra]:
        for chart in page.charts:
            downloads.write_csv(figures / f"{chart.slug}.csv", chart.csv_header, chart.csv_rows)
            if chart.svg:  # the runner's SVG needs no renderer: the chart shows it first even without Chromium
                (figures / f"{chart.slug}.svg").write_text(chart.svg, encoding="utf-8")
    if not images:
        return {}
    if find_chromium() is None:
        print(f"site: {NO_CHROMIUM}: building without static images", file=sys.stderr)
        return {}
    started = time.perf_counter()
    count, rendered = export_images([c for p in pages for c in p.charts], figures)
    more, more_rendered = export_images([*(c for p in extra for c in p.charts), *stills], figures, ("svg",))
    also = f" and {plural(more, 'chart')} as SVG" if more else ""
    print(f"site: {plural(count, 'chart')} written as PNG and SVG{also}, {plural(rendered + more_rendered, 'image')} "
          f"rendered, the rest from cache ({time.perf_counter() - started:.1f} s)")
    return {p.slug: f"figures/{p.charts[0].slug}.png" for p in pages if p.charts}


def _write_profiles(tmp: Path, ctx: Context, env: Environment, common: dict,
                    executed: dict[str, Path]) -> tuple[list[Page], Chart]:
    """allies/<iso3>.html for every Ally (from its executed profile notebook) and allies/index.html; return the
    profile pages and the Allies map."""
    from ..analysis.allies import index_table
    from ..analysis.spending import latest_release_code, release_name
    from ..data.loader import load
    from .profiles import index_figure

    folder = tmp / "allies"
    folder.mkdir()
    names = index_table().set_index("iso3")["name"]  # every Ally; `executed` may be a sample
    pages = []
    for code, path in executed.items():
        page = render_notebook(path, ctx, location=f"allies/{code.lower()}.html", root="../", static_images=False,
                               title=f"{names[code]}: Ally profile")
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
    chart = Chart("allies-map", "", index_figure(rows), "The Allies by year of accession")
    figure = json.dumps({"figure": chart.figure, "config": {"displaylogo": False, "responsive": True}},
                        separators=(",", ":")).replace("</", "<\\/")
    still = static_image("../figures/allies-map.svg", chart.figure, True) if ctx.render_svgs else ""
    (folder / "index.html").write_text(env.get_template("allies.html").render(
        rows=list(rows.itertuples()), figure=Markup(figure), still=Markup(still),
        spending_release=release_name(latest_release_code(load("defence_expenditure"))),
        latest_year=int(rows["latest_year"].iloc[0]), current="allies/index.html",
        **{**common, "root": "../"}), encoding="utf-8")
    return pages, chart


def pdf_labels(data: Path | None = None) -> dict[str, str]:
    """The PDF's title, edition line and page footer: the collection, its version and its data's as-of date."""
    release = releases.current()
    as_of = downloads.Sources.load(Path(data or data_dir())).as_of
    return {"title": f"{downloads.PROJECT} (version {release.version}, data as of {as_of})",
            "edition": f"Version {release.version}, data as of {as_of}. Printed from the collection's offline site.",
            "footer": f"{downloads.PROJECT_SHORT} · version {release.version} · data as of {as_of}"}


def _article(ctx: Context, tables: list[dict], pages: list[Page], data: Path) -> dict | None:
    """The article under check, as sources.csv records it, and how its claims were graded (from claims.csv)."""
    row = ctx.sources.rows.get(SEED_ARTICLE)
    claims = next((t for t in tables if t["name"] == "claims"), None)
    if row is None or claims is None:
        return None
    verdicts = dict(next(f["labels"] for f in claims["fields"] if f["name"] == "verdict"))
    counts = Counter(r["verdict"] for r in read_records(data / claims["path"]))
    check = next((p for p in pages if "claim" in p.slug), None)
    return {"row": row, "claims": sum(counts.values()), "check": check,
            "verdicts": [(verdicts[code], counts[code]) for code in verdicts if counts[code]]}


def build(out: Path | None = None, *, notebooks: list[Path] | None = None, data: Path | None = None,
          images: bool = True, profiles: bool = True, jobs: int = 2, allies: list[str] | None = None,
          pdf: bool = True) -> Path:
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
    inputs = _site_digest([*notebooks, *executed.values()], data,
                          f"{images} {pdf} {find_chromium() is not None}")
    record = out.with_name(f".{out.name}-inputs.txt")  # beside the site it describes
    if out.exists() and record.exists() and record.read_text() == inputs:
        print(f"site: nothing changed since the last build of {out}")
        return out
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        _copy_assets(tmp)
        ctx = Context(sources=downloads.Sources.load(data), labels=table_cell_labels(data), quotes=QuoteIndex.load(data),
                      column_labels=labels_by_column(data),
                      render_svgs=images and find_chromium() is not None)
        pages = _render_pages(notebooks, ctx)
        env = _env()
        nav = [{"href": p.href, "title": p.title} for p in pages]
        printing = pdf and find_chromium() is not None
        common = {"nav": nav, "project": downloads.PROJECT, "as_of": ctx.sources.as_of, "root": "",
                  "release": releases.current()}
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
        profile_pages, allies_map = _write_profiles(tmp, ctx, env, common, executed) if profiles else ([], None)
        thumbs = _write_figures(pages, tmp / "figures", images, extra=profile_pages,
                                stills=[allies_map] if allies_map else [])
        bundles.write_downloads(tmp, data=data, pages=pages, profile_pages=profile_pages, sources=ctx.sources)
        (tmp / "assets" / "templates.js").write_text(
            "window.SITE_TEMPLATES = " + json.dumps(ctx.templates, separators=(",", ":")) + ";\n", encoding="utf-8")
        (tmp / "index.html").write_text(env.get_template("index.html").render(
            pages=pages, thumbs=thumbs, tables=tables, current="index.html", article=_article(ctx, tables, pages, data),
            pdf=PDF_NAME if printing else None, no_pdf="" if printing or not pdf else NO_CHROMIUM,
            **common), encoding="utf-8")
        (tmp / "whatsnew.html").write_text(env.get_template("whatsnew.html").render(
            intro=Markup(markdown()(releases.changelog_intro(data / "README.md"))),
            entries=[(r, Markup(markdown()(r.text))) for r in releases.changelog(data / "README.md")],
            current="whatsnew.html", **common), encoding="utf-8")
        write_index(tmp, pages, data)
        if printing:
            started = time.perf_counter()
            made = make_pdf(tmp, **pdf_labels(data))
            print(f"site: {made.name} printed ({made.stat().st_size / 1e6:.1f} MB, "
                  f"{time.perf_counter() - started:.1f} s)", flush=True)
        elif pdf:
            print(f"site: {NO_CHROMIUM}: building without the PDF", file=sys.stderr)
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


def _site_digest(notebooks: list[Path], data: Path, options: str) -> str:
    """The digest of everything a build reads: the executed notebooks, the data, the helpers package (templates and
    assets included) and the licence and citation files; the site is rebuilt only when it changes."""
    from ..paths import PACKAGE_DIR

    parts: list[bytes | str] = [options]
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
    parser.add_argument("--no-pdf", action="store_true", help="skip printing the collection as a PDF")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="kernels for the Ally profiles")
    args = parser.parse_args(argv)
    try:
        out = build(args.out, images=not args.no_images, profiles=not args.no_profiles, jobs=args.jobs,
                    pdf=not args.no_pdf)
    except Exception as exc:
        print(f"site: build failed, previous site left in place: {exc}", file=sys.stderr)
        return 1
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(f"site: {size / 1e6:.1f} MB written; open {out / 'index.html'}")
    return 0
