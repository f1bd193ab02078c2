"""Find the system Chromium and drive it headless through Playwright (no `playwright install`)."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")

#: Flags that keep Chromium from reaching out to the network on its own and let it run as root in CI.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def find_chromium() -> str | None:
    """Path of a system Chromium, or None."""
    return shutil.which("chromium") or next((p for p in CHROMIUM_CANDIDATES if Path(p).exists()), None)


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
