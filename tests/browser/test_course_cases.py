"""The lessons of issue 19 in Voilà, in Chromium: the glossary (10) and the case studies (13, 14). As for the other
lessons (test_course_app.py): each panel's first state and every change is compared with the same panel built in
Python from the notebook's own cells, every quiz is answered right and wrong, and screenshots go to
build/screenshots/."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from test_course_app import _finish, _lesson, _quiet_mirrors  # noqa: F401 - the autouse fixture applies here too


def test_10_thuat_ngu_lookup_by_lesson_and_entry(page, course_server):
    name = "10_thuat_ngu.ipynb"
    ns, (look,), quizzes = _lesson(page, course_server, name)
    m = look.mirror
    look.select(m.entry, "HTXS")
    look.expect_same()
    look.select(m.lesson, "05")  # only the entries lesson 05 teaches: the entry list changes with it
    look.expect_same()
    other = [k for _label, k in m.entry.options][-1]
    look.select(m.entry, other)
    look.expect_same()
    expect(look.output).to_contain_text("Nguồn:")
    _finish(page, name, quizzes)


def test_13_tinh_huong_kiem_diem_top_down_windows(page, course_server):
    name = "13_tinh_huong_kiem_diem.ipynb"
    ns, (campaign,), quizzes = _lesson(page, course_server, name)
    m = campaign.mirror
    campaign.date(m.day, dt.date(ns["year"], 10, 15))  # inside the grassroots' months (T7)
    campaign.expect_same()
    campaign.select(m.window, "ban_thuong_vu_thanh_uy")  # the same day is late for the city's standing committee
    campaign.expect_same()
    expect(campaign.output).to_contain_text("muộn")
    _finish(page, name, quizzes)
    # The glossary is one click away from every lesson page (the app's navigation bar).
    page.locator(".kiemtra-glossary-link").click()
    expect(page.get_by_text("Bài 10. Thuật ngữ và chữ viết tắt").first).to_be_visible(timeout=60_000)


def test_14_tinh_huong_ke_hoach_2014_dated_windows(page, course_server):
    name = "14_tinh_huong_ke_hoach_2014.ipynb"
    ns, (campaign,), quizzes = _lesson(page, course_server, name)
    m = campaign.mirror
    campaign.date(m.day, dt.date(2014, 11, 25))
    campaign.expect_same()
    expect(campaign.output).to_contain_text("Đúng đợt")
    campaign.select(m.window, "report_before")  # the hard end of the report (T8): 25/11 is well before it
    campaign.expect_same()
    campaign.date(m.day, dt.date(2014, 12, 5))  # «trước ngày 05/12»: the day itself is late (course interpretation)
    campaign.expect_same()
    expect(campaign.output).to_contain_text("Ngoài đợt")
    _finish(page, name, quizzes)


def test_11_tinh_huong_quy_trinh_331_plan_extension_and_progress(page, course_server):
    name = "11_tinh_huong_quy_trinh_331.ipynb"
    ns, (plan, progress), quizzes = _lesson(page, course_server, name)
    plan.slide(plan.mirror.extension, plan.mirror.extension.max)  # the largest extension T3 allows
    plan.expect_same()
    plan.date(plan.mirror.start, dt.date(2026, 2, 9))  # the inspection crosses Tết 2026
    plan.expect_same()
    progress.slide(progress.mirror.days_late, 10)
    progress.expect_same()
    _finish(page, name, quizzes)


def test_12_tinh_huong_ket_luan_34_term_and_sync(page, course_server):
    name = "12_tinh_huong_ket_luan_34.ipynb"
    ns, (coverage, sync), quizzes = _lesson(page, course_server, name)
    coverage.check(coverage.mirror.completed_only, True)
    coverage.expect_same()
    coverage.date(coverage.mirror.start, dt.date(2023, 1, 1))
    coverage.expect_same()
    s = sync.mirror
    sync.select(s.event, [v for _label, v in s.event.options if v != ns["sync_event"]][0])
    sync.expect_same()
    sync.date(s.date, dt.date(2026, 4, 29))  # 30/04 and 01/05 fall inside the period
    sync.expect_same()
    _finish(page, name, quizzes)


def test_15_tinh_huong_tron_nam_decision_and_year_end(page, course_server):
    name = "15_tinh_huong_tron_nam.ipynb"
    ns, (case,), quizzes = _lesson(page, course_server, name)
    m = case.mirror
    case.select(m.form, "canh_cao")
    case.expect_same()
    case.check(m.corruption, True)  # corruption disciplined: the chi bộ is Yếu kém (R-O5)
    case.expect_same()
    case.date(m.announced, ns["data"].review_date - dt.timedelta(days=400))  # more than 12 months before (DF11)
    case.expect_same()
    _finish(page, name, quizzes)
