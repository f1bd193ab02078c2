"""Every notebook follows the skeleton, and its committed outputs are clean and self-describing.

The outputs themselves are re-executed and compared by nbval (strict); these tests check their content.
"""

import json
import re

import nbformat
import pytest

from conftest import NOTEBOOKS

PLOTLY = "application/vnd.plotly.v1+json"
# machine paths, memory addresses, and timestamps with a time of day (data dates are all midnight)
VOLATILE = re.compile(r"/(work|root|home|tmp)/|0x[0-9a-f]{6,}|\d{4}-\d\d-\d\dT(?!00:00:00)\d\d:\d\d")


def test_nine_notebooks():
    assert [p.name[:2] for p in NOTEBOOKS] == [f"{i:02d}" for i in range(9)]


def figures(nb):
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if PLOTLY in output.get("data", {}):
                yield output["data"][PLOTLY]


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.stem)
def notebook(request):
    return nbformat.read(request.param, as_version=4)


def test_skeleton(notebook):
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert notebook.cells[0].source.startswith("# ")
    for part in ("**Questions**", "**Datasets:**", "## Takeaways", "## Sources"):
        assert part in markdown or part.replace("**", "") in markdown, part


def test_committed_with_outputs_and_no_errors(notebook):
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code if c.source.strip())
    for cell in code:
        for output in cell.outputs:
            assert output.output_type != "error", cell.source[:80]
            assert not (output.output_type == "stream" and output.name == "stderr"), output.text[:200]


def test_outputs_hold_nothing_volatile(notebook):
    text = json.dumps([c.get("outputs", []) for c in notebook.cells])
    assert not VOLATILE.search(text), VOLATILE.search(text)
    assert "cdn.plot.ly" not in text and "notebook_connected" not in text


def test_every_chart_has_title_source_and_axis_titles(notebook):
    for figure in figures(notebook):
        layout = figure["layout"]
        assert layout.get("title", {}).get("text"), "chart without title"
        notes = [a["text"] for a in layout.get("annotations", []) if a.get("name") == "source-note"]
        assert len(notes) == 1 and notes[0].startswith("Source: "), layout["title"]["text"]
        is_map = any(t.get("type") == "choropleth" for t in figure["data"])
        if is_map:
            assert figure["config"]["topojsonURL"].startswith("data:application/json;base64,")
        elif layout.get("xaxis", {}).get("visible", True):
            assert layout.get("xaxis", {}).get("title", {}).get("text"), layout["title"]["text"]


def test_cell_ids_are_stable(notebook):
    assert all(re.fullmatch(r"c\d\d", c["id"]) for c in notebook.cells)
