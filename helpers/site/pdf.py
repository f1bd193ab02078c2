"""The collection as one PDF report, printed by the system Chromium (Playwright's page.pdf) into the built site.

`make site` prints it as the last step of the build (`nato-coalitions.pdf`, linked from the home page); without a
Chromium the site is built without it and its home page says so. `python -m helpers pdf` prints it again into the
built site. All pages are first joined into one HTML file in reading order (home, notebooks, data, what's new, and
the Ally profiles as an appendix), so Chromium prints a single PDF with no extra library to merge parts. Charts
print as the static SVGs the pages already show (no plotly.js, nothing drawn in time); the print style sheet keeps
cards and figures whole, leaves out navigation, search, folded code, data tables and the per-chart citations (the
collection's own citation is printed once, on the first page), and the document carries its own title.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..charts.chromium import chromium
from ..paths import SITE

MAX_BYTES = 25 * 1024 * 1024
PDF_NAME = "nato-coalitions.pdf"

#: Load every image now (lazy ones too) and wait for them, then print.
_IMAGES = """() => {
  document.querySelectorAll('img[loading]').forEach(i => i.loading = 'eager');
  return Promise.all([...document.images].map(i => i.complete ? 0 : new Promise(r => { i.onload = i.onerror = r; })));
}"""


def _main(path: Path) -> str:
    """The main content of a built page, its links and images pointed from the site's root."""
    text = path.read_text(encoding="utf-8")
    main = re.search(r"<main[^>]*>(.*)</main>", text, flags=re.S).group(1)
    main = re.sub(r'<nav class="pager".*?</nav>', "", main, flags=re.S)
    main = re.sub(r'<script type="application/json" class="plotly-figure">.*?</script>', "", main, flags=re.S)
    if path.parent.name == "allies":
        main = re.sub(r'(href|src)="\.\./', r'\1="', main)
        main = re.sub(r'href="([a-z]{3}\.html|index\.html)', r'href="allies/\1', main)
    return main


def collection_html(site: Path, title: str, edition: str) -> str:
    """One HTML file holding every page's main content in reading order, the Ally profiles as an appendix, with
    `edition` (version and data date) under the first page's title."""
    names = ["index.html", *sorted(p.name for p in site.glob("[0-9][0-9]-*.html")), "data.html", "whatsnew.html"]
    parts = [f'<section class="print-page">{_main(site / n)}</section>' for n in names if (site / n).exists()]
    parts[0] = re.sub(r"(</h1>)", rf'\1<p class="edition">{edition}</p>', parts[0], count=1)
    allies = sorted(p for p in (site / "allies").glob("*.html") if p.name != "index.html")
    if allies:
        parts.append('<section class="print-page appendix"><p class="appendix-label">Appendix</p>'
                     f'{_main(site / "allies" / "index.html")}</section>')
        parts += [f'<section class="print-page">{_main(p)}</section>' for p in allies]
    head = re.search(r"<head>(.*?)</head>", (site / "index.html").read_text(encoding="utf-8"), flags=re.S).group(1)
    head = re.sub(r"<title>.*?</title>", f"<title>{title}</title>", head, flags=re.S)
    head = re.sub(r"<script\b.*?</script>", "", head, flags=re.S)
    return (f'<!DOCTYPE html><html lang="en"><head>{head}</head><body class="print-collection"><main>'
            f"{''.join(parts)}</main></body></html>")


def make_pdf(site: Path | None = None, *, title: str, edition: str, footer: str) -> Path:
    """Print the built site at `site` as `<site>/nato-coalitions.pdf`, with `title` as the document's title,
    `edition` under it on the first page and `footer` (plus the page number) at the foot of every page."""
    import html

    site = Path(site or SITE)
    out = site / PDF_NAME
    if not (site / "index.html").exists():
        raise RuntimeError(f"no site at {site}: run `make site` first")
    source = site / ".collection.html"  # in the site, so that its links and images resolve as the pages' do
    source.write_text(collection_html(site, html.escape(title), html.escape(edition)), encoding="utf-8")
    try:
        with chromium() as browser:
            page = browser.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
            page.goto(source.as_uri(), wait_until="load")
            page.evaluate(_IMAGES)
            page.emulate_media(media="print")
            page.pdf(path=str(out), format="A4", print_background=True, outline=True,
                     margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"},
                     display_header_footer=True, header_template="<span></span>",
                     footer_template='<div style="font-size:8px;width:100%;text-align:center">'
                                     f'{html.escape(footer)} · <span class="pageNumber"></span></div>')
    finally:
        source.unlink(missing_ok=True)
    size = out.stat().st_size
    if size > MAX_BYTES:
        raise RuntimeError(f"{out} is {size / 1e6:.1f} MB, over the 25 MB limit")
    return out


def pdf_main(argv: list[str]) -> int:
    """`python -m helpers pdf`: print the built site's PDF again."""
    from .build import pdf_labels

    try:
        out = make_pdf(**pdf_labels())
    except Exception as exc:
        print(f"pdf: {exc}", file=sys.stderr)
        return 1
    print(f"pdf: {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0
