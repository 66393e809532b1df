"""``kiemtra tham-dinh``: the template and the check from the command line.

    kiemtra tham-dinh mau --ruleset hcm-2014 --out mau.xlsx
    kiemtra tham-dinh kiem-tra ho_so.xlsx --review-date 20/11/2025 [--ruleset hcm-2014] [--out-dir DIR] [--pdf]

``kiem-tra`` prints the verdict and the list, and writes the report (``<tệp>.tham_dinh.html`` and ``.xlsx``, and a
PDF with ``--pdf``) beside the workbook or in ``--out-dir``. Exit status 0 when there is no discrepancy, 3 when
there are discrepancies, 2 for bad input (the caller, ``kiemtra_lib.cli``, prints the Vietnamese message).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from ..errors import InputError, SaveError

__all__ = ["main"]

FOUND = 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        print(f"Lỗi dòng lệnh: {message}", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    from ._sheets import supported_rulesets

    p = _Parser(prog="kiemtra tham-dinh", description="Thẩm định kết quả xếp loại: mẫu hồ sơ và kiểm tra hồ sơ.")
    sub = p.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    m = sub.add_parser("mau", help="tạo tệp mẫu hồ sơ (xlsx) theo bộ quy tắc")
    m.add_argument("--ruleset", default="hcm-2014", choices=supported_rulesets(), help="bộ quy tắc (mặc định hcm-2014)")
    m.add_argument("--out", required=True, help="tệp .xlsx ra")
    k = sub.add_parser("kiem-tra", help="đối chiếu hồ sơ với quy định, ghi báo cáo")
    k.add_argument("workbook", metavar="HO_SO.xlsx")
    k.add_argument("--review-date", required=True, help="ngày chi bộ họp đánh giá, xếp loại (dd/mm/yyyy)")
    k.add_argument("--ruleset", default=None, help="bộ quy tắc (mặc định: bộ quy tắc ghi trong mẫu)")
    k.add_argument("--out-dir", default=None, help="thư mục ghi báo cáo (mặc định: cạnh tệp hồ sơ)")
    k.add_argument("--pdf", action="store_true", help="in thêm báo cáo PDF bằng Chromium")
    return p


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(list(argv))
    if args.command == "mau":
        from .template import write_template

        write_template(args.out, args.ruleset)
        print(f"Đã ghi mẫu hồ sơ thẩm định ({args.ruleset}): {args.out}")
        return 0
    if args.command != "kiem-tra":
        _parser().print_help(sys.stderr)
        return 2
    from .check import verify
    from .report import report_html, report_pdf, report_xlsx

    path = Path(args.workbook)
    result = verify(path, review_date=args.review_date, ruleset=args.ruleset)
    print(str(result))
    out_dir = Path(args.out_dir) if args.out_dir else path.parent
    stem = out_dir / f"{path.stem}.tham_dinh"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        Path(f"{stem}.html").write_text(report_html(result), encoding="utf-8")
        Path(f"{stem}.xlsx").write_bytes(report_xlsx(result))
    except OSError as exc:
        raise SaveError(exc, out_dir) from None
    written = [f"{stem}.html", f"{stem}.xlsx"]
    if args.pdf:
        written.append(str(report_pdf(result, f"{stem}.pdf")))
    print("Đã ghi báo cáo: " + ", ".join(written))
    return 0 if result.ok else FOUND


if __name__ == "__main__":  # pragma: no cover
    try:
        sys.exit(main(sys.argv[1:]))
    except InputError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        sys.exit(2)
