"""R-M9: counting a chi bộ's votes. One home for every vote count, threshold and "votes needed" in the rating and in
``explain``: votes are counted per level, a vote for a higher level also counts for the levels below it among HTXS,
HTT and HT (parameter ``rm9_votes_count_downward``; KHT counts its own votes only), a level passes when its votes are
more than its fraction (R-M1, R-M3, R-M4, R-M5 ``votes_over``) of the chi bộ's official members."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import InputError, Problem
from ..rules import RuleSet
from ..schema import COUNT_MAX
from ._text import fraction

__all__ = ["RULES", "VOTE_RULE", "VOTE_COLUMNS", "vote_counts", "vote_fraction", "passes", "needed", "over_text",
           "check_votes", "check_official_members"]

RULES = ("R-M9",)

#: Which rule holds the vote fraction of each level rank (4 HTXS, 3 HTT, 2 HT, 1 KHT).
VOTE_RULE = {4: "R-M1", 3: "R-M3", 2: "R-M4", 1: "R-M5"}
#: The column of each level's own votes.
VOTE_COLUMNS = {4: "votes_xuat_sac", 3: "votes_tot", 2: "votes_hoan_thanh", 1: "votes_khong_hoan_thanh"}


def vote_counts(m: Any, rs: RuleSet) -> dict[int, np.ndarray]:
    """Votes counted for each level rank, for a members table (arrays) or one row (0-d arrays)."""
    xs, tot, ht, kht = (np.asarray(m[VOTE_COLUMNS[lv]], dtype="int64") for lv in (4, 3, 2, 1))
    if rs.param("rm9_votes_count_downward"):
        return {4: xs, 3: xs + tot, 2: xs + tot + ht, 1: kht}
    return {4: xs, 3: tot, 2: ht, 1: kht}


def vote_fraction(rs: RuleSet, rank: int) -> tuple[int, int]:
    """The fraction of official members a level's votes must pass (``votes_over`` of its rule)."""
    return fraction(rs, VOTE_RULE[rank], "votes_over")


def passes(votes, n, frac: tuple[int, int]) -> np.ndarray:
    """"More than num/den of n" in integers: votes·den > n·num (no rounding, so 2/3 of 6 is not passed by 4)."""
    return np.asarray(votes, dtype="int64") * frac[1] > np.asarray(n, dtype="int64") * frac[0]


def needed(n, frac: tuple[int, int]) -> np.ndarray:
    """The fewest votes that pass: floor(n·num/den) + 1."""
    return np.asarray(n, dtype="int64") * frac[0] // frac[1] + 1


def over_text(frac: tuple[int, int]) -> str:
    """"trên 2/3": the words of a threshold, from the rule set's numbers."""
    return f"trên {frac[0]}/{frac[1]}"


def check_votes(m, official: np.ndarray, row) -> None:
    """Every official member casts one ballot: the votes of all levels together cannot pass the official count."""
    total = sum(m[VOTE_COLUMNS[lv]] for lv in (4, 3, 2, 1)).to_numpy()
    bad = np.flatnonzero(total > official)
    if len(bad):
        raise InputError.many([Problem(" + ".join(VOTE_COLUMNS[lv] for lv in (4, 3, 2, 1)), int(total[i]), row=row(i),
                                       why=f"Tổng số phiếu vượt số đảng viên chính thức của chi bộ ({official[i]})")
                               for i in bad], rule_id="R-M9")


def check_official_members(value, *, field: str = "official_members") -> int:
    # counts stay below a million, so 10**19 cannot wrap in an int64 array
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 0 <= value <= COUNT_MAX:
        raise InputError(field, value if isinstance(value, (int, float, str, type(None))) else type(value).__name__,
                         allowed="số nguyên từ 0 đến 999.999: số đảng viên chính thức của chi bộ", rule_id="R-M9")
    return int(value)
