"""The verification page (apps/tham_dinh.ipynb) in Chromium: upload a dossier, read the result, download the report.

The dossier has one planted error (a member serving a discipline proposed «Hoàn thành tốt nhiệm vụ»); what the page
shows must be the library's own verdict for that file, and the downloaded xlsx must list the same discrepancy.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from app_page import assert_clean, button, open_page, screenshot, wait_for_widgets
from kiemtra_lib.course.app import VoilaServer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "verification"))
from _dossiers import REVIEW, dossier  # noqa: E402  (the hand-worked chi bộ of the verification tests)


def _choose(page, path: Path) -> None:
    """ipywidgets' FileUpload is a button that opens the browser's file chooser (its <input> is not in the page)."""
    with page.expect_file_chooser() as chooser:
        page.locator("button.jupyter-button", has_text="Chọn tệp hồ sơ").click()
    chooser.value.set_files(str(path))


@pytest.fixture(scope="module")
def apps_server():
    with VoilaServer(ROOT / "apps") as server:
        yield server


def test_upload_check_and_download_the_report(page, apps_server, tmp_path):
    from kiemtra_lib import verification

    path = tmp_path / "ho_so_cb1.xlsx"
    path.write_bytes(dossier(proposed={"A06": "HTT"}))
    expected = verification.verify(path, review_date=REVIEW)
    open_page(page, apps_server.notebook_url("tham_dinh.ipynb"))
    wait_for_widgets(page, 3)
    expect(page.get_by_text("Chưa có tệp hồ sơ.")).to_be_visible()
    _choose(page, path)
    expect(page.get_by_text("Đã nhận tệp")).to_be_visible()
    page.locator(".widget-text", has_text="Ngày đánh giá").locator("input").fill(REVIEW)
    page.locator(".widget-text", has_text="Ngày đánh giá").locator("input").press("Enter")
    button(page, "Thẩm định").click()
    expect(page.locator(".kt-report p.sai")).to_have_text(expected.verdict())
    expect(page.locator(".kt-report td", has_text="R-M5").first).to_be_visible()
    with page.expect_download() as info:
        page.locator("a.kt-download", has_text="Excel").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name == "ho_so_cb1.tham_dinh.xlsx"
    rows = list(openpyxl.load_workbook(saved)["Sai lệch"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and rows[0][0] == "Sai quy định" and "A06" in rows[0]
    screenshot(page, "tham_dinh")
    assert_clean(page, page.console_log)


def test_a_bad_workbook_shows_its_vietnamese_message(page, apps_server, tmp_path):
    path = tmp_path / "khong_phai_mau.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Danh sách"
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(buf.getvalue())
    open_page(page, apps_server.notebook_url("tham_dinh.ipynb"))
    wait_for_widgets(page, 3)
    _choose(page, path)
    expect(page.get_by_text("Đã nhận tệp")).to_be_visible()
    page.locator(".widget-text", has_text="Ngày đánh giá").locator("input").fill(REVIEW)
    page.locator(".widget-text", has_text="Ngày đánh giá").locator("input").press("Enter")
    button(page, "Thẩm định").click()
    expect(page.locator(".kt-error")).to_contain_text("Tệp không theo mẫu hồ sơ thẩm định")
    assert_clean(page, page.console_log)


def test_lesson_09_shows_the_check_and_its_panel_answers(page, course_server):
    """Lesson 09 in the course app: the verdict of the planted dossier, then «Thử»: choosing a level for a member
    shows what the check says, as the library says it for the same proposal."""
    from kiemtra_lib import verification
    from kiemtra_lib.verification.lesson import ProposalPanel

    from app_page import dropdown

    planted = verification.planted_dossier(9, working_day="02/12/2025", received="01/12/2025")
    open_page(page, course_server.notebook_url("09_tham_dinh_xep_loai.ipynb"))
    wait_for_widgets(page, 2)
    expect(page.get_by_text(planted.verification.verdict()).first).to_be_visible()
    expected = ProposalPanel(planted, member_id="DV01")
    expected.level.value = "KHT"
    dropdown(page, "Đảng viên").select_option(label="DV01")
    dropdown(page, "Mức đề nghị").select_option(label="Không hoàn thành nhiệm vụ")
    import html as _html

    kind = _html.unescape(expected.out.value.split("</b> — ", 1)[1].split("<br>", 1)[0])
    sentence = _html.unescape(expected.out.value.split("<br>")[1])
    expect(page.get_by_text(kind).first).to_be_visible()
    expect(page.get_by_text(sentence).first).to_be_visible()
    screenshot(page, "09_tham_dinh_xep_loai")
    assert_clean(page, page.console_log)
