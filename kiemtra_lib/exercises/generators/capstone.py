"""The capstone case of the course (lesson 15, issue 19): one đảng bộ over a year — an inspection (T1, T3), a violation
it finds disciplined and synchronised (T5), the review campaign (T7) and the year-end rating (R-M5, DF11). Every
answer is computed by the library; the generator only draws the dates of the year."""

from __future__ import annotations

import datetime as dt

from ...dates import fmt_date
from .base import Fact, Generator, Param, register

_D = dt.date
_YES_NO = (("co", "Có"), ("khong", "Không"))
_FORMS = ("khien_trach", "canh_cao")


def _reasons(reasons) -> str:
    return " ".join(str(r) for r in reasons)


def _generate(p: dict, rng) -> dict:
    from ...calendar import next_working_day

    year = int(p["year"])

    def working(day: dt.date) -> dt.date:  # a decision, an announcement, a meeting: held on a working day
        return next_working_day(day - dt.timedelta(days=1))

    # The inspection in spring, the decision on the violation some weeks after the report, the review in autumn;
    # the meeting drawn on both sides of the grassroots' window (T7), an earlier discipline on both sides of its
    # anniversary (DF11).
    start = working(_D(year, 3, 2) + dt.timedelta(days=rng.randint(0, 40)))
    announced = working(start + dt.timedelta(days=rng.randint(35, 80)))
    review = working(_D(year, 11, 1) + dt.timedelta(days=rng.randint(0, 40)))
    meeting = working(_D(year, 8, 15) + dt.timedelta(days=rng.randint(0, 100)))
    earlier = _D(year - 1, review.month, review.day) + dt.timedelta(days=rng.randint(-10, 10))
    return {"year": year, "start": start.isoformat(), "announced": announced.isoformat(),
            "form": p["form"] if p["form"] in _FORMS else rng.choice(_FORMS), "review": review.isoformat(),
            "meeting": meeting.isoformat(), "earlier_announced": earlier.isoformat() if p["earlier_discipline"]
            else None}


def _solve(s: dict, rs) -> dict:
    from ... import discipline, timeline

    plan = timeline.plan_inspection("co_so", s["start"], ruleset=rs)
    report = plan.self_report_due()
    sync = timeline.sync_deadline("ky_luat_dang_cong_bo", s["announced"], ruleset=rs)
    meeting = timeline.check_review_date(s["meeting"], "co_so_va_dang_vien", ruleset=rs)
    announced = s["earlier_announced"] or s["announced"]
    effect = discipline.rating_effects({"announced": announced, "form": s["form"]}, s["review"], ruleset=rs)
    return {
        "deadline": Fact(plan.deadline.isoformat(), ("T3",), " ".join(plan.explain()[:2])),
        "self_report": Fact(report.date.isoformat(), ("T1",), _reasons(report.reasons)),
        "sync": Fact(sync.date.isoformat(), ("T5",), _reasons(sync.reasons)),
        "meeting_in_window": Fact("co" if meeting.ok else "khong", ("T7",), meeting.message + " "
                                  + _reasons(meeting.reasons), choices=_YES_NO),
        "in_force": Fact("co" if effect.in_force else "khong", ("DF11", "R-M5"), _reasons(effect.reasons),
                         choices=_YES_NO),
        "rules": Fact(sorted({"T3", "T5", "DF11"}), ("T3", "T5", "DF11"),
                      "Thời hạn kiểm tra (T3), thời hạn đồng bộ kỷ luật (T5), kỷ luật tự chấm dứt sau 12 tháng (DF11).",
                      choices=tuple((r, r) for r in ("T2", "T3", "T4", "T5", "T7", "DF2", "DF11"))),
    }


def _describe(s: dict) -> str:
    form = {"khien_trach": "khiển trách", "canh_cao": "cảnh cáo"}[s["form"]]
    which = (f"Kỷ luật {form} mà chi bộ xét khi xếp loại là một quyết định **công bố ngày "
             f"{fmt_date(s['earlier_announced'])}** (năm trước), không phải quyết định mới." if s["earlier_announced"]
             else f"Khi xếp loại, chi bộ xét chính quyết định kỷ luật {form} đó.")
    return (f"Năm **{s['year']}**, một đảng bộ cơ sở (giả lập) trải qua một năm công tác:\n\n"
            f"1. Ban Tổ chức quận ủy (cấp trực tiếp cơ sở) kiểm tra một chi bộ; quyết định kiểm tra được triển khai "
            f"với chi bộ (việc II.1) ngày **{fmt_date(s['start'])}**, không gia hạn, theo lịch mặc định của khóa học.\n"
            f"2. Qua kiểm tra, một đảng viên có dấu hiệu vi phạm; cấp có thẩm quyền quyết định kỷ luật **{form}**, "
            f"công bố ngày **{fmt_date(s['announced'])}**. Đảng viên là công chức.\n"
            f"3. Chi bộ định họp kiểm điểm cuối năm ngày **{fmt_date(s['meeting'])}**.\n"
            f"4. Chi bộ đánh giá, xếp loại ngày **{fmt_date(s['review'])}**. {which}")


register(Generator(
    name="capstone_year", title="Tình huống trọn năm của một đảng bộ",
    params={"year": Param("int", 2026, "năm", minimum=2016, maximum=2030),
            "form": Param("choice", "khien_trach", "hình thức kỷ luật", allowed=_FORMS),
            "earlier_discipline": Param("bool", False, "chi bộ xét một kỷ luật của năm trước")},
    facts={"deadline": "date", "self_report": "date", "sync": "date", "meeting_in_window": "choice",
           "in_force": "choice", "rules": "rules"},
    generate=_generate, solve=_solve, describe=_describe, requires=("timeline", "discipline")))
