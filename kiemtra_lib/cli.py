"""The ``kiemtra`` command.

    kiemtra exercises build SPEC... --roster roster.csv --out DIR [--class-seed N] [--mode practice|exam]
    kiemtra exercises grade DIR --key KEY [--db DB] [--report-dir DIR]
    kiemtra exercises manual-score --db DB TRAINEE EXERCISE QUESTION SCORE [--note TEXT] [--grader NAME]
    kiemtra exercises manual-export|manual-import|records ...   (kiemtra_lib/exercises/_cli.py)
    kiemtra exercises list SPEC...
    kiemtra exercises release DIR --key KEY [--exercise ID] [--out DIR]
    kiemtra course build [LESSON...] [--from-source] [--out-dir DIR] [--html]
    kiemtra course app [DIR] [--port N] [--ip IP]
    kiemtra datasets build DIR

Errors are printed in Vietnamese without a traceback and the exit status is not zero (2 for bad input, 1 for an
unexpected failure; ``KIEMTRA_DEBUG=1`` shows the traceback of the latter).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from .errors import InputError, os_error_message, sqlite_error_message

__all__ = ["main", "build_parser"]


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors in Vietnamese and exit status 2."""

    def error(self, message: str):  # pragma: no cover - exercised through main()
        self.print_usage(sys.stderr)
        raise SystemExit(_fail(f"Lỗi dòng lệnh: {message}", 2))


def _fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="kiemtra", description="Công cụ của khoá học kiểm tra, giám sát: tạo bài tập, chấm bài.")
    sub = p.add_subparsers(dest="group", metavar="NHÓM", parser_class=_Parser)
    ex = sub.add_parser("exercises", help="bài tập cho giảng viên: tạo, chấm, sổ điểm")
    exs = ex.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)

    b = exs.add_parser("build", help="tạo sổ tay bài tập cho từng học viên và đáp án cho giảng viên")
    b.add_argument("specs", nargs="+", metavar="SPEC", help="tệp đặc tả .yaml (hoặc thư mục chứa chúng)")
    b.add_argument("--roster", required=True, help="danh sách học viên .csv hoặc .xlsx (cột trainee_id, ho_ten)")
    b.add_argument("--out", required=True, help="thư mục ra")
    b.add_argument("--class-seed", type=int, default=0, help="hạt giống của lớp (mặc định 0)")
    b.add_argument("--mode", choices=["practice", "exam"], default="practice",
                   help="practice: có nút «Kiểm tra»; exam: không có phản hồi")

    g = exs.add_parser("grade", help="chấm mọi bài nộp trong thư mục, ghi sổ điểm và báo cáo")
    g.add_argument("directory", metavar="DIR", help="thư mục chứa bài nộp (*.nop_bai.json)")
    g.add_argument("--key", required=True, help="tệp đáp án giang_vien/dap_an.json do lệnh build tạo")
    g.add_argument("--db", default=None, help="tệp sổ điểm SQLite (mặc định: so_diem.sqlite cạnh tệp đáp án)")
    g.add_argument("--report-dir", default=None, help="thư mục báo cáo (mặc định: bao_cao cạnh tệp đáp án)")
    from .exercises._cli import add_band_options, add_commands

    add_band_options(g)

    m = exs.add_parser("manual-score", help="ghi điểm chấm tay cho một câu (điểm chấm tay được ưu tiên)")
    m.add_argument("--db", required=True, help="tệp sổ điểm SQLite")
    m.add_argument("trainee_id")
    m.add_argument("exercise_id")
    m.add_argument("question_id")
    m.add_argument("score", help="điểm, được dùng dấu phẩy thập phân (0,5)")
    m.add_argument("--note", default="")
    m.add_argument("--grader", default="")

    ls = exs.add_parser("list", help="kiểm tra và liệt kê các tệp đặc tả")
    ls.add_argument("specs", nargs="+", metavar="SPEC")
    add_commands(exs)
    from .exercises._release_cli import add_commands as add_release

    add_release(exs)  # issue 16 (trainee side): release an exam's results

    # course and datasets hand their arguments to the module that owns them (its own --help lists them).
    co = sub.add_parser("course", help="khoá học: chạy lại các bài học (build), mở ứng dụng web (app)")
    co.add_argument("command", choices=["build", "app"], metavar="LỆNH", help="build hoặc app")
    co.add_argument("rest", nargs=argparse.REMAINDER)
    ds = sub.add_parser("datasets", help="dữ liệu mẫu: dựng lại các tình huống, danh mục và từ điển dữ liệu")
    ds.add_argument("command", choices=["build"], metavar="LỆNH", help="build")
    ds.add_argument("folder", metavar="DIR", help="thư mục ra (datasets/)")
    td = sub.add_parser("tham-dinh", help="thẩm định hồ sơ xếp loại: tạo mẫu (mau), kiểm tra hồ sơ (kiem-tra)")
    td.add_argument("command", choices=["mau", "kiem-tra"], metavar="LỆNH", help="mau hoặc kiem-tra")
    td.add_argument("rest", nargs=argparse.REMAINDER)
    return p


def _build(args) -> int:
    from pathlib import Path

    from .exercises import build_class, load_specs, read_roster

    specs = load_specs(args.specs)
    trainees = read_roster(args.roster)
    result = build_class(specs, trainees, Path(args.out), class_seed=args.class_seed, mode=args.mode)
    print(result.summary())
    return 0


def _grade(args) -> int:
    from pathlib import Path

    from .exercises import grade_directory

    key = Path(args.key)
    report_dir = Path(args.report_dir) if args.report_dir else key.parent / "bao_cao"
    from .exercises._cli import bands_of

    run = grade_directory(args.directory, key, args.db, report_dir, bands=bands_of(args))
    print(run.summary())
    return 0


def _manual(args) -> int:
    from pathlib import Path

    from .exercises.gradebook import Gradebook
    from .exercises.marking import parse_score

    if not Path(args.db).is_file():
        raise InputError("sổ điểm (--db)", args.db, why="không tìm thấy tệp; hãy chấm bài trước")
    score = parse_score(args.score)
    if score is None:
        raise InputError("điểm", args.score, why="chưa gõ điểm")
    with Gradebook(args.db) as gb:
        gb.set_manual_score(args.trainee_id, args.exercise_id, args.question_id, score, grader=args.grader,
                            note=args.note)
    shown = f"{score:g}".replace(".", ",")
    print(f"Đã ghi điểm chấm tay {shown} cho {args.trainee_id} / {args.exercise_id} / {args.question_id}.")
    return 0


def _list(args) -> int:
    from .exercises import load_specs
    from .exercises.spec import DIFFICULTIES, TOPICS

    for s in load_specs(args.specs):
        print(f"{s.id}\t{DIFFICULTIES[s.difficulty]}\t{TOPICS[s.topic]}\t{s.max_points:g} điểm\t{s.title}")
    return 0


def _course(args) -> int:
    if args.command == "build":
        from .course.build import main as run
    else:
        from .course.app import main as run
    return run(args.rest)


def _datasets(args) -> int:
    from .datasets.shipped import build

    for path in build(args.folder):
        print(path)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.group in ("course", "datasets"):
            return {"course": _course, "datasets": _datasets}[args.group](args)
        if args.group == "tham-dinh":  # issue 18: the verification package owns its arguments
            from .verification._cli import main as verification_main

            return verification_main([args.command, *args.rest])
        if args.group != "exercises" or not getattr(args, "command", None):
            parser.print_help(sys.stderr)
            return 2
        handler = {"build": _build, "grade": _grade, "manual-score": _manual, "list": _list}.get(args.command) \
            or args.run
        return handler(args)
    except SystemExit as exc:
        return int(exc.code or 0)
    except InputError as exc:
        return _fail(f"Lỗi: {exc}", 2)
    except KeyboardInterrupt:
        return _fail("Đã dừng theo yêu cầu; những gì đã ghi vẫn còn nguyên.", 130)
    except OSError as exc:  # disk full, read-only folder, no permission: say which path (issue 17)
        if os.environ.get("KIEMTRA_DEBUG"):
            raise
        return _fail(os_error_message(exc), 1)
    except Exception as exc:  # the user gets a Vietnamese line, the developer the traceback on request
        if os.environ.get("KIEMTRA_DEBUG"):
            raise
        if type(exc).__name__ == "OperationalError":  # sqlite3: the gradebook could not be written
            return _fail(sqlite_error_message(exc, getattr(locals().get("args"), "db", None)), 1)
        if os.environ.get("KIEMTRA_DEBUG"):
            raise
        return _fail(f"Lỗi không mong đợi ({type(exc).__name__}): {exc}. Chạy lại với KIEMTRA_DEBUG=1 để xem chi "
                     "tiết.", 1)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
