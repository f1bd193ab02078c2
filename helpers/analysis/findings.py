"""Sentences that must stay true of the data: a notebook states a finding in prose and proves it in code.

A notebook's prose may say something the data must keep true ("the United States sent the most troops"); the cell
beside it calls `holds(...)` with the condition, so a data edit that makes the sentence untrue stops the notebook
with a plain message, and so fails `make site` and the tests, until the sentence is rewritten.

    holds("the United States sent the most troops to ISAF in November 2010", top.iso3 == "USA")
"""

from __future__ import annotations


class FindingNoLongerTrue(AssertionError):
    """A sentence in the notebook's prose is no longer true of the data; IPython shows only the message."""

    def _render_traceback_(self) -> list[str]:
        return [f"FindingNoLongerTrue: {self}"]


def holds(sentence: str, condition: bool, **values) -> None:
    """Raise FindingNoLongerTrue when `condition` is false: the prose sentence needs rewriting. `values` are shown
    in the message to say what the data now give."""
    if not bool(condition):
        detail = ", ".join(f"{k} = {v!r}" for k, v in values.items())
        raise FindingNoLongerTrue(f"no longer true of the data: {sentence!r}" + (f" ({detail})" if detail else ""))
