"""Datasets: a reproducible synthetic đảng bộ, the shipped cases, validated loading and pseudonymisation.

``generate(seed, ...)`` builds a ``Case``; ``load(name_or_path)`` reads a shipped case or a unit's CSV/Excel file
and checks every row against the data dictionary (``kiemtra_lib.schema``, written out in ``datasets/README.md``);
``pseudonymise(df, key)`` replaces names and ids with keyed pseudonyms before a real roster is used in class.
"""

from __future__ import annotations

from .case import Case
from .generate import PROFILES, generate
from .load import load
from .pseudonymise import pseudonymise
from .shipped import SHIPPED, build

__all__ = ["Case", "generate", "load", "pseudonymise", "build", "PROFILES", "SHIPPED", "shipped_names"]


def shipped_names() -> list[str]:
    """The names ``load`` accepts for the shipped cases."""
    return list(SHIPPED)
