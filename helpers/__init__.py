"""Helpers for the NATO coalitions notebooks, in rooms named by who uses them. Each room imports only from the
rooms above it in this list (and `paths`), never from one below:

- `data/`: read the CSVs spreadsheet-safe, validate them (check-data), load them typed, label codes, cite sources
- `analysis/`: the computations notebooks share: periods, operations, spending, participation, Allies, parameters
- `charts/`: one style, chart builders, offline maps, `show` and `table`, the chart payload, static images
- `run/`: what shapes committed notebooks: the runner, its cache, stable cell ids, static SVGs
- `site/`: the offline website: build, pages, chart downloads, search, Ally pages, PDF
- `tools/`: JupyterLab, papermill reruns, benchmarks

At the top level: this map, `cli` (the `python -m helpers` commands) and `paths` (every folder, and `digest`).
Notebooks import from data, analysis and charts; a notebook rerun is triggered by changes there and in run,
never by changes in site or tools (see `helpers.run.cache`).
"""

import sys

# jsonschema (used by nbformat and Frictionless) imports the optional rfc3987_syntax IRI checker, which compiles
# its grammars on import (about 1 s, on every kernel and command). No schema here uses IRI formats, so it is
# left out for the whole package.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
