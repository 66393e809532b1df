"""The SQLite gradebook: schema, upserts, manual over automatic, a killed grading run, a second grader."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from kiemtra_lib.errors import InputError
from kiemtra_lib.exercises import grade_directory, read_key
from kiemtra_lib.exercises.gradebook import SCHEMA_VERSION, Gradebook

from _exercises_support import build, right_answer, session_for, wrong_answer

KEY = {"exercises": {"e1": {"title": "Bài 1", "max_points": 3, "fingerprint": "abc",
                            "questions": [{"id": "q1", "kind": "date", "points": 2, "prompt": "?"},
                                          {"id": "q2", "kind": "text", "points": 1, "prompt": "?"}]}},
       "trainees": {"A": {"ho_ten": "Học viên A"}, "B": {"ho_ten": "Học viên B"}}}
SCORES = [{"question_id": "q1", "score": 2.0, "max_points": 2, "correct": True, "wrong_kind": None, "given": "x",
           "rule_ids": ["T3"]},
          {"question_id": "q2", "score": None, "max_points": 1, "correct": None, "wrong_kind": None, "given": "y",
           "rule_ids": []}]


def attempt(gb, sha="s1", version="1", submitted="2026-01-01T00:00:00+00:00", scores=SCORES, trainee="A"):
    return gb.record_attempt(trainee_id=trainee, exercise_id="e1", submission_sha256=sha, variant_digest="d",
                             submitted_at=submitted, source_file="A/e1.nop_bai.json", checker_version=version,
                             scores=scores)


def test_schema_is_versioned_and_in_wal_mode(tmp_path):
    with Gradebook(tmp_path / "g.sqlite") as gb:
        assert gb.schema_version() == SCHEMA_VERSION
        assert gb.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        gb.conn.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    with pytest.raises(InputError, match="phiên bản 99"):
        Gradebook(tmp_path / "g.sqlite")


def test_a_file_that_is_not_a_gradebook_is_an_input_error(tmp_path):
    bad = tmp_path / "g.sqlite"
    bad.write_text("không phải SQLite " * 100, encoding="utf-8")
    with pytest.raises(InputError, match="sổ điểm"):
        Gradebook(bad)


def test_the_same_submission_twice_is_one_attempt(tmp_path):
    with Gradebook(tmp_path / "g.sqlite") as gb:
        gb.register_key(KEY)
        assert attempt(gb) is True
        assert attempt(gb) is False
        assert gb.counts()["attempts"] == 1 and gb.counts()["scores"] == 2
        # a new checker version regrades in place: still one attempt, scores replaced
        changed = [dict(SCORES[0], score=0.0, correct=False, wrong_kind="som_hon"), SCORES[1]]
        assert attempt(gb, version="2", scores=changed) is True
        assert gb.counts()["attempts"] == 1
        assert gb.question_scores().set_index("question_id").loc["q1", "auto_score"] == 0.0


def test_the_latest_submission_counts(tmp_path):
    with Gradebook(tmp_path / "g.sqlite") as gb:
        gb.register_key(KEY)
        attempt(gb, sha="old", submitted="2026-01-01T08:00:00+00:00")
        attempt(gb, sha="new", submitted="2026-01-02T08:00:00+00:00",
                scores=[dict(SCORES[0], score=0.0, correct=False), SCORES[1]])
        qs = gb.question_scores()
        assert len(qs) == 2 and qs.set_index("question_id").loc["q1", "final_score"] == 0.0
        assert gb.counts()["attempts"] == 2


def test_manual_scores_are_kept_apart_and_win(tmp_path):
    with Gradebook(tmp_path / "g.sqlite") as gb:
        gb.register_key(KEY)
        attempt(gb)
        gb.set_manual_score("A", "e1", "q1", 1.5, grader="GV", note="trừ nửa điểm")
        row = gb.question_scores().set_index("question_id").loc["q1"]
        assert (row["auto_score"], row["manual_score"], row["final_score"]) == (2.0, 1.5, 1.5)
        with pytest.raises(InputError, match="không có trong sổ điểm"):
            gb.set_manual_score("Z", "e1", "q1", 1)
        with pytest.raises(InputError, match="không có trong sổ điểm"):
            gb.set_manual_score("A", "e1", "q9", 1)


def test_a_gradebook_refuses_another_builds_exercise(tmp_path):
    with Gradebook(tmp_path / "g.sqlite") as gb:
        gb.register_key(KEY)
        other = {**KEY, "exercises": {"e1": {**KEY["exercises"]["e1"], "fingerprint": "khac"}}}
        with pytest.raises(InputError, match="đặc tả khác"):
            gb.register_key(other)


# --- a grading run killed midway, and two graders at once -------------------------------------------------------

@pytest.fixture(scope="module")
def submitted(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("kill")
    built = build(tmp, n=12)
    key = read_key(built.key_path)
    for i in range(12):
        tid = f"HV{i:03d}"
        for eid, ex in key["exercises"].items():
            answers = key["variants"][tid][eid]["answers"]
            given = {q["id"]: (right_answer if (i + j) % 2 else wrong_answer)(q["kind"], answers[q["id"]])
                     for j, q in enumerate(ex["questions"]) if q["kind"] != "text"}
            session_for(built.out_dir / "hoc_vien" / tid / f"{eid}.ipynb").submit(given)
    clean = tmp / "clean.sqlite"
    grade_directory(built.out_dir / "hoc_vien", built.key_path, clean)
    with Gradebook(clean) as gb:
        expected = gb.dump()
    return built, expected, tmp


_KILLER = textwrap.dedent("""
    import os, signal, sys
    from kiemtra_lib.exercises import grade_directory

    def hook(n):
        if n == int(sys.argv[4]):
            os.kill(os.getpid(), signal.SIGKILL)   # no cleanup, no finally: as if the machine died

    grade_directory(sys.argv[1], sys.argv[2], sys.argv[3], on_commit=hook)
""")


def test_a_grading_run_killed_midway_then_rerun_gives_the_same_gradebook(submitted, tmp_path):
    built, expected, _ = submitted
    db = tmp_path / "so_diem.sqlite"
    proc = subprocess.run([sys.executable, "-c", _KILLER, str(built.out_dir / "hoc_vien"), str(built.key_path),
                           str(db), "13"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL
    with Gradebook(db) as gb:
        assert gb.counts()["attempts"] == 13          # every committed submission whole ...
        assert gb.counts()["scores"] == sum(1 for _ in gb.conn.execute(
            "SELECT 1 FROM scores s JOIN attempts a USING (attempt_id)"))
        per_attempt = {n for (n,) in gb.conn.execute("SELECT COUNT(*) FROM scores GROUP BY attempt_id")}
        assert len(per_attempt) >= 1 and 0 not in per_attempt  # ... and none half-written
    rerun = grade_directory(built.out_dir / "hoc_vien", built.key_path, db)
    assert rerun.unchanged == 13 and rerun.graded == rerun.files - 13
    with Gradebook(db) as gb:
        assert gb.dump() == expected


def test_an_injected_crash_between_transactions_loses_nothing(submitted, tmp_path):
    built, expected, _ = submitted

    def crash(n):
        if n == 7:
            raise RuntimeError("mất điện giả lập")

    db = tmp_path / "so_diem.sqlite"
    with pytest.raises(RuntimeError):
        grade_directory(built.out_dir / "hoc_vien", built.key_path, db, on_commit=crash)
    grade_directory(built.out_dir / "hoc_vien", built.key_path, db)
    with Gradebook(db) as gb:
        assert gb.dump() == expected


_GRADER = textwrap.dedent("""
    import sys, time
    from kiemtra_lib.exercises import grade_directory
    time.sleep(float(sys.argv[4]))
    run = grade_directory(sys.argv[1], sys.argv[2], sys.argv[3])
    print(run.graded, run.unchanged)
""")


def test_two_graders_at_the_same_time_lose_and_duplicate_nothing(submitted, tmp_path):
    built, expected, _ = submitted
    db = tmp_path / "so_diem.sqlite"
    args = [str(built.out_dir / "hoc_vien"), str(built.key_path), str(db)]
    procs = [subprocess.Popen([sys.executable, "-c", _GRADER, *args, delay], stdout=subprocess.PIPE, text=True)
             for delay in ("0", "0.05")]
    outs = [p.communicate(timeout=300)[0].split() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    graded = sum(int(o[0]) for o in outs)
    files = int(outs[0][0]) + int(outs[0][1])
    assert graded == files  # each submission graded by exactly one of them
    with Gradebook(db) as gb:
        assert gb.dump() == expected
