"""The same panels in Python, beside the page: the expected text of every browser check.

A lesson's panel is built here from the notebook's own cells (its parameters and the cells that load its data), so
the Python copy gets exactly the arguments the page's kernel got. `Driver` then changes one control in the browser
and the same control of the Python copy, and checks that the page shows what the library computed for the copy.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path
from typing import Any

import ipywidgets as w
import nbformat
from playwright.sync_api import Locator, Page, expect

from lessons import html_text, panel, panel_output

RECOMPUTE_TIMEOUT_MS = 30_000


def _binds_names(tree: ast.Module) -> bool:
    return any(not isinstance(node, ast.Expr) for node in tree.body)


def notebook_namespace(path: Path) -> dict:
    """Run, in this process, every code cell of the notebook that defines something (parameters, imports, data).

    Cells that only display a value are skipped: they define nothing the panels need.
    """
    nb = nbformat.read(path, as_version=4)
    ns: dict[str, Any] = {"__name__": "__lesson__"}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        if _binds_names(tree):
            exec(compile(tree, f"{path.name}", "exec"), ns)  # noqa: S102 - the course's own notebook
    return ns


def cell_objects(path: Path, ns: dict, pattern: str) -> list[Any]:
    """Evaluate, in `ns`, the displayed expression of each code cell whose source matches `pattern` (e.g. a panel
    constructor), in notebook order."""
    nb = nbformat.read(path, as_version=4)
    found = []
    for cell in nb.cells:
        if cell.cell_type == "code" and re.search(pattern, cell.source):
            tree = ast.parse(cell.source)
            last = tree.body[-1]
            assert isinstance(last, ast.Expr), f"{path.name}: the cell does not end with the panel: {cell.source}"
            found.append(eval(compile(ast.Expression(last.value), path.name, "eval"), ns))  # noqa: S307
    return found


def _pairs(widget) -> list[tuple[str, Any]]:
    """A selection widget's options as (label shown, value), whichever form the panel gave them in."""
    return [opt if isinstance(opt, tuple) and len(opt) == 2 else (str(opt), opt) for opt in widget.options]


def _exact(text: str) -> re.Pattern:
    return re.compile(r"^\s*" + re.escape(text.strip()) + r"\s*$")


class Driver:
    """Change a panel's controls in the page and in its Python copy, and compare what each shows."""

    def __init__(self, page: Page, mirror):
        self.page, self.mirror = page, mirror
        self.title = mirror.title
        self.box = panel(page, self.title)
        self.output = panel_output(page, self.title)

    # -- locating a control by the description the trainee reads ---------------------------------------------
    def _control(self, css: str, widget: w.Widget) -> Locator:
        label = self.page.locator(".widget-label", has_text=_exact(widget.description))
        found = self.box.locator(css).filter(has=label)
        expect(found).to_have_count(1)
        return found

    def _checkbox(self, widget: w.Checkbox) -> Locator:
        found = self.box.locator(".widget-checkbox").filter(
            has=self.page.locator("span", has_text=_exact(widget.description)))
        expect(found).to_have_count(1)
        return found.locator("input[type='checkbox']")

    # -- actions: browser first, then the copy -------------------------------------------------------------------
    def select(self, widget: w.Dropdown, value: Any) -> None:
        label = next(lab for lab, val in _pairs(widget) if val == value)
        self._control(".widget-dropdown", widget).locator("select").select_option(label=label)
        widget.value = value

    def select_many(self, widget: w.SelectMultiple, values) -> None:
        labels = [lab for lab, val in _pairs(widget) if val in values]
        self._control(".widget-select-multiple", widget).locator("select").select_option(label=labels)
        widget.value = tuple(val for _lab, val in _pairs(widget) if val in values)

    def date(self, widget: w.DatePicker, value: dt.date) -> None:
        field = self._control(".widget-datepicker", widget).locator("input")
        field.fill(value.isoformat())
        field.dispatch_event("change")
        widget.value = value

    def slide(self, widget, value) -> None:
        readout = self._control(".widget-hslider", widget).locator(".widget-readout")
        readout.click()
        readout.fill(str(value))
        readout.press("Enter")
        widget.value = value

    def check(self, widget: w.Checkbox, value: bool) -> None:
        box = self._checkbox(widget)
        box.set_checked(value)
        widget.value = value

    # -- the comparison -------------------------------------------------------------------------------------------
    def expect_same(self, *, refused: bool = False) -> None:
        """The page shows what the copy shows. `refused`: these inputs are invalid on purpose, and the library's
        Vietnamese message (not a traceback) is what both must show."""
        if refused:
            assert self.mirror.last_error is not None, "the library accepted inputs the test meant as invalid"
        else:
            assert self.mirror.last_error is None, f"the library failed on these inputs: {self.mirror.last_error!r}"
        expect(self.output).to_have_text(html_text(self.page, self.mirror.last_html), timeout=RECOMPUTE_TIMEOUT_MS)
