"""Inspection timelines (T1, T3 and the progress of a plan): scenario tables worked out by hand.

Hand calendar used (from the ``holidays`` data for VN, see tests/test_calendar.py): Tết 2026 is Monday 16/02 to
Friday 20/02 (with the weekends 14–15 and 21–22/02 all 9 days are off); in 2025 Saturday 26/04 is worked and Friday
02/05 is off, beside 30/04 and 01/05. February 2026 has 28 days. A limit of N days ends on the Nth day after the
day that starts it (RULES.md "Counting days"); T3 is a maximum length of an activity, so it does not move.
"""

import datetime as dt

import pytest

from kiemtra_lib import InputError, get_ruleset
from kiemtra_lib.timeline import LEVELS, default_schedule, plan_inspection

D = dt.date
RS = get_ruleset("hcm-2014")


@pytest.mark.parametrize("level, start, extension, params, allowed, max_ext, deadline, why", [
    ("co_so", D(2026, 3, 2), 0, {}, 20, 6, D(2026, 3, 22),
     "02/03 + 20 days = Sunday 22/03/2026: T3 is a maximum length, so the end on a weekend does not move"),
    ("co_so", D(2026, 3, 2), 6, {}, 20, 6, D(2026, 3, 28),
     "extension at the limit: 20 // 3 = 6 days, 02/03 + 26 = 28/03/2026"),
    ("tinh", D(2026, 2, 2), 0, {}, 45, 15, D(2026, 3, 19),
     "calendar days run through Tết: 02/02 + 26 = 28/02, + 19 = 19/03/2026"),
    ("tinh", D(2026, 2, 2), 15, {}, 45, 15, D(2026, 4, 3), "45 + 15 = 60 days: 19/03 + 15 = 03/04/2026"),
    ("tinh", D(2026, 2, 2), 0, {"t3_day_kind": "working"}, 45, 15, D(2026, 4, 13),
     "45 working days: 9 before Tết (03–13/02), none 16–20/02, then 5 a week from 23/02: 13/04/2026"),
    ("trung_uong", D(2026, 1, 10), 0, {}, 60, 20, D(2026, 3, 11), "10/01 + 21 = 31/01, + 28 = 28/02, + 11 = 11/03"),
    ("trung_uong", D(2026, 1, 10), 20, {}, 60, 20, D(2026, 3, 31), "60 + 20 = 80 days: 11/03 + 20 = 31/03/2026"),
    ("co_so", D(2025, 4, 18), 0, {"t3_day_kind": "working"}, 20, 6, D(2025, 5, 20),
     "20 working days from Friday 18/04/2025: 21–25/04 (5), Saturday 26/04 worked (6), 28–29/04 (8), "
     "30/04–04/05 off, 05–09/05 (13), 12–16/05 (18), 19/05 (19), 20/05 (20)"),
    ("co_so", D(2026, 3, 2), 0, {"t3_end_roll": "forward"}, 20, 6, D(2026, 3, 23),
     "an instructor who reads T3 as moving: Sunday 22/03 becomes Monday 23/03/2026"),
])
def test_the_t3_limit_and_deadline(level, start, extension, params, allowed, max_ext, deadline, why):
    plan = plan_inspection(level, start, extension_days=extension, ruleset=RS.with_params(**params))
    assert (plan.allowed_days, plan.max_extension_days, plan.deadline) == (allowed, max_ext, deadline), why
    assert {r.rule_id for r in plan.reasons} == {"T1", "T3"}


@pytest.mark.parametrize("level, start, extension, limit", [
    ("co_so", D(2026, 3, 2), 7, 6),        # one past 20 // 3
    ("tinh", D(2026, 2, 2), 16, 15),       # one past 45 // 3
    ("trung_uong", D(2026, 1, 10), 21, 20),
])
def test_an_extension_past_a_third_is_refused_citing_t3(level, start, extension, limit):
    with pytest.raises(InputError) as err:
        plan_inspection(level, start, extension_days=extension)
    assert err.value.rule_id == "T3"
    assert f"0 đến {limit}" in str(err.value) and str(extension) in str(err.value)


@pytest.mark.parametrize("bad", [-1, 2.5, "6", True])
def test_an_extension_must_be_a_whole_number_of_days(bad):
    with pytest.raises(InputError, match="số ngày gia hạn"):
        plan_inspection("co_so", D(2026, 3, 2), extension_days=bad)


def test_the_base_and_latest_deadlines_bracket_the_granted_one():
    plan = plan_inspection("tinh", D(2026, 2, 2), extension_days=5)
    # 19/03 is day 45; with 5 more days 24/03; with the largest extension (15) 03/04/2026.
    assert (plan.base_deadline, plan.deadline, plan.latest_deadline) == (D(2026, 3, 19), D(2026, 3, 24),
                                                                          D(2026, 4, 3))


@pytest.mark.parametrize("label, slug", [
    ("Cấp tỉnh/thành", "tinh"), ("cấp trực tiếp cơ sở", "co_so"), ("Cấp Trung ương", "trung_uong"),
    ("trung_uong", "trung_uong"),
])
def test_levels_accept_their_vietnamese_labels(label, slug):
    assert plan_inspection(label, D(2026, 3, 2)).level == slug
    assert LEVELS[slug]


def test_an_unknown_level_is_an_input_error():
    with pytest.raises(InputError, match="cấp kiểm tra.*huyen"):
        plan_inspection("huyen", D(2026, 3, 2))


def test_the_plan_has_the_13_steps_of_t1_in_order_with_the_default_schedule():
    plan = plan_inspection("co_so", D(2026, 3, 2))
    assert [s.code for s in plan.steps] == ["I.1", "I.2", "I.3", "II.1", "II.2", "II.3", "II.4", "II.5",
                                            "III.1", "III.2", "III.3", "III.4", "III.5"]
    assert [s.phase for s in plan.steps[:4]] == ["Chuẩn bị", "Chuẩn bị", "Chuẩn bị", "Tiến hành"]
    assert all(s.rule_id == "T1" for s in plan.steps)
    # Default for 20 days: II.2 days 1–5, II.3 6–15 (0.75·20), II.4 16 (0.8·20), II.5 17–20.
    assert default_schedule("co_so")["II.5"] == (17, 20)
    assert (plan.step("II.1").start, plan.step("II.1").end) == (D(2026, 3, 2), D(2026, 3, 2))
    assert (plan.step("II.2").start, plan.step("II.2").end) == (D(2026, 3, 3), D(2026, 3, 7))
    assert (plan.step("II.5").start, plan.step("II.5").end) == (D(2026, 3, 19), D(2026, 3, 22))
    assert plan.step("III.1").start == D(2026, 3, 23)  # the day after II.5
    assert plan.overruns == ()


def test_a_changed_schedule_that_runs_past_the_deadline_is_reported():
    plan = plan_inspection("co_so", D(2026, 3, 2), schedule={"II.5": (17, 23), "II.4": ("16/03/2026", "16/03/2026")})
    assert plan.step("II.5").end == D(2026, 3, 25)          # 02/03 + 23
    assert plan.step("II.4").start == D(2026, 3, 16)
    assert plan.overruns == ("II.5",)                        # 25/03 is after 22/03
    assert any(r.rule_id == "T3" and "II.5" in r.text for r in plan.reasons)


def test_counting_from_the_team_decision_makes_the_default_schedule_overrun():
    # The team's decision (I.2) starts 20 days before II.1: 10/02/2026; 20 days later is 02/03/2026, so every step
    # of phase II after II.1 ends after the deadline.
    plan = plan_inspection("co_so", D(2026, 3, 2), ruleset=RS.with_params(t3_anchor="thanh_lap_doan"))
    assert (plan.anchor, plan.deadline) == (D(2026, 2, 10), D(2026, 3, 2))
    assert plan.overruns == ("II.2", "II.3", "II.4", "II.5")


@pytest.mark.parametrize("schedule, field", [
    ({"II.9": (1, 2)}, "mã việc"),
    ({"II.3": (9, 4)}, "lịch việc II.3"),
    ({"II.3": "soon"}, "lịch việc II.3"),
    ({"II.3": ("31/02/2026", 4)}, "lịch việc II.3"),
])
def test_a_bad_schedule_is_an_input_error(schedule, field):
    with pytest.raises(InputError, match=field):
        plan_inspection("co_so", D(2026, 3, 2), schedule=schedule)


def test_a_meeting_planned_on_a_day_off_is_warned_about():
    # tinh, 02/02/2026 + 15 days' extension: II.5 ends Friday 03/04/2026, so III.1 starts Saturday 04/04/2026.
    plan = plan_inspection("tinh", D(2026, 2, 2), extension_days=15)
    assert plan.step("III.1").start == D(2026, 4, 4)
    assert plan.warnings == ("Việc III.1 (Họp tập thể lãnh đạo cơ quan kết luận) dự kiến vào ngày nghỉ: "
                             "Thứ Bảy 04/04/2026 (nghỉ cuối tuần).",)


def test_the_plan_explains_itself_in_vietnamese_and_names_its_calendar():
    plan = plan_inspection("co_so", D(2026, 3, 2))
    text = str(plan)
    assert text.startswith("Cấp trực tiếp cơ sở: thời gian kiểm tra không quá 20 ngày lịch, gia hạn tối đa 6 ngày.")
    assert "Chủ nhật 22/03/2026 (nghỉ cuối tuần)" in text and "không dời" in text
    assert "Bộ luật Lao động" in text
    html = plan._repr_html_()
    assert "22/03/2026" in html and "<table" in html


def test_the_plan_as_a_table_has_vietnamese_labels_and_dd_mm_yyyy():
    frame = plan_inspection("co_so", D(2026, 3, 2), schedule={"II.5": (17, 23)}).to_frame()
    assert list(frame.columns) == ["Bước", "Giai đoạn", "Công việc", "Bắt đầu", "Kết thúc", "Số ngày",
                                   "Tính vào thời hạn", "Vượt hạn", "Quy tắc"]
    row = frame.set_index("Bước").loc["II.5"]
    assert (row["Bắt đầu"], row["Kết thúc"], row["Số ngày"], row["Vượt hạn"]) == ("19/03/2026", "25/03/2026", 7,
                                                                                 "có")


# -- progress ------------------------------------------------------------------------------------------------------
DONE_SO_FAR = {"I.1": "09/02/2026", "I.2": "14/02/2026", "I.3": "01/03/2026", "II.1": "02/03/2026",
               "II.2": "09/03/2026"}


@pytest.mark.parametrize("today, late, remaining, working_left, why", [
    (D(2026, 3, 12), {"II.2": 2}, 10, 6,
     "II.2 was planned to end 07/03 and ended 09/03: 2 days late; 22/03 − 12/03 = 10 days, of which 13/03 and "
     "16–20/03 are working days"),
    (D(2026, 3, 20), {"II.2": 2, "II.3": 3, "II.4": 2}, 2, 0,
     "II.3 was due 17/03, II.4 18/03, neither done: 3 and 2 days late; after Friday 20/03 only the weekend is left"),
    (D(2026, 3, 25), {"II.2": 2, "II.3": 8, "II.4": 7, "II.5": 3}, -3, 0,
     "the deadline 22/03 passed 3 days ago without the report (II.5)"),
])
def test_progress_says_which_steps_are_late_and_what_is_left(today, late, remaining, working_left, why):
    progress = plan_inspection("co_so", D(2026, 3, 2)).progress(DONE_SO_FAR, today)
    assert {s.code: s.days_late for s in progress.late} == late, why
    assert (progress.days_remaining, progress.working_days_remaining) == (remaining, working_left), why
    assert not progress.finished


def test_progress_of_a_finished_inspection():
    done = {**DONE_SO_FAR, "II.3": "17/03/2026", "II.4": "18/03/2026", "II.5": "21/03/2026"}
    progress = plan_inspection("co_so", D(2026, 3, 2)).progress(done, D(2026, 3, 23))
    assert progress.finished and [s.code for s in progress.late] == ["II.2"]
    statuses = {s.code: s.status for s in progress.steps}
    assert statuses["II.5"] == "dung_han" and statuses["III.1"] == "chua_den_han"
    assert "Đã hoàn thiện báo cáo" in str(progress)
    assert any(r.rule_id == "T3" and "trong hạn" in r.text for r in progress.reasons)
    assert list(progress.to_frame().columns) == ["Bước", "Công việc", "Hạn theo kế hoạch", "Ngày xong",
                                                 "Tình trạng", "Số ngày trễ"]


def test_a_step_dated_after_today_or_unknown_is_an_input_error():
    plan = plan_inspection("co_so", D(2026, 3, 2))
    with pytest.raises(InputError) as err:
        plan.progress({"II.2": "13/03/2026", "II.9": "01/03/2026"}, D(2026, 3, 12))
    assert "II.9" in str(err.value) and "13/03/2026" in str(err.value)
