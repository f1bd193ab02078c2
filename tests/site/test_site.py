"""The rendered collection: complete, light, offline, drawn in a real browser, escaped."""

import json
import os
import re
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, assemble
from helpers.site import build
from helpers.charts.chromium import find_chromium

XSS = "<img src=x onerror=alert(1)>"
AXE = ROOT / "tests" / "vendor" / "axe.min.js"
NOTEBOOKS = [p for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")) if p.name != "10-ally-profile.ipynb"]
#: A sample of Ally profiles: a founder (searched for by name below), a 1999 Ally with Article 4 requests and a
#: battlegroup, and
#: Iceland (no armed forces, no spending line). All 32 are built by `make site`; checking three keeps the suite fast.
SAMPLE = ["CAN", "POL", "ISL"]
HAVE_CHROMIUM = find_chromium() is not None
# Without Chromium the browser checks cannot run; in CI that is a failure, not a skip.
needs_browser = pytest.mark.skipif(not HAVE_CHROMIUM and not os.environ.get("CI"),
                                   reason="no system Chromium (apt-get install chromium); CI installs it")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build.build(tmp_path_factory.mktemp("site") / "site", images=HAVE_CHROMIUM or bool(os.environ.get("CI")),
                      allies=SAMPLE)


def pages(root: Path) -> list[Path]:
    return sorted(root.glob("*.html")) + sorted(root.glob("allies/*.html"))


def test_every_notebook_has_a_page_and_the_index_links_them(built):
    names = {p.name for p in built.glob("*.html")}
    assert {f"{nb.stem}.html" for nb in NOTEBOOKS} | {"index.html", "data.html"} == names
    assert {p.name for p in (built / "allies").glob("*.html")} == {f"{c.lower()}.html" for c in SAMPLE} | {"index.html"}
    index = (built / "index.html").read_text()
    for nb in NOTEBOOKS:
        assert f'href="{nb.stem}.html"' in index


def test_weight_budget(built):
    # the downloads (data package, panels, chart and notebook bundles) have their own budget (tests/site/test_bundles.py)
    sizes = {p: p.stat().st_size for p in built.rglob("*") if p.is_file() and "downloads" not in p.relative_to(built).parts}
    assert sum(sizes.values()) <= 25 * 1000 * 1000
    for page in pages(built):
        assert page.stat().st_size <= 250 * 1000, page.name


def test_plotly_loaded_once_from_a_local_file(built):
    for page in pages(built):
        html = page.read_text()
        # nothing is loaded from elsewhere (links to sources, which a reader clicks, are fine)
        assert not re.search(r"""src=["']https?://|<link[^>]+href=["']https?://|@import""", html), page.name
        assert html.count("assets/plotly.min.js") <= 1
        assert "Plotly.newPlot" not in html  # drawing code lives in assets/site.js, not in every page
    assert (built / "assets" / "plotly.min.js").stat().st_size > 1_000_000


def test_every_chart_has_static_images(built):
    if not (HAVE_CHROMIUM or os.environ.get("CI")):
        pytest.skip("static images need Chromium")
    # notebook pages; Ally profiles offer plotly's own image download instead (see test_ally_profiles_...)
    charts = re.findall(r'<figure class="chart" id="([^"]+)"', "".join(p.read_text() for p in built.glob("*.html")))
    assert charts
    for slug in charts:
        for ext in ("png", "svg"):
            image = built / "figures" / f"{slug}.{ext}"
            assert image.is_file() and image.stat().st_size > 2000, image.name
    assert (built / "figures" / f"{charts[0]}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _charts(built: Path) -> list[tuple[str, str]]:
    """(page name, figure html) for every chart on every page."""
    return [(p.name, m) for p in pages(built) for m in re.findall(r'<figure class="chart".*?</figure>', p.read_text(),
                                                                    flags=re.S) if 'id="allies-map"' not in m]


def test_every_chart_has_numbered_caption_text_alternative_csv_and_citation(built):
    import csv

    charts = _charts(built)
    assert len(charts) >= 20
    for name, fig in charts:
        slug = re.search(r'id="([^"]+)"', fig).group(1)
        number = f"{int(slug[:2])}.{slug.rsplit('-', 1)[1]}"
        assert f"Figure {number}." in fig, (name, slug)
        described = re.search(r'aria-describedby="([^"]+)"', fig).group(1)
        text = re.search(rf'id="{described}"[^>]*>([^<]+)<', fig).group(1)
        assert len(text) > 20 and "without numeric" not in text, (slug, text)
        images = ("PNG", "SVG") if slug[:2] != "10" else ("camera button",)
        for label in ("Data (CSV)", *images, "<summary>Cite</summary>", "@misc{", "Data table"):
            assert label in fig, (slug, label)
        with open(built / "figures" / f"{slug}.csv", newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        assert rows and "source" in rows[0] and all(r["source"] for r in rows), slug


def test_chart_csv_joins_sources_and_units(tmp_path):
    from helpers.site import downloads

    sources = downloads.Sources({"s1": {"publisher": "NATO", "title": "T", "url": "https://x", "accessed": "2025-01-02",
                                    "publisher_type": "nato", "original_of": ""}}, "2025-02-03")
    payload = {"columns": ["iso3", "share", "source_id"], "units": {"share": "% of GDP"},
               "rows": [["POL", 4.48, "s1"], ["BEL", 2.0, None]]}
    header, rows = downloads.csv_rows(payload, "Source: NATO", sources)
    assert header[:4] == ["iso3", "share", "share_unit", "source_id"]
    assert rows[0][header.index("source_url")] == "https://x" and rows[0][-1] == "NATO: T"
    assert rows[1][-1] == "Source: NATO"  # a row without source_id names the chart's note
    assert downloads.publishers_and_date(payload, "", sources) == (["NATO"], "2025-01-02")


def test_no_vocabulary_code_in_site_tables(built):
    from helpers.data.labels import all_labels

    codes = {c for c in all_labels(ROOT / "data") if "_" in c}
    for page in pages(built):
        if page.name == "data.html":  # the schema documents each code beside its label
            continue
        cells = re.findall(r"<t[dh]\b[^>]*>\s*([^<]*?)\s*</t[dh]>", page.read_text())
        assert not codes & set(cells), (page.name, codes & set(cells))


def test_search_index_is_small_and_covers_every_kind(built):
    index = (built / "assets" / "search-index.js").read_text()
    assert len(index.encode()) <= 1_000_000 and index.startswith("window.SEARCH_INDEX = ")
    entries = json.loads(index[len("window.SEARCH_INDEX = "):].rstrip().rstrip(";"))
    assert {e[0] for e in entries} == {"Section", "Chart", "Operation", "Ally", "Claim", "Source"}


def test_citation_cff_is_valid_and_licences_exist():
    import jsonschema
    import yaml

    schema = json.loads((ROOT / "tests" / "vendor" / "cff-schema-1.2.0.json").read_text())
    jsonschema.validate(yaml.safe_load((ROOT / "CITATION.cff").read_text()), schema)
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    assert "CC BY 4.0" in (ROOT / "LICENSE-data").read_text()


def test_data_page_lists_every_table_with_download(built):
    package = json.loads((ROOT / "data" / "datapackage.json").read_text())
    html = (built / "data.html").read_text()
    for resource in package["resources"]:
        assert f'id="{resource["name"]}"' in html
        assert (built / "data" / resource["path"]).is_file()
        assert f'href="data/{resource["path"]}"' in html
    assert (built / "data" / "datapackage.json").is_file()


class Visitor:
    """One browser tab that records page errors, dialogs and any request leaving the file system."""

    def __init__(self, browser):
        self.page = browser.new_page()
        self.errors, self.outside, self.dialogs = [], [], []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.route("**/*", self._route)

    def _route(self, route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def visit(self, path: Path):
        self.errors.clear(), self.outside.clear(), self.dialogs.clear()
        self.page.goto(path.as_uri(), wait_until="load")
        return self.page


@pytest.fixture(scope="module")
def browser():
    if not HAVE_CHROMIUM:
        pytest.fail("no system Chromium: install Debian's chromium") if os.environ.get("CI") else pytest.skip(
            "no system Chromium")
    from helpers.charts.chromium import chromium

    with chromium() as b:
        yield b


@needs_browser
def test_every_page_in_a_browser(built, browser):
    """One visit per page: no errors, no request leaves the site, every chart and map drawn, every link resolves."""
    maps = 0
    visitor = Visitor(browser)
    for path in pages(built):
        page = visitor.visit(path)
        charts = page.locator("figure.chart").count()
        if charts:
            page.wait_for_function(f"document.querySelectorAll('.plot[data-drawn=true]').length === {charts}",
                                   timeout=20000)
            for i in range(charts):
                assert page.locator("figure.chart").nth(i).locator("svg.main-svg").count() >= 1, (path.name, i)
        if page.locator("figure.chart .geo").count():
            assert page.locator("path.choroplethlocation").count() >= min(8, len(SAMPLE)), path.name
            maps += 1
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        for href in hrefs:
            if not href.startswith(("http://", "https://", "#", "mailto:")):
                assert (path.parent / href.split("#")[0]).exists(), (path.name, href)
        assert visitor.errors == [] and visitor.outside == [], (path.name, visitor.errors, visitor.outside)
        # axe-core (vendored): no serious or critical violation (no preload: it would re-read the stylesheets by
        # XMLHttpRequest, which file:// refuses).
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations'], preload: false})")
        serious = [(v["id"], len(v["nodes"]), v["nodes"][0]["target"]) for v in result["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert serious == [], (path.name, serious)
    assert maps >= 3
    # Phones: every page at 390 px, loaded at that width, scrolls only vertically.
    visitor.page.set_viewport_size({"width": 390, "height": 844})
    for path in pages(built):
        page = visitor.visit(path)
        if page.locator("figure.chart").count():
            page.wait_for_selector(".plot[data-drawn=true]", timeout=20000)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path.name
        assert page.locator("#site-nav").is_hidden() and page.locator(".menu-toggle").is_visible(), path.name
    page.click(".menu-toggle")
    assert page.locator("#site-nav").is_visible()
    # Search from the home page, offline.
    page = visitor.visit(built / "index.html")
    for query, target in (("Ocean Shield", "02-key-missions.html"), ("Article 4", "05-legal-frameworks.html"),
                          ("Canada", "allies/can.html")):
        page.fill("#search-q", query)
        hrefs = page.eval_on_selector_all("#search-results a", "els => els.map(e => e.getAttribute('href'))")
        assert any(h.split("#")[0] == target or h in target for h in hrefs), (query, hrefs)
    page.fill("#search-q", "qqxyzzy")
    assert "No match" in page.inner_text("#search-results")
    assert visitor.errors == [], visitor.errors


@needs_browser
def test_text_from_the_data_is_escaped(tmp_path, browser):
    data = assemble(tmp_path / "data")
    package = json.loads((data / "datapackage.json").read_text())
    package["resources"][0]["description"] = XSS
    (data / "datapackage.json").write_text(json.dumps(package))
    import pandas as pd
    import plotly.graph_objects as go

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Escaping\n\nA test page."), nbformat.v4.new_code_cell("x")]
    frame = pd.DataFrame({"name": [XSS]})
    figure = go.Figure(go.Bar(x=[XSS], y=[1]), layout_title_text=XSS).to_plotly_json()
    nb.cells[1].outputs = [
        nbformat.v4.new_output("execute_result", {"text/html": frame.to_html(), "text/plain": "x"}, execution_count=1),
        nbformat.v4.new_output("display_data", {"application/vnd.plotly.v1+json": figure, "text/plain": "fig"}),
    ]
    notebook = tmp_path / "99-escaping.ipynb"
    nbformat.write(nb, notebook)
    out = build.build(tmp_path / "site", notebooks=[notebook], data=data, images=False)
    visitor = Visitor(browser)
    for name in ("data.html", "99-escaping.html"):
        page = visitor.visit(out / name)
        page.wait_for_timeout(300)
        assert visitor.dialogs == [] and visitor.errors == []
        assert page.locator("img[src=x]").count() == 0
        assert XSS in page.inner_text("main")


def test_ally_profiles_name_the_ally_its_accession_sources_and_roles(built):
    poland = (built / "allies" / "pol.html").read_text()
    assert "<title>Poland: Ally profile" in poland and "became an Ally on 12 March 1999" in poland
    assert "hosts a forward battlegroup" in poland and "Article 4" in poland and 'id="sources"' in poland
    assert "Figure 10.1" in poland  # its spending chart, numbered
    iceland = (built / "allies" / "isl.html").read_text()
    assert "NATO publishes no defence-expenditure figures for Iceland" in iceland
    index = (built / "allies" / "index.html").read_text()
    for code in SAMPLE:
        assert f'href="{code.lower()}.html"' in index
    assert 'class="sortable"' in index and "plotly-figure" in index


def test_navigation_links_the_allies_index(built):
    for page in pages(built):
        assert "allies/index.html" in page.read_text(), page.name
