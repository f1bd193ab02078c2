"""The run room: what shapes committed notebooks.

- `runner`: re-execute notebooks in place (and the profile notebook once per Ally), writing them only if changed
- `cache`: the inputs of each run, so an unchanged notebook is not run again
- `cellids`: stable `cNN` cell ids; `svg`: the static SVG beside each chart
"""
