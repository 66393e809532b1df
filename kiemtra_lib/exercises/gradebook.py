"""The gradebook: SQLite, one file per class.

Shaped after nbgrader's gradebook and what went wrong with it: one row per (trainee, exercise, attempt) and per
(attempt, question), unique keys, written by upsert, so grading the same submission twice changes nothing; automatic
and manual scores kept in separate tables (a manual score wins and no regrade touches it); the schema is versioned.
SQLite runs in WAL mode with short ``BEGIN IMMEDIATE`` transactions (one per submission): a grader killed between
two transactions leaves every finished submission whole and nothing half-written, and a second grader running at the
same time waits for the lock instead of writing duplicates.

>>> import tempfile, os
>>> gb = Gradebook(os.path.join(tempfile.mkdtemp(), "so_diem.sqlite"))
>>> gb.schema_version()
2
>>> gb.close()
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Mapping

import pandas as pd

from ..errors import InputError

__all__ = ["Gradebook", "SCHEMA_VERSION", "open_gradebook"]

SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS trainees (
    trainee_id TEXT PRIMARY KEY,
    ho_ten TEXT NOT NULL,
    don_vi TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS exercises (
    exercise_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    max_points REAL NOT NULL,
    fingerprint TEXT NOT NULL,
    opens TEXT,
    closes TEXT,
    deadline TEXT,
    attempt_policy TEXT NOT NULL DEFAULT 'latest_on_time',
    ruleset TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS questions (
    exercise_id TEXT NOT NULL REFERENCES exercises(exercise_id),
    question_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    points REAL NOT NULL,
    prompt TEXT NOT NULL,
    rubric TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (exercise_id, question_id)
);
CREATE TABLE IF NOT EXISTS assignments (
    trainee_id TEXT NOT NULL REFERENCES trainees(trainee_id),
    exercise_id TEXT NOT NULL REFERENCES exercises(exercise_id),
    PRIMARY KEY (trainee_id, exercise_id)
);
CREATE TABLE IF NOT EXISTS attempts (
    attempt_id INTEGER PRIMARY KEY,
    trainee_id TEXT NOT NULL REFERENCES trainees(trainee_id),
    exercise_id TEXT NOT NULL REFERENCES exercises(exercise_id),
    submission_sha256 TEXT NOT NULL,
    variant_digest TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    source_file TEXT NOT NULL,
    checker_version TEXT NOT NULL,
    graded_at TEXT NOT NULL,
    received_at TEXT,
    time_source TEXT NOT NULL DEFAULT 'bai_nop',
    UNIQUE (trainee_id, exercise_id, submission_sha256)
);
CREATE TABLE IF NOT EXISTS scores (
    attempt_id INTEGER NOT NULL REFERENCES attempts(attempt_id),
    question_id TEXT NOT NULL,
    auto_score REAL,
    max_points REAL NOT NULL,
    correct INTEGER,
    wrong_kind TEXT,
    answer TEXT,
    rule_ids TEXT NOT NULL,
    PRIMARY KEY (attempt_id, question_id)
);
CREATE TABLE IF NOT EXISTS manual_scores (
    trainee_id TEXT NOT NULL,
    exercise_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    score REAL NOT NULL,
    grader TEXT NOT NULL,
    note TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (trainee_id, exercise_id, question_id)
);
CREATE TABLE IF NOT EXISTS problems (
    source_file TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    trainee_id TEXT,
    exercise_id TEXT,
    first_seen TEXT NOT NULL,
    PRIMARY KEY (source_file, file_sha256)
);
CREATE VIEW IF NOT EXISTS latest_attempts AS
    SELECT a.* FROM attempts a
    WHERE NOT EXISTS (
        SELECT 1 FROM attempts b
        WHERE b.trainee_id = a.trainee_id AND b.exercise_id = a.exercise_id
          AND (b.submitted_at > a.submitted_at
               OR (b.submitted_at = a.submitted_at AND b.submission_sha256 > a.submission_sha256)));
"""


#: From version N to N + 1 (SQLite adds a column with its default to every existing row).
_MIGRATIONS = {
    1: ["ALTER TABLE trainees ADD COLUMN don_vi TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE trainees ADD COLUMN email TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE exercises ADD COLUMN opens TEXT",
        "ALTER TABLE exercises ADD COLUMN closes TEXT",
        "ALTER TABLE exercises ADD COLUMN deadline TEXT",
        "ALTER TABLE exercises ADD COLUMN attempt_policy TEXT NOT NULL DEFAULT 'latest_on_time'",
        "ALTER TABLE exercises ADD COLUMN ruleset TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE questions ADD COLUMN rubric TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE attempts ADD COLUMN received_at TEXT",
        "ALTER TABLE attempts ADD COLUMN time_source TEXT NOT NULL DEFAULT 'bai_nop'",
        "CREATE TABLE IF NOT EXISTS assignments (trainee_id TEXT NOT NULL REFERENCES trainees(trainee_id), "
        "exercise_id TEXT NOT NULL REFERENCES exercises(exercise_id), PRIMARY KEY (trainee_id, exercise_id))",
        "INSERT OR IGNORE INTO assignments SELECT t.trainee_id, e.exercise_id FROM trainees t, exercises e"],
}


def _schedule(ex: Mapping[str, Any]) -> dict:
    """An exercise's window, deadline and attempt policy as the key holds them (at its top level or under
    ``schedule``); absent: none, and the default policy."""
    sched = ex.get("schedule") if isinstance(ex.get("schedule"), Mapping) else ex
    out = {k: (str(sched[k]) if sched.get(k) else None) for k in ("opens", "closes", "deadline")}
    out["attempt_policy"] = str(ex.get("attempt_policy") or sched.get("attempt_policy") or "latest_on_time")
    return out


def _sqlite_reason(exc: sqlite3.OperationalError) -> str:
    text = str(exc).lower()
    if "full" in text:
        return "ổ đĩa đã đầy: hãy giải phóng chỗ trống rồi chấm lại (các bài đã ghi trước đó vẫn còn nguyên)"
    if "readonly" in text or "read-only" in text:
        return "sổ điểm ở nơi chỉ cho đọc: hãy chọn thư mục ghi được (--db)"
    if "locked" in text or "busy" in text:
        return "sổ điểm đang bị một lần chấm khác giữ quá lâu: hãy chờ lần chấm kia xong rồi chạy lại"
    return f"lỗi của SQLite khi ghi sổ điểm ({exc})"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Gradebook:
    """A class's gradebook in one SQLite file (created with its schema when missing)."""

    def __init__(self, path: str | Path, *, timeout: float = 60.0):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError as exc:
            raise InputError("sổ điểm (--db)", str(self.path), why=f"không mở được cơ sở dữ liệu SQLite: {exc}") \
                from None
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
        self._migrate()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Gradebook":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self):
        """A short write transaction; ``BEGIN IMMEDIATE`` takes the write lock at once (one writer at a time)."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:  # disk full, read-only folder: what is committed stays whole
            raise InputError("sổ điểm (--db)", str(self.path), why=_sqlite_reason(exc)) from None

    # --- schema ---------------------------------------------------------------------------------------------
    def _migrate(self) -> None:
        try:
            with self.transaction() as c:
                row = None
                has_meta = c.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
                if has_meta:
                    row = c.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
                if row is not None and int(row[0]) > SCHEMA_VERSION:
                    raise InputError("sổ điểm (--db)", str(self.path),
                                     why=f"sổ điểm có lược đồ phiên bản {row[0]}, mới hơn phiên bản {SCHEMA_VERSION} "
                                         "mà thư viện này đọc được")
                if row is None:
                    for stmt in _SCHEMA.split(";"):
                        if stmt.strip():
                            c.execute(stmt)
                    c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                              (str(SCHEMA_VERSION),))
                elif int(row[0]) < SCHEMA_VERSION:
                    for stmt in _MIGRATIONS[int(row[0])]:  # added columns keep every row and score as it was
                        c.execute(stmt)
                    c.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION),))
        except sqlite3.DatabaseError as exc:
            raise InputError("sổ điểm (--db)", str(self.path), why=f"không phải sổ điểm SQLite hợp lệ: {exc}") \
                from None

    def schema_version(self) -> int:
        return int(self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0])

    # --- writing --------------------------------------------------------------------------------------------
    def register_key(self, key: Mapping[str, Any]) -> None:
        """Record the trainees, exercises and questions of an answer key (upsert). An exercise already in the
        gradebook with another fingerprint belongs to another build: refused, so two classes never mix."""
        with self.transaction() as c:
            for eid, ex in key["exercises"].items():
                row = c.execute("SELECT fingerprint FROM exercises WHERE exercise_id=?", (eid,)).fetchone()
                if row is not None and row[0] != ex["fingerprint"]:
                    raise InputError("bài tập", eid, why=f"sổ điểm {self.path.name} đã chấm bài này theo một đặc tả "
                                                        "khác; hãy dùng một sổ điểm mới (--db) cho lần tạo bài mới")
                sched = _schedule(ex)
                c.execute("INSERT INTO exercises(exercise_id, title, max_points, fingerprint, opens, closes, deadline, "
                          "attempt_policy, ruleset) VALUES (?,?,?,?,?,?,?,?,?) "
                          "ON CONFLICT(exercise_id) DO UPDATE SET title=excluded.title, "
                          "max_points=excluded.max_points, opens=excluded.opens, closes=excluded.closes, "
                          "deadline=excluded.deadline, attempt_policy=excluded.attempt_policy, "
                          "ruleset=excluded.ruleset",
                          (eid, ex["title"], float(ex["max_points"]), ex["fingerprint"], sched["opens"],
                           sched["closes"], sched["deadline"], sched["attempt_policy"], str(ex.get("ruleset") or "")))
                for pos, q in enumerate(ex["questions"]):
                    c.execute("INSERT INTO questions(exercise_id, question_id, position, kind, points, prompt, rubric) "
                              "VALUES (?,?,?,?,?,?,?) ON CONFLICT(exercise_id, question_id) DO UPDATE SET "
                              "position=excluded.position, kind=excluded.kind, points=excluded.points, "
                              "prompt=excluded.prompt, rubric=excluded.rubric",
                              (eid, q["id"], pos, q["kind"], float(q["points"]), q["prompt"],
                               str(q.get("rubric") or "")))
            for tid, t in key["trainees"].items():
                c.execute("INSERT INTO trainees(trainee_id, ho_ten, don_vi, email) VALUES (?,?,?,?) "
                          "ON CONFLICT(trainee_id) DO UPDATE SET ho_ten=excluded.ho_ten, don_vi=excluded.don_vi, "
                          "email=excluded.email",
                          (tid, t["ho_ten"], str(t.get("don_vi") or ""), str(t.get("email") or "")))
            # what was assigned to whom: every exercise of a trainee's variants counts in the maximum
            for tid, variants in key.get("variants", {}).items():
                for eid in variants:
                    if eid in key["exercises"] and tid in key["trainees"]:
                        c.execute("INSERT OR IGNORE INTO assignments(trainee_id, exercise_id) VALUES (?,?)",
                                  (tid, eid))

    def record_attempt(self, *, trainee_id: str, exercise_id: str, submission_sha256: str, variant_digest: str,
                       submitted_at: str, source_file: str, checker_version: str,
                       scores: Iterable[Mapping[str, Any]], received_at: str | None = None,
                       time_source: str = "bai_nop") -> bool:
        """Record one graded submission in one transaction. Returns ``True`` when something changed.

        The same submission graded again by the same checker version changes nothing (not even ``graded_at``);
        a new checker version regrades it in place. Manual scores are never touched. A copy of the same content
        (``nop_bai (1).json``) is the same attempt; the server's time of receipt, once known, replaces the
        submission's own time, and of two server times the earlier is kept.
        """
        scores = list(scores)
        with self.transaction() as c:
            row = c.execute("SELECT attempt_id, checker_version, received_at, time_source FROM attempts WHERE "
                            "trainee_id=? AND exercise_id=? AND submission_sha256=?",
                            (trainee_id, exercise_id, submission_sha256)).fetchone()
            if row is not None:
                better_time = time_source == "may_chu" and received_at is not None and (
                    row[3] != "may_chu" or row[2] is None or received_at < row[2])
                if better_time:
                    c.execute("UPDATE attempts SET received_at=?, time_source=? WHERE attempt_id=?",
                              (received_at, time_source, row[0]))
                if row[1] == checker_version:
                    return better_time
            if row is None:
                cur = c.execute("INSERT INTO attempts(trainee_id, exercise_id, submission_sha256, variant_digest, "
                                "submitted_at, source_file, checker_version, graded_at, received_at, time_source) "
                                "VALUES (?,?,?,?,?,?,?,?,?,?)",
                                (trainee_id, exercise_id, submission_sha256, variant_digest, submitted_at,
                                 source_file, checker_version, _now(), received_at, time_source))
                attempt_id = cur.lastrowid
            else:
                attempt_id = row[0]
                c.execute("UPDATE attempts SET checker_version=?, graded_at=? WHERE attempt_id=?",
                          (checker_version, _now(), attempt_id))
            for s in scores:
                c.execute("INSERT INTO scores(attempt_id, question_id, auto_score, max_points, correct, wrong_kind, "
                          "answer, rule_ids) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(attempt_id, question_id) DO UPDATE "
                          "SET auto_score=excluded.auto_score, max_points=excluded.max_points, "
                          "correct=excluded.correct, wrong_kind=excluded.wrong_kind, answer=excluded.answer, "
                          "rule_ids=excluded.rule_ids",
                          (attempt_id, s["question_id"], s["score"], float(s["max_points"]),
                           None if s["correct"] is None else int(bool(s["correct"])), s["wrong_kind"],
                           json.dumps(s.get("given"), ensure_ascii=False), ";".join(s.get("rule_ids") or ())))
            return True

    def record_problem(self, *, source_file: str, file_sha256: str, kind: str, message: str,
                       trainee_id: str | None = None, exercise_id: str | None = None) -> None:
        with self.transaction() as c:
            c.execute("INSERT INTO problems(source_file, file_sha256, kind, message, trainee_id, exercise_id, "
                      "first_seen) VALUES (?,?,?,?,?,?,?) ON CONFLICT(source_file, file_sha256) DO NOTHING",
                      (source_file, file_sha256, kind, message, trainee_id, exercise_id, _now()))

    def set_manual_score(self, trainee_id: str, exercise_id: str, question_id: str, score: float, *,
                         grader: str = "", note: str = "") -> None:
        """A score given by the instructor (free text, or an override); it wins over the automatic score."""
        self.set_manual_scores([{"trainee_id": trainee_id, "exercise_id": exercise_id, "question_id": question_id,
                                 "score": score, "grader": grader, "note": note}])

    def set_manual_scores(self, entries: Iterable[Mapping[str, Any]]) -> None:
        """Several manual scores in one transaction: all are written, or (one bad) none."""
        with self.transaction() as c:
            for e in entries:
                self._set_manual(c, e["trainee_id"], e["exercise_id"], e["question_id"], e["score"],
                                 grader=e.get("grader", ""), note=e.get("note", ""))

    def _set_manual(self, c, trainee_id: str, exercise_id: str, question_id: str, score: Any, *, grader: str,
                    note: str) -> None:
        q = c.execute("SELECT points FROM questions WHERE exercise_id=? AND question_id=?",
                      (exercise_id, question_id)).fetchone()
        if q is None:
            raise InputError("câu hỏi", f"{exercise_id}/{question_id}", why="không có trong sổ điểm")
        if c.execute("SELECT 1 FROM trainees WHERE trainee_id=?", (trainee_id,)).fetchone() is None:
            raise InputError("mã học viên", trainee_id, why="không có trong sổ điểm")
        if isinstance(score, bool) or not isinstance(score, (int, float)) or not 0 <= score <= q[0]:
            raise InputError("điểm", score, allowed=f"từ 0 đến {q[0]:g}".replace(".", ","),
                             why=f"câu {exercise_id}/{question_id} của học viên {trainee_id}")
        c.execute("INSERT INTO manual_scores(trainee_id, exercise_id, question_id, score, grader, note, "
                  "updated_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT(trainee_id, exercise_id, question_id) "
                  "DO UPDATE SET score=excluded.score, grader=excluded.grader, note=excluded.note, "
                  "updated_at=excluded.updated_at",
                  (trainee_id, exercise_id, question_id, float(score), grader, note, _now()))

    # --- reading --------------------------------------------------------------------------------------------
    def _df(self, sql: str, params: tuple = ()) -> pd.DataFrame:
        return pd.read_sql_query(sql, self.conn, params=params)

    def question_scores(self) -> pd.DataFrame:
        """One row per (trainee, exercise, question) of each trainee's latest graded submission, with the
        automatic score, the manual one, and the final one (manual wins)."""
        return self._df("""
            SELECT a.trainee_id, t.ho_ten, a.exercise_id, q.question_id, q.position, q.kind, s.max_points,
                   s.auto_score, m.score AS manual_score, COALESCE(m.score, s.auto_score) AS final_score,
                   s.correct, s.wrong_kind, s.answer, s.rule_ids, a.submitted_at, a.graded_at, a.source_file
            FROM latest_attempts a
            JOIN trainees t ON t.trainee_id = a.trainee_id
            JOIN scores s ON s.attempt_id = a.attempt_id
            JOIN questions q ON q.exercise_id = a.exercise_id AND q.question_id = s.question_id
            LEFT JOIN manual_scores m ON m.trainee_id = a.trainee_id AND m.exercise_id = a.exercise_id
                                      AND m.question_id = s.question_id
            ORDER BY a.trainee_id, a.exercise_id, q.position""")

    def trainees(self) -> pd.DataFrame:
        return self._df("SELECT trainee_id, ho_ten, don_vi, email FROM trainees ORDER BY trainee_id")

    def exercises(self) -> pd.DataFrame:
        return self._df("SELECT exercise_id, title, max_points, opens, closes, deadline, attempt_policy, ruleset "
                        "FROM exercises ORDER BY exercise_id")

    def assignments(self) -> pd.DataFrame:
        return self._df("SELECT trainee_id, exercise_id FROM assignments ORDER BY trainee_id, exercise_id")

    def attempts(self) -> pd.DataFrame:
        """Every attempt, with the time it was received (``received_at``: the server's; ``submitted_at``: the
        submission's own) and where the time comes from."""
        return self._df("SELECT attempt_id, trainee_id, exercise_id, submission_sha256, submitted_at, received_at, "
                        "time_source, source_file, checker_version, graded_at FROM attempts "
                        "ORDER BY trainee_id, exercise_id, attempt_id")

    def all_question_scores(self) -> pd.DataFrame:
        """One row per (attempt, question) of every attempt, with the final score (manual wins) and the prompt."""
        return self._df("""
            SELECT a.attempt_id, a.trainee_id, a.exercise_id, q.question_id, q.position, q.kind, q.prompt,
                   s.max_points, s.auto_score, m.score AS manual_score, COALESCE(m.score, s.auto_score) AS final_score,
                   m.note AS manual_note, s.correct, s.wrong_kind, s.answer, s.rule_ids
            FROM attempts a
            JOIN scores s ON s.attempt_id = a.attempt_id
            JOIN questions q ON q.exercise_id = a.exercise_id AND q.question_id = s.question_id
            LEFT JOIN manual_scores m ON m.trainee_id = a.trainee_id AND m.exercise_id = a.exercise_id
                                      AND m.question_id = s.question_id
            ORDER BY a.trainee_id, a.exercise_id, a.attempt_id, q.position""")

    def question_points(self) -> dict[tuple[str, str], float]:
        return {(e, q): float(p) for e, q, p in self.conn.execute(
            "SELECT exercise_id, question_id, points FROM questions")}

    def rubrics(self) -> dict[tuple[str, str], str]:
        return {(e, q): r for e, q, r in self.conn.execute(
            "SELECT exercise_id, question_id, rubric FROM questions")}

    def problems(self) -> pd.DataFrame:
        return self._df("SELECT source_file, kind, message, trainee_id, exercise_id, first_seen FROM problems "
                        "ORDER BY source_file, first_seen")

    def counts(self) -> dict[str, int]:
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("trainees", "exercises", "questions", "attempts", "scores", "manual_scores", "problems",
                          "assignments")}

    def dump(self, *, with_times: bool = False) -> dict[str, list[tuple]]:
        """Every table's logical content, sorted, without row ids (and without grading times unless asked):
        two gradebooks of the same submissions compare equal."""
        times = ", a.graded_at" if with_times else ""
        out = {
            "trainees": self.conn.execute("SELECT * FROM trainees ORDER BY 1").fetchall(),
            "exercises": self.conn.execute("SELECT * FROM exercises ORDER BY 1").fetchall(),
            "questions": self.conn.execute("SELECT * FROM questions ORDER BY 1, 2").fetchall(),
            "attempts": self.conn.execute(
                f"SELECT trainee_id, exercise_id, submission_sha256, variant_digest, submitted_at, source_file, "
                f"checker_version{times.replace('a.', '')} FROM attempts ORDER BY 1, 2, 3").fetchall(),
            "scores": self.conn.execute(
                f"SELECT a.trainee_id, a.exercise_id, a.submission_sha256, s.question_id, s.auto_score, "
                f"s.max_points, s.correct, s.wrong_kind, s.answer, s.rule_ids{times} FROM scores s "
                "JOIN attempts a ON a.attempt_id = s.attempt_id ORDER BY 1, 2, 3, 4").fetchall(),
            "manual_scores": self.conn.execute(
                "SELECT trainee_id, exercise_id, question_id, score, grader, note FROM manual_scores "
                "ORDER BY 1, 2, 3").fetchall(),
            "problems": self.conn.execute(
                "SELECT source_file, file_sha256, kind, message, trainee_id, exercise_id FROM problems "
                "ORDER BY 1, 2").fetchall(),
        }
        return out


def open_gradebook(path: str | Path) -> Gradebook:
    return Gradebook(path)
