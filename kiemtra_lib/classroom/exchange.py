"""Exercises through the server: released into each trainee's own home, collected on the server side.

Why not nbgrader's exchange or ngshare: nbgrader's exchange root is world-writable, every release is readable by
every trainee, submissions are 0777 and stamped by the trainee's own process (their clock), and installing nbgrader
shows its instructor tools to trainees; ngshare is a separate service with its own database that still takes the
time from the client. Here the hub itself hands out (root copies a trainee's own notebooks into their 0700 home) and
the server collects (root reads each home, the time is the server's).

Layout: ``<state>/phat_bai/<trainee_id>/`` holds what was released (root only); a trainee finds it in
``~/bai_tap/``; the instructor's ``~/lop/giang_vien/dap_an.json`` is the key, ``~/lop/bai_nop/<trainee_id>/`` the
collected submissions with their ``<file>.server.json`` sidecars, ``~/lop/giang_vien/so_diem.sqlite`` the gradebook.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import pwd
import shutil
import stat
import tempfile
import time
from pathlib import Path
from typing import Sequence

from ..errors import InputError
from ..exercises import build_class, grade_directory, load_specs
from ..exercises.build import KEY_DIR, KEY_FILE, TRAINEE_DIR
from ..exercises.roster import Trainee
from .accounts import Account, ClassState, load_state

__all__ = ["release", "collect", "grade", "copy_for_spawn", "EXERCISE_DIR", "COLLECTED_DIR", "SIDECAR_SUFFIX",
           "MAX_SUBMISSION_BYTES", "instructor_dir"]

EXERCISE_DIR = "bai_tap"
COLLECTED_DIR = "bai_nop"
RELEASED_DIR = "phat_bai"
SIDECAR_SUFFIX = ".server.json"
SUBMISSION_SUFFIX = ".nop_bai.json"
# A submission is a few kB of answers; anything bigger is not one (and is not copied).
MAX_SUBMISSION_BYTES = 1_000_000


def _owner(username: str) -> tuple[int, int, Path]:
    pw = pwd.getpwnam(username)
    return pw.pw_uid, pw.pw_gid, Path(pw.pw_dir)


def _private_dir(path: Path, uid: int, gid: int) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chown(path, uid, gid)
    os.chmod(path, 0o700)
    return path


def _copy_owned(src: Path, dst: Path, uid: int, gid: int, mode: int = 0o600) -> None:
    tmp = dst.with_name(f".{dst.name}.tmp")
    shutil.copyfile(src, tmp)
    os.chown(tmp, uid, gid)
    os.chmod(tmp, mode)
    os.replace(tmp, dst)


def instructor_dir(state: ClassState) -> Path:
    uid, gid, home = _owner(state.instructor.username)
    return _private_dir(home / "lop", uid, gid)


def release(state_dir: str | os.PathLike, specs: Sequence[str | os.PathLike], *, class_seed: int = 0,
            mode: str = "practice") -> dict[str, list[str]]:
    """Build the exercises for every trainee of the class and hand each trainee their own notebooks.

    The key goes to the instructor's ``~/lop/giang_vien/`` (0700 folders, 0600 file), the notebooks to
    ``<state>/phat_bai/`` and from there into each trainee's ``~/bai_tap/`` (a notebook already there is kept: it
    holds the trainee's work). Returns ``{username: [notebook names]}``.
    """
    state = load_state(state_dir)
    loaded = load_specs([Path(s) for s in specs])
    trainees = [Trainee(a.trainee_id, a.ho_ten) for a in state.trainees]
    with tempfile.TemporaryDirectory(prefix="kiemtra-phat-bai-", dir=state.state_dir) as tmp:
        result = build_class(loaded, trainees, tmp, class_seed=class_seed, mode=mode)
        uid, gid, _ = _owner(state.instructor.username)
        key_dir = _private_dir(instructor_dir(state) / KEY_DIR, uid, gid)
        _copy_owned(result.key_path, key_dir / KEY_FILE, uid, gid)
        released = state.state_dir / RELEASED_DIR
        released.mkdir(mode=0o700, exist_ok=True)
        for acc in state.trainees:
            src = Path(tmp) / TRAINEE_DIR / acc.trainee_id
            dst = released / acc.trainee_id
            dst.mkdir(mode=0o700, exist_ok=True)
            for nb in src.glob("*.ipynb"):
                shutil.copyfile(nb, dst / nb.name)
    state.releases.append({"at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                           "exercises": [s.id for s in loaded], "class_seed": class_seed, "mode": mode})
    state.save()
    return {acc.username: copy_exercises(state, acc) for acc in state.trainees}


def copy_exercises(state: ClassState, acc: Account) -> list[str]:
    """Released notebooks of this trainee that are not yet in their ``~/bai_tap/`` (nothing is overwritten)."""
    src = state.state_dir / RELEASED_DIR / acc.trainee_id
    if not src.is_dir():
        return []
    uid, gid, home = _owner(acc.username)
    dst = _private_dir(home / EXERCISE_DIR, uid, gid)
    copied = []
    for nb in sorted(src.glob("*.ipynb")):
        target = dst / nb.name
        if not target.exists() and not target.is_symlink():
            _copy_owned(nb, target, uid, gid)
            copied.append(nb.name)
    return copied


def copy_course(acc: Account, course_dir: Path) -> list[str]:
    """The lessons into the trainee's home, refreshed at every start (they are the course's, not the trainee's)."""
    uid, gid, home = _owner(acc.username)
    copied = []
    for nb in sorted(course_dir.glob("[0-9][0-9]_*.ipynb")):
        target = home / nb.name
        if target.is_symlink():  # a trainee's link must not make root write elsewhere
            target.unlink()
        _copy_owned(nb, target, uid, gid, mode=0o644)
        copied.append(nb.name)
    return copied


def copy_for_spawn(state_dir: str | os.PathLike, username: str, course_dir: str | os.PathLike) -> None:
    """What the hub's ``pre_spawn_hook`` (as root) does before a trainee's server starts."""
    state = load_state(state_dir)
    acc = state.account(username)
    if acc is None:
        return
    _private_dir(_owner(username)[2], *_owner(username)[:2])  # the home stays 0700 whatever the trainee did
    if acc.role == "hoc_vien":
        copy_course(acc, Path(course_dir))
        copy_exercises(state, acc)


def _read_regular(path: Path) -> bytes | None:
    """The file's bytes if it is a regular file of reasonable size, never through a symlink (a trainee could point
    one at a file root can read)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_SUBMISSION_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(MAX_SUBMISSION_BYTES + 1)
    finally:
        os.close(fd)


def collect(state_dir: str | os.PathLike, *, now: dt.datetime | None = None) -> list[Path]:
    """One pass: every trainee's ``~/bai_tap/*.nop_bai.json`` that is new or changed is copied unchanged into the
    instructor's ``~/lop/bai_nop/<trainee_id>/`` with a sidecar ``<file>.server.json`` holding the server's time of
    receipt, the file's sha256, the trainee and where it came from. Returns the files copied in this pass."""
    state = load_state(state_dir)
    uid, gid, _ = _owner(state.instructor.username)
    root = _private_dir(instructor_dir(state) / COLLECTED_DIR, uid, gid)
    copied = []
    for acc in state.trainees:
        try:
            home = _owner(acc.username)[2]
        except KeyError:
            continue
        src_dir = home / EXERCISE_DIR
        if src_dir.is_symlink() or not src_dir.is_dir():
            continue
        for src in sorted(src_dir.glob("*" + SUBMISSION_SUFFIX)):
            data = _read_regular(src)
            if data is None:
                continue
            sha = hashlib.sha256(data).hexdigest()
            dst_dir = _private_dir(root / acc.trainee_id, uid, gid)
            dst = _version_for(dst_dir, src.name, sha)
            if dst is None:
                continue  # already collected, keep its first time of receipt
            sidecar = dst.with_name(dst.name + SIDECAR_SUFFIX)
            received = (now or dt.datetime.now(dt.timezone.utc)).astimezone().isoformat(timespec="seconds")
            _write_owned(dst, data, uid, gid)
            meta = {"received_at": received, "sha256": sha, "trainee_id": acc.trainee_id, "source": str(src)}
            _write_owned(sidecar, (json.dumps(meta, ensure_ascii=False, indent=1) + "\n").encode(), uid, gid)
            copied.append(dst)
    return copied


def _version_for(dst_dir: Path, name: str, sha: str) -> Path | None:
    """Where a collected content goes: None when a version already holds it; else the first free name among
    ``t01.nop_bai.json``, ``t01.nop_bai (2).json``, ... A resubmission never replaces an earlier attempt, so the
    spec's attempt policy (the latest on time, by default) can still choose it; grading reads every version."""
    stem = name[: -len(".json")]
    for n in range(1, 10_000):
        dst = dst_dir / (name if n == 1 else f"{stem} ({n}).json")
        sidecar = dst.with_name(dst.name + SIDECAR_SUFFIX)
        if not dst.exists() and not sidecar.exists():
            return dst
        try:
            if json.loads(sidecar.read_text(encoding="utf-8")).get("sha256") == sha:
                return None
        except (OSError, ValueError):
            pass  # a version without a readable sidecar: leave it as it is, try the next name
    raise InputError("bài nộp", name, why="quá nhiều lần nộp lại của cùng một bài")


def _write_owned(path: Path, data: bytes, uid: int, gid: int) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.chown(tmp, uid, gid)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def collect_forever(state_dir: str | os.PathLike, every: float = 10.0) -> None:
    """The hub service: a collection pass every ``every`` seconds (a submission's time is known to that much)."""
    while True:
        try:
            collect(state_dir)
        except InputError:
            pass  # no class yet
        time.sleep(every)


def grade(state_dir: str | os.PathLike):
    """Collect once, then grade the instructor's collection with the key, into the instructor's gradebook."""
    state = load_state(state_dir)
    collect(state_dir)
    base = instructor_dir(state)
    key = base / KEY_DIR / KEY_FILE
    if not key.is_file():
        raise InputError("đáp án", str(key), why="chưa phát bài nào (chạy «release» trước)")
    uid, gid, _ = _owner(state.instructor.username)
    collected = _private_dir(base / COLLECTED_DIR, uid, gid)
    run = grade_directory(collected, key, db_path=base / KEY_DIR / "so_diem.sqlite",
                          report_dir=base / KEY_DIR / "bao_cao")
    for dirpath, dirnames, filenames in os.walk(base):
        for name in dirnames + filenames:
            os.lchown(os.path.join(dirpath, name), uid, gid)
    return run
