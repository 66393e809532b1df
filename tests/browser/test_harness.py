"""The harness itself, on two fixture notebooks: it drives widgets and sees the result, and it catches a failing cell."""

import datetime as dt
import json
import time
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from app_page import (assert_clean, button, date_input, dropdown, open_page, screenshot, set_date,
                      wait_for_widgets)
from kiemtra_lib import fmt_date
from kiemtra_lib.periods import add_months


def _kernel_exists(server, kernel_id: str) -> bool:
    try:
        with urllib.request.urlopen(f"{server.url}api/kernels/{kernel_id}", timeout=5) as response:
            return response.status == 200
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return False
        raise


def test_fixture_widgets_recompute_through_the_kernel(page, fixture_server):
    open_page(page, fixture_server.notebook_url("00_thu_nghiem.ipynb"))
    wait_for_widgets(page)
    result = page.locator(".kiemtra-fixture-result")
    expect(result).to_have_text(f"Ngày kết thúc: {fmt_date(add_months(dt.date(2024, 1, 31), 1))}")

    dropdown(page, "Số tháng").select_option(label="6")
    expect(result).to_have_text(f"Ngày kết thúc: {fmt_date(add_months(dt.date(2024, 1, 31), 6))}")

    set_date(date_input(page, "Ngày bắt đầu"), dt.date(2023, 8, 31))
    expect(result).to_have_text(f"Ngày kết thúc: {fmt_date(add_months(dt.date(2023, 8, 31), 6))}")

    button(page, "Đếm số lần bấm").click()
    button(page, "Đếm số lần bấm").click()
    expect(page.locator(".kiemtra-fixture-clicks")).to_have_text("Đã bấm 2 lần")
    assert_clean(page, page.console_log)
    screenshot(page, "harness_00_thu_nghiem")

    # Leaving the page shuts its kernel down. Voilà's shutdown beacon needs the `_xsrf` cookie that
    # voila/voila.py's prelaunch hook sets (voila #1458); without it every visit left a kernel running.
    kernel_id = json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]
    assert _kernel_exists(fixture_server, kernel_id)
    assert any(c["name"] == "_xsrf" for c in page.context.cookies())
    page.goto(fixture_server.url)
    deadline = time.monotonic() + 30
    while _kernel_exists(fixture_server, kernel_id):  # polls the server's state, with a deadline
        assert time.monotonic() < deadline, f"kernel {kernel_id} still running 30 s after the page was left"
        time.sleep(0.2)
    assert "403" not in "".join(page.console_log.failed_requests)


def test_a_failing_cell_is_caught(page, fixture_server):
    open_page(page, fixture_server.notebook_url("01_trang_co_loi.ipynb"))
    with pytest.raises(AssertionError, match="stderr|traceback|Traceback"):
        assert_clean(page, page.console_log)


def test_landing_page_lists_lessons_in_order_with_their_titles(page, fixture_server):
    response = page.goto(fixture_server.url)
    assert response.status == 200
    expect(page).to_have_title("Khóa học công tác kiểm tra, giám sát của Đảng")
    lessons = page.locator(".kiemtra-lesson")
    expect(lessons).to_have_count(2)
    expect(lessons.nth(0)).to_have_text("Bài 00 Thử nghiệm: cộng tháng theo Bộ luật Dân sự")
    expect(lessons.nth(1)).to_have_text("Bài 01 Trang có lỗi")
    assert_clean(page, page.console_log)


def test_trainees_see_voila_messages_in_vietnamese(page, fixture_server):
    """What Voilà itself says: a missing page, and a failed cell when tracebacks are hidden (as `make app` runs)."""
    from kiemtra_lib.course.app import VoilaServer

    response = page.goto(fixture_server.notebook_url("khong_co_bai_nay.ipynb"))
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Lỗi 404")
    expect(page.locator(".voila-error")).to_contain_text("Không có trang này")

    with VoilaServer(fixture_server.root, show_tracebacks=False) as app:
        source = open_page(page, app.notebook_url("01_trang_co_loi.ipynb")).text()
        error = page.locator(".kiemtra-cell-error")
        expect(error).to_have_text("Đã có lỗi khi chạy phần này của bài (ô [1]). Xin báo cho giảng viên hoặc người "
                                   "quản trị khóa học.")
        assert "Traceback" not in page.locator("#rendered_cells").inner_text()
        expect(page).to_have_title("Trang có lỗi")  # the lesson's heading, not its file name
        assert page.locator("html").get_attribute("lang") == "vi"
        # The spinner and its progress line, shown while the cells run, are in the page as served.
        assert "Đang chuẩn bị bài học…" in source and "Đang chạy ô ${cell_index} / ${cell_count}…" in source
        assert "cdn.jsdelivr.net" not in source and "cdnjs.cloudflare.com" not in source
