"""What a journalist looks for: which article is checked, one version and data date everywhere, what's new, a PDF
that reads like a report, citations to copy, readable column names, numbered tables that the prose can name."""

import re

import nbformat
import pytest

pytest.register_assert_rewrite("browsing")  # before its import: its asserts report their values
from browsing import HAVE_CHROMIUM, SAMPLE, Visitor, needs_browser

from conftest import NOTEBOOKS, ROOT
from helpers.data.read import read_records
from helpers.site import releases
from helpers.site.build import plural
from helpers.site.pdf import PDF_NAME, collection_html

pytest_plugins = ["browsing"]


def _pages(built):
    return sorted(built.glob("*.html")) + sorted(built.glob("allies/*.html"))


def test_home_page_identifies_the_article_under_check(built):
    seed = next(r for r in read_records(ROOT / "data" / "sources.csv") if r["source_id"] == "seed-article")
    claims = read_records(ROOT / "data" / "claims.csv")
    home = (built / "index.html").read_text()
    section = re.search(r'<section class="article-under-check".*?</section>', home, flags=re.S).group(0)
    for text in (seed["title"].replace("'", "&#39;"), seed["publisher"], seed["accessed"], "AI-written",
                 f"{len(claims)} claims graded", 'href="08-claims.html"'):
        assert text in section, text
    supported = sum(c["verdict"] == "supported" for c in claims)
    assert f"{supported} supported" in section


def test_one_version_and_data_date_in_citation_changelog_footer_and_pdf(built):
    from helpers.data import as_of

    release = releases.current()
    latest = releases.changelog(ROOT / "data" / "README.md")[0]
    data_date = f"{as_of():%Y-%m-%d}"
    assert (latest.version, latest.date) == (release.version, release.date)
    assert release.date == data_date  # a release is dated by its data
    for page in _pages(built):
        assert f"Version {release.version}, data as of {data_date}" in page.read_text(), page.name
    if HAVE_CHROMIUM:
        pdf = (built / PDF_NAME).read_bytes()
        title = re.search(rb"/Title \((.*?)(?<!\\)\)", pdf).group(1).decode().replace("\\", "")
        assert title == (f"NATO in multinational coalitions: sourced data, reproducible notebooks "
                         f"(version {release.version}, data as of {data_date})")


def test_changelog_entries_are_releases_and_whats_new_shows_them():
    text = (ROOT / "data" / "README.md").read_text().split("\n## Changelog\n")[1]
    entries = releases.changelog(ROOT / "data" / "README.md")
    assert len(entries) == text.count("\n### ") >= 2  # every entry has a version and a date
    versions = [tuple(map(int, e.version.split("."))) for e in entries]
    assert versions == sorted(versions, reverse=True) and len(set(versions)) == len(versions)


def test_whats_new_page(built):
    page = (built / "whatsnew.html").read_text()
    for entry in releases.changelog(ROOT / "data" / "README.md"):
        assert f'id="v{entry.version}"' in page and entry.date in page
    assert 'href="whatsnew.html"' in (built / "index.html").read_text()


def test_the_site_links_its_pdf(built):
    home = (built / "index.html").read_text()
    if HAVE_CHROMIUM:
        assert f'href="{PDF_NAME}"' in home
        pdf = built / PDF_NAME
        assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size <= 25 * 1024 * 1024
    else:
        assert "no PDF" in home and "chromium" in home.lower()


def test_site_without_chromium_says_it_has_no_pdf(tmp_path, monkeypatch):
    from conftest import assemble
    from helpers.site import build

    monkeypatch.setattr(build, "find_chromium", lambda: None)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A page\n\nNo charts.")]
    nbformat.write(nb, tmp_path / "99-page.ipynb")
    out = build.build(tmp_path / "site", notebooks=[tmp_path / "99-page.ipynb"], data=assemble(tmp_path / "data"),
                      profiles=False)
    assert not (out / PDF_NAME).exists()
    assert "This copy of the site has no PDF" in (out / "index.html").read_text()


def test_pdf_holds_every_page_with_the_ally_profiles_as_appendix(built):
    text = collection_html(built, "The title", "Version 9, data as of today")
    assert "<title>The title</title>" in text and "Version 9, data as of today" in text
    assert "plotly-figure" not in text and "<script" not in text  # charts print as their static SVG
    appendix = text.index('class="appendix-label"')
    for nb in NOTEBOOKS:  # every notebook page before the appendix, each Ally profile in it
        if nb.name != "10-ally-profile.ipynb":
            h1 = re.search(r"<h1[^>]*>(.*?)</h1>", (built / f"{nb.stem}.html").read_text(), flags=re.S).group(0)
            assert h1 in text[:appendix], nb.name
    for code in SAMPLE:
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", (built / "allies" / f"{code.lower()}.html").read_text(), flags=re.S)
        assert h1.group(0) in text[appendix:] and ": Ally profile" in h1.group(1), code
    # every image resolves from the site's root, where the joined file is printed
    for src in re.findall(r'<img[^>]+src="([^"]+)"', text):
        assert src.startswith("data:") or (built / src).exists(), src


@needs_browser
def test_pdf_print_layout_keeps_figures_whole_and_cites_once(built, browser):
    """In print, figures, cards and tables' rows are not split across pages; no chart's Cite block, data table or
    tools print; the collection's citation prints once."""
    source = built / "print-check.html"
    source.write_text(collection_html(built, "T", "E"))
    try:
        visitor = Visitor(browser)
        page = visitor.visit(source)
        page.emulate_media(media="print")
        styles = page.evaluate("""() => {
            const style = s => document.querySelector(s) && getComputedStyle(document.querySelector(s));
            const shown = s => [...document.querySelectorAll(s)].filter(e => e.offsetParent !== null).length;
            return {figure: style('figure.chart').breakInside, card: style('.card').breakInside,
                    table: style('figure.table') && style('figure.table tr').breakInside,
                    cite: shown('details.cite'), tools: shown('.chart-tools'), citation: shown('p.citation'),
                    pages: shown('.print-page'), code: shown('details.code')}
        }""")
        assert styles["figure"] == styles["card"] == "avoid" and styles["table"] in (None, "avoid"), styles
        assert styles["cite"] == styles["tools"] == styles["code"] == 0 and styles["citation"] == 1, styles
    finally:
        source.unlink()


@needs_browser
def test_copy_buttons_copy_the_citation(built, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto((built / "04-burden-sharing.html").as_uri())
        cite = page.locator("figure.chart details.cite").first
        cite.locator("summary").click()
        cite.get_by_role("button", name="Copy citation").click()
        expected = cite.locator("p").first.inner_text().strip()
        assert page.evaluate("navigator.clipboard.readText()") == expected and "Figure 4.1" in expected
        cite.locator(".copy-status", has_text="Copied").wait_for(timeout=3000)
        cite.get_by_role("button", name="Copy BibTeX").click()
        assert page.evaluate("navigator.clipboard.readText()").startswith("@misc{")
        page.goto((built / "index.html").as_uri())
        page.get_by_role("button", name="Copy citation").click()
        assert "NATO in multinational coalitions" in page.evaluate("navigator.clipboard.readText()")
    finally:
        context.close()


def test_tables_show_column_labels_not_column_names(built):
    for page in _pages(built):
        text = page.read_text()
        for table in re.findall(r'<details class="datatable">.*?</details>', text, flags=re.S):
            heads = re.findall(r'<th scope="col">([^<]*)</th>', table)
            assert heads and not [h for h in heads if "_" in h or h[:1].islower()], (page.name, heads)
    data = (built / "data.html").read_text()
    assert "<td>Peak personnel</td><td><code>peak_personnel</code></td>" in data


def test_every_table_is_numbered_with_a_caption(built):
    for page in _pages(built):
        text = page.read_text()
        tables = re.findall(r'<figure class="table" id="([^"]+)"><figcaption class="caption"><span class="fignum">'
                            r"Table (\d+)\.(\d+)\.</span> ([^<]+)</figcaption>", text)
        assert len(tables) == text.count("<table id=\"T_"), page.name  # every notebook table output
        for i, (slug, chapter, n, caption) in enumerate(tables, 1):
            assert int(n) == i and slug.endswith(f"-table-{i}") and re.search(r": \d+ rows?$", caption), (page.name, slug)


def _prose(path) -> str:
    """A notebook's prose: its Markdown cells and the Markdown its code prints."""
    nb = nbformat.read(path, as_version=4)
    parts = [c.source for c in nb.cells if c.cell_type == "markdown"]
    parts += ["".join(o.get("data", {}).get("text/markdown", "")) for c in nb.cells if c.cell_type == "code"
              for o in c.get("outputs", [])]
    return "\n".join(parts)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_figures_and_tables_named_in_the_prose_exist_on_the_page(built, notebook):
    """Every "Figure N.M" or "Table N.M" in a notebook's prose is a numbered figure or table on its page (N being
    the notebook's number); a bare "Figure 3" does not say which page it is on (a bare "Table 3" is allowed: the
    sources cite tables of their own, such as NATO's "Table 3")."""
    number = str(int(notebook.name[:2]))
    page = built / (f"allies/{SAMPLE[1].lower()}.html" if notebook.name == "10-ally-profile.ipynb"
                    else f"{notebook.stem}.html")
    numbered = set(re.findall(r'<span class="fignum">((?:Figure|Table) \d+\.\d+)\.</span>', page.read_text()))
    prose = _prose(notebook)
    named = {f"{kind} {n}" for kind, n in re.findall(r"\b(Figure|Table)s? (\d+\.\d+)\b", prose)}
    named |= set(re.findall(r"\bFigure \d+\b(?!\.\d)", prose))  # ("Table 3" may be a source's own table)
    wrong = sorted(n for n in named if n not in numbered or not n.split(" ")[1].startswith(f"{number}."))
    assert wrong == [], (notebook.name, wrong, sorted(numbered))


def test_build_log_counts_in_the_singular_and_plural():
    assert (plural(1, "chart"), plural(0, "chart"), plural(8, "chart")) == ("1 chart", "0 charts", "8 charts")


@needs_browser
def test_a_value_in_a_data_table_shows_the_words_of_its_source(built, browser):
    """Issue 24: opening a chart's data table shows the quote with the page and its archived copy, and hovering a
    row's values shows the words."""
    page = browser.new_page()
    try:
        page.goto((built / "09-coalitions.html").as_uri())
        table = page.locator("figure.chart details.datatable", has=page.locator("td.quote q")).first
        table.locator("summary").click()
        row = table.locator("tbody tr", has=page.locator("td.quote q")).first
        words = row.locator("td.quote q").first.inner_text()
        assert words and row.locator("td.quote a", has_text="page").count() >= 1
        assert row.locator("td.quote a", has_text="archived").first.get_attribute("href").startswith(
            "https://web.archive.org/web/")
        row.locator("td").first.hover()
        assert row.get_attribute("title") == words
    finally:
        page.close()
