"""The instructor's page in Python (its widgets driven as the browser test drives them): roster → build → who has
submitted → grade → reports, and release after an exam closes; errors are Vietnamese lines, names are escaped."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kiemtra_lib.exercises import read_key
from kiemtra_lib.exercises.instructor import InstructorPanel

from _exercises_support import EXERCISES, right_answer, session_for

ROSTER = "Mã học viên,Họ và tên,Đơn vị\nHV01,<img src=x onerror=alert(1)>,Phòng A\nHV02,Học viên Thử Hai,Phòng B\n"


def _upload(panel, name: str, content: bytes) -> None:
    panel.roster_upload.value = ({"name": name, "type": "text/csv", "size": len(content), "content": memoryview(content),
                                  "last_modified": dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)},)


@pytest.fixture
def panel(tmp_path):
    return InstructorPanel(class_dir=tmp_path / "lop", specs_dir=EXERCISES)


def test_the_page_walks_a_class_from_roster_to_reports(panel, tmp_path):
    assert "t03_han_nop_ho_so" in [v for _l, v in panel.specs.options]
    panel.build_button.click()
    assert "đọc danh sách lớp trước" in panel.build_out.value
    _upload(panel, "lop.csv", ROSTER.encode("utf-8-sig"))
    assert "Đã đọc 2 học viên" in panel.roster_out.value and "2 đơn vị" in panel.roster_out.value
    assert "<img" not in panel.roster_out.value and "&lt;img" in panel.roster_out.value
    panel.specs.value = ("t03_han_nop_ho_so", "r01_xep_loai_theo_phieu")
    panel.build_button.click()
    assert "Đã tạo 4 sổ tay" in panel.build_out.value
    panel.status_button.click()
    assert "0/4 bài đã nộp" in panel.status_out.value and panel.status_out.value.count("chưa nộp") == 4
    key = read_key(tmp_path / "lop" / "giang_vien" / "dap_an.json")
    fact = key["variants"]["HV02"]["t03_han_nop_ho_so"]["answers"]["han_ho_so"]
    session_for(tmp_path / "lop" / "hoc_vien" / "HV02" / "t03_han_nop_ho_so.ipynb").submit(
        {"han_ho_so": right_answer("date", fact)})
    panel.status_button.click()
    assert "1/4 bài đã nộp" in panel.status_out.value
    panel.grade_button.click()
    assert "chấm mới 1" in panel.grade_out.value, panel.grade_out.value
    assert "Điểm theo học viên" in panel.reports_out.value and "kt-download" in panel.reports_out.value
    assert panel.chart.value[:4] == b"\x89PNG" and panel.chart.layout.display == ""
    assert "<img src=x" not in panel.reports_out.value


def test_release_is_refused_before_an_exam_closes(panel, tmp_path):
    import yaml

    data = yaml.safe_load((EXERCISES / "t03_han_nop_ho_so.yaml").read_text(encoding="utf-8"))
    data.update(opens="2026-01-01T08:00", closes="2099-01-01T09:00", template=str(EXERCISES / "templates" /
                                                                                  "bai_tap.ipynb"))
    specs = tmp_path / "dac_ta"
    specs.mkdir()
    (specs / "t03_han_nop_ho_so.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    panel.specs_dir.value = str(specs)
    assert [v for _l, v in panel.specs.options] == ["t03_han_nop_ho_so"]
    _upload(panel, "lop.csv", ROSTER.encode("utf-8"))
    panel.specs.value = ("t03_han_nop_ho_so",)
    panel.mode.value = "exam"
    panel.build_button.click()
    assert "đóng lúc 09:00 01/01/2099" in panel.build_out.value
    panel.release_button.click()
    assert "còn mở" in panel.release_out.value and "kt-loi" in panel.release_out.value
    nb = json.loads((tmp_path / "lop" / "hoc_vien" / "HV01" / "t03_han_nop_ho_so.ipynb").read_text(encoding="utf-8"))
    assert nb["metadata"]["kiemtra"]["mode"] == "exam"


def test_errors_are_vietnamese_lines(panel, tmp_path):
    _upload(panel, "lop.csv", b"ma,ten\nHV01,A\n")
    assert "kt-loi" in panel.roster_out.value and "Traceback" not in panel.roster_out.value
    _upload(panel, "lop.txt", b"x")
    assert ".xlsx" in panel.roster_out.value
    panel.grade_button.click()
    assert "chưa tạo bài" in panel.grade_out.value
    panel.specs_dir.value = str(tmp_path / "khong_co")
    assert panel.specs.options == ()
