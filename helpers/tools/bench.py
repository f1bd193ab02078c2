"""`make bench`: time the notebooks, a cold, warm and one-edit `make site`, the tests (warm, and in a fresh clone)
and check-data; weigh the site.

Prints a Markdown table and writes it to bench/results.md. Benchmarks, not tests: nothing here asserts a time.
Takes about ten minutes on two cores: it runs `make test` three times and installs the environment once more in
a fresh clone.
"""

from __future__ import annotations

import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from ..paths import BUILD, ROOT, SITE
from ..run.runner import execute, execute_all, list_notebooks

FLOOR_SOURCE = [
    "import pandas as pd\nimport plotly.express as px",
    "fig = px.bar(x=[1, 2, 3], y=[3, 1, 2])\nfig.show()",
]


def floor_notebook(directory: Path) -> Path:
    """A notebook doing only the unavoidable: start a kernel, import pandas and plotly, show one figure."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in FLOOR_SOURCE]
    path = directory / "00-floor.ipynb"
    nbformat.write(nb, path)
    return path


def timed(command: list[str], cwd: Path = ROOT) -> float:
    """Seconds `command` took; a failure stops the benchmark with the end of what the command printed."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode:
        tail = "\n".join(result.stdout.splitlines()[-30:])
        raise SystemExit(f"bench: `{' '.join(command)}` failed in {cwd} (exit {result.returncode}):\n{tail}")
    return time.perf_counter() - start


def fresh_clone_test() -> tuple[float, float]:
    """Seconds to install the environment in a fresh clone of the committed project (`make` from the lock), and
    then to run `make test` there: the test run itself, with no cache of any earlier run."""
    with tempfile.TemporaryDirectory(prefix="bench-clone-") as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        install = timed(["make", ".venv/.installed"], cwd=clone)
        return install, timed(["make", "test"], cwd=clone)


def first_chart_ms(page: Path) -> float:
    """Milliseconds from navigation start until every chart on the page is drawn, in headless Chromium."""
    from ..charts.chromium import chromium

    with chromium() as browser:
        tab = browser.new_page()
        tab.goto(page.as_uri())  # warm the disk cache once, as a reader's second page view would be
        tab.goto(page.as_uri())
        tab.wait_for_function("document.querySelector('.plot[data-drawn=true]') !== null", timeout=30000)
        return tab.evaluate("performance.now()")


def timed_output(command: list[str]) -> tuple[float, str]:
    """Seconds taken and what the command printed."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, result.stdout + result.stderr


def edit_one_value() -> tuple[float, list[str]]:
    """Change one value in piracy.csv, run `make site`, and say which notebooks ran again; then restore it."""
    import re
    import shutil

    path = ROOT / "data" / "piracy.csv"
    backup = path.with_suffix(".bench")
    shutil.copy(path, backup)
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        lines[1] = re.sub(r"^(\d{4},\w+,)(\d+)", lambda m: m.group(1) + str(int(m.group(2)) + 1), lines[1])
        path.write_text("".join(lines), encoding="utf-8")
        seconds, output = timed_output(["make", "site"])
    finally:
        shutil.move(backup, path)
    timed_output(["make", "site"])  # back to the committed outputs
    reran = re.findall(r"\] (\S+\.ipynb): (?:updated|unchanged)", output)
    return seconds, reran


def run(repeats: int = 3) -> str:
    import shutil

    notebooks = list_notebooks()
    with tempfile.TemporaryDirectory() as tmp:
        floor = floor_notebook(Path(tmp))
        floor_s = statistics.median(execute(floor, write=False).seconds for _ in range(repeats))
    start = time.perf_counter()
    execute_all(notebooks, jobs=2, write=False)
    parallel = time.perf_counter() - start
    check = statistics.median(timed([sys.executable, "-m", "helpers", "check-data"]) for _ in range(repeats))
    check_cold = statistics.median(timed([sys.executable, "-m", "helpers", "check-data", "--no-cache"])
                                   for _ in range(repeats))
    shutil.rmtree(BUILD, ignore_errors=True)  # cold: no run cache, no images, no profiles
    cold_s = timed(["make", "site"])
    warm_s = statistics.median(timed(["make", "site"]) for _ in range(repeats))
    edit_s, reran = edit_one_value()
    timed(["make", "test"])  # fills the caches the tests use
    test_s = timed(["make", "test"])
    install_s, clone_test_s = fresh_clone_test()
    site = SITE
    sizes = {p: p.stat().st_size for p in site.rglob("*") if p.is_file()}
    pages = [p for p in sizes if p.suffix == ".html"]
    largest = max(pages, key=sizes.get)
    try:
        chart_ms = f"{first_chart_ms(largest):.0f} ms"
    except RuntimeError as exc:
        chart_ms = f"not measured ({exc})"
    lines = [f"# Benchmark ({platform.machine()}, {len(__import__('os').sched_getaffinity(0))} cores, "
             f"Python {platform.python_version()})", "",
             "| measure | value | budget |", "|---|---|---|",
             f"| floor notebook (kernel, pandas+plotly import, one `fig.show()`) | {floor_s:.2f} s | |",
             f"| all {len(notebooks)} notebooks, 2 in parallel (`python -m helpers execute --force`) | {parallel:.1f} s | |",
             f"| cold `make site` (environment installed, `_build/` removed: notebooks rerun only where the inputs "
             f"recorded in them changed; 32 profiles and all images made anew) | {cold_s:.1f} s | ≤ 1.5 × 21.7 s = 32.6 s |",
             f"| `make site` with nothing changed | {warm_s:.2f} s | ≤ 3 s |",
             f"| `make site` after editing one value of piracy.csv | {edit_s:.1f} s; notebooks run again: "
             f"{', '.join(reran) or 'none'} | only those reading piracy.csv |",
             f"| `make test`, warm (run once before, caches filled) | {test_s:.1f} s | ≤ 60 s |",
             f"| fresh clone of the last commit: environment installed from the lock (`make .venv/.installed`; "
             f"pip's download cache warm) | {install_s:.1f} s | |",
             f"| fresh clone: `make test` right after the install (no caches) | {clone_test_s:.1f} s | ≤ 90 s |",
             f"| `check-data` (files unchanged since the last clean check) | {check:.2f} s | ≤ 1 s |",
             f"| `check-data --no-cache` (full validation) | {check_cold:.2f} s | ≤ 1 s |",
             f"| site weight | {sum(sizes.values()) / 1e6:.1f} MB in {len(pages)} pages; largest page {largest.name} "
             f"{sizes[largest] / 1e3:.0f} kB | ≤ 25 MB, page ≤ 250 kB |",
             f"| first chart drawn on {largest.name} (headless Chromium, from navigation start) | {chart_ms} | ≤ 1 s |"]
    return "\n".join(lines) + "\n"


def bench_main(argv: list[str]) -> int:
    """`python -m helpers bench` (`make bench`): no arguments."""
    if argv:
        raise SystemExit("usage: python -m helpers bench (no arguments; writes bench/results.md)")
    table = run()
    out = ROOT / "bench" / "results.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(table, encoding="utf-8")
    print(table)
    return 0
