"""Item analysis, checked by hand: share correct, discrimination (upper vs lower third), the most chosen wrong
answer, per-rule error rate with the rule's name, who has not submitted; a table and a chart in the report."""

from __future__ import annotations

import json

import openpyxl
import pandas as pd
import pytest

from kiemtra_lib.exercises.gradebook import Gradebook
from kiemtra_lib.exercises.item_analysis import missing_table, question_table, rule_table
from kiemtra_lib.exercises.reports import class_scores, write_reports

TRAINEES = ["T1", "T2", "T3", "T4", "T5", "T6"]
# q1: right for T1, T2, T3, T5; T4 and T6 answer "B".  q2: right for T4, T5, T6; T1 "C", T2 "D", T3 "C".
Q1 = {"T1": "A", "T2": "A", "T3": "A", "T4": "B", "T5": "A", "T6": "B"}
Q2 = {"T1": "C", "T2": "D", "T3": "C", "T4": "A", "T5": "A", "T6": "A"}
# e2 (6 points) sets the course grade order: totals 7, 6, 5, 4, 4, 2 of 8 (T4 and T5 tie: by id)
E2 = {"T1": 6, "T2": 5, "T3": 4, "T4": 3, "T5": 2, "T6": 1}

KEY = {"exercises": {
    "e1": {"title": "Bài 1", "max_points": 2, "fingerprint": "f1", "ruleset": "hcm-2014",
           "questions": [{"id": "q1", "kind": "choice", "points": 1, "prompt": "?"},
                         {"id": "q2", "kind": "choice", "points": 1, "prompt": "?"}]},
    "e2": {"title": "Bài 2", "max_points": 6, "fingerprint": "f2", "ruleset": "hcm-2014",
           "questions": [{"id": "q", "kind": "choice", "points": 6, "prompt": "?"}]}},
    "trainees": {t: {"ho_ten": f"Học viên {t}", "don_vi": "Chi bộ 1" if t < "T4" else "Chi bộ 2"}
                 for t in [*TRAINEES, "T7"]},
    "variants": {t: {"e1": {}, "e2": {}} for t in [*TRAINEES, "T7"]}}


def _s(qid, answer, right, pts, rules, score=None):
    score = (float(pts) if right else 0.0) if score is None else float(score)
    return {"question_id": qid, "score": score, "max_points": pts, "correct": right,
            "wrong_kind": None if right else "sai_lua_chon", "given": answer, "rule_ids": rules}


@pytest.fixture
def gb(tmp_path):
    with Gradebook(tmp_path / "so_diem.sqlite") as gb:
        gb.register_key(KEY)
        for t in TRAINEES:
            gb.record_attempt(trainee_id=t, exercise_id="e1", submission_sha256=f"{t}1", variant_digest="d",
                              submitted_at="2026-03-10T09:00:00+07:00", source_file=f"{t}/e1.nop_bai.json",
                              checker_version="1",
                              scores=[_s("q1", Q1[t], Q1[t] == "A", 1, ["R-M3"]),
                                      _s("q2", Q2[t], Q2[t] == "A", 1, ["R-M3", "T3"])])
            gb.record_attempt(trainee_id=t, exercise_id="e2", submission_sha256=f"{t}2", variant_digest="d",
                              submitted_at="2026-03-10T09:00:00+07:00", source_file=f"{t}/e2.nop_bai.json",
                              checker_version="1", scores=[_s("q", str(E2[t]), E2[t] == 6, 6, ["T4"], score=E2[t])])
        yield gb


def _grades(gb):
    from kiemtra_lib.exercises.records import course_record

    rec = course_record(class_scores(gb))
    return pd.Series(rec["Điểm (thang 10)"].values, index=rec["Mã học viên"])


def test_question_table(gb):
    grades = _grades(gb)
    assert list(grades[TRAINEES]) == [8.75, 7.5, 6.25, 5.0, 5.0, 2.5]
    table = question_table(class_scores(gb), grades).set_index(["Bài tập", "Câu hỏi"])
    q1, q2 = table.loc[("e1", "q1")], table.loc[("e1", "q2")]
    # q1: upper third T1, T2 both right (1.0), lower third T5 right, T6 wrong (0.5): D = 0.5
    assert (q1["Số bài"], q1["Số đúng"], q1["Tỷ lệ đúng (%)"], q1["Độ phân biệt"]) == (6, 4, 66.7, 0.5)
    assert (q1["Câu trả lời sai hay gặp nhất"], q1["Số lần"]) == ("B", 2)
    # q2: the strong trainees get it wrong, the weak right: D = 0 - 1 = -1 (a question to look at)
    assert (q2["Số đúng"], q2["Tỷ lệ đúng (%)"], q2["Độ phân biệt"]) == (3, 50.0, -1.0)
    assert (q2["Câu trả lời sai hay gặp nhất"], q2["Số lần"]) == ("C", 2)
    assert q2["Quy tắc"] == "R-M3, T3"


def test_blank_answers_are_counted_apart_from_the_wrong_answers(gb):
    data = class_scores(gb)
    q = data.questions
    q.loc[(q["trainee_id"] == "T6") & (q["question_id"] == "q1"), "answer"] = "null"  # T6 left q1 empty
    row = question_table(data, _grades(gb)).set_index(["Bài tập", "Câu hỏi"]).loc[("e1", "q1")]
    assert (row["Câu trả lời sai hay gặp nhất"], row["Số lần"], row["Không trả lời"]) == ("B", 1, 1)


def test_discrimination_is_blank_for_a_small_class(gb):
    data = class_scores(gb)
    data.questions = data.questions[data.questions["trainee_id"].isin(["T1", "T2", "T3", "T4", "T5"])]
    table = question_table(data, _grades(gb))
    assert table["Độ phân biệt"].isna().all()  # 5 // 3 = 1 trainee per third: too few to say


def test_rule_table_with_names(gb):
    table = rule_table(class_scores(gb), {"R-M3": "Đảng viên «Hoàn thành tốt nhiệm vụ»", "T4": "Hạn hồ sơ"})
    rows = {r["Quy tắc"]: r for r in table.to_dict("records")}
    # R-M3: q1 (2 wrong) + q2 (3 wrong) over 12 answers; T3: q2, 3 of 6; T4: e2, 5 of 6
    assert (rows["R-M3"]["Số câu trả lời"], rows["R-M3"]["Số câu sai"], rows["R-M3"]["Tỷ lệ sai (%)"]) == (12, 5, 41.7)
    assert rows["R-M3"]["Tên quy tắc"] == "Đảng viên «Hoàn thành tốt nhiệm vụ»"
    assert rows["T3"]["Tên quy tắc"] == "(không có trong bộ quy tắc)"
    assert (rows["T4"]["Số câu sai"], rows["T4"]["Tỷ lệ sai (%)"]) == (5, 83.3)
    assert list(table["Quy tắc"]) == ["T4", "R-M3", "T3"]  # most wrong answers first, then the higher rate


def test_missing_table(gb):
    missing = missing_table(class_scores(gb))
    assert missing[["Mã học viên", "Bài tập", "Tình trạng"]].values.tolist() == [["T7", "e1", "chưa nộp"],
                                                                                 ["T7", "e2", "chưa nộp"]]


def test_report_has_the_tables_and_the_chart(gb, tmp_path):
    paths = write_reports(gb, tmp_path / "bc")
    wb = openpyxl.load_workbook(paths["excel"])
    header = [c.value for c in wb["Theo câu hỏi"][1]]
    assert "Độ phân biệt" in header and "Câu trả lời sai hay gặp nhất" in header
    assert [c.value for c in wb["Theo quy tắc"][1]][:2] == ["Quy tắc", "Tên quy tắc"]
    names = dict((r[0], r[1]) for r in wb["Theo quy tắc"].iter_rows(min_row=2, values_only=True))
    assert names["R-M3"].startswith("Đảng viên")  # from the hcm-2014 rule set itself
    assert [r[0] for r in wb["Chưa nộp"].iter_rows(min_row=2, values_only=True)] == ["T7", "T7"]
    for chart in ("chart", "item_chart"):
        assert paths[chart].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
