"""Accounts of a class: who may log in, as which Unix user, with which initial password.

Everything is checked before anything is made: a roster with one bad row creates no user, no database row, no
handout. The record of the class (``lop.json`` in the state folder, root only) lists exactly the Unix users this
module created, so removing the class never touches an account it did not make.
"""

from __future__ import annotations

import datetime as dt
import grp
import json
import os
import pwd
import re
import secrets
import shutil
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import InputError, Problem
from ..exercises import read_roster
from ..exercises._util import atomic_write_text

__all__ = ["Account", "ClassState", "check_accounts", "create_class", "load_state", "remove_class", "STATE_FILE",
           "GROUP", "hash_password", "seed_native_passwords", "write_handout", "unix_name"]

STATE_FILE = "lop.json"
HANDOUT = "mat_khau_ban_dau.xlsx"
# Every Unix user the class creates joins this group: a marker that the account is the class's, not the machine's.
GROUP = "kiemtra-lop"
# What Debian's adduser accepts by default (NAME_REGEX), within JupyterHub's lower-cased names.
_UNIX = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
_HTML = re.compile(r"[<>&\"']|&#|javascript:", re.IGNORECASE)
# No 0/O, 1/l/I: the handout is read off paper and typed.
_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


@dataclass(frozen=True)
class Account:
    username: str  # the hub's and the Unix user's name (lower-cased trainee id)
    trainee_id: str  # as typed in the roster (the exercises' id)
    ho_ten: str
    role: str  # "hoc_vien" | "giang_vien"
    initial_hash: str = ""  # bcrypt hash of the handout password: unchanged hash = password not yet changed

    @property
    def home(self) -> Path:
        return Path(pwd.getpwnam(self.username).pw_dir)


@dataclass
class ClassState:
    state_dir: Path
    created_at: str
    accounts: list[Account] = field(default_factory=list)
    created_unix_users: list[str] = field(default_factory=list)
    releases: list[dict] = field(default_factory=list)

    @property
    def instructor(self) -> Account:
        return next(a for a in self.accounts if a.role == "giang_vien")

    @property
    def trainees(self) -> list[Account]:
        return [a for a in self.accounts if a.role == "hoc_vien"]

    def account(self, username: str) -> Account | None:
        return next((a for a in self.accounts if a.username == username), None)

    def save(self) -> Path:
        data = {"format": "kiemtra-lop", "version": 1, "created_at": self.created_at,
                "accounts": [asdict(a) for a in self.accounts], "created_unix_users": self.created_unix_users,
                "releases": self.releases}
        return atomic_write_text(self.state_dir / STATE_FILE, json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                                 mode=0o600)


def load_state(state_dir: str | os.PathLike) -> ClassState:
    path = Path(state_dir) / STATE_FILE
    if not path.is_file():
        raise InputError("thư mục trạng thái của lớp (CLASS_STATE)", str(state_dir),
                         why="chưa có lớp nào ở đây (chạy «make class ROSTER=...» trước)")
    data = json.loads(path.read_text(encoding="utf-8"))
    return ClassState(state_dir=Path(state_dir), created_at=data["created_at"],
                      accounts=[Account(**a) for a in data["accounts"]],
                      created_unix_users=list(data["created_unix_users"]), releases=list(data.get("releases", [])))


def unix_name(trainee_id: str) -> str:
    """JupyterHub lower-cases user names; the Unix user has the same name so the spawner finds it."""
    return trainee_id.lower()


def _ours(username: str) -> bool:
    """The class's users have GROUP as their primary group (adduser --ingroup), which gr_mem does not list."""
    try:
        group = grp.getgrnam(GROUP)
        return username in group.gr_mem or pwd.getpwnam(username).pw_gid == group.gr_gid
    except KeyError:
        return False


def _exists(username: str) -> bool:
    try:
        pwd.getpwnam(username)
        return True
    except KeyError:
        return False


def check_accounts(roster: str | os.PathLike, *, instructor: str = "giangvien") -> list[Account]:
    """The roster read by the exercises' reader, then checked for a server: every bad row at once, nothing made.

    Refused: an id that is not a safe Unix user name once lower-cased (``root``, ``007``, ``a.b``), two ids that
    are the same once lower-cased, an id that is already a Unix user not made by a class (``daemon``), a name that
    is HTML (it is shown in the hub's pages and the handout).
    """
    trainees = read_roster(roster)
    problems: list[Problem] = []
    if not _UNIX.match(instructor):
        problems.append(Problem("tài khoản giảng viên (CLASS_ADMIN)", instructor,
                                allowed="chữ thường không dấu đứng đầu, rồi chữ thường, chữ số, _ - (tối đa 32)"))
    seen: dict[str, int] = {instructor: 0}
    accounts = []
    for i, t in enumerate(trainees):
        row = t.row or i + 2
        name = unix_name(t.trainee_id)
        if not _UNIX.match(name):
            problems.append(Problem("trainee_id", t.trainee_id, row=row,
                                    why="Mã học viên là tên tài khoản trên máy chủ",
                                    allowed="bắt đầu bằng chữ cái không dấu, rồi chữ cái, chữ số, _ - (tối đa 32)"))
        elif name in seen:
            other = f"dòng {seen[name]}" if seen[name] else "tài khoản giảng viên"
            problems.append(Problem("trainee_id", t.trainee_id, row=row,
                                    why=f"Trùng (không phân biệt chữ hoa, chữ thường) với {other}"))
        elif _exists(name) and not _ours(name):
            problems.append(Problem("trainee_id", t.trainee_id, row=row,
                                    why="Đã là một tài khoản của máy chủ, không phải của lớp học"))
        else:
            seen[name] = row
        if _HTML.search(t.ho_ten):
            problems.append(Problem("ho_ten", t.ho_ten, row=row,
                                    why="Họ tên không được chứa mã HTML (các ký tự < > & \" ')"))
        accounts.append(Account(name, t.trainee_id, t.ho_ten, "hoc_vien"))
    if _exists(instructor) and not _ours(instructor):
        problems.append(Problem("tài khoản giảng viên (CLASS_ADMIN)", instructor,
                                why="Đã là một tài khoản của máy chủ, không phải của lớp học"))
    if problems:
        raise InputError.many(problems)
    return [Account(instructor, instructor, "Giảng viên", "giang_vien")] + accounts


def new_password(length: int = 10) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def hash_password(password: str) -> str:
    import bcrypt

    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()


def _run(cmd: Sequence[str]) -> None:
    proc = subprocess.run(list(cmd), capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} thất bại ({proc.returncode}): {proc.stderr.strip()}")


def _create_unix_user(username: str) -> None:
    # adduser (not useradd --create-home: 0755 homes on Debian) with no password: trainees log in through the hub only
    _run(["adduser", "--disabled-password", "--gecos", "", "--ingroup", GROUP, "--quiet", username])


def _make_home_private(username: str) -> None:
    home = Path(pwd.getpwnam(username).pw_dir)
    os.chmod(home, 0o700)


def seed_native_passwords(db_url: str, passwords: dict[str, str]) -> None:
    """Write ``{username: bcrypt hash}`` into NativeAuthenticator's table, authorised. Run with the hub stopped: the
    hub creates or upgrades its own tables through the same function."""
    from jupyterhub import orm
    from nativeauthenticator.orm import UserInfo

    db = orm.new_session_factory(db_url)()
    try:
        for username, hashed in passwords.items():
            info = UserInfo.find(db, username)
            if info is None:
                db.add(UserInfo(username=username, password=hashed.encode(), is_authorized=True))
        db.commit()
    finally:
        db.close()


def write_handout(path: Path, rows: Iterable[dict]) -> Path:
    """The instructor's printable list of initial passwords (xlsx; every cell written as text)."""
    import pandas as pd

    from .._safe_cells import xlsx_bytes

    df = pd.DataFrame(list(rows), columns=["Mã học viên", "Họ và tên", "Tên đăng nhập", "Mật khẩu ban đầu"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(xlsx_bytes({"Mật khẩu ban đầu": df}))
    os.chmod(path, 0o600)
    return path


def db_url(state_dir: Path) -> str:
    return f"sqlite:///{state_dir / 'jupyterhub.sqlite'}"


def create_class(roster: str | os.PathLike, state_dir: str | os.PathLike, *, instructor: str = "giangvien",
                 hub_running: bool = False) -> tuple[ClassState, dict[str, str]]:
    """Check the roster, then create what is missing: Unix users (0700 homes), hashed initial passwords, the handout.

    Accounts already in the class keep their password (restarting ``make class`` loses nothing); a trainee added to
    the roster gets an account. Returns the state and the initial passwords made in this run.
    """
    if os.geteuid() != 0:
        raise InputError("người chạy", pwd.getpwuid(os.geteuid()).pw_name,
                         why="tạo tài khoản học viên cần quyền root (sudo make class ...)")
    if hub_running:
        raise InputError("JupyterHub", "đang chạy", why="dừng máy chủ lớp học trước khi thêm tài khoản")
    accounts = check_accounts(roster, instructor=instructor)  # raises before anything exists
    os.umask(0o077)  # the database holds password hashes, the handout the passwords themselves
    state_dir = Path(state_dir)
    state_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(state_dir, 0o700)
    try:
        state = load_state(state_dir)
    except InputError:
        state = ClassState(state_dir, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    try:
        grp.getgrnam(GROUP)
    except KeyError:
        _run(["addgroup", "--system", "--quiet", GROUP])
    made: dict[str, str] = {}
    hashes: dict[str, str] = {}
    for acc in accounts:
        known = state.account(acc.username)
        if known is not None:
            continue
        if not _exists(acc.username):
            _create_unix_user(acc.username)
            state.created_unix_users.append(acc.username)
        _make_home_private(acc.username)
        password = new_password()
        made[acc.username] = password
        hashes[acc.username] = hash_password(password)
        state.accounts.append(Account(acc.username, acc.trainee_id, acc.ho_ten, acc.role, hashes[acc.username]))
        state.save()  # after each account: an interrupted run is resumed, never duplicated
    seed_native_passwords(db_url(state_dir), hashes)
    if made:
        rows = [{"Mã học viên": a.trainee_id, "Họ và tên": a.ho_ten, "Tên đăng nhập": a.username,
                 "Mật khẩu ban đầu": made[a.username]} for a in state.accounts if a.username in made]
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        handout = write_handout(state_dir / "phieu_mat_khau" / f"{stamp}_{HANDOUT}", rows)
        _give_instructor(state, handout)
    return state, made


def _give_instructor(state: ClassState, path: Path) -> Path:
    """A copy of ``path`` in the instructor's own 0700 folder ``~/lop/``, owned by the instructor."""
    inst = pwd.getpwnam(state.instructor.username)
    target_dir = Path(inst.pw_dir) / "lop"
    target_dir.mkdir(mode=0o700, exist_ok=True)
    os.chown(target_dir, inst.pw_uid, inst.pw_gid)
    target = target_dir / path.name
    shutil.copyfile(path, target)
    os.chown(target, inst.pw_uid, inst.pw_gid)
    os.chmod(target, 0o600)
    return target


def _kill_processes_of(uid: int) -> None:
    """SIGKILL every process of that user, by pid (the user is the class's own; its servers must not outlive it)."""
    import signal

    import time

    for _ in range(50):  # until none is left (a killed process takes a moment to go)
        found = False
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if entry.stat().st_uid == uid:
                        found = True
                        os.kill(int(entry.name), signal.SIGKILL)
                except (OSError, ProcessLookupError):
                    pass
        if not found:
            return
        time.sleep(0.1)


def remove_class(state_dir: str | os.PathLike) -> list[str]:
    """Delete the Unix users the class created (with their homes) and the state folder. Returns who was removed."""
    state_dir = Path(state_dir)
    removed = []
    try:
        state = load_state(state_dir)
    except InputError:
        return removed
    for username in state.created_unix_users:
        if _exists(username) and _ours(username):
            entry = pwd.getpwnam(username)
            _kill_processes_of(entry.pw_uid)
            _run(["deluser", "--remove-home", "--quiet", username])
            # deluser leaves the home when a dying process still wrote into it: the home was the class's own
            home = Path(entry.pw_dir)
            if home.is_dir() and home.stat().st_uid == entry.pw_uid:
                shutil.rmtree(home, ignore_errors=True)
            removed.append(username)
    shutil.rmtree(state_dir, ignore_errors=True)
    return removed
