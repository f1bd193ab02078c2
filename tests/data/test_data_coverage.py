"""Coverage minimums and cross-table facts the notebooks rely on (the schema checks live in check-data)."""

import json

import pandas as pd
import pytest

from conftest import ROOT
from helpers import data

#: Operations the source article names; each must be in operations.csv.
NAMED_IN_ARTICLE = {"ifor", "sfor", "kfor", "isaf", "resolute_support", "allied_provider", "allied_protector",
                    "ocean_shield"}


def test_all_32_allies_with_accession_dates():
    members = data.load("members")
    assert len(members) == 32 and members["accession_date"].notna().all()
    founders = members[members["wave"] == "1949"]
    assert len(founders) == 12 and (founders["accession_date"] == "1949-08-24").all()


def test_every_operation_the_article_names_is_present():
    assert NAMED_IN_ARTICLE <= set(data.load("operations")["op_id"])


def test_un_mandates_are_answerable():
    ops = data.load("operations")
    mandated = ops[ops["un_resolutions"].notna()]
    assert len(mandated) >= 10
    resolutions = set(data.load("resolutions")["resolution"])
    for cited in mandated["un_resolutions"]:
        assert set(cited.split(";")) <= resolutions, cited
    # a legal basis is missing only where the note says no source states one
    unknown = ops[ops["legal_basis"].isna()]
    assert len(unknown) <= 3 and unknown["note"].str.contains("no source", case=False).all(), list(unknown["op_id"])


def test_status_matches_end_date():
    ops = data.load("operations")
    assert (ops["end_date"].notna() == (ops["status"] == "ended")).all()


def test_article_4_and_5_events():
    events = data.load("events")
    art4 = events[events["kind"] == "article_4"]
    assert len(art4) >= 7 and art4["countries"].notna().all()
    assert (events["kind"] == "article_5").any()


def test_spending_covers_every_ally_but_iceland_each_year():
    every = data.load("defence_expenditure")
    assert set(every["release"]) == {"2024-06", "2025-08"}
    spending = every[every["release"] == "2025-08"]
    allies = set(data.load("members")["iso3"]) - {"ISL"}
    for (release, year), group in every.groupby(["release", "year"], observed=True):
        assert set(group["iso3"]) == allies, (release, year)
    assert "ISL" not in set(spending["iso3"])
    assert spending["year"].min() == 2014
    for release, rows in every.groupby("release", observed=True):
        # the latest year with values is an estimate, as NATO labels it
        latest = rows.dropna(subset=["gdp_share_pct"])["year"].max()
        assert rows[rows["year"] == latest]["is_estimate"].all(), release
        # each release comes from one source
        assert rows["source_id"].nunique() == 1, release


def test_isaf_strength_and_nations_over_time():
    isaf = data.load("personnel").query("op_id == 'isaf'")
    assert len(isaf) >= 15 and isaf["contributing_nations"].notna().sum() >= 10
    assert isaf["date"].dt.year.nunique() >= 10


def test_piracy_covers_2006_to_2018():
    assert set(range(2006, 2019)) <= set(data.load("piracy")["year"])


def claims_problems(claims: pd.DataFrame, fields: dict) -> list[str]:
    """What is wrong with the claims table: verdicts or sections outside the vocabularies, sections without a
    claim, a 'wrong' or 'partly' verdict without a correction."""
    verdicts, sections = fields["verdict"]["constraints"]["enum"], fields["section"]["constraints"]["enum"]
    problems = [f"{r.claim_id}: verdict {r.verdict!r} not in {verdicts}" for r in claims.itertuples()
                if r.verdict not in verdicts]
    problems += [f"{r.claim_id}: section {r.section!r} not in {sections}" for r in claims.itertuples()
                 if r.section not in sections]
    problems += [f"section {s!r} has no claim" for s in sections if s not in set(claims["section"])]
    problems += [f"{r.claim_id}: verdict {r.verdict!r} without a correction" for r in claims.itertuples()
                 if r.verdict in ("wrong", "partly") and not str(r.correction).strip()]
    return problems


def claims_schema() -> dict:
    package = json.loads((ROOT / "data" / "datapackage.json").read_text())
    claims = next(r for r in package["resources"] if r["name"] == "claims")
    return {f["name"]: f for f in claims["schema"]["fields"]}


def test_claims_cover_every_verdict_used_and_sections():
    claims = pd.read_csv(ROOT / "data" / "claims.csv", dtype=str, keep_default_na=False)
    assert len(claims) >= 20
    assert claims_problems(claims, claims_schema()) == []


#: One way to break the claims each, and the problem it must raise.
BROKEN_CLAIMS = {
    "unknown verdict": ({"verdict": "mostly"}, "verdict 'mostly' not in"),
    "unknown section": ({"section": "epilogue"}, "section 'epilogue' not in"),
    "wrong without correction": ({"verdict": "wrong", "correction": ""}, "'wrong' without a correction"),
    "partly without correction": ({"verdict": "partly", "correction": " "}, "'partly' without a correction"),
}


@pytest.mark.parametrize("case", BROKEN_CLAIMS)
def test_claims_check_catches(case):
    change, problem = BROKEN_CLAIMS[case]
    claims = pd.read_csv(ROOT / "data" / "claims.csv", dtype=str, keep_default_na=False)
    for column, value in change.items():
        claims.loc[0, column] = value
    assert any(problem in p for p in claims_problems(claims, claims_schema())), case


def test_every_column_is_documented_in_the_data_readme():
    readme = (ROOT / "data" / "README.md").read_text()
    package = json.loads((ROOT / "data" / "datapackage.json").read_text())
    for resource in package["resources"]:
        section = readme.split(f"### `{resource['name']}.csv`", 1)
        assert len(section) == 2, resource["name"]
        for field in resource["schema"]["fields"]:
            assert f"| `{field['name']}` |" in section[1].split("### ", 1)[0], (resource["name"], field["name"])


def test_sources_are_well_formed():
    sources = data.load("sources")
    assert sources["url"].dropna().str.match(r"^https?://").all()
    assert sources["url"].isna().sum() <= 1  # only the seed article has no address


def test_every_vocabulary_has_display_labels():
    """Readers see labels, never codes: each enum value has a label, defined once in the schema."""
    package = json.loads((ROOT / "data" / "datapackage.json").read_text())
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            enum = field.get("constraints", {}).get("enum")
            if enum:
                labels = field.get("enumLabels", {})
                assert set(labels) == set(enum), (resource["name"], field["name"])
                assert all(labels[v].strip() and "_" not in labels[v] for v in enum), (resource["name"], field["name"])


def test_data_dictionary_is_generated_from_the_schema():
    from helpers.data.datadict import readme_with_dictionary

    readme = (ROOT / "data" / "README.md").read_text()
    package = json.loads((ROOT / "data" / "datapackage.json").read_text())
    assert readme_with_dictionary(readme, package) == readme, "run `python -m helpers datadict`"


def test_readme_row_counts_match_the_tables():
    """The coverage notes give each table's size; a data edit that changes it must update the README."""
    import re

    readme = (ROOT / "data" / "README.md").read_text()
    coverage = readme.split("## Coverage and known gaps", 1)[1].split("\n## ", 1)[0]
    stated = {name: int(n) for name, n in re.findall(r"\*\*([a-z_]+)\*\* \((\d+) rows", coverage)}
    assert len(stated) >= 15
    for name, n in stated.items():
        assert len(data.load(name)) == n, f"data/README.md says {name} has {n} rows"


def test_readmes_count_the_tables_there_are():
    import re

    tables = len(json.loads((ROOT / "data" / "datapackage.json").read_text())["resources"])
    readme = (ROOT / "README.md").read_text()
    assert set(re.findall(r"\*\*(\d+) tables in which", readme) + re.findall(r"\| (\d+) tidy CSV tables", readme)) == {
        str(tables)}
