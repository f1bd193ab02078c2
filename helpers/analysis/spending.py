"""Defence-spending computations: NATO's releases, the median Ally, Allies at a guideline, revisions between
releases, GDP-weighted aggregates, equipment and constant dollars.

Every function keeps NATO's releases apart: a series is read from one release only (`release` column). Which
release is the latest is read off the data, never typed: a new release added to defence_expenditure.csv becomes
the one the notebooks, profiles and site use.
"""

from __future__ import annotations

import pandas as pd

from .words import listing

#: The release that carries equipment shares and constant-price dollars (NATO's own workbook, June 2024).
JUNE_2024 = "2024-06"


def _release(every: pd.DataFrame, release: str) -> pd.DataFrame:
    return every[every["release"].astype("string") == release]


def latest_release_code(every: pd.DataFrame, column: str = "gdp_share_pct") -> str:
    """The code of the newest release with values in `column` (codes are year-month: '2025-08')."""
    present = every.dropna(subset=[column])["release"].astype("string")
    return str(present.max())


def latest_release(every: pd.DataFrame) -> pd.DataFrame:
    """Only the rows of NATO's latest release (series never mix releases)."""
    return _release(every, latest_release_code(every))


def release_name(code: str) -> str:
    """'August 2025' for '2025-08'."""
    return pd.Timestamp(f"{code}-01").strftime("%B %Y")


def previous_release_code(every: pd.DataFrame, column: str = "gdp_share_pct") -> str:
    """The release before the latest one with values in `column` (for revisions); the latest when there is one."""
    codes = sorted(set(every.dropna(subset=[column])["release"].astype("string")))
    return codes[-2] if len(codes) > 1 else codes[-1]


def first_and_last(spending: pd.DataFrame, names: pd.Series) -> pd.DataFrame:
    """Per Ally: share of GDP in the first year of the release (`start`, 2014 in NATO's tables) and in the latest
    year (`end`), for Allies with both; `start_year` and `end_year` say which years."""
    years = spending.dropna(subset=["gdp_share_pct"])["year"]
    first_year, last_year = int(years.min()), int(years.max())
    first = spending[spending["year"] == first_year].set_index("iso3")["gdp_share_pct"]
    last = spending[spending["year"] == last_year].set_index("iso3")["gdp_share_pct"]
    pairs = pd.DataFrame({"start": first, "end": last}).dropna()
    pairs = pairs.join(names.rename("name")).reset_index(names="iso3")
    return pairs.assign(start_year=first_year, end_year=last_year)


def implied_gdp(rows: pd.DataFrame) -> pd.Series:
    """Real GDP implied by NATO's own figures: constant-price spending divided by its share of GDP."""
    return rows["expenditure_usd_mn_constant"] / (rows["gdp_share_pct"] / 100)


def implied_real_gdp_change(every: pd.DataFrame, year: int) -> dict:
    """How many Allies' real GDP (implied by the June 2024 release) fell from the year before, and the median %."""
    rows = _release(every, JUNE_2024).dropna(subset=["expenditure_usd_mn_constant", "gdp_share_pct"])
    gdp = rows.assign(gdp=implied_gdp(rows)).pivot(index="iso3", columns="year", values="gdp")
    change = (100 * (gdp[year] / gdp[year - 1] - 1)).dropna()
    return {"allies": len(change), "falling": int((change < 0).sum()), "median_change_pct": float(change.median())}


def revisions(every: pd.DataFrame, names: pd.Series) -> pd.DataFrame:
    """The same Ally and year in the previous and the latest release: `earlier` and `later` shares of GDP and their
    `difference` (later minus earlier, points), with `earlier_release` and `later_release` codes (name them with
    `release_name`). Only Allies and years both releases give."""
    earlier_code, later_code = previous_release_code(every), latest_release_code(every)
    old = _release(every, earlier_code).set_index(["iso3", "year"])["gdp_share_pct"].rename("earlier")
    new = _release(every, later_code).set_index(["iso3", "year"])["gdp_share_pct"].rename("later")
    both = pd.concat([old, new], axis=1).dropna().reset_index()
    both["difference"] = (both["later"] - both["earlier"]).round(2).astype(float)
    both["name"] = both["iso3"].map(names)
    return both.assign(earlier_release=earlier_code, later_release=later_code)


def europe_and_canada(every: pd.DataFrame, us: str = "USA") -> pd.DataFrame:
    """Long table (year, series, share): the United States, the unweighted median of the other Allies (latest
    release), and the GDP-weighted share of Europe and Canada (June 2024 release: total constant-price spending
    over the total GDP implied by each Ally's share)."""
    latest = latest_release(every)
    others = latest[latest["iso3"] != us]
    usa = latest[latest["iso3"] == us].set_index("year")["gdp_share_pct"]
    median = median_ally(others)
    old = _release(every, JUNE_2024).dropna(subset=["expenditure_usd_mn_constant", "gdp_share_pct"])
    old = old[old["iso3"] != us].assign(gdp=implied_gdp)
    weighted = 100 * old.groupby("year")["expenditure_usd_mn_constant"].sum() / old.groupby("year")["gdp"].sum()
    latest_name, old_name = release_name(latest_release_code(every)), release_name(JUNE_2024)
    parts = [(f"United States ({latest_name} release)", usa),
             (f"Median of Europe and Canada, unweighted ({latest_name} release)", median),
             (f"Europe and Canada weighted by GDP (computed, {old_name} release)", weighted)]
    return pd.concat([pd.DataFrame({"year": s.index.astype(int), "series": name, "share": s.astype(float).values})
                      for name, s in parts], ignore_index=True)


def equipment(every: pd.DataFrame, year: int, names: pd.Series) -> pd.DataFrame:
    """Equipment share and share of GDP per Ally for one year of the June 2024 release."""
    rows = _release(every, JUNE_2024)
    rows = rows[rows["year"] == year].dropna(subset=["equipment_share_pct", "gdp_share_pct"])
    return rows.assign(name=rows["iso3"].map(names))[["iso3", "name", "year", "release", "gdp_share_pct",
                                                      "equipment_share_pct", "is_estimate", "source_id"]]


def constant_dollars(every: pd.DataFrame, names: pd.Series, us: str = "USA") -> dict:
    """The United States' share of all Allies' constant-price spending in the first and last year of the release
    that carries constant prices (June 2024), and the real growth of the other Allies' total between them (%).
    Keys first_year, last_year, usa_share_first, usa_share_last, others_growth_pct, price_base_year."""
    rows = _release(every, JUNE_2024).dropna(subset=["expenditure_usd_mn_constant"])
    total = rows.groupby("year")["expenditure_usd_mn_constant"].sum()
    usa = rows[rows["iso3"] == us].set_index("year")["expenditure_usd_mn_constant"]
    others = total - usa
    first, last = int(total.index.min()), int(total.index.max())
    return {"first_year": first, "last_year": last,
            "usa_share_first": float(100 * usa[first] / total[first]),
            "usa_share_last": float(100 * usa[last] / total[last]),
            "others_growth_pct": float(100 * (others[last] / others[first] - 1)),
            "price_base_year": int(rows["price_base_year"].dropna().iloc[0])}


def median_ally(spending: pd.DataFrame, column: str = "gdp_share_pct", exclude: tuple[str, ...] = ()) -> pd.Series:
    """The median Ally per year: the median of `column` over the Allies with a value that year.

    "The median Ally" means every Ally reporting that year. To set one Ally against the others, leave it
    out by name: `median_ally(spending, exclude=("USA",))` is the median of Europe and Canada. `spending`
    must hold one row per Ally and year (pick one release first); returns a Series indexed by year.
    """
    if spending.duplicated(["iso3", "year"]).any():
        raise ValueError("median_ally needs one row per Ally and year; keep one release first, e.g. "
                         "spending[spending['release'] == '2025-08']")
    rows = spending[~spending["iso3"].isin(list(exclude))].dropna(subset=[column])
    return rows.groupby("year")[column].median().rename("median_ally")


def share_meeting(spending: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """Per year: Allies reporting, how many spent at least `threshold` % of GDP, and the list of them."""
    rows = []
    for year, group in spending.dropna(subset=["gdp_share_pct"]).groupby("year"):
        meeting = group[group["gdp_share_pct"] >= threshold]
        rows.append({"year": int(year), "allies_reporting": len(group), "allies_meeting": len(meeting),
                     "meeting": ", ".join(sorted(meeting["iso3"])), "any_estimate": bool(group["is_estimate"].any())})
    return pd.DataFrame(rows)


def figures_word(rows: pd.DataFrame) -> str:
    """How a sentence names a year's figures: 'estimates' when NATO marks every one an estimate, else 'figures'."""
    return "estimates" if len(rows) and bool(rows["is_estimate"].all()) else "figures"


def year_summary(shown: pd.DataFrame, spending: pd.DataFrame, members: pd.DataFrame, year: int) -> str:
    """What a year's figures cover, in one or more sentences starting '2019: 29 Allies with a figure': the Allies
    NATO published none for, whether all are estimates, and the Allies that had not yet joined that year.

    `shown` is the year's rows with a figure, `spending` the whole release, `members` indexed by iso3 with name
    and accession_date. Only 'All are NATO estimates' uses the word estimate."""
    names = members["name"]
    missing = sorted(set(spending["iso3"]) - set(shown["iso3"]))
    not_yet = [names[i] for i in shown["iso3"] if members.loc[i, "accession_date"].year > year]
    text = f"{year}: {len(shown)} Allies with a figure"
    if missing:
        text += f"; NATO published none for {listing(names[missing])}"
    if figures_word(shown) == "estimates":
        text += ". All are NATO estimates"
    if not_yet:
        text += f". {listing(not_yet)} had not yet joined in {year}: the figures are for today's Allies"
    return text + "."


def without_figure(spending: pd.DataFrame, year: int, names: pd.Series) -> str:
    """Which Allies of a release have no figure for `year`, as a sentence: 'Germany has no 2025 figure in this
    release, so it drops out of every 2025 comparison.' or 'Every Ally in the release has a 2025 figure.'"""
    shown = set(spending.loc[(spending["year"] == year) & spending["gdp_share_pct"].notna(), "iso3"])
    absent = sorted(names[i] for i in set(spending["iso3"]) - shown)
    if not absent:
        return f"Every Ally in the release has a {year} figure."
    verb, pronoun = ("has", "it drops") if len(absent) == 1 else ("have", "they drop")
    return f"{listing(absent)} {verb} no {year} figure in this release, so {pronoun} out of every {year} comparison."


def gdp_fall(every: pd.DataFrame) -> dict:
    """The year in which the real GDP implied by the June 2024 release fell for the most Allies, with
    `implied_real_gdp_change` for it (keys year, allies, falling, median_change_pct)."""
    years = sorted(set(_release(every, JUNE_2024).dropna(subset=["expenditure_usd_mn_constant"])["year"]))[1:]
    changes = {int(y): implied_real_gdp_change(every, int(y)) for y in years}
    year = max(changes, key=lambda y: (changes[y]["falling"], -changes[y]["median_change_pct"]))
    return {"year": year, **changes[year]}


#: How a sentence says an Ally spent, by `figures_word`: estimates are not reported spending.
SPEND_VERB = {"estimates": "are estimated to spend", "figures": "spent"}


def not_in_tables(members: pd.DataFrame, every: pd.DataFrame) -> str:
    """The Allies NATO's expenditure tables leave out altogether, as a sentence ('Iceland is not in NATO's
    expenditure tables at all.'), or '' when none is left out. `members` is indexed by iso3, with name."""
    absent = sorted(members.loc[sorted(set(members.index) - set(every["iso3"])), "name"])
    if not absent:
        return ""
    return f"{listing(absent)} {'is' if len(absent) == 1 else 'are'} not in NATO's expenditure tables at all."
