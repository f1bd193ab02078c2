"""The rendered collection: complete, light, offline, escaped. Each page in a browser: test_browse.py."""

import json
import os
import re
from pathlib import Path

import nbformat
import pytest

pytest.register_assert_rewrite("browsing")  # before its import: its asserts report their values
from browsing import HAVE_CHROMIUM, SAMPLE, Visitor, needs_browser
from conftest import ROOT, assemble
from helpers.site import build

pytest_plugins = ["browsing"]
XSS = "<img src=x onerror=alert(1)>"
NOTEBOOKS = [p for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")) if p.name != "10-ally-profile.ipynb"]


def pages(root: Path) -> list[Path]:
    return sorted(root.glob("*.html")) + sorted(root.glob("allies/*.html"))


def test_every_notebook_has_a_page_and_the_index_links_them(built):
    names = {p.name for p in built.glob("*.html")}
    assert {f"{nb.stem}.html" for nb in NOTEBOOKS} | {"index.html", "data.html", "whatsnew.html"} == names
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


def test_plotly_loaded_after_the_first_paint_from_a_local_file(built):
    for page in pages(built):
        html = page.read_text()
        # nothing is loaded from elsewhere (links to sources, which a reader clicks, are fine)
        assert not re.search(r"""src=["']https?://|<link[^>]+href=["']https?://|@import""", html), page.name
        # plotly.js is never a blocking script: site.js loads it after the first paint, on pages with charts only
        assert not [s for s in re.findall(r'<script[^>]*\ssrc="([^"]+)"', html) if "plotly" in s], page.name
        loads = re.findall(r'<script src="[./]*assets/site\.js"\s+data-load="([^"]*)"', html)
        if '<figure class="chart"' in html:
            assert len(loads) == 1 and "plotly.min.js" in loads[0].split(), page.name
        else:
            assert loads == [], page.name
        assert "Plotly.newPlot" not in html  # drawing code lives in assets/site.js, not in every page
    assert (built / "assets" / "plotly.min.js").stat().st_size > 1_000_000


def test_every_chart_shows_a_static_image_first(built):
    """Every chart's box holds its SVG, drawn at once while plotly.js loads; notebook charts offer PNG and SVG."""
    if not (HAVE_CHROMIUM or os.environ.get("CI")):
        pytest.skip("static images of the profiles and the map need Chromium")
    notebook_charts = re.findall(r'<figure class="chart" id="([^"]+)"', "".join(p.read_text() for p in built.glob("*.html")))
    assert notebook_charts
    for slug in notebook_charts:
        for ext in ("png", "svg"):
            image = built / "figures" / f"{slug}.{ext}"
            assert image.is_file() and image.stat().st_size > 2000, image.name
    assert (built / "figures" / f"{notebook_charts[0]}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for page in pages(built):
        for figure in re.findall(r'<figure class="chart".*?</figure>', page.read_text(), flags=re.S):
            slug = re.search(r'id="([^"]+)"', figure).group(1)
            still = re.search(r'<div class="plot"><img class="static" src="([^"]+)"', figure)
            assert still and still.group(1).endswith(f"figures/{slug}.svg"), (page.name, slug)
            assert (page.parent / still.group(1)).read_text().startswith("<svg"), (page.name, slug)


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
    out = build.build(tmp_path / "site", notebooks=[notebook], data=data, images=False, pdf=False)
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
    # its one chart is the contingents' chart, and the prose numbers it so; citations name the Ally's page
    assert re.search(r"Figure 10\.1(</a>)? follows each recorded strength of Iceland", iceland) and "Figure 10.2" not in iceland
    assert "Figure 10.1, in \u201cIceland: Ally profile\u201d" in iceland
    for page in (poland, iceland):
        assert "committed notebook" not in page.split('class="code')[0]  # no build-time remark in the prose
        assert 'class="hint camera-hint"' in page  # hidden on narrow charts, which have no toolbar
    # Canada's KFOR snapshots of 2017 and 2022 are not joined by a line: the line breaks (a null) between them
    canada = json.loads(re.search(r'id="10-ally-profile-can-2".*?<script type="application/json" class="plotly-figure">'
                                  r'(.*?)</script>', (built / "allies" / "can.html").read_text(), re.S).group(1))
    kfor = next(t for t in canada["figure"]["data"] if t.get("name") == "KFOR" and t.get("mode") == "lines")
    assert None in kfor["y"]
    index = (built / "allies" / "index.html").read_text()
    for code in SAMPLE:
        assert f'href="{code.lower()}.html"' in index
    assert 'class="sortable"' in index and "plotly-figure" in index


def test_navigation_links_the_allies_index(built):
    for page in pages(built):
        assert "allies/index.html" in page.read_text(), page.name
