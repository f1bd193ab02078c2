"""Search as readers use it: the names they type, what ranks first, the notebooks' prose, Enter; offline."""

import json

import pytest

pytest.register_assert_rewrite("browsing")  # before its import: its asserts report their values
from browsing import Visitor, needs_browser

pytest_plugins = ["browsing"]


def _index(built) -> list[list]:
    text = (built / "assets" / "search-index.js").read_text()
    assert len(text.encode()) <= 1_000_000 and text.startswith("window.SEARCH_INDEX = ")
    return json.loads(text[len("window.SEARCH_INDEX = "):].rstrip().rstrip(";"))


def test_search_index_is_small_and_covers_every_kind(built):
    entries = _index(built)
    assert {e[0] for e in entries} == {"Section", "Chart", "Operation", "Ally", "Claim", "Source"}
    # the prose of the notebooks is indexed with its section
    assert any(e[0] == "Section" and "Wales" in (e[5] if len(e) > 5 else "") for e in entries)


def test_search_index_loads_only_when_the_search_box_is_used(built):
    for page in [*built.glob("*.html"), *built.glob("allies/*.html")]:
        assert "search-index.js" not in page.read_text(), page.name


def test_allies_have_their_other_names():
    from helpers.site.search import other_names

    assert "Turkey" in other_names("TUR", "Türkiye")
    assert {"UK", "Britain", "Great Britain"} <= set(other_names("GBR", "United Kingdom"))
    assert "Czech Republic" in other_names("CZE", "Czechia") and "Holland" in other_names("NLD", "Netherlands")
    assert "Poland" not in other_names("POL", "Poland")


@pytest.fixture(scope="module")
def home(built, browser):
    visitor = Visitor(browser)
    page = visitor.visit(built / "index.html")
    yield visitor, page
    visitor.close()


def results(page, query: str) -> list[dict]:
    page.fill("#search-q", query)
    page.wait_for_selector("#search-results .search-status")
    return page.eval_on_selector_all("#search-results li > a", """els => els.map(a => ({
        href: a.getAttribute('href'), kind: a.querySelector('.kind').textContent,
        title: a.textContent.replace(a.querySelector('.kind').textContent, '').trim()}))""")


@needs_browser
@pytest.mark.parametrize("query, ally", [
    ("Turkey", "Türkiye"), ("UK", "United Kingdom"), ("Britain", "United Kingdom"),
    ("Great Britain", "United Kingdom"), ("Czech Republic", "Czechia"), ("Holland", "Netherlands"),
    ("Macedonia", "North Macedonia"), ("Canada", "Canada")])
def test_common_and_former_names_find_the_ally_first(home, query, ally):
    found = results(home[1], query)
    assert found and found[0]["kind"] == "Ally" and found[0]["title"] == ally, (query, found[:3])


@needs_browser
@pytest.mark.parametrize("query, target", [("Ocean Shield", "02-key-missions.html"),
                                           ("Article 4", "05-legal-frameworks.html"), ("Canada", "allies/can.html")])
def test_search_reaches_the_page(home, query, target):
    hrefs = [r["href"] for r in results(home[1], query)]
    assert any(h.split("#")[0] == target for h in hrefs), (query, hrefs)


@needs_browser
@pytest.mark.parametrize("query", ["Wales", "Turkey", "Article 5", "defence expenditure", "Afghanistan"])
def test_sources_rank_below_allies_sections_and_charts(home, query):
    kinds = [r["kind"] for r in results(home[1], query)]
    assert kinds and kinds[0] != "Source", (query, kinds)
    if "Source" in kinds:
        assert "Source" not in kinds[:kinds.index("Source")] and set(kinds[kinds.index("Source"):]) == {"Source"}


@needs_browser
def test_prose_is_searched(home):
    """A phrase of the notebooks' prose that no title holds is found: the section it is in, with the sentence
    shown. The phrase is taken from the committed notebook, so the test follows edits of the prose."""
    phrase = "major equipment"  # notebook 04's prose on the 20% guideline; no section or chart title says it
    found = results(home[1], phrase)
    assert found and found[0]["kind"] == "Section" and found[0]["href"].startswith("04-burden-sharing.html#"), found
    assert phrase in home[1].inner_text("#search-results li")


@needs_browser
def test_enter_opens_the_first_result(built, browser):
    visitor = Visitor(browser)
    page = visitor.visit(built / "data.html")
    page.fill("#search-q", "Holland")
    page.press("#search-q", "Enter")
    page.wait_for_url("**/data.html#members")  # the Netherlands: no profile in the test's sample, the members table
    page = visitor.visit(built / "index.html")
    page.press("#search-q", "Enter")  # nothing typed: nothing happens
    page.fill("#search-q", "Canada")
    page.press("#search-q", "Enter")
    page.wait_for_url("**/allies/can.html")
    assert visitor.errors == [] and visitor.outside == [], (visitor.errors, visitor.outside)
    visitor.close()


@needs_browser
def test_no_match_and_the_phone_menu(built, browser):
    visitor = Visitor(browser, viewport={"width": 390, "height": 844})
    page = visitor.visit(built / "index.html")
    page.fill("#search-q", "qqxyzzy")
    page.wait_for_selector("#search-results .search-status")
    assert "No match" in page.inner_text("#search-results")
    assert page.locator("#site-nav").is_hidden()
    page.click(".menu-toggle")
    assert page.locator("#site-nav").is_visible()
    assert visitor.errors == [], visitor.errors
    visitor.close()
