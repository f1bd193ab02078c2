"""Source quality comes from the recorded publisher type, and citations name the original of a transcription."""

import pandas as pd
import pytest

from helpers import data
from helpers.data import provenance

#: Sources as the fixture records them: (publisher, publisher_type, original_of).
SOURCES = {
    "test-a": ("NATO Watch", "other", ""),
    "test-b": ("U.S. Mission to NATO", "government", ""),
}


@pytest.fixture
def recorded(minimal_data, monkeypatch):
    """The minimal data with the sources above; members.csv cites test-a (BEL) and test-b (POL)."""
    lines = ["source_id,publisher,title,url,accessed,publisher_type,original_of,note,archive_url,archive_status"]
    lines += [f"{sid},{pub},Title {sid},https://example.org/{sid},2026-01-01,{kind},{orig},,,none"
              for sid, (pub, kind, orig) in SOURCES.items()]
    (minimal_data / "sources.csv").write_text("\n".join(lines) + "\n")
    monkeypatch.setenv("NATO_DATA_DIR", str(minimal_data))
    return minimal_data


@pytest.mark.parametrize("publisher_type, group", [
    ("nato", "NATO"), ("united_nations", "United Nations"), ("government", "Government"), ("news", "News media"),
    ("academic", "Academic or research"), ("wikipedia_derived", "Wikipedia-derived"), ("other", "Other"),
])
def test_each_publisher_type_has_its_group(publisher_type, group):
    sources = pd.DataFrame({"publisher": ["NATO something"], "publisher_type": [publisher_type]})
    assert list(provenance.publisher_groups(sources)) == [group]


def test_groups_come_from_the_recorded_type_not_the_name(recorded):
    mix = provenance.source_mix(recorded)
    members = mix[mix["table"] == "members"].set_index("publisher")["rows"].to_dict()
    assert members == {"Other": 1, "Government": 1}  # NATO Watch is not NATO; the US Mission is a government
    assert provenance.inventory(recorded).set_index("table").at["members", "nato_share_pct"] == 0.0


def test_project_sources_that_name_nato_are_not_all_nato():
    sources = data.load("sources")
    groups = provenance.publisher_groups(sources).set_axis(sources["publisher"])
    assert (groups[["NATO Watch"]] == "Other").all()
    assert (groups[["U.S. Mission to NATO"]] == "Government").all()


def test_source_mix_accounts_for_every_row():
    mix = provenance.source_mix()
    for name, group in mix.groupby("table"):
        assert group["rows"].sum() == len(data.load(name))
        assert abs(group["share"].sum() - 100) < 1e-9
    assert "sources" not in set(mix["table"])
    assert set(mix["publisher"]) <= set(provenance.PUBLISHER_TYPES.values())


@pytest.mark.parametrize("publisher, original_of, expected", [
    ("NATO", None, "NATO"),
    ("Datavisualiatie-UGent (GitHub)", "NATO, Defence Expenditure of NATO Countries (2014-2025), August 2025",
     "NATO, Defence Expenditure of NATO Countries (2014-2025), August 2025 (transcribed by Datavisualiatie-UGent "
     "on GitHub)"),
    ("jacobvoss (GitHub repository geopolitical-dashboard)", "NATO, Table 3",
     "NATO, Table 3 (transcribed by jacobvoss on GitHub)"),
    ("Some Archive", "UN, Resolution 1031", "UN, Resolution 1031 (transcribed by Some Archive)"),
])
def test_publisher_name_puts_the_original_first(publisher, original_of, expected):
    assert provenance.publisher_name(pd.Series({"publisher": publisher, "original_of": original_of})) == expected


def test_cite_derives_the_tables_from_the_frames():
    members, ops = data.load("members"), data.load("operations")
    assert provenance.cite(members).endswith("compiled in data/members.csv")
    both = provenance.cite(members[members["wave"] == "1949"], ops)
    assert both.endswith("compiled in data/members.csv, data/operations.csv")


def test_point_sources_name_the_original_its_year_and_estimates():
    spending = data.load("defence_expenditure")
    rows = spending[(spending["iso3"] == "POL") & (spending["release"] == "2025-08")
                    & spending["year"].isin([2014, 2025])].sort_values("year")
    assert provenance.point_sources(rows) == ["NATO, 2025", "NATO, 2025, NATO estimate"]
    contributions = data.load("contributions")
    isaf = contributions[(contributions["op_id"] == "isaf") & (contributions["date"] == pd.Timestamp("2010-11-15"))]
    assert provenance.point_sources(isaf.head(1)) == ["NATO, 2010"]  # AFP transcribed NATO's figures
