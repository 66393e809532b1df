"""The course in Voilà, in Chromium: every lesson page runs, shows no error, and its panels recompute in the browser.

Each lesson's test opens the page as a trainee would, changes each panel's inputs, and compares what the page shows
with what the library computes for the same inputs: the same panel class, built in this process from the notebook's
own cells (tests/browser/mirror.py), is given the same inputs. Every self-check quiz is answered (right and wrong)
and its feedback compared with `Quiz.check`. A screenshot of each page goes to build/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from app_page import assert_clean, open_page, screenshot, wait_for_widgets, wait_until_rendered
from lessons import NOTEBOOKS, html_text, lesson_files, parameters
from mirror import Driver, cell_objects, notebook_namespace


@pytest.fixture(autouse=True)
def _quiet_mirrors(monkeypatch):
    """Panels built here in Python (to compute the expected text) have no page: they need not display anything."""
    from kiemtra_lib.widgets import _panel

    monkeypatch.setattr(_panel, "display", lambda *args, **kwargs: None)


# A cell that shows a course panel: `panels.PlanPanel(...)`, `intro.RuleBrowser(...)`.
PANEL_CELL = r"\.[A-Z]\w*(Panel|Browser)\("


def _open_lesson(page: Page, server, name: str) -> dict:
    if not (NOTEBOOKS / name).exists():
        pytest.skip(f"{name} chưa có trong notebooks/")
    open_page(page, server.notebook_url(name))
    wait_for_widgets(page)
    return parameters(NOTEBOOKS / name)


def _check_quiz(page: Page, quiz, index: int = 0) -> None:
    """Answer every question (the first wrong choice for odd questions, the right one for even), press «Kiểm tra»,
    and compare the feedback with Quiz.check for that choice."""
    from kiemtra_lib.widgets import message_html


    # A quiz is the box of radio-button questions (kiemtra_lib.widgets.Quiz); the index-th one on the page.
    box = page.locator(".widget-vbox:has(> .widget-radio)").nth(index)
    checks = box.locator("button.widget-button", has_text="Kiểm tra")
    expect(checks).to_have_count(len(quiz.questions))
    radios = box.locator(".widget-radio-box")
    for i, q in enumerate(quiz.questions):
        wrong = [c for c in q.choices if c != q.answer]
        choice = q.answer if i % 2 == 0 or not wrong else wrong[0]
        option = radios.nth(i).locator("label").filter(has_text=re.compile(r"^\s*" + re.escape(choice) + r"\s*$"))
        expect(option).to_have_count(1)
        option.click()
        checks.nth(i).click()
        feedback = checks.nth(i).locator("xpath=following-sibling::*[1]")
        ok, text = quiz.check(i, choice)
        shown = message_html(text, "ok" if ok else "warn")  # what Quiz shows: the library's message box
        expect(feedback).to_have_text(html_text(page, shown), timeout=15_000)
        assert ok == (choice == q.answer)


def test_landing_page_lists_every_lesson_in_course_order_and_opens_lesson_00(page, course_server):
    files = lesson_files()
    if not files:
        pytest.skip("notebooks/ chưa có bài học nào")
    response = page.goto(course_server.url)
    assert response.status == 200
    expect(page).to_have_title("Khóa học công tác kiểm tra, giám sát của Đảng")
    links = page.locator(".kiemtra-lesson a")
    expect(links).to_have_count(len(files))
    for i, path in enumerate(files):
        expect(links.nth(i)).to_have_attribute("href", f"/voila/render/{path.name}")
        expect(links.nth(i).locator(".kiemtra-lesson-number")).to_have_text(f"Bài {path.name[:2]}")
    assert_clean(page, page.console_log)
    screenshot(page, "landing")

    # Lesson 00, opened the way a trainee opens it: a click on the landing page.
    name = files[0].name
    assert name == "00_gioi_thieu.ipynb"
    links.first.click()
    ns, (rules,), quizzes = _lesson(page, course_server, name, opened=True)
    expect(page.locator(".kiemtra-home-link")).to_have_text("← Danh sách bài học")
    for rule_id in ("T3", "DF11", "R-M5"):
        rules.select(rules.mirror.rule, rule_id)
        rules.expect_same()
    _finish(page, name, quizzes)
    page.locator(".kiemtra-home-link").click()
    expect(page.locator(".kiemtra-lesson")).to_have_count(len(files))


def _lesson(page: Page, server, name: str, opened: bool = False):
    """Open a lesson (or wait for the one being opened), check every panel's first state against its Python copy,
    screenshot it. Returns the notebook's namespace, a Driver per panel and the quizzes, in notebook order."""
    if opened:
        wait_until_rendered(page)
        wait_for_widgets(page)
        params = parameters(NOTEBOOKS / name)
    else:
        params = _open_lesson(page, server, name)
    path = NOTEBOOKS / name
    ns = notebook_namespace(path)
    assert all(ns[k] == v for k, v in params.items())
    drivers = [Driver(page, p) for p in cell_objects(path, ns, PANEL_CELL)]
    quizzes = cell_objects(path, ns, r"quiz\(")
    assert drivers and quizzes, f"{name}: no panel or no quiz found"
    for d in drivers:
        d.expect_same()
    assert_clean(page, page.console_log)
    screenshot(page, name.removesuffix(".ipynb"))
    return ns, drivers, quizzes


def _finish(page: Page, name: str, quizzes) -> None:
    expect(page.locator(".widget-vbox:has(> .widget-radio)")).to_have_count(len(quizzes))
    for i, quiz in enumerate(quizzes):
        _check_quiz(page, quiz, i)
    assert_clean(page, page.console_log)
    screenshot(page, name.removesuffix(".ipynb") + "_after")


def test_01_quy_trinh_kiem_tra_plan_progress_and_quiz(page, course_server):
    name = "01_quy_trinh_kiem_tra.ipynb"
    ns, (plan, progress), quizzes = _lesson(page, course_server, name)
    expect(plan.output.locator("[aria-label='Biểu đồ các bước kiểm tra']")).to_have_count(1)  # the Gantt, as HTML bars

    other = next(slug for _label, slug in plan.mirror.level.options if slug != ns["level"])
    plan.select(plan.mirror.level, other)
    plan.expect_same()
    plan.date(plan.mirror.start, dt.date(2025, 12, 22))  # the plan crosses the New Year and Tết holidays
    plan.expect_same()
    plan.slide(plan.mirror.extension, plan.mirror.extension.max)  # T3: the largest extension for that level
    plan.expect_same()

    late = ns["plan"].steps[-1]
    progress.select(progress.mirror.late_step, late.code)
    progress.expect_same()
    progress.slide(progress.mirror.days_late, 7)
    progress.expect_same()
    progress.date(progress.mirror.today, late.end + dt.timedelta(days=10))
    progress.expect_same()
    _finish(page, name, quizzes)


def test_02_kiem_diem_review_order_and_quiz(page, course_server):
    name = "02_kiem_diem.ipynb"
    ns, (review,), quizzes = _lesson(page, course_server, name)
    m = review.mirror
    ids = list(ns["members"]["member_id"])
    review.date(m.date, dt.date(2025, 12, 22))  # a member admitted 20/06/2025 has now served 6 months (K3)
    review.expect_same()
    review.select(m.secretary, ids[3])
    review.expect_same()
    review.check(m.has_committee, True)
    review.select_many(m.committee, ids[:3])
    review.expect_same()
    review.select(m.explain, ids[-1])
    review.expect_same()
    _finish(page, name, quizzes)


def test_03_xep_loai_dang_vien_votes_and_conditions(page, course_server):
    name = "03_xep_loai_dang_vien.ipynb"
    ns, (rating,), quizzes = _lesson(page, course_server, name)
    m = rating.mirror
    rating.select(m.member, ns["what_if_member"])
    rating.expect_same()
    for field, votes in ns["what_if_votes"].items():
        rating.slide(m.votes[field], votes)
    rating.expect_same()
    rating.select(m.task, "hoan_thanh")
    rating.expect_same()
    rating.select(m.civil, "han_che_nang_luc")
    rating.expect_same()
    rating.slide(m.sick, 3.5)
    rating.slide(m.absences, 5)
    rating.expect_same()
    _finish(page, name, quizzes)


def test_04_xep_loai_to_chuc_points_and_conditions(page, course_server):
    name = "04_xep_loai_to_chuc.ipynb"
    ns, (org,), quizzes = _lesson(page, course_server, name)
    m = org.mirror
    changes = ns["what_if_changes"]
    org.slide(m.points, changes["points"])
    org.expect_same()
    org.select(m.committee, changes["committee_result"])
    org.expect_same()
    org.slide(m.failed, 1)
    org.expect_same()
    for column, box in m.switches.items():
        org.check(box, not box.value)  # every condition the other way round
        org.expect_same()
    dang_bo = ns["result"].organisations.loc[ns["result"].organisations["kind"] == "dang_bo", "org_id"].iloc[0]
    org.select(m.org, dang_bo)
    org.expect_same()
    _finish(page, name, quizzes)


def test_05_ky_luat_assessment_and_sync_deadline(page, course_server):
    name = "05_ky_luat.ipynb"
    ns, (assess, sync), quizzes = _lesson(page, course_server, name)
    m = assess.mirror
    assess.select(m.severity, "it_nghiem_trong")
    assess.expect_same()
    assess.date(m.violation, dt.date(2019, 5, 2))  # long ago: the limitation period (DF11) may have run out
    assess.expect_same()
    assess.date(m.decision, dt.date(2026, 1, 15))
    assess.expect_same()
    values = [v for _label, v in m.circumstances.options]
    assess.select_many(m.circumstances, values[1:3])
    assess.expect_same()
    exempt = [v for _label, v in m.exempt.options if v is not None][0]
    assess.select(m.exempt, exempt)
    assess.expect_same()
    assess.check(m.holds_post, True)
    assess.check(m.official, False)
    assess.expect_same()
    assess.select(m.subject, "to_chuc")
    assess.expect_same()

    s = sync.mirror
    sync.select(s.event, [v for _label, v in s.event.options if v != ns["sync_event"]][0])
    sync.expect_same()
    sync.date(s.date, dt.date(2026, 4, 29))  # the 30/04 and 01/05 holidays fall inside the period
    sync.expect_same()
    _finish(page, name, quizzes)


def test_06_tinh_huong_tong_hop_decision_and_year_end_rating(page, course_server):
    name = "06_tinh_huong_tong_hop.ipynb"
    ns, (case,), quizzes = _lesson(page, course_server, name)
    m = case.mirror
    case.select(m.form, "canh_cao")
    case.expect_same()
    case.date(m.announced, ns["data"].review_date - dt.timedelta(days=150))  # announced before the review date
    case.expect_same()
    case.check(m.corruption, True)
    case.expect_same()
    case.check(m.leader, True)
    case.check(m.self_detected, True)
    case.expect_same()
    # A decision announced after the review date is refused, in Vietnamese, inside the panel (DF11).
    case.date(m.announced, ns["data"].review_date + dt.timedelta(days=10))
    case.expect_same(refused=True)
    expect(case.output).to_contain_text("Dữ liệu chưa hợp lệ")
    _finish(page, name, quizzes)


def test_07_theo_doi_ket_luan_34_coverage_over_a_chosen_term(page, course_server):
    name = "07_theo_doi_ket_luan_34.ipynb"
    ns, (coverage,), quizzes = _lesson(page, course_server, name)
    m = coverage.mirror
    coverage.check(m.completed_only, True)
    coverage.expect_same()
    coverage.date(m.start, dt.date(2022, 1, 1))
    coverage.expect_same()
    coverage.date(m.end, dt.date(2024, 12, 31))
    coverage.expect_same()
    _finish(page, name, quizzes)
