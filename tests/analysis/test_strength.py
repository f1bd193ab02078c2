"""What a troop sum covers, and NATO's own figures beside it."""

import pandas as pd

from helpers import data
from helpers.analysis import operations, strength

YEARS = pd.DataFrame({"op_id": ["a", "a", "b", "b", "c"], "year": [2021, 2022, 2022, 2023, 2023],
                      "person_years": [100.0, 50.0, 1000.0, 0.0, 10.0]})


def test_summed_names_each_operation_and_its_years():
    out = strength.summed(YEARS, pd.Series({"a": "Alpha", "b": "Bravo", "c": "Charlie"}))
    assert list(out["operation"]) == ["Alpha", "Bravo", "Charlie"]
    assert out.set_index("op_id").loc["b", ["first_year", "last_year", "years"]].tolist() == [2022, 2022, 1]
    assert out.set_index("op_id").loc["a", "troop_years"] == 150


def test_left_out_lists_operations_without_troop_years():
    ops = pd.DataFrame({"op_id": ["a", "b", "c", "d"]})
    assert list(strength.left_out(ops, YEARS)["op_id"]) == ["d"]


def test_posture_by_year_sets_nato_figures_beside_the_sum():
    posture = pd.DataFrame({"date": pd.to_datetime(["2022-03-23", "2022-06-16", "2022-06-28", "2023-02-15"]),
                            "scope": ["nato_command_east", "nato_command_east", "efp_battlegroups", "nato_command"],
                            "personnel": [40000, 40000, 9641, 40000]})
    out = strength.posture_by_year(posture, YEARS).set_index("year")
    assert out.loc[2022, ["nato_figure", "figures"]].tolist() == [40000, 2]  # the battlegroups' count is another scope
    assert out.loc[2022, "dated_sum"] == 1050 and round(out.loc[2023, "ratio"]) == 4000


def test_since_2022_nato_counts_several_times_what_the_dated_strengths_sum_to():
    """Issue 20: the troop-year model understates forces under NATO command about threefold since 2022."""
    ops = data.load("operations")
    deployed = data.load("personnel").query("figure_type == 'deployed'")
    years = operations.troop_years(deployed, as_of=data.as_of(), ends=ops.set_index("op_id")["end_date"]).years
    out = strength.posture_by_year(data.load("posture"), years)
    assert (out.loc[out["year"] >= 2022, "ratio"] > 2).all()
