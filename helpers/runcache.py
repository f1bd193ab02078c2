"""Remember what each notebook run read, so `make site` reruns a notebook only when one of its inputs changed.

A run's inputs are: the notebook file itself, the helpers package, the pinned environment, the data package's
schema, the data files the run actually loaded (recorded by `helpers.data.load` through $NATO_DEPS_LOG), and its
parameters. After a successful run their content hashes are stored in `_build/cache/runs/<name>.json`; the next
run is skipped when every hash still matches. A small cache of our own rather than jupyter-cache: jupyter-cache
keys on the code cells only, so it cannot see which data files a notebook read, and it keeps its own copy of the
outputs, while here the committed notebook is the only copy.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .paths import PACKAGE_DIR, ROOT, data_dir

CACHE_DIR = ROOT / "_build" / "cache" / "runs"
DEPS_LOG_ENV = "NATO_DEPS_LOG"
#: Files every run depends on besides the notebook and the data it loads.
ENVIRONMENT_FILES = ("pyproject.toml", "requirements.lock")


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes ('missing' when it does not exist)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except FileNotFoundError:
        return "missing"


#: Modules and files that only build the site or run commands: notebooks never import them, so editing them
#: does not rerun any notebook (the runner itself, `notebooks.py`, is not among them).
BUILD_ONLY = {"site.py", "render.py", "images.py", "pdf.py", "search.py", "reuse.py", "labels.py", "profiles.py",
              "bench.py", "lab.py", "cli.py", "checkdata.py", "datadict.py", "browser.py", "__main__.py",
              "site.css", "site.js", "ui.js"}


def code_hash() -> str:
    """One hash over the helpers package that notebooks run with (Python files and assets, build-only modules
    and templates left out) and the pinned environment."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if (path.is_file() and "__pycache__" not in path.parts and "templates" not in path.parts
                and path.name not in BUILD_ONLY):
            digest.update(str(path.relative_to(PACKAGE_DIR)).encode() + b"\0" + path.read_bytes())
    for name in ENVIRONMENT_FILES:
        digest.update(name.encode() + file_hash(ROOT / name).encode())
    return digest.hexdigest()


def record_path(name: str) -> Path:
    return CACHE_DIR / f"{name}.json"


def source_hash(notebook: Path) -> str:
    """SHA-256 of what a notebook asks to run: its cells' kinds and sources (not their outputs or metadata)."""
    try:
        cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    except (FileNotFoundError, json.JSONDecodeError, KeyError):
        return "missing"
    text = json.dumps([[c.get("cell_type"), "".join(c.get("source", ""))] for c in cells])
    return hashlib.sha256(text.encode()).hexdigest()


def snapshot(notebook: Path) -> dict[str, str]:
    """The hashes of the notebook's sources, the schema and every data file, taken before a run starts (so that a
    file edited while the run goes on is not recorded with its new content)."""
    data = Path(data_dir())
    files = {"notebook": source_hash(notebook), "datapackage.json": file_hash(data / "datapackage.json")}
    files.update({f"data/{p.name}": file_hash(p) for p in sorted(data.glob("*.csv"))})
    return files


def inputs(notebook: Path, data_files: list[str], parameters: dict | None, code: str,
           taken: dict[str, str] | None = None) -> dict:
    """The hashes a run depends on, given the data files it read (from `taken`, a snapshot, when given)."""
    taken = taken or snapshot(notebook)
    keys = ["notebook", "datapackage.json", *(f"data/{name}" for name in sorted(set(data_files)))]
    files = {key: taken.get(key) or file_hash(Path(data_dir()) / key.removeprefix("data/")) for key in keys}
    return {"files": files, "code": code, "parameters": parameters or {}}


#: Where a committed notebook remembers the inputs of the run that wrote it (so a fresh clone need not rerun it).
METADATA_KEY = "nato_coalitions"


def digest(record: dict) -> str:
    """A short fingerprint of a run's inputs."""
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()[:20]


def notebook_record(data_files: list[str], record: dict) -> dict:
    """What the runner writes into a notebook's metadata: the data files the run read and its inputs' digest."""
    return {"data": sorted(set(data_files)), "inputs": digest(record)}


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
    return bool(kept) and kept.get("inputs") == digest(inputs(notebook, kept.get("data", []), None, code))


def store(name: str, notebook: Path, data_files: list[str], parameters: dict | None, code: str,
          taken: dict[str, str]) -> None:
    """Remember a successful run's inputs as they were when it started (`taken`, from `snapshot`); written
    atomically, and a read-only checkout just reruns next time."""
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        tmp = record_path(name).with_suffix(".tmp")
        tmp.write_text(json.dumps(inputs(notebook, data_files, parameters, code, taken), indent=1, sort_keys=True))
        tmp.replace(record_path(name))
    except OSError:
        pass


def note_loaded(path: Path) -> None:
    """Called by the loaders: append a data file's name to the run's dependency log, if one is being kept."""
    log = os.environ.get(DEPS_LOG_ENV)
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(Path(path).name + "\n")


def read_log(log: Path) -> list[str]:
    """The data files a run loaded, from its dependency log."""
    try:
        return sorted(set(Path(log).read_text(encoding="utf-8").split()))
    except FileNotFoundError:
        return []
