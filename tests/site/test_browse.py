"""Every page in a browser (browsing.check_page: three widths, legibility, accessibility, links, errors).

The pages are dealt to six classes, heaviest first (browsing.share): the suite runs with pytest-xdist's
`--dist loadscope`, which sends each test class to one worker, so the workers share the pages rather than one worker
holding them all while the others finish.
"""

import pytest

pytest.register_assert_rewrite("browsing", "legibility")  # before their import: their asserts report values
from browsing import check_page, needs_browser, share

pytest_plugins = ["browsing"]
PARTS = 6


def pytest_generate_tests(metafunc):
    """Each class checks its share of the pages."""
    if metafunc.cls is not None and issubclass(metafunc.cls, Pages):
        metafunc.parametrize("name", share(metafunc.cls.part, PARTS))


class Pages:
    part = 0

    @needs_browser
    def test_page_in_a_browser(self, built, browser, name):
        check_page(built, browser, name)


# TestShare1 ... TestShare6: one class per share, so that loadscope gives each share to one worker.
for _part in range(PARTS):
    globals()[f"TestShare{_part + 1}"] = type(f"TestShare{_part + 1}", (Pages,), {"part": _part})


def test_every_page_is_in_one_share():
    from browsing import page_names

    dealt = [name for part in range(PARTS) for name in share(part, PARTS)]
    assert sorted(dealt) == sorted(page_names()) and len(dealt) == len(set(dealt))
