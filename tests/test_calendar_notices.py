"""The official notices that ``holidays`` lacks ship as package data (RULES.md calendar table), with source and
status; the default calendar uses them, a result names the ones it used, and a year with no notice is «ước tính»."""

import datetime as dt

import pytest

from kiemtra_lib.calendar import (add_working_days, default_calendar, holidays_only_calendar, is_working_day,
                                  make_calendar, shipped_notices)

D = dt.date


def notice(key):
    return {n.key: n for n in shipped_notices()}[key]


@pytest.mark.parametrize("key, source, status", [
    ("tet_duong_lich_2026", "Công văn 12729/VPCP-KGVX ngày 25/12/2025", "to_be_confirmed"),
    ("quoc_khanh_2026", "Công văn 9859/VPCP-KGVX ngày 13/10/2025; Thông báo 9441/TB-BNV", "confirmed"),
    ("tet_binh_ngo_2026", "Công văn 9859/VPCP-KGVX ngày 13/10/2025; Thông báo 9441/TB-BNV", "confirmed"),
    ("ngay_van_hoa_2026", "Nghị quyết 80-NQ/TW (2026)", "to_be_confirmed"),
    ("nghi_bu_hang_nam", "Bộ luật Lao động 2019 Điều 111 khoản 3", "confirmed"),
])
def test_each_notice_carries_the_source_and_status_of_rules_md(key, source, status):
    n = notice(key)
    assert (n.source, n.status) == (source, status)
    assert ("(cần xác nhận)" in str(n)) == (status != "confirmed")


@pytest.mark.parametrize("day, working", [
    (D(2026, 1, 2), False),   # Friday off (Tết Dương lịch), holidays 0.109 has it as a working day
    (D(2026, 1, 10), True),   # Saturday worked in exchange
    (D(2026, 8, 31), False),  # Monday off (Quốc khánh)
    (D(2026, 8, 22), True),   # Saturday worked in exchange
    (D(2026, 11, 24), False),  # Ngày Văn hóa Việt Nam
    (D(2026, 2, 20), False),  # Tết Bính Ngọ, statutory 16/02–20/02
    (D(2026, 2, 23), True),
    (D(2026, 1, 9), True),
])
def test_the_default_calendar_uses_the_shipped_notices(day, working):
    assert is_working_day(day) is working
    assert default_calendar().is_working_day(day) is working


def test_without_the_notices_holidays_alone_misses_the_new_year_swap():
    assert holidays_only_calendar().is_working_day(D(2026, 1, 2)) is True
    assert holidays_only_calendar().is_working_day(D(2026, 1, 10)) is False
    # 31/12/2025 + 1 working day: Friday 02/01 under holidays alone, Monday 05/01 with the notice.
    assert add_working_days(D(2025, 12, 31), 1, calendar=holidays_only_calendar()) == D(2026, 1, 2)
    assert add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 5)


def test_a_label_over_a_span_names_only_the_notices_of_that_span_with_their_status():
    cal = default_calendar()
    january = cal.label("31/12/2025", "12/01/2026")
    assert "Công văn 12729/VPCP-KGVX ngày 25/12/2025 (cần xác nhận)" in january
    assert "9859/VPCP-KGVX" not in january and "ước tính" not in january
    august = cal.label("20/08/2026", "05/09/2026")
    assert "Công văn 9859/VPCP-KGVX ngày 13/10/2025; Thông báo 9441/TB-BNV" in august
    assert "cần xác nhận" not in august and "12729" not in august
    march = cal.label("02/03/2026", "31/03/2026")
    assert "thông báo" not in march and "ước tính" not in march
    assert "Nghị quyết 80-NQ/TW (2026) (cần xác nhận)" in cal.label("20/11/2026", "30/11/2026")


def test_dates_of_a_year_with_no_notice_are_estimates():
    cal = default_calendar()
    assert cal.estimated_years("01/12/2026", "31/03/2028") == (2027, 2028)
    assert "năm 2027: ước tính theo các ngày lễ cố định" in cal.label("04/02/2027", "15/02/2027")
    assert "ước tính" not in cal.label("04/02/2026", "15/02/2026")
    assert "từ năm 2027: ước tính" in cal.label()


def test_an_instructors_day_goes_on_top_of_a_shipped_notice():
    cal = make_calendar(workdays={"02/01/2026": "Thông báo giả định của giảng viên"})
    assert cal.is_working_day(D(2026, 1, 2)) is True
    assert cal.is_working_day(D(2026, 1, 10)) is True  # the shipped swap's other day stays
    label = cal.label("01/01/2026", "12/01/2026")
    assert "02/01/2026 làm việc theo Thông báo giả định của giảng viên" in label
    assert "12729/VPCP-KGVX" in label  # 10/01 still comes from the notice
    only_instructor = make_calendar(workdays={"02/01/2026": "giả định"}, notices=False)
    assert only_instructor.is_working_day(D(2026, 1, 10)) is False


def test_a_deadline_names_the_notices_of_its_own_days_and_says_when_they_are_estimates():
    from kiemtra_lib.timeline import dossier_due, plan_inspection, sync_deadline

    january = dossier_due("12/01/2026")  # 3 days back from Monday 12/01/2026 crosses the swapped days
    assert "12729/VPCP-KGVX" in january.calendar_label and "(cần xác nhận)" in january.calendar_label
    assert "9859/VPCP-KGVX" not in january.calendar_label
    march = sync_deadline("bat_giu_khoi_to", "02/03/2026")
    assert "thông báo" not in march.calendar_label and "ước tính" not in march.calendar_label
    later = dossier_due("12/01/2027")
    assert "năm 2027: ước tính" in later.calendar_label
    plan = plan_inspection("co_so", "10/08/2026")  # 20 days + extension cross Quốc khánh 2026
    calendar_reason = [r.text for r in plan.reasons if r.text.startswith("Lịch dùng")][0]
    assert "9859/VPCP-KGVX" in calendar_reason and "12729" not in calendar_reason


def test_a_limitation_period_moved_by_a_notice_day_names_it():
    from kiemtra_lib.discipline import limitation

    lim = limitation("dang_vien", "khien_trach", D(2021, 1, 1))  # 01/01/2026 holiday, 02/01 off by the notice
    assert lim.end == D(2026, 1, 5)
    last = lim.reasons[-1].text
    assert "lùi sang ngày làm việc kế tiếp" in last and "12729/VPCP-KGVX" in last and "(cần xác nhận)" in last
    later = limitation("dang_vien", "khien_trach", D(2022, 5, 1))  # Saturday 01/05/2027: an estimated year
    assert "ngày nghỉ năm 2027 là ước tính" in later.reasons[-1].text
    plain = limitation("dang_vien", "khien_trach", D(2021, 3, 3))  # Tuesday 03/03/2026: no move, nothing named
    assert "thông báo" not in plain.reasons[-1].text
