"""The offline search index: notebook sections, chart titles, operations, Allies, claims and sources.

Written as `assets/search-index.js`, a script that assigns `window.SEARCH_INDEX`, so it loads from `file://`
where fetching a JSON file is refused. Each entry is [kind, title, extra text, link]. Operations link to the
notebook that mentions them most; Allies to `allies/<iso3>.html` when that profile exists, else to the members
table on the data page. `assets/search.js` matches queries against it in the browser.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from ..charts.payload import strip_tags
from ..data.read import read_records

MAX_BYTES = 1_000_000


def _rows(data: Path, name: str) -> list[dict]:
    return read_records(data / name)


def _text(body: str) -> str:
    return html.unescape(strip_tags(re.sub(r"<(script|details)\b.*?</\1>", " ", body, flags=re.S)))


def _best_page(names: list[str], texts: dict[str, str]) -> str | None:
    """The page whose prose mentions any of the names most often (None if none does)."""
    counts = {}
    for href, text in texts.items():
        counts[href] = sum(len(re.findall(r"\b" + re.escape(n) + r"\b", text)) for n in names if n)
    best = max(counts, key=lambda h: counts[h], default=None)
    return best if best and counts[best] else None


def entries(pages: list, data: Path, allies_dir: Path | None = None, built: Path | None = None) -> list[list[str]]:
    out = []
    texts = {p.href: _text(p.body) for p in pages}
    for page in pages:
        for level, text, anchor in page.headings:
            link = page.href if level == 1 else f"{page.href}#{anchor}"
            out.append(["Section", text, page.title if level > 1 else page.summary[:160], link])
        for chart in page.charts:
            out.append(["Chart", chart.title, f"Figure {chart.number}, {page.title}", f"{page.href}#{chart.slug}"])
    for op in _rows(data, "operations.csv"):
        short = re.sub(r"^(Operation|Exercise)\s+", "", op["name"])
        names = [op["name"], short, op.get("acronym", "")]
        link = _best_page(names, texts) or "data.html#operations"
        extra = " ".join(filter(None, [op.get("acronym"), (op.get("start_date") or "")[:4], op.get("summary", "")]))
        out.append(["Operation", op["name"], extra[:200], link])
    for ally in _rows(data, "members.csv"):
        iso = ally["iso3"].lower()
        profile = any(d is not None and (d / f"{iso}.html").exists() for d in (built, allies_dir))
        link = f"allies/{iso}.html" if profile else "data.html#members"
        out.append(["Ally", ally["name"], f"{ally['iso3']}, member since {ally['accession_date'][:4]}", link])
    claims_page = next((p.href for p in pages if "claim" in p.slug), "data.html#claims")
    for claim in _rows(data, "claims.csv"):
        out.append(["Claim", claim["claim"], f"verdict: {claim['verdict']}. {claim.get('correction') or ''}"[:200],
                    claims_page])
    for src in _rows(data, "sources.csv"):
        out.append(["Source", src["title"], f"{src['publisher']}, read {src['accessed']}", src["url"]])
    return out


def write_index(site: Path, pages: list, data: Path, allies_dir: Path | None = None) -> Path:
    """Write assets/search-index.js; refuse an index over 1 MB."""
    index = entries(pages, data, allies_dir, built=site / "allies")
    text = "window.SEARCH_INDEX = " + json.dumps(index, ensure_ascii=False, separators=(",", ":")) + ";\n"
    if len(text.encode()) > MAX_BYTES:
        raise RuntimeError(f"search index is {len(text.encode())} bytes, over {MAX_BYTES}")
    path = site / "assets" / "search-index.js"
    path.write_text(text, encoding="utf-8")
    return path
