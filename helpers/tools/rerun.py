"""`make run NB=04 ARGS="-p year 2019"`: rerun one notebook with parameters through papermill.

The result goes to `_build/runs/<notebook>-<name>-<value>...ipynb` (e.g. `04-burden-sharing-year-2019.ipynb`),
never over the committed notebook; `make lab` serves the project root, so it opens there.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

from ..paths import ROOT, RUNS
from ..run.runner import list_notebooks


def find_notebook(name: str) -> Path:
    """`04`, `04-burden-sharing` or a path -> the notebook."""
    path = Path(name)
    if path.suffix == ".ipynb" and path.exists():
        return path.resolve()
    matches = [p for p in list_notebooks() if p.stem == name or p.stem.startswith(f"{name}-")]
    if len(matches) != 1:
        choices = ", ".join(p.stem[:2] for p in list_notebooks())
        raise SystemExit(f"NB={name!r} names no single notebook; choose one of {choices}")
    return matches[0]


def output_name(path: Path, parameters: dict) -> str:
    """`04-burden-sharing-year-2019-ally-fra.ipynb` for year=2019, ally='FRA' (names and values, in order)."""
    parts = [path.stem] + [f"{k}-{v}" for k, v in parameters.items()]
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", "-".join(parts)).lower() + ".ipynb"


def rerun_main(argv: list[str]) -> int:
    from papermill.cli import _resolve_type

    parser = argparse.ArgumentParser(prog="python -m helpers rerun",
                                     description="Rerun a notebook with parameters into _build/runs/.")
    parser.add_argument("notebook", help="e.g. 04, 04-burden-sharing or notebooks/04-burden-sharing.ipynb")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))
    parser.add_argument("--out-dir", type=Path, default=RUNS, help="default: _build/runs/")
    args = parser.parse_args(argv)
    path = find_notebook(args.notebook)
    parameters = {name: _resolve_type(value) for name, value in args.parameter}
    args.out_dir.mkdir(parents=True, exist_ok=True)
    target = args.out_dir.resolve() / output_name(path, parameters)
    shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
    import tempfile

    import papermill
    from jupyter_client.manager import KernelManager

    # IPC transport: the kernel listens on Unix sockets under a private temporary folder, not on TCP ports (so it
    # has no reason to warn about unencrypted TCP); absolute paths, unique per run
    sockets = Path(tempfile.mkdtemp(prefix="kernel-"))
    km = KernelManager(kernel_name="python3", transport="ipc", ip=str(sockets / "kernel"))
    try:
        papermill.execute_notebook(str(path), str(target), parameters=parameters, cwd=str(path.parent),
                                   progress_bar=False, kernel_name="python3", km=km)
    except papermill.PapermillExecutionError as exc:
        print(f"{path.name}: cell {exc.exec_count} failed: {exc.ename}: {exc.evalue}", file=sys.stderr)
        print(f"partial output: {shown}", file=sys.stderr)
        return 1
    finally:
        if km.has_kernel:  # a kernel manager passed in is not shut down by papermill
            km.shutdown_kernel(now=False)
        shutil.rmtree(sockets, ignore_errors=True)
    print(f"wrote {shown}; open it in `make lab` at /lab/tree/{shown}")
    return 0
