"""Course records: a scenario table checked by hand (every assigned exercise in the maximum, «chưa nộp» = 0,
10-point scale, bands, units, manual scores), the course-record workbook and the Moodle CSV."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from kiemtra_lib import InputError
from kiemtra_lib.exercises.gradebook import Gradebook
from kiemtra_lib.exercises.records import COURSE_BANDS, Band, Bands, parse_bands, to_ten
from kiemtra_lib.exercises.reports import class_scores, write_records, write_reports

# e1: a date question (2 points) and a free-text one (2 points); e2: one choice question (6 points)
KEY = {"exercises": {
    "e1": {"title": "Bài 1", "max_points": 4, "fingerprint": "f1", "ruleset": "hcm-2014",
           "questions": [{"id": "q1", "kind": "date", "points": 2, "prompt": "Ngày?"},
                         {"id": "q2", "kind": "text", "points": 2, "prompt": "Vì sao?", "rubric": "Nêu K5"}]},
    "e2": {"title": "Bài 2", "max_points": 6, "fingerprint": "f2", "ruleset": "hcm-2014",
           "questions": [{"id": "q1", "kind": "choice", "points": 6, "prompt": "Chọn?"}]}},
    "trainees": {"A": {"ho_ten": "Lê Văn Thử", "don_vi": "Chi bộ 1", "email": "a@vi-du.vn"},
                 "B": {"ho_ten": "Trần Thị Mẫu", "don_vi": "Chi bộ 1", "email": "b@vi-du.vn"},
                 "C": {"ho_ten": "Phạm Nghiệm", "don_vi": "Chi bộ 2", "email": ""}},
    "variants": {"A": {"e1": {}, "e2": {}}, "B": {"e1": {}, "e2": {}}, "C": {"e1": {}, "e2": {}}}}


def _s(qid, score, pts, correct, answer="x", rules=("T4",)):
    return {"question_id": qid, "score": score, "max_points": pts, "correct": correct, "wrong_kind": None,
            "given": answer, "rule_ids": list(rules)}


def _attempt(gb, tid, eid, scores, sha, at="2026-03-10T09:00:00+07:00"):
    gb.record_attempt(trainee_id=tid, exercise_id=eid, submission_sha256=sha, variant_digest="d", submitted_at=at,
                      source_file=f"{tid}/{eid}.nop_bai.json", checker_version="1", scores=scores)


@pytest.fixture
def gb(tmp_path):
    with Gradebook(tmp_path / "so_diem.sqlite") as gb:
        gb.register_key(KEY)
        _attempt(gb, "A", "e1", [_s("q1", 2.0, 2, True), _s("q2", None, 2, None, "Vì K5")], "a1")
        _attempt(gb, "A", "e2", [_s("q1", 6.0, 6, True)], "a2")
        _attempt(gb, "B", "e1", [_s("q1", 2.0, 2, True), _s("q2", None, 2, None, "Không biết")], "b1")
        gb.set_manual_score("A", "e1", "q2", 1.5, grader="GV", note="thiếu ý")
        yield gb


# (trainee, e1, e2, total, maximum, 10-point, band, submitted, pending) — by hand from the fixture
EXPECTED = [
    ("A", 3.5, 6.0, 9.5, 10.0, 9.5, "Giỏi", 2, 0),
    ("B", 2.0, "chưa nộp", 2.0, 10.0, 2.0, "Chưa đạt (tạm tính)", 1, 1),
    ("C", "chưa nộp", "chưa nộp", 0.0, 10.0, 0.0, "Chưa đạt", 0, 0),
]


def test_course_record_counts_every_assigned_exercise(gb):
    from kiemtra_lib.exercises.records import course_record

    rec = course_record(class_scores(gb)).set_index("Mã học viên")
    for tid, e1, e2, total, maximum, ten, band, submitted, pending in EXPECTED:
        row = rec.loc[tid]
        assert (row["e1"], row["e2"], row["Tổng điểm"], row["Điểm tối đa"], row["Điểm (thang 10)"], row["Xếp loại"],
                row["Số bài đã nộp"], row["Số câu chờ chấm tay"]) == (e1, e2, total, maximum, ten, band, submitted,
                                                                         pending), tid
    assert list(rec["Đơn vị"]) == ["Chi bộ 1", "Chi bộ 1", "Chi bộ 2"]


def test_a_trainee_who_skips_work_never_looks_better(gb):
    """The issue's complaint: B (one exercise) must not outrank A (both)."""
    from kiemtra_lib.exercises.records import course_record

    rec = course_record(class_scores(gb)).set_index("Mã học viên")
    assert rec.at["A", "Điểm (thang 10)"] > rec.at["B", "Điểm (thang 10)"] > rec.at["C", "Điểm (thang 10)"]


def test_unit_summary(gb):
    from kiemtra_lib.exercises.records import course_record, unit_summary

    units = unit_summary(course_record(class_scores(gb))).set_index("Đơn vị")
    assert units.loc["Chi bộ 1"].tolist() == [2, 1, 5.75, 2.0, 1, 0, 0, 1]
    assert units.loc["Chi bộ 2"].tolist() == [1, 0, 0.0, 0.0, 0, 0, 0, 1]
    assert units.loc["Cả lớp"].tolist() == [3, 1, 3.83, 0.0, 1, 0, 0, 2]


@pytest.mark.parametrize("total, maximum, ten", [(9.5, 10, 9.5), (2, 3, 6.67), (1, 6, 1.67), (8.125, 10, 8.13),
                                                 (0, 10, 0.0), (0, 0, 0.0), (12, 12, 10.0)])
def test_ten_point_scale_half_up(total, maximum, ten):
    assert to_ten(total, maximum) == ten


@pytest.mark.parametrize("score, band", [(10, "Giỏi"), (8.0, "Giỏi"), (7.99, "Khá"), (6.5, "Khá"),
                                         (5.0, "Trung bình"), (4.99, "Chưa đạt"), (0, "Chưa đạt")])
def test_default_bands(score, band):
    assert COURSE_BANDS.classify(score) == band


def test_default_bands_are_labelled_as_the_courses_own():
    assert "do khoá học tự đặt" in COURSE_BANDS.describe() and "cần xác nhận" in COURSE_BANDS.describe()


def test_bands_as_a_parameter_with_their_source(gb, tmp_path):
    bands = parse_bands("Đạt: 5; Không đạt: 0", source="Quy chế lớp bồi dưỡng (giả định)")
    assert [(b.label, b.minimum) for b in bands.bands] == [("Đạt", 5.0), ("Không đạt", 0.0)]
    assert "theo Quy chế lớp bồi dưỡng" in bands.describe()
    assert parse_bands("Giỏi:8; Khá:6,5; TB:0").bands[1].minimum == 6.5  # decimal comma
    out = write_records(gb, tmp_path / "so", bands=bands)
    rec = pd.read_excel(out["workbook"], sheet_name="Bảng điểm", engine="openpyxl").set_index("Mã học viên")
    assert rec.at["A", "Xếp loại"] == "Đạt" and rec.at["C", "Xếp loại"] == "Không đạt"


@pytest.mark.parametrize("text", ["Giỏi:8; Khá:9; Kém:0", "Giỏi:8; Khá:5", "Giỏi:x; Kém:0", "Giỏi 8", "",
                                  "Giỏi:11; Kém:0", "A:5; A:0"])
def test_bad_bands_refused(text):
    with pytest.raises(InputError):
        parse_bands(text)


def test_course_record_workbook(gb, tmp_path):
    out = write_records(gb, tmp_path / "so", course="Lớp bồi dưỡng K12", today=dt.date(2026, 3, 31))
    wb = openpyxl.load_workbook(out["workbook"])
    assert wb.sheetnames == ["Bảng điểm", "Theo đơn vị", "Các bài", "Ghi chú"]
    header = [c.value for c in wb["Bảng điểm"][1]]
    assert header[:6] == ["STT", "Mã học viên", "Họ và tên", "Đơn vị", "Bài 1", "Bài 2"] and "Điểm (thang 10)" in header
    assert [r[:3] for r in wb["Các bài"].iter_rows(min_row=2, values_only=True)] == [("Bài 1", "e1", "Bài 1"),
                                                                                      ("Bài 2", "e2", "Bài 2")]
    ws = wb["Bảng điểm"]
    assert ws.freeze_panes == "A2" and ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"
    notes = {r[0]: r[1] for r in wb["Ghi chú"].iter_rows(min_row=2, values_only=True)}
    assert notes["Ngày lập"] == "31/03/2026" and notes["Khoá học"] == "Lớp bồi dưỡng K12"
    assert "do khoá học tự đặt" in notes["Xếp loại"] and notes["Bộ quy tắc"] == "hcm-2014"
    assert "theo giờ trong bài nộp" in notes["Thời điểm nộp"]
    cells = [c.value for row in wb["Bảng điểm"].iter_rows(min_row=2) for c in row]
    assert cells.count("chưa nộp") == 3


def test_moodle_csv(gb, tmp_path):
    out = write_records(gb, tmp_path / "so")
    text = out["moodle"].read_bytes().decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "First name,Last name,ID number,Department,Email address,e1,e2,Điểm tổng kết (thang 10)"
    assert lines[1] == "Thử,Lê Văn,A,Chi bộ 1,a@vi-du.vn,3.5,6.0,9.5"      # decimal point for Moodle
    assert lines[2] == "Mẫu,Trần Thị,B,Chi bộ 1,b@vi-du.vn,2.0,0.0,2.0"    # chưa nộp = 0
    assert lines[3] == "Nghiệm,Phạm,C,Chi bộ 2,,0.0,0.0,0.0"


def test_the_unit_is_carried_into_every_report(gb, tmp_path):
    gb.record_problem(source_file="C/e1.nop_bai.json", file_sha256="x", kind="bi_sua", message="sửa tay",
                      trainee_id="C", exercise_id="e1")
    paths = write_reports(gb, tmp_path / "bc")
    sheets = pd.read_excel(paths["excel"], sheet_name=None, engine="openpyxl")
    assert sheets["Bài nộp lỗi"]["Đơn vị"].tolist() == ["Chi bộ 2"]
    assert set(sheets["Các lần nộp"]["Đơn vị"]) == {"Chi bộ 1"}
    for name in ("per_trainee", "missing", "problems"):
        df = pd.read_csv(paths[name], encoding="utf-8-sig", keep_default_na=False)
        assert "Đơn vị" in df.columns and set(df["Đơn vị"]) <= {"Chi bộ 1", "Chi bộ 2"} and len(df), name
    units = pd.read_csv(paths["per_unit"], encoding="utf-8-sig")
    assert list(units["Đơn vị"]) == ["Chi bộ 1", "Chi bộ 2", "Cả lớp"]


def test_manual_score_survives_a_regrade(gb):
    _attempt(gb, "A", "e1", [_s("q1", 2.0, 2, True), _s("q2", None, 2, None, "Vì K5")], "a1")  # same submission
    gb.record_attempt(trainee_id="A", exercise_id="e1", submission_sha256="a1", variant_digest="d",
                      submitted_at="2026-03-10T09:00:00+07:00", source_file="A/e1.nop_bai.json",
                      checker_version="2", scores=[_s("q1", 0.0, 2, False), _s("q2", None, 2, None, "Vì K5")])
    qs = class_scores(gb).questions.set_index(["trainee_id", "exercise_id", "question_id"])
    assert qs.at[("A", "e1", "q2"), "final_score"] == 1.5 and qs.at[("A", "e1", "q1"), "final_score"] == 0.0


def test_gradebook_of_schema_1_is_migrated_in_place(tmp_path):
    import sqlite3

    from kiemtra_lib.exercises import gradebook as g

    path = tmp_path / "cu.sqlite"
    conn = sqlite3.connect(path)
    old = g._SCHEMA.replace(",\n    don_vi TEXT NOT NULL DEFAULT '',\n    email TEXT NOT NULL DEFAULT ''", "")
    for col in ("opens TEXT", "closes TEXT", "deadline TEXT",
                "attempt_policy TEXT NOT NULL DEFAULT 'latest_on_time'", "ruleset TEXT NOT NULL DEFAULT ''",
                "rubric TEXT NOT NULL DEFAULT ''", "received_at TEXT", "time_source TEXT NOT NULL DEFAULT 'bai_nop'"):
        old = old.replace(f",\n    {col}", "")
    old = old.split("CREATE TABLE IF NOT EXISTS assignments")[0] + "CREATE TABLE IF NOT EXISTS attempts" + \
        old.split("CREATE TABLE IF NOT EXISTS attempts")[1]
    conn.executescript(old)
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.execute("INSERT INTO trainees VALUES ('A', 'Lê Văn Thử')")
    conn.commit()
    conn.close()
    with Gradebook(path) as gb:
        assert gb.schema_version() == 2
        assert gb.trainees().to_dict("records") == [{"trainee_id": "A", "ho_ten": "Lê Văn Thử", "don_vi": "",
                                                     "email": ""}]
