"""Rating of grassroots party organisations (004 §IV.2.1; RULES.md R-O1…R-O8), vectorised over the organisations
table, and the structure checks a rating needs (RULES.md "Structure").

Levels are ranks: 4 TSVM, 3 HTT, 2 HT, 1 Yếu kém. R-O5 overrides every level above; each level also needs the
conditions of the levels below it (R-O8, parameter ``ro8_levels_nest``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import InputError, Problem
from ._text import S, fraction, join, num, slot
from .votes import over_text, passes
from ..rules import RuleSet
from ..schema import TASK_RESULTS

__all__ = ["RULES", "check_structure", "org_stage", "ORG_CODES", "mass_org_facts"]

#: The rule ids this module implements (tests/test_rule_declarations.py).
RULES = ("R-O1", "R-O3", "R-O4", "R-O5", "R-O8")

ORG_CODES = np.array([None, "YEU_KEM", "HT", "HTT", "TSVM"], dtype=object)
ORG_NAMES = {4: "Trong sạch vững mạnh", 3: "Hoàn thành tốt nhiệm vụ", 2: "Hoàn thành nhiệm vụ", 1: "Yếu kém"}


def check_structure(m: pd.DataFrame, o: pd.DataFrame, member_row, org_row) -> None:
    """A member belongs to one existing chi bộ; a chi bộ has a member row and at most a đảng bộ above it; a đảng bộ
    has chi bộ and nothing above it (RULES.md "Structure", R-O8). Every problem is reported at once."""
    problems: list[Problem] = []
    kinds = o["kind"].to_numpy(dtype=object)
    kind_of = pd.Series(kinds, index=o["org_id"].to_numpy(dtype=object))
    parent = o["parent_id"].to_numpy(dtype=object)
    ids = o["org_id"].to_numpy(dtype=object)
    has_parent = pd.notna(parent)
    parent_kind = pd.Series(parent).map(kind_of).to_numpy(dtype=object)
    for i in np.flatnonzero(has_parent & ((kinds == "dang_bo") | (parent_kind != "dang_bo"))):
        if kinds[i] == "dang_bo":
            why = ("Đảng bộ cơ sở không trực thuộc một tổ chức khác trong bảng: mỗi bảng là một đảng bộ cơ sở hoặc "
                   "một chi bộ cơ sở (R-O8)")
        elif pd.isna(parent_kind[i]):
            why = "Không có tổ chức cấp trên mang mã này trong bảng tổ chức"
        else:
            why = "Chi bộ chỉ trực thuộc một đảng bộ, không trực thuộc một chi bộ"
        problems.append(Problem("parent_id", parent[i], row=org_row(i), why=why))
    no_child = ~pd.Series(ids).isin(pd.unique(parent[has_parent])).to_numpy()
    no_member = ~pd.Series(ids).isin(pd.unique(m["chi_bo_id"])).to_numpy()
    for i in np.flatnonzero((kinds == "dang_bo") & no_child):
        problems.append(Problem("org_id", ids[i], row=org_row(i),
                                why="Đảng bộ phải có ít nhất một chi bộ trực thuộc trong bảng tổ chức"))
    for i in np.flatnonzero((kinds == "chi_bo") & no_member):
        problems.append(Problem("org_id", ids[i], row=org_row(i),
                                why="Chi bộ phải có ít nhất một đảng viên trong bảng đảng viên"))
    member_kind = m["chi_bo_id"].map(kind_of).to_numpy(dtype=object)
    for i in np.flatnonzero(member_kind != "chi_bo"):
        value = m["chi_bo_id"].iat[i]
        why = ("Mã này là một đảng bộ: đảng viên sinh hoạt ở một chi bộ" if member_kind[i] == "dang_bo"
               else "Không có chi bộ mang mã này trong bảng tổ chức")
        problems.append(Problem("chi_bo_id", value, row=member_row(i), why=why))
    if problems:
        raise InputError.many(problems, rule_id="R-O8")


def mass_org_facts(ranks: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(has any mass organisation, its worst rank, how many at the lowest rank 4) from the canonical ';'-strings."""
    uniq = pd.unique(ranks)
    table = {}
    for u in uniq:
        rs = [int(x) for x in str(u).split(";") if x]
        table[u] = (bool(rs), max(rs) if rs else 0, sum(r == 4 for r in rs))
    facts = ranks.map(table)
    return (np.array([f[0] for f in facts], dtype=bool), np.array([f[1] for f in facts], dtype="int64"),
            np.array([f[2] for f in facts], dtype="int64"))


def org_stage(o: pd.DataFrame, stats: dict, rs: RuleSet) -> dict:
    """Levels and reasons of the rows of ``o`` (all chi bộ, or all đảng bộ).

    ``stats`` per row: for a chi bộ ``rated`` (members counted: rated or awaiting a new vote), ``ht_plus``
    (HT or above), ``kht``, ``awaiting``; for a đảng bộ ``children``, ``children_ok`` (HT or above),
    ``children_yk``. Zeros where not relevant; ``is_dang_bo`` says which.
    """
    n = len(o)
    db = stats["is_dang_bo"]
    p = o["points"].to_numpy(dtype="float64")
    failed = o["failed_tasks"].to_numpy(dtype="int64")
    united = o["committee_united"].to_numpy(dtype=bool)
    result = o["committee_result"].to_numpy(dtype=object)
    meets = o["meets_regularly"].to_numpy(dtype=bool)
    remedy = o["remedy_plan_done"].to_numpy(dtype=bool)
    leader = o["leader_disciplined"].to_numpy(dtype=bool) & ~o["self_detected"].to_numpy(dtype=bool)
    corruption = o["corruption_discipline"].to_numpy(dtype=bool)
    agency = o["agency_lowest"].to_numpy(dtype=bool)
    has_mass, worst, lowest = mass_org_facts(o["mass_org_ranks"])
    no_mass_ok = bool(rs.param("ro_no_mass_org_holds"))
    p_txt = num(p)

    # R-O5: any one cause, whatever the points.
    r5 = rs.rules["R-O5"].values
    yk_parts = [
        np.where(failed >= int(r5["failed_tasks"]), "không hoàn thành " + num(failed) + " nhiệm vụ được giao (từ "
                 + str(r5["failed_tasks"]) + " trở lên)", ""),
        np.where(p < float(r5["min_points"]), "đạt " + p_txt + " điểm, dưới " + str(r5["min_points"]), ""),
        np.where(~united, "cấp ủy mất đoàn kết", ""),
        np.where(corruption, "để xảy ra tham nhũng, tiêu cực, suy thoái đến mức có đảng viên phải kỷ luật", ""),
        np.where(agency, "cơ quan, đơn vị xếp loại mức thấp nhất", ""),
        np.where(lowest >= int(r5["mass_org_lowest_count"]), num(lowest) + " đoàn thể xếp loại mức thấp nhất (từ "
                 + str(r5["mass_org_lowest_count"]) + " trở lên)", ""),
    ]
    db_frac, cb_frac = fraction(rs, "R-O5", "chi_bo_yeu_kem_over"), fraction(rs, "R-O5", "members_kht_over")
    yk_db = db & passes(stats["children_yk"], stats["children"], db_frac)
    yk_cb = ~db & passes(stats["kht"], stats["rated"], cb_frac)
    yk_parts.append(np.where(yk_db, num(stats["children_yk"]) + "/" + num(stats["children"])
                             + f" chi bộ trực thuộc Yếu kém ({over_text(db_frac)})", ""))
    yk_parts.append(np.where(yk_cb, num(stats["kht"]) + "/" + num(stats["rated"])
                             + f" đảng viên Không hoàn thành nhiệm vụ ({over_text(cb_frac)})", ""))
    yk_parts = [np.asarray(x, dtype=object) for x in yk_parts]
    yk_txt = join(yk_parts)
    yk = yk_txt != ""

    # Exactly one failed task: not "xuất sắc" nor "tốt" completion of the assigned tasks (RULES.md).
    one_failed = (failed == 1) & bool(rs.param("ro_one_failed_task_caps_at_ht"))
    one_failed_txt = np.where(one_failed, "không hoàn thành 1 nhiệm vụ được giao", "").astype(object)
    result_label = pd.Series(result).map(TASK_RESULTS).fillna("").to_numpy(dtype=object)
    r3 = rs.rules["R-O3"].values
    r1 = rs.rules["R-O1"].values

    # R-O3's conditions, each with the sentence saying it is not met.
    ro3_parts = [
        np.where(~np.isin(result, list(r3["committee_results"])), "cấp ủy chưa hoàn thành tốt nhiệm vụ (kết quả «"
                 + result_label + "»)", ""),
        np.where(leader, "có cấp ủy viên là cán bộ trưởng, phó bị kỷ luật (không do tổ chức đảng chủ động phát hiện, "
                         "xử lý)", ""),
        np.where((has_mass & (worst > int(r3["mass_org_max_rank"]))) | (~has_mass & ~no_mass_ok),
                 "có đoàn thể chưa đạt mức cao thứ hai trở lên", ""),
        one_failed_txt,
    ]
    ro3_txt = join([np.asarray(x, dtype=object) for x in ro3_parts])
    ro3_ok = ro3_txt == ""

    # R-O1's conditions (and, when the levels nest, R-O3's too).
    not_ok_children = stats["children"] - stats["children_ok"]
    not_ok_members = stats["rated"] - stats["ht_plus"]
    ro1_parts = [
        np.where(result != r1["committee_result"], "cấp ủy chưa hoàn thành xuất sắc nhiệm vụ (kết quả «"
                 + result_label + "»)", ""),
        np.where(~meets, "chưa sinh hoạt đúng quy định", ""),
        np.where(~db & (not_ok_members > 0), num(not_ok_members) + "/" + num(stats["rated"])
                 + " đảng viên chưa đạt «Hoàn thành nhiệm vụ» trở lên", ""),
        np.where(db & (not_ok_children > 0), num(not_ok_children) + "/" + num(stats["children"])
                 + " chi bộ trực thuộc chưa đạt «Hoàn thành nhiệm vụ» trở lên", ""),
        np.where((has_mass & (worst > int(r1["mass_org_max_rank"]))) | (~has_mass & ~no_mass_ok),
                 "có đoàn thể chưa đạt mức cao nhất", ""),
        np.where(~remedy, "chưa xây dựng hoặc chưa thực hiện tốt kế hoạch khắc phục hạn chế, khuyết điểm", ""),
    ]
    nest = bool(rs.param("ro8_levels_nest"))
    if not nest:
        ro1_parts.append(one_failed_txt)
    else:
        ro1_parts.append(np.where(~ro3_ok, "chưa đủ điều kiện của «Hoàn thành tốt nhiệm vụ» (" + ro3_txt + ")", ""))
    ro1_txt = join([np.asarray(x, dtype=object) for x in ro1_parts])
    ro1_ok = ro1_txt == ""

    min1, min3 = float(r1["min_points"]), float(r3["min_points"])
    level = np.where(yk, 1, np.where((p >= min1) & ro1_ok, 4, np.where((p >= min3) & ro3_ok, 3, 2))).astype("int8")

    slots = [
        slot(level == 1, "R-O5", "Yếu kém: " + yk_txt + "."),
        slot(level == 4, "R-O1", "Đạt " + p_txt + " điểm (từ " + num([min1])[0] + " trở lên) và đủ các điều kiện của "
             "«Trong sạch vững mạnh»."),
        slot((level == 4) & nest, "R-O8", S(n, "Đủ cả điều kiện của «Hoàn thành tốt nhiệm vụ» (các mức lồng nhau).")),
        slot(level == 3, "R-O3", "Đạt " + p_txt + " điểm" + np.where(p < min1, " (từ " + num([min3])[0]
             + " đến dưới " + num([min1])[0] + ")", "").astype(object)
             + " và đủ các điều kiện của «Hoàn thành tốt nhiệm vụ»."),
        slot((level == 3) & (p >= min1), "R-O1", "Chưa đạt «Trong sạch vững mạnh»: " + ro1_txt + "."),
        slot(level == 2, "R-O4", "Đạt " + p_txt + " điểm" + np.where(p < min3, " (từ " + str(r5["min_points"])
             + " đến dưới " + num([min3])[0] + ")", ", nhưng chưa đạt «Hoàn thành tốt nhiệm vụ»").astype(object)
             + ": «Hoàn thành nhiệm vụ»."),
        slot((level == 2) & (p >= min3), "R-O3", "Chưa đạt «Hoàn thành tốt nhiệm vụ»: " + ro3_txt + "."),
    ]
    awaiting = stats["awaiting"]
    slots.append(slot(~db & (awaiting > 0), "R-O1", num(awaiting) + " đảng viên chờ bỏ phiếu lại: được tính vào mẫu "
                      "số, chưa tính là «Hoàn thành nhiệm vụ» trở lên."))
    return {"level": level, "slots": slots, "flag_vote": ~db & (awaiting > 0)}
