"""`make class` as the instructor runs it: Ctrl+C stops the hub, the proxy and every trainee's server; started
again on the same state folder, nothing is lost (the trainee's own password still works, no new handout)."""

from __future__ import annotations

import os
import pwd
import signal
import subprocess
import time
from pathlib import Path

import pandas as pd
import requests

from class_support import INSTRUCTOR, PREFIX, ROOT, TRAINEES, free_port


def _start(state: Path, roster: Path, port: int, log: Path) -> subprocess.Popen:
    env = dict(os.environ, CLASS_STATE=str(state), CLASS_PREFIX=str(PREFIX), CLASS_PORT=str(port),
               CLASS_HUB_PORT=str(free_port()), CLASS_PROXY_API_PORT=str(free_port()), CLASS_ADMIN="gvkiemthu")
    # its own process group, as a terminal's foreground job: Ctrl+C is SIGINT to the whole group
    return subprocess.Popen([str(PREFIX / "venv" / "bin" / "python"), "-m", "kiemtra_lib.classroom", "--state",
                             str(state), "start", "--roster", str(roster), "--config",
                             str(ROOT / "class" / "jupyterhub_config.py")], env=env, cwd=ROOT,
                            stdout=open(log, "ab"), stderr=subprocess.STDOUT, start_new_session=True)


def _wait_health(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text(errors="replace")
        try:
            if requests.get(url + "/hub/health", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)  # polling a readiness probe
    raise AssertionError(log.read_text(errors="replace"))


def _ctrl_c(proc: subprocess.Popen, log: Path) -> None:
    os.killpg(proc.pid, signal.SIGINT)
    assert proc.wait(timeout=120) == 0, log.read_text(errors="replace")
    assert "Đã dừng máy chủ lớp học" in log.read_text(encoding="utf-8", errors="replace")


def _processes_of(uid: int) -> list[int]:
    out = []
    for p in Path("/proc").iterdir():
        try:
            if p.name.isdigit() and p.stat().st_uid == uid:
                out.append(int(p.name))
        except OSError:
            pass
    return out


def _login(url: str, user: str, password: str) -> tuple[requests.Session, requests.Response]:
    s = requests.Session()
    s.get(url + "/hub/login", timeout=30)
    r = s.post(url + "/hub/login", data={"username": user, "password": password, "_xsrf": s.cookies.get("_xsrf")},
               allow_redirects=False, timeout=60)
    return s, r


def test_ctrl_c_stops_everything_and_a_restart_loses_nothing(class_dirs):
    state, base = class_dirs
    roster = base / "lop.csv"
    pd.DataFrame(TRAINEES, columns=["trainee_id", "ho_ten"]).to_csv(roster, index=False)
    port, log = free_port(), base / "make-class.log"
    url = f"http://127.0.0.1:{port}"
    proc = _start(state, roster, port, log)
    try:
        _wait_health(url, proc, log)
        inst_home = Path(pwd.getpwnam(INSTRUCTOR).pw_dir)
        (handout,) = (inst_home / "lop").glob("*mat_khau_ban_dau.xlsx")
        df = pd.read_excel(handout, dtype=str, engine="openpyxl")
        first = dict(zip(df["Tên đăng nhập"], df["Mật khẩu ban đầu"]))["hv901"]
        s, r = _login(url, "hv901", first)
        assert r.status_code == 302 and r.headers["location"].endswith("/hub/change-password")
        s.post(url + "/hub/change-password", timeout=60, data={
            "old_password": first, "new_password": "Mat-khau-moi-901", "new_password_confirmation": "Mat-khau-moi-901",
            "_xsrf": s.cookies.get("_xsrf")})
        s.get(url + "/hub/spawn", timeout=120)
        uid = pwd.getpwnam("hv901").pw_uid
        deadline = time.monotonic() + 120
        while not _processes_of(uid) and time.monotonic() < deadline:
            time.sleep(0.5)  # polling the spawn
        assert _processes_of(uid), "trainee 1's server did not start"
        proxy_pid = int((state / "jupyterhub-proxy.pid").read_text())
        _ctrl_c(proc, log)
        assert not _processes_of(uid), "trainee 1's server outlived Ctrl+C"
        assert not Path(f"/proc/{proxy_pid}").exists(), "the proxy outlived Ctrl+C"

        proc = _start(state, roster, port, log)  # the same state folder: restarting loses nothing
        _wait_health(url, proc, log)
        assert list((inst_home / "lop").glob("*mat_khau_ban_dau.xlsx")) == [handout]  # no new accounts, no new handout
        _, r = _login(url, "hv901", "Mat-khau-moi-901")
        assert r.status_code == 302 and not r.headers["location"].endswith("change-password")
        _, r = _login(url, "hv901", first)
        assert r.status_code == 200  # Native answers a wrong password with the login page again
        _ctrl_c(proc, log)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=60)
