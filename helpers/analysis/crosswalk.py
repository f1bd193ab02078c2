"""The operation crosswalk (crosswalk.csv) joined to the operations and coalitions: for each effort, its record in
UCDP's conflicts, COW's wars, SIPRI's peace operations and the other datasets the crosswalk names.

A crosswalk row says the effort matches a record of another dataset where a source supports it; an effort with
no row is not matched, which is not the same as having no such record (see the crosswalk's coverage).
"""

from __future__ import annotations

import pandas as pd

#: entity_type in crosswalk.csv -> (table, key column).
ENTITIES = {"operation": ("operations", "op_id"), "coalition": ("coalitions", "coalition_id")}


def efforts(operations: pd.DataFrame, coalitions: pd.DataFrame) -> pd.DataFrame:
    """Every operation and coalition as one effort: entity_id, entity_type, name, start_date, end_date."""
    columns = ["name", "start_date", "end_date"]
    ops = operations.assign(entity_id=operations["op_id"], entity_type="operation")
    coal = coalitions.assign(entity_id=coalitions["coalition_id"], entity_type="coalition")
    out = pd.concat([ops[["entity_id", "entity_type", *columns]], coal[["entity_id", "entity_type", *columns]]],
                    ignore_index=True)
    return out.astype({"entity_id": "string", "entity_type": "string"})


def unmatched(crosswalk: pd.DataFrame, operations: pd.DataFrame, coalitions: pd.DataFrame) -> pd.DataFrame:
    """Crosswalk rows whose entity_id names no operation or coalition of its entity_type."""
    known = efforts(operations, coalitions)
    keys = set(zip(known["entity_id"], known["entity_type"]))
    hit = [(str(i), str(t)) in keys for i, t in zip(crosswalk["entity_id"], crosswalk["entity_type"])]
    return crosswalk[[not h for h in hit]]


def external_ids(crosswalk: pd.DataFrame, operations: pd.DataFrame, coalitions: pd.DataFrame) -> pd.DataFrame:
    """One row per operation and coalition with one column per dataset of the crosswalk's vocabulary
    (`ucdp_conflict`, `cow_war`, `sipri_mpo`, ...): the matching ids, ';'-separated where several; empty where none.

    Raises ValueError when a crosswalk row names an effort that is not in the tables."""
    stray = unmatched(crosswalk, operations, coalitions)
    if len(stray):
        raise ValueError("crosswalk rows name no operation or coalition: "
                         + ", ".join(f"{r.entity_type} {r.entity_id}" for r in stray.itertuples()))
    datasets = list(crosswalk["dataset"].cat.categories) if hasattr(crosswalk["dataset"], "cat") else sorted(
        crosswalk["dataset"].unique())
    ids = (crosswalk.astype({"dataset": "string", "external_id": "string"})
           .groupby(["entity_id", "entity_type", "dataset"], observed=True)["external_id"]
           .agg(lambda s: ";".join(sorted(s, key=lambda v: (len(v), v)))).unstack("dataset"))
    ids = ids.reindex(columns=datasets)
    out = efforts(operations, coalitions).merge(ids.reset_index(), on=["entity_id", "entity_type"], how="left")
    return out.astype({d: "string" for d in datasets})


def coverage(crosswalk: pd.DataFrame, operations: pd.DataFrame, coalitions: pd.DataFrame) -> pd.DataFrame:
    """Per dataset and kind of effort: how many efforts the crosswalk matches, out of how many in the tables."""
    joined = external_ids(crosswalk, operations, coalitions)
    datasets = [c for c in joined.columns if c not in ("entity_id", "entity_type", "name", "start_date", "end_date")]
    rows = []
    for kind, group in joined.groupby("entity_type", sort=True):
        for dataset in datasets:
            rows.append({"dataset": dataset, "entity_type": kind, "matched": int(group[dataset].notna().sum()),
                         "efforts": len(group)})
    return pd.DataFrame(rows)
