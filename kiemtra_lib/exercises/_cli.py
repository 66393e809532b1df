"""The records side of ``kiemtra exercises``: manual marking through a workbook, course records, bands.

    kiemtra exercises manual-export --db DB --out cham_tay.xlsx [--all]
    kiemtra exercises manual-import --db DB cham_tay.xlsx [--grader NAME]
    kiemtra exercises records --db DB --out DIR [--bands "Giỏi:8; Khá:6,5; Trung bình:5; Chưa đạt:0"]
                              [--bands-source TEXT] [--course NAME]

``kiemtra_lib/cli.py`` registers these with :func:`add_commands` (each sets its handler as ``run``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import InputError

__all__ = ["add_commands", "add_band_options", "bands_of"]


def add_band_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--bands", default=None,
                   help="thang xếp loại của khoá học, ví dụ «Giỏi:8; Khá:6,5; Trung bình:5; Chưa đạt:0» (thang 10; "
                        "mặc định: thang do khoá học tự đặt như vậy)")
    p.add_argument("--bands-source", default=None, help="văn bản quy định thang xếp loại (ghi vào báo cáo)")


def bands_of(args):
    from .records import COURSE_BANDS, Bands, parse_bands

    if args.bands:
        return parse_bands(args.bands, source=args.bands_source)
    if args.bands_source:
        return Bands(COURSE_BANDS.bands, source=args.bands_source)
    return COURSE_BANDS


def _open_db(path: str):
    from .gradebook import Gradebook

    if not Path(path).is_file():
        raise InputError("sổ điểm (--db)", path, why="không tìm thấy tệp; hãy chấm bài trước (kiemtra exercises grade)")
    return Gradebook(path)


def _export(args) -> int:
    from .marking import export_manual
    from .reports import class_scores

    with _open_db(args.db) as gb:
        data = class_scores(gb)
        path = export_manual(gb, data, args.out, all_questions=args.all)
    print(f"Đã ghi tệp chấm tay {path}. Gõ điểm vào cột «Điểm» (được dùng dấu phẩy: 0,5), lưu lại, rồi chạy "
          f"«kiemtra exercises manual-import --db {args.db} {path}».")
    return 0


def _import(args) -> int:
    from .marking import import_manual

    with _open_db(args.db) as gb:
        n = import_manual(gb, args.file, grader=args.grader)
    print(f"Đã ghi {n} điểm chấm tay vào sổ điểm {args.db} (điểm chấm tay được ưu tiên và giữ nguyên khi chấm lại). "
          "Chạy lại «kiemtra exercises grade» hoặc «records» để cập nhật báo cáo.")
    return 0


def _records(args) -> int:
    from .reports import write_records

    bands = bands_of(args)
    with _open_db(args.db) as gb:
        out = write_records(gb, args.out, bands=bands, course=args.course)
    print("Đã ghi sổ điểm khoá học: " + ", ".join(str(p) for p in out.values()))
    print(bands.describe())
    return 0


def add_commands(exs) -> None:
    """Add ``manual-export``, ``manual-import`` and ``records`` to the ``exercises`` sub-parsers."""
    e = exs.add_parser("manual-export", help="xuất các câu tự luận ra Excel để chấm tay")
    e.add_argument("--db", required=True, help="tệp sổ điểm SQLite")
    e.add_argument("--out", required=True, help="tệp Excel ra (.xlsx)")
    e.add_argument("--all", action="store_true", help="xuất mọi câu (để sửa cả điểm tự động), không chỉ câu tự luận")
    e.set_defaults(run=_export)

    i = exs.add_parser("manual-import", help="nhập điểm chấm tay từ tệp Excel đã điền")
    i.add_argument("--db", required=True, help="tệp sổ điểm SQLite")
    i.add_argument("file", metavar="FILE", help="tệp Excel do manual-export tạo, đã điền cột «Điểm»")
    i.add_argument("--grader", default="", help="tên người chấm")
    i.set_defaults(run=_import)

    r = exs.add_parser("records", help="sổ điểm khoá học (Excel, thang 10, xếp loại, theo đơn vị) và tệp điểm Moodle")
    r.add_argument("--db", required=True, help="tệp sổ điểm SQLite")
    r.add_argument("--out", required=True, help="thư mục ra")
    r.add_argument("--course", default="", help="tên khoá học (ghi vào sổ)")
    add_band_options(r)
    r.set_defaults(run=_records)
