"""New cells get the next free cNN id; existing ids never change."""

import nbformat
import pytest

from helpers.run.cellids import assign_ids

#: (ids before, ids after): a random uuid is what JupyterLab gives a new cell, None a cell without an id.
CASES = {
    "all stable: unchanged": (["c00", "c01", "c02"], ["c00", "c01", "c02"]),
    "a new cell at the end": (["c00", "c01", "1f2e3d4c-aaaa"], ["c00", "c01", "c02"]),
    "a new cell in the middle takes the next free number": (["c00", "9b8a", "c01"], ["c00", "c02", "c01"]),
    "gaps are not reused": (["c00", "c07", "x"], ["c00", "c07", "c08"]),
    "a copied cell's repeated id is replaced": (["c00", "c01", "c01"], ["c00", "c01", "c02"]),
    "no ids at all": ([None, None], ["c00", "c01"]),
    "past c99": (["c99", "new"], ["c99", "c100"]),
    "ids like c1 or cell-3 are not stable": (["c1", "cell-3", "c05"], ["c06", "c07", "c05"]),
}


@pytest.mark.parametrize("case", CASES)
def test_assign_ids(case):
    before, after = CASES[case]
    nb = {"cells": [({"id": i} if i is not None else {}) | {"cell_type": "code", "source": ""} for i in before]}
    assigned = assign_ids(nb)
    assert [c["id"] for c in nb["cells"]] == after
    assert assigned == [a for a, b in zip(after, before) if a != b]


def test_assign_ids_on_an_nbformat_notebook_validates():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell("x = 1")]
    nb.cells[0]["id"] = "c00"
    assert assign_ids(nb) == ["c01"]
    nbformat.validate(nb)
    assert [c["id"] for c in nb.cells] == ["c00", "c01"]
