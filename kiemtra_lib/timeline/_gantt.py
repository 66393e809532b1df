"""The Gantt chart of an ``InspectionPlan``: built on a bare ``matplotlib.figure.Figure`` (no pyplot), so a test or
a widget never leaves a figure open; notebooks display the returned Figure."""

from __future__ import annotations

import datetime as dt

from ..dates import fmt_date

_PHASE_COLOURS = {"I": "#6c8ebf", "II": "#d6a33a", "III": "#6aa56a"}


def _off_runs(cal, first: dt.date, last: dt.date):
    """Runs of consecutive non-working days between ``first`` and ``last``: (start, end, has_holiday)."""
    runs, run, day = [], None, first
    while day <= last:
        if not cal.is_working_day(day):
            holiday = cal.holiday_name(day) is not None
            run = [day, day, holiday] if run is None else [run[0], day, run[2] or holiday]
        elif run is not None:
            runs.append(tuple(run))
            run = None
        day += dt.timedelta(days=1)
    if run is not None:
        runs.append(tuple(run))
    return runs


def plot_plan(plan, ax=None):
    # matplotlib only when a chart is drawn: it is the heaviest import of the course (about 0,3 s)
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    if ax is None:
        fig = Figure(figsize=(11, 0.45 * len(plan.steps) + 2), layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    steps = list(plan.steps)
    first = min(s.start for s in steps)
    # the follow-up (III.5) runs for months: show its first days only
    last = max(max(s.end if s.code != "III.5" else s.start + dt.timedelta(days=7) for s in steps),
               plan.latest_deadline)
    # shading first, behind the bars
    for a, b, holiday in _off_runs(plan.calendar, first, last):
        ax.axvspan(mdates.date2num(a), mdates.date2num(b + dt.timedelta(days=1)),
                   color="#f4c7c3" if holiday else "#e6e6e6", zorder=0, lw=0)
    for row, s in enumerate(steps):
        end = min(s.end, last)
        ax.barh(row, (end - s.start).days + 1, left=mdates.date2num(s.start), height=0.6,
                color="#c0392b" if s.code in plan.overruns else _PHASE_COLOURS[s.code.split(".")[0]], zorder=2)
    ax.set_yticks(range(len(steps)), [f"{s.code} {_short(s.name)}" for s in steps])
    ax.invert_yaxis()
    lines = [(plan.base_deadline, f"Hạn {fmt_date(plan.base_deadline)}", "-", "#b03a2e")]
    if plan.extension_days:
        lines.append((plan.deadline, f"Hạn gia hạn {fmt_date(plan.deadline)}", "--", "#7d3c98"))
    elif plan.max_extension_days:
        lines.append((plan.latest_deadline, f"Hạn nếu gia hạn tối đa {fmt_date(plan.latest_deadline)}", ":",
                      "#7d3c98"))
    lines.append((plan.anchor, f"Mốc tính {fmt_date(plan.anchor)}", "-.", "#34495e"))
    for day, label, style, colour in lines:
        # a limit ends at the end of its day
        x = mdates.date2num(day + dt.timedelta(days=1)) if day != plan.anchor else mdates.date2num(day)
        ax.axvline(x, linestyle=style, color=colour, lw=1.6, label=label, zorder=3)
    ax.set_xlim(mdates.date2num(first), mdates.date2num(last + dt.timedelta(days=2)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d/%m/%Y"))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=10))
    for tick in ax.get_xticklabels():
        tick.set_rotation(30)
        tick.set_horizontalalignment("right")
    handles, labels = ax.get_legend_handles_labels()
    handles += [Patch(color="#e6e6e6", label="Cuối tuần"), Patch(color="#f4c7c3", label="Ngày lễ, Tết, nghỉ bù")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3, fontsize=8, frameon=False)
    ax.set_xlabel("Ngày (dd/mm/yyyy)")
    ax.set_title(f"Kế hoạch kiểm tra — {plan.level_label}, triển khai quyết định {fmt_date(plan.start)}")
    return fig


def _short(text: str, width: int = 42) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
