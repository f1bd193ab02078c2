"""Helpers for the NATO coalitions notebooks. One job per module:

- `data`: load the validated tables as typed DataFrames
- `provenance`: cite the rows a chart shows, list a notebook's sources, summarise source quality
- `analysis`: the computations notebooks share (decades, the median Ally, the 2022 cut, person-years)
- `charts`, `style`, `maps`, `chartdata`: chart builders, the collection's plotly style, offline maps, chart rows
- `validation`, `csvfiles`, `checkdata`: the data checks, reading spreadsheet-saved CSVs, the check-data command
- `notebooks`, `runcache`, `params`, `cellids`: re-running notebooks, their cache, parameters, stable cell ids
- `coalitions`, `allies`, `spending`, `participation_charts`: who took part, one Ally's record, spending releases
- `vocab`, `tables`, `datadict`: display labels for codes, formatted tables, the data dictionary
- `site`, `render`, `images`, `reuse`, `search`, `labels`, `profiles`, `pdf`: the rendered site and its parts
- `browser`, `lab`, `bench`, `cli`, `paths`: Chromium, JupyterLab, timings, commands, paths

Submodules are imported on demand so that `python -m helpers check-data` stays light.
"""

import sys

# jsonschema (used by nbformat and Frictionless) imports the optional rfc3987_syntax IRI checker, which compiles
# its grammars on import (about 1 s, on every kernel and command). No schema here uses IRI formats, so it is
# left out for the whole package.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
