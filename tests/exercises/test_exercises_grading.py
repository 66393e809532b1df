"""A class of 30: build, answer with a mix of right and wrong, grade, check the gradebook and the reports; then
malformed and tampered submissions, a regrade, a manual score."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from kiemtra_lib.exercises import grade_directory, read_key
from kiemtra_lib.exercises.session import submission_checksum
from kiemtra_lib.exercises.gradebook import Gradebook

from _exercises_support import build, right_answer, session_for, wrong_answer

N = 30


def answer_class(built) -> dict:
    """Every trainee answers; question j of trainee i is right unless (i + j) % 3 == 0; trainees 9, 19, 29 skip the
    last exercise. Returns the expected points per trainee and the expected right/wrong per (exercise, question)."""
    key = read_key(built.key_path)
    expected_points: dict[str, float] = {}
    tally: dict[tuple[str, str], list[int]] = {}
    for i in range(N):
        tid = f"HV{i:03d}"
        total = 0.0
        for e, (eid, ex) in enumerate(key["exercises"].items()):
            if e == 2 and i % 10 == 9:
                continue
            answers = key["variants"][tid][eid]["answers"]
            given = {}
            for j, q in enumerate(ex["questions"]):
                if q["kind"] == "text":
                    given[q["id"]] = "Lời giải thích của học viên"
                    continue
                right = (i + j) % 3 != 0
                fact = answers[q["id"]]
                given[q["id"]] = right_answer(q["kind"], fact) if right else wrong_answer(q["kind"], fact)
                total += q["points"] if right else 0.0
                tally.setdefault((eid, q["id"]), [0, 0])[0 if right else 1] += 1
            bai = session_for(built.out_dir / "hoc_vien" / tid / f"{eid}.ipynb")
            bai.submit(given)
        expected_points[tid] = total
    return {"points": expected_points, "tally": tally}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lop30")
    built = build(tmp, n=N)
    plan = answer_class(built)
    run = grade_directory(built.out_dir / "hoc_vien", built.key_path, tmp / "so_diem.sqlite",
                          tmp / "bao_cao")
    return built, plan, run, tmp


def test_every_submission_is_graded(graded):
    built, plan, run, tmp = graded
    assert run.files == N * 3 - 3 and run.graded == run.files and not run.problems
    with Gradebook(tmp / "so_diem.sqlite") as gb:
        counts = gb.counts()
        assert counts["trainees"] == N and counts["exercises"] == 3 and counts["attempts"] == N * 3 - 3
        qs = gb.question_scores()
    totals = qs.groupby("trainee_id")["final_score"].sum(min_count=1).fillna(0.0).to_dict()
    assert totals == pytest.approx(plan["points"])


def test_per_question_counts_match_the_answers_given(graded):
    built, plan, run, tmp = graded
    report = pd.read_csv(tmp / "bao_cao" / "theo_cau_hoi.csv", encoding="utf-8-sig")
    for (eid, qid), (right, wrong) in plan["tally"].items():
        row = report[(report["Bài tập"] == eid) & (report["Câu hỏi"] == qid)].iloc[0]
        assert row["Số bài"] == right + wrong and row["Số đúng"] == right
        assert row["Tỷ lệ đúng (%)"] == pytest.approx(round(100 * right / (right + wrong), 1))


def test_per_rule_report_puts_the_most_missed_rule_first(graded):
    built, plan, run, tmp = graded
    key = read_key(built.key_path)
    # rule ids of a question can differ between variants (rating): count from every trainee's own variant
    wrong_by_rule: dict[str, int] = {}
    for i in range(N):
        tid = f"HV{i:03d}"
        for e, (eid, ex) in enumerate(key["exercises"].items()):
            if e == 2 and i % 10 == 9:
                continue
            for j, q in enumerate(ex["questions"]):
                if q["kind"] == "text" or (i + j) % 3 != 0:
                    continue
                for r in key["variants"][tid][eid]["answers"][q["id"]]["rule_ids"]:
                    wrong_by_rule[r] = wrong_by_rule.get(r, 0) + 1
    rules = pd.read_csv(tmp / "bao_cao" / "theo_quy_tac.csv", encoding="utf-8-sig")
    assert dict(zip(rules["Quy tắc"], rules["Số câu sai"])) == {r: wrong_by_rule.get(r, 0) for r in rules["Quy tắc"]}
    assert list(rules["Số câu sai"]) == sorted(rules["Số câu sai"], reverse=True)
    assert rules["Số câu sai"].iloc[0] == max(wrong_by_rule.values()) > 0


def test_reports_in_csv_excel_and_a_chart(graded):
    built, plan, run, tmp = graded
    per_trainee = pd.read_csv(tmp / "bao_cao" / "theo_hoc_vien.csv", encoding="utf-8-sig", dtype={"Mã học viên": str})
    assert len(per_trainee) == N and "Họ và tên" in per_trainee.columns
    got = dict(zip(per_trainee["Mã học viên"], per_trainee["Tổng điểm"]))
    assert got == pytest.approx(plan["points"])
    pending = dict(zip(per_trainee["Mã học viên"], per_trainee["Số câu chờ chấm tay"]))
    assert pending["HV000"] == 0  # none of the three exercises has a free-text question
    sheets = pd.read_excel(tmp / "bao_cao" / "bao_cao.xlsx", sheet_name=None)
    assert set(sheets) == {"Theo học viên", "Theo câu hỏi", "Theo quy tắc", "Chưa nộp", "Theo đơn vị", "Các lần nộp",
                           "Bài nộp lỗi", "Ghi chú"}
    assert (tmp / "bao_cao" / "bieu_do.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_regrading_changes_nothing(graded):
    built, plan, run, tmp = graded
    with Gradebook(tmp / "so_diem.sqlite") as gb:
        before = gb.dump(with_times=True)
    again = grade_directory(built.out_dir / "hoc_vien", built.key_path, tmp / "so_diem.sqlite")
    assert again.graded == 0 and again.unchanged == again.files
    with Gradebook(tmp / "so_diem.sqlite") as gb:
        assert gb.dump(with_times=True) == before


def test_malformed_and_tampered_files_are_reported_by_file_and_never_replace_a_grade(tmp_path):
    built = build(tmp_path, n=5)
    key = read_key(built.key_path)
    sub = built.out_dir / "hoc_vien"
    eid = "t03_han_nop_ho_so"
    for i in range(5):
        session_for(sub / f"HV{i:03d}" / f"{eid}.ipynb").submit(
            {"han_ho_so": right_answer("date", key["variants"][f"HV{i:03d}"][eid]["answers"]["han_ho_so"])})
    db = tmp_path / "so_diem.sqlite"
    first = grade_directory(sub, built.key_path, db)
    assert first.graded == 5
    with Gradebook(db) as gb:
        good = gb.question_scores().set_index(["trainee_id", "question_id"])["final_score"].to_dict()

    name = f"{eid}.nop_bai.json"
    # 1. HV000's file becomes garbage (a crashed editor, a truncated copy)
    (sub / "HV000" / name).write_text('{"format": "kiemtra-bai-nop", ', encoding="utf-8")
    # 2. HV001 edits an answer by hand: the checksum no longer matches
    data = json.loads((sub / "HV001" / name).read_text(encoding="utf-8"))
    data["answers"]["han_ho_so"] = "01/01/2000"
    (sub / "HV001" / name).write_text(json.dumps(data), encoding="utf-8")
    # 3. HV002's file claims another variant (checksum recomputed, so only the digest betrays it)
    data = json.loads((sub / "HV002" / name).read_text(encoding="utf-8"))
    data["variant_digest"] = "0" * 16
    data["checksum"] = submission_checksum(data)
    (sub / "HV002" / name).write_text(json.dumps(data), encoding="utf-8")
    # 4. HV004 hands in HV003's file as their own
    shutil.copy(sub / "HV003" / name, sub / "HV004" / name)
    # 5. an unknown trainee
    data = json.loads((sub / "HV003" / name).read_text(encoding="utf-8"))
    data["trainee_id"] = "HV999"
    data["checksum"] = submission_checksum(data)
    (sub / "HV999").mkdir()
    (sub / "HV999" / name).write_text(json.dumps(data), encoding="utf-8")

    run = grade_directory(sub, built.key_path, db, tmp_path / "bao_cao")
    kinds = {p.source_file.split("/")[0]: p.kind for p in run.problems}
    assert kinds == {"HV000": "khong_doc_duoc", "HV001": "bi_sua", "HV002": "sai_bien_the",
                     "HV004": "sai_thu_muc", "HV999": "sai_hoc_vien"}
    assert all(name in p.source_file for p in run.problems)
    assert "HV001/" in run.summary() and "đã bị sửa" in run.summary()
    with Gradebook(db) as gb:
        after = gb.question_scores().set_index(["trainee_id", "question_id"])["final_score"].to_dict()
        assert after == good  # no grade replaced
        assert len(gb.problems()) == 5
    problems = pd.read_csv(tmp_path / "bao_cao" / "bai_nop_loi.csv", encoding="utf-8-sig")
    assert len(problems) == 5 and set(problems["Loại lỗi"]) == set(kinds.values())


def test_a_manual_score_wins_and_survives_a_regrade(tmp_path):
    from _exercises_support import EXERCISES

    built = build(tmp_path, n=2, specs=[EXERCISES / "k02_doi_tuong_kiem_diem.yaml"])
    sub = built.out_dir / "hoc_vien"
    session_for(sub / "HV000" / "k02_doi_tuong_kiem_diem.ipynb").submit({"giai_thich": "Vì K5."})
    db = tmp_path / "so_diem.sqlite"
    grade_directory(sub, built.key_path, db)
    with Gradebook(db) as gb:
        row = gb.question_scores().set_index("question_id").loc["giai_thich"]
        assert pd.isna(row["auto_score"]) and pd.isna(row["final_score"])
        gb.set_manual_score("HV000", "k02_doi_tuong_kiem_diem", "giai_thich", 1.0, grader="GV", note="đủ ý")
        with pytest.raises(Exception, match="từ 0 đến 1"):
            gb.set_manual_score("HV000", "k02_doi_tuong_kiem_diem", "giai_thich", 3.0)
    grade_directory(sub, built.key_path, db)
    with Gradebook(db) as gb:
        row = gb.question_scores().set_index("question_id").loc["giai_thich"]
        assert row["manual_score"] == 1.0 and row["final_score"] == 1.0 and pd.isna(row["auto_score"])


def test_answers_of_odd_shapes_score_zero_without_stopping_the_run(tmp_path):
    built = build(tmp_path, n=2)
    sub = built.out_dir / "hoc_vien"
    eid = "t03_han_nop_ho_so"
    path = session_for(sub / "HV000" / f"{eid}.ipynb").submit({})
    data = json.loads(path.read_text(encoding="utf-8"))
    data["answers"] = {"han_ho_so": {"ngay": 5}, "co_doi_ngay": ["co"], "quy_tac": 4}
    data["checksum"] = submission_checksum(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    run = grade_directory(sub, built.key_path, tmp_path / "so_diem.sqlite")
    assert run.graded == 1 and not run.problems
    with Gradebook(tmp_path / "so_diem.sqlite") as gb:
        qs = gb.question_scores()
    assert list(qs["final_score"]) == [0.0, 0.0, 0.0] and list(qs["correct"]) == [0, 0, 0]
