"""An exam notebook in Voilà, as a trainee sees it: the scenario is text, there is no «Kiểm tra», «Nộp bài» saves the
answers, «Xem kết quả» says the results are not released; after the instructor's release (past closing time) the
same button shows each question's result — the library's own feedback for the saved answers."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from app_page import assert_clean, button, open_page, screenshot, wait_for_widgets
from kiemtra_lib.course.app import VoilaServer

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = ROOT / "exercises"


@pytest.fixture(scope="module")
def exam_class(tmp_path_factory):
    from kiemtra_lib.exercises import build_class, load_specs
    from kiemtra_lib.exercises.roster import Trainee

    work = tmp_path_factory.mktemp("thi")
    data = yaml.safe_load((EXERCISES / "t03_han_nop_ho_so.yaml").read_text(encoding="utf-8"))
    now = dt.datetime.now(dt.timezone.utc)
    data.update(opens=(now - dt.timedelta(hours=1)).isoformat(timespec="seconds"),
                closes=(now + dt.timedelta(hours=1)).isoformat(timespec="seconds"),
                template=str(EXERCISES / "templates" / "bai_tap.ipynb"))
    spec = work / "t03_han_nop_ho_so.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    built = build_class(load_specs([spec]), [Trainee("HV01", "Học viên Thử Một")], work / "lop", mode="exam")
    folder = built.out_dir / "hoc_vien" / "HV01"
    with VoilaServer(folder) as server:
        yield server, built, folder


def test_exam_in_the_browser_then_released_results(page, exam_class):
    from kiemtra_lib.exercises import read_key
    from kiemtra_lib.exercises.release import release_results

    server, built, folder = exam_class
    key = read_key(built.key_path)
    right = dt.date.fromisoformat(key["variants"]["HV01"]["t03_han_nop_ho_so"]["answers"]["han_ho_so"]["value"])
    open_page(page, server.notebook_url("t03_han_nop_ho_so.ipynb"))
    wait_for_widgets(page)
    rendered = page.locator("#rendered_cells")
    expect(rendered).to_contain_text("Đoàn kiểm tra")  # the scenario, as text
    expect(rendered).to_contain_text("Thời gian (giờ máy chủ)")
    form = page.locator(".widget-vbox").filter(has=page.locator("button", has_text="Nộp bài")).last
    assert form.locator("button", has_text="Kiểm tra").count() == 0
    rows = form.locator(":scope > .widget-vbox")
    rows.nth(0).locator("input[type='text']").fill(right.strftime("%d/%m/%Y"))
    button(form, "Nộp bài").click()
    status = form.locator(":scope > .widget-html").last
    expect(status).to_contain_text("Đã nộp bài")
    saved = json.loads((folder / "t03_han_nop_ho_so.nop_bai.json").read_text(encoding="utf-8"))
    assert saved["mode"] == "exam" and saved["answers"]["han_ho_so"] == right.strftime("%d/%m/%Y")
    button(form, "Xem kết quả").click()
    expect(status).to_contain_text("chưa công bố")
    screenshot(page, "thi_1_nop_bai")

    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=2)  # as if run after closing time
    run = release_results(built.out_dir / "hoc_vien", built.key_path, now=later)
    assert len(run.written) == 1
    button(form, "Xem kết quả").click()
    expect(status).to_contain_text("Điểm chấm tự động: 2/")
    expect(rows.nth(0).locator(".widget-html").last).to_contain_text("Đúng.")
    assert_clean(page, page.console_log)
    screenshot(page, "thi_2_ket_qua")
