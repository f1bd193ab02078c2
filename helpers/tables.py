"""Tables for readers: a frame shown as formatted HTML in notebooks and on the site, with a stable text form.

pandas' Styler prints its memory address as plain text, which would make committed outputs differ on every run;
`table()` gives the same HTML with the frame's own text as the plain-text form.
"""

from __future__ import annotations

import hashlib

import pandas as pd


class Table:
    """A formatted table: HTML for JupyterLab and the site, the frame's text for plain viewers and nbval."""

    def __init__(self, frame: pd.DataFrame, formats: dict | None = None, na_rep: str = ""):
        self.frame, self.formats, self.na_rep = frame, formats or {}, na_rep

    def _repr_html_(self) -> str:
        # pandas gives each Styler a random id (`T_1a2b3`); one derived from the table's content keeps reruns
        # byte-identical and nbval strict
        uuid = hashlib.sha256(f"{self.frame.to_csv()}{self.formats}{self.na_rep}".encode()).hexdigest()[:5]
        style = self.frame.style.set_uuid(uuid).format(self.formats, na_rep=self.na_rep).hide(axis="index")
        return style.to_html()

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)


def table(frame: pd.DataFrame, formats: dict | None = None, na_rep: str = "") -> Table:
    """Show `frame` without its index, each column formatted by `formats` (e.g. {"date": "{:%b %Y}"})."""
    return Table(frame, formats, na_rep)
