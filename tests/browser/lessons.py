"""What the browser tests need to know about the course notebooks: where they are, their parameters, and how to
turn the library's HTML into the text a trainee reads (so expected text comes from the library, never the page)."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
from playwright.sync_api import Locator, Page

from kiemtra_lib.course.lessons import notebook_paths

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"


def lesson_files() -> list[Path]:
    """The course notebooks in course order (kiemtra_lib.course.lessons)."""
    return notebook_paths(NOTEBOOKS)


def parameters(path: Path) -> dict:
    """The literals of a notebook's `parameters` cell (papermill's convention), as the page runs them."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            values = {}
            for node in ast.parse(cell.source).body:
                if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                    values[node.targets[0].id] = ast.literal_eval(node.value)
            return values
    return {}


def squash(text: str) -> str:
    """Whitespace-insensitive form of a text (HTML layout adds and drops line breaks)."""
    return " ".join(text.split())


def html_text(page: Page, html: str) -> str:
    """The text a browser shows for an HTML fragment, as the page's own DOM parses it."""
    return squash(page.evaluate("html => { const d = document.createElement('div'); d.innerHTML = html;"
                                " d.querySelectorAll('style, script').forEach(e => e.remove());"
                                " return d.textContent; }", html))




def panel(page: Page, title: str) -> Locator:
    """The box of a course panel (kiemtra_lib.widgets Panel or Quiz) by the heading it shows."""
    return page.locator(".widget-vbox").filter(has=page.locator("h4", has_text=title)).last


def panel_output(page: Page, title: str) -> Locator:
    """The Output widget in which a Panel writes what the library computed."""
    return panel(page, title).locator(".widget-output").last
