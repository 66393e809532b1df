"""T2, T4, T5: how far back an inspection may look, when the dossier is due, the synchronisation limits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..calendar import WorkCalendar, _cal
from ..dates import as_date, fmt_date
from ..errors import InputError
from ..periods import add_years
from ..rules import RuleSet, get_ruleset
from ._common import _DAY_KIND, Check, Deadline

__all__ = ["RULES", "SYNC_EVENTS", "lookback_start", "check_lookback", "dossier_due", "sync_deadline"]

#: The rule ids this module implements (tests/test_rule_declarations.py).
RULES = ("T2", "T4", "T5")

#: The four synchronisation limits of T5.
SYNC_EVENTS = ("bat_giu_khoi_to", "ky_luat_chinh_quyen_doan_the", "xem_xet_ky_luat_dang", "ky_luat_dang_cong_bo")


# -- T2, T4, T5 ---------------------------------------------------------------------------------------------------
def lookback_start(inspection_start: Any, *, ruleset: "str | RuleSet" = "hcm-2014") -> Deadline:
    """The earliest day the inspected period may reach back to (T2): the same day and month 5 years earlier
    (29/02 becomes 28/02), per "Counting days".

    >>> fmt_date(lookback_start("10/03/2026"))
    '10/03/2021'
    """
    rs = get_ruleset(ruleset)
    start = as_date(inspection_start, "ngày kiểm tra")
    years = int(rs.value("T2", "lookback_years"))
    earliest = add_years(start, -years)
    return Deadline(earliest, what="Mốc sớm nhất của thời gian được kiểm tra", reasons=[
        rs.reason("T2", f"Thời gian được kiểm tra không quá {years} năm gần nhất tính đến ngày {fmt_date(start)}: "
                        f"cùng ngày, tháng của {years} năm trước là {fmt_date(earliest)}.", fact=fmt_date(start))])


def check_lookback(period_start: Any, inspection_start: Any, *, ruleset: "str | RuleSet" = "hcm-2014") -> Check:
    """Does the inspected period (from ``period_start``) stay within the last 5 years (T2)?"""
    rs = get_ruleset(ruleset)
    first = as_date(period_start, "ngày đầu thời gian được kiểm tra")
    earliest = lookback_start(inspection_start, ruleset=rs)
    too_far = (earliest.date - first).days
    if too_far > 0:
        msg = (f"Thời gian được kiểm tra bắt đầu {fmt_date(first)}, xa hơn mốc {fmt_date(earliest)} "
               f"{too_far} ngày.")
    else:
        msg = f"Thời gian được kiểm tra bắt đầu {fmt_date(first)}, không trước mốc {fmt_date(earliest)}."
    return Check(ok=too_far <= 0, message=msg, reasons=earliest.reasons, days_outside=max(too_far, 0))


def dossier_due(meeting_date: Any, *, ruleset: "str | RuleSet" = "hcm-2014",
                calendar: WorkCalendar | None = None) -> Deadline:
    """The last day to send the dossier before the working day with the team (T4): 3 days before it; "no later than
    N days before" moves back to the last working day on or before that day.

    >>> fmt_date(dossier_due("10/03/2026"))  # 07/03/2026 is a Saturday → Friday 06/03
    '06/03/2026'
    """
    rs, cal = get_ruleset(ruleset), _cal(calendar)
    meeting = as_date(meeting_date, "ngày làm việc với đoàn")
    days = int(rs.value("T4", "days_before"))
    kind, roll = rs.param("t4_day_kind"), rs.param("t4_roll")
    raw = cal.add_working_days(meeting, -days) if kind == "working" else meeting - dt.timedelta(days=days)
    due = cal.add_days(raw, 0, roll=roll)
    text = (f"Hồ sơ gửi đoàn chậm nhất {days} {_DAY_KIND[kind]} trước ngày làm việc {fmt_date(meeting)}: "
            f"{fmt_date(raw)}")
    if due != raw:
        text += f", là {cal.describe_day(raw)}, nên lùi về ngày làm việc liền trước {fmt_date(due)}"
    # The label names the calendar notices of the days counted (RULES.md calendar table), «ước tính» for a year
    # with none.
    return Deadline(due, what="Hạn gửi hồ sơ cho đoàn kiểm tra", unadjusted=raw,
                    calendar_label=cal.label(min(raw, due), meeting),
                    reasons=[rs.reason("T4", text + ".", fact=fmt_date(meeting))])


def sync_deadline(event: str, event_date: Any, *, ruleset: "str | RuleSet" = "hcm-2014",
                  calendar: WorkCalendar | None = None) -> Deadline:
    """The T5 deadline that follows ``event`` on ``event_date`` (the day itself not counted).

    ``"bat_giu_khoi_to"`` (notice within 3 days), ``"ky_luat_chinh_quyen_doan_the"`` (notice within 5 days): a
    notice limit ending on a non-working day ends on the next working day. ``"xem_xet_ky_luat_dang"`` (30 working
    days after the notice is received), ``"ky_luat_dang_cong_bo"`` (30 working days after the party discipline is
    announced).
    """
    rs, cal = get_ruleset(ruleset), _cal(calendar)
    events = rs.value("T5", "events")
    if not isinstance(event, str) or event not in events:  # a list or a dict is not an event name (issue 17)
        raise InputError("sự kiện", event if isinstance(event, str) else type(event).__name__, allowed=list(events),
                         rule_id="T5")
    spec = events[event]
    start = as_date(event_date, "ngày của sự kiện")
    days = int(spec["days"])
    if spec["kind"] == "working":
        due = raw = cal.add_working_days(start, days)
        text = f"{spec['label']}: {days} ngày làm việc sau ngày {fmt_date(start)} (ngày đó không tính) là {fmt_date(due)}."
    else:
        raw = start + dt.timedelta(days=days)
        roll = rs.param("t5_notice_roll") if spec.get("notice") else "none"
        due = cal.add_days(raw, 0, roll=roll)
        text = f"{spec['label']}: {days} ngày sau ngày {fmt_date(start)} (ngày đó không tính) là {fmt_date(raw)}"
        if due != raw:
            text += f", là {cal.describe_day(raw)}, nên hạn dời sang ngày làm việc kế tiếp {fmt_date(due)}"
        text += "."
    return Deadline(due, what=f"Hạn: {spec['label'][0].lower()}{spec['label'][1:]}", unadjusted=raw,
                    calendar_label=cal.label(start, max(raw, due)),
                    reasons=[rs.reason("T5", text, fact=f"{event} ngày {fmt_date(start)}")])

