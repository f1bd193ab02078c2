"""Every notebook follows the skeleton, and its committed outputs are clean and self-describing.

The outputs themselves are re-executed and compared by nbval (strict); these tests check their content.
"""

import json
import re

import nbformat
import pytest

from conftest import NOTEBOOKS, ROOT

PLOTLY = "application/vnd.plotly.v1+json"
# machine paths, memory addresses, and timestamps with a time of day (data dates are all midnight)
VOLATILE = re.compile(r"(?<![\w.-])/(work|root|home|tmp)/|0x[0-9a-f]{6,}|\d{4}-\d\d-\d\dT(?!00:00:00)\d\d:\d\d")


def test_notebooks_numbered_in_order():
    assert [p.name[:2] for p in NOTEBOOKS] == [f"{i:02d}" for i in range(len(NOTEBOOKS))]


def test_the_collection_reads_as_prose():
    """Issue 19's target: at least one Markdown cell per code cell, and short code cells (median 6 lines or
    fewer), over the collection; the logic lives in helpers/."""
    import statistics

    cells = [c for path in NOTEBOOKS for c in nbformat.read(path, as_version=4).cells]
    code = [c for c in cells if c.cell_type == "code"]
    markdown = [c for c in cells if c.cell_type == "markdown"]
    assert len(markdown) >= len(code), f"{len(markdown)} Markdown cells for {len(code)} code cells"
    assert statistics.median(len(c.source.splitlines()) for c in code) <= 6


def figures(nb):
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if PLOTLY in output.get("data", {}):
                yield output["data"][PLOTLY]


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.stem)
def notebook(request):
    return nbformat.read(request.param, as_version=4)


def skeleton_problems(nb) -> list[str]:
    """What keeps a notebook from the skeleton: a title cell first, then a summary; **Questions** and
    **Datasets:** before the first output; '## Takeaways' then '## Sources' as the last two sections."""
    problems = []
    first = nb.cells[0]
    if first.cell_type != "markdown" or not first.source.startswith("# "):
        problems.append("the first cell is not the title ('# ...')")
    title_cell = first.source.split("\n\n")
    summary = title_cell[1] if len(title_cell) > 1 else (nb.cells[1].source if len(nb.cells) > 1 else "")
    if len(re.findall(r"[.!?](\s|$)", summary)) < 2 or summary.lstrip().startswith(("#", "**")):
        problems.append("no summary of two or more sentences right after the title")
    first_output = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.get("outputs")),
                        len(nb.cells))
    before = "\n".join(c.source for c in nb.cells[:first_output] if c.cell_type == "markdown")
    for part in ("**Questions**", "**Datasets:**"):
        if part not in before:
            problems.append(f"{part} does not come before the first output")
    sections = [line for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines()
                if line.startswith("## ")]
    if [line.strip() for line in sections[-2:]] != ["## Takeaways", "## Sources"]:
        problems.append(f"the last sections are {sections[-2:]}, not ['## Takeaways', '## Sources']")
    return problems


def test_skeleton(notebook):
    assert skeleton_problems(notebook) == []


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


TEMPLATE = ROOT / "notebooks" / "_template.ipynb"


def broken(change):
    """The template with one change made to it."""
    nb = nbformat.read(TEMPLATE, as_version=4)
    change(nb)
    return nb


#: One way to break the skeleton each, and the problem it must raise.
BROKEN_SKELETONS = {
    "title not first": (lambda nb: nb.cells.insert(0, nbformat.v4.new_code_cell("x = 1")), "title"),
    "no summary": (lambda nb: setattr(nb.cells[0], "source", nb.cells[0].source.replace(
        nb.cells[0].source.split("\n\n")[1], "Short.")), "summary"),
    "questions after the first output": (lambda nb: (
        setattr(nb.cells[0], "source", nb.cells[0].source.replace("**Questions**", "Questions")),
        nb.cells[1].outputs.append(nbformat.v4.new_output("stream", text="x")),
        nb.cells.insert(3, nbformat.v4.new_markdown_cell("**Questions**"))), "**Questions**"),
    "questions only as a word": (lambda nb: setattr(nb.cells[0], "source", nb.cells[0].source.replace(
        "**Questions**", "Questions")), "**Questions**"),
    "sources before takeaways": (lambda nb: nb.cells.append(nbformat.v4.new_markdown_cell("## Takeaways")),
                                 "last sections"),
    "a section after sources": (lambda nb: nb.cells.append(nbformat.v4.new_markdown_cell("## Appendix")),
                                "last sections"),
}


def test_template_follows_the_skeleton_and_is_not_in_the_collection():
    nb = nbformat.read(TEMPLATE, as_version=4)
    assert skeleton_problems(nb) == []
    assert all(re.fullmatch(r"c\d\d", c["id"]) for c in nb.cells)
    assert TEMPLATE not in NOTEBOOKS


@pytest.mark.parametrize("case", BROKEN_SKELETONS)
def test_skeleton_catches(case):
    change, problem = BROKEN_SKELETONS[case]
    assert any(problem in p for p in skeleton_problems(broken(change))), case


def test_template_runs(tmp_path):
    from nbclient import NotebookClient

    nb = nbformat.read(TEMPLATE, as_version=4)
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    assert any(o.get("data", {}).get(PLOTLY) for c in nb.cells for o in c.get("outputs", []))


def _code_cells(notebook):
    return [c for c in notebook.cells if c.cell_type == "code" and c.source.strip()]


def test_findings_are_prose_not_print(notebook):
    """Computed findings are shown as Markdown, never as print() output in a monospace box."""
    for cell in _code_cells(notebook):
        assert not re.search(r"(^|\W)print\(", cell.source), cell.source[:80]


def test_imports_only_in_the_first_code_cell(notebook):
    cells = _code_cells(notebook)
    first = next(i for i, c in enumerate(cells) if "parameters" not in c.metadata.get("tags", []))
    for cell in cells[first + 1:]:
        assert not re.search(r"^\s*(import|from)\s+\S+", cell.source, re.M), cell.source[:80]


def test_every_helpers_module_names_its_one_job():
    import ast

    for path in sorted((ROOT / "helpers").rglob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text()))
        assert doc and len(doc.split("\n", 1)[0]) > 20, path.relative_to(ROOT)
