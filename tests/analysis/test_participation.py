"""Who made up NATO's operations and the Allies' other coalitions: coverage minimums, and the questions the
tables alone must answer (issue 10's "done when")."""

import pandas as pd
import pytest

from helpers import data
from helpers.analysis import participation


@pytest.fixture(scope="module")
def contributions():
    return data.load("contributions")


def snapshots(contributions, op_id, minimum_nations=1):
    """Dates of the snapshots of one operation that list at least `minimum_nations` nations."""
    sizes = contributions[contributions["op_id"] == op_id].groupby("date")["iso3"].nunique()
    return sizes[sizes >= minimum_nations]


def test_isaf_national_strengths_at_four_snapshots_one_with_45_nations(contributions):
    isaf = contributions[(contributions["op_id"] == "isaf") & contributions["personnel"].notna()]
    dated = isaf.groupby("date")["iso3"].nunique()
    in_range = dated[(dated.index >= "2006-01-01") & (dated.index <= "2014-12-31") & (dated >= 5)]
    assert len(in_range) >= 4, dated
    assert dated.max() >= 45


def test_resolute_support_and_kfor_snapshots(contributions):
    assert len(snapshots(contributions, "resolute_support", 5)) >= 2
    kfor = snapshots(contributions, "kfor", 5)
    assert (kfor.index < "2010-01-01").any() and (kfor.index > "2020-12-31").any()
    for op in ("ifor", "sfor"):
        assert snapshots(contributions, op, 20).size >= 1, op


#: The forward land forces and the year each host's battlegroup was set up.
LAUNCHED = {"EST": 2017, "LVA": 2017, "LTU": 2017, "POL": 2017, "BGR": 2022, "HUN": 2022, "ROU": 2022, "SVK": 2022,
            "FIN": 2025}


def test_every_battlegroup_has_its_framework_nation_at_launch_and_later(contributions):
    groups = participation.battlegroups(contributions).set_index("host_iso3")
    assert set(groups.index) == set(LAUNCHED)
    for host, year in LAUNCHED.items():
        group = groups.loc[host]
        assert pd.notna(group["framework_at_launch"]), host
        assert group["first_date"].year <= year and group["framework_latest_date"] >= group["first_date"], host
        assert group["nations"] >= 2 or host == "POL", host  # Poland's latest record names its framework nation only


def test_latest_list_is_not_a_framework_only_record(contributions):
    """Regression: Lithuania's latest list showed only Germany, because a framework-only row of May 2025 won over
    the full list of February 2025."""
    groups = participation.battlegroups(contributions).set_index("host_iso3")
    assert groups.loc["LTU", "nations"] >= 5
    assert groups.loc["ROU", "framework_at_launch"] == "FRA"


def test_twelve_operations_have_contributors(contributions):
    per_op = contributions.groupby("op_id")["iso3"].nunique()
    assert (per_op >= 3).sum() >= 12, per_op
    for op in ("unified_protector", "ocean_shield", "active_endeavour", "sea_guardian", "baltic_air_policing"):
        assert per_op.get(op, 0) >= 3, op


def test_partners_in_unified_protector_are_computed_from_membership():
    oup = participation.with_status(data.load("contributions").query("op_id == 'unified_protector'"))
    partners = set(oup.loc[oup["status"] == "Partner", "iso3"])
    assert {"SWE", "JOR", "QAT", "ARE"} <= partners
    assert "FRA" not in partners


def test_status_on_the_day_not_today():
    frame = pd.DataFrame({"iso3": ["FIN", "FIN", "POL"],
                          "date": pd.to_datetime(["2015-01-01", "2024-01-01", "1996-01-01"])})
    assert list(participation.with_status(frame)["status"]) == ["Partner", "Ally", "Partner"]


def test_isaf_nations_in_a_year(contributions):
    table = participation.nations_in_year(contributions, "isaf", 2010)
    assert len(table) >= 45 and table["personnel"].notna().all()
    assert table.iloc[0]["iso3"] == "USA"


def test_operations_per_ally(contributions):
    counts = participation.operations_per_ally(contributions)
    assert set(counts["iso3"]) <= set(data.load("members")["iso3"])
    assert counts.set_index("iso3").loc["USA", "operations"] >= 8


def test_coalitions_outside_nato_per_ally():
    table = participation.coalitions_per_ally()
    assert {"coalition_id", "iso3", "nato_role"} <= set(table.columns)
    poland = set(table.loc[table["iso3"] == "POL", "coalition_id"])
    assert "iraq_2003" in poland
    assert set(data.load("coalitions").query("nato_role == 'member'")["coalition_id"]) == {"global_coalition", "purl"}
