"""Datasets: a reproducible synthetic đảng bộ, the shipped cases, validated loading and pseudonymisation.

``generate(seed, ...)`` builds a ``Case``; ``load(name_or_path)`` reads a shipped case or a user's CSV/Excel file
and checks every row against the data dictionary (``kiemtra_lib.schema``); ``pseudonymise(df, key)`` replaces names
and ids with keyed pseudonyms before a real roster is used in class.
"""

from __future__ import annotations

from .case import Case
from .generate import PROFILES, generate

__all__ = ["Case", "generate", "PROFILES"]
