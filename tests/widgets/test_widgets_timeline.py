"""Notebook 01's panels: change the inputs as a trainee would and read what the panel shows.

Expected dates worked out by hand from 000 §I.2 (T3: 20 days at the level directly above the grassroots, extension
at most 1/3 = 6 whole days) and RULES.md "Counting days" (the start day is not counted; T3's end does not move).
"""

from kiemtra_lib.widgets import timeline as panels


def test_plan_panel_recomputes_the_deadline_with_an_extension():
    panel = panels.PlanPanel(level="co_so", start="02/03/2026")
    assert "hạn hoàn thành 22/03/2026" in panel.last_html  # 02/03 + 20 days
    panel.extension.value = 6
    assert "hạn hoàn thành 28/03/2026" in panel.last_html  # + 6 days of extension
    # the Gantt is part of the panel, as HTML bars (one per step of T1), with the extended deadline in its legend
    assert "aria-label='Biểu đồ các bước kiểm tra'" in panel.last_html
    assert panel.last_html.count("<div title='") == 13
    assert "hạn hoàn thành 28/03/2026" in panel.last_html.split("Vạch đỏ:")[1]


def test_changing_the_level_moves_the_extension_cap():
    panel = panels.PlanPanel(level="co_so", start="02/03/2026", extension_days=6)
    assert panel.extension.max == 6
    panel.level.value = "tinh"  # 45 days: at most 15 days of extension
    assert panel.extension.max == 15 and panel.extension.value == 6
    assert "hạn hoàn thành 22/04/2026" in panel.last_html  # 02/03 + 45 + 6 = 22/04
    panel.extension.value = 15
    panel.level.value = "co_so"  # back to 20 days: the extension is clipped to 6
    assert panel.extension.value == 6


def test_a_missing_date_is_a_vietnamese_message_not_a_traceback():
    panel = panels.PlanPanel()
    panel.start.value = None
    assert "Hãy chọn ngày triển khai quyết định" in panel.last_html
    assert panel.last_error is None


def test_progress_panel_reports_the_late_step():
    panel = panels.ProgressPanel(start="02/03/2026", today="16/03/2026", late_step="II.2", days_late=3)
    assert "trễ 3 ngày" in panel.last_html
    assert "Còn 6 ngày" in panel.last_html  # 16/03 to the deadline 22/03
    panel.days_late.value = 0
    assert "Không có việc nào trễ" in panel.last_html
    # The report (II.5, planned to end on the deadline 22/03) is 5 days late: on 25/03 it is not done and the
    # deadline has passed by 3 days.
    panel.late_step.value, panel.days_late.value = "II.5", 5
    panel.today.value = __import__("datetime").date(2026, 3, 25)
    assert "Đã quá hạn 3 ngày" in panel.last_html


def test_timeline_quiz_answers_are_the_library_dates():
    quiz = panels.timeline_quiz("co_so", "02/03/2026")
    answers = [q.answer for q in quiz.questions]
    # 6 = 20 // 3; 22/03/2026 = 02/03 + 20; self-report: step II.2 of the default schedule ends 07/03;
    # 5 years back from 02/03/2026 is 02/03/2021.
    # The third answer is the self-report due at the end of step II.2 (000 §II.2), not a T4 date (issue 19).
    assert answers == ["6", "22/03/2026", "07/03/2026", "02/03/2021"]
    assert quiz.check(1, "23/03/2026")[0] is False
