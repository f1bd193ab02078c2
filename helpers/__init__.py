"""Helpers for the NATO coalitions notebooks. One job per module:

- `data`: load the validated tables as typed DataFrames
- `provenance`: cite the rows a chart shows, list a notebook's sources, summarise source quality
- `analysis`: the computations notebooks share (decades, the median Ally, the 2022 cut, person-years)
- `charts`, `style`, `maps`, `chartdata`: chart builders, the collection's plotly style, offline maps, chart rows
- `validation`, `csvfiles`, `checkdata`: the data checks, reading spreadsheet-saved CSVs, the check-data command
- `notebooks`, `runcache`, `params`, `cellids`: re-running notebooks, their cache, parameters, stable cell ids
- `site`, `browser`, `lab`, `bench`, `cli`, `paths`: the rendered site, JupyterLab, timings, commands, paths

Submodules are imported on demand so that `python -m helpers check-data` stays light.
"""
