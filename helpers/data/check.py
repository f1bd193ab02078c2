"""The `check-data` command: validate the data package and print every problem, one per line.

The validation itself lives in `helpers.data.validate` and `rules/`; this module prints its findings and sets the exit code.
Each kind of problem it reports is listed in `PROBLEM_KINDS` (a phrase of the message), and the test corpus
under `tests/fixtures/broken/` holds at least one broken dataset for each.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..paths import data_dir

#: Every kind of problem check-data reports, as a phrase of its message: file:line: column: problem (value).
PROBLEM_KINDS = (
    # reading the file
    "empty file", "no data rows", "file is not valid UTF-8", "semicolons between columns", "too few fields",
    "too many fields",
    # the header
    "expected column missing", "unexpected column", "duplicate column name", "columns out of order",
    # values against their schema
    "required value missing", "not a valid date", "not a valid number", "not a valid integer",
    "not in the vocabulary", "out of range", "does not match the pattern",
    # hints for values a spreadsheet wrote
    "decimal comma", "thousands separators", "a spreadsheet error value", "spreadsheet date serial number",
    "spreadsheet's local date format",
    # keys and references
    "duplicate value", "duplicate key", "not found in", "cites a source not in sources.csv",
    # rules a Table Schema cannot state
    "unknown ISO 3166-1 alpha-3 code", "unknown sea area", "ends before it starts",
    # state codes (states.csv)
    "has no row in states.csv", "overlaps another period of the same state", "given to two states in the same year",
    "abbreviation differs for the same COW code", "a COW abbreviation without a COW code",
    # provenance and consistency across tables
    "must be the largest deployed strength", "names no data column", "write column=source_id",
    "points to a file that is not in the repository", "rests on a Wikipedia-derived source",
    "needs a correction",
    # dates and figures against other tables
    "must be the 1st of its month", "must be 1 January", "outside its operation's dates", "outside its coalition's dates",
    "add up to more than", "votes add up to more than", "names more abstainers", "a second framework nation",
    # quotes
    "value not in quote", "no such row in", "not a source of that row", "needs an English translation",
    "the quote is empty",
)


def check_data(directory: Path, use_cache: bool = True) -> int:
    """Print every data problem in `directory` (or a one-line summary); return the exit code."""
    if use_cache:
        from .validate import validate_cached as validate
    else:
        from .validate import validate_package as validate

    problems, counts = validate(Path(directory).resolve())
    if problems:
        for p in problems:
            print(p)
        files = len({p.file for p in problems})
        print(f"check-data: {len(problems)} problem(s) in {files} file(s) under {directory}", file=sys.stderr)
        return 1
    print(f"check-data: {len(counts)} tables, {sum(counts.values())} rows, no problems ({directory})")
    covered = quote_coverage(Path(directory).resolve())
    if covered:
        quoted, rows = sum(q for q, _ in covered.values()), sum(n for _, n in covered.values())
        missing = ", ".join(f"{t} {n - q}" for t, (q, n) in covered.items() if n > q)
        print(f"check-data: quotes back {quoted} of {rows} rows in the tables readers cite"
              + (f"; without a quote or a reason: {missing}" if missing else "; none without"))
    return 0


def quote_coverage(directory: Path) -> dict[str, tuple[int, int]]:
    """{table: (rows with a quote or a reason, rows)} for the tables readers cite (see rules/quotes.py)."""
    import json

    from .rules.quotes import coverage
    from .validate import read_tables

    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    return coverage(read_tables(directory, descriptor)[2])


def check_data_main(argv: list[str] | None = None) -> int:
    """`python -m helpers check-data [DIR] [--no-cache]`, and the `check-data` console script."""
    parser = argparse.ArgumentParser(prog="check-data", description="Validate every table of the data package.")
    parser.add_argument("directory", nargs="?", type=Path, default=None, help="data directory (default: data/)")
    parser.add_argument("--no-cache", action="store_true",
                        help="validate even if these exact files were already found clean")
    args = parser.parse_args(argv)
    return check_data(args.directory or data_dir(), use_cache=not args.no_cache)
