"""Vectorised building blocks for reasons: whole columns of Vietnamese sentences without a Python loop per row."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..rules import RuleSet

__all__ = ["S", "num", "join", "slot", "slot_at", "patterns", "assemble", "fraction", "fmt_dates"]


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


def slot_at(mask: np.ndarray, rule_id, make) -> tuple[np.ndarray, np.ndarray]:
    """A reason slot whose sentences ``make(rows)`` are written only for the rows where ``mask`` holds."""
    n = len(mask)
    rows = np.flatnonzero(mask)
    rids = np.empty(n, dtype=object)
    rids[:] = None
    texts = S(n, "")
    if len(rows):
        rids[rows] = rule_id if isinstance(rule_id, str) else np.asarray(rule_id, dtype=object)[rows]
        made = make(rows)
        texts[rows] = made if np.ndim(made) else S(len(rows), made)
    return rids, texts


def patterns(keys: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(first row of each distinct combination of the integer ``keys``, the combination of every row)."""
    code = np.zeros(len(keys[0]), dtype="int64")
    room = 1
    for key in keys:
        key = np.asarray(key).astype("int64")
        width = int(key.max()) + 1 if len(key) else 1
        room *= width
        if room > 2 ** 62:  # too many combinations for one integer: let pandas hash the columns
            frame = pd.DataFrame({i: np.asarray(k) for i, k in enumerate(keys)})
            code = frame.groupby(list(frame.columns), sort=False).ngroup().to_numpy()
            break
        code = code * width + key
    _, first, inverse = np.unique(code, return_index=True, return_inverse=True)
    return first, inverse.reshape(-1)


def assemble(slots, rs: RuleSet, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(rule_ids tuples, reasons text) per row: each reason a line ``text [rule id, source]``, as ``str(Reason)``.

    Rows share few distinct sentences, so each slot's lines are numbered, and the reasons and rule ids are built
    once per distinct combination of lines and spread to the rows (no string is built per row)."""
    cites = {rid: f" [{rid}, {rs.cite(rid)}]" for rid in rs.rules}
    keys, lines, line_rids = [], [], []
    for rids, texts in slots:
        codes = np.zeros(n, dtype="int64")
        idx = np.flatnonzero(pd.notna(rids))
        slot_lines, slot_rids = [None], [None]
        if len(idx):
            t_code, t_uniq = pd.factorize(texts[idx])
            r_code, r_uniq = pd.factorize(rids[idx])
            pair = t_code.astype("int64") * len(r_uniq) + r_code
            uniq_pair, local = np.unique(pair, return_inverse=True)
            codes[idx] = local.reshape(-1) + 1
            for p in uniq_pair.tolist():
                rid = r_uniq[p % len(r_uniq)]
                slot_lines.append(str(t_uniq[p // len(r_uniq)]) + cites[rid])
                slot_rids.append(rid)
        keys.append(codes)
        lines.append(slot_lines)
        line_rids.append(slot_rids)
    rule_ids, reasons = np.empty(n, dtype=object), S(n, "")
    if n == 0:
        return rule_ids, reasons
    first, inverse = patterns(keys)
    uniq_ids, uniq_text = np.empty(len(first), dtype=object), np.empty(len(first), dtype=object)
    for j, r in enumerate(first.tolist()):
        parts = [(ln[int(k[r])], rd[int(k[r])]) for k, ln, rd in zip(keys, lines, line_rids) if k[r]]
        uniq_text[j] = "\n".join(p[0] for p in parts)
        uniq_ids[j] = tuple(dict.fromkeys(p[1] for p in parts))
    return uniq_ids[inverse], uniq_text[inverse]


def fraction(rs: RuleSet, rule_id: str, key: str) -> tuple[int, int]:
    num_, den = rs.value(rule_id, key)
    return int(num_), int(den)
