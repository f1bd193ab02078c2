"""A static PNG beside each plotly output, so viewers that run no JavaScript (GitHub, nbconvert) show the chart.

Each image is rendered by kaleido from the figure JSON and keyed by a hash of that JSON, its size and the plotly
version. An image is reused, in this order, from the notebook being rewritten, from `_build/cache/figures/`, and
only then rendered; so an unchanged figure keeps the exact bytes already committed, on any machine.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
from pathlib import Path

from .paths import ROOT

PLOTLY_MIME = "application/vnd.plotly.v1+json"
PNG_MIME = "image/png"
#: Rendered PNGs, by key (shared with the site's image cache folder).
CACHE = ROOT / "_build" / "cache" / "figures"
#: Width of the notebook images; the height is the figure's own, else plotly's default.
WIDTH, DEFAULT_HEIGHT = 900, 450


def plotly_outputs(nb: dict) -> list[dict]:
    """Every output (display_data or execute_result) that holds plotly figure JSON, in notebook order."""
    return [o for c in nb.get("cells", []) if c.get("cell_type") == "code" for o in c.get("outputs", [])
            if PLOTLY_MIME in o.get("data", {})]


def figure_key(figure: dict) -> str:
    """Content key of a figure's image: its data and layout (not the config, which holds no drawing), size and
    plotly version."""
    import plotly

    drawn = {"data": figure.get("data", []), "layout": figure.get("layout", {})}
    payload = json.dumps([drawn, WIDTH, _height(figure), plotly.__version__, "png"], sort_keys=True)
    return "nb-" + hashlib.sha256(payload.encode()).hexdigest()[:24]


def _height(figure: dict) -> int:
    return int(figure.get("layout", {}).get("height") or DEFAULT_HEIGHT)


def known_images(nb: dict) -> dict[str, str]:
    """The PNGs (base64) a notebook already holds, by figure key."""
    return {figure_key(o["data"][PLOTLY_MIME]): o["data"][PNG_MIME] for o in plotly_outputs(nb)
            if isinstance(o["data"].get(PNG_MIME), str)}


def cached(key: str, cache: Path = CACHE) -> str | None:
    """The base64 PNG for a key from the image cache, or None."""
    path = cache / f"{key}.png"
    return base64.b64encode(path.read_bytes()).decode("ascii") if path.exists() else None


def attach_images(nb: dict, previous: dict | None = None, *, render: bool = True, cache: Path = CACHE) -> int:
    """Give every plotly output its PNG (reused when known, else rendered); return how many were rendered.

    Without a Chromium to render with, outputs whose figure has no known image are left without one.
    """
    known = known_images(previous) if previous else {}
    missing: dict[str, dict] = {}
    for output in plotly_outputs(nb):
        figure = output["data"][PLOTLY_MIME]
        key = figure_key(figure)
        image = known.get(key) or cached(key, cache)
        if image is None:
            missing[key] = figure
        else:
            output["data"][PNG_MIME] = image
    if missing and render:
        from .site import find_chromium

        if find_chromium() is None:
            print("chart images: no Chromium found (Debian: apt-get install chromium); new charts get no PNG",
                  file=sys.stderr)
        else:
            _render(missing, cache)
    rendered = 0
    for output in plotly_outputs(nb):
        figure = output["data"][PLOTLY_MIME]
        if PNG_MIME not in output["data"] and (image := cached(figure_key(figure), cache)) is not None:
            output["data"][PNG_MIME] = image
            rendered += 1
    return rendered


def _render(figures: dict[str, dict], cache: Path) -> None:
    """Render PNGs with one kaleido browser; each file appears only once complete."""
    import asyncio

    import kaleido
    import plotly.io as pio

    from .maps import offline_config

    cache.mkdir(parents=True, exist_ok=True)
    plotlyjs = Path(pio.__file__).parent.parent / "package_data" / "plotly.min.js"
    specs = [{"fig": {"data": f.get("data", []), "layout": f.get("layout", {})},
              "path": str(cache / f"{key}.tmp.png"), "topojson": offline_config()["topojsonURL"],
              "opts": {"format": "png", "width": WIDTH, "height": _height(f)}} for key, f in figures.items()]

    async def render() -> None:
        async with kaleido.Kaleido(n=1, mathjax=False, plotlyjs=str(plotlyjs)) as k:
            await k.write_fig_from_object(specs)

    asyncio.run(render())
    for spec in specs:
        Path(spec["path"]).rename(spec["path"].replace(".tmp.png", ".png"))
