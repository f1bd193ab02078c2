"""States by code: ISO 3166-1 alpha-3 codes (pycountry), the two the project adds, display names, and the code a
reader probably meant when a table holds a common abbreviation instead (`UK` -> `GBR`)."""

from __future__ import annotations

from functools import lru_cache

#: Codes accepted besides ISO 3166-1: Kosovo has no official code; XKX is the common user-assigned one.
EXTRA_COUNTRY_CODES = {"XKX": "Kosovo", "CSK": "Czechoslovakia (former; ISO 3166-3)"}

#: Names the collection uses where pycountry's differ (NATO's usage: Türkiye since 2022, North Macedonia).
DISPLAY_NAMES = {"TUR": "Türkiye", "MKD": "North Macedonia", "KOR": "South Korea", "CZE": "Czechia",
                 "GBR": "United Kingdom", "USA": "United States", "RUS": "Russia", "BIH": "Bosnia and Herzegovina",
                 "XKX": "Kosovo", "CSK": "Czechoslovakia"}

#: Abbreviations and alpha-2 codes people type for the ISO alpha-3 code (check-data suggests the code).
COMMON_MISTAKES = {"UK": "GBR", "EN": "GBR", "ENG": "GBR", "US": "USA", "KOS": "XKX", "KSV": "XKX", "RKS": "XKX",
                   "GER": "DEU", "NED": "NLD", "HOL": "NLD", "SUI": "CHE", "DEN": "DNK", "POR": "PRT",
                   "CRO": "HRV", "SLO": "SVN", "BUL": "BGR", "ROM": "ROU", "LAT": "LVA", "GRE": "GRC",
                   "FYROM": "MKD", "MAC": "MKD"}


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes (pycountry) plus the documented extra codes."""
    import pycountry

    return frozenset({c.alpha_3 for c in pycountry.countries} | set(EXTRA_COUNTRY_CODES))


def suggestion(code: str) -> str:
    """'did you mean GBR (United Kingdom)?' for a common abbreviation or alpha-2 code, else ''."""
    import pycountry

    text = code.strip().upper()
    guess = COMMON_MISTAKES.get(text)
    if guess is None and len(text) == 2:
        found = pycountry.countries.get(alpha_2=text)
        guess = found.alpha_3 if found else None
    if guess is None and text in country_codes() and text != code:
        guess = text  # right code, wrong case or spaces
    return f"did you mean {guess} ({name(guess)})?" if guess else ""


def name(code: str) -> str:
    """The display name of one code (the code itself when unknown)."""
    import pycountry

    if code in DISPLAY_NAMES:
        return DISPLAY_NAMES[code]
    country = pycountry.countries.get(alpha_3=code)
    return (getattr(country, "common_name", None) or country.name) if country else code


def names(codes):
    """Display names for a Series of codes."""
    return codes.astype("string").map(name)


def possessive(name: str) -> str:
    """A name in the possessive: "Poland's", and "United States'" or "Netherlands'" for names ending in s."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"
