"""Scenario tables for rule set qd366-2025, members alone (RULES.md N1–N10 and "Cases QĐ 366 leaves open"), worked
by hand on both sides of every threshold: 90/70/50 points, exactly 30% and just under 30% beyond the requirement,
exactly 20% and just over 20% behind schedule, exactly 50% and just over 50% not completed."""

import pytest

from kiemtra_lib import InputError, load_ruleset
from kiemtra_lib.rating.qd366 import FLAG, NO_LEVEL_LABEL, rate_member

REVIEW = "15/12/2025"
# 10 tasks, all done on time, 3 beyond (exactly 30%), no shortcomings: every condition of N3 holds.
BASE = dict(points=95, tasks_assigned=10, tasks_done=10, tasks_on_time=10, tasks_beyond=3)


def rate(**changes):
    return rate_member({**BASE, **changes}, review_date=REVIEW)


SCENARIOS = [
    # (sentence, changes, level, rule ids, flagged)
    ("95 points, all on time, 3/10 beyond (exactly 30%): HTXS", {}, "HTXS", ("N3",), False),
    ("exactly 90 points: HTXS", dict(points=90), "HTXS", ("N3",), False),
    ("89.5 points: below 90, HTT", dict(points=89.5), "HTT", ("N5",), False),
    ("95 points, 2/10 beyond (under 30%): HTT, and why not HTXS", dict(tasks_beyond=2), "HTT", ("N5", "N3"), False),
    ("29 beyond of 100 (just under 30%): HTT", dict(tasks_assigned=100, tasks_done=100, tasks_on_time=100,
                                                   tasks_beyond=29), "HTT", ("N5", "N3"), False),
    ("30 beyond of 100 (exactly 30%): HTXS", dict(tasks_assigned=100, tasks_done=100, tasks_on_time=100,
                                                 tasks_beyond=30), "HTXS", ("N3",), False),
    ("95 points, 1 of 2 shortcomings remedied: HTT", dict(shortcomings_previous=2, shortcomings_fixed=1), "HTT",
     ("N5", "N3"), False),
    ("95 points, 2 of 2 shortcomings remedied: HTXS", dict(shortcomings_previous=2, shortcomings_fixed=2), "HTXS",
     ("N3",), False),
    ("exactly 70 points, all on time: HTT", dict(points=70, tasks_beyond=0), "HTT", ("N5",), False),
    ("69.5 points, all on time: HT", dict(points=69.5), "HT", ("N6",), False),
    ("80 points, 2/10 behind (exactly 20%): HT, and why not HTT", dict(points=80, tasks_on_time=8), "HT",
     ("N6", "N5"), False),
    ("80 points, 3/10 behind (over 20%): no level, flagged", dict(points=80, tasks_on_time=7), None, ("N6",), True),
    ("60 points, 20/100 behind (exactly 20%): HT", dict(points=60, tasks_assigned=100, tasks_done=100,
                                                       tasks_on_time=80, tasks_beyond=0), "HT", ("N6",), False),
    ("60 points, 21/100 behind (just over 20%): no level", dict(points=60, tasks_assigned=100, tasks_done=100,
                                                               tasks_on_time=79, tasks_beyond=0), None, ("N6",), True),
    ("exactly 50 points, all done: HT", dict(points=50), "HT", ("N6",), False),
    ("49.5 points: KHT whatever the tasks", dict(points=49.5), "KHT", ("N7",), False),
    ("80 points, 1 of 10 not done: no level, flagged", dict(points=80, tasks_done=9, tasks_on_time=9,
                                                           tasks_beyond=0), None, ("N6",), True),
    ("80 points, 5 of 10 not done (exactly 50%): no level, not KHT", dict(points=80, tasks_done=5, tasks_on_time=5,
                                                                         tasks_beyond=0), None, ("N6",), True),
    ("80 points, 6 of 10 not done (over 50%): KHT", dict(points=80, tasks_done=4, tasks_on_time=4, tasks_beyond=0),
     "KHT", ("N7",), False),
    ("51 of 100 not done (just over 50%): KHT", dict(points=80, tasks_assigned=100, tasks_done=49, tasks_on_time=49,
                                                    tasks_beyond=0), "KHT", ("N7",), False),
    ("95 points and a case of N7: KHT", dict(kht_cases="vi_pham_dieu_cam"), "KHT", ("N7",), False),
    ("95 points, disciplined at work: KHT, N8 says which year counts", dict(kht_cases="ky_luat_cong_vu"), "KHT",
     ("N7", "N8"), False),
    ("a case of N7 with mitigation: still KHT, flagged", dict(kht_cases={"suy_thoai"}, mitigation=True), "KHT",
     ("N7",), True),
    ("mitigation without a case changes nothing", dict(mitigation=True), "HTXS", ("N3",), False),
    ("sick leave of 4 months: no cap (N10)", dict(sick_leave_months=4), "HTXS", ("N10", "N3"), False),
    ("sick leave of 2.5 months: nothing to say", dict(sick_leave_months=2.5), "HTXS", ("N3",), False),
    ("maternity leave: the actual work (N10)", dict(maternity_leave=True), "HTXS", ("N10", "N3"), False),
    ("a leader whose units did not all complete: HT at most", dict(role_kind="lanh_dao_quan_ly", points=85,
                                                                 tasks_on_time=10), "HT", ("N6", "N5"), False),
    ("a leader whose units completed all, 30% beyond: HTXS", dict(role_kind="lanh_dao_quan_ly",
                                                                 led_units_all_done=True, led_units_beyond_30=True),
     "HTXS", ("N3",), False),
    ("a leader whose units completed all, under 30% beyond: HTT", dict(role_kind="lanh_dao_quan_ly",
                                                                      led_units_all_done=True), "HTT", ("N5", "N3"),
     False),
    ("a leader with low confidence votes: KHT", dict(role_kind="lanh_dao_quan_ly", kht_cases="tin_nhiem_thap"), "KHT",
     ("N7",), False),
    ("a leader with 6 of 10 own tasks not done: no level (not a leader's case of N7)",
     dict(role_kind="lanh_dao_quan_ly", points=80, tasks_done=4, tasks_on_time=4, tasks_beyond=0), None, ("N6",),
     True),
    ("a member outside the political system, 6 of 10 not done: KHT", dict(role_kind="ngoai_he_thong", points=80,
                                                                          tasks_done=4, tasks_on_time=4,
                                                                          tasks_beyond=0), "KHT", ("N7",), False),
    ("points in two parts 28 + 64 = 92: HTXS, N1 shows the sum", dict(points=None, points_common=28, points_tasks=64),
     "HTXS", ("N1", "N3"), False),
]


@pytest.mark.parametrize("changes, level, rule_ids, flagged",
                         [s[1:] for s in SCENARIOS], ids=[s[0] for s in SCENARIOS])
def test_member_scenarios(changes, level, rule_ids, flagged):
    d = rate(**{k: v for k, v in changes.items()})
    assert (d.level.value if d.level else None) == level
    assert d.rule_ids == rule_ids
    assert (FLAG in d.flags) is flagged
    assert d.ruleset == "qd366-2025" and "qd366-2025" in d.ruleset_label


@pytest.mark.parametrize("changes, why", [
    (dict(exempt=True), "miễn công tác và sinh hoạt đảng"),
    (dict(suspended=True), "đình chỉ sinh hoạt đảng"),
    (dict(joined_on="16/06/2025"), "chưa đủ 6 tháng"),
    (dict(reviewed=False), "Chưa kiểm điểm lần này"),
])
def test_who_is_not_rated_this_time_and_why(changes, why):
    d = rate(**changes)
    assert d.level is None and d.rule_ids == ("N9",) and why in d.reasons[0].text
    assert d.label == "Chưa xếp loại lần này" and d.flags == ()


def test_admitted_exactly_six_months_before_is_rated_a_day_later_is_not():
    assert rate(joined_on="15/06/2025").level.value == "HTXS"
    assert rate(joined_on="16/06/2025").level is None
    strict = load_ruleset("qd366-2025").with_params(n9_six_months_reached="day_after")
    assert rate_member({**BASE, "joined_on": "15/06/2025"}, review_date=REVIEW, ruleset=strict).level is None


def test_the_reasons_show_the_numbers_and_the_citation():
    d = rate(tasks_beyond=2)
    text = str(d)
    assert "Tổng điểm 95 (từ 70 điểm trở lên); 10/10 nhiệm vụ hoàn thành đúng tiến độ" in text
    assert "chỉ 2/10 nhiệm vụ vượt mức yêu cầu (cần ít nhất 30%)" in text
    assert "QĐ 366-QĐ/TW Điều 11 khoản 2" in text
    assert "QĐ 366-QĐ/TW Điều 11 khoản 1 (điểm 1.1 đến điểm 1.4)" in text


def test_no_level_reads_as_such_and_names_what_failed():
    d = rate(points=80, tasks_on_time=7)
    assert d.label == NO_LEVEL_LABEL
    assert "3/10 nhiệm vụ chậm tiến độ (trên 20%)" in d.reasons[0].text


def test_a_score_band_read_strictly_gives_no_level_to_92_points_without_htxs_conditions():
    strict = load_ruleset("qd366-2025").with_params(n3_bands_are_minimums=False)
    d = rate_member({**BASE, "points": 92, "tasks_beyond": 2}, review_date=REVIEW, ruleset=strict)
    assert d.level is None and FLAG in d.flags
    assert rate(points=92, tasks_beyond=2).level.value == "HTT"


def test_reasons_read_their_numbers_from_the_rule_set():
    rs = load_ruleset("qd366-2025")
    values = dict(rs.rules["N3"].values, beyond_share=[40, 100], min_points=85)
    from dataclasses import replace
    from types import MappingProxyType
    changed = replace(rs, rules=MappingProxyType({**rs.rules, "N3": replace(rs.rules["N3"],
                                                                            values=MappingProxyType(values))}))
    d = rate_member({**BASE, "points": 88, "tasks_beyond": 4}, review_date=REVIEW, ruleset=changed)
    assert d.level.value == "HTXS"
    assert "từ 85 điểm trở lên" in d.reasons[0].text and "ít nhất 40%" in d.reasons[0].text


@pytest.mark.parametrize("changes, column", [
    (dict(tasks_done=11), "tasks_done"),
    (dict(tasks_on_time=10, tasks_done=9), "tasks_on_time"),
    (dict(tasks_beyond=11), "tasks_beyond"),
    (dict(tasks_assigned=0, tasks_done=0, tasks_on_time=0, tasks_beyond=0), "tasks_assigned"),
    (dict(points=101), "points"),
    (dict(points=None), "points"),
    (dict(points=90, points_common=30, points_tasks=59), "points"),
    (dict(points=None, points_common=31, points_tasks=60), "points_common"),
    (dict(points=None, points_common=20), "points_tasks"),
    (dict(kht_cases="khong_ro"), "kht_cases"),
    (dict(kht_cases="tin_nhiem_thap"), "kht_cases"),
    (dict(led_units_all_done=True), "led_units_all_done"),
    (dict(shortcomings_previous=1, shortcomings_fixed=2), "shortcomings_fixed"),
])
def test_bad_values_are_input_errors_naming_the_column(changes, column):
    with pytest.raises(InputError) as err:
        rate(**changes)
    assert column in str(err.value)


def test_a_member_with_no_task_counts_is_an_input_error():
    with pytest.raises(InputError, match="tasks_assigned"):
        rate_member({"points": 90}, review_date=REVIEW)


def test_a_review_before_qd366_took_effect_is_refused():
    with pytest.raises(InputError, match="30/08/2025"):
        rate_member(BASE, review_date="25/11/2024")
