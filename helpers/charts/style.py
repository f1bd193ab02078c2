"""One chart style for the whole collection: palette, plotly template, title and source note.

Importing this module changes nothing in plotly. `apply()` registers the template and makes it plotly's
default, which is global state: plotly express reads the default template's colours when it creates a
figure, so the style must be in place before the first chart of a notebook, not added by `finish()` after.
Importing any module of `helpers.charts` calls `apply()` (the room's `__init__`), and `finish()` names the template
explicitly, so a figure finished here has the collection's style whatever was imported first.
"""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go
import plotly.io as pio

FONT = "Inter, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
#: Colour-blind-safe palette (Okabe-Ito order, NATO-like navy first).
PALETTE = ["#1f4e8c", "#e69f00", "#56b4e9", "#009e73", "#d55e00", "#cc79a7", "#8c6d31", "#7f7f7f", "#f0e442",
           "#000000"]
NAVY, ORANGE, SKY, GREEN, VERMILION, PURPLE, BROWN, GREY = PALETTE[:8]
#: Reference lines (spending guidelines) share one colour.
REFERENCE = "#b22222"
#: Secondary greys and blues: connectors, hatching, gridlines, de-emphasised marks, date markers.
LIGHT_GREY, PALE_GREY, GRID, PALE_BLUE, DARK_GREY, TEAL = "#bbbbbb", "#cccccc", "#eeeeee", "#9bbbd4", "#555555", "#0b7a9f"
#: One colour per enlargement wave (blues for the Cold War, then warm and contrasting hues), in wave order.
WAVE_COLORS = ["#08306b", "#2171b5", "#6baed6", "#74c476", "#e69f00", "#d55e00", "#cc79a7", "#009e73", "#7b3294",
               "#8c6d31", "#000000"]

#: NATO's spending guidelines and targets, as reference lines: label -> (value, dash). Values in % (of GDP, or
#: of defence spending for equipment). The Hague commitment (2025) is 5% of GDP for 2035: at least 3.5% on core
#: defence, which NATO's expenditure figures measure, and up to 1.5% on defence- and security-related spending,
#: which they do not (tests/analysis/test_commitments.py checks these values against events.csv).
GUIDELINES = {"2% guideline (2006)": (2.0, "dash"), "3.5% core target for 2035": (3.5, "dot"),
              "5% in all for 2035, with related spending": (5.0, "dashdot"),
              "20% equipment guideline": (20.0, "dash")}


def add_guidelines(fig: go.Figure, names: tuple[str, ...], axis: str = "y", short: bool = False,
                   position: str | None = None, legend: bool = False) -> go.Figure:
    """Draw the named GUIDELINES as reference lines across the plot (horizontal for axis 'y', vertical for 'x'),
    labelled with their name, or only their value when `short`; `position` moves the label (plotly's
    annotation_position, default 'top left' for a horizontal line and 'top' for a vertical one); with `legend`, the
    line is named in the legend instead, where no data can overprint the label."""
    for name in names:
        value, dash = GUIDELINES[name]
        text = name.split(" ")[0] if short else name
        line = dict(line_dash=dash, line_color=REFERENCE)
        if legend:
            line.update(name=text, showlegend=True)
        else:
            line.update(annotation_text=text,
                        annotation_position=position or ("top left" if axis == "y" else "top"))
        if axis == "y":
            fig.add_hline(y=value, **line)
        else:
            fig.add_vline(x=value, **line)
    return fig

#: A fixed colour per operation kind, so the same kind looks the same in every chart.
KIND_COLORS = {
    "combat": VERMILION, "peace_support": NAVY, "maritime_security": SKY, "counter_piracy": TEAL,
    "training": GREEN, "air_policing": PURPLE, "deterrence": ORANGE, "humanitarian": PALETTE[8],
    "security_assistance": BROWN, "surveillance": GREY, "logistics_support": PALE_BLUE,
}

#: The hover line naming a point's source (from `provenance.point_sources`, in customdata).
SOURCE_HOVER = "<br><span style='font-size:11px'>%{customdata}</span>"

TEMPLATE_NAME = "nato_coalitions"


def _template() -> go.layout.Template:
    t = go.layout.Template()
    t.layout = go.Layout(
        font=dict(family=FONT, size=13, color="#222"),
        title=dict(x=0.0, xanchor="left", font=dict(size=17)),
        colorway=PALETTE,
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=70, r=30, t=70, b=95),
        xaxis=dict(showgrid=False, linecolor="#888", ticks="outside", zeroline=False),
        yaxis=dict(gridcolor="#e5e5e5", linecolor="#888", zeroline=False),
        legend=dict(bgcolor="rgba(255,255,255,0.8)"),
        hoverlabel=dict(font=dict(family=FONT)),
        geo=dict(showframe=False, showcoastlines=False, landcolor="#eeeeee", showland=True,
                 countrycolor="#ffffff", showcountries=True, projection=dict(type="natural earth")),
    )
    return t


#: The template every chart uses: plotly's white theme with the collection's layer on top.
TEMPLATE = "plotly_white+" + TEMPLATE_NAME


def apply() -> None:
    """Register the template and make it plotly's default (idempotent; see the module docstring)."""
    if TEMPLATE_NAME not in pio.templates:
        pio.templates[TEMPLATE_NAME] = _template()
    pio.templates.default = TEMPLATE


def finish(fig: go.Figure, *, title: str, source: str, x_title: str | None = None, y_title: str | None = None,
           height: int | None = None) -> go.Figure:
    """Give a figure its title, axis titles (with units) and a 'Source:' note on the chart itself."""
    apply()
    fig.update_layout(title=dict(text=title), template=TEMPLATE)
    # only the primary axes: a second y axis keeps its own title
    if x_title is not None:
        fig.update_layout(xaxis_title_text=x_title)
    if y_title is not None:
        fig.update_layout(yaxis_title_text=y_title)
    if height is not None:
        fig.update_layout(height=height)
    lines = textwrap.wrap(f"Source: {source}", width=110)
    fig.add_annotation(text="<br>".join(lines), xref="paper", yref="paper", x=0, y=0, xanchor="left",
                       yanchor="top", yshift=-50, showarrow=False, align="left",
                       font=dict(size=11, color="#555"), name="source-note")
    fig.update_layout(margin_b=80 + 14 * len(lines))
    return fig

