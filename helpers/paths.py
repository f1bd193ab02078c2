"""Where the project's files live."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
ASSETS_DIR = PACKAGE_DIR / "assets"


def data_dir() -> Path:
    """The data directory: $NATO_DATA_DIR when set, else `data/` in the project."""
    return Path(os.environ.get("NATO_DATA_DIR") or ROOT / "data")


def notebooks_dir() -> Path:
    """The directory holding the narrative notebooks."""
    return ROOT / "notebooks"
