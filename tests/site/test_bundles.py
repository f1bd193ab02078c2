"""The downloads `make site` writes: the data package as one zip, the research panels (CSV, Frictionless schema,
codebook), a zip per chart and a zip per notebook that runs offline in a plain folder; and the links to them."""

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile

import nbformat
import pytest

from conftest import ROOT
from helpers.site import bundles

SAMPLE = [ROOT / "notebooks" / "04-burden-sharing.ipynb", ROOT / "notebooks" / "11-nato-and-coalitions.ipynb"]
MB = 1000 * 1000


#: `built`: the site the browser tests build once per session (browsing.py), every notebook in it.
pytest_plugins = ["browsing"]


def test_every_download_link_resolves(built):
    links = set()
    for page in built.glob("*.html"):
        for href in re.findall(r'href="(downloads/[^"#]+)"', page.read_text()):
            links.add(href)
            assert (built / href).is_file(), f"{page.name} links to a missing {href}"
    data_page = (built / "data.html").read_text()
    for target in ("downloads/nato-coalitions-data.zip", "downloads/panels/state_year.csv",
                   "downloads/panels/effort_year.csv", "downloads/panels/datapackage.json",
                   "downloads/panels/codebook.md"):
        assert f'href="{target}"' in data_page
    for nb in SAMPLE:
        page = (built / f"{nb.stem}.html").read_text()
        assert f'href="downloads/notebooks/{nb.stem}.zip"' in page
        charts = re.findall(r'<figure class="chart" id="([^"]+)"', page)
        assert charts and all(f'href="downloads/charts/{slug}.zip"' in page for slug in charts)


def test_the_data_package_zip_holds_every_table_the_panels_and_the_licences(built):
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text())
    with zipfile.ZipFile(built / "downloads" / bundles.DATA_ZIP) as archive:
        names = set(archive.namelist())
        top = "nato-coalitions-data/"
        expected = {f"{top}data/{r['path']}" for r in descriptor["resources"]} | {
            f"{top}data/datapackage.json", f"{top}data/README.md", f"{top}LICENSE", f"{top}LICENSE-data",
            f"{top}CITATION.cff"} | {f"{top}panels/{n}" for n in ("state_year.csv", "effort_year.csv",
                                                                   "datapackage.json", "codebook.md")}
        assert expected <= names
        assert archive.read(f"{top}data/members.csv") == (ROOT / "data" / "members.csv").read_bytes()
    assert (built / "downloads" / bundles.DATA_ZIP).stat().st_size < 2 * MB


def test_the_panels_validate_as_a_frictionless_package(built):
    from frictionless import Package, system

    folder = built / "downloads" / "panels"
    with system.use_context(trusted=True):
        report = Package(str(folder / "datapackage.json")).validate()
    assert report.valid, [e.message for task in report.tasks for e in task.errors][:5]
    codebook = (folder / "codebook.md").read_text()
    for phrase in ("empty, never 0", "Merging with COW- or GW-keyed data", "Crosswalk coverage", "`op_isaf`"):
        assert phrase in codebook


def test_a_chart_zip_holds_its_csv_sources_licences_and_citation(built):
    slug = "11-nato-and-coalitions-3"
    with zipfile.ZipFile(built / "downloads" / "charts" / f"{slug}.zip") as archive:
        assert archive.read(f"{slug}/{slug}.csv") == (built / "figures" / f"{slug}.csv").read_bytes()
        meta = json.loads(archive.read(f"{slug}/datapackage.json"))
        readme = archive.read(f"{slug}/README.txt").decode()
    assert meta["title"].startswith("Figure 11.3.") and meta["licenses"][0]["name"] == "CC-BY-4.0"
    assert meta["sources"] and all(s.get("licence") and s.get("source_id") for s in meta["sources"])
    assert "Figure 11.3" in meta["citation"] and meta["bibtex"].startswith("@misc{")
    assert "How to cite:" in readme and "Licences:" in readme


def test_zips_are_the_same_bytes_for_the_same_content(tmp_path):
    members = {"a/b.csv": b"x,y\n1,2\n", "a/README.txt": b"hello"}
    first = bundles._zip(tmp_path / "one.zip", members).read_bytes()
    assert bundles._zip(tmp_path / "two.zip", dict(reversed(list(members.items())))).read_bytes() == first


def test_a_notebook_bundle_holds_what_the_notebook_read(built):
    path = built / "downloads" / "notebooks" / "04-burden-sharing.zip"
    read = bundles.tables_read(SAMPLE[0])
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
    top = "04-burden-sharing/"
    assert {f"{top}data/{name}" for name in read} <= names
    assert {f"{top}notebooks/04-burden-sharing.ipynb", f"{top}requirements.lock", f"{top}README.md",
            f"{top}helpers/__init__.py", f"{top}helpers/data/loader.py", f"{top}data/datapackage.json"} <= names
    assert not any("/helpers/site/" in n or "/helpers/tools/" in n for n in names)
    assert not any(n.startswith(f"{top}data/") and n.endswith("quotes.csv") for n in names)  # not read by 04
    assert path.stat().st_size < 1 * MB


def can_isolate() -> bool:
    """True when this machine lets us run a command in a network namespace that has only loopback."""
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


RUN = """
import sys, nbformat, nbclient
nb = nbformat.read(sys.argv[1], as_version=4)
nbclient.NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": "."}}).execute()
nbformat.write(nb, sys.argv[2])
"""


@pytest.mark.parametrize("notebook", ["04-burden-sharing"])
def test_a_notebook_bundle_runs_offline_in_a_plain_folder(built, tmp_path, notebook):
    """Unzipped into an empty folder and run with the project's Python and nbclient, nothing installed, the
    bundle's own helpers package and data are used (PYTHONPATH=.), offline where the machine can cut the network."""
    with zipfile.ZipFile(built / "downloads" / "notebooks" / f"{notebook}.zip") as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / notebook
    (tmp_path / "run.py").write_text(RUN)
    env = {k: v for k, v in os.environ.items() if k not in ("NATO_DATA_DIR", "NATO_DEPS_LOG")}
    env["PYTHONPATH"] = str(folder)
    command = [sys.executable, str(tmp_path / "run.py"), f"{notebook}.ipynb", str(tmp_path / "out.ipynb")]
    if can_isolate():
        command = ["unshare", "-n", "sh", "-c", "ip link set lo up && exec " + " ".join(command)]
    result = subprocess.run(command, cwd=folder / "notebooks", env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (folder / "_build" / "cache" / "check-data").is_dir()  # the kernel validated the bundle's own data
    ran, committed = (nbformat.read(p, as_version=4) for p in (tmp_path / "out.ipynb", SAMPLE[0]))

    def prose(nb):
        return ["".join(o["data"]["text/markdown"]) for c in nb.cells if c.cell_type == "code"
                for o in c.get("outputs", []) if "text/markdown" in o.get("data", {})]

    assert prose(ran) == prose(committed) and prose(ran)
    assert not [o for c in ran.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]


def test_downloads_keep_their_budget(built):
    """Apart from the pages' 25 MB: each notebook bundle under 1 MB, each chart zip under 0.2 MB, the panels
    under 4 MB (a full build: about 12 notebook bundles, 50 chart zips, the data zip and the panels, some 12 MB)."""
    folder = built / "downloads"
    assert all(p.stat().st_size < 1 * MB for p in (folder / "notebooks").glob("*.zip"))
    assert all(p.stat().st_size < 0.2 * MB for p in (folder / "charts").glob("*.zip"))
    assert sum(p.stat().st_size for p in (folder / "panels").iterdir()) < 4 * MB
