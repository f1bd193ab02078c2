"""Parameter cells (papermill `parameters` tag) let a reader rerun a notebook for another year or Ally."""

import json

import pytest

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


def run(tmp_path, notebook: str, **parameters) -> str:
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(str(ROOT / "notebooks" / notebook), str(out), parameters=parameters,
                               cwd=str(ROOT / "notebooks"), progress_bar=False)
    return json.dumps(nbformat.read(out, as_version=4).cells)


def test_burden_sharing_for_another_year_and_ally_in_lower_case(tmp_path):
    text = run(tmp_path, "04-burden-sharing.ipynb", year=2019, ally="fra")
    assert "In 2019 current Allies spent between" in text
    assert "France: defence expenditure as a share of GDP" in text


@pytest.mark.parametrize("notebook, parameters, message", [
    ("04-burden-sharing.ipynb", {"ally": "XYZ"}, "ally 'XYZ' is not an Ally code; choose one of ALB, BEL"),
    ("04-burden-sharing.ipynb", {"year": 2031}, "year 2031 is outside the data (2014–2025)"),
    ("10-ally-profile.ipynb", {"ally": "Narnia"}, "ally 'Narnia' is not an Ally code; choose one of ALB"),
])
def test_bad_parameters_stop_with_one_message(tmp_path, notebook, parameters, message):
    with pytest.raises(papermill.PapermillExecutionError) as err:
        run(tmp_path, notebook, **parameters)
    assert err.value.ename == "ParameterError" and message in err.value.evalue, err.value.evalue


def test_an_ally_without_spending_gets_sentences_not_empty_charts(tmp_path):
    text = run(tmp_path, "10-ally-profile.ipynb", ally="isl")
    assert "NATO publishes no defence-expenditure figures for Iceland" in text
    assert "Iceland: " not in text.split("Defence spending against the guidelines")[1].split("## Contributions")[0]


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
