"""The instructor's page (apps/giang_vien.ipynb) in Chromium: choose a roster file, build two exercises, see who has
submitted, grade, read the reports and the chart — no terminal. A trainee's submission is made in Python between
the steps, as the class server's collection would bring it. What the page shows must be the library's own results
for the same files (the gradebook), not a copy of them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app_page import assert_clean, button, open_page, screenshot, wait_for_widgets
from kiemtra_lib.course.app import VoilaServer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "exercises"))
from _exercises_support import right_answer, session_for  # noqa: E402

ROSTER = "Mã học viên,Họ và tên,Đơn vị\nHV01,Học viên Thử Một,Phòng Một\nHV02,<b>Học viên</b> Thử Hai,Phòng Hai\n"
SPECS = ("t03_han_nop_ho_so", "r01_xep_loai_theo_phieu")


@pytest.fixture(scope="module")
def apps_server():
    with VoilaServer(ROOT / "apps") as server:
        yield server


def _text(page, label: str):
    return page.locator(".widget-text", has_text=label).locator("input")


def test_roster_build_submitted_grade_reports(page, apps_server, tmp_path):
    from kiemtra_lib.exercises import read_key
    from kiemtra_lib.exercises.gradebook import Gradebook

    roster = tmp_path / "danh_sach_lop.csv"
    roster.write_text(ROSTER, encoding="utf-8-sig")
    class_dir = tmp_path / "lop"
    open_page(page, apps_server.notebook_url("giang_vien.ipynb"))
    wait_for_widgets(page)
    expect(page.get_by_text("Chưa có danh sách lớp.")).to_be_visible()
    _text(page, "Thư mục lớp").fill(str(class_dir))
    _text(page, "Thư mục lớp").press("Tab")

    with page.expect_file_chooser() as chooser:
        page.locator("button.jupyter-button", has_text="Chọn danh sách lớp").click()
    chooser.value.set_files(str(roster))
    expect(page.locator(".kt-xong").first).to_contain_text("Đã đọc 2 học viên")
    expect(page.locator("table.kt-bang").first).to_contain_text("<b>Học viên</b> Thử Hai")  # shown as text
    screenshot(page, "giang_vien_1_danh_sach")

    select = page.locator(".widget-select-multiple", has_text="Bài tập").locator("select")
    texts = select.locator("option").evaluate_all("els => els.map(e => e.textContent)")
    # ipywidgets writes the labels with non-breaking spaces
    labels = [o for o in texts if o.replace("\xa0", " ").split(" — ")[0].strip() in SPECS]
    assert len(labels) == 2, texts[:3]
    select.select_option(label=labels)
    button(page, "Tạo bài").click()
    expect(page.get_by_text("Đã tạo 4 sổ tay")).to_be_visible()
    key = read_key(class_dir / "giang_vien" / "dap_an.json")
    assert set(key["trainees"]) == {"HV01", "HV02"} and set(key["exercises"]) == set(SPECS)

    button(page, "Xem ai đã nộp").click()
    expect(page.get_by_text("0/4 bài đã nộp")).to_be_visible()
    fact = key["variants"]["HV02"]["t03_han_nop_ho_so"]["answers"]["han_ho_so"]
    session_for(class_dir / "hoc_vien" / "HV02" / "t03_han_nop_ho_so.ipynb").submit(
        {"han_ho_so": right_answer("date", fact)})
    button(page, "Xem ai đã nộp").click()
    expect(page.get_by_text("1/4 bài đã nộp")).to_be_visible()
    screenshot(page, "giang_vien_2_ai_da_nop")

    button(page, "Chấm bài").click()
    expect(page.get_by_text("chấm mới 1")).to_be_visible()
    expect(page.get_by_text("Điểm theo học viên")).to_be_visible()
    expect(page.locator("a.kt-download", has_text="Tải báo cáo Excel")).to_be_visible()
    expect(page.locator(".widget-image")).to_be_visible()
    with Gradebook(class_dir / "giang_vien" / "so_diem.sqlite") as gb:
        scores = gb.question_scores()
    row = scores.set_index(["trainee_id", "question_id"]).loc[("HV02", "han_ho_so")]
    assert row["final_score"] == 2.0
    table = page.locator("table.kt-bang", has=page.get_by_text("HV02")).last
    expect(table).to_contain_text("HV01")  # every trainee of the roster is in the record, submitted or not
    with page.expect_download() as info:
        page.locator("a.kt-download", has_text="Tải báo cáo Excel").click()
    assert info.value.suggested_filename.endswith(".xlsx")

    assert_clean(page, page.console_log)
    screenshot(page, "giang_vien_3_cham_bai")
