"""Scenarios under rule set qd366-2025 (QĐ 366-QĐ/TW, HD 43; RULES.md N1–N17): a member's level from points and
tasks, a case of N7 over a high score, the quota N4 in a group, and what changes from hcm-2014 for one member. The
situation is drawn near the thresholds; every answer comes from ``kiemtra_lib.rating``."""

from __future__ import annotations

import datetime as dt
import random

from ...dates import fmt_date
from .base import Fact, Generator, Param, register
from .rating import synthetic_name

_D = dt.date
_NO_LEVEL = "CHUA_CO_MUC"
_NOT_RATED = "CHUA_XEP_LOAI"
_RULE_CHOICES = ("N1", "N3", "N4", "N5", "N6", "N7", "N8", "N9", "N10")
_CHANGE_CHOICES = (("N4", "Tỷ lệ Hoàn thành xuất sắc (15% thành 20%/25%, N4)"),
                   ("N10", "Nghỉ ốm không còn bị giới hạn mức (N10)"),
                   ("N9", "Nhóm mới không xếp loại: miễn công tác, đình chỉ sinh hoạt (N9)"),
                   ("N15", "Không còn ngưỡng phiếu (N15)"),
                   ("khong_doi", "Không đổi mức"))
_CASES = ("suy_thoai", "ky_luat_cong_vu", "vi_pham_dieu_cam", "vi_pham_neu_guong")


def _pts(x) -> str:
    """Points as the course shows them: a decimal comma (89,5)."""
    return f"{float(x):g}".replace(".", ",")


def _levels():
    from ...rating import MemberLevel
    from ...rating.qd366 import NO_LEVEL_LABEL
    from ...rating.qd366.rate import NOT_RATED

    choices = tuple((lv.value, lv.label) for lv in MemberLevel) + ((_NO_LEVEL, NO_LEVEL_LABEL),
                                                                  (_NOT_RATED, NOT_RATED))
    order = tuple(lv.value for lv in sorted(MemberLevel, key=lambda lv: lv.rank))
    return choices, order


def _value(decision) -> str:
    if decision.level is not None:
        return decision.level.value
    return _NO_LEVEL if "can_cap_tham_quyen_xem_xet" in decision.flags else _NOT_RATED


def _tasks(rng: random.Random, profile: str) -> dict:
    """Counts near the thresholds of N3, N5, N6, N7: exactly 30% beyond or one short, 20% behind or one more."""
    a = rng.choice([5, 10, 10, 15, 20])
    pick = rng.choice(["xs", "xs_thieu", "cham_20", "cham_qua_20", "thieu_1", "qua_nua"]) \
        if profile == "diem_nhiem_vu" else "xs"
    need = -(-a * 3 // 10)
    done, on_time, beyond = a, a, need
    if pick == "xs_thieu":
        beyond = need - 1
    elif pick == "cham_20":
        on_time, beyond = a - a // 5, 0
    elif pick == "cham_qua_20":
        on_time, beyond = a - a // 5 - 1, 0
    elif pick == "thieu_1":
        done = on_time = a - 1
        beyond = 0
    elif pick == "qua_nua":
        done = on_time = a // 2 - (1 if a % 2 == 0 else 0)
        beyond = 0
    return {"tasks_assigned": a, "tasks_done": done, "tasks_on_time": on_time, "tasks_beyond": beyond}


def _member_generate(p: dict, rng: random.Random) -> dict:
    profile = p["profile"]
    points = rng.choice([49.5, 50.0, 69.5, 70.0, 85.0, 89.5, 90.0, 92.0, 95.0]) if profile == "diem_nhiem_vu" \
        else rng.choice([90.0, 93.5, 95.0, 98.0])
    m = {"member_id": "DV01", "ho_ten": synthetic_name(rng), "points": points, **_tasks(rng, profile),
         "shortcomings_previous": 0, "shortcomings_fixed": 0, "kht_cases": "", "mitigation": False}
    if profile == "truong_hop_n7":
        m["kht_cases"] = rng.choice(_CASES)
        m["mitigation"] = rng.random() < 0.4
    return {"profile": profile, "review_date": p["review_date"], "member": m}


def _member_solve(s: dict, rs) -> dict:
    from ...rating import rate_member

    d = rate_member(s["member"], review_date=s["review_date"], ruleset=rs)
    choices, order = _levels()
    text = " ".join(r.text for r in d.reasons)
    rule_ids = tuple(sorted(set(d.rule_ids)))
    flag = "can_cap_tham_quyen_xem_xet" if "can_cap_tham_quyen_xem_xet" in d.flags else "khong"
    return {"level": Fact(_value(d), rule_ids, f"{d.label}. {text}", choices=choices, order=order),
            "rules": Fact(sorted(set(d.rule_ids) & set(_RULE_CHOICES)), rule_ids,
                          f"Các lý do của thư viện viện dẫn: {', '.join(d.rule_ids)}. {text}",
                          choices=tuple((r, r) for r in _RULE_CHOICES)),
            "flag": Fact(flag, rule_ids, f"{d.label}. {text}",
                         choices=(("khong", "Không"), ("can_cap_tham_quyen_xem_xet", "Cấp có thẩm quyền xem xét")))}


def _member_describe(s: dict) -> str:
    m = s["member"]
    labels = {"suy_thoai": "bị cấp có thẩm quyền kết luận suy thoái, «tự diễn biến», «tự chuyển hóa»",
              "ky_luat_cong_vu": "bị kỷ luật khiển trách do vi phạm trong thực thi công vụ",
              "vi_pham_dieu_cam": "vi phạm những điều đảng viên không được làm",
              "vi_pham_neu_guong": "vi phạm trách nhiệm nêu gương, ảnh hưởng uy tín của tổ chức"}
    lines = [f"Đảng viên **{m['ho_ten']}** (không giữ chức vụ lãnh đạo, quản lý), đánh giá ngày "
             f"**{fmt_date(s['review_date'])}**.", "",
             f"- Tổng điểm tự chấm đã thẩm định: **{_pts(m['points'])}/100**.",
             f"- Nhiệm vụ được giao: {m['tasks_assigned']}; đã hoàn thành: {m['tasks_done']}; hoàn thành đúng tiến độ: "
             f"{m['tasks_on_time']}; vượt mức yêu cầu: {m['tasks_beyond']}.",
             "- Không có hạn chế, khuyết điểm nào được chỉ ra ở kỳ kiểm điểm trước."]
    if m.get("kht_cases"):
        lines.append(f"- Trong năm, đảng viên {labels[m['kht_cases']]}.")
        if m.get("mitigation"):
            lines.append("- Đảng viên đã thừa nhận khuyết điểm, tự phát hiện và khắc phục triệt để.")
    lines += ["", "Quy định áp dụng: Quy định 366-QĐ/TW và Hướng dẫn 43-HD/BTCTW (bộ quy tắc qd366-2025)."]
    return "\n".join(lines)


def _member_features(s: dict) -> set:
    m = s["member"]
    present = {"truong_hop_n7": bool(m.get("kht_cases")), "tinh_tiet": bool(m.get("mitigation")),
               "diem_tu_90": float(m["points"]) >= 90,
               "cham_tien_do": m["tasks_on_time"] < m["tasks_done"],
               "chua_hoan_thanh": m["tasks_done"] < m["tasks_assigned"]}
    return {k for k, v in present.items() if v}


register(Generator(
    name="member_rating_366", title="Xếp loại một đảng viên theo Quy định 366 (N3–N7)",
    params={"profile": Param("choice", "diem_nhiem_vu", "dạng tình huống", allowed=("diem_nhiem_vu", "truong_hop_n7")),
            "review_date": Param("date", _D(2025, 12, 15), "ngày đánh giá", minimum=_D(2025, 8, 30),
                                 maximum=_D(2030, 12, 31), day="lam_viec")},
    facts={"level": "level", "rules": "rules", "flag": "choice"},
    generate=_member_generate, solve=_member_solve, describe=_member_describe, requires=("rating",),
    features={"truong_hop_n7": "có một trường hợp của N7", "tinh_tiet": "có tình tiết được xem xét",
              "diem_tu_90": "tổng điểm từ 90 trở lên", "cham_tien_do": "có nhiệm vụ chậm tiến độ",
              "chua_hoan_thanh": "có nhiệm vụ chưa hoàn thành"},
    scenario_features=_member_features))


# -- the quota N4 in one group -------------------------------------------------------------------------------------

def _quota_generate(p: dict, rng: random.Random) -> dict:
    n = int(p["members"])
    outstanding = p["outstanding"] == "co" if p["outstanding"] != "ngau_nhien" else rng.random() < 0.5
    k = rng.randint(1, n)  # members who meet every condition of N3 (HTXS candidates)
    points = rng.sample([x / 2 for x in range(180, 201)], k)  # distinct: a tie is its own question
    members = [{"member_id": f"DV{i + 1:02d}", "ho_ten": synthetic_name(rng), "points": points[i],
                "tasks_assigned": 10, "tasks_done": 10, "tasks_on_time": 10, "tasks_beyond": 3} for i in range(k)]
    members += [{"member_id": f"DV{i + 1:02d}", "ho_ten": synthetic_name(rng),
                 "points": float(rng.randint(72, 88)), "tasks_assigned": 10, "tasks_done": 10, "tasks_on_time": 10,
                 "tasks_beyond": rng.randint(0, 2)} for i in range(k, n)]
    return {"review_date": p["review_date"], "outstanding": outstanding, "members": members}


def _quota_solve(s: dict, rs) -> dict:
    from ...rating import rate_organisation

    members = [{**m, "chi_bo_id": "CB1"} for m in s["members"]]
    org = {"org_id": "CB1", "kind": "chi_bo", "points": 85.0, "tasks_assigned": 8, "tasks_done": 8,
           "tasks_on_time": 8, "outstanding": s["outstanding"]}
    res = rate_organisation(members, [org], review_date=s["review_date"], ruleset=rs)
    quota = res._inputs["member_quota"]
    q, base = int(quota.quota[0]), int(quota.base[0])
    n_htxs = int((res.members["level"] == "HTXS").sum())
    share = rs.value("N4", "outstanding_share" if s["outstanding"] else "share")
    pct = f"{share[0] * 100 // share[1]}%"
    why = (f"{base} đảng viên đạt Hoàn thành tốt trở lên; {pct} của {base}, làm tròn xuống, là {q}; "
           f"{int((res.members['member_level'] == 'HTXS').sum())} người đủ điều kiện Hoàn thành xuất sắc, chọn "
           f"người điểm cao nhất: {n_htxs} người.")
    return {"htxs_count": Fact(n_htxs, ("N3", "N4"), why), "quota": Fact(q, ("N4",), why)}


def _quota_describe(s: dict) -> str:
    lines = [f"Một chi bộ, đánh giá ngày **{fmt_date(s['review_date'])}**; nhóm tính tỷ lệ là cả chi bộ (chi bộ cơ sở)"
             + (", có **thành tích nổi trội**." if s["outstanding"] else "."), "",
             "| Mã | Họ và tên | Tổng điểm | Đúng tiến độ | Vượt mức |", "|---|---|---|---|---|"]
    for m in s["members"]:
        lines.append(f"| {m['member_id']} | {m['ho_ten']} | {_pts(m['points'])} | {m['tasks_on_time']}/{m['tasks_assigned']} | "
                     f"{m['tasks_beyond']}/{m['tasks_assigned']} |")
    lines += ["", "Mọi nhiệm vụ đều hoàn thành đúng tiến độ; không ai có hạn chế kỳ trước hay trường hợp nào của N7. "
              "Quy định áp dụng: Quy định 366-QĐ/TW (bộ quy tắc qd366-2025)."]
    return "\n".join(lines)


register(Generator(
    name="quota_366", title="Tỷ lệ Hoàn thành xuất sắc theo Quy định 366 (N4)",
    params={"members": Param("int", 10, "số đảng viên", minimum=2, maximum=30),
            "outstanding": Param("choice", "ngau_nhien", "thành tích nổi trội", allowed=("co", "khong", "ngau_nhien")),
            "review_date": Param("date", _D(2025, 12, 15), "ngày đánh giá", minimum=_D(2025, 8, 30),
                                 maximum=_D(2030, 12, 31), day="lam_viec")},
    facts={"htxs_count": "number", "quota": "number"},
    generate=_quota_generate, solve=_quota_solve, describe=_quota_describe, requires=("rating",)))


# -- one member under both rule sets ----------------------------------------------------------------------------

def _change_generate(p: dict, rng: random.Random) -> dict:
    twist = rng.choice(["nghi_om", "mien", "khong_doi"])
    n = int(p["official_members"])
    m = {"member_id": "DV01", "ho_ten": synthetic_name(rng), "official": True, "task_result": "tot",
         "votes_xuat_sac": 0, "votes_tot": n, "votes_hoan_thanh": 0, "votes_khong_hoan_thanh": 0,
         "points": float(rng.randint(75, 88)), "tasks_assigned": 10, "tasks_done": 10, "tasks_on_time": 10,
         "tasks_beyond": 1, "sick_leave_months": 0.0, "exempt": False}
    if twist == "nghi_om":
        m["sick_leave_months"] = float(rng.choice([3, 3.5, 4, 5]))
    elif twist == "mien":
        m["exempt"] = True
    return {"review_date": p["review_date"], "official_members": n, "member": m}


def _change_solve(s: dict, rs) -> dict:
    from ...rating import compare_rulesets

    n = int(s["official_members"])
    filler = {"official": True, "task_result": "tot", "votes_xuat_sac": 0, "votes_tot": n, "votes_hoan_thanh": 0,
              "votes_khong_hoan_thanh": 0, "points": 80.0, "tasks_assigned": 10, "tasks_done": 10,
              "tasks_on_time": 10, "tasks_beyond": 1}
    members = [{**s["member"], "chi_bo_id": "CB1"}] + [{**filler, "member_id": f"F{j}", "chi_bo_id": "CB1"}
                                                       for j in range(n - 1)]
    org = {"org_id": "CB1", "kind": "chi_bo", "points": 85.0, "committee_result": "tot", "tasks_assigned": 8,
           "tasks_done": 8, "tasks_on_time": 8}
    cmp = compare_rulesets(members, [org], review_date=s["review_date"],
                           rulesets=("hcm-2014", rs if getattr(rs, "name", rs) == "qd366-2025" else "qd366-2025"))
    row = cmp.members.iloc[0]
    choices, order = _levels()
    old, new = cmp.hcm.member("DV01"), cmp.qd366.member("DV01")
    change = row["rule_qd366"] if row["changed"] and row["rule_qd366"] in dict(_CHANGE_CHOICES) else "khong_doi"
    if row["changed"] and row["rule_hcm"] == "R-M7":
        change = "N10"
    why = row["why"] or "Cùng một mức theo hai bộ quy tắc."
    return {"level_hcm": Fact(old.level.value if old.level else _NOT_RATED, tuple(old.rule_ids),
                              f"{old.label}. " + " ".join(r.text for r in old.reasons), choices=choices, order=order),
            "level_qd366": Fact(_value(new), tuple(new.rule_ids),
                                f"{new.label}. " + " ".join(r.text for r in new.reasons), choices=choices,
                                order=order),
            "change": Fact(change, (row["rule_hcm"], row["rule_qd366"]), why, choices=_CHANGE_CHOICES)}


def _change_describe(s: dict) -> str:
    m = s["member"]
    lines = [f"Chi bộ có **{s['official_members']} đảng viên chính thức**, đánh giá ngày "
             f"**{fmt_date(s['review_date'])}**. Đảng viên **{m['ho_ten']}**:", "",
             "- Chi bộ đánh giá mức thực hiện nhiệm vụ: Hoàn thành tốt; không phải công chức; "
             f"{m['votes_tot']}/{s['official_members']} phiếu Hoàn thành tốt.",
             f"- Tổng điểm đã thẩm định {_pts(m['points'])}/100; 10/10 nhiệm vụ đúng tiến độ, 1 vượt mức yêu cầu."]
    if m["sick_leave_months"]:
        lines.append(f"- Nghỉ ốm {_pts(m['sick_leave_months'])} tháng trong năm.")
    if m["exempt"]:
        lines.append("- Được miễn công tác và sinh hoạt đảng trong năm.")
    lines += ["", "So sánh Kế hoạch 146-KH/ĐU năm 2014 (hcm-2014) với Quy định 366-QĐ/TW (qd366-2025)."]
    return "\n".join(lines)


register(Generator(
    name="ruleset_change_366", title="Một đảng viên theo kế hoạch 2014 và theo Quy định 366",
    params={"official_members": Param("int", 9, "số đảng viên chính thức", minimum=3, maximum=30),
            "review_date": Param("date", _D(2025, 12, 15), "ngày đánh giá", minimum=_D(2025, 8, 30),
                                 maximum=_D(2030, 12, 31), day="lam_viec")},
    facts={"level_hcm": "level", "level_qd366": "level", "change": "choice"},
    generate=_change_generate, solve=_change_solve, describe=_change_describe, requires=("rating",)))
