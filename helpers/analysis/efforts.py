"""NATO-led operations and coalitions outside NATO, compared on one row per effort: the typology, who took part,
legal basis and Security Council vote, size, length, losses and assessed outcome.

The typology is derived, never stored: from `operations.nato_role` (NATO led it, or supported or coordinated
others' efforts) and `coalitions.type` (a coalition of the willing or a standing grouping; an operation or mission
of the EU, the WEU or the African Union; a political or donor format).
"""

from __future__ import annotations

import pandas as pd

ALLIANCE_LED, INSTITUTION_LED, AD_HOC, NATO_SUPPORT, COORDINATION = (
    "alliance-led", "institution-led", "ad hoc", "NATO support to others", "coordination format")
#: coalitions.type -> typology.
COALITION_TYPES = {"ad_hoc_coalition": AD_HOC, "standing_grouping": AD_HOC, "eu_military_operation": INSTITUTION_LED,
                   "eu_military_mission": INSTITUTION_LED, "weu_operation": INSTITUTION_LED,
                   "african_union_mission": INSTITUTION_LED, "coordination_format": COORDINATION}
#: operations.nato_role -> typology.
OPERATION_ROLES = {"led": ALLIANCE_LED, "supported": NATO_SUPPORT, "coordinated": NATO_SUPPORT}
TYPOLOGY_RULE = ("alliance-led: NATO led it (operations.nato_role 'led'); ad hoc: a coalition of the willing or an "
                 "activated standing grouping (coalitions.type 'ad_hoc_coalition', 'standing_grouping'); "
                 "institution-led: an operation or mission of the EU, the WEU or the African Union; NATO support to "
                 "others: NATO's own support or coordination of an effort it did not lead (operations.nato_role "
                 "'supported', 'coordinated'); coordination format: a political or donor grouping")


def typology(operations: pd.DataFrame, coalitions: pd.DataFrame) -> pd.DataFrame:
    """effort_id, effort_type ('operation' or 'coalition') and typology for every operation and coalition."""
    ops = pd.DataFrame({"effort_id": operations["op_id"].astype("string"), "effort_type": "operation",
                        "typology": operations["nato_role"].astype("string").map(OPERATION_ROLES)})
    coal = pd.DataFrame({"effort_id": coalitions["coalition_id"].astype("string"), "effort_type": "coalition",
                         "typology": coalitions["type"].astype("string").map(COALITION_TYPES)})
    return pd.concat([ops, coal], ignore_index=True).astype({"effort_type": "string", "typology": "string"})
