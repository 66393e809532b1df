"""kiemtra_lib: the rules of inspection, rating and discipline as exact, cited code.

The public surface is small: the error family, the rule sets, the date helpers; each concern is its own module
(``kiemtra_lib.calendar``, ``.timeline``, ``.rating``, ``.discipline``, ``.datasets``, ``.exercises``), imported
when first used so that ``import kiemtra_lib`` does no work.
"""

from __future__ import annotations

import importlib

from .dates import as_date, fmt_date
from .errors import InputError, Problem
from .rules import DEFAULT_RULESET, Reason, RuleSet, available_rulesets, get_ruleset, load_ruleset

__version__ = "0.1.0"

__all__ = ["InputError", "Problem", "Reason", "RuleSet", "DEFAULT_RULESET", "available_rulesets", "get_ruleset",
           "load_ruleset", "as_date", "fmt_date", "__version__"]

_SUBMODULES = {"calendar", "timeline", "rating", "discipline", "datasets", "exercises", "review", "widgets",
               "course", "cli"}


def __getattr__(name: str):
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'kiemtra_lib' has no attribute {name!r}")
