"""Parameter cells (papermill `parameters` tag) let a reader rerun a notebook for another year or Ally."""

import json

import nbformat
import papermill

from conftest import NOTEBOOKS, ROOT


def test_parameter_cells_are_tagged_and_come_first():
    tagged = []
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        cells = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
        assert len(cells) <= 1, path.name
        if cells:
            code_before = [c for c in nb.cells[:cells[0]] if c.cell_type == "code"]
            assert len(code_before) <= 1, path.name  # imports at most
            tagged.append(path.name)
    assert len(tagged) >= 3


def test_burden_sharing_for_another_year_and_ally(tmp_path):
    out = tmp_path / "04.ipynb"
    papermill.execute_notebook(str(ROOT / "notebooks" / "04-burden-sharing.ipynb"), str(out),
                               parameters={"year": 2019, "ally": "FRA"}, cwd=str(ROOT / "notebooks"),
                               progress_bar=False)
    text = json.dumps(nbformat.read(out, as_version=4).cells)
    assert "Defence expenditure as a share of GDP, 2019" in text
    assert "France: defence expenditure as a share of GDP" in text


def test_make_run_names_the_output_from_its_parameters_and_uses_no_tcp(tmp_path):
    """`make run NB=04 ARGS="-p year 2019"` -> 04-burden-sharing-year-2019.ipynb; the kernel talks over IPC."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "helpers", "rerun", "04", "-p", "year", "2019",
                             "--out-dir", str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "04-burden-sharing-year-2019.ipynb"
    assert "In 2019 current Allies spent between" in out.read_text()
    assert "without encryption" not in result.stderr + result.stdout
    assert list(tmp_path.iterdir()) == [out]
