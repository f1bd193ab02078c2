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



#: In a page: when its first chart became visible (its static image painted, by Element Timing; else plotly.js's
#: first drawing) and when a chart first became interactive (site.js's mark), in ms from navigation start.
FIRST_CHART_JS = """(interactive) => new Promise(resolve => {
  const result = {};
  const finish = () => { if ("visible" in result && (!interactive || "interactive" in result)) resolve(result); };
  new PerformanceObserver(list => {
    const entry = list.getEntries().find(e => e.identifier === "chart");
    if (entry && !("visible" in result)) { result.visible = entry.renderTime || entry.loadTime; finish(); }
  }).observe({type: "element", buffered: true});
  const poll = () => {
    const mark = performance.getEntriesByName("chart-interactive")[0];
    if (!mark) return setTimeout(poll, 20);
    result.interactive = mark.startTime;
    if (!("visible" in result)) result.visible = mark.startTime;
    finish();
  };
  poll();
})"""


def first_chart_ms(tab, page: Path, interactive: bool = True) -> dict[str, float]:
    """Open `page` at its first chart (as a link to it would) in the Playwright tab `tab`; return when that chart
    became visible and (unless not `interactive`) when a chart first became interactive, in ms from navigation
    start."""
    import re

    slug = re.search(r'<figure class="chart" id="([^"]+)"', page.read_text(encoding="utf-8")).group(1)
    tab.goto(f"{page.as_uri()}#{slug}")
    return tab.evaluate(FIRST_CHART_JS, interactive)


def first_chart_times(site: Path) -> dict[str, dict[str, float]]:
    """`first_chart_ms` for every page with a chart, each opened cold (a new browser context) in headless Chromium."""
    from ..charts.chromium import chromium

    times = {}
    with chromium() as browser:
        for page in sorted(site.rglob("*.html")):
            if '<figure class="chart"' not in page.read_text(encoding="utf-8"):
                continue
            context = browser.new_context()
            times[str(page.relative_to(site))] = first_chart_ms(context.new_page(), page)
            context.close()
    return times


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
        times = first_chart_times(site)
        slowest = max(times, key=lambda p: times[p]["visible"])
        interactive = statistics.median(t["interactive"] for t in times.values())
        chart_ms = (f"visible: slowest {times[slowest]['visible']:.0f} ms ({slowest}), median "
                    f"{statistics.median(t['visible'] for t in times.values()):.0f} ms; interactive: median "
                    f"{interactive:.0f} ms")
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
             f"| first chart on each of {len(times) if chart_ms[0] != 'n' else 0} pages with charts (headless Chromium, "
             f"cold, from navigation start; visible = its static SVG painted, interactive = drawn by plotly.js) | "
             f"{chart_ms} | visible ≤ 0.5 s |"]
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
