"""Ally profiles for the site: one page per Ally from the parameterised notebook, and the Allies index.

The profile notebook (`notebooks/10-ally-profile.ipynb`) is run once per Ally into `_build/profiles/`, in shared
kernels across the cores and only for Allies whose inputs changed (see `runcache`). Profile charts get their data
as CSV like every chart and an SVG (rendered by kaleido once, then cached by figure), which the page shows while
plotly.js loads; their PNG comes from plotly's own camera button, which spares a cold build 64 PNGs.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from ..paths import PROFILES as PROFILES_DIR
from ..paths import notebooks_dir
from ..run.runner import run_variants

PROFILE_NOTEBOOK = "10-ally-profile.ipynb"
#: The part of the Allies map a phone shows (longitude and latitude ranges): Europe, Iceland to Türkiye.
PHONE_LON, PHONE_LAT = (-25.0, 45.0), (34.0, 71.0)


def ally_codes() -> list[str]:
    """Every Ally's ISO 3166 alpha-3 code, in the order of members.csv."""
    from ..data.loader import load

    return list(load("members")["iso3"])


def run_profiles(codes: list[str] | None = None, *, jobs: int = 2, out: Path = PROFILES_DIR) -> dict[str, Path]:
    """Execute the profile notebook for each Ally whose inputs changed; return {code: executed notebook}."""
    codes = codes or ally_codes()
    started = time.perf_counter()
    results = run_variants(notebooks_dir() / PROFILE_NOTEBOOK, [{"ally": c} for c in codes], out, jobs=jobs)
    failed = [r for r in results if not r.ok]
    if failed:
        raise RuntimeError("; ".join(r.error for r in failed))
    ran = sum(not r.cached for r in results)
    print(f"profiles: {len(results)} Allies, {ran} executed, {len(results) - ran} unchanged "
          f"({time.perf_counter() - started:.1f} s)", flush=True)
    stem = Path(PROFILE_NOTEBOOK).stem
    return {c: out / f"{stem}-{c.lower()}.ipynb" for c in codes}


def index_figure(rows) -> dict:
    """A clickable map of the Allies coloured by the year they joined (plotly JSON with each profile's URL)."""
    import plotly.graph_objects as go

    from ..charts.maps import accession_map
    from ..data.loader import load

    members = load("members").set_index("iso3").loc[list(rows["iso3"])].reset_index()
    hover = [f"{r.name}: joined {r.joined}; {r.latest_share:.2f}% of GDP ({r.latest_year})" if r.latest_share == r.latest_share
             else f"{r.name}: joined {r.joined}; no spending figure" for r in rows.itertuples()]
    fig = accession_map(members, title="The 32 Allies by year of accession: select a country to open its profile",
                        source="NATO and governments (members.csv)", hover=hover,
                        links=[f"{code.lower()}.html" for code in members["iso3"]])
    # On a phone the map shows Europe, where 30 of the Allies lie, large enough to select one (assets/layout.js
    # applies `meta.narrow` below 600 px); the table below the map lists every Ally.
    middle = {"lon": sum(PHONE_LON) / 2, "lat": sum(PHONE_LAT) / 2}
    phone = {"lonaxis": {"range": list(PHONE_LON)}, "lataxis": {"range": list(PHONE_LAT)}, "center": middle,
             "projection": {"rotation": {"lon": middle["lon"]}}}
    fig.update_layout(meta={"narrow": {"geo": phone}})
    return json.loads(go.Figure(fig).to_json())
