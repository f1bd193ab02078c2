"""Headless Chromium through Playwright, using the system browser (no `playwright install`)."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from .site import find_chromium

#: Flags that keep Chromium from reaching out to the network on its own and let it run as root in CI.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@contextmanager
def chromium() -> Iterator:
    """A Playwright Browser running the system Chromium; raises RuntimeError if there is none."""
    from playwright.sync_api import sync_playwright

    path = find_chromium()
    if path is None:
        raise RuntimeError("no system Chromium found (Debian: apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
