"""Remember what each notebook run read, so `make site` reruns a notebook only when one of its inputs changed.

A run's inputs are: the notebook's cells, the code a notebook can import or that shapes its committed form
(the helpers package without the site and tools rooms), the pinned environment, the data package's schema, the
data files the run actually loaded (recorded by `helpers.data.loader` in the file named by $NATO_DEPS_LOG), and its
parameters. After a successful run their digests are stored in `_build/cache/runs/<name>.json`; the next run is
skipped when every digest still matches. A small cache of our own rather than jupyter-cache: jupyter-cache keys on
the code cells only, so it cannot see which data files a notebook read, and it keeps its own copy of the outputs,
while here the committed notebook is the only copy.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..data.loader import READ_LOG_ENV
from ..paths import PACKAGE_DIR, ROOT, RUN_CACHE, data_dir, digest, file_digest

DEPS_LOG_ENV = READ_LOG_ENV
#: Files every run depends on besides the notebook and the data it loads.
ENVIRONMENT_FILES = ("pyproject.toml", "requirements.lock")
#: The rooms of the helpers package that build the site or run commands: no notebook imports them, so editing
#: them reruns no notebook. Everything else in the package (data, analysis, charts, run, paths) is an input.
NOT_IMPORTED_BY_NOTEBOOKS = ("site", "tools", "cli.py", "__main__.py")


def code_files() -> list[Path]:
    """The package files a notebook run depends on, by folder: every file outside the site and tools rooms."""
    return [p for p in sorted(PACKAGE_DIR.rglob("*")) if p.is_file() and "__pycache__" not in p.parts
            and p.relative_to(PACKAGE_DIR).parts[0] not in NOT_IMPORTED_BY_NOTEBOOKS]


def code_digest() -> str:
    """One digest over the code notebooks run with (see `code_files`) and the pinned environment."""
    parts: list[bytes | str] = []
    for path in code_files():
        parts += [str(path.relative_to(PACKAGE_DIR)), path.read_bytes()]
    for name in ENVIRONMENT_FILES:
        parts += [name, file_digest(ROOT / name)]
    return digest(*parts)


def record_path(name: str) -> Path:
    return RUN_CACHE / f"{name}.json"


def source_digest(notebook: Path) -> str:
    """The digest of what a notebook asks to run: its cells' kinds and sources (not their outputs or metadata)."""
    try:
        cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    except (FileNotFoundError, json.JSONDecodeError, KeyError):
        return "missing"
    return digest(json.dumps([[c.get("cell_type"), "".join(c.get("source", ""))] for c in cells]))


def snapshot(notebook: Path) -> dict[str, str]:
    """The digests of the notebook's sources, the schema and every data file, taken before a run starts (so that a
    file edited while the run goes on is not recorded with its new content)."""
    data = Path(data_dir())
    files = {"notebook": source_digest(notebook), "datapackage.json": file_digest(data / "datapackage.json")}
    files.update({f"data/{p.name}": file_digest(p) for p in sorted(data.glob("*.csv"))})
    return files


def inputs(notebook: Path, data_files: list[str], parameters: dict | None, code: str,
           taken: dict[str, str] | None = None) -> dict:
    """The digests a run depends on, given the data files it read (from `taken`, a snapshot, when given)."""
    taken = taken or snapshot(notebook)
    keys = ["notebook", "datapackage.json", *(f"data/{name}" for name in sorted(set(data_files)))]
    files = {key: taken.get(key) or file_digest(Path(data_dir()) / key.removeprefix("data/")) for key in keys}
    return {"files": files, "code": code, "parameters": parameters or {}}


#: Where a committed notebook remembers the inputs of the run that wrote it (so a fresh clone need not rerun it).
METADATA_KEY = "nato_coalitions"


def inputs_digest(record: dict) -> str:
    """A short digest of a run's inputs (as written in a committed notebook's metadata)."""
    return digest(json.dumps(record, sort_keys=True))[:20]


def notebook_record(data_files: list[str], record: dict) -> dict:
    """What the runner writes into a notebook's metadata: the data files the run read and its inputs' digest."""
    return {"data": sorted(set(data_files)), "inputs": inputs_digest(record)}


def is_fresh(name: str, notebook: Path, parameters: dict | None, code: str) -> bool:
    """True when none of the run's inputs has changed since the last successful run, as recorded in
    `_build/cache/runs/`, or else (for a notebook run without parameters) in the notebook's own metadata."""
    try:
        record = json.loads(record_path(name).read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        record = None
    if record is not None:
        data_files = [key.removeprefix("data/") for key in record["files"] if key.startswith("data/")]
        return record == inputs(notebook, data_files, parameters, code)
    if parameters:
        return False
    try:
        kept = json.loads(Path(notebook).read_text(encoding="utf-8"))["metadata"].get(METADATA_KEY, {})
    except (FileNotFoundError, json.JSONDecodeError, KeyError):
        return False
    return bool(kept) and kept.get("inputs") == inputs_digest(inputs(notebook, kept.get("data", []), None, code))


def store(name: str, notebook: Path, data_files: list[str], parameters: dict | None, code: str,
          taken: dict[str, str]) -> None:
    """Remember a successful run's inputs as they were when it started (`taken`, from `snapshot`); written
    atomically, and a read-only checkout just reruns next time."""
    try:
        RUN_CACHE.mkdir(parents=True, exist_ok=True)
        tmp = record_path(name).with_suffix(".tmp")
        tmp.write_text(json.dumps(inputs(notebook, data_files, parameters, code, taken), indent=1, sort_keys=True))
        tmp.replace(record_path(name))
    except OSError:
        pass


def read_log(log: Path) -> list[str]:
    """The data files a run loaded, from its dependency log."""
    try:
        return sorted(set(Path(log).read_text(encoding="utf-8").split()))
    except FileNotFoundError:
        return []
