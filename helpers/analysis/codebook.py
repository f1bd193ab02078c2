"""What each column of the research panels means: a Frictionless Table Schema and a Markdown codebook, both
generated from the panels themselves (`helpers.analysis.panels`), so that neither is kept by hand.
"""

from __future__ import annotations

import re

import pandas as pd

from .efforts import TYPOLOGY_RULE
from .missing import REASONS
from .panels import PARTICIPATION
from .spending import release_name

KEYS = {"state_year": ["iso3", "year"], "effort_year": ["effort_type", "effort_id", "year"]}
TITLES = {"state_year": "State-year panel", "effort_year": "Effort-year panel"}
PANEL_DESCRIPTIONS = {
    "state_year": "One row per state and year: every state the tables name as an Ally, a partner, or on a NATO-led "
                  "operation's or a coalition's lists, in the years the COW or GW state lists count it, from 1949 to "
                  "the year of the data's date.",
    "effort_year": "One row per NATO operation (led, supported or coordinated) or coalition outside NATO command "
                   "and calendar year in which it ran.",
}

#: Fixed columns: description.
COLUMNS = {
    "iso3": "State, ISO 3166-1 alpha-3 (Kosovo XKX, Czechoslovakia CSK)",
    "name": "State's display name",
    "year": "Calendar year",
    "cow_code": "Correlates of War state number (ccode) in force on 31 December of the year (data/states.csv)",
    "cow_abb": "COW state abbreviation",
    "gw_code": "Gleditsch-Ward state number in force on 31 December of the year (data/states.csv)",
    "ally": "A NATO Ally on 31 December (accession on or before it; members.csv)",
    "partner": "Held a NATO partnership framework on 31 December (partnerships.csv); empty where the join date is "
               "not known and the year is before the data's date",
    "partner_frameworks": "The partnership frameworks held on 31 December, ';'-separated",
    "population": "Total population of the same year (World Bank SP.POP.TOTL; population.csv)",
    "article_4_requests": "Requests for consultations under Article 4 the Ally made that year, alone or with other "
                          "Allies (events.csv); 0 where none is recorded",
    "hosted_operations": "NATO-led operations whose forces the state hosted that year, ';'-separated op_ids: a host "
                         "named in contributions.csv (battlegroups, air policing) from its first to its last record, a "
                         "support site in operation_countries.csv, or a theatre on the state's territory while it was "
                         "an Ally",
    "nato_led_operations_recorded": "NATO-led operations with a list naming the state dated that year (at least "
                                    "that many: lists are partial)",
    "coalitions_recorded": "Coalitions outside NATO command with a list naming the state dated that year (at least "
                           "that many)",
    "effort_id": "op_id (operations.csv) or coalition_id (coalitions.csv)",
    "effort_type": "operation (operations.csv: NATO led, supported or coordinated it) or coalition (coalitions.csv)",
    "nato_role": "NATO's role: led, supported or coordinated (operations); member, supported or none (coalitions)",
    "legal_basis": "Basis in international law, as the effort's table codes it",
    "status": "ongoing, ended or end_unknown (then only the years up to its latest dated list are included)",
    "typology": "Kind of effort, derived: " + TYPOLOGY_RULE,
    "personnel": "Largest deployed strength dated that year in personnel.csv (operations only)",
    "troop_years": "Person-years deployed that year, held from one dated strength to the next "
                   "(helpers.analysis.operations.troop_years; gaps over two years left empty)",
    "contributing_nations": "Largest count of contributing nations dated that year in personnel.csv",
    "nations_recorded": "Nations on the lists dated that year (contributions.csv, coalition_members.csv): at least "
                        "that many took part",
    "allies_recorded": "Of those, states that were Allies on the list's date",
    "partners_recorded": "Of those, states that were not Allies on the list's date",
    "list_complete": "A list dated that year is complete (it names every contributing nation counted, or its "
                     "national figures add up to the total)",
    "allies_in_nato": "Allies on 31 December of the year (members.csv)",
}
DATASETS = {"sipri_mpo": "SIPRI Multilateral Peace Operations name", "ucdp_conflict": "UCDP conflict id(s)",
            "cow_war": "Correlates of War war number(s)", "cow_mid": "COW Militarized Interstate Dispute number(s)",
            "mullenbach_tpp": "Mullenbach third-party peacekeeping mission id(s)"}




def describe(column: str, names: dict[str, str]) -> str:
    """The meaning of one panel column (`names`: effort column -> effort name)."""
    if column in COLUMNS:
        return COLUMNS[column]
    if column in DATASETS:
        return f"{DATASETS[column]} matched to the effort in crosswalk.csv, ';'-separated; empty where not matched"
    if column.endswith("_reason"):
        return f"Why {column.removesuffix('_reason')} is empty: " + ", ".join(REASONS)
    found = re.fullmatch(r"gdp_share_pct_(\d{4})_(\d{2})", column)
    if found:
        return f"Defence expenditure as % of GDP in NATO's release of {release_name(found[1] + '-' + found[2])}"
    found = re.fullmatch(r"is_estimate_(\d{4})_(\d{2})", column)
    if found:
        return f"NATO marks that figure as an estimate (release of {release_name(found[1] + '-' + found[2])})"
    found = re.fullmatch(r"fatalities_(\w+)", column)
    if found:
        return (f"Military deaths to date in the latest tally dated that year (scope {found.group(1)}; "
                "fatalities.csv); cumulative, not deaths in the year")
    if column.endswith("_personnel"):
        return f"Largest deployed strength of the state in {names.get(column.removesuffix('_personnel'), column)} on " \
               "a list dated that year; empty where none is given"
    if column in names:
        kind = "NATO-led operation" if column.startswith("op_") else "coalition"
        return (f"Took part in {names[column]} ({kind}) that year: " + ", ".join(PARTICIPATION)
                + "; empty in years it did not run")
    raise KeyError(f"no description for panel column {column!r}")


def _field(frame: pd.DataFrame, column: str, names: dict[str, str]) -> dict:
    dtype = str(frame[column].dtype)
    kind = ("integer" if dtype.startswith(("Int", "int")) else "number" if dtype.startswith(("Float", "float"))
            else "boolean" if dtype in ("boolean", "bool") else "string")
    field = {"name": column, "type": kind, "description": describe(column, names)}
    if column.endswith("_reason"):
        field["constraints"] = {"enum": list(REASONS)}
    elif column in names:
        field["constraints"] = {"enum": list(PARTICIPATION)}
    if kind == "boolean":
        field.update(trueValues=["true"], falseValues=["false"])
    if column in KEYS.get(frame.attrs.get("panel", ""), []):
        field.setdefault("constraints", {})["required"] = True
    return field


def effort_names(operations: pd.DataFrame, coalitions: pd.DataFrame) -> dict[str, str]:
    """Participation column -> effort name (`op_isaf` -> 'International Security Assistance Force')."""
    return {**{f"op_{k}": str(v) for k, v in zip(operations["op_id"], operations["name"])},
            **{f"co_{k}": str(v) for k, v in zip(coalitions["coalition_id"], coalitions["name"])}}


def schema(frame: pd.DataFrame, panel: str, names: dict[str, str]) -> dict:
    """The Frictionless Table Schema of one panel."""
    frame.attrs["panel"] = panel
    return {"fields": [_field(frame, c, names) for c in frame.columns], "primaryKey": KEYS[panel],
            "missingValues": [""]}


def package(frames: dict[str, pd.DataFrame], names: dict[str, str], version: str) -> dict:
    """A Frictionless Data Package describing the panels (written beside their CSVs)."""
    return {
        "name": "nato-coalitions-panels", "title": "NATO in multinational coalitions: research panels",
        "version": version,
        "description": "State-year and effort-year panels generated from the project's tables. See codebook.md.",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": [{"name": panel, "path": f"{panel}.csv", "profile": "tabular-data-resource", "format": "csv",
                       "mediatype": "text/csv", "encoding": "utf-8", "title": TITLES[panel],
                       "description": PANEL_DESCRIPTIONS[panel], "schema": schema(frame, panel, names)}
                      for panel, frame in frames.items()],
    }


def _table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _code(value) -> str:
    return "none" if pd.isna(value) else str(int(value))


def markdown(frames: dict[str, pd.DataFrame], names: dict[str, str], coverage: pd.DataFrame, changes: pd.DataFrame,
             version: str) -> str:
    """The codebook: what the panels hold, their coverage rules, how to merge them, and every column.
    `coverage` is the crosswalk's (`crosswalk.coverage`), `changes` the codes that change within a year
    (`statecodes.changes`)."""
    states, efforts = frames["state_year"], frames["effort_year"]
    changes = changes[changes["iso3"].isin(set(states["iso3"]))]
    participation = [c for c in states.columns if c in names]
    ops = [c for c in participation if c.startswith("op_")]
    parts = [
        "# Codebook: research panels",
        "",
        f"Generated by `make site` from the project's tables (version {version}); never edited by hand. Data and "
        "text CC BY 4.0: cite the original sources of a value (`data/sources.csv`) and this project as compiler.",
        "",
        "## The panels",
        "",
        f"- `state_year.csv`: {len(states):,} rows, {states['iso3'].nunique()} states, {states['year'].min()} to "
        f"{states['year'].max()}. {PANEL_DESCRIPTIONS['state_year']}",
        f"- `effort_year.csv`: {len(efforts):,} rows, {efforts['effort_id'].nunique()} efforts "
        f"({(efforts.drop_duplicates('effort_id')['effort_type'] == 'operation').sum()} operations, "
        f"{(efforts.drop_duplicates('effort_id')['effort_type'] == 'coalition').sum()} coalitions). "
        f"{PANEL_DESCRIPTIONS['effort_year']}",
        "- `datapackage.json`: the Frictionless schema of both (types, vocabularies, keys).",
        "",
        "## Coverage rules",
        "",
        "- A value outside its series' coverage is **empty, never 0**, and the column `<column>_reason` beside it says "
        "why: " + "; ".join(f"`{k}` ({v})" for k, v in REASONS.items()) + ".",
        f"- Participation (`op_<op_id>` for each of the {len(ops)} NATO-led operations, `co_<coalition_id>` for each "
        f"of the {len(participation) - len(ops)} coalitions): `yes` (named on a list dated that year), "
        "`listed_undated` (named on an undated list: took part at some time), `no` (absent from a list of that year "
        "known to be complete), `unknown` (no complete list that year: a partial list never gives `no`). Empty in "
        "years the effort did not run (not applicable). `op_<op_id>_personnel` is empty where no figure is given "
        "(not found) or the state did not take part that year (not applicable). Coalition lists carry no strengths.",
        "- An effort whose end no source gives counts as running from its start to its latest dated list.",
        "- Spending (`gdp_share_pct_<release>`) comes from each NATO release separately; never mix releases in "
        "one series. `is_estimate_<release>` says where NATO marks the figure as an estimate.",
        "",
        "## Merging with COW- or GW-keyed data",
        "",
        "Merge on `cow_code` and `year` (or `gw_code` and `year`): each pair is unique in the state-year panel. "
        "Codes are those in force on 31 December: where a state's code changes during a year, the state lists count "
        "both that year and the panel gives the later one. A state-year without a code in one system has "
        "`cow_code_reason` or `gw_code_reason` `not_applicable` (not a member of that state system that year). The "
        "years in which a panel state's code changes:",
        "",
        _table([(str(r.iso3), str(r.year), str(r.system), _code(r.before), _code(r.after))
                for r in changes.itertuples()], ("state", "year", "system", "code before", "code in the panel")),
        "",
        "## Crosswalk coverage (effort-year panel)",
        "",
        _table([(str(r.dataset), str(r.entity_type), f"{r.matched} of {r.efforts}") for r in coverage.itertuples()],
               ("dataset", "efforts", "matched")),
        "",
        "A crosswalk row exists where a source supports the match; rows whose note begins 'Theatre only' match the "
        "theatre's conflict, not the effort's participants (see `data/crosswalk.csv`).",
    ]
    for panel, frame in frames.items():
        fields = schema(frame, panel, names)["fields"]
        shown = [f for f in fields if f["name"] not in names and not re.fullmatch(r"op_\w+_personnel", f["name"])]
        parts += ["", f"## Columns of `{panel}.csv`", "",
                  _table([(f"`{f['name']}`", f["type"], f["description"]) for f in shown],
                         ("column", "type", "meaning"))]
        if panel == "state_year":
            parts += ["", "The participation columns, one per effort, each " + describe(participation[0], names)
                      .split(":", 1)[1].strip() + " Each NATO-led operation also has `<column>_personnel`, the "
                      "state's largest deployed strength on a list dated that year.", "",
                      _table([(f"`{c}`", names[c]) for c in participation], ("column", "effort"))]
    return "\n".join(parts) + "\n"
