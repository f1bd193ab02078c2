"""`python -m helpers check-data DIR`: clean data passes; every kind of problem is located, all at once."""

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BROKEN, ROOT, assemble

CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


def check_data(directory: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers", "check-data", str(directory)],
                          capture_output=True, text=True, cwd=ROOT)


def test_corpus_is_not_empty():
    assert len(CASES) >= 20


def test_project_data_is_clean():
    result = check_data(ROOT / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(result.stdout.strip().splitlines()) == 1
    assert "no problems" in result.stdout


def test_minimal_fixture_is_clean(minimal_data):
    result = check_data(minimal_data)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("case", CASES)
def test_broken_case_is_located(case, tmp_path):
    data = assemble(tmp_path / "data", BROKEN / case)
    result = check_data(data)
    expected = (BROKEN / case / "expected.txt").read_text().splitlines()
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    for line in expected:
        assert any(out.startswith(line) for out in result.stdout.splitlines()), (
            f"expected a line starting {line!r}; got:\n{result.stdout}")
    # every reported problem follows file:line: column: problem
    for out in result.stdout.splitlines():
        file, line, rest = out.split(":", 2)
        assert file.endswith(".csv") or file == "datapackage.json"
        assert int(line) >= 1 and rest.startswith(" ")


def test_default_directory_is_data():
    result = subprocess.run([sys.executable, "-m", "helpers", "check-data"], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0 and str(ROOT / "data") in result.stdout


def test_missing_descriptor_is_reported(tmp_path):
    result = check_data(tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("datapackage.json:1: -: file missing")
