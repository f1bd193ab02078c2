"""Helpers for the NATO coalitions notebooks: load and validate data, chart style, maps, site building.

Submodules are imported on demand so that `python -m helpers check-data` stays light.
"""

__all__ = ["data", "validation", "style", "charts", "maps", "notebooks", "site"]
