"""The course in Voilà, in Chromium: every lesson page runs, shows no error, and its panels recompute in the browser.

Each lesson's test opens the page as a trainee would, changes each panel's inputs, and compares what the page shows
with what the library computes for the same inputs (the notebook's own parameters are read from its `parameters`
cell). A screenshot of each page goes to build/screenshots/.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from app_page import (assert_clean, button, date_input, dropdown, open_page, screenshot, set_date, set_slider,
                      slider_readout, wait_for_widgets)
from lessons import NOTEBOOKS, html_text, lesson_files, panel, panel_output, parameters, squash, text_of


@pytest.fixture(autouse=True)
def _quiet_mirrors(monkeypatch):
    """Panels built here in Python (to compute the expected text) have no page: they need not display anything."""
    from kiemtra_lib.widgets import _panel

    monkeypatch.setattr(_panel, "display", lambda *args, **kwargs: None)


def _open_lesson(page: Page, server, name: str) -> dict:
    if not (NOTEBOOKS / name).exists():
        pytest.skip(f"{name} chưa có trong notebooks/")
    open_page(page, server.notebook_url(name))
    wait_for_widgets(page)
    return parameters(NOTEBOOKS / name)


def _check_quiz(page: Page, quiz, title: str = "Tự kiểm tra") -> None:
    """Answer every question (the first wrong choice for odd questions, the right one for even), press «Kiểm tra»,
    and compare the feedback with Quiz.check for that choice."""
    box = panel(page, title)
    checks = box.locator("button.widget-button", has_text="Kiểm tra")
    expect(checks).to_have_count(len(quiz.questions))
    radios = box.locator(".widget-radio-box")
    for i, q in enumerate(quiz.questions):
        wrong = [c for c in q.choices if c != q.answer]
        choice = q.answer if i % 2 == 0 or not wrong else wrong[0]
        radios.nth(i).locator("label").filter(has_text=choice).first.click()
        checks.nth(i).click()
        feedback = checks.nth(i).locator("xpath=following-sibling::*[1]")
        ok, text = quiz.check(i, choice)
        expect(feedback).to_have_text(squash(text), timeout=15_000)
        assert ok == (choice == q.answer)


def test_landing_page_lists_every_lesson_in_course_order(page, course_server):
    files = lesson_files()
    if not files:
        pytest.skip("notebooks/ chưa có bài học nào")
    response = page.goto(course_server.url)
    assert response.status == 200
    links = page.locator(".kiemtra-lesson a")
    expect(links).to_have_count(len(files))
    for i, path in enumerate(files):
        expect(links.nth(i)).to_have_attribute("href", f"/voila/render/{path.name}")
        expect(links.nth(i).locator(".kiemtra-lesson-number")).to_have_text(f"Bài {path.name[:2]}")
    assert_clean(page, page.console_log)
    screenshot(page, "landing")
    links.first.click()
    expect(page.locator("#rendered_cells")).to_be_visible(timeout=120_000)
    expect(page.locator(".kiemtra-home-link")).to_have_text("← Danh sách bài học")


def test_00_gioi_thieu_rule_browser_and_quiz(page, course_server):
    from kiemtra_lib import get_ruleset
    from kiemtra_lib.widgets import intro

    params = _open_lesson(page, course_server, "00_gioi_thieu.ipynb")
    rs = get_ruleset(params["ruleset"])
    out = panel_output(page, "Tra cứu quy tắc")
    expect(out).to_have_text(html_text(page, intro.rule_card(params["rule_id"], rs)))
    assert_clean(page, page.console_log)
    screenshot(page, "00_gioi_thieu")

    for rule_id in ("T3", "DF11", "R-M5"):
        dropdown(page, "Quy tắc").select_option(rule_id)
        expect(out).to_have_text(html_text(page, intro.rule_card(rule_id, rs)))

    _check_quiz(page, intro.intro_quiz(rs, params["rule_id"]))
    assert_clean(page, page.console_log)
    screenshot(page, "00_gioi_thieu_after")


def _expect_panel(page: Page, title: str, mirror) -> None:
    """The panel's Output shows the text of what the same panel class computes in Python for the same inputs."""
    expect(panel_output(page, title)).to_have_text(html_text(page, mirror.last_html), timeout=30_000)
    assert mirror.last_error is None, mirror.last_error


def test_01_quy_trinh_kiem_tra_plan_progress_and_quiz(page, course_server):
    import datetime as dt

    from kiemtra_lib import timeline
    from kiemtra_lib.widgets import timeline as panels

    p = _open_lesson(page, course_server, "01_quy_trinh_kiem_tra.ipynb")
    plan_title, progress_title = panels.PlanPanel.title, panels.ProgressPanel.title
    plan = panels.PlanPanel(p["level"], p["start"], p["extension_days"], ruleset=p["ruleset"])
    progress = panels.ProgressPanel(p["level"], p["start"], p["today"], p["late_step"], p["days_late"],
                                    ruleset=p["ruleset"])
    _expect_panel(page, plan_title, plan)
    _expect_panel(page, progress_title, progress)
    expect(panel_output(page, plan_title).locator("img")).to_have_count(1)  # the Gantt chart
    assert_clean(page, page.console_log)
    screenshot(page, "01_quy_trinh_kiem_tra")

    box = panel(page, plan_title)
    other = next((label, slug) for label, slug in panels.LEVEL_OPTIONS if slug != p["level"])
    dropdown(box, "Cấp kiểm tra").select_option(label=other[0])
    plan.level.value = other[1]
    _expect_panel(page, plan_title, plan)

    new_start = dt.date(2025, 12, 22)  # the plan crosses the New Year and Tết holidays
    set_date(date_input(box, "Ngày triển khai"), new_start)
    plan.start.value = new_start
    _expect_panel(page, plan_title, plan)

    extension = timeline.plan_inspection(other[1], new_start, ruleset=p["ruleset"]).max_extension_days
    set_slider(slider_readout(box, "Gia hạn"), extension)
    plan.extension.value = extension
    _expect_panel(page, plan_title, plan)
    assert f"{extension}" in text_of(panel_output(page, plan_title)) or extension == 0

    box = panel(page, progress_title)
    steps = timeline.plan_inspection(p["level"], p["start"], ruleset=p["ruleset"]).steps
    late = steps[-1]
    dropdown(box, "Việc bị chậm").select_option(label=f"{late.code} — {late.name}")
    progress.late_step.value = late.code
    _expect_panel(page, progress_title, progress)
    set_slider(slider_readout(box, "Chậm"), 7)
    progress.days_late.value = 7
    _expect_panel(page, progress_title, progress)
    later = late.end + dt.timedelta(days=10)
    set_date(date_input(box, "Ngày xem xét"), later)
    progress.today.value = later
    _expect_panel(page, progress_title, progress)

    _check_quiz(page, panels.timeline_quiz(p["level"], p["start"], ruleset=p["ruleset"]))
    assert_clean(page, page.console_log)
    screenshot(page, "01_quy_trinh_kiem_tra_after")
