"""A static SVG beside each plotly output, so viewers that run no JavaScript (GitHub, nbconvert) show the chart.

The image sits in the same output bundle as the figure JSON, as `image/svg+xml` (not `image/png`):
- JupyterLab's plotly renderer ranks above its SVG renderer, so Lab shows the interactive chart; and because the
  bundle holds no `image/png`, the renderer neither shows a stored image nor stores a PNG of its own, so a save
  in Lab writes the bundle back unchanged;
- nbconvert's HTML exporter and GitHub do not know the plotly MIME type and show the SVG.

Each image is rendered by kaleido from the figure JSON and keyed by a hash of that JSON, its size and the plotly
version. An image is reused, in this order, from the notebook being rewritten, from `_build/cache/figures/`, and
only then rendered; so an unchanged figure keeps the exact bytes already committed, on any machine.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

from .paths import ROOT

PLOTLY_MIME = "application/vnd.plotly.v1+json"
SVG_MIME = "image/svg+xml"
#: Rendered images, by key (shared with the site's image cache folder).
CACHE = ROOT / "_build" / "cache" / "figures"
#: Width of the notebook images; the height is the figure's own, else plotly's default.
WIDTH, DEFAULT_HEIGHT = 900, 450


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


def stable_svg(svg: str, key: str) -> str:
    """plotly.js names each drawing's clip paths and definitions after a random six-letter id, and each trace
    (its group, its legend gradient) after another; use the figure's key and the traces' order instead, so that
    rendering the same figure again gives the same bytes."""
    stable = key.removeprefix("nb-")[:6]
    match = _PLOT_UID.search(svg)
    if match and match.group(1) != stable:
        svg = svg.replace(match.group(1), stable)
    uids = list(dict.fromkeys(_TRACE_UID.findall(svg)))
    if not uids:
        return svg
    names = {u: f"{i:06d}" for i, u in enumerate(uids)}
    # a trace's id follows "trace" in its group's class and "-" in its legend gradient's id
    return re.sub(r"(trace|-)(" + "|".join(uids) + r")(?![0-9a-f])", lambda m: m.group(1) + names[m.group(2)], svg)


def plotly_outputs(nb: dict) -> list[dict]:
    """Every output (display_data or execute_result) that holds plotly figure JSON, in notebook order."""
    return [o for c in nb.get("cells", []) if c.get("cell_type") == "code" for o in c.get("outputs", [])
            if PLOTLY_MIME in o.get("data", {})]


def figure_key(figure: dict) -> str:
    """Content key of a figure's image: its data and layout (not the config, which holds no drawing), size and
    plotly version."""
    import plotly

    drawn = {"data": figure.get("data", []), "layout": figure.get("layout", {})}
    payload = json.dumps([drawn, WIDTH, _height(figure), plotly.__version__, "svg"], sort_keys=True)
    return "nb-" + hashlib.sha256(payload.encode()).hexdigest()[:24]


def _height(figure: dict) -> int:
    return int(figure.get("layout", {}).get("height") or DEFAULT_HEIGHT)


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def known_images(nb: dict) -> dict[str, str]:
    """The SVGs a notebook already holds, by figure key."""
    return {figure_key(o["data"][PLOTLY_MIME]): _text(o["data"][SVG_MIME]) for o in plotly_outputs(nb)
            if SVG_MIME in o["data"]}


def cached(key: str, cache: Path = CACHE) -> str | None:
    """The SVG text for a key from the image cache, or None."""
    path = cache / f"{key}.svg"
    return path.read_text(encoding="utf-8") if path.exists() else None


def attach_images(nb: dict, previous: dict | None = None, *, render: bool = True, cache: Path = CACHE) -> int:
    """Give every plotly output its SVG (reused when known, else rendered); return how many were rendered.

    Without a Chromium to render with, outputs whose figure has no known image are left without one.
    """
    known = known_images(previous) if previous else {}
    missing: dict[str, dict] = {}
    for output in plotly_outputs(nb):
        output["data"].pop("image/png", None)  # never stored: Lab's plotly renderer would replace it
        figure = output["data"][PLOTLY_MIME]
        key = figure_key(figure)
        image = known.get(key) or cached(key, cache)
        if image is None:
            missing[key] = figure
        else:
            output["data"][SVG_MIME] = stable_svg(image, key)
    if missing and render:
        from .browser import find_chromium

        if find_chromium() is None:
            print("chart images: no Chromium found (Debian: apt-get install chromium); new charts get no image",
                  file=sys.stderr)
        else:
            _render(missing, cache)
    rendered = 0
    for output in plotly_outputs(nb):
        figure = output["data"][PLOTLY_MIME]
        key = figure_key(figure)
        if SVG_MIME not in output["data"] and (image := cached(key, cache)) is not None:
            output["data"][SVG_MIME] = stable_svg(image, key)
            rendered += 1
    return rendered


def _render(figures: dict[str, dict], cache: Path) -> None:
    """Render SVGs with one kaleido browser; each file appears only once complete."""
    import asyncio

    import kaleido
    import plotly.io as pio

    from .maps import offline_config

    cache.mkdir(parents=True, exist_ok=True)
    plotlyjs = Path(pio.__file__).parent.parent / "package_data" / "plotly.min.js"
    specs = [{"fig": {"data": f.get("data", []), "layout": f.get("layout", {})},
              "path": str(cache / f"{key}.tmp.svg"), "topojson": offline_config()["topojsonURL"],
              "opts": {"format": "svg", "width": WIDTH, "height": _height(f)}} for key, f in figures.items()]

    async def render() -> None:
        async with kaleido.Kaleido(n=1, mathjax=False, plotlyjs=str(plotlyjs)) as k:
            await k.write_fig_from_object(specs)

    asyncio.run(render())
    for spec in specs:  # publish each image only once it is complete
        path = Path(spec["path"])
        key = path.name.removesuffix(".tmp.svg")
        path.write_text(stable_svg(compact_svg(path.read_text(encoding="utf-8")), key), encoding="utf-8")
        path.rename(spec["path"].replace(".tmp.svg", ".svg"))
