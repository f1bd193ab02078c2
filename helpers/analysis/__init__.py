"""The analysis room: the computations notebooks share, each defined once and tested.

- `periods`: decades, the 2022 cut-off, the three periods compared
- `operations`: operations active and launched per year, troop-years under NATO command, theatres
- `spending`: NATO's releases, the median Ally, Allies at a guideline, revisions, weighted aggregates
- `participation`: who took part in operations and coalitions, Ally or partner on the date, battlegroups
- `allies`: one Ally's record across the tables (the profile notebook and the site's Allies index)
- `membership`: who had joined by a date, wave by wave, and the counts and titles that follow that date
- `strength`: what a troop sum covers (which operations and years) and NATO's own posture figures beside it
- `commitments`: NATO's spending commitments as events.csv states them (The Hague, 2025)
- `sourcing`: which rows carry the words of their source (quotes.csv), and how far each table reaches
- `words` and `findings`: numbers, dates and names as prose says them; sentences the data must keep true
- `params`: notebook parameters checked, with plain messages
- `coalitions`: the coalition table's rule; `efforts`: NATO-led operations and coalitions compared, one row each
- `statecodes`: COW and GW codes by year; `crosswalk`: operations and coalitions matched to other datasets
- `panels`: the state-year and effort-year research panels; `codebook`: their schema and codebook
- `missing`: why a value is empty (reason codes); `asof`: counts as of a date and a release, with their vintage
- `words`: numbers, dates and names as prose says them; `findings`: sentences that must stay true of the data
"""

from importlib import import_module


def __getattr__(name: str):
    """`analysis.operations` and the like, imported on first use."""
    try:
        return import_module(f".{name}", __name__)
    except ModuleNotFoundError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
