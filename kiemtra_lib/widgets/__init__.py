"""The course panels: one small module per notebook (``intro`` 00, ``review`` 02, ...), each with pure functions
that return Vietnamese text/HTML from the library and a thin ipywidgets class over them; ``quiz`` is the shared
self-check. Submodules are imported when first used, so ``import kiemtra_lib.widgets`` stays light.
"""

from __future__ import annotations

import importlib

from ._panel import Panel, error_html, load_case, message_html, setup, table, vn_dates
from .quiz import Question, Quiz

__all__ = ["Panel", "Question", "Quiz", "setup", "load_case", "vn_dates", "table", "message_html", "error_html"]

_PANELS = {"intro", "timeline", "review", "rating", "organisation", "discipline", "case", "coverage"}


def __getattr__(name: str):
    if name in _PANELS:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'kiemtra_lib.widgets' has no attribute {name!r}")
