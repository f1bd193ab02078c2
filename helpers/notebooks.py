"""Re-execute the notebooks in place: outputs refreshed, no timing metadata, no diff when nothing changed."""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .paths import notebooks_dir

#: Notebook metadata kept on re-execution; everything else (timings, widget state, machine details) is dropped.
KEPT_NOTEBOOK_METADATA = {"kernelspec", "language_info"}
#: The kernelspec exactly as JupyterLab writes it for the project's kernel, so a save in Lab does not change it.
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


@dataclass
class RunResult:
    """The outcome of executing one notebook."""

    path: Path
    ok: bool
    changed: bool
    seconds: float
    error: str = ""


def list_notebooks(directory: Path | None = None) -> list[Path]:
    """The collection's notebooks, in reading order (NN-slug.ipynb)."""
    return sorted(p for p in Path(directory or notebooks_dir()).glob("[0-9][0-9]-*.ipynb"))


def js_numbers(value):
    """`value` with every whole float written as JavaScript writes it (`2.0` -> `2`), recursively.

    JupyterLab holds a notebook as JavaScript objects and saves it through JSON.stringify, which has no `2.0`;
    other floats already print alike (both languages write the shortest digits that round-trip).
    """
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return int(Decimal(repr(value)))  # the digits JavaScript prints, also past 2**53
    if isinstance(value, dict):
        return value.__class__((k, js_numbers(v)) for k, v in value.items())
    if isinstance(value, list):
        return [js_numbers(v) for v in value]
    return value


def normalise(nb: dict) -> dict:
    """Strip volatile metadata and write numbers and kernelspec as JupyterLab does, so that re-execution of
    unchanged inputs, and a save in JupyterLab, give identical files. Works on a NotebookNode or plain JSON.

    language_info stays as the kernel reports it (Lab writes the same on opening); git compares files by size
    before content, so a save in Lab must give the same bytes, not merely the same cleaned content.
    """
    metadata = {k: v for k, v in nb.get("metadata", {}).items() if k in KEPT_NOTEBOOK_METADATA}
    if metadata.get("kernelspec", {}).get("name", "python3") == "python3":
        metadata["kernelspec"] = dict(KERNELSPEC)
    nb["metadata"] = metadata
    for cell in nb["cells"]:
        for key in ("execution", "collapsed", "scrolled"):
            cell["metadata"].pop(key, None)
        if cell["cell_type"] == "code":
            cell["outputs"] = _coalesce_streams(cell["outputs"])
            for output in cell["outputs"]:
                output.get("metadata", {}).pop("execution", None)
                if "data" in output:
                    output["data"] = js_numbers(output["data"])
    return nb


def _coalesce_streams(outputs: list) -> list:
    """Join consecutive stdout (or stderr) chunks into one output, as nbval does before comparing."""
    merged: list = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream" and previous.get("name") == output.get("name")):
            previous["text"] = "".join(previous["text"]) + "".join(output["text"])
        else:
            merged.append(output)
    return merged


def _cell_label(nb: dict, index: int) -> str:
    first = "".join(nb.cells[index].source).strip().splitlines()
    return f"cell {index + 1} ({first[0][:60]!r})" if first else f"cell {index + 1}"


def execute(path: Path, *, write: bool = True, timeout: int = 600) -> RunResult:
    """Execute one notebook with its directory as working directory; write it back only if it changed."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    start = time.perf_counter()
    original = path.read_text(encoding="utf-8")
    nb = nbformat.reads(original, as_version=4)
    # The kernel's own log (e.g. ipykernel's warning about plain TCP on localhost) is noise here; cell errors
    # still reach us as messages.
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as exc:
        index = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code" and any(
            o.get("output_type") == "error" for o in c.get("outputs", []))), None)
        where = _cell_label(nb, index) if index is not None else "a cell"
        message = f"{path.name}: {where} failed: {exc.ename}: {exc.evalue}"
        return RunResult(path, False, False, time.perf_counter() - start, message)
    except Exception as exc:  # kernel died, timeout
        return RunResult(path, False, False, time.perf_counter() - start, f"{path.name}: {type(exc).__name__}: {exc}")
    from .chartimages import attach_images

    nb = normalise(nb)
    attach_images(nb, nbformat.reads(original, as_version=4), render=write)
    text = nbformat.writes(nb) + "\n"
    changed = text != original
    if write and changed:
        path.write_text(text, encoding="utf-8")
    return RunResult(path, True, changed, time.perf_counter() - start)


def execute_all(paths: list[Path], *, jobs: int = 2, write: bool = True) -> list[RunResult]:
    """Execute notebooks in parallel (one kernel per job), printing progress as each finishes."""
    results = []
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(paths)))) as pool:
        futures = {pool.submit(execute, p, write=write): p for p in paths}
        for done, future in enumerate(as_completed(futures), 1):
            r = future.result()
            status = ("updated" if r.changed else "unchanged") if r.ok else "FAILED"
            print(f"[{done}/{len(paths)}] {r.path.name}: {status} ({r.seconds:.1f} s)", flush=True)
            results.append(r)
    return sorted(results, key=lambda r: r.path.name)


def run_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers run", description="Re-execute notebooks in place.")
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/NN-*.ipynb")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--no-write", action="store_true", help="execute only; leave the files as they are")
    args = parser.parse_args(argv)
    paths = args.notebooks or list_notebooks()
    failed = [r for r in execute_all(paths, jobs=args.jobs, write=not args.no_write) if not r.ok]
    for r in failed:
        print(r.error, file=sys.stderr)
    return 1 if failed else 0
