"""`make pdf`: the whole collection as one PDF, printed by the system Chromium (Playwright's page.pdf).

Each page of the built site is printed with its static figures (the PNGs in `figures/` replace the interactive
charts, so nothing depends on plotly.js drawing in time), captions, descriptions and sources; the print style
sheet hides navigation, search and folded code. All pages are first joined into one HTML file, so Chromium
prints a single PDF with no extra library to merge parts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..charts.chromium import chromium
from ..paths import PDF, SITE

MAX_BYTES = 25 * 1024 * 1024

#: Swap each interactive chart for its static PNG and open the citation, then print.
_STATIC = """() => {
  document.querySelectorAll('figure.chart').forEach(f => {
    const plot = f.querySelector('.plot');
    const img = document.createElement('img');
    img.src = 'figures/' + f.id + '.png';
    img.alt = f.querySelector('.caption').textContent;
    img.style.width = '100%';
    plot.replaceWith(img);
    f.querySelectorAll('script.plotly-figure').forEach(s => s.remove());
  });
  document.querySelectorAll('details.cite').forEach(d => d.open = true);
  return Promise.all([...document.images].map(i => i.complete ? 0 : new Promise(r => { i.onload = i.onerror = r; })));
}"""


def collection_html(site: Path) -> Path:
    """One HTML file holding every page's main content in reading order (index, notebooks, data page)."""
    import re

    names = ["index.html"] + sorted(p.name for p in site.glob("[0-9][0-9]-*.html")) + ["data.html"]
    parts = []
    for name in names:
        text = (site / name).read_text(encoding="utf-8")
        main = re.search(r"<main[^>]*>(.*)</main>", text, flags=re.S).group(1)
        main = re.sub(r'<nav class="pager".*?</nav>', "", main, flags=re.S)
        parts.append(f'<section class="print-page" style="break-before: page">{main}</section>')
    head = re.search(r"<head>(.*?)</head>", (site / "index.html").read_text(encoding="utf-8"), flags=re.S).group(1)
    out = site / "collection.html"
    out.write_text(f"<!DOCTYPE html><html lang=\"en\"><head>{head}</head><body><main>{''.join(parts)}</main>"
                   "</body></html>", encoding="utf-8")
    return out


def make_pdf(site: Path | None = None, out: Path | None = None) -> Path:
    site = Path(site or SITE)
    out = Path(out or PDF)
    if not (site / "index.html").exists():
        raise RuntimeError(f"no site at {site}: run `make site` first")
    source = collection_html(site)
    try:
        with chromium() as browser:
            page = browser.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
            page.goto(source.as_uri(), wait_until="load")
            page.evaluate(_STATIC)
            page.emulate_media(media="print")
            page.pdf(path=str(out), format="A4", print_background=True,
                     margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"},
                     display_header_footer=True, header_template="<span></span>",
                     footer_template='<div style="font-size:8px;width:100%;text-align:center">'
                                     'NATO in multinational coalitions · <span class="pageNumber"></span></div>')
    finally:
        source.unlink(missing_ok=True)
    size = out.stat().st_size
    if size > MAX_BYTES:
        raise RuntimeError(f"{out} is {size / 1e6:.1f} MB, over the 25 MB limit")
    return out


def pdf_main(argv: list[str]) -> int:
    try:
        out = make_pdf()
    except Exception as exc:
        print(f"pdf: {exc}", file=sys.stderr)
        return 1
    print(f"pdf: {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0
