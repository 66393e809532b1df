"""R-M2, the quota of «Hoàn thành xuất sắc nhiệm vụ» per chi bộ: its one home, used by the rating, by ``explain`` and
by the data generator.

The quota is ``share`` (``outstanding_share`` for an outstanding chi bộ, or one whose đảng bộ is outstanding with
``rm2_outstanding_from_dang_bo``) of the members reaching HTT or above before the HTXS are chosen, rounded as
``rm2_rounding`` says; a chi bộ of fewer than ``small_chi_bo_below`` members (``rm2_small_chi_bo_counts`` says which
members count) may have ``small_chi_bo_max`` (``rm2_small_chi_bo_one``: even where the share gives 0). Candidates
with the most HTXS votes are chosen; a tie at the boundary is reported as needing a new vote, never broken silently.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..rules import RuleSet
from ._text import fraction, num, slot, slot_at

__all__ = ["RULES", "htxs_quota", "quota_size", "outstanding_chi_bo", "Choice", "choose", "tie_slot",
           "share_text", "votes_to_be_chosen"]

RULES = ("R-M2",)


def htxs_quota(rs: RuleSet, base, size, outstanding=False) -> np.ndarray:
    """The quota of each chi bộ: ``base`` members at HTT or above, ``size`` members (as ``quota_size`` counts)."""
    base = np.asarray(base, dtype="int64")
    num_, den = fraction(rs, "R-M2", "share")
    onum, oden = fraction(rs, "R-M2", "outstanding_share")
    # compare shares as num/den with a common denominator
    top = np.where(np.asarray(outstanding, dtype=bool), onum * den, num_ * oden).astype("int64") * base
    bottom = den * oden
    pct = top // bottom if rs.param("rm2_rounding") == "floor" else (2 * top + bottom) // (2 * bottom)
    small = np.asarray(size, dtype="int64") < int(rs.value("R-M2", "small_chi_bo_below"))
    cap = int(rs.value("R-M2", "small_chi_bo_max"))
    small_quota = np.full_like(pct, cap) if rs.param("rm2_small_chi_bo_one") else np.minimum(pct, cap)
    return np.where(small, small_quota, pct)


def quota_size(official_per: np.ndarray, size_per: np.ndarray, rs: RuleSet) -> np.ndarray:
    """Which members make a chi bộ "small" (parameter ``rm2_small_chi_bo_counts``)."""
    return official_per if rs.param("rm2_small_chi_bo_counts") == "official_members" else size_per


def outstanding_chi_bo(own: np.ndarray, parent_outstanding: np.ndarray, rs: RuleSet) -> np.ndarray:
    """A chi bộ has the outstanding share when it is outstanding, or (``rm2_outstanding_from_dang_bo``) its đảng bộ
    is; ``parent_outstanding`` is False for a chi bộ without a đảng bộ."""
    own = np.asarray(own, dtype=bool)
    return own | np.asarray(parent_outstanding, dtype=bool) if rs.param("rm2_outstanding_from_dang_bo") else own


def share_text(rs: RuleSet, outstanding: bool) -> str:
    num_, den = fraction(rs, "R-M2", "outstanding_share" if outstanding else "share")
    return f"{100 * num_ / den:g}%".replace(".", ",")


@dataclass
class Choice:
    keep: np.ndarray       # candidates chosen
    tie: np.ndarray        # tied at the boundary: a new vote
    out: np.ndarray        # candidates not chosen
    quota_per: np.ndarray  # per chi bộ
    base_per: np.ndarray   # per chi bộ: members at HTT or above before choosing
    slot: tuple            # the R-M2 reason of every candidate


def choose(level: np.ndarray, votes_htxs: np.ndarray, chi_index: np.ndarray, size_per: np.ndarray,
           outstanding_per: np.ndarray, rs: RuleSet) -> Choice:
    """Apply the quota to the candidates (``level == 4``) of every chi bộ at once."""
    n_rows, n_groups = len(chi_index), len(size_per)
    base_per = np.bincount(chi_index, weights=(level >= 3), minlength=n_groups).astype("int64")
    quota_per = htxs_quota(rs, base_per, size_per, outstanding_per)
    quota = quota_per[chi_index]
    cand = level == 4
    rank_min = np.zeros(n_rows, dtype="int64")
    rank_max = np.zeros(n_rows, dtype="int64")
    if cand.any():
        c = pd.DataFrame({"g": chi_index[cand], "v": votes_htxs[cand]})
        rank_min[cand] = c.groupby("g")["v"].rank(method="min", ascending=False).to_numpy(dtype="int64")
        rank_max[cand] = c.groupby("g")["v"].rank(method="max", ascending=False).to_numpy(dtype="int64")
    keep = cand & (rank_max <= quota)
    tie = cand & (rank_min <= quota) & (rank_max > quota)
    out = cand & (rank_min > quota)
    below = int(rs.value("R-M2", "small_chi_bo_below"))
    small_max = int(rs.value("R-M2", "small_chi_bo_max"))

    def text(i):
        g = chi_index[i]
        how = np.where(size_per[g] < below, f"chi bộ dưới {below} đảng viên: không quá {small_max} đồng chí",
                       np.where(outstanding_per[g], share_text(rs, True), share_text(rs, False)).astype(object)
                       + " của " + num(base_per[g]) + " đảng viên đạt HTT trở lên").astype(object)
        head = "Chỉ tiêu HTXS của chi bộ: " + num(quota_per[g]) + " đồng chí (" + how + ")"
        v = num(votes_htxs[i])
        return np.where(keep[i], head + "; được chọn với " + v + " phiếu.",
                        np.where(tie[i], head + "; bằng phiếu (" + v + ") với người khác ở ranh giới chỉ tiêu: giữ "
                                 "«Hoàn thành tốt nhiệm vụ» cho tới khi bỏ phiếu lại.",
                                 head + "; " + v + " phiếu, không nằm trong số được chọn.")).astype(object)

    return Choice(keep, tie, out, quota_per, base_per, slot_at(cand, "R-M2", text))


def tie_slot(tie_per: np.ndarray) -> tuple:
    """The chi bộ's reason when members are tied at the boundary (its result is flagged for a new vote)."""
    return slot(tie_per > 0, "R-M2", tie_per.astype(str).astype(object)
                + " đảng viên bằng phiếu ở ranh giới chỉ tiêu HTXS: chi bộ cần bỏ phiếu lại.")


def votes_to_be_chosen(quota: int, others_votes) -> int | None:
    """The fewest HTXS votes with which a candidate is chosen over the other candidates of its chi bộ (their HTXS
    votes): more than the ``quota``-th highest of them; 0 when fewer others than the quota; None when the quota is 0
    (no number of votes is enough)."""
    if quota <= 0:
        return None
    others = sorted((int(v) for v in others_votes), reverse=True)
    return 0 if len(others) < quota else others[quota - 1] + 1
