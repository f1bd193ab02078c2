"""The offline search index: notebook sections and their prose, chart titles, operations, Allies, claims, sources.

Written as `assets/search-index.js`, a script that assigns `window.SEARCH_INDEX`, so it loads from `file://`
where fetching a JSON file is refused; `assets/ui.js` loads it when a reader first uses the search box and matches
queries against it. Each entry is [kind, title, extra text, link, other names, prose]: other names (an Ally's
former and common names) match as the title does, prose (a section's text) as the extra text does. Operations
link to the notebook that mentions them most; Allies to `allies/<iso3>.html` when that profile exists, else to the
members table on the data page.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from ..charts.payload import strip_tags
from ..data.read import read_records

MAX_BYTES = 1_000_000
#: Names readers type for an Ally besides its name in members.csv and its ISO 3166 official name: former names
#: and common short forms (the collection writes the current names: see data/README.md, Terminology).
OTHER_NAMES = {"TUR": ["Turkey"], "GBR": ["UK", "Britain", "Great Britain"], "NLD": ["Holland"],
               "CZE": ["Czech Republic"], "MKD": ["Macedonia", "former Yugoslav Republic of Macedonia"]}


def _rows(data: Path, name: str) -> list[dict]:
    return read_records(data / name)


def _text(body: str) -> str:
    return html.unescape(strip_tags(re.sub(r"<(script|details)\b.*?</\1>", " ", body, flags=re.S)))


def other_names(iso3: str, name: str) -> list[str]:
    """An Ally's other names: its ISO 3166 official name (when it differs) and `OTHER_NAMES`."""
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    official = getattr(country, "official_name", "") if country else ""
    return list(dict.fromkeys(n for n in [official, *OTHER_NAMES.get(iso3, [])] if n and n != name))


def prose(page) -> list[tuple[str, str, str]]:
    """(heading, anchor, text) for each headed part of a page (the text up to the next heading): its narrative and printed findings, without code,
    chart data or data tables."""
    parts = re.split(r'<h[1-4] id="([^"]+)">(.*?)</h[1-4]>', page.body, flags=re.S)
    out = []
    for i in range(1, len(parts) - 2, 3):
        text = re.sub(r"\s+", " ", _text(re.sub(r"<figure\b.*?</figure>", " ", parts[i + 2], flags=re.S))).strip()
        if text:
            out.append((html.unescape(strip_tags(parts[i + 1])).strip(), parts[i], text))
    return out


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
        # a notebook's closing "Sources" list repeats the sources indexed below: its prose is left out
        texts_by_anchor = {anchor: text for heading, anchor, text in prose(page) if heading != "Sources"}
        for level, text, anchor in page.headings:
            link = page.href if level == 1 else f"{page.href}#{anchor}"
            out.append(["Section", text, page.title if level > 1 else page.summary[:160], link, "",
                        texts_by_anchor.get(anchor, "")])
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
        also = other_names(ally["iso3"], ally["name"])
        extra = f"{ally['iso3']}, member since {ally['accession_date'][:4]}" + (f"; also {', '.join(also)}" if also else "")
        out.append(["Ally", ally["name"], extra, link, "; ".join(also)])
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
