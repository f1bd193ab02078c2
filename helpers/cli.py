"""Command line dispatch: `python -m helpers COMMAND` (see `COMMANDS`), and the console scripts of pyproject.toml.

Each command lives in its own module, imported only when that command runs (so check-data stays light).
"""

from __future__ import annotations

import sys
from importlib import import_module

#: command -> (module, function taking the remaining arguments and returning the exit code, what it does)
COMMANDS = {
    "check-data": ("data.check", "check_data_main", "validate data/ and list every problem"),
    "datadict": ("data.datadict", "datadict_main", "write the data dictionary into data/README.md"),
    "execute": ("run.runner", "execute_main", "re-execute the notebooks in place (those whose inputs changed)"),
    "rerun": ("tools.rerun", "rerun_main", "rerun one notebook with parameters into _build/runs/ (papermill)"),
    "site": ("site.build", "site_main", "render the collection to _build/site/"),
    "pdf": ("site.pdf", "pdf_main", "print the built site again as _build/site/nato-coalitions.pdf (make site already does)"),
    "lab": ("tools.lab", "lab_main", "JupyterLab on the project, on localhost with a token"),
    "bench": ("tools.bench", "bench_main", "time builds and tests; write bench/results.md (about ten minutes)"),
}


def usage() -> str:
    width = max(map(len, COMMANDS))
    return "usage: python -m helpers COMMAND [ARGS]\n" + "\n".join(
        f"  {name.ljust(width)}  {what}" for name, (_, _, what) in COMMANDS.items())


def run_command(name: str, argv: list[str]) -> int:
    module, function, _ = COMMANDS[name]
    return getattr(import_module(f"{__package__}.{module}"), function)(argv)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS:
        print(usage(), file=sys.stderr)
        return 2
    return run_command(argv[0], argv[1:])


def check_data() -> int:
    """The `check-data` console script."""
    return run_command("check-data", sys.argv[1:])
