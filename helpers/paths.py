"""Where the project's files live, and the one way their contents are named: a SHA-256 `digest`.

Every folder under `_build/` is named here, so no module builds a path of its own.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent

#: What `make site` and the runner write; never committed.
BUILD = ROOT / "_build"
SITE = BUILD / "site"
PROFILES = BUILD / "profiles"  # the Ally profile notebook run once per Ally
RUNS = BUILD / "runs"  # `make run NB=..` (papermill) outputs
CACHE = BUILD / "cache"
CHECK_CACHE = CACHE / "check-data"  # data packages already found clean, by digest
RUN_CACHE = CACHE / "runs"  # the inputs of each notebook's last successful run
FIGURE_CACHE = CACHE / "figures"  # chart images rendered by kaleido, by digest


def data_dir() -> Path:
    """The data directory: $NATO_DATA_DIR when set, else `data/` in the project."""
    return Path(os.environ.get("NATO_DATA_DIR") or ROOT / "data")


def notebooks_dir() -> Path:
    """The directory holding the narrative notebooks."""
    return ROOT / "notebooks"


def plotly_js() -> Path:
    """The plotly.js bundle that ships with the plotly package: the one copy the site, kaleido and tests use."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def digest(*parts: bytes | str) -> str:
    """The SHA-256 digest (hex) of some content: the project's one name for 'has this changed?'."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def file_digest(path: Path) -> str:
    """The digest of a file's bytes ('missing' when it does not exist)."""
    try:
        return digest(Path(path).read_bytes())
    except FileNotFoundError:
        return "missing"
