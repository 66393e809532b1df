"""The gradebook on a full disk or a read-only file: a Vietnamese message naming the path; what was committed stays."""

from __future__ import annotations

import pytest

from kiemtra_lib import InputError
from kiemtra_lib.exercises.gradebook import Gradebook

KEY = {"exercises": {"e1": {"title": "Bài 1", "max_points": 2, "fingerprint": "f",
                            "questions": [{"id": "q1", "kind": "text", "points": 2, "prompt": "?"}]}},
       "trainees": {"A": {"ho_ten": "Học viên A"}}, "variants": {"A": {"e1": {}}}}


def _attempt(gb, sha, answer):
    return gb.record_attempt(trainee_id="A", exercise_id="e1", submission_sha256=sha, variant_digest="d",
                             submitted_at="2026-03-10T09:00:00+07:00", source_file="A/e1.nop_bai.json",
                             checker_version="1", scores=[{"question_id": "q1", "score": None, "max_points": 2,
                                                           "correct": None, "wrong_kind": None, "given": answer,
                                                           "rule_ids": []}])


def test_disk_full_names_the_gradebook_and_keeps_what_was_committed(tmp_path):
    path = tmp_path / "so_diem.sqlite"
    with Gradebook(path) as gb:
        gb.register_key(KEY)
        _attempt(gb, "s1", "ngắn")
        pages = gb.conn.execute("PRAGMA page_count").fetchone()[0]
        gb.conn.execute(f"PRAGMA max_page_count = {pages + 1}")  # the disk is full from here on
        with pytest.raises(InputError) as err:
            _attempt(gb, "s2", "x" * 200_000)
        assert str(path) in str(err.value) and "đầy" in str(err.value)
        assert gb.counts()["attempts"] == 1 and not gb.conn.in_transaction
    with Gradebook(path) as gb:
        assert gb.counts()["attempts"] == 1


def test_a_read_only_gradebook(tmp_path):
    import sqlite3

    path = tmp_path / "so_diem.sqlite"
    with Gradebook(path) as gb:
        gb.register_key(KEY)
    gb = Gradebook.__new__(Gradebook)
    gb.path = path
    gb.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    with pytest.raises(InputError, match="chỉ cho đọc"):
        _attempt(gb, "s1", "x")
    gb.close()
