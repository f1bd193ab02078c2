"""Maps that draw offline: the world geometry ships with the project instead of coming from a CDN.

plotly.js fetches `world_110m.json` from a CDN unless told otherwise. In JupyterLab the figure's config can
point `topojsonURL` at a data: URL holding the file (a data: URL ignores the `#/world_110m.json` plotly
appends); the rendered site instead preloads the geometry once as `window.PlotlyGeoAssets`.
"""

from __future__ import annotations

import base64
from functools import lru_cache

import plotly.graph_objects as go

from pathlib import Path

from .style import GRID

WORLD_TOPOJSON = Path(__file__).resolve().parent / "assets" / "world_110m.json"


@lru_cache(maxsize=1)
def offline_config() -> dict:
    """plotly.js config that loads the world geometry from the project instead of a CDN."""
    encoded = base64.b64encode(WORLD_TOPOJSON.read_bytes()).decode("ascii")
    return {"topojsonURL": f"data:application/json;base64,{encoded}#"}


#: Trace types drawn on a geo subplot, which need the world geometry.
GEO_TRACES = {"choropleth", "scattergeo"}


def has_geo(fig: go.Figure | dict) -> bool:
    """True when the figure (object or plotly JSON) draws on a geo subplot and so needs the world geometry."""
    traces = fig["data"] if isinstance(fig, dict) else [t.to_plotly_json() for t in fig.data]
    return any(t.get("type") in GEO_TRACES for t in traces)


def world_choropleth(locations, values, *, discrete: dict, hover: list[str] | None = None) -> go.Figure:
    """A world map of categories keyed by ISO 3166-1 alpha-3 codes: one trace per category, with a legend.

    `discrete` maps each category of `values` to its colour (categories without a country are left out).
    """
    fig = go.Figure()
    for category, colour in discrete.items():
        picked = [i for i, v in enumerate(values) if v == category]
        if not picked:
            continue
        fig.add_trace(go.Choropleth(
            locations=[locations[i] for i in picked], z=[1] * len(picked), name=str(category),
            colorscale=[[0, colour], [1, colour]], showscale=False, showlegend=True,
            text=[hover[i] for i in picked] if hover else None, hovertemplate="%{text}<extra></extra>",
            marker_line_color="white", marker_line_width=0.5))
    fig.update_geos(showcountries=True, countrycolor="white", showland=True, landcolor=GRID,
                    showframe=False, showcoastlines=False, projection_type="natural earth",
                    projection_rotation_lon=0, center_lon=0, lonaxis_range=[-180, 180], lataxis_range=[-58, 85])
    return fig


def focus(fig: go.Figure, lon: tuple[float, float], lat: tuple[float, float]) -> go.Figure:
    """Zoom a world map to a longitude/latitude box (keeps the world geometry, so it stays offline)."""
    fig.update_geos(lonaxis_range=list(lon), lataxis_range=list(lat), projection_type="mercator",
                    center_lon=sum(lon) / 2, center_lat=sum(lat) / 2, projection_rotation_lon=sum(lon) / 2)
    return fig


def accession_map(members, *, title: str, source: str, hover: list[str] | None = None,
                  links: list[str] | None = None) -> go.Figure:
    """The Allies coloured by enlargement wave, zoomed on the Euro-Atlantic area (notebook 01 and the site's
    Allies index). `members` needs iso3, name, wave and accession_date; `links` gives each Ally's page (the site's
    map opens it when clicked)."""
    from .style import WAVE_COLORS, finish

    waves = list(members["wave"].cat.categories) if hasattr(members["wave"], "cat") else sorted(set(members["wave"]))
    hover = hover or [f"{n}: joined {d:%d %b %Y}" for n, d in zip(members["name"], members["accession_date"])]
    fig = world_choropleth(list(members["iso3"]), [str(w) for w in members["wave"]], hover=hover,
                           discrete=dict(zip([str(w) for w in waves], WAVE_COLORS)))
    if links is not None:
        page = dict(zip(members["iso3"], links))
        for trace in fig.data:
            trace.customdata = [page[code] for code in trace.locations]
    focus(fig, lon=(-130, 45), lat=(25, 72))
    fig = finish(fig, title=title, source=source, height=520)
    return fig.update_layout(legend_title_text="Joined in")
