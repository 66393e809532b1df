"""Inspection timelines: the 13 steps of T1, the time limit of T3, and the other T rules' deadlines.

Every date here is counted as RULES.md "Counting days" says, with the choices left open kept as rule-set parameters
(``t3_day_kind``, ``t3_anchor``, ``t3_end_roll``, ``t4_day_kind``, ``t4_roll``, ``t5_notice_roll``,
``t8_before_inclusive``): the day that starts a limit is not counted, a limit of N days ends at the end of the Nth day
after it, and working days come from ``kiemtra_lib.calendar``.

>>> plan = plan_inspection("co_so", "02/03/2026")
>>> plan.allowed_days, plan.max_extension_days, fmt_date(plan.deadline)
(20, 6, '22/03/2026')
>>> fmt_date(sync_deadline("ky_luat_chinh_quyen_doan_the", "02/03/2026"))  # 07/03 is a Saturday
'09/03/2026'
"""

from __future__ import annotations

import datetime as dt
import html
import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from .calendar import WorkCalendar, _cal
from .dates import as_date, fmt_date
from .errors import InputError, Problem
from .periods import add_years
from .rules import Reason, RuleSet, get_ruleset

__all__ = ["LEVELS", "STEP_STATUS", "SYNC_EVENTS", "Step", "InspectionPlan", "StepProgress", "Progress",
           "Deadline", "Check", "TermCoverage", "plan_inspection", "default_schedule", "lookback_start",
           "check_lookback", "dossier_due", "sync_deadline", "term_coverage", "review_calendar",
           "check_review_date"]

#: Levels of T3 and their Vietnamese labels (000 §I.2).
LEVELS = {"trung_uong": "Cấp Trung ương", "tinh": "Cấp tỉnh/thành", "co_so": "Cấp trực tiếp cơ sở"}
_LEVEL_ALIASES = {"trung uong": "trung_uong", "cap trung uong": "trung_uong", "tinh": "tinh", "cap tinh": "tinh",
                  "tinh/thanh": "tinh", "cap tinh/thanh": "tinh", "tinh thanh": "tinh", "co so": "co_so",
                  "cap co so": "co_so", "cap truc tiep co so": "co_so", "truc tiep co so": "co_so"}

#: Where a step stands against its planned end.
STEP_STATUS = {"dung_han": "Xong đúng hạn", "tre": "Xong trễ", "qua_han": "Chưa xong, đã quá hạn",
               "chua_den_han": "Chưa đến hạn"}

#: The four synchronisation limits of T5.
SYNC_EVENTS = ("bat_giu_khoi_to", "ky_luat_chinh_quyen_doan_the", "xem_xet_ky_luat_dang", "ky_luat_dang_cong_bo")

_DAY_KIND = {"calendar": "ngày lịch", "working": "ngày làm việc"}
_MEETING_STEPS = ("II.1", "II.4", "III.1", "III.3")  # steps held on one day with people present


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", str(text).strip().lower().replace("đ", "d"))
    return " ".join("".join(ch for ch in text if unicodedata.category(ch) != "Mn").replace("_", " ").split())


def _level(level: Any) -> str:
    if isinstance(level, str):
        if level in LEVELS:
            return level
        key = _fold(level)
        for slug, label in LEVELS.items():
            if key == _fold(label):
                return slug
        if key in _LEVEL_ALIASES:
            return _LEVEL_ALIASES[key]
    raise InputError("cấp kiểm tra", level, allowed=[f"{k} ({v})" for k, v in LEVELS.items()], rule_id="T3")


def _reasons_html(title: str, lines: Iterable[str], reasons: Iterable[Reason]) -> str:
    items = "".join(f"<li>{html.escape(str(r))}</li>" for r in reasons)
    body = "".join(f"<div>{html.escape(line)}</div>" for line in lines)
    return f"<div><strong>{html.escape(title)}</strong>{body}<ul>{items}</ul></div>"


# -- a date with its reasons --------------------------------------------------------------------------------------
class Deadline(dt.date):
    """A date (compares and computes as a ``datetime.date``) that carries why it is that date.

    ``what`` says what the date is, ``unadjusted`` is the date before any move to a working day, ``reasons`` cite
    the rules, ``calendar_label`` names the calendar used.
    """

    def __new__(cls, day: dt.date, *, what: str, reasons: Iterable[Reason], unadjusted: dt.date | None = None,
                calendar_label: str = ""):
        self = super().__new__(cls, day.year, day.month, day.day)
        self.__dict__.update(what=what, reasons=tuple(reasons), unadjusted=unadjusted or dt.date(*day.timetuple()[:3]),
                             calendar_label=calendar_label)
        return self

    def __setattr__(self, name, value):
        raise AttributeError("Deadline is immutable")

    # Arithmetic gives plain dates: a day computed from a deadline does not carry the deadline's reasons.
    def __add__(self, other):
        return self.date + other

    __radd__ = __add__

    def __sub__(self, other):
        return self.date - (other.date if isinstance(other, Deadline) else other)

    def replace(self, *args, **kwargs) -> dt.date:
        return self.date.replace(*args, **kwargs)

    def __reduce__(self):
        return (_rebuild_deadline, (self.year, self.month, self.day, dict(self.__dict__)))

    @property
    def date(self) -> dt.date:
        return dt.date(self.year, self.month, self.day)

    @property
    def moved(self) -> bool:
        return self.unadjusted != self.date

    def explain(self) -> list[str]:
        lines = [f"{self.what}: {fmt_date(self)}."]
        lines += [str(r) for r in self.reasons]
        if self.calendar_label:
            lines.append(f"Lịch dùng: {self.calendar_label}.")
        return lines

    def __str__(self) -> str:
        return fmt_date(self)

    def _repr_html_(self) -> str:
        return _reasons_html(f"{self.what}: {fmt_date(self)}",
                             [f"Lịch dùng: {self.calendar_label}"] if self.calendar_label else [], self.reasons)


def _rebuild_deadline(y, m, d, attrs):
    return Deadline(dt.date(y, m, d), what=attrs["what"], reasons=attrs["reasons"], unadjusted=attrs["unadjusted"],
                    calendar_label=attrs["calendar_label"])


@dataclass(frozen=True)
class Check:
    """The answer to "is this date (or period) allowed?": ``ok``, a Vietnamese message, the reasons."""

    ok: bool
    message: str
    reasons: tuple[Reason, ...] = ()
    days_outside: int = 0

    def __bool__(self) -> bool:
        return self.ok

    def explain(self) -> list[str]:
        return [self.message, *(str(r) for r in self.reasons)]

    def __str__(self) -> str:
        return "\n".join(self.explain())

    def _repr_html_(self) -> str:
        return _reasons_html(("Đạt: " if self.ok else "Không đạt: ") + self.message, [], self.reasons)


# -- the plan ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Step:
    """One of the 13 steps of T1, with its planned dates."""

    code: str
    phase: str
    name: str
    start: dt.date
    end: dt.date
    rule_id: str = "T1"

    @property
    def counted(self) -> bool:
        """Inside the time counted by T3 (step II.1 to the end of step II.5)."""
        return self.code.startswith("II.")


def default_schedule(level: Any, *, extension_days: int = 0, ruleset: "str | RuleSet" = "hcm-2014",
                     ) -> dict[str, tuple[int, int]]:
    """The course's default schedule (T1 ``default_schedule`` in ``timeline.yaml``) as offsets in calendar days from
    the day of step II.1: ``{"I.1": (-30, -21), ..., "II.5": (17, 20), ...}`` for ``co_so``.

    Phase II is spread over the allowed time (plus the extension) by shares rounded down, so step II.5 ends on the
    T3 deadline; phase III follows the report. It is an assumption of the course, not a rule: pass your own
    ``schedule`` to ``plan_inspection``.

    >>> default_schedule("co_so")["II.3"]
    (6, 15)
    """
    rs = get_ruleset(ruleset)
    total = rs.value("T3", "allowed_days")[_level(level)] + int(extension_days)
    raw = rs.value("T1", "default_schedule")
    out: dict[str, tuple[int, int]] = {}
    for code in rs.value("T1", "steps"):
        item = raw[code]
        if "start" in item:
            out[code] = (int(item["start"]), int(item["end"]))
        elif "start_share" in item:
            start = math.floor(item["start_share"] * total) + 1
            out[code] = (start, max(start, math.floor(item["end_share"] * total)))
        else:
            first = out["II.5"][1] + int(item["after_report"])
            out[code] = (first, first + int(item["days"]) - 1)
    return out


@dataclass(frozen=True)
class InspectionPlan:
    """A planned inspection: T3's limit and deadlines, the 13 steps of T1 with dates, and why.

    ``deadline`` includes the granted extension, ``base_deadline`` does not, ``latest_deadline`` is the deadline with
    the largest extension T3 allows. ``overruns`` lists the steps of the counted time that end after ``deadline``;
    ``warnings`` the one-day meetings planned on a day that is not a working day.
    """

    level: str
    start: dt.date
    anchor: dt.date
    allowed_days: int
    max_extension_days: int
    extension_days: int
    day_kind: str
    base_deadline: dt.date
    deadline: dt.date
    latest_deadline: dt.date
    steps: tuple[Step, ...]
    overruns: tuple[str, ...]
    warnings: tuple[str, ...]
    reasons: tuple[Reason, ...]
    calendar: WorkCalendar = field(repr=False)
    ruleset: RuleSet = field(repr=False, compare=False)

    @property
    def level_label(self) -> str:
        return LEVELS[self.level]

    def step(self, code: str) -> Step:
        for s in self.steps:
            if s.code == code:
                return s
        raise InputError("việc", code, allowed=[s.code for s in self.steps], rule_id="T1")

    def explain(self) -> list[str]:
        """Vietnamese summary lines: the limit, the deadlines, what to watch, then the reasons."""
        lines = [f"{self.level_label}: thời gian kiểm tra không quá {self.allowed_days} {_DAY_KIND[self.day_kind]}, "
                 f"gia hạn tối đa {self.max_extension_days} ngày.",
                 f"Bắt đầu tính từ sau ngày {fmt_date(self.anchor)}; hạn {fmt_date(self.base_deadline)}"
                 + (f", gia hạn {self.extension_days} ngày: hạn mới {fmt_date(self.deadline)}"
                    if self.extension_days else "") + "."]
        if self.overruns:
            lines.append("Việc vượt quá hạn: " + ", ".join(
                f"{c} (kết thúc {fmt_date(self.step(c).end)})" for c in self.overruns) + ".")
        lines += self.warnings
        lines += [str(r) for r in self.reasons]
        return lines

    def __str__(self) -> str:
        return "\n".join(self.explain())

    def to_frame(self):
        """The steps as a table with Vietnamese column labels and dd/mm/yyyy dates."""
        import pandas as pd

        rows = [{"Bước": s.code, "Giai đoạn": s.phase, "Công việc": s.name, "Bắt đầu": fmt_date(s.start),
                 "Kết thúc": fmt_date(s.end), "Số ngày": (s.end - s.start).days + 1,
                 "Tính vào thời hạn": "có" if s.counted else "không",
                 "Vượt hạn": "có" if s.code in self.overruns else "", "Quy tắc": s.rule_id} for s in self.steps]
        return pd.DataFrame(rows)

    def _repr_html_(self) -> str:
        head = (f"Kế hoạch kiểm tra — {self.level_label}, triển khai quyết định ngày {fmt_date(self.start)}, "
                f"hạn {fmt_date(self.deadline)}")
        lines = self.explain()[1:2] + list(self.warnings)
        return (_reasons_html(head, lines, self.reasons)
                + self.to_frame().to_html(index=False, escape=True))

    def plot(self, ax=None):
        """Gantt chart of the steps (matplotlib Figure, Vietnamese labels, dd/mm/yyyy), deadlines drawn, weekends
        and holidays shaded. Built without pyplot, so no figure is left open."""
        from ._gantt import plot_plan

        return plot_plan(self, ax=ax)

    def progress(self, actual: Mapping[str, Any], today: Any) -> "Progress":
        """Where the inspection stands on ``today``, given the completion dates of the steps done so far."""
        return _progress(self, actual, today)


def plan_inspection(level: Any, start: Any, *, extension_days: int = 0, ruleset: "str | RuleSet" = "hcm-2014",
                    schedule: Mapping[str, Any] | None = None,
                    calendar: WorkCalendar | None = None) -> InspectionPlan:
    """Plan an inspection of ``level`` whose decision is put into effect with the inspected party on ``start``
    (step II.1).

    ``extension_days`` is the extension granted (at most 1/3 of the allowed time, rounded down: T3). ``schedule``
    changes the default schedule: ``{code: (first, last)}`` with calendar-day offsets from ``start`` or dates.
    """
    rs = get_ruleset(ruleset)
    cal = _cal(calendar)
    level = _level(level)
    start = as_date(start, "ngày triển khai quyết định")
    if isinstance(extension_days, bool) or not isinstance(extension_days, int) or extension_days < 0:
        raise InputError("số ngày gia hạn", extension_days, allowed="số nguyên không âm", rule_id="T3")
    allowed = int(rs.value("T3", "allowed_days")[level])
    max_ext = allowed * int(rs.value("T3", "extension_numerator")) // int(rs.value("T3", "extension_denominator"))
    if extension_days > max_ext:
        raise InputError("số ngày gia hạn", extension_days, allowed=f"0 đến {max_ext}", rule_id="T3",
                         why=f"{LEVELS[level]} được gia hạn không quá 1/3 của {allowed} ngày, tức {max_ext} ngày "
                             f"(làm tròn xuống) [T3, {rs.cite('T3')}]")
    offsets = default_schedule(level, extension_days=extension_days, ruleset=rs)
    offsets.update(_schedule_overrides(schedule, start, offsets))
    names, phases = rs.value("T1", "steps"), rs.value("T1", "phases")
    steps = tuple(Step(code, phases[code.split(".")[0]], names[code], start + dt.timedelta(days=a),
                       start + dt.timedelta(days=b)) for code, (a, b) in offsets.items())

    day_kind, anchor_kind, end_roll = rs.param("t3_day_kind"), rs.param("t3_anchor"), rs.param("t3_end_roll")
    anchor = start if anchor_kind == "trien_khai_quyet_dinh" else next(s.start for s in steps if s.code == "I.2")

    def limit(days: int) -> dt.date:
        end = cal.add_working_days(anchor, days) if day_kind == "working" else anchor + dt.timedelta(days=days)
        return cal.add_days(end, 0, roll=end_roll)

    base, deadline, latest = limit(allowed), limit(allowed + extension_days), limit(allowed + max_ext)
    overruns = tuple(s.code for s in steps if s.counted and s.end > deadline)
    warnings = tuple(f"Việc {s.code} ({s.name}) dự kiến vào ngày nghỉ: {cal.describe_day(s.start)}."
                     for s in steps if s.code in _MEETING_STEPS and not cal.is_working_day(s.start))

    anchor_text = ("ngày triển khai quyết định với đối tượng (việc II.1)" if anchor_kind == "trien_khai_quyet_dinh"
                   else "ngày bắt đầu thành lập đoàn (việc I.2)")
    reasons = [
        rs.reason("T3", f"{LEVELS[level]}: thời gian kiểm tra không quá {allowed} ngày; gia hạn không quá 1/3, "
                        f"tức {max_ext} ngày (làm tròn xuống).", fact=f"{allowed} ngày, gia hạn tối đa {max_ext}"),
        rs.reason("T3", f"Tính theo {_DAY_KIND[day_kind]} từ sau {anchor_text} {fmt_date(anchor)} (ngày đó không "
                        f"tính) đến hết việc II.5: ngày thứ {allowed} là {fmt_date(base)}"
                        + (" và không dời khi rơi vào ngày nghỉ, vì là thời gian tối đa của một hoạt động"
                           if end_roll == "none" else "") + f" ({cal.describe_day(base)}).",
                  fact=f"hạn {fmt_date(base)}"),
    ]
    if extension_days:
        reasons.append(rs.reason("T3", f"Gia hạn {extension_days} ngày (tối đa {max_ext}): hạn mới là ngày thứ "
                                       f"{allowed + extension_days}, {fmt_date(deadline)}.",
                                 fact=f"gia hạn {extension_days} ngày"))
    reasons.append(rs.reason("T1", "13 việc theo quy trình mẫu; ngày của từng việc là lịch mặc định của khoá học"
                                   + (" đã được điều chỉnh" if schedule else "") + ", không phải quy định.",
                             fact=f"{len(steps)} việc"))
    if overruns:
        reasons.append(rs.reason("T3", f"Các việc {', '.join(overruns)} kết thúc sau hạn {fmt_date(deadline)}: "
                                       "lịch vượt thời gian cho phép.", fact=", ".join(overruns)))
    reasons.append(rs.reason("T3", f"Lịch dùng: {cal.label()}.", fact=cal.label()))
    return InspectionPlan(level=level, start=start, anchor=anchor, allowed_days=allowed, max_extension_days=max_ext,
                          extension_days=extension_days, day_kind=day_kind, base_deadline=base, deadline=deadline,
                          latest_deadline=latest, steps=steps, overruns=overruns, warnings=warnings,
                          reasons=tuple(reasons), calendar=cal, ruleset=rs)


def _schedule_overrides(schedule: Mapping[str, Any] | None, start: dt.date,
                        default: Mapping[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    if schedule is None:
        return {}
    if not isinstance(schedule, Mapping):
        raise InputError("lịch các việc (schedule)", schedule, allowed="{mã việc: (ngày đầu, ngày cuối)}")
    out, problems = {}, []
    for code, span in schedule.items():
        if code not in default:
            problems.append(Problem("mã việc", code, allowed=list(default)))
            continue
        try:
            first, last = span
            first, last = (_offset(v, start, f"lịch việc {code}") for v in (first, last))
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        except (TypeError, ValueError):
            problems.append(Problem(f"lịch việc {code}", span, allowed="(ngày đầu, ngày cuối)"))
            continue
        if last < first:
            problems.append(Problem(f"lịch việc {code}", span, why="ngày kết thúc trước ngày bắt đầu"))
            continue
        out[code] = (first, last)
    if problems:
        raise InputError.many(problems, rule_id="T1")
    return out


def _offset(value: Any, start: dt.date, field_name: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return (as_date(value, field_name) - start).days


# -- progress -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StepProgress:
    code: str
    name: str
    planned_end: dt.date
    actual_end: dt.date | None
    status: str
    days_late: int

    @property
    def status_label(self) -> str:
        return STEP_STATUS[self.status]


@dataclass(frozen=True)
class Progress:
    """Progress on ``today``: each step's status, the late ones, and the days left before the deadline.

    ``days_remaining`` counts calendar days from ``today`` to the deadline (0 on the deadline itself, negative once
    it has passed); ``working_days_remaining`` counts the working days after ``today`` up to the deadline.
    """

    today: dt.date
    deadline: dt.date
    steps: tuple[StepProgress, ...]
    days_remaining: int
    working_days_remaining: int
    finished: bool
    reasons: tuple[Reason, ...]

    @property
    def late(self) -> tuple[StepProgress, ...]:
        return tuple(s for s in self.steps if s.status in ("tre", "qua_han"))

    def explain(self) -> list[str]:
        lines = [f"Ngày xem xét {fmt_date(self.today)}; hạn {fmt_date(self.deadline)}."]
        if self.finished:
            lines.append("Đã hoàn thiện báo cáo (việc II.5).")
        elif self.days_remaining >= 0:
            lines.append(f"Còn {self.days_remaining} ngày ({self.working_days_remaining} ngày làm việc) đến hạn.")
        else:
            lines.append(f"Đã quá hạn {-self.days_remaining} ngày.")
        for s in self.late:
            lines.append(f"Việc {s.code} ({s.name}): {s.status_label.lower()}, trễ {s.days_late} ngày.")
        if not self.late:
            lines.append("Không có việc nào trễ.")
        return lines + [str(r) for r in self.reasons]

    def __str__(self) -> str:
        return "\n".join(self.explain())

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame([{"Bước": s.code, "Công việc": s.name, "Hạn theo kế hoạch": fmt_date(s.planned_end),
                              "Ngày xong": fmt_date(s.actual_end) if s.actual_end else "",
                              "Tình trạng": s.status_label, "Số ngày trễ": s.days_late} for s in self.steps])

    def _repr_html_(self) -> str:
        return (_reasons_html(self.explain()[0], self.explain()[1:2], self.reasons)
                + self.to_frame().to_html(index=False))


def _progress(plan: InspectionPlan, actual: Mapping[str, Any], today: Any) -> Progress:
    rs, cal = plan.ruleset, plan.calendar
    today = as_date(today, "ngày xem xét")
    if not isinstance(actual, Mapping):
        raise InputError("ngày hoàn thành các việc", actual, allowed="{mã việc: ngày hoàn thành}")
    done, problems = {}, []
    codes = [s.code for s in plan.steps]
    for code, value in actual.items():
        if code not in codes:
            problems.append(Problem("mã việc", code, allowed=codes))
            continue
        try:
            d = as_date(value, f"ngày hoàn thành việc {code}")
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if d > today:
            problems.append(Problem(f"ngày hoàn thành việc {code}", fmt_date(d),
                                    why=f"ngày hoàn thành sau ngày xem xét {fmt_date(today)}"))
            continue
        done[code] = d
    if problems:
        raise InputError.many(problems, rule_id="T1")
    rows, reasons = [], []
    for s in plan.steps:
        got = done.get(s.code)
        if got is not None:
            status, late = ("tre", (got - s.end).days) if got > s.end else ("dung_han", 0)
        elif today > s.end:
            status, late = "qua_han", (today - s.end).days
        else:
            status, late = "chua_den_han", 0
        rows.append(StepProgress(s.code, s.name, s.end, got, status, late))
        if late:
            reasons.append(rs.reason("T1", f"Việc {s.code} {STEP_STATUS[status].lower()}: kế hoạch xong ngày "
                                           f"{fmt_date(s.end)}, trễ {late} ngày.", fact=f"{s.code}: {late} ngày"))
    finished = "II.5" in done
    remaining = (plan.deadline - today).days
    working_left = max(0, cal.working_days_between(today, plan.deadline))
    if finished:
        ok = done["II.5"] <= plan.deadline
        reasons.append(rs.reason("T3", f"Báo cáo hoàn thiện ngày {fmt_date(done['II.5'])}, "
                                       + ("trong hạn" if ok else "sau hạn") + f" {fmt_date(plan.deadline)}.",
                                 fact=fmt_date(done["II.5"])))
    elif remaining < 0:
        reasons.append(rs.reason("T3", f"Chưa hoàn thiện báo cáo (việc II.5) mà đã qua hạn {fmt_date(plan.deadline)} "
                                       f"{-remaining} ngày.", fact=f"quá {-remaining} ngày"))
    else:
        reasons.append(rs.reason("T3", f"Còn {remaining} ngày lịch đến hết ngày {fmt_date(plan.deadline)}.",
                                 fact=f"còn {remaining} ngày"))
    return Progress(today=today, deadline=plan.deadline, steps=tuple(rows), days_remaining=remaining,
                    working_days_remaining=working_left, finished=finished, reasons=tuple(reasons))


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
    return Deadline(due, what="Hạn gửi hồ sơ cho đoàn kiểm tra", unadjusted=raw, calendar_label=cal.label(),
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
    if event not in events:
        raise InputError("sự kiện", event, allowed=list(events), rule_id="T5")
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
                    calendar_label=cal.label(), reasons=[rs.reason("T5", text, fact=f"{event} ngày {fmt_date(start)}")])


# -- T6 -----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TermCoverage:
    """T6 over one term: ``table`` has one row per organisation, ``uncovered`` the ones never inspected or
    supervised in the term, ``share`` the covered share (0–1)."""

    term_start: dt.date
    term_end: dt.date
    table: Any
    share: float
    reasons: tuple[Reason, ...]

    @property
    def uncovered(self):
        return self.table[~self.table["da_kiem_tra_giam_sat"]].reset_index(drop=True)

    def explain(self) -> list[str]:
        n = len(self.table)
        covered = int(self.table["da_kiem_tra_giam_sat"].sum())
        return [f"Nhiệm kỳ {fmt_date(self.term_start)}–{fmt_date(self.term_end)}: {covered}/{n} tổ chức được kiểm "
                f"tra hoặc giám sát ít nhất 1 lần ({self.share:.0%}).",
                *(f"Chưa được kiểm tra, giám sát: {r.org_id} {r.ten}".rstrip() for r in self.uncovered.itertuples()),
                *(str(r) for r in self.reasons)]

    def __str__(self) -> str:
        return "\n".join(self.explain())

    def to_frame(self):
        """``table`` with Vietnamese column labels."""
        out = self.table.rename(columns=_COVERAGE_LABELS).copy()
        out["Lần gần nhất"] = [fmt_date(d) if d is not None else "" for d in self.table["lan_gan_nhat"]]
        out["Đã kiểm tra/giám sát"] = out["Đã kiểm tra/giám sát"].map({True: "có", False: "chưa"})
        return out

    def _repr_html_(self) -> str:
        return _reasons_html(self.explain()[0], [], self.reasons) + self.to_frame().to_html(index=False)


_COVERAGE_LABELS = {"org_id": "Mã tổ chức", "ten": "Tên tổ chức", "so_lan_kiem_tra": "Số lần kiểm tra",
                    "so_lan_giam_sat": "Số lần giám sát", "lan_gan_nhat": "Lần gần nhất",
                    "da_kiem_tra_giam_sat": "Đã kiểm tra/giám sát"}


def term_coverage(inspections: Any, organisations: Any, term_start: Any, term_end: Any, *,
                  ruleset: "str | RuleSet" = "hcm-2014") -> TermCoverage:
    """Which organisations were inspected or supervised at least once in the term (T6), and the share covered.

    Column contract: ``inspections`` has ``org_id``, ``date`` (a date) and ``kind`` (``"kiem_tra"`` or
    ``"giam_sat"``), one row per inspection or supervision; ``organisations`` has ``org_id`` and, optionally, a name
    in ``ten`` (or ``name``). Only inspections dated from ``term_start`` to ``term_end`` (both included) count.
    The result's ``table`` columns: ``org_id``, ``ten``, ``so_lan_kiem_tra``, ``so_lan_giam_sat``,
    ``lan_gan_nhat`` (date or None), ``da_kiem_tra_giam_sat`` (bool).
    """
    import pandas as pd

    rs = get_ruleset(ruleset)
    first, last = as_date(term_start, "đầu nhiệm kỳ"), as_date(term_end, "cuối nhiệm kỳ")
    if last < first:
        raise InputError("cuối nhiệm kỳ", fmt_date(last), why=f"trước đầu nhiệm kỳ {fmt_date(first)}", rule_id="T6")
    orgs = pd.DataFrame(organisations)
    insp = pd.DataFrame(inspections)
    for frame, cols, name in ((orgs, ("org_id",), "tổ chức"), (insp, ("org_id", "date", "kind"), "cuộc kiểm tra")):
        missing = [c for c in cols if c not in frame.columns]
        if missing:
            raise InputError(f"bảng {name}", ", ".join(missing), why="thiếu cột", allowed=list(cols), rule_id="T6")
    name_col = "ten" if "ten" in orgs.columns else ("name" if "name" in orgs.columns else None)
    orgs = pd.DataFrame({"org_id": orgs["org_id"].astype(str),
                         "ten": orgs[name_col].fillna("").astype(str) if name_col else ""})
    if orgs["org_id"].duplicated().any():
        dup = orgs.loc[orgs["org_id"].duplicated(), "org_id"].iloc[0]
        raise InputError("org_id", dup, why="mã tổ chức lặp lại", rule_id="T6")
    kinds = tuple(rs.value("T6", "kinds"))
    known = set(orgs["org_id"])
    problems, dates = [], []
    for i, row in enumerate(insp.itertuples(index=False), start=1):
        org, kind = str(row.org_id), row.kind
        if org not in known:
            problems.append(Problem("org_id", org, row=i, why="không có trong bảng tổ chức"))
        if kind not in kinds:
            problems.append(Problem("kind", kind, row=i, allowed=kinds))
        try:
            dates.append(as_date(row.date, "date", row=i))
        except InputError as exc:
            problems.extend(exc.problems)
            dates.append(None)
    if problems:
        raise InputError.many(problems, rule_id="T6")
    insp = pd.DataFrame({"org_id": insp["org_id"].astype(str), "kind": insp["kind"], "date": dates})
    insp = insp[(insp["date"] >= first) & (insp["date"] <= last)] if len(insp) else insp
    counts = insp.groupby(["org_id", "kind"]).size().unstack(fill_value=0) if len(insp) else pd.DataFrame()
    latest = insp.groupby("org_id")["date"].max() if len(insp) else pd.Series(dtype=object)
    table = orgs.copy()
    table["so_lan_kiem_tra"] = table["org_id"].map(counts.get("kiem_tra", pd.Series(dtype=int))).fillna(0).astype(int)
    table["so_lan_giam_sat"] = table["org_id"].map(counts.get("giam_sat", pd.Series(dtype=int))).fillna(0).astype(int)
    table["lan_gan_nhat"] = [latest.get(o) for o in table["org_id"]]
    minimum = int(rs.value("T6", "min_per_term"))
    table["da_kiem_tra_giam_sat"] = (table["so_lan_kiem_tra"] + table["so_lan_giam_sat"]) >= minimum
    share = float(table["da_kiem_tra_giam_sat"].mean()) if len(table) else 0.0
    years = int(rs.value("T6", "term_years"))
    reasons = [rs.reason("T6", f"Trong 1 nhiệm kỳ ({years} năm) mỗi tổ chức trực thuộc được kiểm tra, giám sát ít "
                               f"nhất {minimum} lần; chỉ tính các cuộc từ {fmt_date(first)} đến {fmt_date(last)}.",
                         fact=f"{int(table['da_kiem_tra_giam_sat'].sum())}/{len(table)} tổ chức")]
    if add_years(first, years) < last:
        reasons.append(rs.reason("T6", f"Khoảng thời gian đã cho dài hơn {years} năm.", fact=fmt_date(last)))
    return TermCoverage(first, last, table, share, tuple(reasons))


# -- T7, T8 -------------------------------------------------------------------------------------------------------
def review_calendar(year: int | None = None, *, ruleset: "str | RuleSet" = "hcm-2014"):
    """The annual review calendar as a table: T7's top-down windows for ``year`` (when given), then T8's dated
    windows of the 2014 plan with their tasks. Columns: ``quy_tac``, ``ma``, ``noi_dung``, ``tu_ngay``,
    ``den_ngay``."""
    import pandas as pd

    rs = get_ruleset(ruleset)
    rows = []
    if year is not None:
        for key, (first, last, label) in _t7_windows(rs, int(year)).items():
            rows.append({"quy_tac": "T7", "ma": key, "noi_dung": label, "tu_ngay": first, "den_ngay": last})
    for key, w in rs.value("T8", "windows").items():
        rows.append({"quy_tac": "T8", "ma": key, "noi_dung": w["tasks"], "tu_ngay": w["first"],
                     "den_ngay": w["last"]})
    return pd.DataFrame(rows)


def _t7_windows(rs: RuleSet, year: int) -> dict[str, tuple[dt.date, dt.date, str]]:
    import calendar as _month

    out = {}
    for key, w in rs.value("T7", "windows").items():
        first = dt.date(year, int(w["first_month"]), 1)
        last_month = int(w["last_month"])
        last = dt.date(year, last_month, _month.monthrange(year, last_month)[1])
        out[key] = (first, last, w["label"])
    return out


def check_review_date(d: Any, window: str, *, ruleset: "str | RuleSet" = "hcm-2014") -> Check:
    """Is ``d`` inside ``window``? ``window`` is a T7 group (``"ban_thuong_vu_thanh_uy"``, ``"cap_tren_co_so"``,
    ``"co_so_va_dang_vien"``: months of the same year), a T8 window of the 2014 plan (``"trien_khai"`` ...), or a
    T8 hard end (``"reviews_before"``, ``"report_before"``).

    >>> check_review_date("15/08/2012", "cap_tren_co_so").ok
    True
    """
    rs = get_ruleset(ruleset)
    day = as_date(d, "ngày")
    t7, t8 = rs.value("T7", "windows"), rs.value("T8", "windows")
    if window in t7:
        first, last, label = _t7_windows(rs, day.year)[window]
        rule_id, text = "T7", f"{label} kiểm điểm từ {fmt_date(first)} đến {fmt_date(last)}"
    elif window in t8:
        first, last, label = t8[window]["first"], t8[window]["last"], t8[window]["tasks"]
        rule_id, text = "T8", f"Đợt {fmt_date(first)}–{fmt_date(last)}: {label}"
    elif window in ("reviews_before", "report_before"):
        end = rs.value("T8", window)
        inclusive = bool(rs.param("t8_before_inclusive"))
        first, last = dt.date.min, end if inclusive else end - dt.timedelta(days=1)
        what = "Hoàn thành kiểm điểm" if window == "reviews_before" else "Báo cáo cấp trên"
        rule_id = "T8"
        text = (f"{what} trước ngày {fmt_date(end)} "
                + ("(tính cả ngày đó)" if inclusive else f"(ngày cuối là {fmt_date(last)})"))
    else:
        raise InputError("đợt", window, allowed=[*t7, *t8, "reviews_before", "report_before"])
    if day < first:
        outside, where = (first - day).days, f"sớm {(first - day).days} ngày"
    elif day > last:
        outside, where = (day - last).days, f"muộn {(day - last).days} ngày"
    else:
        outside, where = 0, "trong thời hạn"
    message = f"Ngày {fmt_date(day)}: {where}."
    return Check(ok=outside == 0, message=message, days_outside=outside,
                 reasons=(rs.reason(rule_id, text + ".", fact=fmt_date(day)),))
