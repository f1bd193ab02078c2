"""The collection's version and its releases: the version and release date written once, in CITATION.cff, and the
changelog of data/README.md (`### <version> (<date>)` entries), which the site shows as its "What's new" page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..paths import ROOT

_ENTRY = re.compile(r"^### (\d+\.\d+\.\d+) \((\d{4}-\d{2}-\d{2})\)\n(.*?)(?=^### |\Z)", re.M | re.S)


@dataclass
class Release:
    version: str
    date: str
    text: str = ""  # the entry, as Markdown


def current(citation: Path = ROOT / "CITATION.cff") -> Release:
    """The version and release date in CITATION.cff (the one place they are written)."""
    text = Path(citation).read_text(encoding="utf-8")
    version = re.search(r"^version:\s*['\"]?([^'\"\s]+)", text, re.M)
    date = re.search(r"^date-released:\s*['\"]?(\d{4}-\d{2}-\d{2})", text, re.M)
    if not (version and date):
        raise ValueError(f"{citation}: no version or date-released")
    return Release(version.group(1), date.group(1))


def _section(readme: Path) -> str:
    text = Path(readme).read_text(encoding="utf-8") if Path(readme).exists() else ""
    section = text.split("\n## Changelog\n", 1)[1] if "\n## Changelog\n" in text else ""
    return re.split(r"^## ", section, flags=re.M)[0]


def changelog(readme: Path) -> list[Release]:
    """The releases listed under `## Changelog` in `readme`, newest first (empty if it has none)."""
    return [Release(m.group(1), m.group(2), m.group(3).strip()) for m in _ENTRY.finditer(_section(readme))]


def changelog_intro(readme: Path) -> str:
    """What the changelog says before its first entry (Markdown)."""
    return _section(readme).split("\n### ", 1)[0].strip()
