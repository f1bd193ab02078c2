"""JupyterLab round trip: open every notebook, move the mouse over a chart, save: git sees no change.

The notebooks are committed to a scratch git repository with the project's .gitattributes and clean filter, so
the test never rewrites the working tree. One Lab server, one browser, the notebooks in sequence.
"""

import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT
from helpers.site import find_chromium
from test_faults import free_port

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
pytestmark = pytest.mark.skipif(find_chromium() is None, reason="needs Debian's chromium")


def git(repo, *args) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path):
    """A git repository holding the committed notebooks, with the clean filter `make` installs."""
    repo = tmp_path / "repo"
    (repo / "notebooks").mkdir(parents=True)
    for path in NOTEBOOKS:
        shutil.copy(path, repo / "notebooks" / path.name)
    shutil.copy(ROOT / ".gitattributes", repo / ".gitattributes")
    git(repo, "init", "-q")
    git(repo, "config", "filter.notebook.clean", f"{sys.executable} -m helpers clean-notebook %f")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=test", "-c", "user.email=test@example.org", "commit", "-qm", "notebooks")
    assert git(repo, "status", "--porcelain") == ""
    return repo


def wait_for_server(port: int, token: str) -> None:
    for _ in range(240):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=1)
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise TimeoutError("JupyterLab did not start")


@pytest.mark.xfail(strict=True, reason="plotly's Lab renderer replaces the committed PNG on mouse-over; the clean "
                   "filter restores its content, but git reports a file whose size changed as modified without "
                   "running the filter (see README, Design notes)")
def test_open_hover_save_leaves_git_clean(repo, tmp_path):
    from helpers.browser import chromium
    from helpers.lab import lab_command

    port, token = free_port(), "roundtrip"
    before = {p.name: p.read_bytes() for p in (repo / "notebooks").glob("*.ipynb")}
    command = lab_command(port, token, root=repo, extra=[
        f"--LabApp.user_settings_dir={tmp_path / 'settings'}", f"--LabApp.workspaces_dir={tmp_path / 'ws'}",
        "--LabApp.expose_app_in_browser=True"])
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_server(port, token)
        with chromium() as browser:
            page = browser.new_page(viewport={"width": 1300, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/lab/tree/notebooks?token={token}")
            page.wait_for_function("window.jupyterapp && window.jupyterapp.commands.hasCommand('docmanager:open')",
                                   timeout=60000)
            for path in NOTEBOOKS:
                page.evaluate("async p => { await window.jupyterapp.commands.execute('docmanager:open', {path: p}); }",
                              f"notebooks/{path.name}")
                panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
                chart = panel.locator(".jp-OutputArea-output .plot-img:visible, .jp-OutputArea-output .plot-container:visible")
                box = None
                while box is None:  # Lab may re-render an output while the notebook settles
                    chart.first.wait_for(timeout=30000)
                    chart.first.scroll_into_view_if_needed()
                    box = chart.first.bounding_box()
                page.mouse.move(box["x"] + box["width"] / 2, box["y"] + min(box["height"], 300) / 2)
                panel.locator(".plot-container").first.wait_for(timeout=30000)  # drawn by plotly.js
                # Lab marks the notebook modified once the kernel has reported itself; save after that
                dirty = page.locator(".lm-TabBar-tab.lm-mod-current.jp-mod-dirty")
                dirty.wait_for(timeout=30000)
                panel.locator(".jp-Notebook").focus()
                page.keyboard.press("Control+s")
                dirty.wait_for(state="detached", timeout=30000)
                page.evaluate("async () => { await window.jupyterapp.commands.execute('application:close'); }")
    finally:
        server.terminate()
        server.wait(timeout=30)
    after = {p.name: p.read_bytes() for p in (repo / "notebooks").glob("*.ipynb")}
    assert any(after[name] != before[name] for name in before), "Lab saved nothing: the test proves nothing"
    assert git(repo, "status", "--porcelain", "notebooks/") == ""


def test_nbconvert_html_shows_every_chart_as_an_image(tmp_path):
    import json
    import re

    from nbconvert import HTMLExporter

    path = ROOT / "notebooks" / "04-burden-sharing.ipynb"
    charts = sum(1 for c in json.loads(path.read_text())["cells"] for o in c.get("outputs", [])
                 if "application/vnd.plotly.v1+json" in o.get("data", {}))
    body, _ = HTMLExporter().from_filename(str(path))
    assert charts >= 3
    assert len(re.findall(r'<img [^>]*src="data:image/png;base64,', body)) == charts
