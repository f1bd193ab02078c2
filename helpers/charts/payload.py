"""What a chart plots, as rows and as words: the data behind each chart and its text alternative.

`chart_payload` is stored beside plotly's figure JSON in the notebook output (its own MIME type), so the site
can offer every chart's rows as CSV with their sources, and a one- or two-sentence description for readers who
cannot see the chart. Without plotted rows from the notebook, the rows are read off the figure's traces.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..analysis.words import when

#: plotly's MIME type (figure JSON) and the project's own, which carries a chart's rows and text alternative.
PLOTLY_MIME = "application/vnd.plotly.v1+json"
CHART_DATA_MIME = "application/vnd.nato-coalitions.chart+json"
_TAG = re.compile(r"<[^>]+>")


def strip_tags(text: Any) -> str:
    """Markup out, whitespace collapsed: '<b>ISAF</b><br>2010' -> 'ISAF 2010' (titles, notes, hover labels)."""
    return re.sub(r"\s+", " ", _TAG.sub(" ", str(text or ""))).strip()


def decoded(values: Any) -> list | None:
    """A trace's array as a list: plotly 6+ stores numeric arrays in JSON as {"dtype", "bdata"}."""
    if isinstance(values, dict) and "bdata" in values:
        import base64

        import numpy as np

        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    if values is None or isinstance(values, str):
        return None
    return list(values)


def _plain(value: Any) -> Any:
    """A JSON-safe cell: dates as ISO text, missing values as None, numpy scalars as Python numbers."""
    if value is None or (not isinstance(value, (list, tuple, str)) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value if isinstance(value, (int, float, bool, str)) else str(value)


def rows_from_frame(frame: pd.DataFrame) -> tuple[list[str], list[list]]:
    """Column names and rows of the plotted frame (index dropped unless named)."""
    frame = frame.reset_index() if frame.index.name else frame
    return [str(c) for c in frame.columns], [[_plain(v) for v in row] for row in frame.itertuples(index=False)]


def figure_rows(figure: go.Figure | dict) -> tuple[list[str], list[list]]:
    """What the traces draw, one row per point: series, x, y, label (for maps: location, value, hover text).
    Takes a figure or its JSON (as stored in a notebook)."""
    traces = figure.get("data", []) if isinstance(figure, dict) else [t.to_plotly_json() for t in figure.data]
    rows = []
    for trace in traces:
        name = trace.get("name") or ""
        if trace.get("type") == "choropleth":
            locations, z = decoded(trace.get("locations")) or [], decoded(trace.get("z")) or []
            text = decoded(trace.get("text")) or [None] * len(locations)
            rows += [[name, loc, _plain(v), strip_tags(t) or None] for loc, v, t in zip(locations, z, text)]
        else:
            x, y = decoded(trace.get("x")), decoded(trace.get("y"))
            if x is not None and y is not None:
                rows += [[name, _plain(a), _plain(b), None] for a, b in zip(x, y) if a is not None]
    return ["series", "x", "y", "label"], rows


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    text = str(value)
    return text[:10] if re.match(r"\d{4}-\d\d-\d\d[T ]00:00:00", text) else text


def _axis_title(fig: go.Figure, axis: str) -> str:
    return strip_tags(getattr(fig.layout, axis).title.text)


def _number(value: Any) -> float | None:
    """A finite number from a plotted value (numpy scalars included), else None."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else (int(number) if number.is_integer() else number)


#: Date precisions, finest first: where one date is recorded at two precisions, the coarser is said.
PRECISIONS = ("day", "month", "year")


def date_precisions(data: pd.DataFrame | None) -> dict[str, str]:
    """{'2012-12-01': 'month', ...} from a chart's rows that carry `date` and `date_precision` (else empty)."""
    if data is None or not {"date", "date_precision"} <= set(data.columns):
        return {}
    known: dict[str, str] = {}
    for date, precision in zip(pd.to_datetime(data["date"], errors="coerce"), data["date_precision"]):
        if pd.notna(date) and precision in PRECISIONS:
            key = f"{date:%Y-%m-%d}"
            known[key] = max(known.get(key, "day"), precision, key=PRECISIONS.index)
    return known


def _label(value: Any, precisions: dict[str, str] | None = None) -> str:
    """A category or x value as text: years stay '2025'; a date is said as precisely as the chart's rows know it
    ('December 2012', not 2012-12-01, for a month), else as an ISO date."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return str(value)
    text = _fmt(value)
    if precisions and re.fullmatch(r"\d{4}-\d\d-\d\d", text) and text in precisions:
        return when(text, precisions[text])
    return text


def _places(values: list[float]) -> int:
    """How many decimals (0 to 2) the series shows: its most precise value's, so that 2.0 beside 4.48 reads 2.00."""
    return max((len(_fmt(float(v)).partition(".")[2]) for v in values if abs(v) < 1000), default=0)


def _extreme(points: list[tuple], pick, precisions: dict[str, str] | None = None) -> str:
    """'4.48 (POL)' or, for ties, '2.00 (BEL and 5 others)': with as many decimals as the series shows."""
    value = pick(p[0] for p in points)
    labels = [_label(p[1], precisions) for p in points if p[0] == value]
    others = f" and {len(labels) - 1} other{'s' if len(labels) > 2 else ''}" if len(labels) > 1 else ""
    places = _places([p[0] for p in points])
    shown = f"{value:,.{places}f}" if places and abs(value) < 1000 else _fmt(value)
    return f"{shown} ({labels[0]}{others})"


def describe(fig: go.Figure, precisions: dict[str, str] | None = None) -> str:
    """One or two sentences with the chart's key numbers, read off its traces (largest and smallest values); dates
    said to the precision given in `precisions` (see `date_precisions`)."""
    parts = []
    numeric = []
    maps = [t for t in fig.data if t.type == "choropleth"]
    if maps:
        shaded = sum(len(t.locations) for t in maps)
        names = [t.name for t in maps if t.name]
        parts.append(f"A map shading {shaded} countries" + (f" in {len(names)} groups: {', '.join(names[:8])}"
                                                             + (" and others" if len(names) > 8 else "") if names else ""))
    timelines = [t for t in fig.data if t.type == "bar" and getattr(t, "base", None) is not None]
    if timelines:
        starts = [str(b)[:4] for t in timelines for b in t.base]
        count = sum(len(t.y) for t in timelines)
        groups = [t.name for t in timelines if t.name]
        parts.append(f"A timeline of {count} bars from {min(starts)} onwards"
                     + (f", in {len(groups)} groups: {', '.join(groups)}" if groups else ""))
    skip = {id(t) for t in maps + timelines}
    grid = []
    for trace in fig.data:
        if (id(trace) in skip or getattr(trace, "hoverinfo", None) == "skip"
                or getattr(trace, "x", None) is None or getattr(trace, "y", None) is None):
            continue  # decorative traces (connectors, outlines) carry no values of their own
        horizontal = getattr(trace, "orientation", None) == "h" or (
            _number(trace.y[0]) is None and _number(trace.x[0]) is not None if len(trace.x) else False)
        values, labels = (trace.x, trace.y) if horizontal else (trace.y, trace.x)
        text = getattr(trace, "text", None)
        if trace.type == "scatter" and text is not None and not isinstance(text, str) and len(text) == len(values):
            labels = text  # labelled points (e.g. Ally codes) name themselves
        points = [(_number(v), _plain(lab)) for v, lab in zip(values, labels)]
        points = [(v, lab) for v, lab in points if v is not None and lab is not None]
        if len(points) >= 2:
            numeric.append((trace.name or "", points, horizontal))
        elif not points and trace.type == "scatter":
            grid.append(f"{len(trace.x)} {trace.name or 'marked'}")
    if grid:
        parts.append("A grid of marked cells: " + ", ".join(grid))
    axis = _axis_title(fig, "xaxis" if numeric and numeric[0][2] else "yaxis")
    for name, points, _ in numeric[:3]:
        who = f"{name}: " if name and len(numeric) > 1 else ""
        parts.append(f"{who}highest {_extreme(points, max, precisions)}, lowest {_extreme(points, min, precisions)}")
    if not parts:
        return "A chart without numeric series."
    unit = f" Values: {axis}." if axis and numeric else ""
    more = f" Plus {len(numeric) - 3} more series." if len(numeric) > 3 else ""
    return "; ".join(parts) + "." + unit + more


def chart_payload(fig: go.Figure, data: pd.DataFrame | None = None, *, units: dict[str, str] | None = None,
                  description: str | None = None) -> dict:
    """The rows a chart plots, their units, and its text alternative, for the site and for reuse."""
    columns, rows = rows_from_frame(data) if data is not None else figure_rows(fig)
    return {"description": description or describe(fig, date_precisions(data)), "columns": columns,
            "units": dict(units or {}),
            "rows": rows, "from_figure": data is None}
