"""environment.yml (conda-forge) and pyproject.toml must pin the same packages at the same versions."""

import re
import tomllib

from conftest import ROOT

#: conda-forge names that differ from PyPI's
CONDA_TO_PYPI = {"python-kaleido": "kaleido"}


def pyproject_pins() -> dict[str, str]:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pins = {}
    for dep in deps:
        name, sep, version = dep.partition("==")
        assert sep, f"pyproject dependency not pinned exactly: {dep}"
        pins[name.strip().lower()] = version.strip()
    return pins


def conda_pins() -> dict[str, str]:
    pins = {}
    in_deps = False
    for line in (ROOT / "environment.yml").read_text().splitlines():
        line = line.split("#", 1)[0].rstrip()
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        match = re.match(r"^  - ([A-Za-z0-9_.-]+)(.*)$", line) if in_deps else None
        if not match or match.group(1) in {"python", "pip"}:
            continue
        name, spec = match.groups()
        assert spec.startswith("=") and not spec.startswith("=="), f"conda dependency not pinned exactly: {line}"
        pins[CONDA_TO_PYPI.get(name, name).lower()] = spec.lstrip("=")
    return pins


def test_same_packages_and_pins():
    assert conda_pins() == pyproject_pins()


def test_plotly_pinned_exactly():
    # the figure JSON in the committed notebook outputs depends on the plotly version
    assert re.fullmatch(r"\d+\.\d+\.\d+", pyproject_pins()["plotly"])


def lock_pins() -> dict[str, tuple[str, int]]:
    """Every package in requirements.lock with its version and how many hashes it carries."""
    pins, current = {}, None
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^ \\]+)", line)
        if match:
            current = match.group(1).lower().replace("_", "-")
            pins[current] = (match.group(2), 0)
        elif "--hash=sha256:" in line and current:
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
    return pins


def test_lock_holds_the_whole_environment_with_hashes_and_agrees_with_the_pins():
    lock = lock_pins()
    assert len(lock) >= 100  # every transitive package, not only the direct ones
    assert all(hashes >= 1 for _, hashes in lock.values()), [n for n, (_, h) in lock.items() if not h]
    for name, version in pyproject_pins().items():
        assert lock[name.replace("_", "-")][0] == version, name
    for name, version in conda_pins().items():
        assert lock[name.replace("_", "-")][0] == version, name


def test_make_installs_from_the_lock_with_hashes():
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes -r requirements.lock" in makefile and "requirements.lock" in makefile.split("$(STAMP):")[1]
