"""Chart builders say what they need, format values as told, and every chart gets the collection's style."""

import json
import subprocess
import sys

import pandas as pd
import plotly.graph_objects as go
import pytest

from conftest import ROOT
from helpers.charts import builders, payload


def test_importing_any_chart_module_applies_the_style():
    code = ("import plotly.io as pio; import helpers.data.loader; before = pio.templates.default; "
            "import helpers.charts.maps; print(before, pio.templates.default)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.split() == ["plotly", "plotly_white+nato_coalitions"]


def test_the_sites_allies_map_has_the_collection_style():
    """Regression: the Allies index map was drawn with plotly's default template when nothing had imported the
    chart builders first (the site builds it without them)."""
    code = ("import json; from helpers.analysis.allies import index_table; from helpers.site.profiles import "
            "index_figure; t = index_figure(index_table())['layout']['template']['layout']; "
            "print(json.dumps([t['font']['family'], t['colorway'][0]]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    from helpers.charts.style import FONT, PALETTE

    assert json.loads(out) == [FONT, PALETTE[0]]


def test_gantt_names_the_columns_it_needs():
    ops = pd.DataFrame({"op_id": ["a"], "kind": ["combat"], "start_date": pd.to_datetime(["1999-03-24"]),
                        "end_date": pd.to_datetime(["2001-01-01"])})
    with pytest.raises(ValueError, match="missing: label, status, legal_basis"):
        builders.gantt(ops, today=pd.Timestamp("2008-12-31"), title="t", source="s")


@pytest.mark.parametrize("kwargs, hover", [
    ({}, "%{y}: %{x:.2f}%<br><span style='font-size:11px'>%{customdata}</span><extra></extra>"),
    ({"value_format": ",", "unit": " nations"},
     "%{y}: %{x:,} nations<br><span style='font-size:11px'>%{customdata}</span><extra></extra>"),
])
def test_ranked_bars_formats_values_as_told(kwargs, hover):
    frame = pd.DataFrame({"name": ["a", "b"], "v": [1.0, 2.0]})
    fig = builders.ranked_bars(frame, value="v", label="name", title="t", source="s", x_title="x", **kwargs)
    assert fig.data[0].hovertemplate == hover
    assert list(fig.data[0].customdata) == ["", ""]  # no source_id in the frame: nothing to name


@pytest.mark.parametrize("kwargs, hover", [
    ({}, "%{y} 2014: %{x:.2f}%<extra></extra>"),
    ({"value_format": ",.0f", "unit": " USD mn"}, "%{y} 2014: %{x:,.0f} USD mn<extra></extra>"),
])
def test_dumbbell_formats_values_as_told(kwargs, hover):
    frame = pd.DataFrame({"name": ["a"], "s": [1.0], "e": [2.0]})
    fig = builders.dumbbell(frame, label="name", start="s", end="e", start_name="2014", end_name="2025", title="t",
                          source="s", x_title="x", **kwargs)
    assert fig.data[1].hovertemplate == hover


def test_a_charts_description_gives_its_extremes_with_the_decimals_the_series_shows():
    """'highest 4.48, lowest 2.00' (not '2' beside a title that says 2.00%), ties counted, years left as years."""
    fig = go.Figure(go.Bar(x=["Poland", "Belgium", "Spain", "Italy"], y=[4.48, 2.0, 2.0, 2.1]))
    fig.update_yaxes(title_text="Defence expenditure (% of GDP)")
    assert payload.describe(fig) == ("highest 4.48 (Poland), lowest 2.00 (Belgium and 1 other). "
                                     "Values: Defence expenditure (% of GDP).")
    counts = go.Figure(go.Scatter(x=[1999, 2004, 2009], y=[3, 7, 2]))
    assert payload.describe(counts).startswith("highest 7 (2004), lowest 2 (2009).")


def test_a_charts_description_says_dates_as_precisely_as_they_are_known():
    """A strength known to the month is 'December 2012' in the text alternative, never 2012-12-01; where one date
    is recorded at two precisions, the coarser is said."""
    dates = pd.to_datetime(["2010-11-15", "2012-12-01", "2011-01-01"])
    fig = go.Figure(go.Scatter(x=dates, y=[2922, 950, 3000]))
    rows = pd.DataFrame({"date": ["2010-11-15", "2012-12-01", "2011-01-01", "2011-01-01"],
                         "date_precision": ["day", "month", "month", "year"], "personnel": [2922, 950, 3000, 3000]})
    assert payload.chart_payload(fig, rows)["description"].startswith("highest 3,000 (2011), lowest 950 (December 2012)")
    assert payload.date_precisions(rows.drop(columns="date_precision")) == {}
