"""Check a notebook's parameters (papermill `parameters` cell) and say plainly what is allowed.

A bad value stops the notebook with one message naming the parameter and the valid values, never a raw
KeyError or an empty chart: `ally 'XYZ' is not an Ally code; choose one of ALB, BEL, …`.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


class ParameterError(ValueError):
    """A parameter value outside what the data allow; IPython and papermill show only the message."""

    def _render_traceback_(self) -> list[str]:
        return [f"ParameterError: {self}"]


def ally_code(value: object, allies: Iterable[str], name: str = "ally") -> str:
    """The Ally's ISO 3166 alpha-3 code, matched case-insensitively (`fra` -> `FRA`)."""
    codes = sorted(set(allies))
    code = str(value).strip().upper() if value is not None else ""
    if code not in codes:
        raise ParameterError(f"{name} {value!r} is not an Ally code; choose one of {', '.join(codes)}")
    return code


def ally_codes(values: Iterable[object], allies: Iterable[str], name: str = "allies") -> list[str]:
    """Several Ally codes, each checked as `ally_code` does."""
    if isinstance(values, str):
        values = [v for v in values.replace(";", ",").split(",") if v.strip()]
    return [ally_code(v, allies, name) for v in values]


def year_in(value: object, years: Iterable[int], name: str = "year") -> int:
    """A year for which the data hold values."""
    available = sorted({int(y) for y in years})
    span = (f"{available[0]}–{available[-1]}"
            + (", with gaps" if len(available) != available[-1] - available[0] + 1 else ""))
    try:
        year = int(str(value).strip())
    except ValueError:
        raise ParameterError(f"{name} {value!r} is not a year; write four digits, e.g. {available[-1]} (data: "
                             f"{span})") from None
    if year not in available:
        raise ParameterError(f"{name} {value!r} is outside the data ({span})")
    return year


def date_in(value: object, first: pd.Timestamp, last: pd.Timestamp, name: str = "date") -> pd.Timestamp:
    """A date (YYYY-MM-DD) between `first` and `last`."""
    try:
        date = pd.Timestamp(str(value))
    except (TypeError, ValueError):
        raise ParameterError(f"{name} {value!r} is not a date; write YYYY-MM-DD") from None
    if not first <= date <= last:
        raise ParameterError(f"{name} {value!r} is outside the data ({first:%Y-%m-%d} to {last:%Y-%m-%d})")
    return date
