"""Static PNG and SVG images of every chart, rendered by kaleido and cached by content hash.

An unchanged chart (same figure JSON, size and plotly version) is copied from `_build/cache/figures/` instead of
being rendered again; each image is published to the cache only once it is complete.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from .paths import ROOT

IMAGE_CACHE = ROOT / "_build" / "cache" / "figures"
IMAGE_FORMATS = ("png", "svg")
WIDTH = 1000


def _image_key(figure: dict, width: int, height: int) -> str:
    import plotly

    payload = json.dumps([figure, width, height, plotly.__version__], sort_keys=True).encode()
    return hashlib.sha256(payload).hexdigest()[:24]


def export_images(charts: list, out: Path, cache: Path = IMAGE_CACHE) -> tuple[int, int]:
    """Write <out>/<slug>.png and .svg for every chart (anything with .slug and .figure); return (charts, rendered now).

    A chart whose notebook output already holds the runner's SVG (`.svg`) gets that SVG into the cache as it is,
    so only its PNG is rendered."""
    jobs = []
    cache.mkdir(parents=True, exist_ok=True)
    for chart in charts:
        height = chart.figure.get("layout", {}).get("height") or 550
        key = _image_key(chart.figure, WIDTH, height)
        stored = getattr(chart, "svg", "")
        if stored and not (cache / f"{key}.svg").exists():
            (cache / f"{key}.svg").write_text(stored, encoding="utf-8")
        jobs.append((chart, key, WIDTH, height))
    missing = [job for job in jobs if not all((cache / f"{job[1]}.{f}").exists() for f in IMAGE_FORMATS)]
    if missing:
        _render_images(missing, cache)
    for chart, key, _, _ in jobs:
        for fmt in IMAGE_FORMATS:
            shutil.copy(cache / f"{key}.{fmt}", out / f"{chart.slug}.{fmt}")
    return len(jobs), len(missing)


def _render_images(jobs: list, cache: Path) -> None:
    import asyncio

    import kaleido
    import plotly.io as pio

    from .maps import offline_config

    plotlyjs = Path(pio.__file__).parent.parent / "package_data" / "plotly.min.js"
    topojson = offline_config()["topojsonURL"]
    specs = [{"fig": chart.figure, "path": str(cache / f"{key}.tmp.{fmt}"), "topojson": topojson,
              "opts": {"format": fmt, "width": width, "height": height}}
             for chart, key, width, height in jobs for fmt in IMAGE_FORMATS if not (cache / f"{key}.{fmt}").exists()]

    async def render() -> None:
        async with kaleido.Kaleido(n=2, mathjax=False, plotlyjs=str(plotlyjs)) as k:  # two tabs, two cores
            await k.write_fig_from_object(specs)

    asyncio.run(render())
    for spec in specs:  # publish each image only once it is complete
        Path(spec["path"]).rename(spec["path"].replace(".tmp.", "."))
