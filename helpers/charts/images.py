"""Static images of charts, rendered by kaleido in the system Chromium: the one renderer and the one cache.

An image is named by the digest of what it draws (the figure's data and layout), its format, size and the plotly
version, and kept in `_build/cache/figures/<digest>.<format>`; an unchanged chart is never rendered twice. The
runner puts an SVG beside each chart of a committed notebook (`helpers.run.svg`), and the site copies PNG and SVG
files next to each chart's CSV (`helpers.site.build`). SVGs are made reproducible: geometry rounded to a tenth of a
pixel, and plotly.js's random ids replaced by ids taken from the digest and the traces' order.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..paths import FIGURE_CACHE, digest, plotly_js
from .chromium import require_chromium

#: Width of every static image (px); the height is the figure's own, else plotly's default.
WIDTH, DEFAULT_HEIGHT = 900, 450
FORMATS = ("png", "svg")


def drawn(figure: dict) -> dict:
    """What an image shows: the figure's data and layout (its config holds no drawing)."""
    return {"data": figure.get("data", []), "layout": figure.get("layout", {})}


def height(figure: dict) -> int:
    return int(figure.get("layout", {}).get("height") or DEFAULT_HEIGHT)


def image_digest(figure: dict, fmt: str) -> str:
    """The name of a figure's image in one format: a digest of its drawing, size, format and plotly version."""
    import plotly

    return digest(json.dumps([drawn(figure), WIDTH, height(figure), plotly.__version__, fmt], sort_keys=True))[:24]


def cached(figure: dict, fmt: str, cache: Path = FIGURE_CACHE) -> Path | None:
    """The cached image file of a figure, or None."""
    path = cache / f"{image_digest(figure, fmt)}.{fmt}"
    return path if path.exists() else None


def store(figure: dict, fmt: str, content: str, cache: Path = FIGURE_CACHE) -> None:
    """Put an image already made (e.g. the SVG a committed notebook holds) into the cache."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"{image_digest(figure, fmt)}.{fmt}"
    if not path.exists():
        path.write_text(content, encoding="utf-8")


def render(figures: list[dict], formats: tuple[str, ...] = FORMATS, cache: Path = FIGURE_CACHE) -> int:
    """Render every image of `figures` in `formats` not yet in the cache, with one kaleido browser; return how
    many were rendered. Raises NoChromium (with the one plain message) when there is no Chromium."""
    import asyncio

    import kaleido

    from .maps import offline_config

    todo = {}
    for figure in figures:
        for fmt in formats:
            if cached(figure, fmt, cache) is None:
                todo[f"{image_digest(figure, fmt)}.{fmt}"] = (figure, fmt)
    if not todo:
        return 0
    require_chromium()
    cache.mkdir(parents=True, exist_ok=True)
    specs = [{"fig": drawn(figure), "path": str(cache / f"{name}.tmp"), "topojson": offline_config()["topojsonURL"],
              "opts": {"format": fmt, "width": WIDTH, "height": height(figure)}} for name, (figure, fmt) in todo.items()]

    async def run() -> None:
        async with kaleido.Kaleido(n=2, mathjax=False, plotlyjs=str(plotly_js())) as k:  # two tabs, two cores
            await k.write_fig_from_object(specs)

    asyncio.run(run())
    for spec in specs:  # publish each image only once it is complete
        path = Path(spec["path"])
        final = path.with_suffix("")
        if final.suffix == ".svg":
            path.write_text(stable_svg(compact_svg(path.read_text(encoding="utf-8")), final.stem), encoding="utf-8")
        path.rename(final)
    return len(specs)


#: Geometry attributes of kaleido's SVG, whose coordinates carry up to 15 decimals (maps: hundreds of kB).
_GEOMETRY = re.compile(r'(\s(?:d|transform|x|y|x1|x2|y1|y2|width|height|points|viewBox)=")([^"]*)(")')
_LONG_NUMBER = re.compile(r"-?\d+\.\d{2,}(?:e-?\d+)?")


def _tenth(match: re.Match) -> str:
    text = f"{float(match.group()):.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def compact_svg(svg: str) -> str:
    """`svg` with geometry rounded to a tenth of a pixel (about half the size; text and styles untouched)."""
    return _GEOMETRY.sub(lambda m: m.group(1) + _LONG_NUMBER.sub(_tenth, m.group(2)) + m.group(3), svg)


_PLOT_UID = re.compile(r'id="defs-([0-9a-f]{6})"')
_TRACE_UID = re.compile(r'(?:\btrace|legend-|legendfill-|id="p[0-9a-z-]{6}-)([0-9a-f]{6})\b')


def stable_svg(svg: str, name: str) -> str:
    """plotly.js names each drawing's clip paths and definitions after a random six-letter id, and each trace
    (its group, its legend gradient) after another; use the image's name and the traces' order instead, so that
    rendering the same figure again gives the same bytes."""
    stable = name[:6]
    match = _PLOT_UID.search(svg)
    if match and match.group(1) != stable:
        svg = svg.replace(match.group(1), stable)
    uids = list(dict.fromkeys(_TRACE_UID.findall(svg)))
    if not uids:
        return svg
    names = {u: f"{i:06d}" for i, u in enumerate(uids)}
    # a trace's id follows "trace" in its group's class and "-" in its legend gradient's id
    return re.sub(r"(trace|-)(" + "|".join(uids) + r")(?![0-9a-f])", lambda m: m.group(1) + names[m.group(2)], svg)
