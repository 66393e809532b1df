"""The course in Voilà, in Chromium: every lesson page runs, shows no error, and its panels recompute in the browser.

Each lesson's test opens the page as a trainee would, changes each panel's inputs, and compares what the page shows
with what the library computes for the same inputs (the notebook's own parameters are read from its `parameters`
cell). A screenshot of each page goes to build/screenshots/.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from app_page import assert_clean, button, dropdown, open_page, screenshot, wait_for_widgets
from lessons import NOTEBOOKS, html_text, lesson_files, panel, panel_output, parameters, squash, text_of


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
