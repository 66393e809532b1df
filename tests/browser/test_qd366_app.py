"""Lesson 08 (rule set qd366-2025) in Voilà, in Chromium: the panel's first state and every change compared with the
same panel built in Python from the notebook's own cells, the quiz answered right and wrong (as test_course_app.py
does for the other lessons)."""

from __future__ import annotations

from test_course_app import _finish, _lesson, _quiet_mirrors  # noqa: F401 - the autouse fixture applies here too


def test_08_quy_dinh_366_points_tasks_and_cases(page, course_server):
    name = "08_quy_dinh_366.ipynb"
    ns, (panel,), quizzes = _lesson(page, course_server, name)
    m = panel.mirror
    panel.slide(m.points, 91.5)          # 90 points reached: HTXS needs 30% beyond too
    panel.expect_same()
    panel.slide(m.beyond, 6)
    panel.expect_same()
    panel.slide(m.on_time, 9)            # 1 of 12 behind: HT at most (N6)
    panel.expect_same()
    panel.slide(m.sick, 4)               # N10: changes nothing but the reason
    panel.expect_same()
    panel.select(m.role, "lanh_dao_quan_ly")
    panel.expect_same()
    panel.check(m.mitigation, True)
    panel.select_many(m.cases, ["vi_pham_dieu_cam"])  # N7 whatever the score, flagged for the competent level
    panel.expect_same()
    panel.slide(m.done, 3)               # on time (9) > done (3): the library's Vietnamese message
    panel.expect_same(refused=True)
    _finish(page, name, quizzes)
