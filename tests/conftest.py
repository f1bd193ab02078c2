"""Shared test context: the project root, the notebook list, and scratch data directories built from the
test corpus and the real schema. Every test module takes ROOT and NOTEBOOKS from here."""

import shutil
import socket
from pathlib import Path

import pytest

from helpers.run.runner import list_notebooks
from helpers.paths import ROOT

#: The collection's notebooks in reading order (NN-slug.ipynb; `_template.ipynb` is not one of them).
NOTEBOOKS = list_notebooks(ROOT / "notebooks")
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BROKEN = FIXTURES / "broken"


def assemble(target: Path, overlay: Path | None = None) -> Path:
    """The minimal valid dataset plus the project's real datapackage.json, with `overlay`'s files on top."""
    target.mkdir(parents=True, exist_ok=True)
    for path in (FIXTURES / "minimal").glob("*.csv"):
        shutil.copy(path, target / path.name)
    shutil.copy(ROOT / "data" / "datapackage.json", target / "datapackage.json")
    if overlay is not None:
        for path in overlay.glob("*.csv"):
            shutil.copy(path, target / path.name)
    return target


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def minimal_data(tmp_path: Path) -> Path:
    return assemble(tmp_path / "data")
