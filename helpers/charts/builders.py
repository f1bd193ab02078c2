"""Chart builders shared by the notebooks. Every builder returns a finished figure (title, units, source).

Generic charts (step counts, milestones, timelines, ranked bars, dumbbells, strength lines), then charts of who took part:
nation-by-operation matrices, NATO-led operations beside other coalitions, Allies and partners.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from ..analysis.words import when
from ..data import labels as vocab
from ..data import provenance
from .style import (GREY, GRID, KIND_COLORS, LIGHT_GREY, NAVY, ORANGE, PALE_BLUE, PALE_GREY, PALETTE, REFERENCE, SKY,
                    SOURCE_HOVER, VERMILION, finish)


def mark_dates(fig: go.Figure, marks: dict) -> go.Figure:
    """Dotted vertical lines at the given x positions, each labelled just above the plot."""
    for x, label in marks.items():
        fig.add_vline(x=x, line_dash="dot", line_color=GREY)
        fig.add_annotation(x=x, y=1, yref="paper", text=label, showarrow=False, xanchor="right", yanchor="bottom",
                           font_size=10)
    return fig


def step_count(dates: pd.Series, *, title: str, source: str, y_title: str, hover: pd.Series | None = None,
               until: pd.Timestamp | None = None) -> go.Figure:
    """A step chart of a running count over dated events (e.g. members over time)."""
    order = dates.sort_values().index
    x = list(dates.loc[order])
    y = list(range(1, len(x) + 1))
    text = list(hover.loc[order]) if hover is not None else None
    if until is not None:
        x.append(until)
        y.append(y[-1])
        text = text + [""] if text is not None else None
    fig = go.Figure(go.Scatter(x=x, y=y, mode="lines+markers", line_shape="hv", line_color=NAVY,
                               text=text, hovertemplate="%{x|%d %b %Y}: %{y}<br>%{text}<extra></extra>"))
    return finish(fig, title=title, source=source, x_title="Date", y_title=y_title)


def milestones(frame: pd.DataFrame, *, date: str, label: str, title: str, source: str,
               width: int = 48) -> go.Figure:
    """Dated events one row each, the oldest at the top, named on the left (names wrapped at `width` characters):
    a timeline whose names cannot run into each other or off the chart. The hover gives each date and name."""
    rows = frame.sort_values(date)
    names = ["<br>".join(textwrap.wrap(str(n), width)) for n in rows[label]]
    fig = go.Figure(go.Scatter(x=rows[date], y=names, mode="markers", marker=dict(size=11, color=NAVY),
                               hovertemplate="%{x|%d %b %Y}<br>%{y}<extra></extra>"))
    fig.update_yaxes(categoryorder="array", categoryarray=names[::-1], showgrid=True, gridcolor=GRID)
    fig.update_xaxes(showgrid=True, gridcolor=GRID)
    fig.update_layout(showlegend=False)
    return finish(fig, title=title, source=source, x_title="Year", y_title="")


#: Columns `gantt` reads: bar label, dates, status (end_unknown bars are hatched), legal basis (hover), kind (colour).
#: `start_precision` and `end_precision`, where present, say how precisely each date is known.
GANTT_COLUMNS = ("label", "start_date", "end_date", "status", "legal_basis", "kind")


def _dates(rows: pd.DataFrame, which: str) -> pd.Series:
    """`<which>_date` as hover text, as precisely as `<which>_precision` says it is known ('June 2022', never
    '01 Jun 2022' for a month); empty dates stay NA."""
    dates, known = rows[f"{which}_date"], rows.get(f"{which}_precision")
    known = known.astype("string").fillna("day") if known is not None else pd.Series("day", index=rows.index)
    return pd.Series([when(d, p) if pd.notna(d) else pd.NA for d, p in zip(dates, known)], index=rows.index,
                     dtype="object")


def gantt(ops: pd.DataFrame, *, today: pd.Timestamp, title: str, source: str) -> go.Figure:
    """One bar per operation from start to end, coloured by kind. `ops` needs the columns in GANTT_COLUMNS.

    Ongoing operations run to `today`; those whose end no source gives run to `today` hatched. Hover dates are
    as precise as `start_precision` and `end_precision` say (a day only where the day is known).
    """
    missing = [c for c in GANTT_COLUMNS if c not in ops.columns]
    if missing:
        raise ValueError(f"gantt needs the columns {', '.join(GANTT_COLUMNS)}; missing: {', '.join(missing)} "
                         "(label: e.g. analysis.short_label(ops))")
    rows = ops.sort_values("start_date", ascending=False)
    fig = go.Figure()
    for value, group in rows.groupby("kind", observed=True, sort=False):
        # hatched bars last in each trace, so the legend swatch shows the plain colour
        group = group.sort_values("status", key=lambda s: s.astype("string").eq("end_unknown"), kind="stable")
        unknown = group["status"].astype("string").eq("end_unknown").fillna(False)
        end = group["end_date"].fillna(today)
        end_text = _dates(group, "end").fillna("ongoing").where(~unknown, "end not recorded")
        fig.add_trace(go.Bar(
            y=group["label"], x=(end - group["start_date"]).dt.days * 86400000.0, base=group["start_date"],
            orientation="h", name=vocab.label("operations", "kind", value), marker_color=KIND_COLORS.get(str(value)),
            marker_pattern_shape=["/" if u else "" for u in unknown], marker_pattern_fgcolor="white",
            customdata=list(zip(_dates(group, "start"), end_text,
                                vocab.labelled(group["legal_basis"], "operations", "legal_basis"))),
            hovertemplate="<b>%{y}</b><br>%{customdata[0]} to %{customdata[1]}<br>legal basis: %{customdata[2]}"
                          "<extra></extra>"))
    fig.update_yaxes(categoryorder="array", categoryarray=list(rows["label"]), tickfont_size=10)
    fig.update_xaxes(type="date")
    if rows["status"].astype("string").eq("end_unknown").any():  # explain the hatching in the legend
        fig.add_trace(go.Bar(y=[None], x=[None], name="hatched: end not recorded", marker_color=LIGHT_GREY,
                             marker_pattern_shape="/", marker_pattern_fgcolor="white", hoverinfo="skip"))
    fig.update_layout(barmode="overlay", height=max(420, 17 * len(rows) + 160), legend_title_text="Kind")
    return finish(fig, title=title, source=source, x_title="Year", y_title="")


def dual_axis_lines(frame: pd.DataFrame, *, x: str, y1: str, y2: str, y1_title: str, y2_title: str, title: str,
                    source: str, name1: str, name2: str) -> go.Figure:
    """Two series against one date axis, the second on a right-hand axis (e.g. personnel and nations)."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=frame[x], y=frame[y1], name=name1, mode="lines+markers", line_color=NAVY,
                             hovertemplate="%{x|%b %Y}: %{y:,} " + name1.lower() + "<extra></extra>"))
    both = frame.dropna(subset=[y2])
    fig.add_trace(go.Scatter(x=both[x], y=both[y2], name=name2, mode="lines+markers", yaxis="y2",
                             line=dict(color=ORANGE, dash="dot"),
                             hovertemplate="%{x|%b %Y}: %{y} " + name2.lower() + "<extra></extra>"))
    top = float(both[y2].max()) if len(both) else 1.0
    fig.update_layout(yaxis2=dict(title=y2_title, overlaying="y", side="right", showgrid=False, tickmode="auto",
                                  range=[0, top * 1.1]),
                      legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"))
    fig.update_layout(yaxis_rangemode="tozero")
    return finish(fig, title=title, source=source, x_title="Date", y_title=y1_title)


def _hover_value(value_format: str, unit: str) -> str:
    """The hover text of a value on the x axis: '%{x:.2f}%' for percentages, '%{x:,} nations' for counts."""
    return "%{x:" + value_format + "}" + unit


def ranked_bars(frame: pd.DataFrame, *, value: str, label: str, title: str, source: str, x_title: str,
                references: dict[str, float] | None = None, highlight: pd.Series | None = None,
                value_format: str = ".2f", unit: str = "%") -> go.Figure:
    """Horizontal bars ranked by value, with labelled vertical reference lines.

    Hover shows each value with the d3 `value_format` and `unit` (default: percentages with two decimals;
    for counts pass `value_format=",", unit=" nations"`).
    """
    rows = frame.sort_values(value)
    colours = [ORANGE if h else NAVY for h in highlight.loc[rows.index]] if highlight is not None else NAVY
    fig = go.Figure(go.Bar(x=rows[value], y=rows[label], orientation="h", marker_color=colours,
                           customdata=provenance.point_sources(rows),
                           hovertemplate="%{y}: " + _hover_value(value_format, unit) + SOURCE_HOVER
                                         + "<extra></extra>"))
    for text, at in (references or {}).items():
        fig.add_vline(x=at, line_dash="dash", line_color=REFERENCE, annotation_text=text,
                      annotation_position="top")
    fig.update_layout(height=max(420, 20 * len(rows) + 160), showlegend=False)
    return finish(fig, title=title, source=source, x_title=x_title, y_title="")


def dumbbell(frame: pd.DataFrame, *, label: str, start: str, end: str, start_name: str, end_name: str, title: str,
             source: str, x_title: str, references: dict[str, float] | None = None, value_format: str = ".2f",
             unit: str = "%") -> go.Figure:
    """Two values per row joined by a line (e.g. 2014 against the latest year).

    Hover shows each value with the d3 `value_format` and `unit` (default: percentages with two decimals).
    """
    rows = frame.sort_values(end)
    fig = go.Figure()
    xs, ys = [], []
    for _, r in rows.iterrows():
        xs += [r[start], r[end], None]
        ys += [r[label], r[label], None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line_color=LIGHT_GREY, showlegend=False, hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=rows[start], y=rows[label], mode="markers", name=start_name, marker_color=PALE_BLUE,
                             marker_size=9, hovertemplate=f"%{{y}} {start_name}: {_hover_value(value_format, unit)}<extra></extra>"))
    fig.add_trace(go.Scatter(x=rows[end], y=rows[label], mode="markers", name=end_name, marker_color=NAVY,
                             marker_size=9, hovertemplate=f"%{{y}} {end_name}: {_hover_value(value_format, unit)}<extra></extra>"))
    for text, at in (references or {}).items():
        fig.add_vline(x=at, line_dash="dash", line_color=REFERENCE, annotation_text=text,
                      annotation_position="top")
    fig.update_layout(height=max(420, 20 * len(rows) + 160),
                      legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"))
    return finish(fig, title=title, source=source, x_title=x_title, y_title="")


#: Marker symbols that tell counted strengths from planned or authorised ones.
FIGURE_SYMBOLS = {"deployed": "circle", "planned": "diamond-open", "authorised": "square-open",
                  "pledged": "triangle-up-open", "cumulative": "x"}


def strength_lines(frame: pd.DataFrame, *, series: str, title: str, source: str, y_title: str,
                   colors: dict[str, str] | None = None, max_gap_years: float = 2.0) -> go.Figure:
    """Dated strengths per series (columns date, personnel, figure_type, date_precision, and `series`).

    Lines break where two figures are more than `max_gap_years` apart (no invented years between them); planned
    and authorised figures get open symbols, and figures known only to the year a hollow marker."""
    fig = go.Figure()
    groups = frame.dropna(subset=["personnel"]).sort_values("date").groupby(series, sort=False)
    for i, (name, rows) in enumerate(groups):
        x, y = [], []
        for date, value in zip(rows["date"], rows["personnel"]):
            if x and (date - x[-1]).days / 365.25 > max_gap_years:
                x.append((x[-1] + (date - x[-1]) / 2).normalize())
                y.append(None)  # a break in the line
            x.append(date)
            y.append(value)
        colour = (colors or {}).get(name) or PALETTE[i % len(PALETTE)]  # line and markers alike
        fig.add_trace(go.Scatter(x=x, y=y, mode="lines", name=str(name), line_color=colour, connectgaps=False,
                                 hoverinfo="skip", legendgroup=str(name)))
        fig.add_trace(go.Scatter(
            x=rows["date"], y=rows["personnel"], mode="markers", name=str(name), showlegend=False, legendgroup=str(name),
            marker=dict(size=8, color=colour, line=dict(color=colour, width=2),
                        symbol=[FIGURE_SYMBOLS.get(str(t), "circle") + ("-open" if p == "year" and t == "deployed" else "")
                                for t, p in zip(rows["figure_type"], rows["date_precision"])]),
            customdata=list(zip(rows["figure_type"].astype("string").fillna(""),
                                rows["date_precision"].astype("string"), provenance.point_sources(rows))),
            hovertemplate="%{x|%b %Y}: %{y:,} (%{customdata[0]}; date to the %{customdata[1]})<br>"
                          "<span style='font-size:11px'>%{customdata[2]}</span><extra>" + str(name) + "</extra>"))
    fig.update_layout(legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"))
    fig.update_yaxes(rangemode="tozero")
    return finish(fig, title=title, source=source + ". Open markers: planned or authorised figures, or dates known "
                  "only to the year; lines break across gaps of more than two years", x_title="Date", y_title=y_title)


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
    fig.update_xaxes(categoryorder="array", categoryarray=columns, tickangle=-45, showgrid=True, gridcolor=GRID,
                     tickmode="array", tickvals=columns)
    fig.update_yaxes(categoryorder="array", categoryarray=list(order.index), tickfont_size=10, showgrid=True,
                     gridcolor=GRID, tickmode="array", tickvals=list(order.index))
    fig.update_layout(height=max(450, 17 * len(order) + 300), margin_r=40,
                      legend=dict(orientation="h", y=1.0, yanchor="bottom", x=1, xanchor="right"))
    return finish(fig, title=title, source=source, x_title=x_title, y_title=y_title)


#: One colour per NATO role across operations and coalitions.
ROLE_COLORS = {"NATO-led": NAVY, "NATO-supported": SKY, "NATO-coordinated": PALE_BLUE, "NATO a member": VERMILION,
               "No NATO role": GREY, "NATO's role not recorded": PALE_GREY}


def role_timeline(rows: pd.DataFrame, *, today: pd.Timestamp, title: str, source: str) -> go.Figure:
    """One bar per operation or coalition from start to end, coloured by NATO's role in it.

    `rows` needs: label, start_date, end_date (empty while ongoing), role (display label), group; with a `status`
    column, an effort whose end no source gives ('end_unknown') runs to `today` hatched, as in `gantt`."""
    rows = rows.sort_values(["group", "start_date"], ascending=[True, False])
    unknown_end = rows["status"].astype("string").eq("end_unknown").fillna(False) if "status" in rows else None
    fig = go.Figure()
    for role, part in rows.groupby("role", sort=False):
        end = part["end_date"].fillna(today)
        hatched = unknown_end.loc[part.index] if unknown_end is not None else pd.Series(False, index=part.index)
        end_text = part["end_date"].dt.strftime("%b %Y").fillna("ongoing").where(~hatched, "end not recorded")
        pattern = dict(marker_pattern_shape=["/" if h else "" for h in hatched],
                       marker_pattern_fgcolor="white") if hatched.any() else {}
        fig.add_trace(go.Bar(
            y=part["label"], x=(end - part["start_date"]).dt.days * 86400000.0, base=part["start_date"],
            orientation="h", name=role, marker_color=ROLE_COLORS.get(role, GREY), **pattern,
            customdata=list(zip(part["start_date"].dt.strftime("%b %Y"), end_text, part["group"])),
            hovertemplate="<b>%{y}</b><br>%{customdata[0]} to %{customdata[1]}<br>" + role
                          + " (%{customdata[2]})<extra></extra>"))
    if unknown_end is not None and unknown_end.any():  # explain the hatching in the legend
        fig.add_trace(go.Bar(y=[None], x=[None], name="hatched: end not recorded", marker_color=LIGHT_GREY,
                             marker_pattern_shape="/", marker_pattern_fgcolor="white", hoverinfo="skip"))
    fig.update_yaxes(categoryorder="array", categoryarray=list(rows["label"]), tickfont_size=10)
    fig.update_xaxes(type="date")
    # the title at the top, then the legend above the plot: room for each line of both
    height = max(450, 17 * len(rows) + 240)
    legend_rows = -(-len(fig.data) // 3)
    fig.update_layout(barmode="overlay", height=height, margin_t=50 + 24 * (title.count("<br>") + 1) + 20 * legend_rows,
                      legend=dict(orientation="h", y=1.01, yanchor="bottom", x=0, xanchor="left"))
    fig = finish(fig, title=title, source=source, x_title="Year", y_title="")
    return fig.update_layout(title_y=1 - 20 / height, title_yanchor="top")


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
                                               + SOURCE_HOVER
                                               + "<extra></extra>"))
    fig.update_yaxes(categoryorder="array", categoryarray=list(rows[label]), tickfont_size=10)
    fig.update_layout(height=max(420, 17 * len(rows) + 180), barmode="overlay",
                      legend=dict(orientation="h", y=1.0, yanchor="bottom", x=1, xanchor="right"))
    return finish(fig, title=title, source=source, x_title=x_title, y_title="")


def count_grid(frame: pd.DataFrame, *, row: str, column: str, value: str, title: str, source: str, x_title: str,
               y_title: str, hover: str = "%{y} and %{x}: %{z}") -> go.Figure:
    """A grid of counts, one cell per (row, column) pair, shaded from white to navy and labelled with its count;
    rows and columns keep the order they first appear in `frame`, and the slanted column labels get room below."""
    rows, columns = list(dict.fromkeys(frame[row])), list(dict.fromkeys(frame[column]))
    grid = frame.pivot(index=row, columns=column, values=value).reindex(index=rows, columns=columns)
    fig = go.Figure(go.Heatmap(z=grid.values, x=columns, y=rows, text=grid.values, texttemplate="%{text}",
                               colorscale=[[0, "white"], [1, NAVY]], showscale=False,
                               hovertemplate=hover + "<extra></extra>"))
    fig.update_xaxes(tickangle=-45, side="bottom")
    fig.update_yaxes(autorange="reversed")
    fig = finish(fig, title=title, source=source, x_title=x_title, y_title=y_title)
    drop = 20 + 6 * max((len(str(c)) for c in columns), default=0)  # room for the slanted labels
    fig.update_annotations(selector=dict(name="source-note"), yshift=-30 - drop)
    fig.update_xaxes(title_standoff=10)
    margin = fig.layout.margin.b + drop - 20
    return fig.update_layout(margin_b=margin, height=40 * len(rows) + 90 + margin)
