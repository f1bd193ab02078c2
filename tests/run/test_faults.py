"""Faults end with clear errors and lose nothing: failing notebooks, failed builds, invalid data, lab access."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
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


def test_failing_notebook_names_the_cell_and_is_not_overwritten(tmp_path):
    path = failing_notebook(tmp_path / "01-failing.ipynb")
    before = path.read_bytes()
    result = subprocess.run([sys.executable, "-m", "helpers", "execute", str(path)], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 1
    assert "01-failing.ipynb: cell 3" in result.stderr and "ValueError: boom" in result.stderr
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
    assert "cell 3" in result.error  # the first cell that loads data


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_lab_binds_localhost_and_requires_a_token():
    from helpers.tools.lab import lab_command

    port, token = free_port(), "test-token-123"
    process = subprocess.Popen(lab_command(port, token), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/api/status"
        for _ in range(120):
            try:
                urllib.request.urlopen(url, timeout=1)
            except urllib.error.HTTPError:
                break  # the server answers
            except OSError:
                time.sleep(0.25)
        with pytest.raises(urllib.error.HTTPError) as denied:
            urllib.request.urlopen(url, timeout=5)
        assert denied.value.code == 403
        ok = urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": f"token {token}"}), timeout=5)
        assert ok.status == 200
        import psutil

        bound = {c.laddr.ip for c in psutil.net_connections("tcp") if c.laddr and c.laddr.port == port
                 and c.status == psutil.CONN_LISTEN}
        assert bound == {"127.0.0.1"}
    finally:
        process.terminate()
        process.wait(timeout=20)
