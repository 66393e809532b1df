"""Rating scenarios (K3, K5, R-M1..R-M10, R-O1..R-O8): the situation is drawn, the level comes from
``kiemtra_lib.rating``."""

from __future__ import annotations

import datetime as dt
import random

from ...dates import fmt_date
from .base import Fact, Generator, Param, official_day, register

_D = dt.date
_NEW_VOTE = "BO_PHIEU_LAI"
_NOT_RATED = "CHUA_PHAN_LOAI"

_MEMBER_RULE_CHOICES = ("K3", "K5", "R-M1", "R-M2", "R-M3", "R-M4", "R-M5", "R-M6", "R-M7", "R-M9", "R-M10", "DF11")
_ORG_RULE_CHOICES = ("R-O1", "R-O2", "R-O3", "R-O4", "R-O5", "R-O6", "R-O7", "R-O8")

_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô")
_MIDDLE = ("Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Quang", "Thu")
_GIVEN = ("An", "Bình", "Chi", "Dung", "Giang", "Hà", "Khoa", "Lan", "Minh", "Nam", "Oanh", "Phúc", "Quân", "Sơn",
          "Tâm", "Uyên", "Vinh", "Yến")


def synthetic_name(rng: random.Random) -> str:
    """A made-up name from common name parts (synthetic data: never a real roster)."""
    return f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"


def _member_levels():
    from ...rating import MemberLevel
    from ...rating.results import NEW_VOTE_LABEL, NOT_RATED_LABEL

    choices = tuple((lv.value, lv.label) for lv in MemberLevel) + ((_NEW_VOTE, NEW_VOTE_LABEL),
                                                                  (_NOT_RATED, NOT_RATED_LABEL))
    order = tuple(lv.value for lv in sorted(MemberLevel, key=lambda lv: lv.rank))
    return choices, order


def _level_value(decision) -> str:
    if decision.level is not None:
        return decision.level.value
    return _NEW_VOTE if "can_bo_phieu_lai" in decision.flags else _NOT_RATED


def _votes(rng: random.Random, n: int, top: str) -> dict:
    """Votes of ``n`` official members, spread around the 2/3 and 1/2 thresholds for the level ``top``."""
    present = n - rng.randint(0, max(1, n // 8))
    if top == "xs":
        xs = rng.randint(n // 2, present)
        tot = rng.randint(0, present - xs)
    else:
        xs = rng.randint(0, n // 3)
        tot = rng.randint(max(0, n // 3 - xs), max(0, present - xs))
    ht = rng.randint(0, max(0, present - xs - tot))
    kht = rng.randint(0, max(0, min(1, present - xs - tot - ht)))
    return {"votes_xuat_sac": xs, "votes_tot": tot, "votes_hoan_thanh": ht, "votes_khong_hoan_thanh": kht}


def _member_generate(p: dict, rng: random.Random) -> dict:
    n = int(p["official_members"])
    review = dt.date.fromisoformat(p["review_date"])
    m = {"member_id": "DV01", "ho_ten": synthetic_name(rng), "official": True,
         "joined_on": official_day(review - dt.timedelta(days=rng.randint(800, 9000))), "reviewed": True,
         "task_result": "tot", "civil_servant_rating": None, "emulation_award": False, "discipline_date": None,
         "faults": "", "absences": 0, "sick_leave_months": 0.0, "maternity_leave": False, "role": None}
    profile = p["profile"]
    if profile == "phieu":
        m["task_result"] = rng.choice(["xuat_sac", "tot"])
        m["emulation_award"] = True
        m["civil_servant_rating"] = rng.choice([None, "xuat_sac"])
        m.update(_votes(rng, n, rng.choice(["xs", "tot"])))
    elif profile == "gioi_han":
        m["task_result"] = rng.choice(["xuat_sac", "tot", "hoan_thanh"])
        m["civil_servant_rating"] = rng.choice([None, "xuat_sac", "tot", "hoan_thanh", "han_che_nang_luc"])
        m["emulation_award"] = rng.random() < 0.6
        m["sick_leave_months"] = float(rng.choice([0, 0, 1, 2, 3, 4]))
        m["maternity_leave"] = rng.random() < 0.25
        m["absences"] = rng.choice([0, 1, 2, 3])
        m.update(_votes(rng, n, "xs"))
    elif profile == "ky_luat":
        # a discipline announced around the first anniversary of the review date (DF11, R-M5)
        anniversary = review.replace(year=review.year - 1) if (review.month, review.day) != (2, 29) else \
            review.replace(year=review.year - 1, day=28)
        m["discipline_date"] = official_day(anniversary + dt.timedelta(days=rng.randint(-6, 6)))
        m["task_result"] = "tot"
        kht = rng.randint(n // 2 - 1, n // 2 + 2)
        rest = n - kht
        m.update({"votes_xuat_sac": 0, "votes_tot": rest, "votes_hoan_thanh": 0, "votes_khong_hoan_thanh": kht})
    elif profile == "moi_ket_nap":
        months_ago = rng.choice([5, 6, 7])
        joined = review.replace(year=review.year if review.month > months_ago else review.year - 1,
                                month=(review.month - months_ago - 1) % 12 + 1, day=min(review.day, 28))
        m["official"] = False
        m["joined_on"] = official_day(joined + dt.timedelta(days=rng.randint(-2, 2)))
        m["reviewed"] = rng.random() < 0.8
        m.update(_votes(rng, n, "tot"))
    return {"profile": profile, "official_members": n, "review_date": p["review_date"], "member": m}


def _by_review_date(scenarios: list) -> dict:
    groups: dict[str, list[int]] = {}
    for i, s in enumerate(scenarios):
        groups.setdefault(s["review_date"], []).append(i)
    return groups


_FILLER_ORG = {"kind": "chi_bo", "points": 85.0, "committee_result": "tot"}


def _rate_members(scenarios: list, rs) -> list:
    """Each trainee's member rated in a chi bộ of its own, all chi bộ in one call of ``rate_organisation``.

    The other official members of the chi bộ only make up the vote denominator (R-M9): each is rated «Hoàn thành tốt»
    and none can reach «Hoàn thành xuất sắc», so the quota (R-M2: at least 1) never binds the member asked about and
    the result is the one of ``rate_member`` (a test checks it).
    """
    from ...rating import rate_organisation

    out: list = [None] * len(scenarios)
    for review, idx in _by_review_date(scenarios).items():
        members, orgs = [], []
        for i in idx:
            s = scenarios[i]
            n = int(s["official_members"])
            target = {k: v for k, v in s["member"].items() if v is not None}
            target.update(member_id=f"T{i}", chi_bo_id=f"CB{i}")
            members.append(target)
            fillers = n - 1 if target.get("official", True) else n
            # every column spelled out: a column some rows leave out is read as blank there, not as its default
            members += [{"member_id": f"T{i}_F{j}", "chi_bo_id": f"CB{i}", "official": True, "reviewed": True,
                         "joined_on": "2000-01-03", "task_result": "tot", "emulation_award": False, "faults": "",
                         "absences": 0, "sick_leave_months": 0.0, "maternity_leave": False,
                         "votes_xuat_sac": 0, "votes_tot": n // 2 + 1, "votes_hoan_thanh": 0,
                         "votes_khong_hoan_thanh": 0} for j in range(fillers)]
            orgs.append({"org_id": f"CB{i}", **_FILLER_ORG})
        res = rate_organisation(members, orgs, review_date=review, ruleset=rs)
        for i in idx:
            out[i] = res.member(f"T{i}")
    return out


def _member_facts(s: dict, d, rs) -> dict:
    from ...discipline import discipline_end_date, discipline_in_force

    choices, order = _member_levels()
    text = " ".join(r.text for r in d.reasons)
    flag_choices = (("khong", "Không cần"), ("can_xem_xet_lai", "Chi bộ cần xem xét lại"),
                    ("can_bo_phieu_lai", "Cần bỏ phiếu lại"))
    flag = next((f for f in ("can_xem_xet_lai", "can_bo_phieu_lai") if f in d.flags), "khong")
    rule_ids = tuple(sorted(set(d.rule_ids)))
    facts = {"level": Fact(_level_value(d), rule_ids, f"{d.label}. {text}", choices=choices, order=order),
             "rules": Fact(sorted(set(d.rule_ids) & set(_MEMBER_RULE_CHOICES)), rule_ids,
                           f"Các lý do của thư viện viện dẫn: {', '.join(d.rule_ids)}. {text}",
                           choices=tuple((r, r) for r in _MEMBER_RULE_CHOICES)),
             "flag": Fact(flag, rule_ids, f"{d.label}. {text}", choices=flag_choices)}
    yes_no = (("co", "Có"), ("khong", "Không"))
    date = s["member"].get("discipline_date")
    if date:
        on = discipline_in_force(date, s["review_date"], ruleset=rs)
        end = discipline_end_date(date, ruleset=rs)
        why = (f"Kỷ luật công bố ngày {fmt_date(date)} tự chấm dứt sau 12 tháng, vào ngày {fmt_date(end)}; ngày đánh "
               f"giá {fmt_date(s['review_date'])} " + ("vẫn đang trong thời gian chấp hành." if on else
                                                       "đã hết thời gian chấp hành."))
        facts["in_force"] = Fact("co" if on else "khong", ("DF11", "R-M5"), why, choices=yes_no)
    else:
        facts["in_force"] = Fact("khong", ("DF11", "R-M5"), "Đảng viên không có quyết định kỷ luật nào.",
                                 choices=yes_no)
    return facts


def _member_solve_many(scenarios: list, rs) -> list:
    return [_member_facts(s, d, rs) for s, d in zip(scenarios, _rate_members(scenarios, rs))]


def _member_solve(s: dict, rs) -> dict:
    return _member_solve_many([s], rs)[0]


_TASK = {"xuat_sac": "Hoàn thành xuất sắc", "tot": "Hoàn thành tốt", "hoan_thanh": "Hoàn thành",
         "khong_hoan_thanh": "Không hoàn thành"}


def _member_describe(s: dict) -> str:
    from ...schema import CIVIL_SERVANT_RATINGS

    m = s["member"]
    lines = [f"Chi bộ có **{s['official_members']} đảng viên chính thức**; hội nghị kiểm điểm, đánh giá ngày "
             f"**{fmt_date(s['review_date'])}**. Xét đảng viên **{m['ho_ten']}** "
             f"({'đảng viên chính thức' if m['official'] else 'đảng viên dự bị'}, vào Đảng ngày "
             f"{fmt_date(m['joined_on'])}).", "",
             f"- Chi bộ đánh giá mức thực hiện nhiệm vụ được giao: {_TASK[m['task_result']]}."]
    if m.get("civil_servant_rating"):
        lines.append(f"- Xếp loại công chức năm nay: {CIVIL_SERVANT_RATINGS[m['civil_servant_rating']]}.")
    else:
        lines.append("- Không phải công chức.")
    if m.get("emulation_award"):
        lines.append("- Được đề nghị chiến sĩ thi đua cơ sở trong năm.")
    if m.get("sick_leave_months"):
        lines.append(f"- Nghỉ ốm {m['sick_leave_months']:g} tháng trong năm.")
    if m.get("maternity_leave"):
        lines.append("- Nghỉ thai sản trong năm.")
    if m.get("absences"):
        lines.append(f"- Vắng sinh hoạt chi bộ có phép {m['absences']} lần.")
    if m.get("discipline_date"):
        lines.append(f"- Bị kỷ luật khiển trách, quyết định công bố ngày {fmt_date(m['discipline_date'])}.")
    if not m.get("reviewed", True):
        lines.append("- Vắng mặt ở hội nghị kiểm điểm của chi bộ.")
    lines.append(f"- Kết quả bỏ phiếu: Hoàn thành xuất sắc {m['votes_xuat_sac']}, Hoàn thành tốt {m['votes_tot']}, "
                 f"Hoàn thành {m['votes_hoan_thanh']}, Không hoàn thành {m['votes_khong_hoan_thanh']} phiếu.")
    lines += ["", "Các đảng viên chính thức khác của chi bộ đều được xếp loại Hoàn thành tốt nhiệm vụ và không ai khác "
              "được đề nghị Hoàn thành xuất sắc; không có chức vụ nào thuộc diện R-M6 trong tình huống này.", "",
              "Quy định áp dụng: Kế hoạch 146-KH/ĐU năm 2014 (bộ quy tắc hcm-2014), không phải quy định hiện hành."]
    return "\n".join(lines)


_MEMBER_FEATURES = {"cong_chuc": "đảng viên là công chức", "nghi_om": "có nghỉ ốm trong năm",
                    "nghi_om_3_thang": "nghỉ ốm từ 3 tháng trở lên", "nghi_thai_san": "có nghỉ thai sản",
                    "thi_dua": "được đề nghị chiến sĩ thi đua", "vang_sinh_hoat": "có vắng sinh hoạt chi bộ",
                    "ky_luat": "có quyết định kỷ luật", "du_bi": "đảng viên dự bị",
                    "vang_kiem_diem": "vắng mặt ở hội nghị kiểm điểm"}


def _member_features(s: dict) -> set:
    m = s["member"]
    present = {"cong_chuc": bool(m.get("civil_servant_rating")), "nghi_om": bool(m.get("sick_leave_months")),
               "nghi_om_3_thang": float(m.get("sick_leave_months") or 0) >= 3,
               "nghi_thai_san": bool(m.get("maternity_leave")), "thi_dua": bool(m.get("emulation_award")),
               "vang_sinh_hoat": bool(m.get("absences")), "ky_luat": bool(m.get("discipline_date")),
               "du_bi": not m.get("official", True), "vang_kiem_diem": not m.get("reviewed", True)}
    return {k for k, v in present.items() if v}


register(Generator(
    name="member_rating", title="Xếp loại một đảng viên (R-M1..R-M10)",
    params={"profile": Param("choice", "phieu", "dạng tình huống",
                             allowed=("phieu", "gioi_han", "ky_luat", "moi_ket_nap")),
            "official_members": Param("int", 12, "số đảng viên chính thức", minimum=3, maximum=60),
            "review_date": Param("date", _D(2014, 11, 20), "ngày đánh giá", minimum=_D(2010, 1, 1),
                                 maximum=_D(2030, 12, 31), day="lam_viec")},
    facts={"level": "level", "rules": "rules", "flag": "choice", "in_force": "choice"},
    generate=_member_generate, solve=_member_solve, describe=_member_describe, requires=("rating",),
    solve_many=_member_solve_many, features=_MEMBER_FEATURES, scenario_features=_member_features))


# -- a whole chi bộ: the organisation's level, the quota ---------------------------------------------------------

def _chi_bo_generate(p: dict, rng: random.Random) -> dict:
    if int(p["points_min"]) > int(p["points_max"]):
        from ...errors import InputError

        raise InputError("scenario.params.points_min", p["points_min"],
                         why=f"lớn hơn points_max ({p['points_max']})")
    n = int(p["members"])
    review = p["review_date"]
    profile = p["profile"]
    members = []
    # strong candidates get distinct vote counts (a tie at the quota boundary is its own lesson, not the usual case)
    strong_votes = list(range(n * 2 // 3 + 1, n + 1))
    rng.shuffle(strong_votes)
    for i in range(n):
        strong = profile == "ty_le" and bool(strong_votes) and rng.random() < 0.6
        votes = ({"votes_xuat_sac": strong_votes.pop(), "votes_tot": 0} if strong else
                 {"votes_xuat_sac": rng.randint(0, n // 4), "votes_tot": 0})
        votes["votes_tot"] = rng.randint(max(0, n // 2 + 1 - votes["votes_xuat_sac"]), n - votes["votes_xuat_sac"])
        votes["votes_hoan_thanh"] = n - votes["votes_xuat_sac"] - votes["votes_tot"]
        votes["votes_khong_hoan_thanh"] = 0
        members.append({"member_id": f"DV{i + 1:02d}", "chi_bo_id": "CB1", "ho_ten": synthetic_name(rng),
                        "official": True, "task_result": "xuat_sac" if strong else rng.choice(["tot", "xuat_sac"]),
                        "emulation_award": strong, **votes})
    org = {"org_id": "CB1", "ten": "Chi bộ Cơ quan Thử nghiệm", "kind": "chi_bo",
           "points": float(rng.randint(int(p["points_min"]), int(p["points_max"]))),
           "failed_tasks": 0, "committee_united": True, "committee_result": "xuat_sac", "meets_regularly": True,
           "remedy_plan_done": True, "mass_org_ranks": "1;1", "leader_disciplined": False, "self_detected": False,
           "corruption_discipline": False, "agency_lowest": False, "outstanding": False}
    if profile == "dieu_kien":
        # one twist per scenario, so each condition of R-O1..R-O5 is met by some trainees and missed by others
        twist = rng.choice(["khong", "mot_nhiem_vu", "hai_nhiem_vu", "cap_uy_tot", "cap_uy_hoan_thanh",
                            "mat_doan_ket", "doan_the", "khong_co_doan_the", "lanh_dao_ky_luat", "tu_phat_hien",
                            "tham_nhung", "khac_phuc", "dang_vien_kht"])
        if twist == "mot_nhiem_vu":
            org["failed_tasks"] = 1
        elif twist == "hai_nhiem_vu":
            org["failed_tasks"] = 2
        elif twist == "cap_uy_tot":
            org["committee_result"] = "tot"
        elif twist == "cap_uy_hoan_thanh":
            org["committee_result"] = "hoan_thanh"
        elif twist == "mat_doan_ket":
            org["committee_united"] = False
        elif twist == "doan_the":
            org["mass_org_ranks"] = rng.choice(["1;2", "2;3", "1;4"])
        elif twist == "khong_co_doan_the":
            org["mass_org_ranks"] = ""
        elif twist in ("lanh_dao_ky_luat", "tu_phat_hien"):
            org["leader_disciplined"] = True
            org["self_detected"] = twist == "tu_phat_hien"
        elif twist == "tham_nhung":
            org["corruption_discipline"] = True
        elif twist == "khac_phuc":
            org["remedy_plan_done"] = False
        elif twist == "dang_vien_kht":
            weak = members[rng.randrange(n)]
            weak.update({"task_result": "khong_hoan_thanh", "votes_xuat_sac": 0, "votes_tot": 0,
                         "votes_hoan_thanh": n // 2 - 1, "votes_khong_hoan_thanh": n - (n // 2 - 1)})
    if profile == "ty_le":
        org["outstanding"] = rng.random() < 0.3
    return {"profile": profile, "review_date": review, "members": members, "organisation": org}


def _chi_bo_solve_many(scenarios: list, rs) -> list:
    """Every trainee's chi bộ in one call of ``rate_organisation`` (each a chi bộ cơ sở of its own: no quota or
    level of one reaches another)."""
    from ...rating import OrgLevel, rate_organisation

    org_choices = tuple((lv.value, lv.label) for lv in OrgLevel)
    org_order = tuple(lv.value for lv in sorted(OrgLevel, key=lambda lv: lv.rank))
    out: list = [None] * len(scenarios)
    for review, idx in _by_review_date(scenarios).items():
        members, orgs = [], []
        for i in idx:
            s = scenarios[i]
            members += [{**m, "member_id": f"T{i}_{m['member_id']}", "chi_bo_id": f"T{i}_CB1"} for m in s["members"]]
            orgs.append({**s["organisation"], "org_id": f"T{i}_CB1"})
        res = rate_organisation(members, orgs, review_date=review, ruleset=rs)
        for i in idx:
            s = scenarios[i]
            d = res.organisation(f"T{i}_CB1")
            decisions = [(m["member_id"], res.member(f"T{i}_{m['member_id']}")) for m in s["members"]]
            text = " ".join(r.text for r in d.reasons)
            n_htxs = sum(1 for _, md in decisions if md.level is not None and md.level.value == "HTXS")
            quota_rules = sorted({rid for _, md in decisions for rid in md.rule_ids if rid in ("R-M1", "R-M2", "R-M6")})
            each = "; ".join(f"{mid}: {md.label}" for mid, md in decisions)
            rule_ids = tuple(sorted(set(d.rule_ids)))
            out[i] = {
                "org_level": Fact(d.level.value if d.level is not None else "", rule_ids, f"{d.label}. {text}",
                                  choices=org_choices, order=org_order),
                "org_rules": Fact(sorted(set(d.rule_ids) & set(_ORG_RULE_CHOICES)), rule_ids,
                                  f"Các lý do của thư viện viện dẫn: {', '.join(d.rule_ids)}. {text}",
                                  choices=tuple((r, r) for r in _ORG_RULE_CHOICES)),
                "htxs_count": Fact(n_htxs, tuple(quota_rules) or ("R-M2",),
                                   f"Kết quả của thư viện cho từng đảng viên: {each}."),
            }
    return out


def _chi_bo_solve(s: dict, rs) -> dict:
    return _chi_bo_solve_many([s], rs)[0]


def _chi_bo_describe(s: dict) -> str:
    o = s["organisation"]
    from ...schema import TASK_RESULTS

    ranks = o["mass_org_ranks"]
    lines = [f"**{o['ten']}** (chi bộ cơ sở), đánh giá ngày **{fmt_date(s['review_date'])}**.", "",
             f"- Điểm tự chấm đã được thẩm định: **{o['points']:g}/100**.",
             f"- Số nhiệm vụ được giao không hoàn thành: {o['failed_tasks']}.",
             f"- Cấp ủy {'đoàn kết, thống nhất' if o['committee_united'] else 'không đoàn kết'}; kết quả thực "
             f"hiện nhiệm vụ của cấp ủy: {TASK_RESULTS[o['committee_result']]}.",
             f"- Sinh hoạt đảng {'đúng' if o['meets_regularly'] else 'không đúng'} quy định; kế hoạch khắc phục "
             f"khuyết điểm {'được thực hiện tốt' if o['remedy_plan_done'] else 'chưa được thực hiện tốt'}.",
             "- Thứ hạng các đoàn thể (1 là cao nhất): " + (ranks.replace(";", ", ") if ranks else "không có đoàn thể")
             + ".",
             "- Có cấp ủy viên là trưởng, phó bị kỷ luật" + (
                 " (do chi bộ tự phát hiện, xử lý)." if o["self_detected"] else ".") if o["leader_disciplined"]
             else "- Không có cấp ủy viên nào bị kỷ luật.",
             "- Có đảng viên bị kỷ luật do tham nhũng, tiêu cực." if o["corruption_discipline"] else
             "- Không có đảng viên bị kỷ luật do tham nhũng, tiêu cực.",
             "- Có thành tích đặc biệt xuất sắc." if o.get("outstanding") else "", "",
             "| Mã | Họ và tên | Chi bộ đánh giá | Phiếu HTXS | Phiếu HTT | Phiếu HT | Phiếu KHT |",
             "|---|---|---|---|---|---|---|"]
    for m in s["members"]:
        lines.append(f"| {m['member_id']} | {m['ho_ten']} | {TASK_RESULTS[m['task_result']]}"
                     f"{' (đề nghị chiến sĩ thi đua)' if m.get('emulation_award') else ''} | {m['votes_xuat_sac']} | "
                     f"{m['votes_tot']} | {m['votes_hoan_thanh']} | {m['votes_khong_hoan_thanh']} |")
    lines += ["", "Mọi đảng viên đều là đảng viên chính thức, đã kiểm điểm, không phải công chức. Quy định áp dụng: "
              "Kế hoạch 146-KH/ĐU năm 2014 (bộ quy tắc hcm-2014)."]
    return "\n".join(line for line in lines if line is not None)


register(Generator(
    name="chi_bo_rating", title="Xếp loại một chi bộ và đảng viên của chi bộ (R-O1..R-O8, R-M2)",
    params={"profile": Param("choice", "diem", "dạng tình huống", allowed=("diem", "dieu_kien", "ty_le")),
            "members": Param("int", 8, "số đảng viên", minimum=3, maximum=30),
            "points_min": Param("int", 40, "điểm thấp nhất", minimum=0, maximum=100),
            "points_max": Param("int", 100, "điểm cao nhất", minimum=0, maximum=100),
            "review_date": Param("date", _D(2014, 11, 20), "ngày đánh giá", minimum=_D(2010, 1, 1),
                                 maximum=_D(2030, 12, 31), day="lam_viec")},
    facts={"org_level": "level", "org_rules": "rules", "htxs_count": "number"},
    generate=_chi_bo_generate, solve=_chi_bo_solve, describe=_chi_bo_describe, requires=("rating",),
    solve_many=_chi_bo_solve_many))
