"""Collecting submissions: which files are submissions, when each was received, which attempt counts.

- **Files.** ``<exercise>.nop_bai.json`` and the copies people make of it: an e-mail client's
  ``nop_bai (1).json``, Windows' ``nop_bai - Copy.json``, macOS' ``nop_bai 2.json``. A copy with the same content
  is the same attempt (the gradebook keys attempts by content digest, so it counts once); a different content is a
  resubmission.
- **Time.** The class server copies each submission into the instructor's folder and writes beside it
  ``<file>.server.json`` = ``{"received_at", "sha256", "trainee_id", "source"}`` (the contract in TEAM.md). When the
  sidecar is there and matches the file, its ``received_at`` (the server's clock) is the time of the attempt;
  otherwise the time the submission itself states (``submitted_at``, the trainee's own computer clock) is used and
  the reports say so («theo giờ trong bài nộp»). A sidecar that does not match its file is a problem, not a time.
- **Deadlines.** An attempt is late after the spec's ``deadline``, outside the exam window before ``opens`` or after
  ``closes``; late attempts are kept and flagged, never dropped.
- **The counted attempt** follows the spec's ``attempt_policy`` (:data:`ATTEMPT_POLICIES`): by default the latest
  attempt on time, or, when none is on time, the latest one (flagged late).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

__all__ = ["SIDECAR_SUFFIX", "TIME_SOURCES", "ATTEMPT_POLICIES", "is_submission_name", "exercise_of_name",
           "find_submissions", "Timing", "read_sidecar", "SidecarError", "parse_moment", "schedule_of", "lateness",
           "choose_counted"]

SIDECAR_SUFFIX = ".server.json"
#: Where the time of an attempt comes from, as the reports say it.
TIME_SOURCES = {"may_chu": "giờ máy chủ lớp học", "bai_nop": "theo giờ trong bài nộp (máy của học viên; không có "
                                                             "xác nhận của máy chủ)"}
#: Which attempt counts (the spec's ``attempt_policy``; the same names as ``spec.ATTEMPT_POLICIES``).
ATTEMPT_POLICIES = ("latest_on_time", "latest", "first", "best")
#: A time without a zone is Vietnam's time (UTC+7, no daylight saving), as in the specs.
_COURSE_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")

_NAME = re.compile(r"^(?P<exercise>[^/\\]+?)\.nop_bai(?P<copy>.*)\.json$", re.IGNORECASE)
# the copies of a file that mail clients and file managers make
_COPY = re.compile(r"^(\s*\(\d{1,4}\)|\s+\d{1,4}|\s*-\s*(copy|sao chép|bản sao)(\s*\(\d{1,4}\))?)?$", re.IGNORECASE)


def is_submission_name(name: str) -> bool:
    """``t01.nop_bai.json`` and its copies (``t01.nop_bai (1).json``), not a sidecar or a temporary file."""
    if name.startswith(".") or name.endswith(SIDECAR_SUFFIX):
        return False
    m = _NAME.match(name)
    return bool(m and _COPY.match(m.group("copy")))


def exercise_of_name(name: str) -> str | None:
    m = _NAME.match(name)
    return m.group("exercise") if m and _COPY.match(m.group("copy")) else None


def find_submissions(folder: Path, *, skip_dirs: Sequence[str] = ()) -> list[Path]:
    """Every submission file under ``folder``, sorted (the same order on every run)."""
    out = []
    for p in folder.rglob("*.json"):
        if not is_submission_name(p.name) or any(part in skip_dirs for part in p.relative_to(folder).parts[:-1]):
            continue
        if p.is_file():
            out.append(p)
    return sorted(out)


def parse_moment(value: Any) -> dt.datetime | None:
    """An ISO 8601 time as an aware datetime (no zone: Vietnam's time); ``None`` when it is not one."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, str) and 10 <= len(value) <= 40:
        try:
            moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    if not 1900 <= moment.year <= 2100:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=_COURSE_TZ)


@dataclass(frozen=True)
class Timing:
    """When an attempt was received, and by whose clock."""

    at: dt.datetime
    source: str  # a key of TIME_SOURCES

    @property
    def label(self) -> str:
        return TIME_SOURCES[self.source]


class SidecarError(Exception):
    """The server's sidecar is there but unreadable or does not match its file (a Vietnamese reason)."""


def read_sidecar(path: Path, file_sha256: str, trainee_id: str | None) -> dt.datetime | None:
    """The server's ``received_at`` for ``path``, or ``None`` when there is no sidecar.

    Raises :class:`SidecarError` when the sidecar cannot be read, or names another file content or trainee (the
    file was changed after the server collected it, or the sidecar belongs to another file)."""
    side = path.with_name(path.name + SIDECAR_SUFFIX)
    if not side.is_file():
        return None
    if side.is_symlink():
        raise SidecarError(f"tệp xác nhận {side.name} là một liên kết (symlink), không phải tệp của máy chủ")
    try:
        with open(side, "rb") as fh:
            raw = fh.read(64 * 1024 + 1)
        if len(raw) > 64 * 1024:
            raise ValueError("tệp quá lớn")
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        raise SidecarError(f"không đọc được tệp xác nhận của máy chủ {side.name} ({exc})") from None
    if not isinstance(data, dict):
        raise SidecarError(f"tệp xác nhận của máy chủ {side.name} không đúng cấu trúc")
    if data.get("sha256") != file_sha256:
        raise SidecarError(f"bài nộp khác với bản máy chủ đã nhận (mã SHA-256 trong {side.name} không khớp): "
                           "tệp đã bị sửa sau khi thu")
    if trainee_id is not None and data.get("trainee_id") not in (None, trainee_id):
        raise SidecarError(f"máy chủ đã thu tệp này của học viên «{data.get('trainee_id')}», bài nộp ghi "
                           f"«{trainee_id}»")
    moment = parse_moment(data.get("received_at"))
    if moment is None or moment.tzinfo is _COURSE_TZ:  # the server always writes its zone; no zone is not its stamp
        raise SidecarError(f"thời điểm nhận «{data.get('received_at')}» trong {side.name} không phải một thời điểm "
                           "ISO 8601 có múi giờ")
    return moment


def schedule_of(exercise: Mapping[str, Any]) -> dict[str, dt.datetime | None]:
    """``opens``, ``closes``, ``deadline`` of an exercise entry of the key (ISO texts, at its top level or under
    ``schedule``) as aware datetimes."""
    sched = exercise.get("schedule") if isinstance(exercise.get("schedule"), Mapping) else exercise
    return {k: parse_moment(sched.get(k)) for k in ("opens", "closes", "deadline")}


def lateness(at: dt.datetime, schedule: Mapping[str, dt.datetime | None]) -> str | None:
    """Why an attempt at ``at`` is not on time (a Vietnamese phrase), or ``None`` when it is."""
    opens, closes, deadline = schedule.get("opens"), schedule.get("closes"), schedule.get("deadline")
    if opens is not None and at < opens:
        return f"nộp trước giờ mở bài ({_show(opens)})"
    if closes is not None and at > closes:
        return f"nộp sau giờ đóng bài ({_show(closes)})"
    if deadline is not None and at > deadline:
        return f"nộp muộn (hạn {_show(deadline)})"
    return None


def _show(moment: dt.datetime) -> str:
    return moment.astimezone(_COURSE_TZ).strftime("%H:%M %d/%m/%Y")


def choose_counted(attempts: Iterable[Mapping[str, Any]], policy: str = "latest_on_time") -> Mapping[str, Any] | None:
    """The attempt that counts among one trainee's attempts at one exercise.

    Each attempt is a mapping with ``at`` (aware datetime), ``late`` (a reason or ``None``), ``score`` (its
    automatic total) and ``sha256`` (content digest: a tie-break that gives the same choice on every run)."""
    attempts = list(attempts)
    if not attempts:
        return None
    if policy not in ATTEMPT_POLICIES:
        from ..errors import InputError

        raise InputError("cách tính lần nộp (attempt_policy)", policy, allowed=list(ATTEMPT_POLICIES))
    order = sorted(attempts, key=lambda a: (a["at"], a["sha256"]))
    on_time = [a for a in order if not a["late"]]
    if policy == "latest_on_time":
        return (on_time or order)[-1]
    if policy == "latest":
        return order[-1]
    if policy == "first":
        return (on_time or order)[0]
    # best: the highest score on time (late ones only when none is on time); ties go to the earliest
    pool = on_time or order
    return max(pool, key=lambda a: (a["score"] or 0.0, -order.index(a)))


def file_sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()
