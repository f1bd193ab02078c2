"""`make run NB=04 ARGS="-p year 2019"`: rerun one notebook with parameters through papermill.

The parameters a notebook takes are read from its `parameters` cell (`notebook_parameters`); `make run` without
NB lists them. A name the notebook does not take, or `-p` on a notebook without parameters, stops before any
kernel starts. A list parameter (07's `highlight`) takes `-p highlight FRA,DEU` or `-p highlight` repeated.
The result goes to `_build/runs/<notebook>-<name>-<value>...ipynb` (e.g. `04-burden-sharing-year-2019.ipynb`),
never over the committed notebook; `make lab` serves the project root, so it opens there.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import sys
from pathlib import Path

import nbformat

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


def parameters_cell(path: Path) -> str | None:
    """The source of the notebook's cell tagged `parameters` (papermill's convention), or None."""
    for cell in nbformat.read(path, as_version=4).cells:
        if "parameters" in cell.metadata.get("tags", []):
            return cell.source
    return None


def notebook_parameters(path: Path) -> dict[str, object]:
    """The parameters a notebook takes and their defaults, in the order its `parameters` cell assigns them."""
    source = parameters_cell(path)
    if source is None:
        return {}
    return {node.targets[0].id: ast.literal_eval(node.value) for node in ast.parse(source).body
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)}


def parameters_help(path: Path) -> str:
    """What the `parameters` cell says about its parameters: its comments, joined."""
    comments = [line.lstrip("# ").strip() for line in (parameters_cell(path) or "").splitlines()
                if line.startswith("#")]
    return " ".join(comments)


def listing() -> str:
    """Each notebook that takes parameters, with their defaults and what its `parameters` cell says."""
    lines = ['usage: make run NB=04 ARGS="-p year 2019 -p ally FRA"  (python -m helpers rerun 04 -p year 2019)',
             "Notebooks with parameters (read from their `parameters` cells):"]
    for path in list_notebooks():
        defaults = notebook_parameters(path)
        if not defaults:
            continue
        shown = "; ".join(f"{k} = {v!r}" + (f" (a list: -p {k} A,B or -p {k} once per value)"
                                            if isinstance(v, list) else "") for k, v in defaults.items())
        lines += [f"  {path.stem[:2]}  {shown}", f"      {parameters_help(path)}"]
    return "\n".join(lines)


def resolve(path: Path, given: list[tuple[str, str]]) -> dict[str, object]:
    """The -p NAME VALUE pairs as the values papermill injects; a mistake stops with one line on stderr and
    exit code 1 (SystemExit), before any kernel starts.

    Values are typed as papermill's own command line types them (`2019` -> 2019). A list parameter (its default
    is a list) takes comma-separated values, or the same name repeated; any other name may be given once.
    """
    from papermill.cli import _resolve_type

    defaults = notebook_parameters(path)
    if given and not defaults:
        takes = ", ".join(p.stem for p in list_notebooks() if notebook_parameters(p))
        raise SystemExit(f"{path.stem} has no parameters; -p applies to {takes} (make run lists them)")
    out: dict[str, object] = {}
    for name, value in given:
        if name not in defaults:
            raise SystemExit(f"{path.stem} has no parameter {name!r}; its parameters: {', '.join(defaults)}")
        if isinstance(defaults[name], list):
            out.setdefault(name, [])
            out[name] += [_resolve_type(v.strip()) for v in value.split(",") if v.strip()]
        elif name in out:
            raise SystemExit(f"{path.stem}: {name} given twice; it takes one value (only a list takes several)")
        else:
            out[name] = _resolve_type(value)
    return out


def output_name(path: Path, parameters: dict) -> str:
    """`04-burden-sharing-year-2019-ally-fra.ipynb` for year=2019, ally='FRA' (names and values, in order; a
    list's values joined by `-`)."""
    parts = [path.stem] + [f"{k}-{'-'.join(map(str, v)) if isinstance(v, list) else v}"
                           for k, v in parameters.items()]
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", "-".join(parts)).lower() + ".ipynb"


def rerun_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers rerun",
                                     description="Rerun a notebook with parameters into _build/runs/.")
    parser.add_argument("notebook", nargs="?", help="e.g. 04, 04-burden-sharing or notebooks/04-burden-sharing.ipynb")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))
    parser.add_argument("--out-dir", type=Path, default=RUNS, help="default: _build/runs/")
    parser.add_argument("--list", action="store_true", help="list the notebooks that take parameters, and exit")
    args = parser.parse_args(argv)
    if args.list or args.notebook is None:
        print(listing())
        return 0
    path = find_notebook(args.notebook)
    parameters = resolve(path, args.parameter)
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
