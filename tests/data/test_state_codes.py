"""State codes: year-aware COW and GW codes checked against the published state lists' facts, and check-data's
state-code rules on the project's data (each rule also has a broken fixture under tests/fixtures/broken/)."""

import pytest

from conftest import BROKEN, assemble
from helpers import data
from helpers.analysis import statecodes
from helpers.data.rules import Table, Tables
from helpers.data.rules.codes import state_code_problems, state_period_problems, state_row_problems, states_used
from helpers.data.validate import read_tables
from helpers.paths import data_dir


@pytest.fixture(scope="module")
def states():
    return data.load("states")


@pytest.mark.parametrize("iso3, year, system, code", [
    ("DEU", 1960, "cow", 260), ("DEU", 1995, "cow", 255), ("DEU", 1960, "gw", 260), ("DEU", 1995, "gw", 260),
    ("SRB", 2005, "gw", 345), ("SRB", 2007, "gw", 340), ("SRB", 2007, "cow", 345),
    ("CSK", 1990, "cow", 315), ("CZE", 1995, "cow", 316), ("RUS", 1960, "cow", 365), ("USA", 2020, "cow", 2),
])
def test_codes_follow_the_published_lists(states, iso3, year, system, code):
    assert statecodes.code_in(states, iso3, year, system) == code


def test_a_year_two_periods_share_takes_the_code_in_force_at_its_end(states):
    """Germany's COW code changes on 3 October 1990, Serbia's GW code on 5 June 2006: the year-end code holds."""
    assert statecodes.code_in(states, "DEU", 1990, "cow") == 255
    assert statecodes.code_in(states, "SRB", 2006, "gw") == 340
    changes = statecodes.changes(states)
    assert {("DEU", 1990, "COW", 260, 255), ("SRB", 2006, "GW", 345, 340)} <= {
        (r.iso3, r.year, r.system, r.before, r.after) for r in changes.itertuples()}


def test_no_code_outside_a_state_system(states):
    """West Germany is in the GW list from 1949 but in COW's only from 1955; Kosovo has no code before 2008."""
    assert statecodes.code_in(states, "DEU", 1950, "cow") is None
    assert statecodes.code_in(states, "DEU", 1950, "gw") == 260
    assert statecodes.code_in(states, "XKX", 2005, "cow") is None


def test_one_row_per_state_and_year_and_one_state_per_code_and_year(states):
    rows = statecodes.codes_by_year(states, range(1949, 2027))
    assert not rows.duplicated(["iso3", "year"]).any()
    for column in ("cow_code", "gw_code"):
        coded = rows.dropna(subset=[column])
        assert not coded.duplicated([column, "year"]).any(), coded[coded.duplicated([column, "year"], keep=False)]


def tables_of(directory) -> Tables:
    import json

    descriptor = json.loads((directory / "datapackage.json").read_text())
    return read_tables(directory, descriptor)[2]


def test_every_state_the_tables_name_has_codes():
    """The project's data: every ISO3 used as a state in any table has a row in states.csv."""
    t = tables_of(data_dir())
    assert state_row_problems(t) == []
    assert state_period_problems(t) == [] and state_code_problems(t) == []
    used = states_used(t)
    assert {"DEU", "SRB", "XKX", "USA"} <= set(used)
    assert t["states"].column("iso3") >= {code for code in used if code.isalpha() and len(code) == 3}


def test_a_state_used_only_as_a_lead_or_theatre_needs_codes_too(tmp_path):
    directory = assemble(tmp_path / "data", BROKEN / "state_without_codes")
    t = tables_of(directory)
    t["coalitions"] = Table("coalitions", ["lead", "lead_type"], {2: ["FRA", "state"], 3: ["EU", "eu"]})
    found = {(p.file, p.value) for p in state_row_problems(t)}
    assert ("coalitions.csv", "FRA") in found and ("coalitions.csv", "EU") not in found
