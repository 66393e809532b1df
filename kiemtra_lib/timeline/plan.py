"""T1 and T3: the 13 steps of an inspection, its time limit and extension, the default schedule and progress."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any, Mapping

import pandas as pd

from ..calendar import WorkCalendar, _cal
from ..dates import as_date, fmt_date
from ..errors import InputError, Problem
from ..rules import Reason, RuleSet, get_ruleset
from ._common import Deadline, LEVELS, _DAY_KIND, _level, _reasons_html
from ._gantt import plot_plan

__all__ = ["RULES", "STEP_STATUS", "Step", "InspectionPlan", "StepProgress", "Progress", "plan_inspection",
           "default_schedule"]

#: The rule ids this module implements (tests/test_rule_declarations.py).
RULES = ("T1", "T3")

#: Where a step stands against its planned end.
STEP_STATUS = {"dung_han": "Xong đúng hạn", "tre": "Xong trễ", "qua_han": "Chưa xong, đã quá hạn",
               "chua_den_han": "Chưa đến hạn"}


_MEETING_STEPS = ("II.1", "II.4", "III.1", "III.3")  # steps held on one day with people present


def _ext(rs: RuleSet) -> str:
    """T3's extension as the rule set states it ("1/3")."""
    return f"{int(rs.value('T3', 'extension_numerator'))}/{int(rs.value('T3', 'extension_denominator'))}"


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


def _extension(n: Any) -> int:
    """Days of extension as a whole number of days, 0 or more (T3 checks the maximum where the level is known)."""
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= 10_000:
        raise InputError("số ngày gia hạn", n if isinstance(n, (int, float, str)) else type(n).__name__,
                         allowed="số nguyên không âm", rule_id="T3")
    return n


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
    total = rs.value("T3", "allowed_days")[_level(level)] + _extension(extension_days)
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
            if isinstance(code, str) and s.code == code:  # a DataFrame or a list is not a step's code
                return s
        raise InputError("việc", code if isinstance(code, (str, int, float)) else type(code).__name__,
                         allowed=[s.code for s in self.steps], rule_id="T1")

    def self_report_due(self) -> "Deadline":
        """When the inspected party hands in its self-report and documents: the end of step II.2 (000 §II.2), after
        the decision was put into effect and the report explained to it (II.1). Not T4: T4 (002) is for a team's
        working visit of its own, counted back from that visit."""

        one, two = self.step("II.1"), self.step("II.2")
        text = (f"Đối tượng nộp báo cáo tự kiểm tra và tài liệu ở việc II.2, sau khi được triển khai quyết định và "
                f"hướng dẫn chuẩn bị ở việc II.1 ({fmt_date(one.start)}): theo kế hoạch từ {fmt_date(two.start)} "
                f"đến hết {fmt_date(two.end)}. Ngày cụ thể do đoàn và đối tượng thống nhất ở việc II.1; lịch từng "
                f"việc là lịch mặc định của khóa học, không phải quy định.")
        # The date is read off the schedule, not counted on the calendar: no calendar line under it.
        return Deadline(two.end, what="Hạn nộp báo cáo tự kiểm tra",
                        reasons=[self.ruleset.reason("T1", text, fmt_date(two.end))])

    def contradictions(self) -> list[str]:
        """What in the plan contradicts itself, in Vietnamese (empty when nothing does): steps out of the order of
        T1 or ending before they start, a step of phase II before the decision is put into effect (II.1), the report
        (II.5) after the deadline, the self-report due outside step II.2."""
        out = []
        for a, b in zip(self.steps, self.steps[1:]):
            if b.start < a.start:
                out.append(f"Việc {b.code} bắt đầu ({fmt_date(b.start)}) trước việc {a.code} ({fmt_date(a.start)}).")
        out += [f"Việc {s.code} kết thúc ({fmt_date(s.end)}) trước khi bắt đầu ({fmt_date(s.start)})."
                for s in self.steps if s.end < s.start]
        one = self.step("II.1")
        if one.start != self.start:
            out.append(f"Việc II.1 ({fmt_date(one.start)}) không phải ngày triển khai quyết định ({fmt_date(self.start)}).")
        out += [f"Việc {s.code} ({fmt_date(s.start)}) trước ngày triển khai quyết định ({fmt_date(self.start)})."
                for s in self.steps if s.code.startswith(("II.", "III.")) and s.start < self.start]
        if self.step("II.5").end > self.deadline and "II.5" not in self.overruns:
            out.append(f"Việc II.5 kết thúc sau hạn {fmt_date(self.deadline)} mà không được ghi là vượt hạn.")
        due, two = self.self_report_due(), self.step("II.2")
        if not two.start <= due.date <= two.end:
            out.append(f"Hạn nộp báo cáo tự kiểm tra {fmt_date(due)} nằm ngoài việc II.2.")
        return out

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
                         why=f"{LEVELS[level]} được gia hạn không quá {_ext(rs)} của {allowed} ngày, tức {max_ext} ngày "
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
        rs.reason("T3", f"{LEVELS[level]}: thời gian kiểm tra không quá {allowed} ngày; gia hạn không quá {_ext(rs)}, "
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
    reasons.append(rs.reason("T1", "13 việc theo quy trình mẫu; ngày của từng việc là lịch mặc định của khóa học"
                                   + (" đã được điều chỉnh" if schedule else "") + ", không phải quy định.",
                             fact=f"{len(steps)} việc"))
    if overruns:
        reasons.append(rs.reason("T3", f"Các việc {', '.join(overruns)} kết thúc sau hạn {fmt_date(deadline)}: "
                                       "lịch vượt thời gian cho phép.", fact=", ".join(overruns)))
    span = (min([start, anchor] + [s.start for s in steps]), max([latest] + [s.end for s in steps]))
    reasons.append(rs.reason("T3", f"Lịch dùng: {cal.label(*span)}.", fact=cal.label(*span)))
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

