"""Membership on a date: counts and titles follow the date asked for (notebook 01's `count_date`)."""

import pandas as pd
import pytest

from helpers import data
from helpers.analysis import membership


def members(*rows):
    frame = pd.DataFrame(rows, columns=["iso3", "name", "accession_date", "wave"])
    return frame.assign(accession_date=pd.to_datetime(frame["accession_date"]),
                        wave=pd.Categorical(frame["wave"], categories=sorted(set(frame["wave"]))))


TOY = members(("AAA", "A", "1949-08-24", "1949"), ("BBB", "B", "1949-08-24", "1949"), ("CCC", "C", "1982-05-30", "1982"),
              ("DDD", "D", "1999-03-12", "1999"), ("EEE", "E", "2004-03-29", "2004"), ("FFF", "F", "2004-03-29", "2004"))


@pytest.mark.parametrize("date, expected", [
    ("1949-05-01", {"members": 0, "founders": 0, "later": 0, "since": 0}),
    ("1960-01-01", {"members": 2, "founders": 2, "later": 0, "since": 0}),
    ("2000-01-01", {"members": 4, "founders": 2, "later": 2, "since": 1}),
    ("2004-03-29", {"members": 6, "founders": 2, "later": 4, "since": 3}),  # the accession day counts
])
def test_counts_follow_the_date(date, expected):
    got = membership.counts(TOY, pd.Timestamp(date))
    assert {k: got[k] for k in expected} == expected and got["since_year"] == 1999


@pytest.mark.parametrize("date, title", [
    ("1949-05-01", "NATO had no members yet on 1 May 1949: the treaty entered into force on 24 August 1949"),
    ("1960-01-01", "NATO had its 2 founding members on 1 January 1960"),
    ("1990-01-01", "NATO grew from 2 founders to 3 Allies in 1 enlargement by 1 January 1990"),
    ("2005-01-01", "NATO grew from 2 founders to 6 Allies in 3 enlargements by 1 January 2005"),
])
def test_growth_title(date, title):
    assert membership.growth(TOY, pd.Timestamp(date)) == title


def test_waves_on_a_date_leave_out_later_ones():
    waves = membership.waves(membership.on(TOY, pd.Timestamp("2000-01-01")))
    assert list(waves["wave"].astype(str)) == ["1949", "1982", "1999"] and list(waves["allies"]) == [2, 1, 1]


def test_on_the_project_data_nineteen_members_on_1_january_2000():
    got = membership.counts(data.load("members"), pd.Timestamp("2000-01-01"))
    assert (got["members"], got["later"], got["since"], got["since_year"]) == (19, 7, 3, 1999)


@pytest.mark.parametrize("date, phrase", [
    ("1960-01-01", "no Ally had joined after the founders"),
    ("2000-01-01", "the largest waves after the founders were 1982 and 1999 (1 Ally each)"),
    ("2005-01-01", "the largest wave after the founders was 2004 (2 Allies)"),
])
def test_largest_wave(date, phrase):
    assert membership.largest_wave(membership.on(TOY, pd.Timestamp(date))) == phrase
