"""T2, T4, T5 deadlines, T6 coverage, T7/T8 review windows: scenario tables worked out by hand.

Hand calendar (``holidays`` data for VN): Tết 2026 Monday 16/02 – Friday 20/02 (14/02–22/02 all off); 2025: Saturday
26/04 worked, 30/04, 01/05 and Friday 02/05 off; 2026: Sunday 26/04 Giỗ Tổ with Monday 27/04 off in lieu, Thursday
30/04 and Friday 01/05 off; Saturday 22/08/2026 worked, Monday 31/08, 01/09, 02/09 off. 01/03/2026 is a Sunday.
The event day is never counted (RULES.md "Counting days").
"""

import datetime as dt

import pandas as pd
import pytest

from kiemtra_lib import InputError, get_ruleset
from kiemtra_lib.calendar import make_calendar
from kiemtra_lib.timeline import (SYNC_EVENTS, check_lookback, check_review_date, dossier_due, lookback_start,
                                  review_calendar, sync_deadline, term_coverage)

D = dt.date
RS = get_ruleset("hcm-2014")


# -- T2 -----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("start, earliest, why", [
    (D(2026, 3, 10), D(2021, 3, 10), "same day and month five years earlier"),
    (D(2024, 2, 29), D(2019, 2, 28), "2019 has no 29/02: the month's last day (Civil Code Art. 148)"),
])
def test_lookback_start_is_five_years_back(start, earliest, why):
    got = lookback_start(start)
    assert got == earliest, why
    assert [r.rule_id for r in got.reasons] == ["T2"]


@pytest.mark.parametrize("period_start, ok, outside", [
    (D(2021, 3, 10), True, 0),    # exactly five years back: allowed
    (D(2021, 3, 9), False, 1),    # one day further back
    (D(2023, 1, 1), True, 0),
])
def test_an_inspected_period_may_not_reach_further_back(period_start, ok, outside):
    check = check_lookback(period_start, D(2026, 3, 10))
    assert (check.ok, check.days_outside) == (ok, outside)
    assert check.reasons[0].rule_id == "T2"


# -- T4 -----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("meeting, params, due, why", [
    (D(2026, 12, 10), {}, D(2026, 12, 7), "Thursday 10/12/2026 − 3 = Monday 07/12, a working day"),
    (D(2026, 3, 10), {}, D(2026, 3, 6), "Tuesday 10/03 − 3 = Saturday 07/03: back to Friday 06/03/2026"),
    (D(2026, 2, 23), {}, D(2026, 2, 13), "Monday 23/02 − 3 = Friday 20/02 (Tết): back to Friday 13/02/2026"),
    (D(2025, 4, 29), {}, D(2025, 4, 26), "Tuesday 29/04/2025 − 3 = Saturday 26/04, worked by the swap: stays"),
    (D(2026, 3, 10), {"t4_roll": "none"}, D(2026, 3, 7), "an instructor who does not move the date"),
    (D(2026, 2, 23), {"t4_day_kind": "working"}, D(2026, 2, 11),
     "3 working days before Monday 23/02/2026: 13/02, 12/02, 11/02"),
])
def test_dossier_due_moves_back_to_a_working_day(meeting, params, due, why):
    got = dossier_due(meeting, ruleset=RS.with_params(**params))
    assert got == due, why
    assert got.reasons[0].rule_id == "T4"


def test_dossier_due_explains_the_move():
    got = dossier_due(D(2026, 3, 10))
    assert got.unadjusted == D(2026, 3, 7) and got.moved
    assert "Thứ Bảy 07/03/2026 (nghỉ cuối tuần)" in got.reasons[0].text
    assert str(got) == "06/03/2026"
    assert "06/03/2026" in got._repr_html_()


# -- T5 -----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("event, day, params, due, why", [
    ("bat_giu_khoi_to", D(2026, 2, 12), {}, D(2026, 2, 23),
     "Thursday 12/02 + 3 = Sunday 15/02 in Tết: the notice moves to Monday 23/02/2026"),
    ("bat_giu_khoi_to", D(2026, 3, 2), {}, D(2026, 3, 5), "Monday 02/03 + 3 = Thursday 05/03, a working day"),
    ("ky_luat_chinh_quyen_doan_the", D(2026, 3, 2), {}, D(2026, 3, 9),
     "Monday 02/03 + 5 = Saturday 07/03: Monday 09/03/2026"),
    ("ky_luat_chinh_quyen_doan_the", D(2026, 4, 25), {}, D(2026, 5, 4),
     "Saturday 25/04 + 5 = Thursday 30/04 (holiday), 01/05 holiday, then the weekend: Monday 04/05/2026"),
    ("ky_luat_chinh_quyen_doan_the", D(2026, 3, 2), {"t5_notice_roll": "none"}, D(2026, 3, 7),
     "an instructor who does not move notice limits"),
    ("xem_xet_ky_luat_dang", D(2026, 2, 13), {}, D(2026, 4, 3),
     "30 working days after Friday 13/02/2026: five weeks from 23/02 make 25 by 27/03, then 30/03–03/04"),
    ("ky_luat_dang_cong_bo", D(2025, 4, 15), {}, D(2025, 5, 29),
     "16–18/04 (3), 21–25/04 (8), Saturday 26/04 worked (9), 28–29/04 (11), 05–09/05 (16), 12–16/05 (21), "
     "19–23/05 (26), 26–29/05 (30)"),
    ("xem_xet_ky_luat_dang", D(2026, 8, 21), {}, D(2026, 10, 6),
     "Saturday 22/08 worked (1), 24–28/08 (6), 31/08–02/09 off, 03–04/09 (8), three weeks to 25/09 (23), "
     "28/09–02/10 (28), 05–06/10 (30)"),
])
def test_sync_deadlines(event, day, params, due, why):
    got = sync_deadline(event, day, ruleset=RS.with_params(**params))
    assert got == due, why
    assert [r.rule_id for r in got.reasons] == ["T5"]
    assert "Bộ luật Lao động" in got.calendar_label


def test_sync_deadline_uses_an_instructors_calendar():
    custom = make_calendar(days_off={D(2026, 3, 6): "thông báo giả định"})
    # Tuesday 03/03/2026 + 3 = Friday 06/03/2026: a working day by default, a day off in the custom calendar.
    assert sync_deadline("bat_giu_khoi_to", D(2026, 3, 3)) == D(2026, 3, 6)
    got = sync_deadline("bat_giu_khoi_to", D(2026, 3, 3), calendar=custom)
    assert got == D(2026, 3, 9) and "thông báo giả định" in got.calendar_label
    # Friday 02/01/2026 is off by the shipped notice (Công văn 12729/VPCP-KGVX), which the result names.
    shipped = sync_deadline("bat_giu_khoi_to", D(2025, 12, 30))
    assert shipped == D(2026, 1, 5) and "12729/VPCP-KGVX" in shipped.calendar_label


def test_every_t5_event_is_known_and_an_unknown_one_is_refused():
    assert set(SYNC_EVENTS) == set(RS.value("T5", "events"))
    with pytest.raises(InputError, match="sự kiện.*khoi_to") as err:
        sync_deadline("khoi_to", D(2026, 3, 2))
    assert err.value.rule_id == "T5"


# -- T6 -----------------------------------------------------------------------------------------------------------
ORGS = pd.DataFrame({"org_id": ["A", "B", "C", "D"], "ten": ["Chi bộ 1", "Chi bộ 2", "Chi bộ 3", "Chi bộ 4"]})
INSPECTIONS = pd.DataFrame({
    "org_id": ["A", "A", "B", "C"],
    "date": ["15/03/2021", "01/06/2023", "2024-05-20", "10/09/2019"],
    "kind": ["kiem_tra", "giam_sat", "giam_sat", "kiem_tra"],
})


def test_term_coverage_lists_the_organisations_left_out():
    # Term 01/10/2020–30/09/2025: A twice, B once; C only in 2019 (before the term), D never → 2 of 4.
    cov = term_coverage(INSPECTIONS, ORGS, D(2020, 10, 1), D(2025, 9, 30))
    assert cov.share == 0.5
    assert cov.uncovered["org_id"].tolist() == ["C", "D"]
    row = cov.table.set_index("org_id").loc["A"]
    assert (row["so_lan_kiem_tra"], row["so_lan_giam_sat"], row["lan_gan_nhat"]) == (1, 1, D(2023, 6, 1))
    assert [r.rule_id for r in cov.reasons] == ["T6"]
    assert "2/4" in str(cov) and "Chi bộ 4" in str(cov)
    assert "Mã tổ chức" in cov.to_frame().columns


def test_term_coverage_refuses_bad_rows_all_at_once():
    bad = pd.DataFrame({"org_id": ["A", "Z"], "date": ["15/03/2021", "31/02/2022"], "kind": ["thanh_tra", "kiem_tra"]})
    with pytest.raises(InputError) as err:
        term_coverage(bad, ORGS, D(2020, 10, 1), D(2025, 9, 30))
    text = str(err.value)
    assert "thanh_tra" in text and "«Z»" in text and "31/02/2022" in text and err.value.rule_id == "T6"


def test_term_coverage_needs_the_columns_of_its_contract():
    with pytest.raises(InputError, match="kind"):
        term_coverage(INSPECTIONS.drop(columns="kind"), ORGS, D(2020, 10, 1), D(2025, 9, 30))


# -- T7, T8 -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("day, window, params, ok, outside, rule", [
    (D(2012, 8, 15), "cap_tren_co_so", {}, True, 0, "T7"),          # August is in August–September
    (D(2012, 10, 15), "cap_tren_co_so", {}, False, 15, "T7"),       # 15 days after 30/09
    (D(2012, 7, 1), "ban_thuong_vu_thanh_uy", {}, True, 0, "T7"),
    (D(2012, 11, 30), "co_so_va_dang_vien", {}, True, 0, "T7"),     # last day of November
    (D(2012, 12, 1), "co_so_va_dang_vien", {}, False, 1, "T7"),
    (D(2014, 11, 21), "kiem_diem_chi_bo", {}, True, 0, "T8"),       # window 20–28/11/2014
    (D(2014, 11, 19), "kiem_diem_chi_bo", {}, False, 1, "T8"),      # one day early
    (D(2014, 11, 29), "reviews_before", {}, True, 0, "T8"),         # "trước ngày 30/11": 29/11 is the last day
    (D(2014, 11, 30), "reviews_before", {}, False, 1, "T8"),
    (D(2014, 11, 30), "reviews_before", {"t8_before_inclusive": True}, True, 0, "T8"),
    (D(2014, 12, 5), "report_before", {}, False, 1, "T8"),
])
def test_review_dates_against_their_windows(day, window, params, ok, outside, rule):
    check = check_review_date(day, window, ruleset=RS.with_params(**params))
    assert (check.ok, check.days_outside) == (ok, outside)
    assert check.reasons[0].rule_id == rule


def test_the_review_calendar_is_data():
    cal = review_calendar(2012)
    t7 = cal[cal["quy_tac"] == "T7"].set_index("ma")
    assert (t7.loc["co_so_va_dang_vien", "tu_ngay"], t7.loc["co_so_va_dang_vien", "den_ngay"]) == (
        D(2012, 9, 1), D(2012, 11, 30))
    t8 = cal[cal["quy_tac"] == "T8"]
    assert [(r.tu_ngay, r.den_ngay) for r in t8.itertuples()] == [
        (D(2014, 11, 5), D(2014, 11, 7)), (D(2014, 11, 10), D(2014, 11, 12)), (D(2014, 11, 17), D(2014, 11, 19)),
        (D(2014, 11, 20), D(2014, 11, 28)), (D(2014, 12, 1), D(2014, 12, 3))]
    with pytest.raises(InputError, match="đợt"):
        check_review_date(D(2014, 11, 21), "dot_moi")


def test_a_deadline_is_a_date_and_arithmetic_on_it_gives_plain_dates():
    due = dossier_due(D(2026, 3, 10))
    assert due == D(2026, 3, 6) and isinstance(due, dt.date)
    assert type(due + dt.timedelta(days=1)) is dt.date and due + dt.timedelta(days=1) == D(2026, 3, 7)
    assert type(due - dt.timedelta(days=1)) is dt.date and due - D(2026, 3, 1) == dt.timedelta(days=5)
    assert due.explain()[0] == "Hạn gửi hồ sơ cho đoàn kiểm tra: 06/03/2026."
