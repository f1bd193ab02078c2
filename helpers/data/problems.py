"""How check-data reports a problem: `file:line: column: problem (value)`, and the error the loaders raise."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One located data problem."""

    file: str
    line: int
    column: str
    problem: str
    value: str | None = None
    hint: str = ""

    def __str__(self) -> str:
        value = "" if self.value is None else f" ({self.value})"
        column = self.column or "-"
        hint = f"; {self.hint}" if self.hint else ""
        return f"{self.file}:{self.line}: {column}: {self.problem}{value}{hint}"


class DataValidationError(ValueError):
    """Raised by the loaders when the data fail validation; the message lists every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = [f"{len(problems)} data problem(s):"] + [str(p) for p in problems]
        super().__init__("\n".join(lines))

    def _render_traceback_(self) -> list[str]:
        """Show IPython users the located problems, not a traceback."""
        return ["DataValidationError: " + str(self)]
