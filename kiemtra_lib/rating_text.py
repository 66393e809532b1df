"""Vectorised building blocks for reasons: whole columns of Vietnamese sentences without a Python loop per row."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .rules import RuleSet

__all__ = ["S", "num", "join", "slot", "assemble", "fraction", "passes", "needed", "fmt_dates"]


def S(n: int, text: str = "") -> np.ndarray:
    """An object column of ``n`` copies of ``text``."""
    out = np.empty(n, dtype=object)
    out[:] = text
    return out


def num(values) -> np.ndarray:
    """Numbers as Vietnamese text: whole numbers plain, others with a decimal comma (87,5). Each distinct value is
    formatted once (a column of a million counts has few distinct values)."""
    arr = np.asarray(values)
    if arr.size == 0:
        return np.empty(0, dtype=object)
    uniq, inverse = np.unique(arr, return_inverse=True)
    text = np.array([_num1(x) for x in uniq.tolist()] + [""], dtype=object)[:-1]
    return text[inverse.reshape(-1)]


def _num1(x) -> str:
    if isinstance(x, float) and not x.is_integer():
        return f"{x:g}".replace(".", ",")
    return str(int(x))


def fmt_dates(values) -> np.ndarray:
    return pd.Series(values).dt.strftime("%d/%m/%Y").fillna("").to_numpy(dtype=object)


def join(parts: list[np.ndarray], sep: str = "; ") -> np.ndarray:
    """Join, row by row, the non-empty strings of several object columns."""
    out = parts[0].copy()
    for p in parts[1:]:
        has = p != ""
        both = has & (out != "")
        out = np.where(both, out + sep + p, np.where(has, p, out))
    return out


def slot(mask: np.ndarray, rule_id, text: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One reason slot: a rule id where ``mask`` holds (``rule_id`` a string or an object column), None elsewhere."""
    n = len(mask)
    rids = np.empty(n, dtype=object)
    rids[:] = None
    if isinstance(rule_id, str):
        rids[mask] = rule_id
    else:
        rids[mask] = np.asarray(rule_id, dtype=object)[mask]
    texts = S(n, "")
    texts[mask] = np.asarray(text, dtype=object)[mask] if np.ndim(text) else text
    return rids, texts


def assemble(slots, rs: RuleSet, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(rule_ids tuples, reasons text) per row: each reason a line ``text [rule id, source]``, as ``str(Reason)``."""
    keys = S(n, "")
    reasons = S(n, "")
    cites = {rid: f" [{rid}, {rs.cite(rid)}]" for rid in rs.rules}
    for rids, texts in slots:
        present = pd.notna(rids)
        if not present.any():
            continue
        idx = np.flatnonzero(present)
        suffix = pd.Series(rids[idx]).map(cites).to_numpy(dtype=object)
        line = texts[idx] + suffix
        old = reasons[idx]
        reasons[idx] = np.where(old == "", line, old + "\n" + line)
        keys[idx] = keys[idx] + rids[idx] + ";"
    uniq = pd.unique(keys)
    as_tuple = {k: tuple(dict.fromkeys(x for x in k.split(";") if x)) for k in uniq}
    rule_ids = np.empty(n, dtype=object)
    rule_ids[:] = pd.Series(keys).map(as_tuple).to_numpy(dtype=object) if n else []
    return rule_ids, reasons


def fraction(rs: RuleSet, rule_id: str, key: str) -> tuple[int, int]:
    num_, den = rs.value(rule_id, key)
    return int(num_), int(den)


def passes(votes, n, frac: tuple[int, int]) -> np.ndarray:
    """"More than num/den of n" in integers: votes·den > n·num (no rounding, so 2/3 of 6 is not passed by 4)."""
    return np.asarray(votes, dtype="int64") * frac[1] > np.asarray(n, dtype="int64") * frac[0]


def needed(n, frac: tuple[int, int]) -> np.ndarray:
    """The fewest votes that pass: floor(n·num/den) + 1."""
    return np.asarray(n, dtype="int64") * frac[0] // frac[1] + 1
