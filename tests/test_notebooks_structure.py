"""The course notebooks keep the shape the course promises (STYLE.md "Teaching notebooks", ECOSYSTEM.md): a
`parameters` cell of literals first, committed fully executed in the project's kernel, widget-only cells tagged
`nbval-ignore-output` with a comment saying why, no LaTeX (Voilà has no MathJax offline), ASCII file names, a quiz and
a summary, and the rule set named wherever a rating is shown."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from kiemtra_lib.course.lessons import notebook_paths

NOTEBOOKS = notebook_paths()
RATING_NOTEBOOKS = {"03_xep_loai_dang_vien", "04_xep_loai_to_chuc", "06_tinh_huong_tong_hop"}


def _literal(node: ast.AST) -> bool:
    try:
        ast.literal_eval(node)
        return True
    except ValueError:
        return False


def test_the_notebooks_are_the_lessons_in_course_order():
    from kiemtra_lib.course.lessons import LESSONS

    assert [p.name[:2] for p in NOTEBOOKS] == sorted(ls.number for ls in LESSONS)
    assert [p.name[:2] for p in NOTEBOOKS][:8] == [f"{i:02d}" for i in range(8)]
    assert all(p.name.isascii() for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_shape(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    first = code[0]
    assert "parameters" in first.metadata.get("tags", []), "the first code cell must be tagged parameters"
    body = ast.parse(first.source).body
    assert body and all(isinstance(s, ast.Assign) and _literal(s.value) for s in body), "parameters: literals only"
    names = {t.id for s in body for t in s.targets}
    assert {"seed", "case", "ruleset"} <= names
    assert "setup()" in code[1].source, "the cell after the parameters sets the page up (warnings off)"
    assert nb.metadata.kernelspec.name == "kiemtra"
    assert all(c.execution_count for c in code), "commit the notebook fully executed"
    for c in code:
        assert not any(o.get("output_type") == "error" for o in c.outputs), "no traceback in a committed notebook"
        if "nbval-ignore-output" in c.metadata.get("tags", []):
            # the reason lives in the cell's metadata, out of the code a trainee could open (issue 19)
            assert c.metadata.get("kiemtra", {}).get("nbval_ignore_output"), "say why the output is not compared"
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "$" not in text, "no LaTeX: Voilà cannot load MathJax offline"
    assert "Mục tiêu" in text and "## Tự kiểm tra" in text and "## Tóm tắt" in text
    assert any("_quiz(" in c.source for c in code)
    if path.stem in RATING_NOTEBOOKS:
        assert "hcm-2014" in text and "366-QĐ/TW" in text, "say which rule set a rating used, and that it is not today's"
