"""The level of each member or collective under qd366-2025, vectorised over a table (QĐ 366 Điều 11; RULES.md N2,
N3, N5–N8, N10 and "Cases QĐ 366 leaves open").

Order (RULES.md): a case of N7 (or fewer than 50 points) gives Không hoàn thành whatever the score, flagged for the
competent level when a mitigation is claimed; otherwise the highest level whose points band is reached (bands are
minimums, parameter ``n3_bands_are_minimums``) and whose conditions hold; when none holds, no level and the flag
``can_cap_tham_quyen_xem_xet`` with the conditions that failed. Percentages are compared on the counts, exactly.
The quota N4 comes after, across a group (``quota.py``). Ranks: 4 HTXS, 3 HTT, 2 HT, 1 KHT, 0 none.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._text import S
from ...rules import RuleSet
from ._util import at_least, at_most, frac, over, pct, sentences, show

__all__ = ["LevelStage", "level_stage", "LEVEL_NAMES", "RULES"]

RULES = ("N2", "N3", "N5", "N6", "N7", "N8", "N10")

#: QĐ 366 Điều 11 writes the levels so (N2); the same four for collectives and individuals.
LEVEL_NAMES = {4: "Hoàn thành xuất sắc nhiệm vụ", 3: "Hoàn thành tốt nhiệm vụ", 2: "Hoàn thành nhiệm vụ",
               1: "Không hoàn thành nhiệm vụ"}
_DISCIPLINE_CASES = {"ky_luat_cong_vu", "tham_nhung_don_vi", "thanh_vien_ky_luat"}


@dataclass
class LevelStage:
    level: np.ndarray       # rank per row before the quota
    flag: np.ndarray        # can_cap_tham_quyen_xem_xet
    slots: list             # reason slots (rule ids, texts)
    facts: dict             # the booleans explain() reads


def level_stage(t: pd.DataFrame, rs: RuleSet, *, who: np.ndarray, rated: np.ndarray,
                parts: np.ndarray | None = None) -> LevelStage:
    """``who``: per row "khong_chuc_vu", "lanh_dao_quan_ly", "ngoai_he_thong" (members) or "tap_the"; ``rated``:
    rows N9 lets be rated; ``parts``: rows whose total was given as its two parts (N1)."""
    n = len(t)
    p = t["points"].to_numpy(dtype="float64")
    a = t["tasks_assigned"].to_numpy(dtype="int64")
    done = t["tasks_done"].to_numpy(dtype="int64")
    on_time = t["tasks_on_time"].to_numpy(dtype="int64")
    beyond = t["tasks_beyond"].to_numpy(dtype="int64")
    sp = t["shortcomings_previous"].to_numpy(dtype="int64")
    sf = t["shortcomings_fixed"].to_numpy(dtype="int64")
    cases = t["kht_cases"].to_numpy(dtype=object)
    mitigation = t["mitigation"].to_numpy(dtype=bool)
    not_done, behind = a - done, done - on_time
    leader = who == "lanh_dao_quan_ly"
    collective = who == "tap_the"

    min90, min70, min50 = (float(rs.value(r, "min_points")) for r in ("N3", "N5", "N6"))
    below = float(rs.value("N7", "points_below"))
    f_on_time3, f_beyond, f_fixed = (frac(rs, "N3", k) for k in ("on_time_share", "beyond_share",
                                                                   "shortcomings_fixed_share"))
    f_on_time5 = frac(rs, "N5", "on_time_share")
    f_done, f_behind = frac(rs, "N6", "done_share"), frac(rs, "N6", "behind_max_share")
    f_not_done = frac(rs, "N7", "not_completed_over_share")
    assert rs.param("tasks_as_counts") == "exact_fractions"  # the only interpretation RULES.md gives

    # N7: the cases, whatever the score. ">50% of the tasks not completed" is a case for members without a post and
    # members outside the political system (the leaders' and collectives' lists have other task cases).
    has_case = cases != ""
    by_tasks = over(not_done, a, f_not_done) & np.isin(who, ["khong_chuc_vu", "ngoai_he_thong"])
    by_points = p < below
    kht = rated & (has_case | by_tasks | by_points)
    weigh = kht & mitigation & (has_case | by_tasks)  # mitigation weighs a case, not a score (n7_mitigation)
    assert rs.param("n7_mitigation") == "competent_level"

    # N3, N5, N6: the conditions of each level.
    led_done = t["led_units_all_done"].to_numpy(dtype=bool) if "led_units_all_done" in t else np.zeros(n, bool)
    led_30 = t["led_units_beyond_30"].to_numpy(dtype=bool) if "led_units_beyond_30" in t else np.zeros(n, bool)
    sub_disc = t["subordinate_disciplined"].to_numpy(dtype=bool) if collective.any() else np.zeros(n, bool)
    lead_disc = t["leadership_disciplined"].to_numpy(dtype=bool) if collective.any() else np.zeros(n, bool)
    on_time3 = at_least(on_time, a, f_on_time3)
    beyond_ok = at_least(beyond, a, f_beyond)
    fixed_ok = (sp == 0) | at_least(sf, sp, f_fixed)
    leader3_ok = ~leader | (led_done & led_30)
    collective3_ok = ~collective | (~sub_disc & ~lead_disc)
    c3 = on_time3 & beyond_ok & fixed_ok & leader3_ok & collective3_ok
    c5 = at_least(on_time, a, f_on_time5) & (~leader | led_done)
    c6 = at_least(done, a, f_done) & at_most(behind, a, f_behind)
    band3, band5, band6 = p >= min90, p >= min70, p >= min50
    if not rs.param("n3_bands_are_minimums"):
        band5 &= ~band3
        band6 &= ~band5 & ~band3
    ok3, ok5, ok6 = band3 & c3, band5 & c5, band6 & c6
    level = np.where(~rated, 0, np.where(kht, 1, np.where(ok3, 4, np.where(ok5, 3, np.where(ok6, 2, 0)))))
    none = rated & (level == 0)
    assert rs.param("n6_no_level_fits") == "competent_level"
    flag = weigh | none

    pts_cols = [p]
    slots = []
    # N1: the total read from its two parts.
    if parts is not None and parts.any():
        common = t["points_common"].to_numpy(dtype="float64")
        tasks_pts = t["points_tasks"].to_numpy(dtype="float64")
        cmax, tmax = rs.value("N1", "common_points"), rs.value("N1", "task_points")
        slots.append(_slot(rated & parts, "N1", sentences(rated & parts, [p, common, tasks_pts], lambda x, c, k: (
            f"Tổng điểm {show(x)} = nhóm tiêu chí chung {show(c)}/{cmax} + kết quả thực hiện nhiệm vụ "
            f"{show(k)}/{tmax}."))))
    if collective.any():
        slots.append(_slot(collective & rated, "N1", S(n, "Tổng điểm của tập thể là dữ liệu đầu vào, thang "
                                                      f"{rs.value('N1', 'max_points')} điểm (cách chia điểm theo "
                                                      "nhóm tiêu chí của tập thể: cần xác nhận).")))

    # N10: sick leave and maternity change nothing.
    if "sick_leave_months" in t:
        sick = t["sick_leave_months"].to_numpy(dtype="float64")
        maternity = t["maternity_leave"].to_numpy(dtype=bool)
        months = float(rs.value("N10", "sick_leave_months"))
        long_sick = rated & (sick >= months)
        mask = long_sick | (rated & maternity)
        slots.append(_slot(mask, "N10", sentences(mask, [sick >= months, maternity, sick], lambda s, m, k: (
            ("Nghỉ ốm " + show(k) + f" tháng trong năm (từ {show(months)} tháng trở lên)" if s else "")
            + (" và " if s and m else "") + ("Nghỉ thai sản" if m and not s else ("nghỉ thai sản" if m else ""))
            + ": xếp loại căn cứ kết quả công việc thực tế của năm, không giới hạn mức."))))

    # N7.
    labels = {k: v["label"] for k, v in rs.value("N7", "cases").items()}
    slots.append(_slot(kht & by_points, "N7", sentences(kht & by_points, [p], lambda x: (
        f"Tổng điểm {show(x)}, dưới {show(below)} điểm: {LEVEL_NAMES[1]}."))))
    slots.append(_slot(kht & has_case, "N7", sentences(kht & has_case, [cases, p], lambda c, x: (
        "Thuộc trường hợp " + "; ".join(f"«{labels[k]}»" for k in c.split(";"))
        + f": {LEVEL_NAMES[1]}, dù tổng điểm là {show(x)}."))))
    slots.append(_slot(kht & by_tasks, "N7", sentences(kht & by_tasks, [not_done, a], lambda d, x: (
        f"{d}/{x} nhiệm vụ trong năm không hoàn thành (trên {pct(f_not_done)}): {LEVEL_NAMES[1]}."))))
    slots.append(_slot(weigh, "N7", sentences(weigh, [collective], lambda c: (
        ("Có tình tiết bất khả kháng, hoặc tự phát hiện vi phạm và chủ động khắc phục" if c else
         "Có tình tiết: thừa nhận khuyết điểm, tự phát hiện vi phạm và khắc phục triệt để")
        + f": vẫn {LEVEL_NAMES[1]}, cấp có thẩm quyền xem xét (không tự động bỏ)."))))
    # Each distinct set of cases is looked at once (a million members share a handful of them).
    codes, uniq = pd.factorize(cases)
    with_discipline = np.array([bool(set(str(u).split(";")) & _DISCIPLINE_CASES) for u in uniq] + [False])
    disc = kht & with_discipline[codes]
    slots.append(_slot(disc, "N8", S(n, "Kỷ luật tính vào xếp loại của năm bị xử lý, kể cả vi phạm của năm trước nay "
                                        "mới xử lý; vi phạm ở đơn vị cũ tính cho đơn vị cũ.")))

    # The level reached, with its numbers.
    def tail(lv):
        return f": {LEVEL_NAMES[lv]}."

    m4 = level == 4
    slots.append(_slot(m4, "N3", sentences(m4, [p, on_time, a, beyond, sp, sf, who], lambda x, o, q, b, s0, s1, w: (
        f"Tổng điểm {show(x)} (từ {show(min90)} điểm trở lên); {o}/{q} nhiệm vụ hoàn thành đúng tiến độ; {b}/{q} "
        f"vượt mức yêu cầu (ít nhất {pct(f_beyond)})"
        + (f"; khắc phục {s1}/{s0} hạn chế, khuyết điểm kỳ trước" if s0 else "")
        + ("; đơn vị trực tiếp lãnh đạo hoàn thành 100% nhiệm vụ, ít nhất "
           f"{pct(frac(rs, 'N3', 'led_units_beyond_share'))} vượt mức" if w == "lanh_dao_quan_ly" else "")
        + ("; không có đơn vị cấp dưới, thành viên tập thể lãnh đạo bị kỷ luật" if w == "tap_the" else "")
        + tail(4)))))
    m3 = level == 3
    slots.append(_slot(m3, "N5", sentences(m3, [p, on_time, a, who], lambda x, o, q, w: (
        f"Tổng điểm {show(x)} (từ {show(min70)} điểm trở lên); {o}/{q} nhiệm vụ hoàn thành đúng tiến độ"
        + ("; đơn vị trực tiếp lãnh đạo hoàn thành 100% nhiệm vụ" if w == "lanh_dao_quan_ly" else "") + tail(3)))))
    m2 = level == 2
    slots.append(_slot(m2, "N6", sentences(m2, [p, done, behind, a], lambda x, d, b, q: (
        f"Tổng điểm {show(x)} (từ {show(min50)} điểm trở lên); hoàn thành {d}/{q} nhiệm vụ, {b}/{q} chậm tiến độ "
        f"(không quá {pct(f_behind)})" + tail(2)))))

    # Why not the level above, where the points reach its band.
    miss3 = rated & ~kht & band3 & ~c3 & (level > 0)
    slots.append(_slot(miss3, "N3", sentences(miss3, [on_time, beyond, a, sp, sf, leader3_ok, collective3_ok],
                                               lambda o, b, q, s0, s1, lok, cok: (
        f"Chưa đạt {LEVEL_NAMES[4]}: " + "; ".join(_fails3(o, b, q, s0, s1, lok, cok, f_beyond, rs)) + "."))))
    miss5 = rated & ~kht & band5 & ~c5 & (level > 0) & (level < 3)
    slots.append(_slot(miss5, "N5", sentences(miss5, [on_time, a, leader & ~led_done], lambda o, q, lf: (
        f"Chưa đạt {LEVEL_NAMES[3]}: " + "; ".join(_fails5(o, q, lf)) + "."))))

    # No level: the conditions that failed; the text gives no level for it (RULES.md).
    slots.append(_slot(none, "N6", sentences(none, [p, done, on_time, a, band3, band5, band6, c3, c5],
                                              lambda x, d, o, q, b3, b5, b6, k3, k5: (
        f"Tổng điểm {show(x)} nhưng không mức nào đủ điều kiện và không thuộc trường hợp nào của N7: "
        + "; ".join(_fails_all(x, d, o, q, b3, b5, b6, k3, k5, f_behind, rs))
        + "; văn bản không cho mức nào, cấp có thẩm quyền xem xét."))))
    facts = {"kht": kht, "has_case": has_case, "by_tasks": by_tasks, "by_points": by_points, "c3": c3, "c5": c5,
             "c6": c6, "on_time3": on_time3, "beyond_ok": beyond_ok, "fixed_ok": fixed_ok, "leader3_ok": leader3_ok,
             "collective3_ok": collective3_ok, "weigh": weigh, "none": none}
    return LevelStage(level=level.astype("int64"), flag=flag, slots=slots, facts=facts)


def _slot(mask: np.ndarray, rule_id: str, texts: np.ndarray):
    rids = np.empty(len(mask), dtype=object)
    rids[:] = None
    rids[mask] = rule_id
    out = S(len(mask), "")
    out[mask] = texts[mask]
    return rids, out


def _fails3(o, b, q, s0, s1, lok, cok, f_beyond, rs) -> list[str]:
    out = []
    if o < q:
        out.append(f"chỉ {o}/{q} nhiệm vụ đúng tiến độ (cần 100%)")
    if b * f_beyond[1] < q * f_beyond[0]:
        out.append(f"chỉ {b}/{q} nhiệm vụ vượt mức yêu cầu (cần ít nhất {pct(f_beyond)})")
    if s0 and s1 < s0:
        out.append(f"mới khắc phục {s1}/{s0} hạn chế, khuyết điểm kỳ trước (cần 100%)")
    if not lok:
        out.append("đơn vị trực tiếp lãnh đạo chưa hoàn thành 100% nhiệm vụ với ít nhất "
                   f"{pct(frac(rs, 'N3', 'led_units_beyond_share'))} vượt mức")
    if not cok:
        out.append("có đơn vị cấp dưới hoặc thành viên tập thể lãnh đạo bị kỷ luật")
    return out


def _fails5(o, q, lf) -> list[str]:
    out = []
    if o < q:
        out.append(f"chỉ {o}/{q} nhiệm vụ hoàn thành đúng tiến độ (cần 100%)")
    if lf:
        out.append("đơn vị trực tiếp lãnh đạo chưa hoàn thành 100% nhiệm vụ")
    return out


def _fails_all(x, d, o, q, b3, b5, b6, k3, k5, f_behind, rs) -> list[str]:
    out = []
    if b3 and not k3:
        out.append(f"chưa đủ điều kiện {LEVEL_NAMES[4]}")
    if b5 and not k5:
        out.append(f"chỉ {o}/{q} nhiệm vụ đúng tiến độ, chưa đủ điều kiện {LEVEL_NAMES[3]}" if o < q
                   else f"chưa đủ điều kiện {LEVEL_NAMES[3]}")
    if b6:
        if d < q:
            out.append(f"{q - d}/{q} nhiệm vụ chưa hoàn thành (cần hoàn thành 100%)")
        elif (d - o) * f_behind[1] > q * f_behind[0]:
            out.append(f"{d - o}/{q} nhiệm vụ chậm tiến độ (trên {pct(f_behind)})")
    return out or [f"tổng điểm ngoài khung của mọi mức (n3_bands_are_minimums = {rs.param('n3_bands_are_minimums')})"]
