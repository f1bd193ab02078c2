"""Parameter cells (papermill `parameters` tag) let a reader rerun a notebook for another year, date or Ally.

Every parameter passes through a checker of `helpers.analysis.params` before use, and each checker turns a bad
value into one plain message. Both are proven here without a kernel; `tests/tools/test_rerun.py` reruns each
notebook with other values through papermill and shows a bad value's message at the command line.
"""

import re

import nbformat
import pandas as pd
import pytest

from conftest import NOTEBOOKS
from helpers.analysis.params import ParameterError, ally_code, ally_codes, date_in, year_in
from helpers.tools.rerun import notebook_parameters

ALLIES = ["ALB", "BEL", "FRA", "POL"]


def test_parameter_cells_are_tagged_and_come_first():
    tagged = []
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        cells = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
        assert len(cells) <= 1, path.name
        if cells:
            code_before = [c for c in nb.cells[:cells[0]] if c.cell_type == "code"]
            assert len(code_before) <= 1, path.name  # imports at most
            tagged.append(path.name)
    assert len(tagged) >= 3


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if notebook_parameters(p)], ids=lambda p: p.stem)
def test_every_parameter_is_checked_before_it_is_used(path):
    """The first code cell after `parameters` that names a parameter passes it through a params checker."""
    cells = nbformat.read(path, as_version=4).cells
    index = next(i for i, c in enumerate(cells) if "parameters" in c.metadata.get("tags", []))
    for name in notebook_parameters(path):
        unquoted = [re.sub(r"\"[^\"]*\"|'[^']*'", "", c.source) for c in cells[index + 1:] if c.cell_type == "code"]
        first = next(source for source in unquoted if re.search(rf"\b{name}\b(?!\s*=[^=])", source))
        assert re.search(rf"\bparams\.(ally_code|ally_codes|year_in|date_in)\(\s*{name}\b", first), name


def message(check, *args, **kwargs) -> str:
    with pytest.raises(ParameterError) as err:
        check(*args, **kwargs)
    return str(err.value)


def test_ally_codes_match_in_any_case_and_name_the_valid_ones():
    assert ally_code("fra", ALLIES) == "FRA" and ally_code(" pol ", ALLIES) == "POL"
    assert message(ally_code, "XYZ", ALLIES) == "ally 'XYZ' is not an Ally code; choose one of ALB, BEL, FRA, POL"
    assert message(ally_code, "Narnia", ALLIES, name="ally").startswith("ally 'Narnia' is not an Ally code")
    assert ally_codes("fra, pol", ALLIES) == ally_codes(["FRA", "pol"], ALLIES) == ["FRA", "POL"]
    assert message(ally_codes, ["FRA", "GER"], ALLIES, name="highlight").startswith("highlight 'GER' is not an Ally")


def test_years_outside_the_data_and_values_that_are_no_year():
    assert year_in("2019", range(2014, 2026)) == 2019 and year_in(2014, range(2014, 2026)) == 2014
    assert message(year_in, 2031, range(2014, 2026)) == "year 2031 is outside the data (2014–2025)"
    assert message(year_in, 2016, [2014, 2015, 2017]) == "year 2016 is outside the data (2014–2017, with gaps)"
    for bad in ("abc", "2019.5", ""):
        assert message(year_in, bad, range(2014, 2026)).startswith(f"year {bad!r} is not a year; write four digits")


def test_dates_must_be_dates_within_the_data():
    first, last = pd.Timestamp("1949-04-04"), pd.Timestamp("2026-11-27")
    assert date_in("2000-01-01", first, last, name="count_date") == pd.Timestamp("2000-01-01")
    assert message(date_in, "2000-02-30", first, last, name="count_date") == (
        "count_date '2000-02-30' is not a date; write YYYY-MM-DD")
    assert message(date_in, "1900-01-01", first, last, name="count_date") == (
        "count_date '1900-01-01' is outside the data (1949-04-04 to 2026-11-27)")
