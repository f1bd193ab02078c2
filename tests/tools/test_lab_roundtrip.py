"""JupyterLab: access, round trip and static viewers. One Lab server serves the first two tests.

- `make lab`'s command answers only on 127.0.0.1 and only with its token.
- Open every notebook, and the template new ones are copied from, in a real JupyterLab, move the mouse over a chart,
  save with Ctrl+S: git sees no change.
  The notebooks are committed to a scratch git repository (no filter, no attributes), so the test never rewrites
  the working tree. One Lab server, one browser; all notebooks are opened at once so their kernels start together.
- `jupyter nbconvert --to html` shows every chart as an image (the SVG the runner stores beside the figure).
"""

import json
import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from conftest import NOTEBOOKS, ROOT, free_port
from helpers.charts.chromium import find_chromium

PLOTLY_MIME = "application/vnd.plotly.v1+json"
#: Every notebook a user opens in Lab: the collection and the template a new notebook is copied from.
LAB_NOTEBOOKS = [*NOTEBOOKS, ROOT / "notebooks" / "_template.ipynb"]
needs_chromium = pytest.mark.skipif(find_chromium() is None, reason="needs Debian's chromium")


def git(repo, *args) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def charts_in(path) -> int:
    return sum(1 for c in json.loads(path.read_text())["cells"] for o in c.get("outputs", [])
               if PLOTLY_MIME in o.get("data", {}))


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """A git repository holding the committed notebooks and the project's .gitignore, as a fresh clone would."""
    repo = tmp_path_factory.mktemp("lab") / "repo"
    (repo / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / ".gitignore", repo / ".gitignore")
    for path in LAB_NOTEBOOKS:
        shutil.copy(path, repo / "notebooks" / path.name)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=test", "-c", "user.email=test@example.org", "commit", "-qm", "notebooks")
    assert git(repo, "status", "--porcelain") == ""
    return repo


@pytest.fixture(scope="module")
def lab(repo, tmp_path_factory):
    """`make lab`'s command (helpers.tools.lab) serving the scratch repository: (port, token)."""
    from helpers.tools.lab import lab_command

    scratch = tmp_path_factory.mktemp("lab-state")
    port, token = free_port(), "roundtrip"
    command = lab_command(port, token, root=repo, extra=[
        f"--LabApp.user_settings_dir={scratch / 'settings'}", f"--LabApp.workspaces_dir={scratch / 'ws'}",
        "--LabApp.expose_app_in_browser=True"])
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(scratch / "runtime"), "JUPYTER_DATA_DIR": str(scratch / "data")}
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        wait_for_server(port, token)
        yield port, token
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for_server(port: int, token: str) -> None:
    for _ in range(600):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=1)
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.05)
    raise TimeoutError("JupyterLab did not start")


def wait_until_written(path, mtime: int) -> None:
    for _ in range(600):
        if path.stat().st_mtime_ns != mtime:
            return
        time.sleep(0.05)
    raise TimeoutError(f"{path.name}: Ctrl+S wrote nothing")


#: Open a notebook (on a given kernel, or a new one) and resolve with its kernel's id once the kernel has
#: reported itself (Lab then fills in language_info).
OPEN = """async ({path, kernel}) => {
  const app = window.jupyterapp;
  const panel = await app.commands.execute('docmanager:open', kernel ? {path, kernel: {id: kernel}} : {path});
  await panel.context.ready;
  await panel.sessionContext.ready;
  await panel.sessionContext.session.kernel.info;
  return panel.sessionContext.session.kernel.id;
}"""


def test_lab_binds_localhost_and_requires_a_token(lab):
    import psutil

    port, token = lab
    url = f"http://127.0.0.1:{port}/api/status"
    with pytest.raises(urllib.error.HTTPError) as denied:
        urllib.request.urlopen(url, timeout=5)
    assert denied.value.code == 403
    ok = urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": f"token {token}"}), timeout=5)
    assert ok.status == 200
    bound = {c.laddr.ip for c in psutil.net_connections("tcp") if c.laddr and c.laddr.port == port
             and c.status == psutil.CONN_LISTEN}
    assert bound == {"127.0.0.1"}


@needs_chromium
def test_open_hover_save_leaves_git_clean(repo, lab):
    from helpers.charts.chromium import chromium

    port, token = lab
    files = {p.name: repo / "notebooks" / p.name for p in LAB_NOTEBOOKS}
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.goto(f"http://127.0.0.1:{port}/lab/tree/notebooks?token={token}")
        page.wait_for_function("window.jupyterapp && window.jupyterapp.commands.hasCommand('docmanager:open')",
                               timeout=60000)
        kernel = None
        for name, path in files.items():
            # the first notebook starts a kernel; the others share it, as Lab's "kernel of another session"
            # does (one kernel start instead of eleven: the test stays short on two cores)
            kernel = page.evaluate(OPEN, {"path": f"notebooks/{name}", "kernel": kernel})
            panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
            # Lab shows the interactive chart (plotly's renderer outranks the stored SVG) ...
            chart = panel.locator(".jp-OutputArea-output.jp-RenderedPlotly").first
            chart.wait_for(timeout=30000)
            chart.scroll_into_view_if_needed()
            box = chart.bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + min(box["height"], 300) / 2)
            page.mouse.move(box["x"] + box["width"] / 3, box["y"] + min(box["height"], 300) / 3, steps=3)
            assert panel.locator(".jp-OutputArea-output.jp-RenderedSVG").count() == 0, name
            # ... and saving it (Ctrl+S, whether or not Lab marked it modified) writes it back unchanged
            mtime = path.stat().st_mtime_ns
            time.sleep(0.01)  # a new mtime even on coarse clocks
            panel.locator(".jp-Notebook").focus()
            page.keyboard.press("Control+s")
            wait_until_written(path, mtime)
            page.evaluate("() => window.jupyterapp.commands.execute('application:close')")
    changed = git(repo, "status", "--porcelain")
    diff = git(repo, "diff", "--stat")
    assert changed == "", f"JupyterLab's save changed what git sees:\n{changed}\n{diff}"


def test_nbconvert_html_shows_every_chart_as_an_image():
    """nbconvert's HTML exporter (what `jupyter nbconvert --to html` runs) shows each chart's stored SVG."""
    from nbconvert import HTMLExporter

    path = ROOT / "notebooks" / "04-burden-sharing.ipynb"
    body, _ = HTMLExporter().from_filename(str(path))
    images = re.findall(r'data-mime-type="image/svg\+xml"[^>]*>\s*<img [^>]*src="data:image/svg\+xml;base64,', body)
    assert charts_in(path) >= 3
    assert len(images) == charts_in(path)


def test_every_chart_carries_its_static_image_and_no_png():
    for path in NOTEBOOKS:
        for cell in json.loads(path.read_text())["cells"]:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if PLOTLY_MIME in data:
                    assert "image/svg+xml" in data, path.name
                    assert "image/png" not in data, path.name  # Lab's plotly renderer would replace it
