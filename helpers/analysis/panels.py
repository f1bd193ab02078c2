"""Research panels generated from the tables, never kept by hand: a state-year panel and an effort-year panel.

`state_year()` has one row per state and year, for every state the tables name as an Ally, a partner, or a member
of a NATO-led operation's or a coalition's lists, from 1949 (or the year the state first appears in the COW or GW
state lists) to the year of the data's "as of" date. It keys each row by ISO3 and by the COW and GW codes in force
that year (`helpers.analysis.statecodes`), so it merges with peace-science datasets on code and year.
`effort_year()` has one row per NATO operation or coalition and year in which it ran.

The coverage rules, which tests check:

- a value outside its series' coverage is empty, never 0, and its `<column>_reason` says why (`missing.REASONS`);
- participation in an effort is `yes` (named on a list dated that year), `listed_undated` (named on an undated
  list), `no` (absent from a list of that year known to be complete) or `unknown` (no complete list that year: a
  partial list never gives "no"); it is empty in years in which the effort did not run;
- a list is complete when it names as many nations as the operation's count of contributing nations on the same
  date (personnel.csv), or when its national figures add up to the operation's total on that date.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..data.countries import name as country_name
from . import statecodes
from .efforts import typology
from .operations import troop_years

FIRST_YEAR = 1949
#: Participation values (the `op_<id>` and `co_<id>` columns).
PARTICIPATION = ("yes", "listed_undated", "no", "unknown")
#: Tables the panels read.
TABLES = ("members", "partnerships", "contributions", "coalition_members", "coalitions", "operations", "personnel",
          "states", "population", "defence_expenditure", "events", "operation_countries", "fatalities", "crosswalk",
          "sources")


def _frames(given: Mapping[str, pd.DataFrame] | None) -> dict[str, pd.DataFrame]:
    """The tables the panels read: those given, the rest loaded from the data package."""
    from ..data.loader import load

    given = dict(given or {})
    return {name: given[name] if name in given else load(name) for name in TABLES}


def last_year(t: Mapping[str, pd.DataFrame]) -> int:
    """The year of the data's 'as of' date (the latest date a source was read)."""
    return int(t["sources"]["accessed"].max().year)


def active_years(start: pd.Timestamp, end: pd.Timestamp, status: str, until: int,
                 last_record: pd.Timestamp | None = None) -> range:
    """The calendar years an effort ran: start to end; ongoing efforts to `until`; an effort whose end no source
    gives from its start to its latest dated record (later years are not known to be active)."""
    if pd.notna(end):
        return range(start.year, end.year + 1)
    if str(status) == "ongoing":
        return range(start.year, until + 1)
    seen = last_record.year if last_record is not None and pd.notna(last_record) else start.year
    return range(start.year, max(start.year, seen) + 1)


def _last_records(t: Mapping[str, pd.DataFrame]) -> dict[str, pd.Timestamp]:
    """The latest dated list of each operation (contributions) and coalition (coalition_members)."""
    ops = t["contributions"].groupby("op_id", observed=True)["date"].max()
    coalitions = t["coalition_members"].groupby("coalition_id", observed=True)["date"].max()
    return {**{str(k): v for k, v in ops.items()}, **{str(k): v for k, v in coalitions.items()}}


def effort_years(t: Mapping[str, pd.DataFrame], until: int) -> pd.DataFrame:
    """One row per operation or coalition and year it ran: effort_id, effort_type, column (`op_<id>` / `co_<id>`),
    year."""
    last = _last_records(t)
    rows = []
    for kind, table, key, prefix in (("operation", "operations", "op_id", "op_"),
                                     ("coalition", "coalitions", "coalition_id", "co_")):
        for effort in t[table].itertuples():
            effort_id = getattr(effort, key)
            for year in active_years(effort.start_date, effort.end_date, effort.status, until, last.get(effort_id)):
                rows.append((effort_id, kind, prefix + effort_id, year))
    return pd.DataFrame(rows, columns=["effort_id", "effort_type", "column", "year"])


def complete_lists(contributions: pd.DataFrame, personnel: pd.DataFrame) -> pd.DataFrame:
    """The dated lists of an operation's contributors known to be complete (op_id, date, nations, rule): as many
    nations as personnel.csv counts on that date, or national figures adding up to its total on that date."""
    lists = contributions.groupby(["op_id", "date"], observed=True).agg(
        nations=("iso3", "nunique"), figures=("personnel", "count"), troops=("personnel", "sum")).reset_index()
    totals = personnel[["op_id", "date", "personnel", "contributing_nations"]].astype({"op_id": "string"})
    both = lists.astype({"op_id": "string"}).merge(totals, on=["op_id", "date"], how="inner")
    counted = both["contributing_nations"].notna() & (both["nations"] >= both["contributing_nations"])
    summed = (both["figures"] == both["nations"]) & both["personnel"].notna() & (both["troops"] == both["personnel"])
    both["rule"] = None
    both.loc[summed, "rule"] = "national figures add up to the total"
    both.loc[counted, "rule"] = "names every contributing nation counted"
    return both.dropna(subset=["rule"])[["op_id", "date", "nations", "rule"]].reset_index(drop=True)


def panel_states(t: Mapping[str, pd.DataFrame]) -> list[str]:
    """Every state named as an Ally, a partner, or on an operation's or coalition's lists."""
    named = set()
    for table in ("members", "partnerships", "contributions", "coalition_members"):
        named |= set(t[table]["iso3"].dropna().astype(str))
    return sorted(named)


def _participation(t: Mapping[str, pd.DataFrame], frame: pd.DataFrame, efforts: pd.DataFrame) -> dict[str, list]:
    """The `op_<id>`, `op_<id>_personnel` and `co_<id>` columns for the rows of `frame` (iso3, year)."""
    iso3s = list(frame["iso3"])
    index = {(iso3, year): i for i, (iso3, year) in enumerate(zip(iso3s, frame["year"]))}
    states_in_year: dict[int, list[int]] = {}
    for (iso3, year), i in index.items():
        states_in_year.setdefault(year, []).append(i)
    columns: dict[str, list] = {}
    contributions = t["contributions"].astype({"op_id": "string", "iso3": "string"})
    members = t["coalition_members"].astype({"coalition_id": "string", "iso3": "string"})
    complete = complete_lists(t["contributions"], t["personnel"])
    deployed = contributions[contributions["figure_type"].astype("string") == "deployed"]
    led = set(t["operations"].loc[t["operations"]["nato_role"].astype("string") == "led", "op_id"].astype(str))
    for (effort_id, kind, column), years in efforts.groupby(["effort_id", "effort_type", "column"], sort=False):
        if kind == "operation" and effort_id not in led:
            continue  # NATO supported or coordinated it: not a NATO-led operation
        values = [None] * len(frame)
        figures = [None] * len(frame) if kind == "operation" else None
        if kind == "operation":
            rows = contributions[contributions["op_id"] == effort_id]
            dated = rows.assign(year=rows["date"].dt.year)
            undated = pd.DataFrame(columns=["iso3"])
            full_years = set(complete.loc[complete["op_id"] == effort_id, "date"].dt.year)
        else:
            rows = members[members["coalition_id"] == effort_id]
            dated = rows.dropna(subset=["date"]).assign(year=lambda r: r["date"].dt.year)
            undated = rows[rows["date"].isna()]
            full_years = set()
        yes = set(zip(dated["iso3"], dated["year"]))
        listed = set(undated["iso3"])
        for year in years["year"]:
            for i in states_in_year.get(year, []):
                iso3 = iso3s[i]
                values[i] = ("yes" if (iso3, year) in yes else "listed_undated" if iso3 in listed
                             else "no" if year in full_years else "unknown")
        if figures is not None:
            strengths = deployed[deployed["op_id"] == effort_id].assign(year=lambda r: r["date"].dt.year)
            for (iso3, year), top in strengths.groupby(["iso3", "year"])["personnel"].max().items():
                if (iso3, year) in index and values[index[(iso3, year)]] == "yes":
                    figures[index[(iso3, year)]] = int(top)
        columns[column] = values
        if figures is not None:
            columns[f"{column}_personnel"] = figures
    return columns


def _spending(t: Mapping[str, pd.DataFrame], frame: pd.DataFrame) -> dict[str, pd.Series]:
    """`gdp_share_pct_<release>`, `is_estimate_<release>` and the reason for each release in the data."""
    every = t["defence_expenditure"].astype({"iso3": "string", "release": "string"})
    out = {}
    for release in sorted(every["release"].dropna().unique()):
        rows = every[every["release"] == release].set_index(["iso3", "year"])
        first, last = int(rows.index.get_level_values("year").min()), int(rows.index.get_level_values("year").max())
        keys = pd.MultiIndex.from_arrays([frame["iso3"], frame["year"]])
        share = pd.Series(rows["gdp_share_pct"].reindex(keys).to_numpy(), index=frame.index, dtype="Float64")
        estimate = pd.Series(rows["is_estimate"].reindex(keys).to_numpy(), index=frame.index, dtype="boolean")
        reason = pd.Series(pd.NA, index=frame.index, dtype="string")
        empty = share.isna()
        reason[empty] = "not_found"
        reason[empty & ~frame["ally"]] = "not_applicable"
        reason[empty & (frame["year"] < first)] = "beyond_coverage"
        reason[empty & (frame["year"] > last)] = "not_yet_published"
        code = release.replace("-", "_")
        out[f"gdp_share_pct_{code}"] = share
        out[f"is_estimate_{code}"] = estimate.where(share.notna())
        out[f"gdp_share_pct_{code}_reason"] = reason
    return out


def _membership(t: Mapping[str, pd.DataFrame], frame: pd.DataFrame, until: int) -> dict[str, pd.Series]:
    """`ally` (joined by 31 December), `partner` and `partner_frameworks` (frameworks held on 31 December)."""
    year_end = pd.to_datetime(frame["year"].astype(str) + "-12-31")
    joined = frame["iso3"].map(t["members"].set_index("iso3")["accession_date"])
    ally = pd.Series((joined.notna() & (joined <= year_end)).to_numpy(), index=frame.index, dtype="boolean")
    frameworks = [[] for _ in range(len(frame))]
    unknown = [False] * len(frame)
    by_state: dict[str, list[tuple]] = {}
    for row in t["partnerships"].itertuples():
        by_state.setdefault(str(row.iso3), []).append((row.join_date, row.end_date, str(row.status), str(row.framework)))
    is_ally = list(ally)
    for i, (iso3, end_of_year) in enumerate(zip(frame["iso3"], year_end)):
        for join_date, end_date, status, framework in by_state.get(iso3, []):
            ended = pd.notna(end_date) and end_date <= end_of_year
            if pd.isna(join_date):
                # join date not found: the framework is known to be held only at the data's date
                if status in ("partner", "suspended") and not ended and end_of_year.year == until:
                    frameworks[i].append(framework)
                elif not ended and not is_ally[i]:
                    unknown[i] = True
            elif join_date <= end_of_year and not ended:
                frameworks[i].append(framework)
    listed = pd.Series([";".join(sorted(f)) or pd.NA for f in frameworks], index=frame.index, dtype="string")
    partner = pd.Series([bool(f) for f in frameworks], index=frame.index, dtype="boolean")
    unknown_mask = pd.Series(unknown, index=frame.index) & ~partner
    partner[unknown_mask] = pd.NA
    reason = pd.Series(pd.NA, index=frame.index, dtype="string")
    reason[unknown_mask] = "not_found"
    return {"ally": ally, "partner": partner, "partner_reason": reason, "partner_frameworks": listed}


def _population(t: Mapping[str, pd.DataFrame], frame: pd.DataFrame) -> dict[str, pd.Series]:
    """Same-year population (World Bank) and its reason where empty."""
    rows = t["population"].astype({"iso3": "string"}).set_index(["iso3", "year"])["population"]
    keys = pd.MultiIndex.from_arrays([frame["iso3"], frame["year"]])
    values = pd.Series(rows.reindex(keys).to_numpy(), index=frame.index, dtype="Int64")
    years = rows.index.get_level_values("year")
    reason = pd.Series(pd.NA, index=frame.index, dtype="string")
    reason[values.isna()] = "not_found"
    reason[values.isna() & ((frame["year"] < int(years.min())) | (frame["year"] > int(years.max())))] = "beyond_coverage"
    return {"population": values, "population_reason": reason}


def _article_4(t: Mapping[str, pd.DataFrame], frame: pd.DataFrame) -> dict[str, pd.Series]:
    """Requests for Article 4 consultations an Ally made (alone or with others) in the year; 0 where none is
    recorded; empty for a state that was not an Ally (only Allies can request them)."""
    events = t["events"][t["events"]["kind"].astype("string") == "article_4"]
    counts: dict[tuple[str, int], int] = {}
    for event in events.itertuples():
        for iso3 in str(event.countries or "").split(";"):
            if iso3:
                counts[(iso3, event.date.year)] = counts.get((iso3, event.date.year), 0) + 1
    values = pd.Series([counts.get((s, y), 0) for s, y in zip(frame["iso3"], frame["year"])], index=frame.index,
                       dtype="Int64").where(frame["ally"])
    reason = pd.Series(pd.NA, index=frame.index, dtype="string").where(frame["ally"], "not_applicable")
    return {"article_4_requests": values, "article_4_requests_reason": reason}


def hosting(t: Mapping[str, pd.DataFrame], until: int) -> pd.DataFrame:
    """Which state hosted which NATO-led operation's forces in which year (iso3, year, op_id): a host named in
    contributions.csv (battlegroups, air policing), from its first to its last record; a support site on Allied
    territory (operation_countries.csv) while the operation ran; a theatre that was an Ally's own territory that
    year, while the operation ran."""
    ops = t["operations"].set_index("op_id")
    last = _last_records(t)
    rows = set()
    hosts = t["contributions"].dropna(subset=["host_iso3"])
    for (op_id, host), dates in hosts.groupby(["op_id", "host_iso3"], observed=True)["date"]:
        rows |= {(str(host), year, str(op_id)) for year in range(dates.min().year, dates.max().year + 1)}
    joined = t["members"].set_index("iso3")["accession_date"]
    places = t["operation_countries"][t["operation_countries"]["area_type"].astype("string") == "country"]
    for place in places.itertuples():
        op = ops.loc[place.op_id]
        if str(ops.at[place.op_id, "nato_role"]) != "led":
            continue
        for year in active_years(op["start_date"], op["end_date"], op["status"], until, last.get(place.op_id)):
            allied = place.area_code in joined.index and joined[place.area_code].year <= year
            if str(place.presence) == "support_site" or (str(place.presence) == "theatre" and allied):
                rows.add((str(place.area_code), year, str(place.op_id)))
    return pd.DataFrame(sorted(rows), columns=["iso3", "year", "op_id"])


def _hosting(t: Mapping[str, pd.DataFrame], frame: pd.DataFrame, until: int) -> dict[str, pd.Series]:
    hosted = hosting(t, until).groupby(["iso3", "year"])["op_id"].agg(lambda s: ";".join(sorted(set(s))))
    keys = pd.MultiIndex.from_arrays([frame["iso3"], frame["year"]])
    values = pd.Series(hosted.reindex(keys).to_numpy(), index=frame.index, dtype="string")
    first = int(t["operations"]["start_date"].min().year)
    reason = pd.Series(pd.NA, index=frame.index, dtype="string")
    reason[values.isna()] = "not_found"
    reason[values.isna() & (frame["year"] < first)] = "beyond_coverage"
    return {"hosted_operations": values, "hosted_operations_reason": reason}


def _fatalities(t: Mapping[str, pd.DataFrame], frame: pd.DataFrame) -> dict[str, pd.Series]:
    """`fatalities_<scope>`: the cumulative deaths a tally dated that year gives (the latest tally of the year);
    empty in other years (not found) and before the efforts the tally counts began (not applicable)."""
    out = {}
    starts = pd.concat([t["operations"].set_index("op_id")["start_date"],
                        t["coalitions"].set_index("coalition_id")["start_date"]])
    for scope, rows in t["fatalities"].groupby("scope", observed=True):
        latest = rows.sort_values("date").assign(year=lambda r: r["date"].dt.year).drop_duplicates(
            ["iso3", "year"], keep="last").set_index(["iso3", "year"])["fatalities"]
        keys = pd.MultiIndex.from_arrays([frame["iso3"], frame["year"]])
        values = pd.Series(latest.reindex(keys).to_numpy(), index=frame.index, dtype="Int64")
        efforts = set(str(scope).split("_and_")) | set(rows["op_id"].astype(str))  # the efforts the tally counts
        began = min(starts[e].year for e in efforts if e in starts.index)
        reason = pd.Series(pd.NA, index=frame.index, dtype="string")
        reason[values.isna()] = "not_found"
        reason[values.isna() & (frame["year"] < began)] = "not_applicable"
        out[f"fatalities_{scope}"], out[f"fatalities_{scope}_reason"] = values, reason
    return out


def state_year(tables: Mapping[str, pd.DataFrame] | None = None, *, first_year: int = FIRST_YEAR) -> pd.DataFrame:
    """The state-year panel (see the module docstring and the codebook, `helpers.analysis.codebook`)."""
    t = _frames(tables)
    until = last_year(t)
    frame = statecodes.codes_by_year(t["states"], range(first_year, until + 1), panel_states(t))
    frame.insert(1, "name", frame["iso3"].map(country_name).astype("string"))
    frame["cow_code_reason"] = pd.Series("not_applicable", index=frame.index, dtype="string").where(
        frame["cow_code"].isna())
    frame["gw_code_reason"] = pd.Series("not_applicable", index=frame.index, dtype="string").where(
        frame["gw_code"].isna())
    for part in (lambda: _membership(t, frame, until), lambda: _population(t, frame), lambda: _spending(t, frame),
                 lambda: _article_4(t, frame), lambda: _hosting(t, frame, until), lambda: _fatalities(t, frame)):
        for column, values in part().items():  # in order: spending and Article 4 read `ally`
            frame[column] = values
    efforts = effort_years(t, until)
    participation = _participation(t, frame, efforts)
    ops = [c for c in participation if c.startswith("op_") and not c.endswith("_personnel")]
    coalitions = [c for c in participation if c.startswith("co_")]
    for column, names, table in (("nato_led_operations_recorded", ops, "operations"),
                                 ("coalitions_recorded", coalitions, "coalitions")):
        # efforts on a list dated that year; the tables begin with their first effort (1990), so earlier is empty
        counts = sum((pd.Series(participation[c], index=frame.index) == "yes").astype(int) for c in names)
        before = frame["year"] < int(t[table]["start_date"].min().year)
        frame[column] = pd.array(counts, dtype="Int64")
        frame.loc[before, column] = pd.NA
        frame[f"{column}_reason"] = pd.Series(pd.NA, index=frame.index, dtype="string").mask(before, "beyond_coverage")
    extra = pd.DataFrame({c: pd.Series(v, dtype="Int64" if c.endswith("_personnel") else "string")
                          for c, v in participation.items()}, index=frame.index)
    return pd.concat([frame, extra], axis=1)


def effort_year(tables: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """The effort-year panel: one row per NATO operation (led, supported or coordinated) or coalition and year it
    ran, with NATO's role, typology, strength, troop-years, nations recorded and the crosswalk's ids."""
    from .crosswalk import external_ids
    from .participation import members_on

    t = _frames(tables)
    until = last_year(t)
    ops, coalitions = t["operations"], t["coalitions"]
    years = effort_years(t, until)
    kinds = typology(ops, coalitions).set_index(["effort_type", "effort_id"])
    info = pd.concat([
        ops.assign(effort_id=ops["op_id"], effort_type="operation")[
            ["effort_id", "effort_type", "name", "nato_role", "legal_basis", "status"]].astype({"nato_role": "string"}),
        coalitions.assign(effort_id=coalitions["coalition_id"], effort_type="coalition")[
            ["effort_id", "effort_type", "name", "nato_role", "legal_basis", "status"]].astype({"nato_role": "string"})],
        ignore_index=True).astype({"legal_basis": "string", "status": "string", "effort_id": "string"})
    frame = years.drop(columns="column").merge(info, on=["effort_id", "effort_type"], how="left")
    frame["typology"] = [kinds.at[(k, e), "typology"] for k, e in zip(frame["effort_type"], frame["effort_id"])]
    ids = external_ids(t["crosswalk"], ops, coalitions).rename(columns={"entity_id": "effort_id",
                                                                        "entity_type": "effort_type"})
    datasets = [c for c in ids.columns if c not in ("effort_id", "effort_type", "name", "start_date", "end_date")]
    frame = frame.merge(ids[["effort_id", "effort_type", *datasets]], on=["effort_id", "effort_type"], how="left")

    deployed = t["personnel"][t["personnel"]["figure_type"].astype("string") == "deployed"]
    per_year = deployed.assign(year=deployed["date"].dt.year).groupby(["op_id", "year"], observed=True)
    strength, counted = per_year["personnel"].max(), t["personnel"].assign(
        year=t["personnel"]["date"].dt.year).groupby(["op_id", "year"], observed=True)["contributing_nations"].max()
    ends = ops.set_index("op_id")["end_date"]
    person_years = troop_years(deployed, as_of=pd.Timestamp(year=until, month=12, day=31), ends=ends).years.set_index(
        ["op_id", "year"])["person_years"]
    keys = list(zip(frame["effort_id"], frame["year"]))
    is_op = frame["effort_type"] == "operation"
    for column, series, kind in (("personnel", strength, "Int64"), ("troop_years", person_years, "Float64"),
                                 ("contributing_nations", counted, "Int64")):
        values = pd.Series([series.get(k, pd.NA) if op else pd.NA for k, op in zip(keys, is_op)], dtype="object")
        frame[column] = pd.array([None if pd.isna(v) else v for v in values], dtype=kind)
        frame[f"{column}_reason"] = pd.Series("not_found", index=frame.index, dtype="string").where(
            frame[column].isna()).where(is_op | frame[column].notna(), "beyond_coverage")
    frame["troop_years"] = frame["troop_years"].round(1)

    listed = pd.concat([
        t["contributions"].assign(effort_id=t["contributions"]["op_id"], effort_type="operation")[
            ["effort_id", "effort_type", "iso3", "date"]],
        t["coalition_members"].assign(effort_id=t["coalition_members"]["coalition_id"], effort_type="coalition")[
            ["effort_id", "effort_type", "iso3", "date"]]], ignore_index=True).dropna(subset=["date"])
    listed = listed.astype({"effort_id": "string", "iso3": "string"}).assign(year=lambda r: r["date"].dt.year)
    joined = t["members"].set_index("iso3")["accession_date"]
    listed["ally"] = listed["iso3"].map(joined).le(listed["date"]).fillna(False)
    grouped = listed.groupby(["effort_type", "effort_id", "year"])
    nations = grouped["iso3"].nunique()
    allies = listed[listed["ally"]].groupby(["effort_type", "effort_id", "year"])["iso3"].nunique()
    keys3 = list(zip(frame["effort_type"], frame["effort_id"], frame["year"]))
    # nations on the lists dated that year (at least that many took part); empty where no list is dated that year
    frame["nations_recorded"] = pd.array([nations.get(k, pd.NA) for k in keys3], dtype="Int64")
    frame["allies_recorded"] = pd.array([allies.get(k, 0) if k in nations.index else pd.NA for k in keys3],
                                        dtype="Int64")
    frame["partners_recorded"] = frame["nations_recorded"] - frame["allies_recorded"]
    frame["nations_recorded_reason"] = pd.Series("not_found", index=frame.index, dtype="string").where(
        frame["nations_recorded"].isna())
    complete = complete_lists(t["contributions"], t["personnel"])
    full = set(zip(complete["op_id"].astype(str), complete["date"].dt.year))
    frame["list_complete"] = pd.array([op and (e, y) in full for e, y, op in
                                       zip(frame["effort_id"], frame["year"], is_op)], dtype="boolean")
    frame["allies_in_nato"] = pd.array([len(members_on(t["members"], pd.Timestamp(year=y, month=12, day=31)))
                                        for y in frame["year"]], dtype="Int64")
    return frame.sort_values(["effort_type", "effort_id", "year"], ascending=[False, True, True]).reset_index(drop=True)
