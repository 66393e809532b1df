"""Helpers of the class server tests (tests/class, benchmarks/bench_class.py): the class environment built by class/install.sh, a hub and its proxy on free
ports, Chromium through Playwright. Everything made (hub, proxy, servers, Unix users, state) is removed at the end,
also when a test fails. Root only (CI runs as root): the hub creates Unix users and runs servers as them."""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "browser"))  # the course pages' helpers (app_page, lessons, mirror)

PREFIX = Path(os.environ.get("CLASS_PREFIX", "/opt/kiemtra"))
CLASS_PY = PREFIX / "venv" / "bin" / "python"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
INSTRUCTOR = "gvkiemthu"
# Synthetic names (TEAM.md: never a real person's); the ids are the test's own, refused if the machine has them.
TRAINEES = [("HV901", "Nguyễn Văn Thử"), ("HV902", "Trần Thị Mẫu"), ("HV903", "Lê Văn Ví Dụ")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_class(*args: str, state: Path, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess:
    """`python -m kiemtra_lib.classroom ...` in the class environment, as `make class` runs it."""
    env = dict(os.environ, CLASS_STATE=str(state), CLASS_PREFIX=str(PREFIX), PYTHONUTF8="1")
    done = subprocess.run([str(CLASS_PY), "-m", "kiemtra_lib.classroom", "--state", str(state), *args],
                          capture_output=True, text=True, env=env, timeout=timeout, cwd=ROOT)
    if check:
        assert done.returncode == 0, f"{args[0]} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done


def _pids_of(uid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


def remove_leftover_users(names) -> None:
    """Users of this roster left by an earlier run that died (only those of the class's group)."""
    import grp

    try:
        group = grp.getgrnam("kiemtra-lop")
    except KeyError:
        return
    for name in names:
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        if entry.pw_gid == group.gr_gid or name in group.gr_mem:
            for pid in _pids_of(pwd.getpwnam(name).pw_uid):
                os.kill(pid, signal.SIGKILL)
            subprocess.run(["deluser", "--remove-home", "--quiet", name], capture_output=True)


class Hub:
    """One JupyterHub (and its proxy) for a class state folder; stopped as ECOSYSTEM.md says: servers through the
    API, then the hub with SIGTERM, then any child left."""

    def __init__(self, state: Path):
        self.state = state
        self.port, self.hub_port, self.api_port = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = os.urandom(16).hex()
        self.log_path = state.parent / "hub.log"
        self.proc = None

    def start(self, timeout: float = 90) -> "Hub":
        import requests

        env = dict(os.environ, CLASS_STATE=str(self.state), CLASS_PREFIX=str(PREFIX), CLASS_PORT=str(self.port),
                   CLASS_HUB_PORT=str(self.hub_port), CLASS_PROXY_API_PORT=str(self.api_port),
                   CLASS_ADMIN_TOKEN=self.token, PYTHONUTF8="1")
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([str(PREFIX / "venv" / "bin" / "jupyterhub"), "-f",
                                      str(ROOT / "class" / "jupyterhub_config.py")], cwd=self.state, env=env,
                                     stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:  # /hub/health is 404 through the proxy until the hub is up
            assert self.proc.poll() is None, f"the hub exited:\n{self.log()}"
            try:
                if requests.get(self.url + "/hub/health", timeout=5).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.5)  # polling a readiness probe
        raise AssertionError(f"the hub did not answer within {timeout} s:\n{self.log()}")

    def api(self, method: str, path: str, **kw):
        import requests

        return requests.request(method, f"{self.url}/hub/api{path}", headers={"Authorization": f"token {self.token}"},
                                timeout=60, **kw)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-6000:]

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                for user in self.api("GET", "/users").json():
                    if user.get("server") or user.get("pending"):
                        self.api("DELETE", f"/users/{user['name']}/server")
            except Exception:  # a hub that no longer answers is stopped below all the same
                pass
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)
        pid_file = self.state / "jupyterhub-proxy.pid"
        if pid_file.is_file():
            try:
                os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)
            except (ValueError, ProcessLookupError):
                pass
        self._log.close()
        self.proc = None
        # kept for whoever reads a failed run (the state folder is removed)
        keep = ROOT / "build" / "class"
        keep.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.log_path, keep / "hub.log")


