"""The system Chromium: kaleido renders chart images with it, and the PDF and the browser tests drive it
through Playwright (no `playwright install`, no download)."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")

#: Flags that keep Chromium from reaching out to the network on its own and let it run as root in CI.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]

#: The one message for a missing Chromium, wherever it is needed.
NO_CHROMIUM = "no system Chromium found (Debian: apt-get install chromium)"


class NoChromium(RuntimeError):
    """Raised where Chromium is required and missing; the message says how to install it."""


def find_chromium() -> str | None:
    """Path of a system Chromium, or None."""
    return shutil.which("chromium") or next((p for p in CHROMIUM_CANDIDATES if Path(p).exists()), None)


def require_chromium() -> str:
    """Path of a system Chromium; raises NoChromium if there is none."""
    path = find_chromium()
    if path is None:
        raise NoChromium(NO_CHROMIUM)
    return path


@contextmanager
def chromium() -> Iterator:
    """A Playwright Browser running the system Chromium; raises NoChromium if there is none."""
    from playwright.sync_api import sync_playwright

    path = require_chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
