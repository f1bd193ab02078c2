"""Re-execute the notebooks in place: outputs refreshed, no timing metadata, no diff when nothing changed.

`python -m helpers execute` (and `make notebooks`, run by `make site`) calls `execute_all`; the site's Ally profiles
run the profile notebook once per Ally through `run_variants`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import nbformat

from ..paths import notebooks_dir
from . import cache as runcache

#: Notebook metadata kept on re-execution; everything else (timings, widget state, machine details) is dropped.
KEPT_NOTEBOOK_METADATA = {"kernelspec", "language_info", runcache.METADATA_KEY}
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
    cached: bool = False

    @property
    def status(self) -> str:
        return ("updated" if self.changed else "unchanged") if self.ok else "FAILED"


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
    """Give new cells stable ids, strip volatile metadata and write numbers and kernelspec as JupyterLab does,
    so that re-execution of unchanged inputs, and a save in JupyterLab, give identical files. Works on a
    NotebookNode or plain JSON.

    language_info stays as the kernel reports it (Lab writes the same on opening); git compares files by size
    before content, so a save in Lab must give the same bytes, not merely the same cleaned content.
    """
    from .cellids import assign_ids

    assign_ids(nb)  # cells added in JupyterLab get the next free cNN id instead of a random one
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


def _cell_label(nb: nbformat.NotebookNode, index: int) -> str:
    first = "".join(nb.cells[index].source).strip().splitlines()
    return f"cell {index + 1} ({first[0][:60]!r})" if first else f"cell {index + 1}"


def inject_parameters(nb: nbformat.NotebookNode, parameters: dict) -> nbformat.NotebookNode:
    """Put an `injected-parameters` cell after the `parameters` cell, as papermill does."""
    if not parameters:
        return nb
    index = next((i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), -1)
    source = "# Parameters\n" + "\n".join(f"{k} = {v!r}" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    cell.id = "injected"
    nb.cells.insert(index + 1, cell)
    return nb


def committed_text(nb: nbformat.NotebookNode, previous: nbformat.NotebookNode | None = None, *,
                   render: bool = True) -> str:
    """The text of an executed notebook as it is committed: normalised, each chart with its static SVG image."""
    from .svg import attach_images

    nb = normalise(nb)
    attach_images(nb, previous, render_missing=render)
    return nbformat.writes(nb) + "\n"


def _failure(path: Path, nb: nbformat.NotebookNode, exc: Exception) -> str:
    from nbclient.exceptions import CellExecutionError

    if isinstance(exc, CellExecutionError):
        index = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code" and any(
            o.get("output_type") == "error" for o in c.get("outputs", []))), None)
        where = _cell_label(nb, index) if index is not None else "a cell"
        return f"{path.name}: {where} failed: {exc.ename}: {exc.evalue}"
    return f"{path.name}: {type(exc).__name__}: {exc}"  # kernel died, timeout


def _client(nb: nbformat.NotebookNode, cwd: Path, timeout: int, km=None):
    from nbclient import NotebookClient

    # The kernel's own log (e.g. ipykernel's warning about plain TCP on localhost) is noise here; cell errors
    # still reach us as messages.
    return NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False, km=km,
                          extra_arguments=["--IPKernelApp.log_level=ERROR"], resources={"metadata": {"path": str(cwd)}})


def _deps_log() -> Path:
    import tempfile

    handle, name = tempfile.mkstemp(prefix="deps-", suffix=".log")
    os.close(handle)
    os.environ[runcache.DEPS_LOG_ENV] = name
    return Path(name)


def execute(path: Path, *, write: bool = True, timeout: int = 600) -> RunResult:
    """Execute one notebook with its directory as working directory; write it back only if it changed."""
    start = time.perf_counter()
    code = runcache.code_digest()
    taken = runcache.snapshot(path)
    original = path.read_text(encoding="utf-8")
    nb = nbformat.reads(original, as_version=4)
    log = _deps_log()
    try:
        _client(nb, path.parent, timeout).execute()
    except Exception as exc:
        return RunResult(path, False, False, time.perf_counter() - start, _failure(path, nb, exc))
    finally:
        loaded = runcache.read_log(log)
        log.unlink(missing_ok=True)
    nb.metadata[runcache.METADATA_KEY] = runcache.notebook_record(
        loaded, runcache.inputs(path, loaded, None, code, taken))
    text = committed_text(nb, nbformat.reads(original, as_version=4), render=write)
    changed = text != original
    if write and changed:
        path.write_text(text, encoding="utf-8")
    if write:
        runcache.store(path.stem, path, loaded, None, code, taken)
    return RunResult(path, True, changed, time.perf_counter() - start)


def execute_all(paths: list[Path], *, jobs: int = 2, write: bool = True, use_cache: bool = False) -> list[RunResult]:
    """Execute notebooks in parallel (one kernel per job), printing progress as each finishes.

    With `use_cache`, the notebooks none of whose inputs changed are counted in one line first and not run; the
    progress count `[i/n]` then counts only the notebooks that run.
    """
    code = runcache.code_digest() if use_cache else ""
    results = [RunResult(p, True, False, 0.0, cached=True) for p in paths
               if use_cache and runcache.is_fresh(p.stem, p, None, code)]
    if results:
        print(f"{len(results)} of {len(paths)} notebooks unchanged since their last run (inputs unchanged): not rerun",
              flush=True)
    todo = [p for p in paths if p not in {r.path for r in results}]
    if todo:
        with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo)))) as pool:
            futures = [pool.submit(execute, p, write=write) for p in todo]
            for done, future in enumerate(as_completed(futures), 1):
                r = future.result()
                print(f"[{done}/{len(todo)}] {r.path.name}: {r.status} ({r.seconds:.1f} s)", flush=True)
                results.append(r)
    return sorted(results, key=lambda r: r.path.name)


def _run_variants(path: Path, variants: list[dict], out_dir: Path, timeout: int = 600) -> list[RunResult]:
    """Run one parameterised notebook once per parameter set in a single kernel (imports paid once)."""
    from jupyter_client.manager import KernelManager

    code = runcache.code_digest()
    results = []
    todo = [(p, variant_name(path, p), out_dir / f"{variant_name(path, p)}.ipynb") for p in variants]
    log = _deps_log()
    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(path.parent), extra_arguments=["--IPKernelApp.log_level=ERROR"])
    try:
        for parameters, name, target in todo:
            start = time.perf_counter()
            taken = runcache.snapshot(path)
            nb = inject_parameters(nbformat.read(path, as_version=4), parameters)
            nb.cells.insert(0, nbformat.v4.new_code_cell("%reset -f"))  # no state carried from the previous run
            try:
                _client(nb, path.parent, timeout, km=km).execute()
            except Exception as exc:
                results.append(RunResult(target, False, False, time.perf_counter() - start, _failure(path, nb, exc)))
                continue
            nb.cells.pop(0)
            # site pages: no images; written whole, since another build (a parallel test) may read it meanwhile
            partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            partial.write_text(nbformat.writes(normalise(nb)) + "\n", encoding="utf-8")
            partial.replace(target)
            runcache.store(name, path, runcache.read_log(log), parameters, code, taken)
            results.append(RunResult(target, True, True, time.perf_counter() - start))
    finally:
        km.shutdown_kernel(now=True)
        log.unlink(missing_ok=True)
    return results


def variant_name(path: Path, parameters: dict) -> str:
    """`10-ally-profile-fra` for the profile notebook run with ally='FRA'."""
    suffix = "-".join(str(v).lower() for v in parameters.values())
    return f"{path.stem}-{suffix}" if suffix else path.stem


def run_variants(path: Path, variants: list[dict], out_dir: Path, *, jobs: int = 2) -> list[RunResult]:
    """Run a parameterised notebook for every parameter set whose inputs changed, split across `jobs` kernels
    in parallel; the others are reported as cached without starting any kernel."""
    out_dir.mkdir(parents=True, exist_ok=True)
    code = runcache.code_digest()
    cached, stale = [], []
    for parameters in variants:
        name = variant_name(path, parameters)
        target = out_dir / f"{name}.ipynb"
        if target.exists() and runcache.is_fresh(name, path, parameters, code):
            cached.append(RunResult(target, True, False, 0.0, cached=True))
        else:
            stale.append(parameters)
    chunks = [stale[i::jobs] for i in range(jobs) if stale[i::jobs]]
    if not chunks:
        return sorted(cached, key=lambda r: r.path.name)
    with ProcessPoolExecutor(max_workers=len(chunks)) as pool:
        parts = pool.map(_run_variants, [path] * len(chunks), chunks, [out_dir] * len(chunks))
        return sorted(cached + [r for part in parts for r in part], key=lambda r: r.path.name)


def execute_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers execute", description="Re-execute notebooks in place.")
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/NN-*.ipynb")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--no-write", action="store_true", help="execute only; leave the files as they are")
    parser.add_argument("--force", action="store_true", help="rerun even notebooks whose inputs are unchanged")
    args = parser.parse_args(argv)
    paths = args.notebooks or list_notebooks()
    failed = [r for r in execute_all(paths, jobs=args.jobs, write=not args.no_write,
                                     use_cache=not (args.force or args.no_write)) if not r.ok]
    for r in failed:
        print(r.error, file=sys.stderr)
    return 1 if failed else 0
