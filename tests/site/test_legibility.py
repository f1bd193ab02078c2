"""The legibility check (legibility.py) finds what it should. It runs on every chart of every page, at phone,
tablet and desktop widths, inside the page checks of `test_browse.py` (browsing.check_page); here it is tried on
a specimen whose faults are known."""

import pytest

pytest.register_assert_rewrite("browsing", "legibility")  # before their import: their asserts report their values
from browsing import Visitor, needs_browser
from legibility import measure

pytest_plugins = ["browsing"]

#: Two texts that collide, two slanted labels whose upright boxes overlap but whose slanted boxes do not, a text
#: past the chart's edge, a hidden one and an empty one.
SPECIMEN = """<figure class="chart"><span class="fignum">Figure 0.0.</span><div class="plot" data-drawn="true">
<svg class="main-svg" width="300" height="200" style="font: 10px sans-serif">
<text x="10" y="20">Alpha</text><text x="20" y="24">Beta</text>
<text x="100" y="150" transform="rotate(-45 100 150)">Long slanted label one</text>
<text x="120" y="150" transform="rotate(-45 120 150)">Long slanted label two</text>
<text x="270" y="100">Outside</text><text x="10" y="22" style="display: none">Hidden</text><text x="50" y="50"> </text>
</svg></div></figure>"""


@needs_browser
def test_the_check_finds_collisions_and_reads_slanted_labels_by_their_slant(browser):
    visitor = Visitor(browser)
    try:
        visitor.page.set_content(SPECIMEN)
        assert measure(visitor.page) == [{"name": "Figure 0.0", "texts": 5, "faults": [
            '"Outside" runs outside the chart', '"Alpha" collides with "Beta"']}]
    finally:
        visitor.close()
