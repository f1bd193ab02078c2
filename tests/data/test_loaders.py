"""Loaders return every row, typed from the schema, and refuse invalid data with located problems."""

import csv

import pandas as pd
import pytest

from conftest import BROKEN, ROOT, assemble
from helpers import data
from helpers.data import DataValidationError

TABLES = data.tables(ROOT / "data")


@pytest.mark.parametrize("name", TABLES)
def test_every_row_is_returned(name):
    with open(ROOT / "data" / f"{name}.csv", newline="", encoding="utf-8") as fh:
        expected = sum(1 for _ in csv.DictReader(fh))
    assert len(data.load(name)) == expected


@pytest.mark.parametrize("name", TABLES)
def test_no_value_lost_in_typing(name):
    """Every non-empty cell in the CSV is non-missing after typing (nothing silently turned into NA)."""
    raw = pd.read_csv(ROOT / "data" / f"{name}.csv", dtype=str, keep_default_na=False)
    typed = data.load(name)
    for column in raw.columns:
        assert (raw[column] != "").sum() == typed[column].notna().sum(), column


def test_types_follow_the_schema():
    ops = data.load("operations")
    assert str(ops["start_date"].dtype).startswith("datetime64")
    assert isinstance(ops["kind"].dtype, pd.CategoricalDtype)
    assert str(data.load("personnel")["personnel"].dtype) == "Int64"
    assert str(data.load("defence_expenditure")["is_estimate"].dtype) == "boolean"


def test_strings_that_look_missing_stay_strings(tmp_path):
    directory = assemble(tmp_path / "data")
    path = directory / "piracy.csv"
    path.write_text(path.read_text().replace("217,,,test-a,", "217,,,test-a,NA"))
    assert data.load("piracy", directory)["note"].iloc[0] == "NA"


def test_invalid_data_is_refused_with_located_problems(tmp_path):
    directory = assemble(tmp_path / "data", BROKEN / "many_problems_at_once")
    with pytest.raises(DataValidationError) as err:
        data.load("members", directory)
    message = str(err.value)
    for expected in (BROKEN / "many_problems_at_once" / "expected.txt").read_text().splitlines():
        assert expected in message
    shown = err.value._render_traceback_()  # what IPython shows in a notebook instead of a traceback
    assert shown[0].startswith(f"DataValidationError: {len(err.value.problems)} data problem(s)")


def test_unknown_table_is_a_clear_error():
    with pytest.raises(KeyError, match="no table 'nope'"):
        data.load("nope")


def test_as_of_comes_from_the_data():
    sources = pd.read_csv(ROOT / "data" / "sources.csv", dtype=str)
    assert data.as_of() == pd.Timestamp(sources["accessed"].max())


def test_has_geo_reads_objects_and_json_alike():
    import plotly.graph_objects as go

    from helpers.charts.maps import has_geo

    world = go.Figure(go.Choropleth(locations=["POL"], z=[1]))
    bars = go.Figure(go.Bar(x=[1], y=[1]))
    assert has_geo(world) and has_geo(world.to_plotly_json())
    assert not has_geo(bars) and not has_geo(bars.to_plotly_json())


def test_possessive_of_country_names():
    from helpers.data.countries import name, possessive

    assert [possessive(name(c)) for c in ("POL", "USA", "NLD")] == ["Poland's", "United States'", "Netherlands'"]
