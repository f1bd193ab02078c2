"""The git clean filter for notebooks: what JupyterLab rewrites on a save without edits, git does not see.

`make` installs it (`git config filter.notebook.clean ...`; `.gitattributes` applies it to notebooks/*.ipynb).
git pipes a notebook through it before comparing or staging, so the file git sees is the runner's canonical form:
- metadata, numbers and kernelspec as `helpers.notebooks.normalise` writes them, and `language_info` as
  committed (Lab writes the version of the Python it runs);
- each chart's PNG is the one already committed (or cached) for that exact figure, not the one plotly's Lab
  renderer drew in the browser on mouse-over.
git looks at content only when a file's size is unchanged, so the runner writes what Lab writes byte for byte;
this filter covers what may still differ on another machine. A file that is not a readable notebook passes through unchanged (e.g. during a merge conflict). Plain `json`
only, no nbformat (whose import alone takes two seconds): git may run this once per notebook.
"""

from __future__ import annotations

import json
import subprocess
import sys

from .chartimages import PLOTLY_MIME, PNG_MIME, cached, figure_key, known_images, plotly_outputs
from .notebooks import normalise

#: Non-text MIME types that nbformat still writes as lists of lines.
_SPLIT_MIMES = {"application/javascript", "image/svg+xml"}


def committed(path: str) -> dict | None:
    """The staged version of `path` (git's index), or None when it has none."""
    result = subprocess.run(["git", "cat-file", "blob", f":{path}"], capture_output=True)
    try:
        return json.loads(result.stdout) if result.returncode == 0 else None
    except ValueError:
        return None


def _split(text):
    return text.splitlines(True) if isinstance(text, str) else text


def dumps(nb: dict) -> str:
    """JSON text exactly as nbformat writes a notebook (multi-line strings as lists of lines)."""
    for cell in nb["cells"]:
        cell["source"] = _split(cell.get("source", ""))
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                output["text"] = _split(output["text"])
            for mime, value in output.get("data", {}).items():
                if mime.startswith("text/") or mime in _SPLIT_MIMES:
                    output["data"][mime] = _split(value)
    return json.dumps(nb, sort_keys=True, indent=1, separators=(",", ": "), ensure_ascii=False) + "\n"


def clean(text: str, path: str | None = None) -> str:
    """The canonical form of a notebook's text."""
    nb = normalise(json.loads(text))
    previous = committed(path) if path else None
    if previous and "language_info" in previous.get("metadata", {}):
        nb["metadata"]["language_info"] = previous["metadata"]["language_info"]  # e.g. another Python version
    known = known_images(previous) if previous else {}
    for output in plotly_outputs(nb):
        key = figure_key(output["data"][PLOTLY_MIME])
        image = known.get(key) or cached(key)
        if image is not None:
            output["data"][PNG_MIME] = image
    return dumps(nb)


def main(argv: list[str]) -> int:
    """`python -m helpers clean-notebook [PATH] < notebook > canonical notebook`."""
    text = sys.stdin.buffer.read().decode("utf-8")
    try:
        out = clean(text, argv[0] if argv else None)
    except Exception:
        out = text
    sys.stdout.buffer.write(out.encode("utf-8"))
    return 0
