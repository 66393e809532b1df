"""Limitation periods (DF2–DF5), counted as RULES.md "Counting days" says.

Worked out by hand: N years end on the same day and month N years later (29/02 → 28/02), then move to the next
working day when that day is not one. Weekdays and holidays were read from a calendar and from the `holidays` VN
list (2026: 01/01; Tết 16–20/02; 26–27/04; 30/04; 01/05; 31/08 off for Saturday 22/08 worked; 01–02/09; 24/11).
"""

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from kiemtra_lib import InputError, get_ruleset
from kiemtra_lib.calendar import is_working_day, make_calendar
from kiemtra_lib.discipline import exempt_kinds, limitation, limitation_end
from kiemtra_lib.periods import add_years

D = dt.date


@pytest.mark.parametrize("subject, form, violation, expected", [
    # member, khiển trách: 5 years; 10/03/2026 is a Tuesday, a working day
    ("dang_vien", "khien_trach", D(2021, 3, 10), D(2026, 3, 10)),
    # member, cảnh cáo and cách chức: 10 years; 10/03/2031 is a Monday
    ("dang_vien", "canh_cao", D(2021, 3, 10), D(2031, 3, 10)),
    ("dang_vien", "cach_chuc", D(2021, 3, 10), D(2031, 3, 10)),
    # member, khai trừ: no limitation period
    ("dang_vien", "khai_tru", D(2021, 3, 10), None),
    # organisation, khiển trách: 5 years → Sunday 15/06/2025 → Monday 16/06/2025
    ("to_chuc", "khien_trach", D(2020, 6, 15), D(2025, 6, 16)),
    # organisation, cảnh cáo: 10 years → Saturday 15/06/2030 → Monday 17/06/2030
    ("to_chuc", "canh_cao", D(2020, 6, 15), D(2030, 6, 17)),
    # organisation, giải tán: no limitation period
    ("to_chuc", "giai_tan", D(2020, 6, 15), None),
    # 29/02/2024 + 5 years: 2029 has no 29/02 → 28/02/2029, a Wednesday
    ("dang_vien", "khien_trach", D(2024, 2, 29), D(2029, 2, 28)),
    # ends on Tết 2026 (Tuesday 17/02): Tết runs Mon 16/02–Fri 20/02, then a weekend → Monday 23/02/2026
    ("dang_vien", "khien_trach", D(2021, 2, 17), D(2026, 2, 23)),
    # ends on Saturday 22/08/2026, a Saturday worked in exchange for 31/08: a working day, so it stays
    ("dang_vien", "khien_trach", D(2021, 8, 22), D(2026, 8, 22)),
    # ends on Monday 31/08/2026 (swapped day off), then National Day 01–02/09 → Thursday 03/09/2026
    ("to_chuc", "khien_trach", D(2021, 8, 31), D(2026, 9, 3)),
    # ends on New Year's Day 2026 (Thursday); Friday 02/01/2026 is off too (shipped notice) → Monday 05/01/2026
    ("dang_vien", "khien_trach", D(2021, 1, 1), D(2026, 1, 5)),
])
def test_each_limitation_rule(subject, form, violation, expected):
    assert limitation_end(subject, form, violation) == expected


def test_a_restart_whose_old_period_ends_on_a_holiday_uses_the_moved_end():
    # 01/01/2023 + 5 years = Saturday 01/01/2028 → Tuesday 04/01/2028; a new violation on Monday 03/01/2028 is still
    # within that period → restart → 03/01/2033, itself the observed day off of New Year (Saturday 01/01/2033) →
    # Tuesday 04/01/2033
    lim = limitation("dang_vien", "khien_trach", D(2023, 1, 1), later_violation_dates=[D(2028, 1, 3)])
    assert lim.restarted_from == (D(2028, 1, 3),) and lim.end == D(2033, 1, 4)


def test_the_roll_to_a_working_day_is_a_parameter():
    rs = get_ruleset().with_params(discipline_limitation_roll="none")
    # without the roll, the Sunday itself
    assert limitation_end("to_chuc", "khien_trach", D(2020, 6, 15), ruleset=rs) == D(2025, 6, 15)


def test_an_instructors_extra_day_off_moves_the_end_too():
    cal = make_calendar(days_off={"10/03/2026": "thông báo giả định của khoá học"})
    assert limitation_end("dang_vien", "khien_trach", D(2021, 3, 10), calendar=cal) == D(2026, 3, 11)


@pytest.mark.parametrize("later, expected, restarted", [
    # a new violation on 01/02/2024, inside the period ending 10/03/2026: restart → 01/02/2029 (Thursday)
    ([D(2024, 2, 1)], D(2029, 2, 1), (D(2024, 2, 1),)),
    # two restarts: 01/01/2023 → ends 01/01/2028 (Saturday, New Year; Monday 03/01 is its observed day off →
    # Tuesday 04/01/2028); 05/05/2027 is inside it → ends 05/05/2032 (Wednesday)
    ([D(2027, 5, 5), D(2023, 1, 1)], D(2032, 5, 5), (D(2023, 1, 1), D(2027, 5, 5))),
    # a new violation on the day the period ends is still within it: 10/03/2026 → 10/03/2031 (Monday)
    ([D(2026, 3, 10)], D(2031, 3, 10), (D(2026, 3, 10),)),
    # a new violation after the period ended cannot restart it: stays 10/03/2026
    ([D(2026, 3, 11)], D(2026, 3, 10), ()),
])
def test_a_new_violation_within_the_period_restarts_it(later, expected, restarted):
    lim = limitation("dang_vien", "khien_trach", D(2021, 3, 10), later_violation_dates=later)
    assert lim.end == expected
    assert lim.restarted_from == restarted
    # every later violation is explained under DF4: a restart, or why it did not restart
    assert "DF4" in {r.rule_id for r in lim.reasons}
    assert sum("tính lại từ ngày đó" in r.text for r in lim.reasons) == len(restarted)


@pytest.mark.parametrize("subject, kind, status", [
    ("dang_vien", "chinh_tri_noi_bo", "confirmed"),
    ("to_chuc", "chinh_tri_noi_bo", "confirmed"),
    ("dang_vien", "quoc_phong_an_ninh_doi_ngoai", "confirmed"),
    ("to_chuc", "quoc_phong_an_ninh_doi_ngoai", "confirmed"),
    # unlawful diplomas: QĐ 69 Điều 4 khoản 2 điểm b (DF3, RULES.md corrected row)
    ("dang_vien", "van_bang_chung_chi_bat_hop_phap", "confirmed"),
])
def test_exempt_kinds_have_no_limitation_period_whatever_the_form(subject, kind, status):
    lim = limitation(subject, "khien_trach", D(2001, 1, 1), exempt_kind=kind)
    assert lim.end is None and lim.years is None
    assert [(r.rule_id, r.status) for r in lim.reasons] == [("DF3", status)]


def test_the_diploma_exemption_exists_for_members_only():
    assert "van_bang_chung_chi_bat_hop_phap" in exempt_kinds("dang_vien")
    assert "van_bang_chung_chi_bat_hop_phap" not in exempt_kinds("to_chuc")
    with pytest.raises(InputError, match="van_bang_chung_chi_bat_hop_phap"):
        limitation_end("to_chuc", "khien_trach", D(2020, 1, 1), exempt_kind="van_bang_chung_chi_bat_hop_phap")


@pytest.mark.parametrize("periods, expected, days", [
    # January 2022 (31 days) not counted: 10/03/2026 + 31 days = Friday 10/04/2026
    ([(D(2022, 1, 1), D(2022, 1, 31))], D(2026, 4, 10), 31),
    # overlapping periods count once: 01/01–15/02/2022 = 46 days → Saturday 25/04/2026; Sunday 26/04 is the Hùng
    # Kings' day and Monday 27/04 its observed day off → Tuesday 28/04/2026
    ([(D(2022, 1, 1), D(2022, 1, 31)), (D(2022, 1, 15), D(2022, 2, 15))], D(2026, 4, 28), 46),
    # a period before the violation does not count
    ([(D(2020, 1, 1), D(2020, 12, 31))], D(2026, 3, 10), 0),
    # a period across the end: the clock stops for all of March 2026 with 10 days left, resumes 01/04 → 10/04/2026
    ([(D(2026, 3, 1), D(2026, 3, 31))], D(2026, 4, 10), 31),
])
def test_not_counted_periods_push_the_end_later(periods, expected, days):
    lim = limitation("dang_vien", "khien_trach", D(2021, 3, 10), not_counted=periods)
    assert lim.end == expected and lim.not_counted_days == days
    assert ("DF5" in {r.rule_id for r in lim.reasons}) == (days > 0)


def test_not_counted_periods_can_be_ignored_by_parameter():
    rs = get_ruleset().with_params(discipline_not_counted_periods="ignore")
    assert limitation_end("dang_vien", "khien_trach", D(2021, 3, 10), not_counted=[(D(2022, 1, 1), D(2022, 1, 31))],
                          ruleset=rs) == D(2026, 3, 10)


def test_the_reasons_cite_DF2_and_say_when_the_end_moved():
    lim = limitation("to_chuc", "khien_trach", D(2020, 6, 15))
    assert lim.reasons[0].rule_id == "DF2" and "5 năm" in lim.reasons[0].text
    assert "15/06/2025 không phải ngày làm việc" in lim.reasons[-1].text
    assert lim.unrolled_end == D(2025, 6, 15)


@pytest.mark.parametrize("kwargs, words", [
    ({"later_violation_dates": [D(2020, 1, 1)]}, "Trước ngày vi phạm 10/03/2021"),
    ({"exempt_kind": "tham_nhung"}, "loại vi phạm không áp dụng thời hiệu"),
    ({"not_counted": [(D(2022, 2, 1), D(2022, 1, 1))]}, "Trước ngày bắt đầu 01/02/2022"),
    ({"not_counted": [D(2022, 2, 1)]}, "một cặp"),
])
def test_bad_input_is_an_input_error_in_vietnamese(kwargs, words):
    with pytest.raises(InputError) as err:
        limitation_end("dang_vien", "khien_trach", D(2021, 3, 10), **kwargs)
    assert words in str(err.value)


def test_a_form_not_existing_for_the_subject_is_refused():
    with pytest.raises(InputError, match="giai_tan"):
        limitation_end("dang_vien", "giai_tan", D(2021, 3, 10))


# -- properties that follow from "Counting days" for any date ----------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 12, 31)), st.sampled_from(["khien_trach", "canh_cao"]))
def test_the_end_is_the_first_working_day_on_or_after_the_anniversary(violation, form):
    years = 5 if form == "khien_trach" else 10
    base = add_years(violation, years)
    end = limitation_end("dang_vien", form, violation)
    assert is_working_day(end) and base <= end
    # every day from the anniversary up to the end, the end excluded, is a day off
    assert all(not is_working_day(base + dt.timedelta(days=i)) for i in range((end - base).days))


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 12, 31)), st.integers(min_value=0, max_value=2000))
def test_a_later_violation_never_brings_the_end_earlier(violation, days_later):
    later = violation + dt.timedelta(days=days_later)
    assert limitation_end("to_chuc", "khien_trach", violation, later_violation_dates=[later]) >= \
        limitation_end("to_chuc", "khien_trach", violation)
