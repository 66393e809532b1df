"""Grading a folder of submissions against the answer key, into the gradebook.

Every ``*.nop_bai.json`` under the folder is read, with the copies people make of it (``nop_bai (1).json``: see
:mod:`.collection`); a file that cannot be trusted (not JSON, too big, nested too deep, a number that is infinite or
has thousands of digits, not a submission, an unknown trainee or exercise, a variant digest that is not the one built
for that trainee, a checksum that no longer matches its content, a file in another trainee's folder, a server
sidecar that does not match it) is reported by name and reason and recorded as a problem: it never stops the run,
never replaces a grade, and the reports are still written. Anything else that goes wrong while one file is read or
scored is caught the same way (``loi_xu_ly``), so one submission can never stop grading for the class.

Each good submission is graded against the answers stored in the key at build time (a pure function of the
submission, the stored variant and the checker version) and written in its own short transaction, with the time it
was received: the class server's ``received_at`` when its sidecar is there, else the submission's own time (and the
reports say which).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from ..errors import InputError
from . import collection
from .build import KEY_DIR, read_key
from .gradebook import Gradebook
from .checking import CHECKER_VERSION, check_answer
from .generators.base import Fact
from .session import SUBMISSION_FORMAT, submission_checksum

__all__ = ["grade_directory", "GradeRun", "Problem", "PROBLEM_KINDS", "SUBMISSION_GLOB", "grade_submission"]

SUBMISSION_GLOB = "*.nop_bai.json"  # the plain name; copies are found too (collection.is_submission_name)
#: Larger files are not read: a submission is a few kilobytes (the class server refuses above 1 MiB too).
MAX_SUBMISSION_BYTES = 1024 * 1024
_MAX_DEPTH = 32          # a submission nests 3 levels; deeper is not one of ours
_MAX_NUMBER_CHARS = 40   # no answer needs a longer number; Python refuses ints over 4,300 digits with ValueError

PROBLEM_KINDS = {
    "khong_doc_duoc": "không đọc được tệp (không phải JSON UTF-8 hợp lệ)",
    "sai_cau_truc": "không đúng cấu trúc bài nộp",
    "sai_hoc_vien": "mã học viên không có trong đáp án",
    "sai_bai_tap": "mã bài tập không có trong đáp án",
    "sai_bien_the": "mã biến thể không khớp với biến thể đã phát cho học viên",
    "bi_sua": "nội dung đã bị sửa sau khi nộp (mã kiểm tra không khớp)",
    "sai_thu_muc": "bài nộp nằm trong thư mục của học viên khác",
    "gia_tri_la": "tệp chứa giá trị không phải của bài nộp (số vô hạn, số quá dài, lồng nhau quá sâu, tệp quá lớn)",
    "sai_xac_nhan": "không khớp với xác nhận của máy chủ lớp học",
    "loi_xu_ly": "không chấm được tệp này",
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
    #: good files timed by the class server's sidecar / by the submission's own time (no sidecar)
    server_timed: int = 0
    file_timed: int = 0

    def summary(self) -> str:
        lines = [f"Đã đọc {self.files} bài nộp: chấm mới {self.graded}, không đổi {self.unchanged}, "
                 f"lỗi {len(self.problems)} ({self.seconds:.1f} giây). Sổ điểm: {self.db_path}."]
        if self.file_timed:
            lines.append(f"{self.file_timed} bài không có xác nhận của máy chủ lớp học: thời điểm nộp lấy theo giờ "
                         "ghi trong bài nộp (máy của học viên)" + (f"; {self.server_timed} bài theo giờ máy chủ."
                                                                     if self.server_timed else "."))
        for p in self.problems:
            lines.append(f"- {p.source_file}: {p.message}")
        if self.reports:
            lines.append("Báo cáo: " + ", ".join(str(p) for p in self.reports.values()))
        return "\n".join(lines)


class _Bad(Exception):
    def __init__(self, kind: str, detail: str = "", trainee_id: str | None = None, exercise_id: str | None = None):
        self.kind, self.detail, self.trainee_id, self.exercise_id = kind, detail, trainee_id, exercise_id
        super().__init__(kind)


def _reject_constant(name: str):
    raise _Bad("gia_tri_la", f"giá trị «{name}» không phải một số hữu hạn")


def _parse_float(text: str) -> float:
    if len(text) > _MAX_NUMBER_CHARS:
        raise _Bad("gia_tri_la", f"số dài {len(text)} ký tự")
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _Bad("gia_tri_la", f"số «{text}» quá lớn (vô hạn)")
    return value


def _parse_int(text: str) -> int:
    if len(text) > _MAX_NUMBER_CHARS:
        raise _Bad("gia_tri_la", f"số nguyên dài {len(text)} chữ số")
    return int(text)


def _depth_ok(raw: bytes) -> bool:
    """Nesting at most ``_MAX_DEPTH`` (brackets outside strings), checked before the parser recurses."""
    if raw.count(b"[") + raw.count(b"{") <= _MAX_DEPTH:
        return True
    depth, in_str, escape = 0, False, False
    for b in raw:
        if in_str:
            if escape:
                escape = False
            elif b == 0x5C:
                escape = True
            elif b == 0x22:
                in_str = False
        elif b == 0x22:
            in_str = True
        elif b in (0x5B, 0x7B):
            depth += 1
            if depth > _MAX_DEPTH:
                return False
        elif b in (0x5D, 0x7D):
            depth -= 1
    return True


def _read_limited(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(MAX_SUBMISSION_BYTES + 1)


def parse_submission(raw: bytes) -> Any:
    """The JSON of a submission file, strictly: UTF-8, no ``NaN``/``Infinity``, no infinite or 40-digit numbers,
    nesting at most 32 deep, at most 1 MiB. Raises ``_Bad`` with the reason."""
    if len(raw) > MAX_SUBMISSION_BYTES:
        raise _Bad("gia_tri_la", f"tệp lớn quá {MAX_SUBMISSION_BYTES // 1024} KiB")
    if not _depth_ok(raw):
        raise _Bad("gia_tri_la", f"lồng nhau sâu hơn {_MAX_DEPTH} mức")
    try:
        text = raw.decode("utf-8")
        return json.loads(text, parse_constant=_reject_constant, parse_float=_parse_float, parse_int=_parse_int)
    except UnicodeDecodeError as exc:
        raise _Bad("khong_doc_duoc", f"không phải chữ UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise _Bad("khong_doc_duoc", f"JSON hỏng hoặc bị cắt cụt ở dòng {exc.lineno}, cột {exc.colno}") from None
    except RecursionError:
        raise _Bad("gia_tri_la", "lồng nhau quá sâu") from None


def _validate(data: Any, key: Mapping[str, Any], rel: Path, full: Path | None = None) -> dict:
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
    # the nearest folder named after a trainee, also when the folder graded is that trainee's own folder
    folders = [part for part in (full or rel).parts[:-1] if part in key["trainees"]]
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


def _timing(path: Path, sha: str, data: Mapping[str, Any]) -> tuple[str | None, str]:
    """(server time ISO or None, time source) of one submission; a sidecar that does not match is a problem."""
    try:
        received = collection.read_sidecar(path, sha, data.get("trainee_id"))
    except collection.SidecarError as exc:
        raise _Bad("sai_xac_nhan", str(exc), data.get("trainee_id"), data.get("exercise_id")) from None
    if received is not None:
        return received.isoformat(), "may_chu"
    if collection.parse_moment(data.get("submitted_at")) is None:
        raise _Bad("sai_cau_truc", f"thời điểm nộp «{str(data.get('submitted_at'))[:40]}» không phải một thời điểm "
                                   "ISO 8601 trong 1900–2100", data.get("trainee_id"), data.get("exercise_id"))
    return None, "bai_nop"


def _check_file(path: Path, rel: Path, full: Path, raw: bytes, sha: str, key: Mapping[str, Any]):
    """Everything about one file that can go wrong, as ``_Bad``; returns (data, scores, received_at, source)."""
    data = parse_submission(raw)
    _validate(data, key, rel, full)
    received_at, source = _timing(path, sha, data)
    try:
        scores = grade_submission(data, key)
    except (TypeError, ValueError, AttributeError, KeyError, OverflowError) as exc:  # answers no widget gives
        raise _Bad("sai_cau_truc", f"câu trả lời không đọc được ({type(exc).__name__})", data["trainee_id"],
                   data["exercise_id"]) from None
    return data, scores, received_at, source


def grade_directory(sub_dir: str | Path, key: str | Path | Mapping[str, Any], db_path: str | Path | None = None,
                    report_dir: str | Path | None = None, *,
                    on_commit: Callable[[int], None] | None = None, bands=None) -> GradeRun:
    """Grade every submission under ``sub_dir`` (a class folder, or one trainee's folder). ``on_commit(n)`` is
    called after the n-th transaction (tests use it to kill a run midway); ``bands``: the course's
    classification bands for the reports (default: the course's own, :data:`records.COURSE_BANDS`)."""
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
    files = collection.find_submissions(sub_dir, skip_dirs=(KEY_DIR,))
    absolute = sub_dir.resolve()
    committed = 0
    with Gradebook(db_path) as gb:
        gb.register_key(key)
        for path in files:
            run.files += 1
            rel = path.relative_to(sub_dir)
            try:
                # never follow a link a trainee planted (to the key, to a huge file); read at most the limit + 1
                raw = b"" if path.is_symlink() else _read_limited(path)
            except OSError as exc:
                run.problems.append(Problem(str(rel), "khong_doc_duoc",
                                            f"{PROBLEM_KINDS['khong_doc_duoc']}: {exc.strerror or exc}"))
                continue
            sha = hashlib.sha256(raw).hexdigest()
            try:
                try:
                    if path.is_symlink():
                        raise _Bad("gia_tri_la", "là một liên kết (symlink), không phải tệp bài nộp")
                    data, scores, received_at, source = _check_file(path, rel, absolute / rel, raw, sha, key)
                except _Bad:
                    raise
                except Exception as exc:  # noqa: BLE001 - one file must never stop the class's grading
                    raise _Bad("loi_xu_ly", f"{type(exc).__name__}: {str(exc)[:200]}") from None
            except _Bad as bad:
                msg = PROBLEM_KINDS[bad.kind] + (f": {bad.detail}" if bad.detail else "")
                tid = bad.trainee_id if isinstance(bad.trainee_id, str) else None
                eid = bad.exercise_id if isinstance(bad.exercise_id, str) else None
                run.problems.append(Problem(str(rel), bad.kind, msg, tid, eid))
                gb.record_problem(source_file=str(rel), file_sha256=sha, kind=bad.kind, message=msg,
                                  trainee_id=tid, exercise_id=eid)
            else:
                changed = gb.record_attempt(trainee_id=data["trainee_id"], exercise_id=data["exercise_id"],
                                            submission_sha256=sha, variant_digest=data["variant_digest"],
                                            submitted_at=data["submitted_at"], source_file=str(rel),
                                            checker_version=CHECKER_VERSION, scores=scores,
                                            received_at=received_at, time_source=source)
                if source == "may_chu":
                    run.server_timed += 1
                else:
                    run.file_timed += 1
                if changed:
                    run.graded += 1
                else:
                    run.unchanged += 1
            committed += 1
            if on_commit is not None:
                on_commit(committed)
        if report_dir is not None:
            from . import records
            from .reports import write_reports

            try:
                run.reports = write_reports(gb, report_dir, bands=bands or records.COURSE_BANDS)
            except InputError as exc:  # the grades are saved; say so with the reason the reports are not
                raise InputError("báo cáo", str(report_dir),
                                 why=f"{run.graded} bài đã chấm vẫn được lưu trong sổ điểm {db_path}, nhưng báo cáo "
                                     f"chưa ghi được: {exc}") from None
    run.seconds = time.perf_counter() - started
    return run
