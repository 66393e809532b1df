"""The quota of Hoàn thành xuất sắc (QĐ 366 Điều 11 khoản 1 điểm 1.5; RULES.md N4 and its open cases), vectorised over
groups: at most 20% (25% for an outstanding group) of those reaching Hoàn thành tốt or above before the choice,
rounded down (parameter ``n4_rounding``), no "small group gets 1"; the highest total points are chosen, and members
tied at the boundary are never chosen silently: they keep Hoàn thành tốt and are flagged for the competent level.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...rules import RuleSet
from ._util import frac, pct, sentences, show

__all__ = ["QuotaStage", "apply_quota", "quota_of", "RULES"]

RULES = ("N4",)


@dataclass
class QuotaStage:
    level: np.ndarray     # ranks after the quota
    tie: np.ndarray       # tied at the boundary (flag can_cap_tham_quyen_xem_xet)
    quota: np.ndarray     # per group
    base: np.ndarray      # per group: HTT or above before the choice
    chosen: np.ndarray    # per group: HTXS after the quota
    slots: list


def quota_of(rs: RuleSet, base: np.ndarray, outstanding: np.ndarray) -> np.ndarray:
    """The number of Hoàn thành xuất sắc a group may have: share of ``base``, rounded per ``n4_rounding``."""
    share, top = frac(rs, "N4", "share"), frac(rs, "N4", "outstanding_share")
    num = np.where(outstanding, top[0], share[0]).astype("int64")
    den = np.where(outstanding, top[1], share[1]).astype("int64")
    base = np.asarray(base, dtype="int64")
    assert rs.param("n4_quota_base") == "htt_or_above_before_quota"
    if rs.param("n4_rounding") == "nearest":
        return (2 * base * num + den) // (2 * den)
    return base * num // den


def apply_quota(level: np.ndarray, points: np.ndarray, group: np.ndarray, n_groups: int, outstanding: np.ndarray,
                group_names: np.ndarray, rs: RuleSet, *, what: str = "người") -> QuotaStage:
    """``group``: the group index of each row (-1: no group, the quota is not applied); ``outstanding`` and
    ``group_names`` per group."""
    assert rs.param("n4_choice") == "highest_points"
    n = len(level)
    in_group = group >= 0
    g = np.where(in_group, group, 0)
    cand = (level == 4) & in_group
    base = np.bincount(g[in_group], weights=(level[in_group] >= 3), minlength=n_groups).astype("int64")
    quota = quota_of(rs, base, np.asarray(outstanding, dtype=bool))
    n_cand = np.bincount(g[cand], minlength=n_groups).astype("int64")

    # Candidates by group, highest points first: each one's rank inside its group.
    rows = np.flatnonzero(cand)
    order = rows[np.lexsort((-points[rows], g[rows]))]
    starts = np.concatenate([[0], np.cumsum(n_cand)[:-1]])
    rank = np.empty(n, dtype="int64")
    rank[order] = np.arange(len(order)) - starts[g[order]]
    over_quota = n_cand > quota
    # The boundary: the points of the last one the quota admits, and of the first one it leaves out.
    last_in = np.full(n_groups, np.nan)
    first_out = np.full(n_groups, np.nan)
    pos_last = starts + quota - 1
    has_last = over_quota & (quota > 0)
    last_in[has_last] = points[order[pos_last[has_last]]]
    first_out[over_quota] = points[order[(starts + quota)[over_quota]]]
    tie_group = has_last & (last_in == first_out)
    tie = cand & tie_group[g] & (points == last_in[g])
    chosen_mask = cand & ((~over_quota[g]) | ((rank < quota[g]) & ~tie))
    out_level = np.where(cand & ~chosen_mask, 3, level)
    chosen = np.bincount(g[chosen_mask], minlength=n_groups).astype("int64")

    share, top = frac(rs, "N4", "share"), frac(rs, "N4", "outstanding_share")
    rounding = "làm tròn xuống" if rs.param("n4_rounding") == "floor" else "làm tròn đến số gần nhất"
    gq, gb, go, gn = quota[g], base[g], np.asarray(outstanding, dtype=bool)[g], np.asarray(group_names)[g]

    def head(name, b, q, o):
        return (f"Tỷ lệ {pct(top) if o else pct(share)} của nhóm «{name}»"
                + (" (thành tích nổi trội)" if o else "") + f": {b} {what} đạt Hoàn thành tốt trở lên, "
                f"tối đa {q} Hoàn thành xuất sắc ({rounding})")

    kept = cand & chosen_mask
    demoted = cand & ~chosen_mask & ~tie
    zero = cand & (gq == 0)
    slots = [
        (_rid(kept, n), sentences(kept, [gn, gb, gq, go, points], lambda name, b, q, o, x: (
            head(name, b, q, o) + f"; tổng điểm {show(x)} trong giới hạn tỷ lệ: được chọn."))),
        (_rid(demoted & ~zero, n), sentences(demoted & ~zero, [gn, gb, gq, go, points], lambda name, b, q, o, x: (
            head(name, b, q, o) + f"; đã có {q} {what} điểm cao hơn {show(x)}: giữ Hoàn thành tốt nhiệm vụ."))),
        (_rid(zero, n), sentences(zero, [gn, gb, gq, go], lambda name, b, q, o: (
            head(name, b, q, o) + ": nhóm không có suất Hoàn thành xuất sắc nào; giữ Hoàn thành tốt nhiệm vụ "
            "(không có quy tắc «nhóm nhỏ được 1»)."))),
        (_rid(tie, n), sentences(tie, [gn, gb, gq, go, points], lambda name, b, q, o, x: (
            head(name, b, q, o) + f"; bằng điểm ({show(x)}) ở ranh giới tỷ lệ: không chọn ngầm, tạm giữ Hoàn thành "
            "tốt nhiệm vụ, cấp có thẩm quyền quyết định."))),
    ]
    return QuotaStage(level=out_level, tie=tie, quota=quota, base=base, chosen=chosen,
                      slots=[(r, t) for r, t in slots])


def _rid(mask: np.ndarray, n: int) -> np.ndarray:
    rids = np.empty(n, dtype=object)
    rids[:] = None
    rids[mask] = "N4"
    return rids
