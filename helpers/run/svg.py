"""A static SVG beside each plotly output, so viewers that run no JavaScript (GitHub, nbconvert) show the chart.

The image sits in the same output bundle as the figure JSON, as `image/svg+xml` (not `image/png`):
- JupyterLab's plotly renderer ranks above its SVG renderer, so Lab shows the interactive chart; and because the
  bundle holds no `image/png`, the renderer neither shows a stored image nor stores a PNG of its own, so a save
  in Lab writes the bundle back unchanged;
- nbconvert's HTML exporter and GitHub do not know the plotly MIME type and show the SVG.

An image is reused, in this order, from the notebook being rewritten, from the image cache (`helpers.charts.images`),
and only then rendered; so an unchanged figure keeps the exact bytes already committed, on any machine.
"""

from __future__ import annotations

import sys

from ..charts.chromium import NoChromium
from ..charts.images import cached, image_digest, render, store
from ..charts.payload import PLOTLY_MIME

SVG_MIME = "image/svg+xml"


def plotly_outputs(nb: dict) -> list[dict]:
    """Every output (display_data or execute_result) that holds plotly figure JSON, in notebook order."""
    return [o for c in nb.get("cells", []) if c.get("cell_type") == "code" for o in c.get("outputs", [])
            if PLOTLY_MIME in o.get("data", {})]


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def known_images(nb: dict) -> dict[str, str]:
    """The SVGs a notebook already holds, by image digest."""
    return {image_digest(o["data"][PLOTLY_MIME], "svg"): _text(o["data"][SVG_MIME]) for o in plotly_outputs(nb)
            if SVG_MIME in o["data"]}


def attach_images(nb: dict, previous: dict | None = None, *, render_missing: bool = True) -> int:
    """Give every plotly output its SVG (reused when known, else rendered); return how many were rendered.

    Without a Chromium to render with, outputs whose figure has no known image are left without one.
    """
    known = known_images(previous) if previous else {}
    for output in plotly_outputs(nb):
        output["data"].pop("image/png", None)  # never stored: Lab's plotly renderer would replace it
        figure = output["data"][PLOTLY_MIME]
        if image_digest(figure, "svg") in known:
            store(figure, "svg", known[image_digest(figure, "svg")])
    rendered = 0
    if render_missing:
        try:
            rendered = render([o["data"][PLOTLY_MIME] for o in plotly_outputs(nb)], ("svg",))
        except NoChromium as exc:
            print(f"chart images: {exc}; new charts get no image", file=sys.stderr)
    for output in plotly_outputs(nb):
        path = cached(output["data"][PLOTLY_MIME], "svg")
        if path is not None:
            output["data"][SVG_MIME] = path.read_text(encoding="utf-8")
    return rendered
