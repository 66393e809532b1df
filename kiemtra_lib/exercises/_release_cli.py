"""``kiemtra exercises release``: publish an exam's results to the trainees after it has closed."""

from __future__ import annotations

import argparse

__all__ = ["add_commands"]


def _release(args) -> int:
    from .release import release_results

    run = release_results(args.directory, args.key, exercise_ids=args.exercise or None, force=args.force,
                          out_dir=args.out)
    print(run.summary())
    return 0


def add_commands(exs) -> None:
    r = exs.add_parser("release", help="công bố kết quả bài kiểm tra cho học viên (sau giờ đóng bài)")
    r.add_argument("directory", metavar="DIR", help="thư mục bài nộp (hoc_vien/ hoặc thư mục đã thu)")
    r.add_argument("--key", required=True, help="tệp đáp án giang_vien/dap_an.json")
    r.add_argument("--exercise", action="append", default=[], metavar="MÃ_BÀI",
                   help="chỉ công bố bài này (lặp lại được; mặc định: mọi bài)")
    r.add_argument("--out", default=None, help="ghi kết quả vào <OUT>/<mã học viên>/ thay vì cạnh bài nộp "
                                               "(để máy chủ lớp học phát lại cho học viên)")
    r.add_argument("--force", action="store_true", help=argparse.SUPPRESS)  # before closing time: tests, re-runs
    r.set_defaults(run=_release)
