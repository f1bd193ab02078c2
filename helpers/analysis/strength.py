"""What a sum of troops under NATO command covers: which operations and years the dated strengths weigh, which
NATO-led operations they leave out, and NATO's own figures for its forces beside them.

Troop-years (`operations.troop_years`) come only from operations with dated deployed strengths in personnel.csv.
Since 2022 much of what NATO commands (air and naval forces placed under NATO command, the enhanced Vigilance
Activities) has no such strength, so the sum understates the forces NATO itself counts; `posture_by_year` sets
NATO's own figures (posture.csv) beside the sum, year by year.
"""

from __future__ import annotations

import pandas as pd

#: posture.csv scopes that count the forces under NATO command (not one battlegroup or one host's brigade).
COMMAND_SCOPES = ("nato_command_east", "nato_command")


def summed(years: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """Per operation of a troop_years result: its label (from `labels`, by op_id), the first and last year with
    troop-years, how many years, and the troop-years summed. Sorted by first year."""
    rows = years[years["person_years"] > 0]
    out = rows.groupby("op_id", observed=True).agg(first_year=("year", "min"), last_year=("year", "max"),
                                                   years=("year", "nunique"), troop_years=("person_years", "sum"))
    out = out.reset_index()
    out.insert(1, "operation", out["op_id"].map(labels))
    return out.sort_values(["first_year", "op_id"]).reset_index(drop=True)


def left_out(ops: pd.DataFrame, years: pd.DataFrame) -> pd.DataFrame:
    """The operations of `ops` that add nothing to a troop_years result (no dated deployed strength)."""
    return ops[~ops["op_id"].isin(years.loc[years["person_years"] > 0, "op_id"])]


def posture_by_year(posture: pd.DataFrame, years: pd.DataFrame, scopes: tuple[str, ...] = COMMAND_SCOPES) -> pd.DataFrame:
    """For each year in which NATO gave a figure for its forces under its command (posture.csv rows of `scopes`):
    NATO's largest figure that year, how many figures it gave, the troop-years the dated strengths sum to that
    year, and NATO's figure as a multiple of that sum (`ratio`)."""
    rows = posture[posture["scope"].astype("string").isin(scopes)]
    nato = rows.groupby(rows["date"].dt.year).agg(nato_figure=("personnel", "max"), figures=("personnel", "size"))
    dated = years.groupby("year")["person_years"].sum()
    out = nato.rename_axis("year").reset_index()
    out["dated_sum"] = out["year"].map(dated).astype(float)
    out["ratio"] = out["nato_figure"].astype(float) / out["dated_sum"]
    return out
