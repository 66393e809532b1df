"""Notebook 01: plan an inspection (T1–T4), extend it, and follow its progress, from ``kiemtra_lib.timeline``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w

from .. import timeline
from ..dates import as_date, fmt_date
from ..rules import RuleSet, get_ruleset
from ._panel import Panel, esc, lines_html, message_html, show, table_html
from .quiz import Question, Quiz

__all__ = ["plan_report", "gantt_html", "progress_report", "PlanPanel", "ProgressPanel", "timeline_quiz", "show", "LEVEL_OPTIONS"]

LEVEL_OPTIONS = [(label, slug) for slug, label in timeline.LEVELS.items()]


def plan_report(level: str, start: Any, extension_days: int, *, ruleset: str | RuleSet = "hcm-2014",
                chart: bool = True) -> str:
    """The plan as HTML: deadlines with reasons, the self-report due (II.2), the T2 date, the Gantt chart."""
    plan = timeline.plan_inspection(level, start, extension_days=extension_days, ruleset=ruleset)
    # The self-report of 000 §II.2, from the plan itself (T4 belongs to a verification visit, not to this plan).
    parts = [f"<p><b>{esc(plan.level_label)}: triển khai quyết định ngày {fmt_date(plan.start)}, hạn hoàn thành "
             f"{fmt_date(plan.deadline)}.</b></p>", lines_html(plan.explain()),
             message_html("\n".join(plan.self_report_due().explain()[:2]), "info"),
             message_html("\n".join(timeline.lookback_start(plan.start, ruleset=ruleset).explain()), "info")]
    if chart:
        parts.append(gantt_html(plan))
    return "\n".join(parts)


def gantt_html(plan: timeline.InspectionPlan) -> str:
    """The plan's steps as HTML bars, for the panel: recomputed at every change, it must answer at once, and
    matplotlib needs ~200 ms for the full Gantt (issue 9). The static cells keep ``plan.plot()``, which also shades
    weekends and holidays."""
    first = min(s.start for s in plan.steps)
    last = max([s.end for s in plan.steps] + [plan.latest_deadline])
    span = (last - first).days + 1

    def pct(d: dt.date) -> float:
        return 100 * (d - first).days / span

    def marker(d: dt.date, color: str) -> str:
        return (f"<div style='position:absolute;left:{pct(d) + 100 / span:.2f}%;top:0;bottom:0;"
                f"border-left:2px dashed {color}'></div>")

    rows = []
    for s in plan.steps:
        late = s.code in plan.overruns
        color = "#b00020" if late else ("#1f5f99" if s.counted else "#8a8a8a")
        width = 100 * ((s.end - s.start).days + 1) / span
        rows.append(
            "<div style='display:flex;align-items:center;margin:1px 0'>"
            f"<div style='flex:0 0 38%;font-size:85%;overflow:hidden;white-space:nowrap'>{esc(s.code)} "
            f"{esc(s.name)}</div><div style='flex:1;position:relative;height:14px;background:#f3f3f3'>"
            f"<div title='{fmt_date(s.start)}–{fmt_date(s.end)}' style='position:absolute;left:{pct(s.start):.2f}%;"
            f"width:{width:.2f}%;top:2px;bottom:2px;background:{color}'></div>"
            f"{marker(plan.deadline, '#b00020')}{marker(plan.latest_deadline, '#d6a33a')}</div></div>")
    legend = (f"<div style='font-size:85%'>{fmt_date(first)} → {fmt_date(last)}. Vạch đỏ: hạn hoàn thành "
              f"{fmt_date(plan.deadline)}; vạch vàng: hạn nếu gia hạn tối đa {fmt_date(plan.latest_deadline)}; "
              "thanh xanh: thời gian được tính theo T3, thanh xám: chuẩn bị và kết thúc, thanh đỏ: vượt hạn.</div>")
    return f"<div role='img' aria-label='Biểu đồ các bước kiểm tra'>{''.join(rows)}{legend}</div>"


def progress_report(level: str, start: Any, today: Any, late_step: str | None, days_late: int, *,
                    ruleset: str | RuleSet = "hcm-2014") -> str:
    """Progress on ``today`` when every step ended before it finished on plan, except ``late_step`` (late)."""
    plan = timeline.plan_inspection(level, start, ruleset=ruleset)
    today = as_date(today, "ngày xem xét")
    actual = {}
    for s in plan.steps:
        end = s.end + dt.timedelta(days=days_late if s.code == late_step else 0)
        if end <= today:
            actual[s.code] = end
    progress = plan.progress(actual, today)
    return lines_html(progress.explain()) + table_html(progress.to_frame())


class PlanPanel(Panel):
    title = "Thử: lập kế hoạch một cuộc kiểm tra"

    def __init__(self, level: str = "co_so", start: Any = "02/03/2026", extension_days: int = 0,
                 ruleset: str | RuleSet = "hcm-2014") -> None:
        super().__init__()
        self.rs = get_ruleset(ruleset)
        style = {"description_width": "200px"}
        self.level = w.Dropdown(options=LEVEL_OPTIONS, value=level, description="Cấp kiểm tra:", style=style)
        self.start = w.DatePicker(value=as_date(start), description="Ngày triển khai quyết định:", style=style)
        self.extension = w.IntSlider(value=extension_days, min=0, max=self._max_extension(level),
                                     description="Gia hạn (ngày):", style=style)
        self.level.observe(self._level_changed, names="value")
        self.controls = [self.level, self.start, self.extension]
        self._watch(self.start, self.extension)
        self.refresh()

    def _max_extension(self, level: str) -> int:
        return timeline.plan_inspection(level, "02/03/2026", ruleset=self.rs).max_extension_days

    def _level_changed(self, change: Any) -> None:
        # T3: the slider's maximum is the level's largest extension (1/3 of its time, rounded down).
        new_max = self._max_extension(change["new"])
        self.extension.value = min(self.extension.value, new_max)
        self.extension.max = new_max
        self.refresh()

    def compute(self) -> str:
        if self.start.value is None:
            return message_html("Hãy chọn ngày triển khai quyết định.", "warn")
        return plan_report(self.level.value, self.start.value, self.extension.value, ruleset=self.rs)


class ProgressPanel(Panel):
    title = "Thử: theo dõi tiến độ so với kế hoạch"

    def __init__(self, level: str = "co_so", start: Any = "02/03/2026", today: Any = "16/03/2026",
                 late_step: str = "II.2", days_late: int = 0, ruleset: str | RuleSet = "hcm-2014") -> None:
        super().__init__()
        self.rs = get_ruleset(ruleset)
        self.level_value, self.start_value = level, start
        plan = timeline.plan_inspection(level, start, ruleset=self.rs)
        style = {"description_width": "200px"}
        self.today = w.DatePicker(value=as_date(today), description="Ngày xem xét:", style=style)
        self.late_step = w.Dropdown(options=[(f"{s.code} — {s.name}", s.code) for s in plan.steps],
                                    value=late_step, description="Việc bị chậm:", style=style,
                                    layout=w.Layout(width="640px"))
        self.days_late = w.IntSlider(value=days_late, min=0, max=15, description="Chậm (ngày):", style=style)
        self.controls = [self.today, self.late_step, self.days_late]
        self._watch(*self.controls)
        self.refresh()

    def compute(self) -> str:
        if self.today.value is None:
            return message_html("Hãy chọn ngày xem xét.", "warn")
        return progress_report(self.level_value, self.start_value, self.today.value, self.late_step.value,
                               self.days_late.value, ruleset=self.rs)


def timeline_quiz(level: str, start: Any, *, ruleset: str | RuleSet = "hcm-2014") -> Quiz:
    """Answers from the library: the extension cap, the deadline, the self-report date, the look-back date."""
    rs = get_ruleset(ruleset)
    plan = timeline.plan_inspection(level, start, ruleset=rs)
    due = plan.self_report_due()
    back = timeline.lookback_start(plan.start, ruleset=rs)
    ext = plan.max_extension_days
    d = plan.deadline

    def near(day: dt.date) -> list[str]:
        return [fmt_date(day + dt.timedelta(days=k)) for k in (-1, 0, 1, 2)]

    return Quiz([
        Question(f"{plan.level_label} được gia hạn tối đa bao nhiêu ngày?",
                 sorted({str(ext), str(ext + 1), str(plan.allowed_days // 2), "10"}, key=int), str(ext),
                 "; ".join(str(r) for r in plan.reasons[:1])),
        Question(f"Triển khai quyết định ngày {fmt_date(plan.start)}, không gia hạn: hạn hoàn thành là ngày nào?",
                 near(d), fmt_date(d), str(plan.reasons[1])),
        Question(f"Triển khai quyết định ngày {fmt_date(plan.start)}: theo kế hoạch, đối tượng nộp báo cáo tự kiểm "
                 f"tra chậm nhất ngày nào?",
                 sorted(set(near(due.date) + [fmt_date(plan.start - dt.timedelta(days=3))]),
                        key=lambda s: as_date(s)), fmt_date(due), "; ".join(due.explain()[1:2])),
        Question(f"Cuộc kiểm tra bắt đầu {fmt_date(plan.start)} được xem xét từ mốc sớm nhất nào?",
                 [fmt_date(back), fmt_date(back.date.replace(year=back.year - 5)),
                  fmt_date(back.date.replace(year=back.year + 2))], fmt_date(back), "; ".join(back.explain()[1:2])),
    ])
