"""``python -m kiemtra_lib.classroom COMMAND`` (as root; ``make class`` runs ``start``).

- ``create --roster lop.xlsx``: accounts, Unix users, initial passwords, the handout (the hub must be stopped);
- ``start --roster lop.xlsx``: ``create``, then JupyterHub in the foreground (Ctrl+C stops it and every server);
- ``release SPEC... [--seed N] [--mode practice|exam]``: build and hand out exercises;
- ``collect [--every S]``: copy submissions into the instructor's account (once, or every S seconds);
- ``grade``: collect, then grade into the instructor's gradebook;
- ``remove``: delete the class's Unix users and its state folder.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from ..errors import InputError
from . import accounts, exchange
from .hub import Paths


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m kiemtra_lib.classroom", description="Máy chủ lớp học (JupyterHub).")
    p.add_argument("--state", type=Path, default=None, help="thư mục trạng thái (mặc định CLASS_STATE hoặc "
                                                            "/var/lib/kiemtra-lop)")
    sub = p.add_subparsers(dest="command", required=True)
    for name in ("create", "start"):
        s = sub.add_parser(name)
        s.add_argument("--roster", required=True, type=Path, help="danh sách lớp (.xlsx hoặc .csv)")
        s.add_argument("--instructor", default=os.environ.get("CLASS_ADMIN", "giangvien"))
        if name == "start":
            s.add_argument("--config", type=Path, required=True, help="class/jupyterhub_config.py của kho mã")
    r = sub.add_parser("release")
    r.add_argument("specs", nargs="+")
    r.add_argument("--seed", type=int, default=0)
    r.add_argument("--mode", default="practice")
    c = sub.add_parser("collect")
    c.add_argument("--every", type=float, default=0)
    sub.add_parser("grade")
    sub.add_parser("remove")
    return p


def _create(args, state: Path) -> None:
    st, made = accounts.create_class(args.roster, state, instructor=args.instructor)
    print(f"Lớp có {len(st.trainees)} học viên, giảng viên «{st.instructor.username}». Trạng thái: {state}.")
    if made:
        print(f"Đã tạo {len(made)} tài khoản mới; phiếu mật khẩu ban đầu ở ~{st.instructor.username}/lop/ và "
              f"{state}/phieu_mat_khau/.")


def _start(args, state: Path) -> int:
    _create(args, state)
    paths = Paths()
    env = dict(os.environ, CLASS_STATE=str(state), PYTHONUTF8="1")
    ip, port = env.get("CLASS_IP", "127.0.0.1"), env.get("CLASS_PORT", "8000")
    print(f"Lớp học mở tại http://{ip}:{port}/  (Ctrl+C để dừng)", flush=True)
    proc = subprocess.Popen([str(paths.venv / "bin" / "jupyterhub"), "-f", str(args.config)], cwd=state, env=env)
    try:
        return proc.wait()
    except KeyboardInterrupt:  # the hub got the Ctrl+C too: let it stop the proxy and every server
        proc.wait(timeout=60)
        print("Đã dừng máy chủ lớp học.", flush=True)
        return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    state = args.state or Paths().state
    try:
        if args.command == "create":
            _create(args, state)
        elif args.command == "start":
            return _start(args, state)
        elif args.command == "release":
            out = exchange.release(state, args.specs, class_seed=args.seed, mode=args.mode)
            n = sum(len(v) for v in out.values())
            print(f"Đã phát bài cho {len(out)} học viên ({n} sổ tay mới vào ~/bai_tap/).")
        elif args.command == "collect":
            if args.every:
                exchange.collect_forever(state, args.every)
            files = exchange.collect(state)
            print(f"Đã thu {len(files)} bài nộp mới hoặc đã sửa.")
        elif args.command == "grade":
            print(exchange.grade(state).summary())
        elif args.command == "remove":
            removed = accounts.remove_class(state)
            print(f"Đã xoá {len(removed)} tài khoản của lớp và thư mục {state}.")
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
