"""Partners' share of an operation: a partner named in any of an operation's contribution records counts, whatever
snapshot it is in (issue 20: Unified Protector, Active Endeavour and Ocean Shield showed 0% partners because the
share was read off one snapshot)."""

import pandas as pd
import pytest

from helpers import data
from helpers.analysis import participation


@pytest.fixture(scope="module")
def contributions():
    return data.load("contributions")


def test_partner_share_is_positive_wherever_the_records_name_a_partner(contributions):
    named = participation.with_status(contributions)
    with_partners = set(named.loc[named["status"] == participation.PARTNER, "op_id"].astype(str))
    shares = participation.partner_share(contributions).set_index("op_id")
    assert with_partners, "the records name no partner at all"
    for op_id in sorted(with_partners):
        assert shares.loc[op_id, "partners"] > 0 and shares.loc[op_id, "partner_share_nations"] > 0, op_id
    for op_id in sorted(set(shares.index) - with_partners):
        assert shares.loc[op_id, "partners"] == 0, op_id


@pytest.mark.parametrize("op_id", ["unified_protector", "active_endeavour", "ocean_shield"])
def test_the_operations_the_expert_named_have_partners(contributions, op_id):
    assert participation.partner_share(contributions).set_index("op_id").loc[op_id, "partners"] > 0


def test_a_partner_in_a_smaller_later_snapshot_counts():
    """Three Allies in the fullest snapshot, one partner in a later one of its own: 1 partner of 4 nations."""
    rows = pd.DataFrame({"op_id": "op", "iso3": ["FRA", "GBR", "ITA", "SWE"],
                         "date": pd.to_datetime(["2011-03-01"] * 3 + ["2011-06-01"]),
                         "personnel": pd.array([None] * 4, dtype="Int64")})
    share = participation.partner_share(rows).set_index("op_id").loc["op"]
    assert (share["nations"], share["partners"]) == (4, 1) and share["partner_share_nations"] == 25
