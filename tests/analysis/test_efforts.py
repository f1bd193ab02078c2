"""NATO-led operations against coalitions outside NATO: the typology, the two sets, one row per effort, the role
timeline, the overlap of Allies and the fair shares."""

import pandas as pd
import pytest

from helpers import data
from helpers.analysis import coalitions, efforts
from helpers.analysis.crosswalk import coverage, external_ids, unmatched


@pytest.fixture(scope="module")
def t():
    return efforts.frames()


def test_typology_is_derived_from_nato_role_and_type():
    ops = pd.DataFrame({"op_id": ["a", "b"], "nato_role": ["led", "supported"]})
    coal = pd.DataFrame({"coalition_id": ["c", "d", "e", "f"],
                         "type": ["ad_hoc_coalition", "eu_military_mission", "standing_grouping", "coordination_format"]})
    kinds = efforts.typology(ops, coal).set_index("effort_id")["typology"]
    assert list(kinds) == [efforts.ALLIANCE_LED, efforts.NATO_SUPPORT, efforts.AD_HOC, efforts.INSTITUTION_LED,
                           efforts.AD_HOC, efforts.COORDINATION]


def test_the_two_sets_follow_the_rule(t):
    chosen = efforts.sets(t)
    universe = coalitions.universe(t["coalitions"], t["coalition_members"], t["members"])
    assert len(chosen.counted) == int(universe["counted"].sum())
    assert (chosen.led["nato_role"] == "led").all()
    assert len(chosen.led) + len(chosen.other_operations) == len(t["operations"])


def test_one_row_per_effort_with_reasons(t):
    rows = efforts.effort_table(t)
    chosen = efforts.sets(t)
    assert len(rows) == len(chosen.led) + len(chosen.counted) and not rows["effort_id"].duplicated().any()
    isaf = rows.set_index("effort_id").loc["isaf"]
    first = t["resolutions"].set_index("resolution").loc[isaf["resolution"]]
    assert isaf["resolution"] == "S/RES/1386 (2001)"
    assert isaf["vote"] == f"{first.votes_for}-{first.votes_against}-{first.abstentions}"
    assert isaf["allies"] == isaf["allies_then"] == 19
    assert isaf["deaths"] > 0 and isaf["deaths_scope"] == "OEF and ISAF"
    coalition = rows[rows["effort_type"] == "coalition"]
    assert coalition["peak_personnel"].isna().all() and (coalition["peak_reason"] == "beyond_coverage").all()
    shown = efforts.display(rows)
    assert not shown.isna().any().any()  # every empty value is shown with its reason


def test_nato_joined_the_global_coalition_in_may_2017(t):
    assert efforts.nato_joined(t["coalitions"], "global_coalition") == pd.Timestamp("2017-05-25")
    assert efforts.nato_joined(t["coalitions"], "oef") is None  # a role held from the start
    rows = efforts.timeline(t)
    global_coalition = rows[rows["label"] == "Global Coalition to Defeat ISIS"].sort_values("start_date")
    assert list(global_coalition["role"]) == ["No NATO role", "NATO a member"]
    assert global_coalition["start_date"].iloc[1] == pd.Timestamp("2017-05-25")


def test_labels_are_short_and_unique(t):
    labels = efforts._label(efforts.sets(t).counted["name"], efforts.MATRIX_LABEL)
    assert labels.is_unique and labels.str.len().max() <= efforts.MATRIX_LABEL
    assert efforts.coalition_label("Combined Joint Task Force - Operation Inherent Resolve (CJTF-OIR)") == "CJTF-OIR"
    assert efforts.coalition_label("EU NAVFOR Somalia - Operation Atalanta") == "Atalanta"


def test_overlap_and_fair_shares(t):
    pairs = efforts.overlap(t)
    assert (pairs["allies_in_both"] <= pairs[["allies_in_operation", "allies_in_coalition"]].min(axis=1)).all()
    shares = efforts.fair_shares(t)
    assert shares["share_pct"].sum() == pytest.approx(100)
    assert shares["population_share_pct"].sum() == pytest.approx(100)
    assert shares.loc[shares["status"] == "Partner", "gdp_ratio"].isna().all()
    assert shares.iloc[0]["iso3"] == "USA"


def test_national_figures_hold_at_most_two_years():
    contributions = pd.DataFrame({"op_id": ["isaf"], "iso3": ["POL"], "date": [pd.Timestamp("2006-01-01")],
                                  "personnel": [100], "figure_type": ["deployed"]})
    operations = pd.DataFrame({"op_id": ["isaf"], "end_date": [pd.Timestamp("2014-12-31")]})
    years = efforts.national_troop_years(contributions, operations, pd.Timestamp("2026-01-01"))
    assert years["person_years"].sum() == pytest.approx(200, abs=1)
    assert list(years["year"]) == [2006, 2007]  # to 1 January 2008


def test_crosswalk_joins_every_row_to_an_effort():
    crosswalk, ops, coal = data.load("crosswalk"), data.load("operations"), data.load("coalitions")
    assert unmatched(crosswalk, ops, coal).empty
    ids = external_ids(crosswalk, ops, coal).set_index("entity_id")
    assert ids.at["isaf", "ucdp_conflict"] == "333" and ids.at["allied_force", "cow_war"] == "221"
    assert ids.at["oef", "cow_war"] == "225;481"
    assert len(ids) == len(ops) + len(coal)
    summary = coverage(crosswalk, ops, coal)
    assert summary["matched"].sum() == len(crosswalk.drop_duplicates(["entity_id", "entity_type", "dataset"]))
    stray = crosswalk.head(1).assign(entity_id="no_such_effort")
    with pytest.raises(ValueError, match="no_such_effort"):
        external_ids(pd.concat([crosswalk, stray]), ops, coal)
