"""The words behind each value: every number of a quoted row appears in its quote (data/quotes.csv)."""

from __future__ import annotations

RULES: list = []
