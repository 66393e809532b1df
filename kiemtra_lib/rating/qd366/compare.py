"""One situation rated under ``hcm-2014`` and ``qd366-2025`` side by side: per member and per organisation, the level
under each and the rule that makes the difference (the quota 15% against 20%/25%, sick leave no longer capped, the
new groups not rated, no vote thresholds, no TSVM / Yếu kém, points and task counts instead of the chi bộ's
assessment and votes).

The tables carry the columns of both rule sets (``kiemtra_lib.datasets.generate(..., qd366=True)`` makes such a
case); each rule set reads its own columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ...dates import as_date, fmt_date
from ...errors import InputError
from ...rules import RuleSet, get_ruleset
from ..dispatch import rate_organisation
from ..results import RatingResult

__all__ = ["compare_rulesets", "RulesetComparison", "RULES"]

RULES = ()

_RANK = {"HTXS": 4, "TSVM": 4, "HTT": 3, "HT": 2, "KHT": 1, "YEU_KEM": 1}
_LEVEL_RULE_HCM = {"HTXS": "R-M1", "HTT": "R-M3", "HT": "R-M4", "KHT": "R-M5"}
_LEVEL_RULE_366 = {"HTXS": "N3", "HTT": "N5", "HT": "N6", "KHT": "N7"}
_ORG_RULE_HCM = {"TSVM": "R-O1", "HTT": "R-O3", "HT": "R-O4", "YEU_KEM": "R-O5"}

def _pct(rs: RuleSet, rule_id: str, key: str) -> str:
    num, den = rs.value(rule_id, key)
    return f"{num * 100 // den}%"


def _why_table(a: RuleSet, b: RuleSet) -> dict:
    """(rule under hcm-2014, rule under qd366-2025) -> what changed, in Vietnamese, the numbers from the rule data."""
    return {
        ("R-M7", "N10"): f"Nghỉ ốm từ {a.value('R-M7', 'sick_leave_months')} tháng: kế hoạch 2014 giới hạn ở Hoàn "
                         "thành nhiệm vụ (R-M7); QĐ 366 xếp theo kết quả công việc thực tế (N10).",
        ("R-M2", "N4"): f"Tỷ lệ Hoàn thành xuất sắc: {_pct(a, 'R-M2', 'share')} "
                        f"({_pct(a, 'R-M2', 'outstanding_share')} nếu đặc biệt xuất sắc) số HTT, chi bộ dưới "
                        f"{a.value('R-M2', 'small_chi_bo_below')} người được 1 (R-M2); QĐ 366: "
                        f"{_pct(b, 'N4', 'share')} ({_pct(b, 'N4', 'outstanding_share')} nếu nổi trội) trong nhóm "
                        "tương đồng, làm tròn xuống, không có suất cho nhóm nhỏ (N4).",
        ("R-M9", "N15"): "Kế hoạch 2014 cần đủ phiếu cho từng mức (R-M9); văn bản QĐ 366 đọc được không nêu ngưỡng "
                         "phiếu (N15, cần xác nhận).",
        ("N9", ""): f"Nhóm không xếp loại của QĐ 366: miễn công tác và sinh hoạt đảng, đình chỉ sinh hoạt, kết nạp "
                    f"chưa đủ {b.value('N9', 'months')} tháng (N9); kế hoạch 2014 chỉ loại người chưa đủ "
                    f"{a.value('K3', 'months')} tháng hoặc chưa kiểm điểm.",
        ("N7", ""): f"QĐ 366: dưới {b.value('N7', 'points_below')} điểm, trên "
                    f"{_pct(b, 'N7', 'not_completed_over_share')} nhiệm vụ không hoàn thành hoặc một trường hợp của "
                    "N7 là Không hoàn thành, dù số phiếu thế nào (N7).",
        ("N6", ""): f"QĐ 366: điểm và số nhiệm vụ không khớp mức nào (chưa hoàn thành hết hoặc chậm tiến độ quá "
                    f"{_pct(b, 'N6', 'behind_max_share')}): cấp có thẩm quyền xem xét (N6).",
    }


@dataclass(frozen=True, eq=False)
class RulesetComparison:
    """``members`` and ``organisations``: the level under each rule set, ``changed``, ``rule_hcm``/``rule_qd366``
    (the rule that gives each level) and ``why`` (a Vietnamese sentence); ``hcm`` and ``qd366`` the two results."""

    members: pd.DataFrame
    organisations: pd.DataFrame
    hcm: RatingResult
    qd366: RatingResult
    review_date: Any

    def summary(self) -> pd.DataFrame:
        """How many members moved from each level under hcm-2014 to each under qd366-2025."""
        return pd.crosstab(self.members["label_hcm"], self.members["label_qd366"])

    def __str__(self) -> str:
        moved = int(self.members["changed"].sum())
        return (f"So sánh xếp loại ngày {fmt_date(self.review_date)}: {moved}/{len(self.members)} đảng viên đổi mức "
                f"giữa «{self.hcm.ruleset}» và «{self.qd366.ruleset}».")

    def _repr_html_(self) -> str:
        cols = ["member_id", "label_hcm", "label_qd366", "rule_hcm", "rule_qd366", "why"]
        return (f"<div><p><b>{str(self)}</b></p>"
                + self.members.loc[self.members["changed"], cols].to_html(index=False, escape=True) + "</div>")


def _member_rules(res: RatingResult, hcm: bool) -> np.ndarray:
    table = res.members
    level = table["level"].to_numpy(dtype=object)
    before = table["member_level"].to_numpy(dtype=object)
    rids = table["rule_ids"].to_numpy(dtype=object)
    out = np.empty(len(table), dtype=object)
    for i in range(len(table)):
        r = rids[i]
        if hcm:
            if level[i] is None:
                out[i] = next((k for k in ("K3", "K5") if k in r), "R-M9")
            elif before[i] != level[i]:
                out[i] = "R-M6" if "R-M6" in r and "R-M2" not in r else "R-M2"
            elif level[i] == "HT" and "R-M7" in r:
                out[i] = "R-M7"
            else:
                out[i] = _LEVEL_RULE_HCM[level[i]]
        else:
            if "N9" in r:
                out[i] = "N9"
            elif level[i] is None:
                out[i] = "N6"
            elif before[i] != level[i]:
                out[i] = "N4"
            else:
                out[i] = _LEVEL_RULE_366[level[i]]
    return out


def _why(why: dict, a: str, b: str, level_b, m_row) -> str:
    if (a, b) in why:
        return why[(a, b)]
    if a == "R-M7" or "N10" in m_row:
        return why[("R-M7", "N10")]
    if a == "R-M2" or b == "N4":
        return why[("R-M2", "N4")]
    if a == "R-M9":
        return why[("R-M9", "N15")]
    if b == "N9":
        return why[("N9", "")]
    if b == "N7" and a != "R-M5":
        return why[("N7", "")]
    if b == "N6" and level_b is None:
        return why[("N6", "")]
    return (f"Kế hoạch 2014 xếp theo đánh giá của chi bộ và số phiếu ({a}); QĐ 366 theo tổng điểm và số nhiệm vụ "
            f"đúng tiến độ, vượt mức ({b}).")


def compare_rulesets(members: Any, organisations: Any, *, review_date: Any,
                     rulesets: tuple = ("hcm-2014", "qd366-2025")) -> RulesetComparison:
    """Rate one situation under both rule sets; per member and per organisation: the level under each, whether it
    changed, the rule that gives each level and why they differ.

    ``members`` and ``organisations`` carry the columns of both rule sets (each reads its own).
    """
    if not isinstance(rulesets, (tuple, list)) or len(rulesets) != 2:
        raise InputError("bộ quy tắc (rulesets)", type(rulesets).__name__,
                         allowed="(\"hcm-2014\", \"qd366-2025\")")
    a, b = (get_ruleset(r) for r in rulesets)
    if (a.name, b.name) != ("hcm-2014", "qd366-2025"):
        raise InputError("bộ quy tắc (rulesets)", f"{a.name}, {b.name}",
                         allowed="(\"hcm-2014\", \"qd366-2025\") hoặc hai bộ đó đã đổi tham số")
    review = as_date(review_date, "ngày đánh giá (review_date)")
    old = rate_organisation(members, organisations, review_date=review, ruleset=a)
    new = rate_organisation(members, organisations, review_date=review, ruleset=b)
    rule_a, rule_b = _member_rules(old, True), _member_rules(new, False)
    la = old.members["level"].to_numpy(dtype=object)
    lb = new.members["level"].to_numpy(dtype=object)
    changed = la != lb
    rids_b = new.members["rule_ids"].to_numpy(dtype=object)
    table = _why_table(a, b)
    why = np.array([_why(table, x, y, q, r) if c else "" for x, y, q, r, c in
                    zip(rule_a, rule_b, lb, rids_b, changed)], dtype=object)
    m = pd.DataFrame({
        "member_id": old.members["member_id"], "chi_bo_id": old.members["chi_bo_id"],
        "level_hcm": old.members["level"], "label_hcm": old.members["label"],
        "level_qd366": new.members["level"], "label_qd366": new.members["label"],
        "changed": changed, "rule_hcm": rule_a, "rule_qd366": rule_b, "why": why,
    })
    oa, ob = old.organisations, new.organisations
    ra = oa["level"].map(_ORG_RULE_HCM).to_numpy(dtype=object)
    ob_level = ob["level"].to_numpy(dtype=object)
    ob_before = ob["org_level"].to_numpy(dtype=object)
    rb = np.array([("N4" if x != y else _LEVEL_RULE_366[x]) if x is not None else "N6"
                   for x, y in zip(ob_level, ob_before)], dtype=object)
    rank_a = oa["level"].map(_RANK).fillna(0).to_numpy()
    rank_b = ob["level"].map(_RANK).fillna(0).to_numpy()
    o_changed = rank_a != rank_b
    o_why = np.where(o_changed, "Cùng tên mức nhưng khác căn cứ: kế hoạch 2014 xếp «Trong sạch vững mạnh»… «Yếu kém» "
                                "theo điểm, đoàn thể và đảng viên (R-O1–R-O5); QĐ 366 dùng bốn mức của N2 theo tổng điểm "
                                "và nhiệm vụ của tập thể (N3–N7).", "")
    o = pd.DataFrame({
        "org_id": oa["org_id"], "kind": oa["kind"], "level_hcm": oa["level"], "label_hcm": oa["label"],
        "level_qd366": ob["level"], "label_qd366": ob["label"], "changed": o_changed, "rule_hcm": ra,
        "rule_qd366": rb, "why": o_why.astype(object),
    })
    return RulesetComparison(members=m, organisations=o, hcm=old, qd366=new, review_date=review)
