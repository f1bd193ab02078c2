"""Every chart reads cleanly at phone, tablet and desktop widths: no text collides with other text, none runs
outside its chart.

The site is built once per test session (shared by the pytest-xdist workers through a lock file), with every
notebook page, a sample of Ally pages and the Allies map. Each width is a test class, so `--dist loadscope` gives
the three widths to three workers; each class opens one browser tab at its width and visits every page.

In the page, each chart's SVG `text` elements are measured: the box plotly's text occupies in its own coordinates
(`getBBox`), turned into a polygon on the screen by the element's transform (`getScreenCTM`), so rotated tick
labels are their slanted box, not the upright rectangle around it. Empty, hidden or wholly clipped texts (a
legend's entries scrolled out of view) are left out; a text clipped in part is cut off. Two texts collide when
their polygons overlap by more than `TOLERANCE` pixels in every direction; a text runs outside when a corner lies
more than `TOLERANCE` pixels beyond the chart's SVG (where the browser cuts it).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from conftest import NOTEBOOKS
from helpers.charts.chromium import find_chromium
from helpers.site import build
from helpers.site.profiles import PROFILE_NOTEBOOK

#: A sample of Ally pages: Canada (few snapshots, years apart), Poland (the committed default), Iceland (no
#: spending chart), the United States (the largest contingents) and Luxembourg (the smallest).
SAMPLE = ["CAN", "POL", "ISL", "USA", "LUX"]
PAGES = ([f"{nb.stem}.html" for nb in NOTEBOOKS if nb.name != PROFILE_NOTEBOOK]
         + [f"allies/{code.lower()}.html" for code in SAMPLE] + ["allies/index.html"])
#: Pixels two text boxes may share (the boxes include the font's line spacing, wider than the glyphs).
TOLERANCE = 1.0

needs_browser = pytest.mark.skipif(find_chromium() is None and not os.environ.get("CI"),
                                   reason="no system Chromium (apt-get install chromium); CI installs it")

#: For each chart of the page: its figure number and the faults found (JavaScript run in the page).
MEASURE = """(tolerance) => {
  function visible(el) {
    for (let e = el; e && e.nodeType === 1; e = e.parentNode) {
      const s = getComputedStyle(e);
      if (s.display === "none" || s.visibility === "hidden" || parseFloat(s.opacity) === 0) return false;
    }
    return true;
  }
  function polygon(el) {
    const b = el.getBBox(), m = el.getScreenCTM();
    return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
      .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
  }
  function clip(el, poly) {
    // Parts of the text hidden by a clip-path (a scrolled legend, the plot area) are not visible.
    for (let e = el; e && e.nodeType === 1 && e.tagName !== "svg"; e = e.parentNode) {
      const ref = (e.getAttribute("clip-path") || "").match(/url\\(["']?#([^"')]+)/);
      const rect = ref && document.getElementById(ref[1]) && document.getElementById(ref[1]).querySelector("rect");
      if (!rect) continue;
      const m = e.getScreenCTM(), x = +rect.getAttribute("x") || 0, y = +rect.getAttribute("y") || 0;
      const x0 = m.a * x + m.e, y0 = m.d * y + m.f;
      const x1 = x0 + m.a * +rect.getAttribute("width"), y1 = y0 + m.d * +rect.getAttribute("height");
      const xs = poly.map(p => p[0]), ys = poly.map(p => p[1]);
      const l = Math.max(Math.min(...xs), x0), r = Math.min(Math.max(...xs), x1);
      const t = Math.max(Math.min(...ys), y0), btm = Math.min(Math.max(...ys), y1);
      if (r - l < 1 || btm - t < 1) return null;  // clipped away entirely: not shown
      if (l > Math.min(...xs) + tolerance || r < Math.max(...xs) - tolerance || t > Math.min(...ys) + tolerance
          || btm < Math.max(...ys) - tolerance) return {poly, cut: true};
    }
    return {poly, cut: false};
  }
  function depth(a, b) {
    // How far two convex polygons overlap (separating axis theorem); <= 0 when they do not touch.
    let least = Infinity;
    for (const poly of [a, b]) {
      for (let i = 0; i < poly.length; i++) {
        const [x1, y1] = poly[i], [x2, y2] = poly[(i + 1) % poly.length];
        const len = Math.hypot(x2 - x1, y2 - y1);
        if (len < 1e-6) continue;
        const nx = (y1 - y2) / len, ny = (x2 - x1) / len;
        const pa = a.map(p => p[0] * nx + p[1] * ny), pb = b.map(p => p[0] * nx + p[1] * ny);
        least = Math.min(least, Math.min(Math.max(...pa), Math.max(...pb)) - Math.max(Math.min(...pa), Math.min(...pb)));
      }
    }
    return least;
  }
  const charts = [];
  document.querySelectorAll("figure.chart").forEach(fig => {
    const plot = fig.querySelector(".plot"), svg = plot.querySelector("svg.main-svg");
    const number = fig.querySelector(".fignum");
    const name = number ? number.textContent.replace(/\\.$/, "") : fig.id;
    const faults = [];
    if (!svg) { charts.push({name, faults: ["not drawn"]}); return; }
    const frame = svg.getBoundingClientRect();
    const texts = [];
    plot.querySelectorAll("svg text").forEach(el => {
      const label = el.textContent.replace(/\\s+/g, " ").trim();
      if (!label || !visible(el) || el.getBoundingClientRect().width < 1) return;
      const shown = clip(el, polygon(el));
      if (shown) texts.push({label, poly: shown.poly, cut: shown.cut});
    });
    texts.forEach(t => {
      if (t.cut) faults.push(`"${t.label}" is cut off`);
      const out = t.poly.some(([x, y]) => x < frame.left - tolerance || x > frame.right + tolerance
                                         || y < frame.top - tolerance || y > frame.bottom + tolerance);
      if (out) faults.push(`"${t.label}" runs outside the chart`);
    });
    for (let i = 0; i < texts.length; i++)
      for (let j = i + 1; j < texts.length; j++)
        if (depth(texts[i].poly, texts[j].poly) > tolerance)
          faults.push(`"${texts[i].label}" collides with "${texts[j].label}"`);
    charts.push({name, faults, texts: texts.length});
  });
  return charts;
}"""


def measure(page, tolerance: float = TOLERANCE) -> list[dict]:
    """Wait until every chart of the loaded page is drawn; return [{name, faults, texts}] per chart."""
    charts = page.locator("figure.chart").count()
    if charts:
        # plotly.js draws a chart as it nears the screen (assets/site.js): bring each one into view
        for i in range(charts):
            chart = page.locator("figure.chart").nth(i)
            chart.scroll_into_view_if_needed()
            chart.locator(".plot[data-drawn=true]").wait_for(timeout=30000)
        page.evaluate("window.scrollTo(0, 0)")
        # plotly may push its margins once more after drawing (legends, long labels): let it settle
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return page.evaluate(MEASURE, tolerance)


@pytest.fixture(scope="session")
def site(tmp_path_factory, worker_id) -> Path:
    """The site, built once for every worker of the session: the first one builds, the others wait and reuse."""
    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    out = shared / "legibility-site"
    with open(shared / "legibility-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / "allies" / "index.html").exists():
            build.build(out, images=False, allies=SAMPLE)
    return out


@pytest.fixture(scope="class")
def tab(request):
    """One browser tab at the class's width, for every page of the class."""
    if find_chromium() is None:
        pytest.fail("no system Chromium: install Debian's chromium") if os.environ.get("CI") else pytest.skip(
            "no system Chromium")
    from helpers.charts.chromium import chromium

    with chromium() as browser:
        page = browser.new_page(viewport={"width": request.cls.width, "height": 900})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                   else route.abort())
        page.errors = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        yield page


#: Two texts that collide, two slanted labels whose upright boxes overlap but whose slanted boxes do not, a text
#: past the chart's edge, a hidden one and an empty one.
SPECIMEN = """<figure class="chart"><span class="fignum">Figure 0.0.</span><div class="plot" data-drawn="true">
<svg class="main-svg" width="300" height="200" style="font: 10px sans-serif">
<text x="10" y="20">Alpha</text><text x="20" y="24">Beta</text>
<text x="100" y="150" transform="rotate(-45 100 150)">Long slanted label one</text>
<text x="120" y="150" transform="rotate(-45 120 150)">Long slanted label two</text>
<text x="270" y="100">Outside</text><text x="10" y="22" style="display: none">Hidden</text><text x="50" y="50"> </text>
</svg></div></figure>"""


class Width:
    """Every page at one width: each chart's texts clear of each other and inside the chart."""

    width = 0

    @needs_browser
    @pytest.mark.parametrize("name", PAGES)
    def test_no_text_collides_or_runs_outside(self, site, tab, name):
        tab.errors.clear()
        tab.goto((site / name).as_uri(), wait_until="load")
        charts = measure(tab)
        assert tab.errors == [], (name, tab.errors)
        faults = [f"{name} at {self.width} px, {c['name']}: {fault}" for c in charts for fault in c["faults"]]
        assert not faults, "\n".join(faults)

    @needs_browser
    def test_the_check_finds_collisions_and_reads_slanted_labels_by_their_slant(self, tab):
        tab.set_content(SPECIMEN)
        assert measure(tab) == [{"name": "Figure 0.0", "texts": 5, "faults": [
            '"Outside" runs outside the chart', '"Alpha" collides with "Beta"']}]


class TestPhone(Width):
    width = 390


class TestTablet(Width):
    width = 768


class TestDesktop(Width):
    width = 1280
