"""The ``kiemtra`` command: build and grade end to end; every error is a Vietnamese line, no traceback, exit 2."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiemtra_lib.cli import main
from kiemtra_lib.exercises.gradebook import Gradebook

from _exercises_support import CLASS_SPECS, EXERCISES, right_answer, session_for, write_roster

SCRIPT = Path(sys.executable).parent / "kiemtra"


def test_build_then_grade_through_main(tmp_path, capsys):
    roster = write_roster(tmp_path / "lop.csv", 4)
    out = tmp_path / "lop"
    code = main(["exercises", "build", *map(str, CLASS_SPECS), "--roster", str(roster), "--out", str(out),
                 "--class-seed", "9", "--mode", "practice"])
    assert code == 0 and "Đã tạo 12 sổ tay" in capsys.readouterr().out
    key_path = out / "giang_vien" / "dap_an.json"
    key = json.loads(key_path.read_text(encoding="utf-8"))
    eid = "t03_han_nop_ho_so"
    for tid in ("HV000", "HV001"):
        fact = key["variants"][tid][eid]["answers"]["han_ho_so"]
        session_for(out / "hoc_vien" / tid / f"{eid}.ipynb").submit({"han_ho_so": right_answer("date", fact)})
    code = main(["exercises", "grade", str(out / "hoc_vien"), "--key", str(key_path)])
    printed = capsys.readouterr().out
    assert code == 0 and "Đã đọc 2 bài nộp: chấm mới 2" in printed
    assert (out / "giang_vien" / "bao_cao" / "bao_cao.xlsx").is_file()
    with Gradebook(out / "giang_vien" / "so_diem.sqlite") as gb:
        scores = gb.question_scores()
        assert set(scores["trainee_id"]) == {"HV000", "HV001"}
        assert scores.set_index(["trainee_id", "question_id"]).loc[("HV000", "han_ho_so"), "final_score"] == 2.0
    code = main(["exercises", "manual-score", "--db", str(out / "giang_vien" / "so_diem.sqlite"), "HV000", eid,
                 "co_doi_ngay", "1", "--note", "chấm lại"])
    assert code == 0 and "Đã ghi điểm chấm tay" in capsys.readouterr().out


@pytest.mark.parametrize("argv, words", [
    (["exercises", "build", "khong_co.yaml", "--roster", "r.csv", "--out", "o"], "không tìm thấy tệp"),
    (["exercises", "grade", ".", "--key", "khong_co.json"], "tệp đáp án"),
    (["exercises", "build", "--roster", "r.csv"], "Lỗi dòng lệnh"),
    (["exercises", "grade", ".", "--key", "x", "--thua"], "Lỗi dòng lệnh"),
])
def test_errors_are_vietnamese_without_traceback(tmp_path, monkeypatch, capsys, argv, words):
    monkeypatch.chdir(tmp_path)
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2 and words in err and "Traceback" not in err


def test_a_bad_spec_names_the_file_and_the_field(tmp_path, capsys):
    bad = tmp_path / "x.yaml"
    text = (EXERCISES / "t01_thoi_han_kiem_tra_co_so.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("kind: days", "kind: so_ngay"), encoding="utf-8")
    roster = write_roster(tmp_path / "lop.csv", 2)
    code = main(["exercises", "build", str(bad), "--roster", str(roster), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and str(bad) in err and "questions[0].kind" in err and "so_ngay" in err
    assert not (tmp_path / "o").exists()  # nothing written on bad input


def test_a_bad_roster_names_row_and_column(tmp_path, capsys):
    roster = tmp_path / "lop.csv"
    roster.write_text("trainee_id,ho_ten\nA1,Một\nA1,Hai\n", encoding="utf-8")
    code = main(["exercises", "build", str(CLASS_SPECS[0]), "--roster", str(roster), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and "dòng 3, cột «mã học viên»" in err


def test_the_installed_script_runs(tmp_path):
    if not SCRIPT.exists():
        pytest.skip("the kiemtra script is not installed in this environment (pip install -e .)")
    listed = subprocess.run([str(SCRIPT), "exercises", "list", str(EXERCISES)], capture_output=True, text=True,
                            timeout=120)
    assert listed.returncode == 0 and "t01_thoi_han_kiem_tra_co_so" in listed.stdout
    failed = subprocess.run([str(SCRIPT), "exercises", "grade", str(tmp_path), "--key", str(tmp_path / "k.json")],
                            capture_output=True, text=True, timeout=120)
    assert failed.returncode == 2 and failed.stderr.startswith("Lỗi:") and "Traceback" not in failed.stderr
