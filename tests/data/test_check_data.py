"""check-data: clean data passes; every kind of problem in the fixture corpus is located, all at once."""

from types import SimpleNamespace

import pytest

from conftest import BROKEN, ROOT, assemble
from helpers.data.check import PROBLEM_KINDS, check_data_main
from helpers.data.validate import validate_package

CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


def run_cli(capsys, *args: str) -> SimpleNamespace:
    """`python -m helpers check-data ARGS` in this process (tests/test_commands.py runs the installed script)."""
    code = check_data_main(list(args))
    out, err = capsys.readouterr()
    return SimpleNamespace(returncode=code, stdout=out, stderr=err)


@pytest.mark.parametrize("kind", PROBLEM_KINDS)
def test_corpus_covers_the_cases(kind):
    """Every kind of problem check-data documents has a broken dataset whose expected report names it."""
    expected = {case: (BROKEN / case / "expected.txt").read_text() for case in CASES}
    assert any(kind in text for text in expected.values()), f"no fixture under {BROKEN} expects {kind!r}"


def test_project_data_is_clean_via_cli(capsys):
    result = run_cli(capsys)
    assert result.returncode == 0, result.stdout + result.stderr
    first, quotes = result.stdout.splitlines()
    assert "no problems" in first and str(ROOT / "data") in first
    assert quotes.startswith("check-data: quotes back ") and "rows in the tables readers cite" in quotes


def test_minimal_fixture_is_clean(minimal_data):
    problems, counts = validate_package(minimal_data)
    assert problems == []
    assert counts["operations"] == 2


@pytest.mark.parametrize("case", CASES)
def test_broken_case_is_located(case, tmp_path):
    problems, _ = validate_package(assemble(tmp_path / "data", BROKEN / case))
    lines = [str(p) for p in problems]
    for expected in (BROKEN / case / "expected.txt").read_text().splitlines():
        assert any(line.startswith(expected) for line in lines), f"expected {expected!r} in:\n" + "\n".join(lines)
    for p in problems:
        assert p.file.endswith(".csv") and p.line >= 1


def test_cli_lists_every_problem_and_fails(tmp_path, capsys):
    data = assemble(tmp_path / "data", BROKEN / "many_problems_at_once")
    result = run_cli(capsys, str(data))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    expected = (BROKEN / "many_problems_at_once" / "expected.txt").read_text().splitlines()
    assert all(any(line.startswith(e) for line in result.stdout.splitlines()) for e in expected)
    assert "problem(s)" in result.stderr


def test_cli_reports_unreadable_files_without_traceback(tmp_path, capsys):
    data = assemble(tmp_path / "data", BROKEN / "not_utf8")
    (data / "datapackage.json").write_text("{ not json")
    result = run_cli(capsys, str(data))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.startswith("datapackage.json:1: -: not valid JSON")


def test_missing_directory_is_reported(tmp_path, capsys):
    result = run_cli(capsys, str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert result.stdout.startswith("datapackage.json:1: -: file missing")


def test_cache_is_keyed_by_content(tmp_path):
    """A clean result is remembered for identical files only: any edit validates again and finds the problem."""
    from helpers.data.validate import package_digest, validate_cached

    data = assemble(tmp_path / "data")
    assert validate_cached(data)[0] == []
    before = package_digest(data)
    members = data / "members.csv"
    members.write_text(members.read_text().replace("1999-03-12", "1999-02-30"))
    assert package_digest(data) != before
    problems, _ = validate_cached(data)
    assert [str(p) for p in problems] == ["members.csv:3: accession_date: not a valid date (1999-02-30)"]
