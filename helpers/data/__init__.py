"""The data room: read the CSVs as spreadsheets save them, validate them, load them typed, label them, cite them.

- `read`: the one CSV reader (byte-order marks, CRLF, trailing empty rows accepted; spreadsheet slips explained)
- `validate` and `rules/`: check-data's rules, one module per kind; `problems`: how a problem is reported
- `loader`: the tables as typed pandas DataFrames, only after the whole package validates
- `labels`: display labels for vocabulary codes; `countries`: names and codes of states
- `provenance`: the "Source:" note of a chart, a notebook's bibliography, source quality
- `quotes`: the words of the source behind each value
- `datadict`: the data dictionary in data/README.md; `check`: the `check-data` command

A lazy face: `from helpers.data import load` imports pandas only then, so `check-data` stays light.
"""

from __future__ import annotations

from importlib import import_module

#: name -> module that defines it, imported on first use
_EXPORTS = {"load": "loader", "tables": "loader", "descriptor": "loader", "as_of": "loader",
            "DataValidationError": "problems", "Problem": "problems"}


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    try:
        return import_module(f".{name}", __name__)  # a submodule: helpers.data.provenance
    except ModuleNotFoundError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


__all__ = sorted(_EXPORTS)
