"""What the site's browser tests share: the site built once per test session, one Chromium per test module and
worker, a tab that records errors and requests, and the check of one page at three widths, legibility included. A
pytest plugin: test modules name it in `pytest_plugins`.

The pages are checked one test each, dealt to six test classes (`test_browse.py`) because the suite runs with
pytest-xdist's `--dist loadscope`: one class's tests all go to one worker, so one long list held a worker while the
others finished. Each page is loaded twice (1280 and 390 px) and narrowed once (768 px), rather than loaded once per
width by a separate legibility test: the same checks for fewer loads of 5 MB of plotly.js.
The first worker to need the site builds it; the others wait on a file lock and reuse it.
"""

import fcntl
import os
import re
from pathlib import Path

import pytest

from conftest import NOTEBOOKS, ROOT
from helpers.charts.chromium import find_chromium
from helpers.site import build
from helpers.tools.bench import first_chart_ms
from legibility import draw_every_chart, faults, resize, settle

AXE = ROOT / "tests" / "vendor" / "axe.min.js"
#: A sample of Ally profiles: a founder with few snapshots years apart (searched for by name), a 1999 Ally with
#: Article 4 requests and a battlegroup (the committed default), Iceland (no armed forces, no spending chart), the
#: United States (the largest contingents) and Luxembourg (the smallest). All 32 are built by `make site`; checking
#: five keeps the suite fast.
SAMPLE = ["CAN", "POL", "ISL", "USA", "LUX"]
#: The widths every page is read at: a phone, a tablet, a desktop.
PHONE, TABLET, DESKTOP = 390, 768, 1280
HAVE_CHROMIUM = find_chromium() is not None
#: The first chart of every page is visible within this time from navigation start (issue 19).
FIRST_CHART_BUDGET_MS = 500
# Without Chromium the browser checks cannot run; in CI that is a failure, not a skip.
needs_browser = pytest.mark.skipif(not HAVE_CHROMIUM and not os.environ.get("CI"),
                                   reason="no system Chromium (apt-get install chromium); CI installs it")


def page_names() -> list[str]:
    """Every page the test build writes, relative to the site's root: the notebooks' pages, heaviest first (by the
    size of the notebook, which its charts make up), then the others."""
    notebooks = sorted((nb for nb in NOTEBOOKS if nb.name != "10-ally-profile.ipynb"), key=lambda nb: -nb.stat().st_size)
    return [*(f"{nb.stem}.html" for nb in notebooks), "allies/index.html",
            *(f"allies/{code.lower()}.html" for code in SAMPLE), "index.html", "data.html", "whatsnew.html"]


def share(part: int, parts: int) -> list[str]:
    """One of `parts` shares of the pages, dealt heaviest first to and fro (0, 1, .., parts - 1, parts - 1, .., 0)
    so that each share has a like amount of work."""
    order = [*range(parts), *reversed(range(parts))]
    return [name for i, name in enumerate(page_names()) if order[i % len(order)] == part]


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The site, built once for the whole session (all xdist workers) with a sample of Ally profiles."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    out, done = shared / "site", shared / "site.done"
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            build.build(out, images=HAVE_CHROMIUM or bool(os.environ.get("CI")), allies=SAMPLE)
            done.touch()
    return out


@pytest.fixture(scope="module")
def browser(built):
    """One Chromium per test module (in each worker), closed after it: while it runs, no other Playwright (the PDF's, the JupyterLab
    test's) nor kaleido can start in the same worker. Hence too it needs the site first: the build prints the PDF."""
    if not HAVE_CHROMIUM:
        pytest.fail("no system Chromium: install Debian's chromium") if os.environ.get("CI") else pytest.skip(
            "no system Chromium")
    from helpers.charts.chromium import chromium

    with chromium() as b:
        yield b


class Visitor:
    """One browser tab that records page errors, dialogs and any request leaving the file system."""

    def __init__(self, browser, **options):
        self.page = browser.new_page(**options)
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

    def visit(self, path: Path, anchor: str = ""):
        self.errors.clear(), self.outside.clear(), self.dialogs.clear()
        self.page.goto(path.as_uri() + (f"#{anchor}" if anchor else ""), wait_until="load")
        return self.page

    def close(self):
        self.page.close()


def first_chart_visible_ms(browser, path: Path, tries: int = 5) -> float:
    """When the page's first chart became visible, in ms from navigation start: the best of up to `tries` cold
    visits (a new browser context each), so that a moment of load on a shared machine is not read as the page's."""
    best = float("inf")
    for _ in range(tries):
        context = browser.new_context()
        try:
            best = min(best, first_chart_ms(context.new_page(), path, interactive=False)["visible"])
        finally:
            context.close()
        if best <= FIRST_CHART_BUDGET_MS:
            break
    return best


def check_page(built: Path, browser, name: str) -> None:
    """One page as readers see it. Loaded at 1280 px: its first chart visible at once (a static picture), then every
    chart drawn, no errors, no request leaving the site, every link resolving, no serious axe violation. At 1280 px,
    at 768 px (the same tab narrowed, as a tablet turned or a window resized) and loaded afresh at 390 px: no text of
    any chart collides with another or runs outside its chart (legibility.py). At 390 px too: no sideways scroll,
    the navigation folded behind the menu button. Every legibility fault of the three widths is reported at once."""
    path = built / name
    assert path.exists(), name
    html = path.read_text()
    if '<figure class="chart"' in html:
        # The first chart is visible without waiting for plotly.js: its static picture is in the page's own markup,
        # and no script blocks the first paint (plotly.js is loaded afterwards by assets/site.js). How long the
        # first paint takes is measured here and by `make bench` (bench/results.md), not asserted: a timed assertion
        # would fail on a loaded machine for reasons that are not the page's.
        first = html[html.index('<figure class="chart"'):]
        assert '<img class="static"' in first[:first.index("</figure>")], (name, "first chart has no static picture")
        assert not re.search(r'<script[^>]*\bsrc="[^"]*plotly\.min\.js"', html), (name, "plotly.js blocks the first paint")
        print(f"{name}: first chart visible after {first_chart_visible_ms(browser, path, tries=1):.0f} ms")
    visitor = Visitor(browser, viewport={"width": DESKTOP, "height": 900})
    unreadable: list[str] = []
    try:
        page = visitor.visit(path)
        charts = page.locator("figure.chart").count()
        if charts:
            assert page.locator("figure.chart").first.locator("img.static").count() == 1, name
            draw_every_chart(page, name)
            settle(page)
            unreadable += faults(page, name, DESKTOP)
        if page.locator("figure.chart .geo").count():
            assert page.locator("path.choroplethlocation").count() >= min(8, len(SAMPLE)), name
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        for href in hrefs:
            if not href.startswith(("http://", "https://", "#", "mailto:")):
                assert (path.parent / href.split("#")[0]).exists(), (name, href)
        assert visitor.errors == [] and visitor.outside == [], (name, visitor.errors, visitor.outside)
        # axe-core (vendored): no serious or critical violation (no preload: it would re-read the stylesheets by
        # XMLHttpRequest, which file:// refuses).
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations'], preload: false})")
        serious = [(v["id"], len(v["nodes"]), v["nodes"][0]["target"]) for v in result["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert serious == [], (name, serious)
        if charts:
            resize(page, TABLET, 1024)
            unreadable += faults(page, name, TABLET)
        # Phones: loaded at 390 px, every chart laid out for the narrow screen as a reader scrolls to it; the page
        # scrolls only vertically and the navigation folds behind a button.
        page.set_viewport_size({"width": PHONE, "height": 844})
        page = visitor.visit(path)
        if charts:
            draw_every_chart(page, name)
            settle(page)
            unreadable += faults(page, name, PHONE)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE, name
        assert page.locator("#site-nav").is_hidden() and page.locator(".menu-toggle").is_visible(), name
        assert visitor.errors == [], (name, visitor.errors)
        assert not unreadable, "\n".join(unreadable)
    finally:
        visitor.close()
