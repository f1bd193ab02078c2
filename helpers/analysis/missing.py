"""Why a value is missing: the reason codes an empty cell carries in the panels, tables and hovers.

An empty cell is never a zero. Where the reason is known it is one of four, stored beside the value in a
`<column>_reason` column of the panels and shown in words in tables and hovers:

- `not_applicable`: the question does not arise (a state that was not an Ally has no NATO spending figure; an
  operation that was not running has no participants);
- `not_yet_published`: the year lies after the source's publication (the June 2024 release has no 2025 figure);
- `not_found`: the value should exist but no source read gives it (Iceland's spending; a contingent not listed);
- `beyond_coverage`: the year lies outside the years the series covers (World Bank population before 1960).
"""

from __future__ import annotations

import pandas as pd

REASONS = {"not_applicable": "not applicable", "not_yet_published": "not yet published",
           "not_found": "not found", "beyond_coverage": "beyond coverage"}


def reason_text(code: object) -> str:
    """The words for a reason code ('' for no reason)."""
    return "" if code is None or pd.isna(code) else REASONS[str(code)]


def shown(values: pd.Series, reasons: pd.Series, fmt: str = "{:,.0f}") -> pd.Series:
    """Values formatted for a table or a hover, and each empty one replaced by its reason in words ('not found'),
    or 'not known' where no reason is recorded."""
    def one(value, reason) -> str:
        if pd.notna(value):
            return fmt.format(value) if not isinstance(value, str) else value
        return reason_text(reason) or "not known"

    return pd.Series([one(v, r) for v, r in zip(values, reasons)], index=values.index, dtype="string")
