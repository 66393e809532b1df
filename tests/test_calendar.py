"""The working-day calendar (RULES.md "Counting days"): scenario tables worked out by hand on the 2025/2026
calendars that ``holidays`` publishes, and a property test that the column forms agree with the scalar ones.

The hand calendars used below (checked against the printed ``holidays`` data for VN):
- Tết 2026: Monday 16/02 to Friday 20/02 are days off; 14–15/02 and 21–22/02 are weekends. 13/02 is a Friday.
- 2025 swap: Saturday 26/04/2025 is worked, Friday 02/05/2025 is off; 30/04 (Wed) and 01/05 (Thu) are holidays.
- 2026 swap: Saturday 22/08/2026 is worked, Monday 31/08/2026 is off; 01/09 (Tue) and 02/09 (Wed) are holidays;
  Tuesday 24/11/2026 is "Ngày Văn hóa Việt Nam".
- 2014/2015: Saturday 27/12/2014 was worked in exchange for Friday 02/01/2015 (the swap sits in 2015's notice).
"""

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from kiemtra_lib import InputError
from kiemtra_lib import calendar as cal
from kiemtra_lib.calendar import (WorkCalendar, add_days, add_days_series, add_working_days,
                                  add_working_days_series, default_calendar, estimated_from_year, holidays_only_calendar,
                                  shipped_notices, describe_day, holiday_name,
                                  is_working_day, is_working_day_series, make_calendar, next_working_day,
                                  previous_working_day, working_days_between, working_days_between_series)

D = dt.date


@pytest.mark.parametrize("day, working, why", [
    (D(2026, 2, 13), True, "the Friday before Tết 2026 is an ordinary working day"),
    (D(2026, 2, 16), False, "Giao thừa 2026 falls on a Monday: day off"),
    (D(2026, 2, 20), False, "Mùng bốn Tết 2026, a Friday: day off"),
    (D(2026, 2, 23), True, "the Monday after Tết 2026 is the first working day"),
    (D(2025, 4, 26), True, "Saturday 26/04/2025 was worked in exchange for 02/05/2025"),
    (D(2025, 5, 2), False, "Friday 02/05/2025 was the day off of that swap"),
    (D(2026, 8, 22), True, "Saturday 22/08/2026 worked in exchange for Monday 31/08/2026"),
    (D(2026, 8, 31), False, "Monday 31/08/2026 off by that swap"),
    (D(2026, 11, 24), False, "Ngày Văn hóa Việt Nam, a Tuesday, is a day off in 2026"),
    (D(2026, 11, 25), True, "an ordinary Wednesday"),
    (D(2026, 2, 28), False, "an ordinary Saturday"),
    (D(2014, 12, 27), True, "a Saturday swap that belongs to 2015's notice"),
])
def test_which_days_are_working_days(day, working, why):
    assert is_working_day(day) is working, why


@pytest.mark.parametrize("start, n, expected, why", [
    (D(2026, 2, 13), 1, D(2026, 2, 23), "Friday before Tết 2026: 14–22/02 are all off, so Monday 23/02"),
    (D(2026, 2, 12), 2, D(2026, 2, 23), "Thursday: 13/02 is the first, 23/02 the second"),
    (D(2026, 2, 23), -1, D(2026, 2, 13), "backwards across Tết"),
    (D(2025, 4, 25), 1, D(2025, 4, 26), "the swapped Saturday 26/04/2025 counts as a working day"),
    (D(2025, 4, 29), 1, D(2025, 5, 5), "30/04, 01/05, 02/05 off, then the weekend: Monday 05/05/2025"),
    (D(2026, 8, 21), 1, D(2026, 8, 22), "Saturday 22/08/2026 is worked"),
    (D(2026, 8, 28), 1, D(2026, 9, 3), "29–30/08 weekend, 31/08 swapped off, 01–02/09 National Day: 03/09"),
    (D(2026, 2, 28), 0, D(2026, 2, 28), "zero working days after a day is that day"),
    (D(2026, 3, 2), 5, D(2026, 3, 9), "a plain week: Monday 02/03 + 5 working days = Monday 09/03/2026"),
])
def test_add_working_days_counts_from_the_day_after(start, n, expected, why):
    assert add_working_days(start, n) == expected, why


@pytest.mark.parametrize("start, end, expected, why", [
    (D(2026, 2, 13), D(2026, 2, 27), 5, "only 23–27/02 are worked after 13/02 up to 27/02/2026"),
    (D(2026, 2, 13), D(2026, 2, 13), 0, "the start day is not counted"),
    (D(2025, 4, 25), D(2025, 5, 5), 4, "26/04 (worked Saturday), 28/04, 29/04 and 05/05/2025"),
    (D(2026, 2, 23), D(2026, 2, 13), -1, "reversed: minus the working days after 13/02 up to 23/02"),
])
def test_working_days_between(start, end, expected, why):
    assert working_days_between(start, end) == expected, why


@pytest.mark.parametrize("start, n, roll, expected, why", [
    (D(2026, 2, 10), 5, "none", D(2026, 2, 15), "10/02 + 5 calendar days = Sunday 15/02/2026, left where it is"),
    (D(2026, 2, 10), 5, "forward", D(2026, 2, 23), "Sunday 15/02 in Tết: next working day Monday 23/02"),
    (D(2026, 2, 10), 5, "backward", D(2026, 2, 13), "Sunday 15/02: last working day before is Friday 13/02"),
    (D(2025, 4, 23), 3, "forward", D(2025, 4, 26), "Saturday 26/04/2025 is worked: it does not move"),
    (D(2026, 3, 2), 3, "forward", D(2026, 3, 5), "Thursday 05/03/2026, a working day: no move"),
])
def test_add_days_rolls_only_when_asked(start, n, roll, expected, why):
    assert add_days(start, n, roll=roll) == expected, why


def test_next_and_previous_working_day_stay_on_a_working_day_and_skip_otherwise():
    assert next_working_day(D(2026, 2, 13)) == D(2026, 2, 13)
    assert next_working_day(D(2026, 2, 14)) == D(2026, 2, 23)
    assert previous_working_day(D(2026, 2, 22)) == D(2026, 2, 13)
    assert previous_working_day(D(2025, 4, 27)) == D(2025, 4, 26)  # Sunday → the worked Saturday


def test_holiday_names_are_vietnamese_from_holidays():
    assert holiday_name(D(2026, 2, 17)) == "Tết Nguyên Đán"
    assert holiday_name(D(2026, 11, 24)) == "Ngày Văn hóa Việt Nam"
    assert holiday_name(D(2026, 3, 2)) is None
    assert describe_day(D(2026, 2, 28)) == "Thứ Bảy 28/02/2026 (nghỉ cuối tuần)"
    assert describe_day(D(2026, 2, 17)) == "Thứ Ba 17/02/2026 (nghỉ: Tết Nguyên Đán)"
    assert describe_day(D(2026, 3, 2)) == "Thứ Hai 02/03/2026"


def test_an_instructors_notice_adds_a_day_off_and_a_worked_saturday_and_is_named_in_the_label():
    custom = make_calendar(days_off={"02/01/2026": "Thông báo giả định số 1"},
                           workdays=[("10/01/2026", "Thông báo giả định số 2")])
    # 01/01/2026 (Thu) is New Year; with 02/01 off too the next working day is Monday 05/01/2026.
    assert add_working_days(D(2025, 12, 31), 1, calendar=custom) == D(2026, 1, 5)
    # holidays alone lacks the notice for 02/01/2026; the default calendar ships it (Công văn 12729/VPCP-KGVX).
    assert add_working_days(D(2025, 12, 31), 1, calendar=holidays_only_calendar()) == D(2026, 1, 2)
    assert add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 5)
    # Saturday 10/01/2026 made a working day.
    assert add_working_days(D(2026, 1, 9), 1, calendar=custom) == D(2026, 1, 10)
    assert holiday_name(D(2026, 1, 2), calendar=custom) == "Ngày nghỉ theo Thông báo giả định số 1"
    label = custom.label()
    assert "Bộ luật Lao động" in label and "02/01/2026 nghỉ theo Thông báo giả định số 1" in label
    assert "10/01/2026 làm việc theo Thông báo giả định số 2" in label
    # The column form sees the same changes.
    out = add_working_days_series(pd.Series(pd.to_datetime(["2025-12-31", "2026-01-09"])), 1, calendar=custom)
    assert out.dt.date.tolist() == [D(2026, 1, 5), D(2026, 1, 10)]


@pytest.mark.parametrize("call, field", [
    (lambda: add_days(D(2026, 1, 1), 3, roll="sideways"), "roll"),
    (lambda: add_working_days(D(2026, 1, 1), 1.5), "số ngày làm việc"),
    (lambda: add_working_days("31/02/2026", 1), "ngày"),
    (lambda: make_calendar(days_off={"02/01/2026": ""}), "văn bản thông báo"),
    (lambda: make_calendar(days_off={"02/01/2026": "A"}, workdays={"2026-01-02": "B"}), "ngày thay đổi lịch"),
    (lambda: is_working_day(D(2026, 1, 1), calendar="VN"), "lịch"),
])
def test_bad_input_is_an_input_error_naming_the_field(call, field):
    with pytest.raises(InputError, match=field):
        call()


def test_the_column_forms_keep_the_index_and_missing_dates():
    s = pd.Series([D(2026, 2, 13), None], index=["a", "b"])
    out = add_working_days_series(s, 1)
    assert list(out.index) == ["a", "b"] and out["a"].date() == D(2026, 2, 23) and pd.isna(out["b"])
    arr = np.array(["2025-04-25", "2025-05-02"], dtype="datetime64[D]")
    assert is_working_day_series(arr).tolist() == [True, False]
    assert working_days_between_series(arr[:1], arr[1:]).tolist() == [3]  # 26/04, 28/04, 29/04/2025


def test_a_swap_kept_in_the_next_years_data_is_seen_by_a_column_over_one_year():
    fresh = WorkCalendar()
    assert is_working_day_series([D(2014, 12, 27)], calendar=fresh).tolist() == [True]
    assert fresh.working_days_array(D(2014, 12, 26), D(2014, 12, 29)).tolist() == [
        D(2014, 12, 26), D(2014, 12, 27), D(2014, 12, 29)]


dates = st.dates(min_value=D(2012, 1, 1), max_value=D(2030, 12, 31))


@settings(max_examples=200, deadline=None)
@given(st.lists(dates, min_size=1, max_size=8), st.integers(min_value=-300, max_value=300))
def test_vectorised_add_working_days_agrees_with_the_scalar_loop(days, n):
    got = add_working_days_series(pd.Series(days), n).dt.date.tolist()
    assert got == [add_working_days(d, n) for d in days]


@settings(max_examples=200, deadline=None)
@given(dates, dates)
def test_vectorised_between_agrees_and_inverts_add(start, end):
    expected = working_days_between(start, end)
    assert working_days_between_series([start], [end]).tolist() == [expected]
    if is_working_day(start) and is_working_day(end):
        assert add_working_days(start, expected) == end


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(min_value=-60, max_value=60), st.sampled_from(cal.ROLLS))
def test_vectorised_add_days_and_is_working_day_agree(day, n, roll):
    assert add_days_series([day], n, roll).astype(object).tolist() == [add_days(day, n, roll=roll)]
    assert is_working_day_series([day]).tolist() == [is_working_day(day)]


def test_default_calendar_is_one_shared_value():
    assert default_calendar() is default_calendar()
    assert default_calendar() == WorkCalendar(notices=shipped_notices(), estimated_from=estimated_from_year())
    assert holidays_only_calendar() != default_calendar()


CUSTOM = make_calendar(days_off={D(2026, 1, 2): "thông báo giả định", D(2026, 8, 24): "thông báo giả định"},
                       workdays={D(2026, 1, 10): "thông báo giả định", D(2026, 2, 21): "thông báo giả định"})


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=D(2025, 10, 1), max_value=D(2026, 12, 31)), st.integers(min_value=-80, max_value=80))
def test_with_an_instructors_changes_the_column_form_still_agrees_with_the_scalar_one(day, n):
    got = add_working_days_series([day], n, calendar=CUSTOM).astype(object).tolist()
    assert got == [add_working_days(day, n, calendar=CUSTOM)]
    assert is_working_day_series([day], calendar=CUSTOM).tolist() == [is_working_day(day, calendar=CUSTOM)]
