"""Small vectorised helpers of the qd366-2025 rating: sentences built once per distinct combination of the numbers
they show, fractions compared in integers, and the numbers of a reason read from the rule set."""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from .._text import S, patterns
from ...rules import RuleSet

__all__ = ["sentences", "frac", "pct", "show", "at_least", "over", "at_most"]


def sentences(mask: np.ndarray, columns: list[np.ndarray], make: Callable[..., str]) -> np.ndarray:
    """An object column: ``make(*values)`` where ``mask`` holds, "" elsewhere; ``make`` is called once per distinct
    combination of ``columns`` among those rows (a million members share few combinations of counts)."""
    n = len(mask)
    out = S(n, "")
    rows = np.flatnonzero(mask)
    if not len(rows):
        return out
    codes, uniqs = [], []
    for c in columns:
        code, uniq = pd.factorize(np.asarray(c)[rows])
        codes.append(code)
        uniqs.append(np.asarray(uniq, dtype=object))
    if not codes:
        out[rows] = make()
        return out
    first, inverse = patterns(codes)
    made = np.empty(len(first), dtype=object)
    for j, f in enumerate(first.tolist()):
        made[j] = make(*(u[c[f]] for u, c in zip(uniqs, codes)))
    out[rows] = made[inverse]
    return out


def frac(rs: RuleSet, rule_id: str, key: str) -> tuple[int, int]:
    num, den = rs.value(rule_id, key)
    return int(num), int(den)


def pct(f: tuple[int, int]) -> str:
    """A fraction of the rule data as the percentage a sentence shows: (30, 100) -> "30%"."""
    return show(f[0] * 100 / f[1]) + "%"


def show(x) -> str:
    """A number as the course shows it: 92 -> "92", 87.5 -> "87,5" (decimal comma)."""
    x = float(x)
    if x.is_integer():
        return str(int(x))
    return f"{x:g}".replace(".", ",")


def at_least(part, whole, f: tuple[int, int]) -> np.ndarray:
    """part/whole ≥ num/den, in integers (3 of 10 is "at least 30%")."""
    return np.asarray(part, dtype="int64") * f[1] >= np.asarray(whole, dtype="int64") * f[0]


def over(part, whole, f: tuple[int, int]) -> np.ndarray:
    """part/whole > num/den, in integers (5 of 10 is not "more than 50%")."""
    return np.asarray(part, dtype="int64") * f[1] > np.asarray(whole, dtype="int64") * f[0]


def at_most(part, whole, f: tuple[int, int]) -> np.ndarray:
    """part/whole ≤ num/den, in integers (2 of 10 behind is "at most 20%")."""
    return np.asarray(part, dtype="int64") * f[1] <= np.asarray(whole, dtype="int64") * f[0]
