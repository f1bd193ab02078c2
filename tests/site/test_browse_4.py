"""Every page in a browser, share 4 of 6 (see browsing.py: the pages are spread over files so that pytest-xdist's
workers share them)."""

import pytest

pytest.register_assert_rewrite("browsing", "legibility")  # before their import: their asserts report values
from browsing import check_page, needs_browser, share

pytest_plugins = ["browsing"]


@needs_browser
@pytest.mark.parametrize("name", share(3, 6))
def test_page_in_a_browser(built, browser, name):
    check_page(built, browser, name)
