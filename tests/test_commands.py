"""Commands and docs say one thing: `make help` lists every target, the docs name only targets, commands and
files that exist, and every console script works as installed."""

import re
import subprocess
import sys
import sysconfig
import tomllib
from importlib import import_module
from pathlib import Path

import pytest

from conftest import BROKEN, ROOT, assemble
from helpers.cli import COMMANDS

DOCS = ["README.md", "CONTRIBUTING.md", "docs/design.md", "data/README.md"]
SCRIPTS = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]


def make_targets() -> list[str]:
    return re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(), flags=re.M)


def make(*args: str) -> str:
    result = subprocess.run(["make", *args], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_help_lists_every_target_with_what_it_does():
    listed = dict(re.findall(r"^make (\S+) +(\S.*)$", make("-s", "help"), flags=re.M))
    assert sorted(listed) == sorted(make_targets())
    phony = re.search(r"^\.PHONY: (.*)$", (ROOT / "Makefile").read_text(), flags=re.M)[1].split()
    assert sorted(phony) == sorted(make_targets())


@pytest.mark.parametrize("target, command", [
    (["check-data"], "-m helpers check-data"),
    (["datadict"], "-m helpers datadict"),
    (["notebooks"], "-m helpers execute"),
    (["site"], "-m helpers site"),
    (["pdf"], "-m helpers pdf"),
    (["lab"], "-m helpers lab"),
    (["run"], "-m helpers rerun --list"),
    (["run", "NB=04", "ARGS=-p year 2019"], "-m helpers rerun 04 -p year 2019"),
    (["bench"], "-m helpers bench"),
])
def test_each_target_runs_the_command_it_names(target, command):
    """`make -n` prints what a target would run, without running it."""
    assert command in make("-n", *target)


def test_docs_name_only_targets_commands_and_files_that_exist():
    targets, missing = set(make_targets()), []
    for doc in DOCS:
        text = (ROOT / doc).read_text(encoding="utf-8")
        missing += [f"{doc}: make {t}" for t in re.findall(r"`make ([a-z][a-z-]*)", text) if t not in targets]
        missing += [f"{doc}: python -m helpers {c}" for c in re.findall(r"python -m helpers ([a-z][a-z-]*)", text)
                    if c not in COMMANDS]
        for path in re.findall(r"`((?:\.ci|bench|data|docs|helpers|notebooks|tests)/[^`\s]+?)/?`", text):
            if not re.search(r"[<>*{]|NN", path) and not (ROOT / path).exists():  # NN-slug: a pattern
                missing.append(f"{doc}: {path}")
    for module in sorted((ROOT / "helpers").rglob("*.py")):  # docstrings name commands too
        named = re.findall(r"python -m helpers ([a-z][a-z-]*)", module.read_text(encoding="utf-8"))
        missing += [f"{module.relative_to(ROOT)}: python -m helpers {c}" for c in named if c not in COMMANDS]
    assert missing == []


def test_every_command_of_python_m_helpers_is_listed_and_exists():
    result = subprocess.run([sys.executable, "-m", "helpers"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    for name, (module, function, _) in COMMANDS.items():
        assert re.search(rf"^  {name} ", result.stderr, flags=re.M), name
        assert callable(getattr(import_module(f"helpers.{module}"), function)), name


def test_readme_fits_a_newcomers_first_screens():
    assert len((ROOT / "README.md").read_bytes()) <= 10_000


def installed(script: str) -> Path:
    """A console script as pip installed it beside this interpreter (e.g. .venv/bin/check-data)."""
    return Path(sysconfig.get_path("scripts")) / script


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_console_script_is_installed_and_answers_help(script):
    result = subprocess.run([str(installed(script)), "--help"], capture_output=True, text=True, cwd="/")
    assert result.returncode == 0 and result.stdout.startswith(f"usage: {script}"), result.stdout + result.stderr


def test_check_data_script_checks_the_project_and_locates_problems(tmp_path):
    """Regression: the `check-data` console script, run from anywhere, validates the project's data/ and lists
    every problem of a broken copy with a non-zero exit."""
    script = str(installed("check-data"))
    clean = subprocess.run([script], capture_output=True, text=True, cwd=tmp_path)
    assert clean.returncode == 0 and "no problems" in clean.stdout and str(ROOT / "data") in clean.stdout
    broken = subprocess.run([script, str(assemble(tmp_path / "data", BROKEN / "uk_instead_of_gbr"))],
                            capture_output=True, text=True, cwd=tmp_path)
    assert broken.returncode == 1
    assert broken.stdout.splitlines() == (BROKEN / "uk_instead_of_gbr" / "expected.txt").read_text().splitlines()
