"""The tools room: commands around the collection that neither notebooks nor the site import.

- `lab`: JupyterLab on the project (`make lab`); `rerun`: a notebook with other parameters through papermill
  (`make run NB=..`); `bench`: timings written to bench/results.md (`make bench`)
"""
