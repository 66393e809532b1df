"""The Gantt chart of a plan: what a trainee sees must match the plan (deadlines, shaded Tết, Vietnamese labels)."""

import datetime as dt

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from kiemtra_lib.timeline import plan_inspection

D = dt.date


def _shaded_runs(ax):
    """(first day, day after the last) of every shaded span, as dates."""
    runs = []
    for patch in ax.patches:
        x0, x1 = patch.get_x(), patch.get_x() + patch.get_width()
        if patch.get_zorder() == 0:
            runs.append((mdates.num2date(x0).date(), mdates.num2date(x1).date()))
    return runs


def test_the_chart_shows_the_steps_deadlines_and_tet_and_leaves_no_figure_open():
    before = plt.get_fignums()
    plan = plan_inspection("tinh", D(2026, 2, 2), extension_days=5)
    fig = plan.plot()
    assert isinstance(fig, Figure) and plt.get_fignums() == before
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 13 and labels[0].startswith("I.1 Xây dựng kế hoạch") and labels[7].startswith("II.5")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    # base deadline 19/03/2026 (day 45), extended 24/03/2026 (day 50), anchor 02/02/2026
    assert "Hạn 19/03/2026" in legend and "Hạn gia hạn 24/03/2026" in legend and "Mốc tính 02/02/2026" in legend
    assert "Ngày lễ, Tết, nghỉ bù" in legend and "Cuối tuần" in legend
    # Tết 2026 with its two weekends: one shaded run from 14/02 to the end of 22/02.
    assert (D(2026, 2, 14), D(2026, 2, 23)) in _shaded_runs(ax)
    # A deadline line sits at the end of its day.
    xs = {mdates.num2date(line.get_xdata()[0]).date() for line in ax.get_lines()}
    assert {D(2026, 3, 20), D(2026, 3, 25), D(2026, 2, 2)} <= xs
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert ticks and all(len(t) == 10 and t[2] == "/" and t[5] == "/" for t in ticks)
    assert "Cấp tỉnh/thành" in ax.get_title()


def test_an_overrunning_step_is_drawn_in_red_and_the_unused_extension_dotted():
    plan = plan_inspection("co_so", D(2026, 3, 2), schedule={"II.5": (17, 23)})
    ax = plan.plot().axes[0]
    bars = [p for p in ax.patches if p.get_zorder() == 2]
    assert len(bars) == 13
    red = [i for i, p in enumerate(bars) if p.get_facecolor()[:3] == (0xc0 / 255, 0x39 / 255, 0x2b / 255)]
    assert red == [7]  # II.5 is the 8th step
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Hạn nếu gia hạn tối đa 28/03/2026" in legend  # 02/03 + 26 days
