"""nbval settings for the notebooks, at the project root so that they apply however pytest is started.

(A `notebooks/conftest.py` would be imported under the same module name `conftest` as `tests/conftest.py`, loaded
after it, and so hide the names the test modules import from it.)

- `_template.ipynb` (and any other `_*.ipynb`) is a starting point, not run.
"""

collect_ignore_glob = ["notebooks/_*.ipynb"]

#: The static image the runner adds beside each plotly figure after execution (helpers/run/svg.py); the
#: kernel itself never produces it, so nbval skips it as it skips image/png. Everything else stays strict.
RUNNER_ADDED_MIMES = ("image/svg+xml",)


def pytest_collection_modifyitems(items):
    for item in items:
        collector = item.parent
        if hasattr(collector, "skip_compare") and not set(RUNNER_ADDED_MIMES) <= set(collector.skip_compare):
            collector.skip_compare = (*collector.skip_compare, *RUNNER_ADDED_MIMES)
