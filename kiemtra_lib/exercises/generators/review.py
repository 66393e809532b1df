"""Review-meeting scenarios (K2, K3, K5): a chi bộ's members with their posts; the order, the chair and who is left
out come from ``kiemtra_lib.review.plan_review``."""

from __future__ import annotations

import datetime as dt
import random

from ...dates import fmt_date
from .base import Fact, Generator, Param, official_day, register
from .rating import synthetic_name

_D = dt.date
_YES_NO = (("co", "Có"), ("khong", "Không"))


def _meeting_generate(p: dict, rng: random.Random) -> dict:
    n = int(p["members"])
    meeting = dt.date.fromisoformat(p["meeting_date"])
    extra = ["lanh_dao_quan_ly"] * rng.randint(0, 2) + (["chi_uy_vien"] if rng.random() < 0.5 else [])
    # at least three members without a post: the newcomer, the absent member and one more to compare with
    posts = ["bi_thu_chi_bo", "pho_bi_thu_chi_bo"] + extra[:max(0, n - 5)]
    posts += [""] * (n - len(posts))
    rng.shuffle(posts)  # the list order is the chi bộ's own: the library, not the list, decides the turn
    names: set[str] = set()
    members = []
    for i, post in enumerate(posts):
        name = synthetic_name(rng)
        while name in names:
            name = synthetic_name(rng)
        names.add(name)
        members.append({"member_id": f"DV{i + 1:02d}", "ho_ten": name, "posts": post,
                        "joined_on": official_day(meeting - dt.timedelta(days=rng.randint(800, 9000))),
                        "reviewed": True})
    # a newly admitted member a few days either side of the six months of K3, and maybe one absent member (K5)
    plain = [m for m in members if not m["posts"]]
    newcomer = rng.choice(plain)
    six = meeting.replace(year=meeting.year if meeting.month > 6 else meeting.year - 1,
                          month=(meeting.month - 7) % 12 + 1, day=min(meeting.day, 28))
    newcomer["joined_on"] = official_day(six + dt.timedelta(days=rng.randint(-4, 4)))
    absent = None
    if p["absent"] and len(plain) > 1:
        absent = rng.choice([m for m in plain if m is not newcomer])
        absent["reviewed"] = False
    target = rng.choice([m for m in members if m is not newcomer])
    return {"meeting_date": p["meeting_date"], "members": members, "newcomer": newcomer["member_id"],
            "absent": absent["member_id"] if absent else None, "target": target["member_id"]}


def _plan(s: dict, rs):
    from ...review import plan_review

    return plan_review(s["members"], meeting_date=s["meeting_date"], ruleset=rs)


def _member_choices(s: dict) -> tuple:
    return tuple((m["member_id"], f"{m['ho_ten']} ({m['member_id']})") for m in s["members"])


def _meeting_solve(s: dict, rs) -> dict:
    plan = _plan(s, rs)
    individual = [i for i in plan.agenda if i.kind == "ca_nhan"]
    first = individual[0]
    secretary = next(m["member_id"] for m in s["members"] if m["posts"] == "bi_thu_chi_bo")
    item = next(i for i in individual if i.member_id == secretary)
    chairs = sorted({i.chair for i in plan.agenda} | {"Đại diện cấp ủy cấp trên"})
    newcomer_out = any(e.member_id == s["newcomer"] for e in plan.not_reviewed)
    k3 = next((e.reason for e in plan.not_reviewed if e.member_id == s["newcomer"]), None)
    rated = [m["member_id"] for m in s["members"]
             if not any(e.member_id == m["member_id"] for e in plan.not_reviewed + plan.absent)]
    target_pos = plan.position(s["target"])
    excl = "; ".join(str(e.reason) for e in plan.not_reviewed + plan.absent)
    return {
        "first": Fact(first.member_id, ("K2",), " ".join(r.text for r in first.reasons) + " " + first.subject,
                      choices=_member_choices(s)),
        "secretary_chair": Fact(item.chair, ("K2",), " ".join(r.text for r in item.reasons),
                                choices=tuple((c, c) for c in chairs)),
        "target_position": Fact(target_pos if target_pos is not None else 0, ("K2",), plan.explain(s["target"])),
        "newcomer_reviewed": Fact("khong" if newcomer_out else "co", ("K3",),
                                  k3.text if k3 is not None else
                                  f"Đảng viên {s['newcomer']} đã đủ 6 tháng kể từ ngày vào Đảng nên kiểm điểm "
                                  f"(K3). " + plan.explain(s["newcomer"]).split("\n")[0],
                                  choices=_YES_NO),
        "rated_count": Fact(len(rated), ("K3", "K5"), f"{plan.summary()} {excl}".strip()),
        "rules": Fact(["K2"], ("K2",), "Thứ tự kiểm điểm và người chủ trì là quy tắc K2.",
                      choices=tuple((r, r) for r in ("K1", "K2", "K3", "K4", "K5"))),
    }


def _meeting_describe(s: dict) -> str:
    from ...rules import get_ruleset

    labels = get_ruleset("hcm-2014").value("K4", "posts")
    lines = [f"Chi bộ họp kiểm điểm ngày **{fmt_date(s['meeting_date'])}**. Danh sách đảng viên theo thứ tự chi bộ "
             "lập (chi bộ không có cấp ủy nếu không có chi ủy viên):", "",
             "| Mã | Họ và tên | Chức vụ | Ngày vào Đảng | Có mặt |", "|---|---|---|---|---|"]
    for m in s["members"]:
        lines.append(f"| {m['member_id']} | {m['ho_ten']} | {labels.get(m['posts'], '—') if m['posts'] else '—'} | "
                     f"{fmt_date(m['joined_on'])} | {'có' if m['reviewed'] else 'vắng'} |")
    target = next(m for m in s["members"] if m["member_id"] == s["target"])
    newcomer = next(m for m in s["members"] if m["member_id"] == s["newcomer"])
    lines += ["", f"Đảng viên cần chú ý: **{target['ho_ten']}** ({target['member_id']}) và **{newcomer['ho_ten']}** "
              f"({newcomer['member_id']}, mới kết nạp)."]
    return "\n".join(lines)


register(Generator(
    name="review_meeting", title="Hội nghị kiểm điểm của chi bộ (K2, K3, K5)",
    params={"members": Param("int", 7, "số đảng viên", minimum=4, maximum=20),
            "meeting_date": Param("date", _D(2014, 11, 20), "ngày họp", minimum=_D(2010, 1, 1),
                                  maximum=_D(2030, 12, 31), day="lam_viec"),
            "absent": Param("bool", False, "có đảng viên vắng")},
    facts={"first": "choice", "secretary_chair": "choice", "target_position": "number",
           "newcomer_reviewed": "choice", "rated_count": "number", "rules": "rules"},
    generate=_meeting_generate, solve=_meeting_solve, describe=_meeting_describe, requires=("review",)))
