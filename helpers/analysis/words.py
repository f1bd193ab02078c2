"""Numbers, dates and names as prose says them: the phrasing rules every title and takeaway follows.

- a date is printed only as precisely as it is known: `when(date, "month")` is "June 2022", never "1 June 2022";
- counts agree with their noun: `count(1, "Ally")` is "1 Ally", `count(3, "Ally")` "3 Allies";
- large figures are rounded as sources round them: `about(130930)` is "about 131,000";
- lists read as English: `listing(["A", "B", "C"])` is "A, B and C";
- possessives follow the name: "the United States'", "Poland's".
"""

from __future__ import annotations

import math

import pandas as pd

IRREGULAR_PLURALS = {"Ally": "Allies", "ally": "allies", "country": "countries", "Country": "Countries",
                     "coalition": "coalitions", "nation": "nations", "person": "people", "activity": "activities",
                     "body": "bodies", "party": "parties", "navy": "navies", "policy": "policies"}


def plural(noun: str, n: int) -> str:
    """The noun for n of them."""
    if n == 1:
        return noun
    if noun in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[noun]
    return noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"


def count(n: int, noun: str) -> str:
    """'1 Ally', '3 Allies', '1,204 sources'."""
    return f"{n:,} {plural(noun, int(n))}"


def listing(items, conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C' (items as given, in order)."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def possessive(name: str) -> str:
    """'Poland's', 'the United States'' form: a name ending in s takes an apostrophe only."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def when(date, precision: str = "day") -> str:
    """A date as precisely as it is known: '12 June 1999', 'June 1999' or '1999'."""
    date = pd.Timestamp(date)
    if precision == "year":
        return f"{date.year}"
    if precision == "month":
        return f"{date:%B %Y}"
    return f"{date.day} {date:%B %Y}"


def about(value: float, digits: int = 2) -> str:
    """A large figure rounded to `digits` significant digits with 'about': 130930 -> 'about 130,000'; small
    figures (under 100) are given as they are."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "not known"
    if abs(value) < 100:
        return f"{value:,.0f}"
    magnitude = 10 ** (int(math.log10(abs(value))) - digits + 1)
    rounded = int(round(value / magnitude) * magnitude)
    return f"{'' if rounded == value else 'about '}{rounded:,}"


def percent(value: float, decimals: int = 0) -> str:
    """'21%' (or '2.27%' with decimals=2)."""
    return f"{value:.{decimals}f}%"
