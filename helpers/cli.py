"""Command line dispatch: `python -m helpers COMMAND`: check-data, run, site, pdf, lab, datadict, rerun (see `COMMANDS`).

Each command lives in its own module, imported only when that command runs (so check-data stays light).
"""

from __future__ import annotations

import sys
from importlib import import_module

#: command -> (module, function taking the remaining arguments and returning the exit code)
COMMANDS = {
    "check-data": ("checkdata", "check_data_main"),
    "run": ("notebooks", "run_main"),
    "site": ("site", "site_main"),
    "lab": ("lab", "lab_main"),
    "datadict": ("datadict", "datadict_main"),
    "pdf": ("pdf", "pdf_main"),
    "rerun": ("rerun", "rerun_main"),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS:
        print("usage: python -m helpers {check-data [DIR] | run [NOTEBOOK ...] | site | pdf | lab [PORT] | datadict"
              " | rerun NB [-p NAME VALUE ...]}", file=sys.stderr)
        return 2
    module, function = COMMANDS[argv[0]]
    return getattr(import_module(f".{module}", __package__), function)(argv[1:])
