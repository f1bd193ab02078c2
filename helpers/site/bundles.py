"""The downloads a researcher expects, written into the site's `downloads/` by `make site`:

- `nato-coalitions-data.zip`: the whole data package (datapackage.json, every table, README), the research panels,
  the licences and CITATION.cff;
- `panels/`: the state-year and effort-year panels as CSV, their Frictionless schema and their codebook;
- `charts/<slug>.zip`: one per chart, its CSV with a short metadata file (title, sources, licences, how to cite);
- `notebooks/<name>.zip`: one per notebook, which runs offline in a plain folder: the notebook, the data files its
  last run read (recorded in its metadata by the runner) with the tables they refer to, the helpers package the
  notebooks import, and the lock file of the environment.

Zips are written with fixed timestamps, so an unchanged input gives the same bytes.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from ..paths import PACKAGE_DIR, ROOT
from . import downloads

DOWNLOADS = "downloads"
DATA_ZIP = "nato-coalitions-data.zip"
PANELS = ("state_year", "effort_year")
#: The rooms of the helpers package a notebook needs (the site and tools rooms build the site, not notebooks).
NOTEBOOK_ROOMS = ("data", "analysis", "charts", "run")
#: Files of the project a bundle carries besides the notebook, its data and the helpers package.
PROJECT_FILES = ("requirements.lock", "pyproject.toml", "LICENSE", "LICENSE-data", "CITATION.cff")
#: The key of the runner's record in a notebook's metadata (`helpers.run.cache`).
RUN_METADATA = "nato_coalitions"
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    """Write `members` (name in the zip -> bytes) to `path`, sorted, with fixed timestamps."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, _FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, members[name])
    return path


def version() -> str:
    """The collection's version, from CITATION.cff ('' where it gives none)."""
    path = ROOT / "CITATION.cff"
    found = re.search(r"^version:\s*['\"]?([^'\"\n]+)", path.read_text(encoding="utf-8"), re.M) if path.exists() else None
    return found.group(1).strip() if found else ""


def panel_csv(frame) -> str:
    """A panel as CSV text: empty cells for missing values, booleans as true/false (as the tables write them)."""
    out = frame.copy()
    for column in out.columns:
        if str(out[column].dtype) in ("boolean", "bool"):
            out[column] = out[column].map({True: "true", False: "false"}).astype("string")
    return out.to_csv(index=False, lineterminator="\n")


def panel_files(data: Path) -> dict[str, bytes]:
    """The panels' files by name: state_year.csv, effort_year.csv, datapackage.json, codebook.md."""
    from ..analysis import codebook, crosswalk, panels, statecodes
    from ..data.loader import load

    tables = {name: load(name, data) for name in panels.TABLES}
    frames = {"state_year": panels.state_year(tables), "effort_year": panels.effort_year(tables)}
    names = codebook.effort_names(tables["operations"], tables["coalitions"])
    coverage = crosswalk.coverage(tables["crosswalk"], tables["operations"], tables["coalitions"])
    changes = statecodes.changes(tables["states"])
    files = {f"{panel}.csv": panel_csv(frame).encode() for panel, frame in frames.items()}
    files["datapackage.json"] = (json.dumps(codebook.package(frames, names, version()), indent=2,
                                            ensure_ascii=False) + "\n").encode()
    files["codebook.md"] = codebook.markdown(frames, names, coverage, changes, version()).encode()
    return files


def write_panels(out: Path, data: Path) -> dict[str, bytes]:
    """downloads/panels/* in the site `out`; returns the files written."""
    files = panel_files(data)
    folder = out / DOWNLOADS / "panels"
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return files


def _project_files() -> dict[str, bytes]:
    return {name: (ROOT / name).read_bytes() for name in PROJECT_FILES if (ROOT / name).exists()}


def write_data_zip(out: Path, data: Path, panels: dict[str, bytes]) -> Path:
    """downloads/nato-coalitions-data.zip: the data package, the panels, the licences and the citation file."""
    top = "nato-coalitions-data/"
    members = {f"{top}data/{p.name}": p.read_bytes() for p in sorted(Path(data).iterdir())
               if p.suffix in (".csv", ".json", ".md") and p.is_file()}
    members |= {f"{top}panels/{name}": content for name, content in panels.items()}
    members |= {f"{top}{name}": content for name, content in _project_files().items()
                if name not in ("requirements.lock", "pyproject.toml")}
    return _zip(out / DOWNLOADS / DATA_ZIP, members)


def chart_metadata(chart, page, sources: downloads.Sources) -> tuple[dict, str]:
    """A chart's metadata as a small Data Package (title, sources, licences, citation) and as plain text."""
    payload = {"columns": chart.csv_header, "rows": chart.csv_rows}
    publishers, as_of = downloads.publishers_and_date(payload, chart.note, sources)
    text, bibtex = downloads.citation(title=chart.title, number=chart.number, page_title=page.title,
                                      page_href=f"{page.href}#{chart.slug}", publishers=publishers, as_of=as_of)
    ids = []
    if "source_id" in chart.csv_header:
        column = chart.csv_header.index("source_id")
        for row in chart.csv_rows:
            for sid in str(row[column] or "").replace(";", " ").split():
                if sid in sources.rows and sid not in ids:
                    ids.append(sid)
    cited = [{"title": f"{sources.rows[s].get('publisher')}: {sources.rows[s].get('title')}",
              "path": sources.rows[s].get("url") or "", "source_id": s,
              "licence": "the publisher's own terms (not recorded by this project)"} for s in ids]
    if not cited:
        cited = [{"title": chart.note or "see the chart's page", "licence": "the publishers' own terms"}]
    meta = {
        "name": chart.slug, "title": f"Figure {chart.number}. {chart.title}",
        "description": chart.description, "homepage": f"{page.href}#{chart.slug}",
        "sources": cited,
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 (this compilation)",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "citation": text, "bibtex": bibtex, "data_as_of": as_of,
        "resources": [{"name": chart.slug, "path": f"{chart.slug}.csv", "format": "csv", "mediatype": "text/csv",
                       "encoding": "utf-8"}],
    }
    lines = [f"Figure {chart.number}. {chart.title}", "", chart.description, "",
             f"From: {page.title} ({page.href}#{chart.slug})", f"Data: {chart.slug}.csv (the rows the chart plots)",
             "", "Sources:"]
    lines += [f"- {s['title']}" + (f" <{s['path']}>" if s.get("path") else "") for s in cited]
    lines += ["", "Licences: this compilation CC BY 4.0; each source keeps its publisher's own terms.", "",
              "How to cite:", text, "", bibtex, ""]
    return meta, "\n".join(lines)


def write_chart_zips(out: Path, pages: list, sources: downloads.Sources) -> int:
    """downloads/charts/<slug>.zip for every chart of `pages` (its CSV, datapackage.json and README.txt)."""
    count = 0
    for page in pages:
        for chart in page.charts:
            meta, readme = chart_metadata(chart, page, sources)
            csv_path = out / "figures" / f"{chart.slug}.csv"
            _zip(out / DOWNLOADS / "charts" / f"{chart.slug}.zip", {
                f"{chart.slug}/{chart.slug}.csv": csv_path.read_bytes(),
                f"{chart.slug}/datapackage.json": (json.dumps(meta, indent=2, ensure_ascii=False) + "\n").encode(),
                f"{chart.slug}/README.txt": readme.encode()})
            count += 1
    return count


def tables_read(notebook: Path) -> list[str]:
    """The data files the notebook's last run read (the runner's record in its metadata)."""
    record = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {}).get(RUN_METADATA, {})
    return list(record.get("data", []))


def data_slice(descriptor: dict, files: list[str]) -> dict:
    """The data package trimmed to `files` and every table they refer to by foreign key (so it validates)."""
    resources = {r["name"]: r for r in descriptor["resources"]}
    by_path = {r["path"]: r["name"] for r in descriptor["resources"]}
    wanted = [by_path[f] for f in files if f in by_path]
    keep, queue = set(), list(wanted)
    while queue:
        name = queue.pop()
        if name in keep:
            continue
        keep.add(name)
        for key in resources[name]["schema"].get("foreignKeys", []):
            target = key["reference"].get("resource") or name
            queue.append(target)
    return {**descriptor, "resources": [r for r in descriptor["resources"] if r["name"] in keep]}


def _helpers_files() -> dict[str, bytes]:
    """The helpers package a notebook imports: the top-level modules and the rooms in NOTEBOOK_ROOMS."""
    files = {}
    for path in sorted(PACKAGE_DIR.rglob("*")):
        relative = path.relative_to(PACKAGE_DIR)
        if not path.is_file() or "__pycache__" in relative.parts or path.suffix == ".pyc":
            continue
        if len(relative.parts) == 1 or relative.parts[0] in NOTEBOOK_ROOMS:
            files[f"helpers/{relative.as_posix()}"] = path.read_bytes()
    return files


BUNDLE_README = """# {title}: offline bundle

{stem}.ipynb from the collection *{project}* (version {version}), with what it needs to run offline in a plain
folder: the data files its last run read (`data/`: {files}), the tables they refer to, the `helpers` package the
notebook imports, and the lock file of the environment it was run with.

Run it (Python 3.11; nothing is fetched once the packages are installed):

    python3 -m venv .venv
    .venv/bin/pip install --require-hashes -r requirements.lock
    PYTHONPATH=. .venv/bin/jupyter lab notebooks/{stem}.ipynb

or re-execute it in place without a browser:

    PYTHONPATH=. .venv/bin/python -m helpers execute notebooks/{stem}.ipynb

`PYTHONPATH=.` makes Python find the `helpers` folder of this bundle; its `data/` folder is the one the notebook
reads (set NATO_DATA_DIR to read another). With the project's own environment already installed, run it with that
environment's Python the same way. Edit a CSV and rerun: the notebook checks the data first and names any problem
as `file:line: column: problem`.

Data and text CC BY 4.0 (LICENSE-data), code MIT (LICENSE); cite as CITATION.cff says, and the original sources
of the values (data/sources.csv).
"""


def notebook_bundle(notebook: Path, data: Path, title: str = "") -> dict[str, bytes]:
    """The members of one notebook's offline bundle (names inside a top folder named after the notebook)."""
    stem = notebook.stem
    top = f"{stem}/"
    descriptor = json.loads((Path(data) / "datapackage.json").read_text(encoding="utf-8"))
    read = tables_read(notebook)
    sliced = data_slice(descriptor, read)
    members = {f"{top}notebooks/{notebook.name}": notebook.read_bytes(),
               f"{top}data/datapackage.json": (json.dumps(sliced, indent=2, ensure_ascii=False) + "\n").encode()}
    for resource in sliced["resources"]:
        members[f"{top}data/{resource['path']}"] = (Path(data) / resource["path"]).read_bytes()
    if (Path(data) / "README.md").exists():
        members[f"{top}data/README.md"] = (Path(data) / "README.md").read_bytes()
    members |= {f"{top}{name}": content for name, content in _helpers_files().items()}
    members |= {f"{top}{name}": content for name, content in _project_files().items()}
    members[f"{top}README.md"] = BUNDLE_README.format(
        title=title or stem, stem=stem, project=downloads.PROJECT, version=version() or "unversioned",
        files=", ".join(f"`{f}`" for f in read) or "none").encode()
    return members


def write_notebook_zips(out: Path, notebooks: list[Path], data: Path, titles: dict[str, str]) -> list[Path]:
    """downloads/notebooks/<name>.zip for every notebook."""
    return [_zip(out / DOWNLOADS / "notebooks" / f"{nb.stem}.zip", notebook_bundle(nb, data, titles.get(nb.stem, "")))
            for nb in notebooks]


def write_downloads(out: Path, *, data: Path, pages: list, profile_pages: list, sources: downloads.Sources) -> dict:
    """Every download of the site (see the module docstring): the notebook bundles are those of the notebook pages,
    and of the profile notebook when Ally pages were built from it. Returns counts for the build's log."""
    import time

    from ..paths import notebooks_dir
    from .profiles import PROFILE_NOTEBOOK

    started = time.perf_counter()
    panels = write_panels(out, data)
    write_data_zip(out, data, panels)
    charts = write_chart_zips(out, [*pages, *profile_pages], sources)
    notebooks = [p.source for p in pages] + ([notebooks_dir() / PROFILE_NOTEBOOK] if profile_pages else [])
    bundles = write_notebook_zips(out, notebooks, data, {p.slug: p.title for p in pages})
    size = sum(f.stat().st_size for f in (out / DOWNLOADS).rglob("*") if f.is_file())
    print(f"site: downloads written: the data package, the panels, {charts} chart and {len(bundles)} notebook "
          f"bundles ({size / 1e6:.1f} MB, {time.perf_counter() - started:.1f} s)", flush=True)
    return {"charts": charts, "notebooks": len(bundles), "bytes": size}
