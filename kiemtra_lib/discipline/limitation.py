"""Limitation periods (thời hiệu kỷ luật): DF2–DF5, counted as RULES.md "Counting days" says.

DF2 (QĐ 69-QĐ/TW Điều 4 khoản 1–2): 5 years at khiển trách, 10 at cảnh cáo or cách chức, none at khai trừ or giải
tán. DF3: none for the exempt kinds of violation. DF4: a new violation within the period restarts it from the day of
the new one. DF5 (HD 05-HD/UBKTTW): time "not yet considered" and time in criminal proceedings is not counted — the
course's interpretation (parameter ``discipline_not_counted_periods``): each such day inside the running period
pushes its end one day later. N years end on the same day and month N years later (Civil Code Art. 148: 29/02 →
28/02), moved to the next working day when that day is not one (parameter ``discipline_limitation_roll``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import replace
from typing import Any, Iterable

from ..calendar import _cal, next_working_day
from ..dates import as_date, fmt_date
from ..errors import InputError
from ..periods import add_years
from ..rules import Reason, RuleSet, get_ruleset
from .forms import Form, SUBJECT_LABELS, as_form, check_subject

__all__ = ["RULES", "Limitation", "limitation", "limitation_end", "exempt_kinds", "part_reason"]

#: The rule ids this module implements (tests/test_rule_declarations.py).
RULES = ("DF2", "DF3", "DF4", "DF5")

_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Limitation:
    """A limitation period worked out: its end (None: no period), how it was counted, and why."""
    form: Form
    years: int | None
    start: dt.date
    end: dt.date | None
    restarted_from: tuple[dt.date, ...] = ()
    not_counted_days: int = 0
    unrolled_end: dt.date | None = None
    exempt_kind: str | None = None
    reasons: tuple[Reason, ...] = ()

    def barred_on(self, decision_date: Any) -> bool:
        """True when the period had ended before ``decision_date`` (a period ends at the end of its last day)."""
        return self.end is not None and as_date(decision_date, "ngày quyết định") > self.end


def part_reason(rs: RuleSet, rule_id: str, text: str, fact: str | None = None, *, status: str | None = None,
                source: str | None = None) -> Reason:
    """``rs.reason`` for a part of a rule whose own status (or clause) differs from the rule's (RULES.md DF table)."""
    reason = rs.reason(rule_id, text, fact)
    changes = {}
    if status is not None and status != reason.status:
        changes["status"] = status
    if source:
        changes["source"] = source
    if not changes:
        return reason

    return replace(reason, **changes)


def exempt_kinds(subject: str, *, ruleset: "str | RuleSet" = "hcm-2014") -> dict[str, dict]:
    """The kinds of violation with no limitation period for ``subject`` (DF3), each with its clause and status."""
    rs = get_ruleset(ruleset)
    subject = check_subject(subject)
    return {k: dict(v) for k, v in rs.value("DF3", "exempt_kinds").items() if subject in v["subjects"]}


def _dates_list(value: Any, field: str) -> list:
    """None or a list of dates (a single date is a list of one); anything else is refused."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, (list, tuple, set, frozenset)) or type(value).__name__ in ("ndarray", "Series"):
        return list(value)
    if isinstance(value, (str, dt.date)):
        return [value]
    raise InputError(field, value if isinstance(value, (int, float)) else type(value).__name__,
                     allowed="một danh sách ngày")


def _intervals(periods: Iterable, rs: RuleSet) -> list[tuple[dt.date, dt.date]]:
    out = []
    for i, item in enumerate(_dates_list(periods, "thời gian không tính thời hiệu")):
        try:
            start, end = item
        except (TypeError, ValueError):
            raise InputError("khoảng thời gian không tính vào thời hiệu", item, row=i + 1,
                             allowed="một cặp (ngày bắt đầu, ngày kết thúc)", rule_id="DF5") from None
        a = as_date(start, "ngày bắt đầu khoảng không tính thời hiệu", row=i + 1)
        b = as_date(end, "ngày kết thúc khoảng không tính thời hiệu", row=i + 1)
        if b < a:
            raise InputError("ngày kết thúc khoảng không tính thời hiệu", fmt_date(b), row=i + 1,
                             why=f"Trước ngày bắt đầu {fmt_date(a)}", rule_id="DF5")
        out.append((a, b))
    merged: list[tuple[dt.date, dt.date]] = []
    for a, b in sorted(out):
        if merged and a <= merged[-1][1] + _ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _overlap_days(intervals, first: dt.date, last: dt.date) -> int:
    total = 0
    for a, b in intervals:
        lo, hi = max(a, first), min(b, last)
        if lo <= hi:
            total += (hi - lo).days + 1
    return total


def _period_end(start: dt.date, years: int, intervals, rs: RuleSet, calendar) -> tuple[dt.date, dt.date, int]:
    """(end, end before rolling, days not counted) of a period of ``years`` running from ``start``."""
    base = add_years(start, years)
    end, days = base, 0
    if intervals and rs.param("discipline_not_counted_periods") == "extend":
        # The day of the event is not counted (Art. 147); each not-counted day inside the period pushes the end.
        while True:
            days = _overlap_days(intervals, start + _ONE_DAY, end)
            new_end = base + dt.timedelta(days=days)
            if new_end == end:
                break
            end = new_end
    unrolled = end
    if rs.param("discipline_limitation_roll") == "forward":
        end = next_working_day(end, calendar=calendar)
    return end, unrolled, days


def limitation(subject: str, form: Any, violation_date: Any, *, later_violation_dates: Iterable = (),
               exempt_kind: str | None = None, not_counted: Iterable = (), calendar=None,
               ruleset: "str | RuleSet" = "hcm-2014") -> Limitation:
    """The limitation period of a violation, with its reasons (DF2–DF5). See ``limitation_end``."""
    rs = get_ruleset(ruleset)
    subject = check_subject(subject)
    f = as_form(form, subject, holds_post=None, ruleset=rs)
    start = as_date(violation_date, "ngày vi phạm")
    later = sorted(as_date(d, "ngày vi phạm mới", row=i + 1)
                   for i, d in enumerate(_dates_list(later_violation_dates, "ngày vi phạm mới")))
    for d in later:
        if d < start:
            raise InputError("ngày vi phạm mới", fmt_date(d), why=f"Trước ngày vi phạm {fmt_date(start)}",
                             rule_id="DF4")
    intervals = _intervals(not_counted, rs)
    who = SUBJECT_LABELS[subject]
    if exempt_kind is not None:
        kinds = exempt_kinds(subject, ruleset=rs)
        if exempt_kind not in kinds:
            raise InputError("loại vi phạm không áp dụng thời hiệu", exempt_kind,
                             allowed=[f"{k} ({v['label']})" for k, v in kinds.items()], rule_id="DF3")
        kind = kinds[exempt_kind]
        reason = part_reason(rs, "DF3", f"{kind['label']}: không áp dụng thời hiệu kỷ luật.", exempt_kind,
                             status=kind["status"], source=kind["clause"])
        return Limitation(form=f, years=None, start=start, end=None, exempt_kind=exempt_kind, reasons=(reason,))
    years = rs.value("DF2", "years")[subject][f.slug]
    if years is None:
        reason = rs.reason("DF2", f"Vi phạm đến mức {f.label.lower()} ({who}): không áp dụng thời hiệu.", f.slug)
        return Limitation(form=f, years=None, start=start, end=None, reasons=(reason,))
    reasons = [rs.reason("DF2", f"Thời hiệu ở mức {f.label.lower()} ({who}) là {years} năm, tính từ ngày vi phạm "
                                f"{fmt_date(start)}.", f"{years} năm")]
    restarts: list[dt.date] = []
    end, unrolled, days = _period_end(start, years, intervals, rs, calendar)
    for d in later:
        if d <= start:
            continue
        if d > end:
            # The old period had already run out: a later violation cannot restart it (DF4 "trong thời hạn").
            reasons.append(rs.reason("DF4", f"Vi phạm ngày {fmt_date(d)} xảy ra sau khi thời hiệu đã hết "
                                            f"({fmt_date(end)}): không tính lại.", fmt_date(d)))
            break
        restarts.append(d)
        start = d
        end, unrolled, days = _period_end(start, years, intervals, rs, calendar)
        reasons.append(rs.reason("DF4", f"Có vi phạm mới ngày {fmt_date(d)} trong thời hiệu: thời hiệu của vi "
                                        f"phạm cũ tính lại từ ngày đó.", fmt_date(d)))
    if days:
        reasons.append(rs.reason("DF5", f"{days} ngày thuộc khoảng thời gian không tính vào thời hiệu (chưa xem xét "
                                        f"kỷ luật; điều tra, truy tố, xét xử): ngày hết thời hiệu lùi thêm {days} "
                                        f"ngày.", f"{days} ngày"))
    text = f"Thời hiệu kết thúc ngày {fmt_date(end)}"
    if end != unrolled:
        text += f" (ngày {fmt_date(unrolled)} không phải ngày làm việc nên lùi sang ngày làm việc kế tiếp"
        # Name the calendar notices the move used, and say when the year's days off are only an estimate.
        cal = _cal(calendar)
        used = cal.notices_used(unrolled, end)
        if used:
            text += "; lịch theo " + "; ".join(str(n) for n in used)
        for year in cal.estimated_years(unrolled, end):
            text += f"; ngày nghỉ năm {year} là ước tính, chưa có thông báo chính thức"
        text += ")"
    reasons.append(rs.reason("DF2", text + ".", fmt_date(end)))
    return Limitation(form=f, years=years, start=start, end=end, restarted_from=tuple(restarts),
                      not_counted_days=days, unrolled_end=unrolled, reasons=tuple(reasons))


def limitation_end(subject: str, form: Any, violation_date: Any, *, later_violation_dates: Iterable = (),
                   exempt_kind: str | None = None, not_counted: Iterable = (), calendar=None,
                   ruleset: "str | RuleSet" = "hcm-2014") -> dt.date | None:
    """The last day on which ``form`` may still be imposed for a violation of ``violation_date``; None: no period.

    ``later_violation_dates``: new violations (DF4 restart); ``exempt_kind``: a DF3 kind (no period);
    ``not_counted``: (start, end) intervals not counted (DF5); ``calendar``: a ``kiemtra_lib.calendar`` calendar.

    >>> limitation_end("dang_vien", "khien_trach", "10/03/2021")   # 10/03/2026 is a Tuesday
    datetime.date(2026, 3, 10)
    >>> limitation_end("dang_vien", "khai_tru", "10/03/2021") is None
    True
    """
    return limitation(subject, form, violation_date, later_violation_dates=later_violation_dates,
                      exempt_kind=exempt_kind, not_counted=not_counted, calendar=calendar, ruleset=ruleset).end
