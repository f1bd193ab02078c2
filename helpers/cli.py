"""Command line: `python -m helpers check-data [DIR]`, `run`, `site`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .paths import data_dir


def check_data(directory: Path, use_cache: bool = True) -> int:
    """Print every data problem in `directory` (or a one-line summary); return the exit code."""
    if use_cache:
        from .validation import validate_cached as validate
    else:
        from .validation import validate_package as validate

    problems, counts = validate(Path(directory).resolve())
    if problems:
        for p in problems:
            print(p)
        files = len({p.file for p in problems})
        print(f"check-data: {len(problems)} problem(s) in {files} file(s) under {directory}", file=sys.stderr)
        return 1
    print(f"check-data: {len(counts)} tables, {sum(counts.values())} rows, no problems ({directory})")
    return 0


def check_data_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="check-data", description="Validate every table of the data package.")
    parser.add_argument("directory", nargs="?", type=Path, default=None, help="data directory (default: data/)")
    parser.add_argument("--no-cache", action="store_true",
                        help="validate even if these exact files were already found clean")
    args = parser.parse_args(argv)
    return check_data(args.directory or data_dir(), use_cache=not args.no_cache)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = {"check-data": check_data_main, "run": _run_main, "site": _site_main, "lab": _lab_main,
                "clean-notebook": _clean_main}
    if not argv or argv[0] not in commands:
        print("usage: python -m helpers {check-data [DIR] | run [NOTEBOOK ...] | site | lab [PORT]}", file=sys.stderr)
        return 2
    return commands[argv[0]](argv[1:])


def _run_main(argv: list[str]) -> int:
    from .notebooks import run_main

    return run_main(argv)


def _site_main(argv: list[str]) -> int:
    from .site import site_main

    return site_main(argv)


def _lab_main(argv: list[str]) -> int:
    from .lab import lab_main

    return lab_main(argv)


def _clean_main(argv: list[str]) -> int:
    from .gitfilter import main

    return main(argv)
