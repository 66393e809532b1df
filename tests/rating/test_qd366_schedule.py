"""N16: the review calendar of qd366-2025, its dates read from HD 43, working days from the calendar with the
shipped notices (each result names the ones it used)."""

import datetime as dt

import pytest

from kiemtra_lib import InputError
from kiemtra_lib.calendar import holidays_only_calendar
from kiemtra_lib.rating.qd366 import draft_report_due, review_schedule

D = dt.date


@pytest.mark.parametrize("meeting, due, without_notice", [
    # Monday 15/12/2025: Friday 12, Thursday 11, Wednesday 10.
    ("15/12/2025", D(2025, 12, 10), D(2025, 12, 10)),
    # Tuesday 13/01/2026: Monday 12, Saturday 10 (worked, Công văn 12729), Friday 09; holidays alone: 12, 09, 08.
    ("13/01/2026", D(2026, 1, 9), D(2026, 1, 8)),
    # Monday 05/01/2026: 02/01 off (notice), 01/01 New Year, then 31, 30, 29/12; holidays alone: 02, 31, 30.
    ("05/01/2026", D(2025, 12, 29), D(2025, 12, 30)),
])
def test_the_draft_report_goes_three_working_days_before_the_meeting(meeting, due, without_notice):
    got = draft_report_due(meeting)
    assert got == due and got.reasons[0].rule_id == "N16"
    assert "ít nhất 3 ngày làm việc" in got.reasons[0].text
    assert ("12729/VPCP-KGVX" in got.calendar_label) == (due.year == 2026 or meeting.endswith("2026"))
    assert draft_report_due(meeting, calendar=holidays_only_calendar()) == without_notice


def test_the_schedule_of_a_year_reads_hd43s_dates():
    table = review_schedule(2025, meeting_date="15/12/2025")
    assert table["Ngày"].tolist() == ["10/12/2025", "15/12/2025", "31/12/2025", "15/01/2026", "01/02/2026",
                                      "01/03/2026"]
    assert table["Hạn"].tolist()[2:] == ["trước ngày", "chậm nhất", "trước ngày", "trước ngày"]
    assert all(c.startswith("N16, HD 43-HD/BTCTW Mục 2 tiểu mục 2.1") for c in table["Căn cứ"])
    assert "12729/VPCP-KGVX" in table.attrs["calendar_label"]
    assert "ước tính" in review_schedule(2027).attrs["calendar_label"]


@pytest.mark.parametrize("year", [2024, "2025", True, 2101])
def test_a_year_before_qd366_or_not_a_year_is_refused(year):
    with pytest.raises(InputError, match="năm"):
        review_schedule(year)
