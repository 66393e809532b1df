"""Releasing an exam's results after it has closed: for every trainee's submission, the per-question feedback
(right or wrong, the answer, the library's reasons and the source's words) written to ``<bài>.ket_qua.json`` in the
trainee's folder, where the notebook's «Xem kết quả» button reads it. Before the exam's ``closes`` (by this
machine's clock: run it on the server) the release is refused unless forced.

Submissions are checked as the grader checks them (the trainee and exercise in the key, the variant digest, the
checksum, the folder); of several good submissions of one trainee the one released is the latest by
``submitted_at`` before ``closes`` (a copy of the same file counts once)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ..errors import InputError
from ._util import atomic_write_text
from .build import read_key, release_name
from .checking import _num, check_answer
from .generators.base import Fact
from .session import RELEASE_FORMAT, SUBMISSION_FORMAT, fmt_moment, submission_checksum

__all__ = ["release_results", "ReleaseRun"]


@dataclass
class ReleaseRun:
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (file, reason)

    def summary(self) -> str:
        lines = [f"Đã công bố kết quả cho {len(self.written)} bài nộp."]
        lines += [f"- Bỏ qua {f}: {why}" for f, why in self.skipped]
        return "\n".join(lines)


def _moment(text: Any) -> dt.datetime | None:
    try:
        m = dt.datetime.fromisoformat(str(text))
    except (TypeError, ValueError):
        return None
    return m if m.tzinfo is not None else m.replace(tzinfo=dt.timezone.utc)


def _good(path: Path, root: Path, key: Mapping[str, Any]) -> tuple[dict | None, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None, "không đọc được tệp"
    if not isinstance(data, dict) or data.get("format") != SUBMISSION_FORMAT:
        return None, "không phải bài nộp của kiemtra"
    tid, eid = data.get("trainee_id"), data.get("exercise_id")
    variant = key["variants"].get(tid, {}).get(eid) if isinstance(tid, str) and isinstance(eid, str) else None
    if variant is None:
        return None, "học viên hoặc bài không có trong đáp án"
    if not isinstance(data.get("answers"), dict) or data.get("checksum") != submission_checksum(data):
        return None, "nội dung đã bị sửa sau khi nộp"
    if data.get("variant_digest") != variant["digest"]:
        return None, "mã biến thể không khớp"
    folders = [p for p in path.relative_to(root).parts[:-1] if p in key["trainees"]]
    if folders and folders[-1] != tid:
        return None, "nằm trong thư mục của học viên khác"
    return data, ""


def release_results(sub_dir: str | Path, key: str | Path | Mapping[str, Any], *, exercise_ids=None,
                    now: dt.datetime | None = None, force: bool = False, out_dir: str | Path | None = None,
                    ruleset: Any = None) -> ReleaseRun:
    """Write each trainee's results of the exams ``exercise_ids`` (default: every exercise of the key).

    ``out_dir``: where to write (``<out_dir>/<trainee_id>/<bài>.ket_qua.json``, for the class server to hand out);
    by default beside each submission. Refused (``InputError``) for an exercise whose ``closes`` is still ahead of
    ``now`` unless ``force``."""
    key = key if isinstance(key, Mapping) else read_key(key)
    root = Path(sub_dir)
    if not root.is_dir():
        raise InputError("thư mục bài nộp", str(root), why="không tìm thấy thư mục")
    now = now or dt.datetime.now(dt.timezone.utc)
    wanted = list(exercise_ids) if exercise_ids else list(key["exercises"])
    for eid in wanted:
        if eid not in key["exercises"]:
            raise InputError("mã bài", eid, allowed=sorted(key["exercises"]))
        closes = _moment(key["exercises"][eid].get("closes"))
        if closes is not None and now < closes and not force:
            raise InputError("công bố kết quả", eid, why=f"bài còn mở đến {fmt_moment(closes)} (giờ máy chủ); "
                                                        "chỉ công bố sau giờ đóng bài")
    run = ReleaseRun()
    best: dict[tuple[str, str], tuple[dict, Path]] = {}
    for path in sorted(root.rglob("*.nop_bai*.json")):
        data, why = _good(path, root, key)
        if data is None:
            run.skipped.append((str(path.relative_to(root)), why))
            continue
        eid, tid = data["exercise_id"], data["trainee_id"]
        if eid not in wanted:
            continue
        closes = _moment(key["exercises"][eid].get("closes"))
        at = _moment(data.get("submitted_at"))
        if closes is not None and (at is None or at > closes):
            run.skipped.append((str(path.relative_to(root)), "nộp sau giờ đóng bài"))
            continue
        held = best.get((tid, eid))
        if held is None or (_moment(held[0]["submitted_at"]) or now) < (at or now):
            best[(tid, eid)] = (data, path)
    for (tid, eid), (data, path) in sorted(best.items()):
        ex = key["exercises"][eid]
        stored = key["variants"][tid][eid]["answers"]
        feedback = []
        for q in ex["questions"]:
            fact = Fact.from_dict(stored[q["id"]]) if q["kind"] != "text" else None
            feedback.append(check_answer(q, fact, data["answers"].get(q["id"]),
                                         ruleset=ruleset or ex.get("ruleset")).as_dict())
        score = sum(f["score"] or 0.0 for f in feedback)
        auto = sum(f["max_points"] for f in feedback if f["correct"] is not None or f["score"] is not None)
        pending = sum(1 for f in feedback if f["correct"] is None)
        summary = (f"Điểm chấm tự động: {_num(score)}/{_num(auto)}"
                   + (f"; {pending} câu tự luận giảng viên chấm riêng." if pending else "."))
        payload = {"format": RELEASE_FORMAT, "version": 1, "exercise_id": eid, "trainee_id": tid,
                   "variant_digest": data["variant_digest"], "submitted_at": data["submitted_at"],
                   "released_at": now.isoformat(timespec="seconds"), "score": score, "auto_points": auto,
                   "summary": summary, "feedback": feedback}
        target = (Path(out_dir) / tid if out_dir is not None else path.parent) / release_name(eid)
        atomic_write_text(target, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        run.written.append(target)
    return run
