"""Charts of who took part: nation-by-operation matrices, and NATO-led operations beside other coalitions.

Each builder returns a finished figure (takeaway title, axis titles, a "Source:" note), like helpers.charts.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from . import provenance
from .style import GREY, NAVY, ORANGE, SKY, VERMILION, finish

#: Allies and partners are told apart by colour and by the hover text (never by colour alone).
STATUS_COLORS = {"Ally": NAVY, "Partner": ORANGE}


def status_matrix(cells: pd.DataFrame, *, row: str, column: str, status: str, title: str, source: str,
                  x_title: str, y_title: str, column_order: list[str] | None = None) -> go.Figure:
    """A grid with one square per (row, column) pair present, coloured by status ('Ally' or 'Partner').

    Rows are sorted by how many columns they fill; empty cells stay blank (no record, not 'no')."""
    order = cells.groupby(row)[column].nunique().sort_values(kind="stable")
    columns = column_order or sorted(cells[column].unique())
    fig = go.Figure()
    for value, colour in STATUS_COLORS.items():
        part = cells[cells[status] == value]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part[column], y=part[row], mode="markers", name=value,
            marker=dict(symbol="square" if value == "Ally" else "diamond", size=11, color=colour),
            hovertemplate="%{y} in %{x}: " + value.lower() + " on the date of the record<extra></extra>"))
    fig.update_xaxes(categoryorder="array", categoryarray=columns, tickangle=-45, showgrid=True, gridcolor="#eeeeee",
                     tickmode="array", tickvals=columns)
    fig.update_yaxes(categoryorder="array", categoryarray=list(order.index), tickfont_size=10, showgrid=True,
                     gridcolor="#f3f3f3", tickmode="array", tickvals=list(order.index))
    fig.update_layout(height=max(450, 17 * len(order) + 300), margin_r=40,
                      legend=dict(orientation="h", y=1.0, yanchor="bottom", x=1, xanchor="right"))
    fig = finish(fig, title=title, source=source, x_title=x_title, y_title=y_title)
    longest = max((len(str(c)) for c in columns), default=0)
    drop = 40 + 6 * longest  # room for the slanted column labels above the source note
    fig.update_annotations(selector=dict(name="source-note"), yshift=-drop)
    fig.update_xaxes(title_standoff=10)
    return fig.update_layout(margin_b=fig.layout.margin.b + drop)


#: One colour per NATO role across operations and coalitions.
ROLE_COLORS = {"NATO-led": NAVY, "NATO-supported": SKY, "NATO-coordinated": "#9bbbd4", "NATO a member": VERMILION,
               "No NATO role": GREY, "NATO's role not recorded": "#cccccc"}


def role_timeline(rows: pd.DataFrame, *, today: pd.Timestamp, title: str, source: str) -> go.Figure:
    """One bar per operation or coalition from start to end, coloured by NATO's role in it.

    `rows` needs: label, start_date, end_date (empty while ongoing), role (display label), group."""
    rows = rows.sort_values(["group", "start_date"], ascending=[True, False])
    fig = go.Figure()
    for role, part in rows.groupby("role", sort=False):
        end = part["end_date"].fillna(today)
        fig.add_trace(go.Bar(
            y=part["label"], x=(end - part["start_date"]).dt.days * 86400000.0, base=part["start_date"],
            orientation="h", name=role, marker_color=ROLE_COLORS.get(role, GREY),
            customdata=list(zip(part["start_date"].dt.strftime("%b %Y"),
                                part["end_date"].dt.strftime("%b %Y").fillna("ongoing"), part["group"])),
            hovertemplate="<b>%{y}</b><br>%{customdata[0]} to %{customdata[1]}<br>" + role
                          + " (%{customdata[2]})<extra></extra>"))
    fig.update_yaxes(categoryorder="array", categoryarray=list(rows["label"]), tickfont_size=10)
    fig.update_xaxes(type="date")
    fig.update_layout(barmode="overlay", height=max(450, 17 * len(rows) + 240), margin_t=130,
                      legend=dict(orientation="h", y=1.01, yanchor="bottom", x=0, xanchor="left"))
    return finish(fig, title=title, source=source, x_title="Year", y_title="")


def status_bars(frame: pd.DataFrame, *, value: str, label: str, status: str, title: str, source: str,
                x_title: str, hover_unit: str = "") -> go.Figure:
    """Horizontal bars ranked by value, Allies and partners in two colours (and named in the legend)."""
    rows = frame.sort_values(value)
    fig = go.Figure()
    for name, colour in STATUS_COLORS.items():
        part = rows[rows[status] == name]
        if not part.empty:
            fig.add_trace(go.Bar(x=part[value], y=part[label], orientation="h", name=name, marker_color=colour,
                                 customdata=provenance.point_sources(part),
                                 hovertemplate="%{y} (" + name.lower() + "): %{x:,}" + hover_unit
                                               + "<br><span style='font-size:11px'>%{customdata}</span>"
                                               + "<extra></extra>"))
    fig.update_yaxes(categoryorder="array", categoryarray=list(rows[label]), tickfont_size=10)
    fig.update_layout(height=max(420, 17 * len(rows) + 180), barmode="overlay",
                      legend=dict(orientation="h", y=1.0, yanchor="bottom", x=1, xanchor="right"))
    return finish(fig, title=title, source=source, x_title=x_title, y_title="")
