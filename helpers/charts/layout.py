"""A finished chart laid out for the width its static image is drawn at (`images.WIDTH`): what JupyterLab, the PNG
and SVG files and viewers without JavaScript show. `show` applies it to every chart after the notebook's last
change, so a legend a notebook moves below the plot still clears the axis title and the "Source:" note.

Python cannot measure text, so sizes are estimated from character counts with a generous glyph width. The site
measures what the browser drew instead and lays every chart out again for its own width
(helpers/site/assets/layout.js). From the top: the title, wrapped, then a legend and labels above the plot; from
the bottom of the plot: tick labels, the x-axis title, a legend below the plot and the "Source:" note. Axis titles
longer than the plot wrap, and the chart grows until its rows fit.
"""

from __future__ import annotations

import math
import re
import textwrap

import plotly.graph_objects as go

from .images import DEFAULT_HEIGHT, WIDTH
from .payload import decoded, strip_tags

EM = 0.6  # average glyph width, in em, of DejaVu Sans (the widest common fallback for the collection's font)
LINE = 1.3  # line height, in em
GAP = 8  # px between blocks
PAD = 10  # px from the chart's edge to the title
MIN_PLOT = 220  # px: the least height left to the plot area
_BR = re.compile(r"<br\s*/?>", re.I)


def wrap(text: str, room: float, size: float) -> list[str]:
    """The lines of `text` (its own line breaks kept) that fit `room` pixels at font `size`, by estimated width."""
    per = max(8, int(room / (EM * size)))
    return [line for part in _BR.split(str(text or "")) for line in (textwrap.wrap(strip_tags(part), per) or [""])]


def _values(*candidates) -> list:
    """The first of `candidates` (arrays or tuples from a figure, maybe None or empty) that holds values, as a list."""
    for values in candidates:
        if values is not None and len(values):
            return list(values)
    return []


def _lines(text: str) -> int:
    return len(_BR.split(str(text or "")))


def _longest(texts) -> int:
    return max((len(strip_tags(part)) for text in texts for part in _BR.split(str(text))), default=0)


def _fonts(fig: go.Figure) -> tuple[float, float]:
    """The chart's font size and its title's, from the figure or its template."""
    template = fig.layout.template.layout if fig.layout.template else go.Layout()
    size = fig.layout.font.size or template.font.size or 12
    return size, fig.layout.title.font.size or template.title.font.size or 17


def _legend_rows(fig: go.Figure, size: float, room: float) -> int:
    """Rows of a horizontal legend: entries (symbol and name) packed into `room` pixels."""
    names = [t.name for t in fig.data if t.name and t.showlegend is not False]
    names += [s.name for s in fig.layout.shapes if s.showlegend and s.name]
    if fig.layout.legend.title.text:
        names.insert(0, fig.layout.legend.title.text)
    rows, used = 1, 0.0
    for name in names:
        entry = 40 + _longest([name]) * EM * size
        if used and used + entry > room:
            rows, used = rows + 1, 0.0
        used += entry
    return rows if names else 0


def _has_legend(fig: go.Figure) -> bool:
    shown = [t for t in fig.data if t.showlegend is not False and t.name]
    shapes = [s for s in fig.layout.shapes if s.showlegend]
    return fig.layout.showlegend is not False and (len(shown) + len(shapes) > 1 or bool(fig.layout.showlegend))


def _above(a) -> bool:
    """An annotation drawn just above the plot (a reference line's label, a dated mark)."""
    return (a.yref == "paper" or str(a.yref or "").endswith(" domain")) and (a.y or 0) >= 1 and a.yanchor == "bottom"


def _tick_labels(fig: go.Figure, size: float) -> float:
    """Height of the x axis's tick labels below the plot, in px."""
    axis = fig.layout.xaxis
    if axis.visible is False:
        return 0.0
    size = axis.tickfont.size or size
    labels = _values(axis.ticktext, axis.tickvals, axis.categoryarray)
    if not labels:
        labels = [v for t in fig.data if getattr(t, "orientation", None) != "h"
                  for v in _values(getattr(t, "x", None)) if isinstance(v, str)]
    angle = abs(axis.tickangle or 0) if isinstance(axis.tickangle, (int, float)) else 0
    if labels and angle:
        return _longest(labels) * EM * size * math.sin(math.radians(angle)) + size + GAP
    return max(_lines(v) for v in labels or [""]) * size * LINE + GAP


def _category_rows(fig: go.Figure, size: float) -> float:
    """The least plot height in px for the rows of a category y axis (every bar or name on a line of its own)."""
    axis = fig.layout.yaxis
    names = set(_values(axis.categoryarray, axis.tickvals))
    for trace in fig.data:
        if getattr(trace, "orientation", None) == "h" or trace.type == "scatter":
            names |= {v for v in _values(getattr(trace, "y", None)) if isinstance(v, str)}
    if not names:
        return 0.0
    lines = max(_lines(n) for n in names)
    return len(names) * ((axis.tickfont.size or size) * LINE * lines + 3)


def _overlap(a: tuple, b: tuple) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > -2 and min(a[3], b[3]) - max(a[1], b[1]) > -2


def _thin_labels(fig: go.Figure, plot_w: float, plot_h: float) -> None:
    """Labels of points that would overprint one another (positions estimated from the data's range): each is
    drawn only if it clears those kept before it. A dropped label's `texttemplate` is empty, so the hover, which
    reads the text, still names every point."""
    for trace in fig.data:
        if trace.type != "scatter" or "text" not in (trace.mode or ""):
            continue
        text = _values(trace.text)
        try:
            xs, ys = [float(v) for v in decoded(trace.x) or []], [float(v) for v in decoded(trace.y) or []]
        except (TypeError, ValueError):
            continue
        if len(text) != len(xs) or len(xs) < 2 or isinstance(trace.textposition, (tuple, list)):
            continue
        (x0, x1), (y0, y1) = (min(xs), max(xs)), (min(ys), max(ys))
        pad_x, pad_y = (x1 - x0) * 0.06 or 1, (y1 - y0) * 0.06 or 1
        size = trace.textfont.size or 12
        position = str(trace.textposition or "middle center")
        shift = -size if "top" in position else size if "bottom" in position else 0
        kept, templates = [], []
        for x, y, label in zip(xs, ys, text):
            cx = (x - x0 + pad_x) / (x1 - x0 + 2 * pad_x) * plot_w
            cy = (1 - (y - y0 + pad_y) / (y1 - y0 + 2 * pad_y)) * plot_h + shift
            w, h = len(str(label)) * EM * size / 2 + 1, size * LINE / 2
            box = (cx - w, cy - h, cx + w, cy + h)
            clear = not any(_overlap(box, other) for other in kept)
            templates.append("%{text}" if clear else "")
            if clear:
                kept.append(box)
        if "" in templates:
            trace.texttemplate = templates


def lay_out(fig: go.Figure) -> go.Figure:
    """Place title, legend, labels and note of a finished chart so that none overprints another at WIDTH px."""
    size, title_size = _fonts(fig)
    layout = fig.layout
    template = layout.template.layout if layout.template else go.Layout()
    margin_l = layout.margin.l if layout.margin.l is not None else (template.margin.l or 70)
    margin_r = layout.margin.r if layout.margin.r is not None else (template.margin.r or 30)
    axis_size = round(size * 1.2)  # plotly's axis titles
    # top: the title, then labels above the plot, then a legend above them
    title = wrap(layout.title.text or "", WIDTH - 2 * PAD, title_size)
    title_h = len(title) * title_size * LINE if layout.title.text else 0
    labels_h = max(((a.font.size or size) * LINE * _lines(a.text) + (a.yshift or 0)
                    for a in layout.annotations if _above(a)), default=0.0)
    legend = layout.legend
    horizontal = _has_legend(fig) and legend.orientation == "h"
    legend_h = _legend_rows(fig, size, WIDTH - margin_l - margin_r) * (size * LINE + 6) if horizontal else 0.0
    legend_above = horizontal and (legend.y or 0) >= 0.5
    top = GAP + title_h + GAP + labels_h + (legend_h + 4 if legend_above else 0) + GAP
    # bottom: tick labels, axis title, legend below, note
    ticks = _tick_labels(fig, size)
    x_title = layout.xaxis.title.text
    if x_title:
        x_title = "<br>".join(wrap(x_title, WIDTH - margin_l - margin_r, axis_size))
        fig.update_xaxes(title_text=x_title, title_standoff=GAP)
    axis_h = ticks + (_lines(x_title) * axis_size * LINE + GAP if x_title else 0)
    legend_top = axis_h + GAP
    bottom = legend_top + (legend_h + GAP if horizontal and not legend_above else 0)
    notes = [a for a in layout.annotations if a.name == "source-note"]
    note_top = bottom
    if notes:
        bottom += _lines(notes[0].text) * (notes[0].font.size or 11) * LINE + GAP
    bottom += GAP
    # height: the plot keeps room for its rows and its axis title
    height = layout.height or DEFAULT_HEIGHT
    plot = max(MIN_PLOT, _category_rows(fig, size))
    y_title = layout.yaxis.title.text
    if y_title and _longest([y_title]) * EM * axis_size > max(plot, height - top - bottom):
        fig.update_yaxes(title_text="<br>".join(wrap(y_title, max(plot, height - top - bottom), axis_size)))
    height = max(height, math.ceil(top + bottom + plot))
    plot_h = height - top - bottom
    fig.update_layout(height=height, margin_t=math.ceil(top), margin_b=math.ceil(bottom))
    if layout.title.text:
        fig.update_layout(title=dict(text="<br>".join(title), x=0, xanchor="left", xref="container", pad_l=PAD,
                                     yref="container", yanchor="bottom", y=1 - (GAP + 0.95 * title_size) / height))
    if horizontal:
        y = 1 + (labels_h + 4) / plot_h if legend_above else -legend_top / plot_h
        fig.update_layout(legend=dict(y=y, yanchor="bottom" if legend_above else "top"))
    for note in notes:
        note.update(y=0, yanchor="top", yshift=-note_top)
    _thin_labels(fig, WIDTH - margin_l - margin_r - 40, plot_h)
    # labels of points may reach past the plot's edge rather than be cut there
    fig.update_traces(cliponaxis=False, selector=lambda t: t.type == "scatter" and "text" in (t.mode or ""))
    return fig
