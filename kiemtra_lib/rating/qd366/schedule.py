"""The calendar of the annual review under qd366-2025 (HD 43 Mục 2 tiểu mục 2.1, Mục 4, tiểu mục 7.4; RULES.md N16):
reviews and ratings end before 31/12 (units that do not close their year at year end: by 15/01 of the next year),
dossiers to the Central Organisation Commission before 01/02, its report to the Politburo before 01/03; the draft
collective report reaches participants at least 3 working days before the meeting, which lasts at least 1 day.

Every date is read from the rule data; working days come from ``kiemtra_lib.calendar`` (with the shipped notices),
and each result names the calendar and the notices it used.

>>> from kiemtra_lib.dates import fmt_date
>>> fmt_date(draft_report_due("15/12/2025"))  # Monday 15/12 → Wednesday 10/12/2025
'10/12/2025'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from ...calendar import WorkCalendar, _cal
from ...dates import as_date, fmt_date
from ...errors import InputError
from ...rules import RuleSet, get_ruleset
from ...timeline._common import Deadline

__all__ = ["draft_report_due", "review_schedule", "RULES"]

RULES = ("N16",)


def _day(text: str, year: int) -> dt.date:
    day, month = (int(x) for x in str(text).split("/"))
    return dt.date(year, month, day)


def draft_report_due(meeting_date: Any, *, ruleset: "str | RuleSet" = "qd366-2025",
                     calendar: WorkCalendar | None = None) -> Deadline:
    """The last day the draft collective report may reach the participants: N working days before the meeting
    (N16, ``draft_report_working_days``), the meeting day not counted."""
    rs, cal = get_ruleset(ruleset), _cal(calendar)
    meeting = as_date(meeting_date, "ngày hội nghị kiểm điểm")
    days = int(rs.value("N16", "draft_report_working_days"))
    due = cal.add_working_days(meeting, -days)
    text = (f"Dự thảo báo cáo kiểm điểm của tập thể gửi trước ít nhất {days} ngày làm việc trước hội nghị "
            f"{fmt_date(meeting)}: chậm nhất {cal.describe_day(due)}; hội nghị kiểm điểm ít nhất "
            f"{rs.value('N16', 'meeting_min_days')} ngày.")
    return Deadline(due, what="Hạn gửi dự thảo báo cáo kiểm điểm của tập thể",
                    calendar_label=cal.label(due, meeting), reasons=[rs.reason("N16", text, fact=fmt_date(meeting))])


def review_schedule(year: int, *, meeting_date: Any = None, ruleset: "str | RuleSet" = "qd366-2025",
                    calendar: WorkCalendar | None = None) -> pd.DataFrame:
    """The dated steps of the review of ``year`` under N16, as a table (Vietnamese headers): what, the date, the
    clause; with ``meeting_date``, the draft report's deadline before it. ``attrs["calendar_label"]`` names the
    calendar."""
    rs, cal = get_ruleset(ruleset), _cal(calendar)
    if isinstance(year, bool) or not isinstance(year, int) or not 2025 <= year <= 2100:
        raise InputError("năm", year, allowed="một năm từ 2025 (Quy định 366-QĐ/TW có hiệu lực từ 30/08/2025)")
    cite = rs.cite("N16")
    v = rs.rule("N16").values
    rows = [
        ("Hoàn thành kiểm điểm, đánh giá, xếp loại (cả trường học)", "trước ngày", _day(v["review_before"], year)),
        ("Đơn vị không kết thúc năm công tác vào cuối năm: hoàn thành kiểm điểm, xếp loại", "chậm nhất",
         _day(v["late_units_by"], year + 1)),
        ("Gửi hồ sơ, báo cáo kết quả về Ban Tổ chức Trung ương", "trước ngày", _day(v["dossier_before"], year + 1)),
        ("Ban Tổ chức Trung ương báo cáo Bộ Chính trị", "trước ngày", _day(v["report_before"], year + 1)),
    ]
    first, last = rows[0][2], rows[-1][2]
    if meeting_date is not None:
        meeting = as_date(meeting_date, "ngày hội nghị kiểm điểm")
        due = draft_report_due(meeting, ruleset=rs, calendar=cal)
        rows.insert(0, ("Gửi dự thảo báo cáo kiểm điểm của tập thể cho người dự hội nghị", "chậm nhất", due))
        rows.insert(1, (f"Hội nghị kiểm điểm (ít nhất {v['meeting_min_days']} ngày)", "ngày", meeting))
        first = min(first, due)
    table = pd.DataFrame({"Việc": [r[0] for r in rows], "Hạn": [r[1] for r in rows],
                          "Ngày": [fmt_date(r[2]) for r in rows], "Căn cứ": [f"N16, {cite}"] * len(rows)})
    table.attrs["calendar_label"] = cal.label(first, last)
    table.attrs["ruleset"] = rs.name
    return table
