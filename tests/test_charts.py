"""Chart builders say what they need, format values as told, and the style is applied only when asked."""

import subprocess
import sys

import pandas as pd
import pytest

from conftest import ROOT
from helpers import charts


def test_importing_style_leaves_plotly_alone_and_charts_applies_it():
    code = ("import plotly.io as pio; import helpers.style; before = pio.templates.default; "
            "import helpers.charts; print(before, pio.templates.default)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.split() == ["plotly", "plotly_white+nato_coalitions"]


def test_gantt_names_the_columns_it_needs():
    ops = pd.DataFrame({"op_id": ["a"], "kind": ["combat"], "start_date": pd.to_datetime(["1999-03-24"]),
                        "end_date": pd.to_datetime(["2001-01-01"])})
    with pytest.raises(ValueError, match="missing: label, status, legal_basis"):
        charts.gantt(ops, today=pd.Timestamp("2008-12-31"), title="t", source="s")


@pytest.mark.parametrize("kwargs, hover", [
    ({}, "%{y}: %{x:.2f}%<br><span style='font-size:11px'>%{customdata}</span><extra></extra>"),
    ({"value_format": ",", "unit": " nations"},
     "%{y}: %{x:,} nations<br><span style='font-size:11px'>%{customdata}</span><extra></extra>"),
])
def test_ranked_bars_formats_values_as_told(kwargs, hover):
    frame = pd.DataFrame({"name": ["a", "b"], "v": [1.0, 2.0]})
    fig = charts.ranked_bars(frame, value="v", label="name", title="t", source="s", x_title="x", **kwargs)
    assert fig.data[0].hovertemplate == hover
    assert list(fig.data[0].customdata) == ["", ""]  # no source_id in the frame: nothing to name


@pytest.mark.parametrize("kwargs, hover", [
    ({}, "%{y} 2014: %{x:.2f}%<extra></extra>"),
    ({"value_format": ",.0f", "unit": " USD mn"}, "%{y} 2014: %{x:,.0f} USD mn<extra></extra>"),
])
def test_dumbbell_formats_values_as_told(kwargs, hover):
    frame = pd.DataFrame({"name": ["a"], "s": [1.0], "e": [2.0]})
    fig = charts.dumbbell(frame, label="name", start="s", end="e", start_name="2014", end_name="2025", title="t",
                          source="s", x_title="x", **kwargs)
    assert fig.data[1].hovertemplate == hover
