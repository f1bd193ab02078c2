"""Faults end with clear errors and lose nothing: failing notebooks, failed builds, invalid data. (Lab access:
tests/tools/test_lab_roundtrip.py.)"""

import shutil
from pathlib import Path

import nbformat
import pytest

from conftest import BROKEN, NOTEBOOKS, ROOT, assemble
from helpers.run import runner
from helpers.site import build


def failing_notebook(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Failing"), nbformat.v4.new_code_cell("x = 1"),
                nbformat.v4.new_code_cell("raise ValueError('boom')")]
    nbformat.write(nb, path)
    return path


def test_failing_notebook_names_the_cell_and_is_not_overwritten(tmp_path, monkeypatch, capsys):
    """`python -m helpers execute`: the failure names the notebook and cell, the file is left as it was, and the
    build log counts only the notebooks it runs (a notebook whose inputs are unchanged is counted apart)."""
    from helpers.run import cache as runcache

    monkeypatch.setattr(runcache, "RUN_CACHE", tmp_path / "runs")
    fresh = tmp_path / "01-fresh.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Fresh")]), fresh)
    runcache.store(fresh.stem, fresh, [], None, runcache.code_digest(), runcache.snapshot(fresh))
    path = failing_notebook(tmp_path / "02-failing.ipynb")
    before = path.read_bytes()
    assert runner.execute_main([str(fresh), str(path)]) == 1
    out, err = capsys.readouterr()
    cached, ran = out.splitlines()
    assert cached == "1 of 2 notebooks unchanged since their last run (inputs unchanged): not rerun"
    assert ran.startswith("[1/1] 02-failing.ipynb: FAILED")
    assert "02-failing.ipynb: cell 3" in err and "ValueError: boom" in err
    assert path.read_bytes() == before


def test_failed_site_build_keeps_the_previous_site(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("previous site")
    broken = tmp_path / "02-broken.ipynb"
    broken.write_text("{ this is not a notebook")
    with pytest.raises(RuntimeError, match="02-broken.ipynb"):
        build.build(out, notebooks=[NOTEBOOKS[0], broken], images=False, profiles=False)
    assert (out / "index.html").read_text() == "previous site"
    assert not (tmp_path / "site.tmp").exists()


def test_notebook_refuses_invalid_data(tmp_path, monkeypatch):
    data = assemble(tmp_path / "data", BROKEN / "many_problems_at_once")
    copy = tmp_path / "08-claims.ipynb"
    shutil.copy(ROOT / "notebooks" / "08-claims.ipynb", copy)
    monkeypatch.setenv("NATO_DATA_DIR", str(data))
    result = runner.execute(copy, write=False)
    assert not result.ok
    assert "DataValidationError" in result.error and "members.csv:2: iso3" in result.error
    # the error names the first cell that loads data (cells counted from 1, as Lab shows them)
    first = next(i for i, c in enumerate(nbformat.read(copy, as_version=4).cells, 1) if "data.load(" in c.source)
    assert f"cell {first} " in result.error and first > 2
