"""The rendered collection: complete, light, offline, drawn in a real browser, escaped."""

import json
import os
import re
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, assemble
from helpers import site
from helpers.browser import find_chromium

XSS = "<img src=x onerror=alert(1)>"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
HAVE_CHROMIUM = find_chromium() is not None
# Without Chromium the browser checks cannot run; in CI that is a failure, not a skip.
needs_browser = pytest.mark.skipif(not HAVE_CHROMIUM and not os.environ.get("CI"),
                                   reason="no system Chromium (apt-get install chromium); CI installs it")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return site.build(tmp_path_factory.mktemp("site") / "site", images=HAVE_CHROMIUM or bool(os.environ.get("CI")))


def pages(root: Path) -> list[Path]:
    return sorted(root.glob("*.html"))


def test_every_notebook_has_a_page_and_the_index_links_them(built):
    names = {p.name for p in pages(built)}
    assert {f"{nb.stem}.html" for nb in NOTEBOOKS} | {"index.html", "data.html"} == names
    index = (built / "index.html").read_text()
    for nb in NOTEBOOKS:
        assert f'href="{nb.stem}.html"' in index


def test_weight_budget(built):
    sizes = {p: p.stat().st_size for p in built.rglob("*") if p.is_file()}
    assert sum(sizes.values()) <= 12 * 1024 * 1024
    for page in pages(built):
        assert page.stat().st_size <= 6 * 1024 * 1024, page.name


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
    charts = re.findall(r'<figure class="chart" id="([^"]+)"', "".join(p.read_text() for p in pages(built)))
    assert charts
    for slug in charts:
        for ext in ("png", "svg"):
            image = built / "figures" / f"{slug}.{ext}"
            assert image.is_file() and image.stat().st_size > 2000, image.name
    assert (built / "figures" / f"{charts[0]}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


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
    from helpers.browser import chromium

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
            assert page.locator("path.choroplethlocation").count() > 10, path.name
            maps += 1
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        for href in hrefs:
            if not href.startswith(("http://", "https://", "#", "mailto:")):
                assert (path.parent / href.split("#")[0]).exists(), (path.name, href)
        assert visitor.errors == [] and visitor.outside == [], (path.name, visitor.errors, visitor.outside)
    assert maps >= 3


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
    out = site.build(tmp_path / "site", notebooks=[notebook], data=data, images=False)
    visitor = Visitor(browser)
    for name in ("data.html", "99-escaping.html"):
        page = visitor.visit(out / name)
        page.wait_for_timeout(300)
        assert visitor.dialogs == [] and visitor.errors == []
        assert page.locator("img[src=x]").count() == 0
        assert XSS in page.inner_text("main")
