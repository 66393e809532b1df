"""One hostile or broken submission never stops grading for the class (issue 17): it is recorded as a problem with
its file and reason, every other file is graded, and the reports are written; rerunning gives the same result."""

from __future__ import annotations

import errno
import json
import shutil

import openpyxl
import pandas as pd
import pytest

from kiemtra_lib import InputError
from kiemtra_lib.exercises import grade_directory, read_key
from kiemtra_lib.exercises.gradebook import Gradebook
from kiemtra_lib.exercises.session import submission_checksum

from _exercises_support import build, right_answer, session_for

EID = "t03_han_nop_ho_so"
NAME = f"{EID}.nop_bai.json"


@pytest.fixture
def klass(tmp_path):
    built = build(tmp_path, n=10)
    key = read_key(built.key_path)
    sub = built.out_dir / "hoc_vien"
    for i in range(10):
        tid = f"HV{i:03d}"
        session_for(sub / tid / f"{EID}.ipynb").submit(
            {"han_ho_so": right_answer("date", key["variants"][tid][EID]["answers"]["han_ho_so"])})
    return built, sub, tmp_path


def _answer_raw(path, raw_value: str):
    """Put a raw JSON token as the date answer (what an editor, not the notebook, can write)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data["answers"]["han_ho_so"] = "@@X@@"
    path.write_text(json.dumps(data).replace('"@@X@@"', raw_value), encoding="utf-8")


HOSTILE = {
    "HV000": ("1e999", "gia_tri_la", "vô hạn"),
    "HV001": ("Infinity", "gia_tri_la", "Infinity"),
    "HV002": ("-Infinity", "gia_tri_la", "-Infinity"),
    "HV003": ("NaN", "gia_tri_la", "NaN"),
    "HV004": ("9" * 5000, "gia_tri_la", "5000 chữ số"),
    "HV005": ("[" * 100_000 + "]" * 100_000, "gia_tri_la", "lồng nhau"),
}


def test_hostile_numbers_and_nesting_are_problems_named_by_file(klass):
    built, sub, tmp = klass
    for tid, (raw, _, _) in HOSTILE.items():
        _answer_raw(sub / tid / NAME, raw)
    (sub / "HV006" / NAME).write_bytes((sub / "HV006" / NAME).read_bytes()[:40])  # truncated
    (sub / "HV007" / NAME).write_bytes(b"\xff\xfe\x00garbage")                     # not UTF-8
    run = grade_directory(sub, built.key_path, tmp / "so_diem.sqlite", tmp / "bao_cao")
    kinds = {p.source_file.split("/")[0]: (p.kind, p.message) for p in run.problems}
    assert set(kinds) == {*HOSTILE, "HV006", "HV007"}
    for tid, (_, kind, words) in HOSTILE.items():
        assert kinds[tid][0] == kind and words in kinds[tid][1], kinds[tid]
    assert kinds["HV006"][0] == kinds["HV007"][0] == "khong_doc_duoc"
    assert "bị cắt cụt" in kinds["HV006"][1]
    assert run.graded == 2  # HV008, HV009
    assert all(NAME in p.source_file for p in run.problems)
    assert (tmp / "bao_cao" / "bao_cao.xlsx").is_file()
    problems = pd.read_csv(tmp / "bao_cao" / "bai_nop_loi.csv", encoding="utf-8-sig")
    assert len(problems) == 8
    again = grade_directory(sub, built.key_path, tmp / "so_diem.sqlite", tmp / "bao_cao")
    assert again.unchanged == 2 and len(again.problems) == 8


def test_an_unexpected_failure_in_one_file_is_a_problem_not_a_stop(klass, monkeypatch):
    built, sub, tmp = klass
    from kiemtra_lib.exercises import grading

    real = grading.grade_submission

    def flaky(data, key):
        if data["trainee_id"] == "HV004":
            raise ZeroDivisionError("boom")
        return real(data, key)

    monkeypatch.setattr(grading, "grade_submission", flaky)
    run = grade_directory(sub, built.key_path, tmp / "so_diem.sqlite", tmp / "bao_cao")
    assert run.graded == 9
    assert [(p.source_file, p.kind) for p in run.problems] == [(f"HV004/{NAME}", "loi_xu_ly")]
    assert "ZeroDivisionError" in run.problems[0].message


def test_a_huge_file_is_not_read_into_grading(klass):
    built, sub, tmp = klass
    data = json.loads((sub / "HV000" / NAME).read_text(encoding="utf-8"))
    data["answers"]["han_ho_so"] = "x" * (2 * 1024 * 1024)
    (sub / "HV000" / NAME).write_text(json.dumps(data), encoding="utf-8")
    run = grade_directory(sub, built.key_path, tmp / "so_diem.sqlite")
    assert [p.kind for p in run.problems] == ["gia_tri_la"] and "quá" in run.problems[0].message
    assert run.graded == 9


def test_grading_one_trainees_folder_refuses_another_trainees_file(klass):
    built, sub, tmp = klass
    (sub / "HV001" / "khac").mkdir()
    shutil.copy(sub / "HV002" / NAME, sub / "HV001" / "khac" / NAME)
    shutil.copy(sub / "HV003" / NAME, sub / "HV001" / f"{EID}.nop_bai (1).json")
    run = grade_directory(sub / "HV001", built.key_path, tmp / "so_diem.sqlite")
    kinds = sorted((p.source_file, p.kind) for p in run.problems)
    assert kinds == [(f"khac/{NAME}", "sai_thu_muc"), (f"{EID}.nop_bai (1).json", "sai_thu_muc")]
    assert run.graded == 1  # HV001's own


def test_formula_text_in_names_and_file_names_is_written_as_text(tmp_path):
    """A roster name, a file name and an id that would be live formulas in the reports (issue 17)."""
    from _exercises_support import CLASS_SPECS
    from kiemtra_lib.exercises import build_class, load_specs, read_roster

    roster = tmp_path / "lop.csv"
    roster.write_text('trainee_id,ho_ten,don_vi\nHV000,"=HYPERLINK(""http://x.example"",""bấm"")",@don_vi\n'
                      "HV001,+Trần Thị Mẫu,-Chi bộ\n", encoding="utf-8")
    built = build_class(load_specs(CLASS_SPECS[:1]), read_roster(roster), tmp_path / "out")
    key = read_key(built.key_path)
    sub = built.out_dir / "hoc_vien"
    for tid in ("HV000", "HV001"):
        session_for(sub / tid / f"{EID}.ipynb").submit(
            {"han_ho_so": right_answer("date", key["variants"][tid][EID]["answers"]["han_ho_so"])})
    (sub / "HV000" / "=2+5.nop_bai.json").write_text("{", encoding="utf-8")
    data = json.loads((sub / "HV001" / NAME).read_text(encoding="utf-8"))
    data["exercise_id"] = "=1+1"
    data["checksum"] = submission_checksum(data)
    (sub / "HV001" / f"{EID}.nop_bai (2).json").write_text(json.dumps(data), encoding="utf-8")
    grade_directory(sub, built.key_path, tmp_path / "so_diem.sqlite", tmp_path / "bao_cao")

    wb = openpyxl.load_workbook(tmp_path / "bao_cao" / "bao_cao.xlsx")
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    # shown exactly as typed, as text
    assert '=HYPERLINK("http://x.example","bấm")' in texts and "+Trần Thị Mẫu" in texts
    assert any("=2+5.nop_bai.json" in t for t in texts) and "=1+1" in texts
    assert "@don_vi" in texts and "-Chi bộ" in texts  # the units, carried from the roster
    for csv_name in ("theo_hoc_vien.csv", "bai_nop_loi.csv"):
        text = (tmp_path / "bao_cao" / csv_name).read_text(encoding="utf-8-sig")
        for cell in pd.read_csv(tmp_path / "bao_cao" / csv_name, encoding="utf-8-sig", dtype=str,
                                keep_default_na=False).to_numpy().ravel():
            assert not (cell[:1] in ("=", "+", "@") or (cell[:1] == "-" and not cell[1:2].isdigit())), cell
    assert "'=HYPERLINK" in (tmp_path / "bao_cao" / "theo_hoc_vien.csv").read_text(encoding="utf-8-sig")


def test_disk_full_while_writing_reports_names_the_path_and_keeps_what_was_saved(klass, monkeypatch):
    built, sub, tmp = klass
    db, reports = tmp / "so_diem.sqlite", tmp / "bao_cao"
    grade_directory(sub, built.key_path, db, reports)
    before = (reports / "bao_cao.xlsx").read_bytes()
    # HV009 resubmits; then the disk fills up while the workbook is written
    session_for(sub / "HV009" / f"{EID}.ipynb").submit({"han_ho_so": "01/01/2000"})
    from kiemtra_lib.exercises import _util, reports as reports_mod

    real = _util.atomic_write_bytes

    def full(path, data, **kw):
        if str(path).endswith("bao_cao.xlsx"):
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, data, **kw)

    monkeypatch.setattr(reports_mod, "atomic_write_bytes", full)
    with pytest.raises(InputError) as err:
        grade_directory(sub, built.key_path, db, reports)
    msg = str(err.value)
    assert "bao_cao.xlsx" in msg and "đầy" in msg and "vẫn được lưu trong sổ điểm" in msg
    assert (reports / "bao_cao.xlsx").read_bytes() == before
    with Gradebook(db) as gb:
        assert gb.counts()["attempts"] == 11  # the resubmission was saved before the reports


def test_read_only_report_folder(klass, monkeypatch):
    built, sub, tmp = klass
    from kiemtra_lib.exercises import reports as reports_mod

    def readonly(path, data, **kw):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(reports_mod, "atomic_write_bytes", readonly)
    with pytest.raises(InputError, match="chỉ cho đọc"):
        grade_directory(sub, built.key_path, tmp / "so_diem.sqlite", tmp / "bao_cao")
    with Gradebook(tmp / "so_diem.sqlite") as gb:
        assert gb.counts()["attempts"] == 10


def test_a_planted_link_is_not_followed(klass):
    built, sub, tmp = klass
    link = sub / "HV000" / f"{EID}.nop_bai (1).json"
    link.symlink_to(built.key_path)  # a link to the answer key
    run = grade_directory(sub, built.key_path, tmp / "so_diem.sqlite")
    assert [(p.source_file, p.kind) for p in run.problems] == [(f"HV000/{EID}.nop_bai (1).json", "gia_tri_la")]
    assert "liên kết" in run.problems[0].message and run.graded == 10
