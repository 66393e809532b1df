"""Start and stop the course app (Voilà with the kiemtra template) for the browser tests and `make app`.

The command line is the one ECOSYSTEM.md asks for: loopback only, a fixed port with no silent retry onto another,
tracebacks shown so a failing cell is visible in the page, a cell timeout. `kiemtra course app [DIR] [--port N]`
serves DIR (default: the course's notebooks/) the same way (the Makefile's `app` target uses it).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from .lessons import NOTEBOOKS, ROOT

__all__ = ["VoilaServer", "free_port", "voila_env", "voila_command", "main"]

TEMPLATE_ROOT = ROOT / "share" / "jupyter"
CONFIG_DIR = ROOT / "voila"


def free_port() -> int:
    """A port that was free on 127.0.0.1 a moment ago (Voilà is started with port_retries=0, so a clash fails)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def voila_env() -> dict[str, str]:
    """Environment in which Voilà finds the kiemtra template and the config in voila/."""
    env = dict(os.environ)
    paths = [str(TEMPLATE_ROOT)] + [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    env["PYTHONUTF8"] = "1"
    # Kernels must keep their inline backend (ECOSYSTEM.md: MPLBACKEND=Agg removes figures from Voilà).
    env.pop("MPLBACKEND", None)
    return env


def voila_command(root: Path, port: int, *, show_tracebacks: bool = True, ip: str = "127.0.0.1") -> list[str]:
    return [
        sys.executable, "-m", "voila", str(root),
        "--no-browser",
        f"--Voila.ip={ip}",
        f"--port={port}",
        "--Voila.port_retries=0",
        f"--Voila.config_file_paths={CONFIG_DIR}",
        f"--show_tracebacks={show_tracebacks}",
        "--VoilaExecutor.timeout=60",
    ]


class VoilaServer:
    """One Voilà process serving a folder; `url` is the landing page."""

    def __init__(self, root: Path, *, port: int | None = None, startup_timeout: float = 60.0,
                 show_tracebacks: bool = True):
        self.root = Path(root).resolve()
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self._log = tempfile.NamedTemporaryFile(prefix="voila-", suffix=".log", delete=False)
        self.log_path = Path(self._log.name)
        self.proc = subprocess.Popen(
            voila_command(self.root, self.port, show_tracebacks=show_tracebacks),
            cwd=self.root,
            env=voila_env(),
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready(startup_timeout)

    def notebook_url(self, relative_path: str) -> str:
        return f"{self.url}voila/render/{relative_path}"

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def _wait_ready(self, timeout: float) -> None:
        """Poll GET / until Voilà answers (it prints nothing we could wait on reliably)."""
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Voilà exited with code {self.proc.returncode}:\n{self.log_text()}")
            try:
                with urllib.request.urlopen(self.url, timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"Voilà did not answer on {self.url} within {timeout:.0f} s:\n{self.log_text()}")
            time.sleep(0.2)  # polling interval for an HTTP readiness probe, not synchronisation of the page

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        self._log.close()

    def __enter__(self) -> "VoilaServer":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kiemtra course app", description="Mở khóa học dưới dạng ứng dụng web (Voilà).")
    parser.add_argument("root", type=Path, nargs="?", default=NOTEBOOKS,
                        help="thư mục các bài học (mặc định: notebooks/ của khóa học)")
    parser.add_argument("--port", type=int, default=8866)
    parser.add_argument("--ip", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định chỉ máy này: 127.0.0.1)")
    parser.add_argument("--show-tracebacks", action="store_true", help="hiện chi tiết lỗi Python trong trang")
    args, extra = parser.parse_known_args(argv)
    command = voila_command(args.root.resolve(), args.port, show_tracebacks=args.show_tracebacks, ip=args.ip) + extra
    print(f"Khóa học mở tại http://{args.ip}:{args.port}/  (Ctrl+C để dừng)", flush=True)
    proc = subprocess.Popen(command, cwd=args.root.resolve(), env=voila_env())
    try:
        return proc.wait()
    except KeyboardInterrupt:  # Ctrl+C reaches Voilà too: let it shut its kernels down, then stop quietly
        proc.wait(timeout=30)
        print("Đã dừng khóa học.", flush=True)
        return 0
