"""Keep nbval to the collection: `_template.ipynb` (and any other `_*.ipynb`) is a starting point, not run."""

collect_ignore_glob = ["_*.ipynb"]
