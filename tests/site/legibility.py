"""The legibility check the browser tests run on every chart of every page: no visible text collides with other
text, none runs outside its chart.

In the page (`measure_text.js`), each chart's SVG `text` elements are measured: the box plotly's text occupies in
its own coordinates (`getBBox`), turned into a polygon on the screen by the element's transform (`getScreenCTM`),
so rotated tick labels are their slanted box, not the upright rectangle around it. Empty, hidden or wholly clipped
texts (a legend's entries scrolled out of view) are left out; a text clipped in part is cut off. Two texts collide
when their polygons overlap by more than `TOLERANCE` pixels in every direction; a text runs outside when a corner
lies more than `TOLERANCE` pixels beyond the chart's SVG (where the browser cuts it).
"""

from __future__ import annotations

from pathlib import Path

#: Pixels two text boxes may share (the boxes include the font's line spacing, wider than the glyphs).
TOLERANCE = 1.0
#: The check itself, without its leading comment lines (Playwright evaluates the function expression).
MEASURE = "\n".join(line for line in (Path(__file__).with_name("measure_text.js").read_text().splitlines())
                    if not line.startswith("//"))


def draw_every_chart(page, name: str) -> int:
    """Scroll to each chart as a reader would and wait for plotly.js to draw it (assets/site.js draws a chart as
    it nears the screen); return how many there are."""
    charts = page.locator("figure.chart")
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
        charts.nth(i).locator(".plot[data-drawn=true]").wait_for(timeout=30000)
        assert charts.nth(i).locator("svg.main-svg").count() >= 1, (name, i)
        assert charts.nth(i).locator("img.static").count() == 0, (name, i)  # the picture gave way to the chart
    return charts.count()


def settle(page) -> None:
    """Back to the top, and let plotly push its margins once more after drawing (legends, long labels)."""
    page.evaluate("window.scrollTo(0, 0)")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def resize(page, width: int, height: int) -> None:
    """Give the tab a new width, as a reader turning a tablet or narrowing a window does, and wait until every drawn
    chart has been laid out again for its new width (assets/site.js records the width it drew for)."""
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_function("""() => [...document.querySelectorAll('.plot[data-drawn=true]')]
        .every(p => Math.abs(+p.dataset.width - p.clientWidth) <= 1)""", timeout=30000)
    settle(page)


def measure(page, tolerance: float = TOLERANCE) -> list[dict]:
    """[{name, faults, texts}] for every chart of the loaded page, as drawn now."""
    return page.evaluate(MEASURE, tolerance)


def faults(page, name: str, width: int) -> list[str]:
    """Every collision or overrun on the page at this width, each naming the page, the width and the figure."""
    return [f"{name} at {width} px, {chart['name']}: {fault}" for chart in measure(page) for fault in chart["faults"]]
