"""NATO-led operations and coalitions outside NATO, compared on one row per effort: the typology, who took part,
legal basis and Security Council vote, size, length, losses and assessed outcome.

The typology is derived, never stored: from `operations.nato_role` (NATO led it, or supported or coordinated
others' efforts) and `coalitions.type` (a coalition of the willing or a standing grouping; an operation or mission
of the EU, the WEU or the African Union; a political or donor format).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

import pandas as pd

from ..data.countries import name as country_name
from . import coalitions as rule
from .missing import shown
from .operations import short_label, troop_years
from .participation import ALLY, PARTNER, members_on

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


#: Tables this module reads.
TABLES = ("operations", "coalitions", "coalition_members", "contributions", "members", "resolutions", "personnel",
          "fatalities", "outcomes", "sources", "population", "defence_expenditure", "quotes")
#: Leads that are organisations, not states.
ORGANISATIONS = {"EU": "EU", "AU": "African Union", "UN": "UN", "WEU": "WEU"}


def frames(given: Mapping[str, pd.DataFrame] | None = None) -> dict[str, pd.DataFrame]:
    """The tables this module reads: those given, the rest loaded from the data package."""
    from ..data.loader import load

    given = dict(given or {})
    return {n: given[n] if n in given else load(n) for n in TABLES}


class Sets(NamedTuple):
    """The two sets compared: NATO-led operations, and coalitions outside NATO command meeting the table's rule."""

    led: pd.DataFrame
    coalitions: pd.DataFrame  # every coalitions row, with `counted` and `why_not` (helpers.analysis.coalitions)
    counted: pd.DataFrame
    other_operations: pd.DataFrame  # operations NATO supported or coordinated but did not lead


def sets(t: Mapping[str, pd.DataFrame]) -> Sets:
    """The NATO-led operations and the coalitions that meet the rule (data/README.md)."""
    ops = t["operations"]
    universe = rule.universe(t["coalitions"], t["coalition_members"], t["members"])
    led = ops["nato_role"].astype("string") == "led"
    return Sets(ops[led], universe, universe[universe["counted"]], ops[~led])


#: An acronym in a coalition's name, in brackets ('(EUTM Somalia)', '(UNITAF, ...', '(CJTF-OIR)').
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*(?: [A-Z][A-Za-z0-9-]+)?)[,;)]")


def coalition_label(name: str, width: int = 60) -> str:
    """A short name for a coalition: the acronym its name gives in brackets ('EUTM Somalia', 'CJTF-OIR'); else the
    name without brackets, after its last ' - ' and without a leading 'Operation'; where that is longer than
    `width`, the operation named in its brackets ('Concordia'), else its last words that fit."""
    acronym = _ACRONYM.search(name)
    if acronym:
        return acronym.group(1)
    plain = re.sub(r"\s*\([^)]*\)", "", name).split(" - ")[-1].strip()
    plain = re.sub(r"^Operation ", "", plain)
    named = re.search(r"\(Operation ([^,;)]+)", name)
    if len(plain) > width and named:
        return named.group(1)
    return str(short_label(pd.DataFrame({"name": [plain], "acronym": [pd.NA]}), width).iloc[0])


def _label(names: pd.Series, width: int = 60) -> pd.Series:
    """`coalition_label` for a column of names."""
    return names.astype("string").map(lambda n: coalition_label(str(n), width)).astype("string")


def lead_name(code: object, lead_type: object = "state") -> str:
    """A lead as readers name it: a state's display name, or the organisation."""
    if code is None or pd.isna(code):
        return "NATO"
    return ORGANISATIONS.get(str(code), country_name(str(code)) if str(lead_type) == "state" else str(code))


def allies_taking_part(lists: pd.DataFrame, efforts: pd.DataFrame, key: str, members: pd.DataFrame) -> pd.DataFrame:
    """Per effort: the states on its lists that were Allies on its start date (`allies`, at least that many), the
    Allies on that date (`allies_then`) and the share; `allies` is empty where the effort has no list."""
    joined = members.set_index("iso3")["accession_date"]
    rows = []
    for effort in efforts.itertuples():
        listed = lists.loc[lists[key] == getattr(effort, key), "iso3"].astype("string")
        then = len(members_on(members, effort.start_date))
        allies = listed[listed.map(joined).le(effort.start_date).fillna(False)].nunique() if len(listed) else pd.NA
        rows.append({key: getattr(effort, key), "allies": allies, "allies_then": then,
                     "allies_share_pct": 100 * allies / then if pd.notna(allies) else pd.NA})
    return pd.DataFrame(rows).astype({"allies": "Int64", "allies_share_pct": "Float64"})


def first_resolution(resolutions: pd.DataFrame, listed: pd.Series) -> pd.DataFrame:
    """For each ';'-separated list of resolutions, the first one with its vote (for-against-abstaining), whether
    it was adopted under Chapter VII, and the abstainers' names."""
    table = resolutions.set_index("resolution")
    rows = []
    for cell in listed:
        first = str(cell).split(";")[0] if pd.notna(cell) else None
        row = table.loc[first] if first in table.index else None
        vote = (f"{row['votes_for']}-{row['votes_against']}-{row['abstentions']}"
                if row is not None and pd.notna(row["votes_for"]) else pd.NA)
        abstaining = (", ".join(country_name(c) for c in str(row["abstaining"]).split(";"))
                      if row is not None and pd.notna(row["abstaining"]) else pd.NA)
        rows.append({"resolution": first or pd.NA, "vote": vote, "abstaining": abstaining,
                     "vote_reason": pd.NA if pd.notna(vote) else ("not_applicable" if first is None else "not_found"),
                     "chapter_vii": bool(row["chapter_vii"]) if row is not None and pd.notna(row["chapter_vii"])
                     else pd.NA})
    return pd.DataFrame(rows, index=listed.index).astype({"resolution": "string", "vote": "string",
                                                          "abstaining": "string", "vote_reason": "string",
                                                          "chapter_vii": "boolean"})


def _years(start: pd.Series, end: pd.Series, status: pd.Series, as_of: pd.Timestamp) -> tuple[pd.Series, pd.Series]:
    """Duration in years (ongoing efforts to `as_of`), and the reason where it is unknown."""
    ongoing = status.astype("string") == "ongoing"
    stop = end.where(end.notna(), as_of.normalize()).where(end.notna() | ongoing)
    years = ((stop - start).dt.days / 365.25).astype("Float64")
    return years, pd.Series("not_found", index=start.index, dtype="string").where(years.isna())


def effort_table(t: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per NATO-led operation and per coalition meeting the rule: who led it and NATO's role, the typology,
    legal basis and how it was coded, the first Security Council resolution's vote and abstainers, Allies taking
    part (number and share of the Allies on the start date), peak strength, troop-years, duration, deaths and the
    assessed outcome, with a reason beside each value that is empty."""
    from ..data.loader import as_of as data_as_of

    chosen = sets(t)
    as_of = t["sources"]["accessed"].max() if "sources" in t else data_as_of()
    ops, coalitions = chosen.led.copy(), chosen.counted.copy()
    kinds = typology(t["operations"], t["coalitions"]).set_index(["effort_type", "effort_id"])["typology"]
    op_rows = pd.DataFrame({
        "effort_id": ops["op_id"].astype("string"), "effort_type": "operation",
        "effort": short_label(ops).astype("string"), "lead": "NATO",
        "nato_role": ops["nato_role"].astype("string"), "legal_basis": ops["legal_basis"].astype("string"),
        "legal_basis_coding": ops["legal_basis_coding"].astype("string"), "un_resolutions": ops["un_resolutions"],
        "start_date": ops["start_date"], "start_precision": ops["start_precision"].astype("string"),
        "end_date": ops["end_date"], "status": ops["status"].astype("string"),
        "peak_personnel": ops["peak_personnel"], "peak_figure_type": ops["peak_figure_type"].astype("string")})
    coal_rows = pd.DataFrame({
        "effort_id": coalitions["coalition_id"].astype("string"), "effort_type": "coalition",
        "effort": _label(coalitions["name"]).astype("string"),
        "lead": [lead_name(c, k) for c, k in zip(coalitions["lead"], coalitions["lead_type"])],
        "nato_role": coalitions["nato_role"].astype("string").fillna("not_recorded"),
        "legal_basis": coalitions["legal_basis"].astype("string"),
        "legal_basis_coding": pd.Series("source", index=coalitions.index, dtype="string").where(
            coalitions["legal_basis"].notna()),
        "un_resolutions": coalitions["un_resolutions"], "start_date": coalitions["start_date"],
        "start_precision": coalitions["start_precision"].astype("string"), "end_date": coalitions["end_date"],
        "status": coalitions["status"].astype("string"), "peak_personnel": pd.NA, "peak_figure_type": pd.NA})
    out = pd.concat([op_rows, coal_rows], ignore_index=True)
    out["typology"] = [kinds[(k, e)] for k, e in zip(out["effort_type"], out["effort_id"])]
    out["legal_basis_reason"] = pd.Series("not_found", index=out.index, dtype="string").where(out["legal_basis"].isna())
    out = pd.concat([out, first_resolution(t["resolutions"], out["un_resolutions"])], axis=1)
    taking = pd.concat([
        allies_taking_part(t["contributions"], ops, "op_id", t["members"]).rename(columns={"op_id": "effort_id"}),
        allies_taking_part(t["coalition_members"], coalitions, "coalition_id", t["members"]).rename(
            columns={"coalition_id": "effort_id"})], ignore_index=True)
    out = out.merge(taking, on="effort_id", how="left")
    out["allies_reason"] = pd.Series("not_found", index=out.index, dtype="string").where(out["allies"].isna())
    out["peak_personnel"] = out["peak_personnel"].astype("Int64")
    is_op = out["effort_type"] == "operation"
    out["peak_reason"] = (pd.Series("not_found", index=out.index, dtype="string").where(out["peak_personnel"].isna())
                          .where(is_op | out["peak_personnel"].notna(), "beyond_coverage"))
    deployed = t["personnel"][t["personnel"]["figure_type"].astype("string") == "deployed"]
    person_years = troop_years(deployed, as_of=as_of, ends=t["operations"].set_index("op_id")["end_date"]).years
    total = person_years.groupby("op_id", observed=True)["person_years"].sum()
    out["troop_years"] = pd.array([total.get(e, pd.NA) if op else pd.NA for e, op in zip(out["effort_id"], is_op)],
                                  dtype="Float64").round(0)
    out["troop_years_reason"] = (pd.Series("not_found", index=out.index, dtype="string")
                                 .where(out["troop_years"].isna()).where(is_op | out["troop_years"].notna(),
                                                                         "beyond_coverage"))
    out["years"], out["years_reason"] = _years(out["start_date"], out["end_date"], out["status"], as_of)
    deaths = deaths_by_effort(t["fatalities"])
    out = out.merge(deaths, on="effort_id", how="left")
    out["deaths_reason"] = pd.Series("not_found", index=out.index, dtype="string").where(out["deaths"].isna())
    assessed = (t["outcomes"].sort_values("assessment_date").groupby("op_id", observed=True)
                .agg(assessed_by=("assessed_by", lambda s: "; ".join(s)), outcome=("outcome", "last")))
    out["assessed_by"] = out["effort_id"].map(assessed["assessed_by"]).astype("string").where(is_op)
    out["outcome"] = out["effort_id"].map(assessed["outcome"]).astype("string").where(is_op)
    out["outcome_reason"] = (pd.Series("not_found", index=out.index, dtype="string").where(out["outcome"].isna())
                             .where(is_op | out["outcome"].notna(), "beyond_coverage"))
    return out.sort_values(["effort_type", "start_date"], ascending=[False, True]).reset_index(drop=True)


def deaths_by_effort(fatalities: pd.DataFrame) -> pd.DataFrame:
    """Deaths per effort from the latest tally of each scope (the sum of the nations it names), with the scope and
    date: a tally covering several efforts (OEF and ISAF) is given for each of them and says so."""
    rows = []
    for scope, tally in fatalities.groupby("scope", observed=True):
        latest = tally[tally["date"] == tally["date"].max()]
        for effort in str(scope).split("_and_"):
            rows.append({"effort_id": effort, "deaths": int(latest["fatalities"].sum()),
                         "deaths_scope": " and ".join(s.upper() for s in str(scope).split("_and_")),
                         "deaths_date": latest["date"].max(), "deaths_nations": latest["iso3"].nunique()})
    return pd.DataFrame(rows, columns=["effort_id", "deaths", "deaths_scope", "deaths_date", "deaths_nations"]).astype(
        {"effort_id": "string", "deaths": "Int64"})


def duration(years: float) -> str:
    """'8.0 years', '7 months' or '16 days': a length as readers say it."""
    if years >= 1:
        return f"{years:.1f} years"
    if years * 12 >= 1:
        return f"{round(years * 12)} months"
    return f"{max(1, round(years * 365.25))} days"


def display(table: pd.DataFrame) -> pd.DataFrame:
    """The effort table as readers read it: labels, and each empty value replaced by its reason in words."""
    from ..data.labels import labelled

    def codes(column: str) -> pd.Series:
        return table[column].astype("object").where(table[column].notna(), None)

    basis = labelled(codes("legal_basis"), "operations", "legal_basis")
    coding = table["legal_basis_coding"].map({"project_rule": " (project's rule)", "source": ""}).fillna("")
    vote = shown(table["vote"], table["vote_reason"], "{}")
    deaths = shown(table["deaths"], table["deaths_reason"])
    scope = [f" ({s}, {n} nations named, to {d:%B %Y})" if pd.notna(s) else "" for s, n, d in
             zip(table["deaths_scope"], table["deaths_nations"], table["deaths_date"])]
    allies = [f"{a} of {n} ({p:.0f}%)" if pd.notna(a) else "not found" for a, n, p in
              zip(table["allies"], table["allies_then"], table["allies_share_pct"].fillna(0))]
    return pd.DataFrame({
        "Effort": table["effort"], "Kind": table["typology"], "Lead": table["lead"],
        "NATO's role": labelled(codes("nato_role"), "coalitions", "nato_role")
        .where(table["effort_type"] == "coalition", "led"),
        "Legal basis": (basis + coding).where(table["legal_basis"].notna(), "not found"),
        "Security Council": [f"{r}: {v}" + (f"; abstaining {a}" if pd.notna(a) else "") if pd.notna(r) else v
                             for r, v, a in zip(table["resolution"], vote, table["abstaining"])],
        "Allies taking part": allies,
        "Peak troops": shown(table["peak_personnel"], table["peak_reason"]),
        "Troop-years": shown(table["troop_years"], table["troop_years_reason"]),
        "Duration": [duration(y) if pd.notna(y) else r for y, r in
                     zip(table["years"], shown(table["years"], table["years_reason"]))],
        "Deaths": [d + s for d, s in zip(deaths, scope)],
        "Assessed outcome": [f"{b}: {o}" if pd.notna(o) else reason for b, o, reason in
                             zip(table["assessed_by"], table["outcome"], shown(table["outcome"],
                                                                               table["outcome_reason"], "{}"))],
    })


def by_typology(table: pd.DataFrame) -> pd.DataFrame:
    """What differs and what does not, per kind of effort: how many, how many rest on a Chapter VII authorisation,
    have no legal basis from a source, median length, median share of the Allies taking part (where lists exist),
    the largest peak strength recorded and the troop-years."""
    rows = []
    for kind, group in table.groupby("typology", sort=False):
        listed = group["allies_share_pct"].dropna()
        rows.append({"kind": kind, "efforts": len(group),
                     "chapter_vii": int((group["legal_basis"] == "unsc_chapter_vii").sum()),
                     "allied_territory": int((group["legal_basis"] == "allied_territory").sum()),
                     "no_basis_found": int(group["legal_basis"].isna().sum()),
                     "contested": int((group["legal_basis"] == "none_contested").sum()),
                     "median_years": float(group["years"].dropna().median()),
                     "with_lists": len(listed), "median_allies_share_pct": float(listed.median()),
                     "with_peak": int(group["peak_personnel"].notna().sum()),
                     "largest_peak": group["peak_personnel"].max(),
                     "troop_years": float(group["troop_years"].sum())})
    return pd.DataFrame(rows)


def display_kinds(kinds: pd.DataFrame) -> pd.DataFrame:
    """`by_typology` as readers read it: counts out of the efforts, medians with what they cover."""
    def of(column: str) -> list[str]:
        return [f"{n} of {e}" for n, e in zip(kinds[column], kinds["efforts"])]

    return pd.DataFrame({
        "Kind": kinds["kind"], "Efforts": kinds["efforts"],
        "Chapter VII authorisation": of("chapter_vii"), "On Allied territory": of("allied_territory"),
        "None, or contested": of("contested"), "No basis found": of("no_basis_found"),
        "Median duration": [duration(y) for y in kinds["median_years"]],
        "Median share of the Allies listed": [f"{p:.0f}% ({n} with lists)" for p, n in
                                              zip(kinds["median_allies_share_pct"], kinds["with_lists"])],
        "Largest peak": [f"{p:,.0f} ({n} with a figure)" if pd.notna(p) else "beyond coverage"
                         for p, n in zip(kinds["largest_peak"], kinds["with_peak"])],
        "Troop-years": [f"{v:,.0f}" if v else "beyond coverage" for v in kinds["troop_years"]]})


def nato_joined(coalitions: pd.DataFrame, coalition_id: str) -> pd.Timestamp | None:
    """The date NATO took its role in a coalition, where it is later than the start (coalitions.nato_role_from:
    NATO joined the Global Coalition on 25 May 2017); None where it held the role from the start or no source says."""
    value = coalitions.set_index("coalition_id").loc[coalition_id, "nato_role_from"]
    return None if pd.isna(value) else pd.Timestamp(value)


ROLE_LABELS = {"led": "NATO-led", "supported": "NATO-supported", "coordinated": "NATO-coordinated",
               "member": "NATO a member", "none": "No NATO role"}
NOT_RECORDED = "NATO's role not recorded"
#: Longest label on the timeline's axis, in characters.
TIMELINE_LABEL = 40


def timeline(t: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Rows for `builders.role_timeline`: every NATO operation, every coalition meeting the rule, and the formats
    NATO itself joined or supported although they are not counted; a coalition NATO joined after it began is drawn
    without a NATO role until the date NATO joined (`nato_joined`) and as 'NATO a member' from then. `status` lets
    the chart hatch the efforts whose end no source gives."""
    chosen = sets(t)
    ops = t["operations"]
    shown_coalitions = chosen.coalitions[chosen.coalitions["counted"]
                                         | chosen.coalitions["nato_role"].astype("string").isin(["member", "supported"])]
    parts = [pd.DataFrame({"label": short_label(ops, TIMELINE_LABEL), "start_date": ops["start_date"],
                           "end_date": ops["end_date"], "status": ops["status"].astype("string"),
                           "role": ops["nato_role"].astype("string").map(ROLE_LABELS), "group": "NATO operation",
                           "source_id": ops["source_id"]})]
    for row in shown_coalitions.itertuples():
        group = "coalition meeting the rule" if row.counted else "format NATO joined or supported (not counted)"
        base = {"label": coalition_label(row.name, TIMELINE_LABEL), "group": group, "source_id": row.source_id,
                "status": str(row.status)}
        role = ROLE_LABELS.get(str(row.nato_role), NOT_RECORDED) if pd.notna(row.nato_role) else NOT_RECORDED
        joined = nato_joined(t["coalitions"], row.coalition_id)
        if joined is not None and joined > row.start_date:
            parts.append(pd.DataFrame([{**base, "start_date": row.start_date, "end_date": joined,
                                        "role": "No NATO role"},
                                       {**base, "start_date": joined, "end_date": row.end_date, "role": role}]))
        else:
            parts.append(pd.DataFrame([{**base, "start_date": row.start_date, "end_date": row.end_date, "role": role}]))
    return pd.concat(parts, ignore_index=True)


#: Longest coalition label on a matrix axis, in characters.
MATRIX_LABEL = 36


def coalition_cells(t: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per current Ally and coalition meeting the rule in which it is listed, with its status (Ally or
    partner) on the date of the list (undated lists: at the coalition's start)."""
    chosen = sets(t)
    members = t["members"]
    lists = t["coalition_members"][t["coalition_members"]["coalition_id"].isin(chosen.counted["coalition_id"])]
    lists = lists[lists["iso3"].isin(members["iso3"])].merge(
        chosen.counted[["coalition_id", "name", "start_date"]], on="coalition_id")
    when = lists["date"].fillna(lists["start_date"])
    joined = lists["iso3"].astype("string").map(members.set_index("iso3")["accession_date"])
    lists = lists.assign(status=[ALLY if j <= w else PARTNER for j, w in zip(joined, when)],
                         coalition=_label(lists["name"], MATRIX_LABEL), nation=lists["iso3"].astype("string").map(country_name))
    lists = lists.sort_values("date").drop_duplicates(["coalition_id", "iso3"], keep="first")
    out = lists[["coalition_id", "coalition", "start_date", "iso3", "nation", "status", "date", "source_id"]]
    out.attrs["table"] = "coalition_members"
    return out.reset_index(drop=True)


def overlap(t: Mapping[str, pd.DataFrame], operations: int = 8, coalitions: int = 10) -> pd.DataFrame:
    """Allies listed in both a NATO-led operation and a coalition meeting the rule (any date): the `operations`
    NATO-led operations and the `coalitions` coalitions with the most Allies listed; long format (operation,
    coalition, allies_in_both, allies_in_operation, allies_in_coalition)."""
    chosen = sets(t)
    allies = set(t["members"]["iso3"])
    ops = t["contributions"][t["contributions"]["op_id"].isin(chosen.led["op_id"])]
    by_op = {str(k): set(v) & allies for k, v in ops.groupby("op_id", observed=True)["iso3"]}
    lists = t["coalition_members"][t["coalition_members"]["coalition_id"].isin(chosen.counted["coalition_id"])]
    by_coalition = {str(k): set(v) & allies for k, v in lists.groupby("coalition_id", observed=True)["iso3"]}
    top_ops = sorted(by_op, key=lambda k: (-len(by_op[k]), k))[:operations]
    top_coalitions = sorted(by_coalition, key=lambda k: (-len(by_coalition[k]), k))[:coalitions]
    op_names = short_label(chosen.led, MATRIX_LABEL).set_axis(chosen.led["op_id"].astype(str))
    co_names = _label(chosen.counted["name"], MATRIX_LABEL).set_axis(chosen.counted["coalition_id"].astype(str))
    rows = [{"op_id": o, "coalition_id": c, "operation": op_names[o], "coalition": co_names[c],
             "allies_in_both": len(by_op[o] & by_coalition[c]), "allies_in_operation": len(by_op[o]),
             "allies_in_coalition": len(by_coalition[c])} for o in top_ops for c in top_coalitions]
    return pd.DataFrame(rows)


#: The operations whose national contingents the fair-share comparison weighs.
FAIR_SHARE_OPERATIONS = ("isaf", "kfor", "efp")
#: A national figure holds until the nation's next figure, at most this long (partial lists).
HOLD_YEARS = 2.0


def national_troop_years(contributions: pd.DataFrame, operations: pd.DataFrame, as_of: pd.Timestamp,
                         op_ids: tuple[str, ...] = FAIR_SHARE_OPERATIONS) -> pd.DataFrame:
    """Person-years per nation, operation and year from the national figures (deployed), each held until the
    nation's next figure in that operation, at most HOLD_YEARS and not past the operation's end; columns iso3,
    op_id, year, person_years."""
    rows = contributions[contributions["op_id"].isin(list(op_ids)) & contributions["personnel"].notna()
                         & (contributions["figure_type"].astype("string") == "deployed")]
    keyed = rows.assign(op_id=rows["op_id"].astype(str) + "|" + rows["iso3"].astype(str))
    op_end = operations.set_index("op_id")["end_date"].fillna(as_of)
    last = keyed.groupby("op_id")["date"].max()
    ends = pd.Series({k: min(op_end[k.split("|")[0]], d + pd.Timedelta(days=round(365.25 * HOLD_YEARS)))
                      for k, d in last.items()})
    years = troop_years(keyed[["op_id", "date", "personnel"]], as_of=as_of, ends=ends,
                        max_gap_years=HOLD_YEARS).years
    parts = years["op_id"].str.split("|", expand=True)
    return years.assign(op_id=parts[0], iso3=parts[1])[["iso3", "op_id", "year", "person_years"]]


def fair_shares(t: Mapping[str, pd.DataFrame], op_ids: tuple[str, ...] = FAIR_SHARE_OPERATIONS) -> pd.DataFrame:
    """Each nation's share of the operations' troop-years against its share of the contributors' population (same
    year, partners included) and, for Allies, of the Allies' GDP implied by NATO's June 2024 release (2014-2024).

    `expected_by_population`: the troop-years the nation would have given in proportion to its population among
    that year's contributors; `population_ratio` = actual / expected (1 = in proportion). The same for GDP, over the
    years 2014-2024 and Allies only (the only GDP the data imply)."""
    from .spending import JUNE_2024, implied_gdp

    as_of = t["sources"]["accessed"].max()
    years = national_troop_years(t["contributions"], t["operations"], as_of, op_ids)
    population = t["population"].set_index(["iso3", "year"])["population"]
    years = years.assign(population=[population.get((i, y), pd.NA) for i, y in zip(years["iso3"], years["year"])])
    per_year = years.groupby(["iso3", "year"], as_index=False).agg(person_years=("person_years", "sum"),
                                                                     population=("population", "first"))
    with_pop = per_year.dropna(subset=["population"])
    total = with_pop.groupby("year")["person_years"].transform("sum")
    share = with_pop["population"] / with_pop.groupby("year")["population"].transform("sum")
    with_pop = with_pop.assign(expected=total * share)
    spending = t["defence_expenditure"][t["defence_expenditure"]["release"].astype("string") == JUNE_2024]
    spending = spending.dropna(subset=["expenditure_usd_mn_constant", "gdp_share_pct"])
    gdp = spending.assign(gdp=implied_gdp(spending)).set_index(["iso3", "year"])["gdp"]
    allied = per_year.assign(gdp=[gdp.get((i, y), pd.NA) for i, y in zip(per_year["iso3"], per_year["year"])])
    allied = allied.dropna(subset=["gdp"])
    allied = allied.assign(expected=allied.groupby("year")["person_years"].transform("sum") * allied["gdp"]
                           / allied.groupby("year")["gdp"].transform("sum"))
    out = per_year.groupby("iso3").agg(person_years=("person_years", "sum"))
    out["share_pct"] = 100 * out["person_years"] / out["person_years"].sum()
    out["expected_by_population"] = with_pop.groupby("iso3")["expected"].sum()
    out["population_share_pct"] = 100 * out["expected_by_population"] / with_pop["person_years"].sum()
    out["population_ratio"] = out["person_years"] / out["expected_by_population"]
    gdp_years = allied.groupby("iso3").agg(gdp_person_years=("person_years", "sum"), expected_by_gdp=("expected", "sum"))
    out = out.join(gdp_years)
    out["gdp_share_pct"] = 100 * out["expected_by_gdp"] / allied["person_years"].sum()
    out["gdp_troop_share_pct"] = 100 * out["gdp_person_years"] / allied["person_years"].sum()
    out["gdp_ratio"] = out["gdp_person_years"] / out["expected_by_gdp"]
    joined = t["members"].set_index("iso3")["accession_date"]
    out["status"] = [ALLY if i in joined.index and joined[i] <= as_of else PARTNER for i in out.index]
    out["name"] = [country_name(i) for i in out.index]
    out = out.reset_index().sort_values("person_years", ascending=False).reset_index(drop=True)
    out.attrs["table"] = "contributions"
    return out


def display_fair(shares: pd.DataFrame) -> pd.DataFrame:
    """`fair_shares` as readers read it; a partner has no GDP comparison (not applicable)."""
    gdp = [f"{t:.1f}% against {g:.1f}% (ratio {r:.2f})" if pd.notna(r) else
           ("not applicable (partner)" if status == PARTNER else "no troop-years 2014-2024")
           for t, g, r, status in zip(shares["gdp_troop_share_pct"], shares["gdp_share_pct"], shares["gdp_ratio"],
                                      shares["status"])]
    return pd.DataFrame({
        "Nation": shares["name"], "Status today": shares["status"],
        "Troop-years": [f"{v:,.0f}" for v in shares["person_years"]],
        "Share of troop-years": [f"{v:.1f}%" for v in shares["share_pct"]],
        "Share if in proportion to population (ratio)": [
            f"{s:.1f}% ({r:.2f})" if pd.notna(r) else "population not found"
            for s, r in zip(shares["population_share_pct"], shares["population_ratio"])],
        "Allies 2014-2024: share of troop-years against share of implied GDP": gdp})
