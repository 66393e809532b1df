"""Grading a folder of submissions against the answer key, into the gradebook.

Every ``*.nop_bai.json`` under the folder is read; a file that cannot be trusted (not JSON, not a submission, an
unknown trainee or exercise, a variant digest that is not the one built for that trainee, a checksum that no longer
matches its content, a file in another trainee's folder) is reported by name and recorded as a problem: it never
stops the run and never replaces a grade. Each good submission is graded against the answers stored in the key at
build time (a pure function of the submission, the stored variant and the checker version) and written in its own
short transaction.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from ..errors import InputError
from .gradebook import Gradebook
from .build import KEY_DIR, read_key
from .checking import CHECKER_VERSION, check_answer
from .generators.base import Fact
from .session import SUBMISSION_FORMAT, submission_checksum

__all__ = ["grade_directory", "GradeRun", "Problem", "PROBLEM_KINDS", "SUBMISSION_GLOB", "grade_submission"]

SUBMISSION_GLOB = "*.nop_bai.json"

PROBLEM_KINDS = {
    "khong_doc_duoc": "không đọc được tệp (không phải JSON UTF-8 hợp lệ)",
    "sai_cau_truc": "không đúng cấu trúc bài nộp",
    "sai_hoc_vien": "mã học viên không có trong đáp án",
    "sai_bai_tap": "mã bài tập không có trong đáp án",
    "sai_bien_the": "mã biến thể không khớp với biến thể đã phát cho học viên",
    "bi_sua": "nội dung đã bị sửa sau khi nộp (mã kiểm tra không khớp)",
    "sai_thu_muc": "bài nộp nằm trong thư mục của học viên khác",
}


@dataclass(frozen=True)
class Problem:
    source_file: str
    kind: str
    message: str
    trainee_id: str | None = None
    exercise_id: str | None = None


@dataclass
class GradeRun:
    files: int = 0
    graded: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    db_path: Path | None = None
    reports: dict[str, Path] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> str:
        lines = [f"Đã đọc {self.files} bài nộp: chấm mới {self.graded}, không đổi {self.unchanged}, "
                 f"lỗi {len(self.problems)} ({self.seconds:.1f} giây). Sổ điểm: {self.db_path}."]
        for p in self.problems:
            lines.append(f"- {p.source_file}: {p.message}")
        if self.reports:
            lines.append("Báo cáo: " + ", ".join(str(p) for p in self.reports.values()))
        return "\n".join(lines)


class _Bad(Exception):
    def __init__(self, kind: str, detail: str = "", trainee_id: str | None = None, exercise_id: str | None = None):
        self.kind, self.detail, self.trainee_id, self.exercise_id = kind, detail, trainee_id, exercise_id
        super().__init__(kind)


def _validate(data: Any, key: Mapping[str, Any], rel: Path) -> dict:
    if not isinstance(data, dict) or data.get("format") != SUBMISSION_FORMAT:
        raise _Bad("sai_cau_truc", "thiếu dấu hiệu «kiemtra-bai-nop»")
    for name in ("exercise_id", "trainee_id", "variant_digest", "submitted_at", "checksum"):
        if not isinstance(data.get(name), str):
            raise _Bad("sai_cau_truc", f"thiếu trường «{name}»")
    if not isinstance(data.get("answers"), dict):
        raise _Bad("sai_cau_truc", "thiếu phần «answers»")
    tid, eid = data["trainee_id"], data["exercise_id"]
    if tid not in key["trainees"]:
        raise _Bad("sai_hoc_vien", f"«{tid}»", tid, eid)
    if eid not in key["exercises"]:
        raise _Bad("sai_bai_tap", f"«{eid}»", tid, eid)
    variant = key["variants"].get(tid, {}).get(eid)
    if variant is None:
        raise _Bad("sai_bai_tap", f"«{eid}» không được phát cho học viên «{tid}»", tid, eid)
    if data["checksum"] != submission_checksum(data):
        raise _Bad("bi_sua", "", tid, eid)
    if data["variant_digest"] != variant["digest"]:
        raise _Bad("sai_bien_the", f"«{data['variant_digest']}»", tid, eid)
    folders = [part for part in rel.parts[:-1] if part in key["trainees"]]
    if folders and folders[-1] != tid:
        raise _Bad("sai_thu_muc", f"thư mục «{folders[-1]}», bài nộp ghi «{tid}»", tid, eid)
    qids = {q["id"] for q in key["exercises"][eid]["questions"]}
    unknown = set(data["answers"]) - qids
    if unknown:
        raise _Bad("sai_cau_truc", f"câu hỏi không có trong bài: {', '.join(sorted(unknown))}", tid, eid)
    return variant


def grade_submission(data: Mapping[str, Any], key: Mapping[str, Any]) -> list[dict]:
    """Score every question of one (already validated) submission against the key's stored answers."""
    eid, tid = data["exercise_id"], data["trainee_id"]
    stored = key["variants"][tid][eid]["answers"]
    out = []
    for q in key["exercises"][eid]["questions"]:
        fact = Fact.from_dict(stored[q["id"]]) if q["kind"] != "text" else None
        fb = check_answer(q, fact, data["answers"].get(q["id"]))
        out.append(fb.as_dict())
    return out


def grade_directory(sub_dir: str | Path, key: str | Path | Mapping[str, Any], db_path: str | Path | None = None,
                    report_dir: str | Path | None = None, *,
                    on_commit: Callable[[int], None] | None = None) -> GradeRun:
    """Grade every submission under ``sub_dir``. ``on_commit(n)`` is called after the n-th transaction (tests
    use it to kill a run midway)."""
    import time

    started = time.perf_counter()
    key_path = None
    if not isinstance(key, Mapping):
        key_path = Path(key)
        key = read_key(key_path)
    sub_dir = Path(sub_dir)
    if not sub_dir.is_dir():
        raise InputError("thư mục bài nộp", str(sub_dir), why="không tìm thấy thư mục")
    base = key_path.parent if key_path is not None else sub_dir
    db_path = Path(db_path) if db_path is not None else base / "so_diem.sqlite"
    run = GradeRun(db_path=db_path)
    files = sorted(p for p in sub_dir.rglob(SUBMISSION_GLOB) if p.is_file() and KEY_DIR not in p.parts)
    committed = 0
    with Gradebook(db_path) as gb:
        gb.register_key(key)
        for path in files:
            run.files += 1
            rel = path.relative_to(sub_dir)
            try:
                raw = path.read_bytes()
            except OSError as exc:
                run.problems.append(Problem(str(rel), "khong_doc_duoc", f"{PROBLEM_KINDS['khong_doc_duoc']}: {exc}"))
                continue
            sha = hashlib.sha256(raw).hexdigest()
            try:
                try:
                    data = json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    raise _Bad("khong_doc_duoc", str(exc)) from None
                _validate(data, key, rel)
                try:
                    scores = grade_submission(data, key)
                except (TypeError, ValueError, AttributeError, KeyError) as exc:  # answers of a shape no widget gives
                    raise _Bad("sai_cau_truc", f"câu trả lời không đọc được ({exc})", data["trainee_id"],
                               data["exercise_id"]) from None
            except _Bad as bad:
                msg = PROBLEM_KINDS[bad.kind] + (f": {bad.detail}" if bad.detail else "")
                run.problems.append(Problem(str(rel), bad.kind, msg, bad.trainee_id, bad.exercise_id))
                gb.record_problem(source_file=str(rel), file_sha256=sha, kind=bad.kind, message=msg,
                                  trainee_id=bad.trainee_id, exercise_id=bad.exercise_id)
            else:
                changed = gb.record_attempt(trainee_id=data["trainee_id"], exercise_id=data["exercise_id"],
                                            submission_sha256=sha, variant_digest=data["variant_digest"],
                                            submitted_at=data["submitted_at"], source_file=str(rel),
                                            checker_version=CHECKER_VERSION, scores=scores)
                if changed:
                    run.graded += 1
                else:
                    run.unchanged += 1
            committed += 1
            if on_commit is not None:
                on_commit(committed)
        if report_dir is not None:
            from .reports import write_reports

            run.reports = write_reports(gb, report_dir)
    run.seconds = time.perf_counter() - started
    return run

