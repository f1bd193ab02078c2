"""What a notebook shows: a chart with the rows it plots (`show`), and a formatted table (`table`).

`show` emits plotly's figure JSON (which JupyterLab renders offline and nbval compares) and, under the project's
own MIME type, the chart's rows and text alternative for the site. pandas' Styler prints its memory address as
plain text, which would make committed outputs differ on every run; `table()` gives the same HTML with the
frame's own text as the plain-text form.
"""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from IPython.display import display

from . import maps
from .layout import lay_out
from .payload import CHART_DATA_MIME, PLOTLY_MIME, chart_payload


def show(fig: go.Figure, data: pd.DataFrame | None = None, *, units: dict[str, str] | None = None,
         description: str | None = None) -> None:
    """Display a figure in the notebook, with the rows it plots and a text alternative beside it.

    `data` is the frame the chart plots (keep its `source_id` column so each row names its source); without
    it the rows are read off the figure. `units` maps column names to units; `description` replaces the
    generated text alternative. Maps get the offline world geometry in their config. What is shown is a copy laid
    out for the width of static images (`layout.lay_out`). Emits plotly's MIME
    bundle directly (no nbformat import, unlike `fig.show()`).
    """
    config = {"displaylogo": False, **(maps.offline_config() if maps.has_geo(fig) else {})}
    fig = lay_out(go.Figure(fig))  # a copy, laid out for the static image's width after the notebook's last change
    display(_Bundle(fig, config, chart_payload(fig, data, units=units, description=description)))


class _Bundle:
    """Plotly's MIME bundle (figure JSON only), which JupyterLab renders offline and nbval can compare, plus
    the chart's rows and description under the project's own MIME type (which JupyterLab ignores)."""

    def __init__(self, fig: go.Figure, config: dict, payload: dict):
        self.fig, self.config, self.payload = fig, config, payload

    def _repr_mimebundle_(self, include=None, exclude=None):
        figure = json.loads(pio.to_json(self.fig, validate=False, remove_uids=True))
        figure["config"] = self.config
        return {PLOTLY_MIME: figure, CHART_DATA_MIME: self.payload,
                "text/plain": f"<Figure: {self.fig.layout.title.text}>"}



class Table:
    """A formatted table: HTML for JupyterLab and the site, the frame's text for plain viewers and nbval."""

    def __init__(self, frame: pd.DataFrame, formats: dict | None = None, na_rep: str = "", compact: bool = False):
        self.frame, self.formats, self.na_rep, self.compact = frame, formats or {}, na_rep, compact

    def _repr_html_(self) -> str:
        import hashlib
        import re

        # pandas gives each styled table a random id; a hash of the content keeps reruns byte-identical
        uuid = hashlib.sha256(self.frame.to_csv().encode()).hexdigest()[:8]
        styled = self.frame.style.set_uuid(uuid).format(self.formats, na_rep=self.na_rep).hide(axis="index")
        html = styled.to_html(cell_ids=False)
        if self.compact:  # no per-cell ids, classes or indentation: a long table weighs half as much
            html = re.sub(r'<td id="[^"]*" class="data row\d+ col\d+" >', "<td>", html)
            html = re.sub(r"\n\s+", "\n", html)
        return html

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)


def table(frame: pd.DataFrame, formats: dict | None = None, na_rep: str = "", compact: bool = False) -> Table:
    """Show `frame` without its index, each column formatted by `formats` (e.g. {"date": "{:%b %Y}"}); `compact`
    leaves out pandas' per-cell ids and classes (for long tables, which otherwise weigh twice their text)."""
    return Table(frame, formats, na_rep, compact)
