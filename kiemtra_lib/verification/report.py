"""The report of a check, for the team's minutes: a summary by kind, the list of discrepancies, the decisions left
to people, and a draft paragraph of the «biên bản thẩm định». As printable HTML (A4), as xlsx, and as PDF printed by
Debian's Chromium (``chromium --headless --print-to-pdf``). Vietnamese, dates dd/mm/yyyy.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from .._safe_cells import xlsx_bytes
from ..dates import fmt_date
from ..errors import InputError, SaveError

__all__ = ["report_html", "report_xlsx", "report_pdf", "minutes_paragraph", "CHROMIUM"]

CHROMIUM = "/usr/bin/chromium"

_CSS = """
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 10.5pt; color: #111; }
.kt-report h1 { font-size: 15pt; margin: 0 0 4px; } .kt-report h2 { font-size: 12pt; margin: 14px 0 6px; }
.kt-report table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
.kt-report th, .kt-report td { border: 1px solid #999; padding: 3px 5px; vertical-align: top; text-align: left; }
.kt-report th { background: #eee; } .kt-report tr { page-break-inside: avoid; }
.kt-report .sai { color: #a00; font-weight: bold; } .kt-report .xem { color: #8a5a00; font-weight: bold; }
.kt-report .ok { color: #060; font-weight: bold; font-size: 12pt; }
.kt-report .minutes { border: 1px dashed #666; padding: 8px; white-space: pre-wrap; }
.kt-report small { color: #555; }
"""


def _esc(v: Any) -> str:
    return html.escape("" if v is None else str(v))


def minutes_paragraph(v) -> str:
    """The draft paragraph: what was checked, against which rules, what was found; the committee decides (R-O7)."""
    from .check import GRADES, KINDS

    head = (f"Đoàn kiểm tra đã thẩm định hồ sơ «{v.source}» ({v.n_members} đảng viên, {v.n_organisations} tổ chức "
            f"đảng), đối chiếu kết quả tự đánh giá, mức đề nghị với {v.ruleset_label}, ngày đánh giá "
            f"{fmt_date(v.review_date)}.")
    if v.ok:
        body = " Kết quả: không có sai lệch giữa mức đề nghị và mức theo quy định."
    else:
        parts = []
        for grade, label in GRADES.items():
            sub = v.table[v.table["grade"] == grade]
            if not len(sub):
                continue
            counts = sub["kind"].value_counts()
            kinds = "; ".join(f"{label.lower()}: {int(counts[k])}" for k, label in KINDS.items() if k in counts)
            parts.append(f"{len(sub)} nội dung «{label.lower()}» ({kinds})")
        body = " Kết quả: " + ", ".join(parts) + ". Chi tiết từng đảng viên, tổ chức ở danh sách kèm theo."
        wrong = v.table[v.table["grade"] == "sai_quy_dinh"]
        if len(wrong):
            body += (" Đề nghị cấp ủy cơ sở điều chỉnh các mức đề nghị «sai quy định» theo đúng quy định trước khi "
                     "trình cấp trên.")
        if (v.table["grade"] == "can_xem_xet").any():
            body += " Các nội dung «cần xem xét» đề nghị cấp có thẩm quyền xem xét, quyết định."
    tail = (" Ban Thường vụ cấp ủy cấp trên xem xét, bỏ phiếu kín quyết định xếp loại (R-O7)."
            if v.ruleset == "hcm-2014" else " Cấp có thẩm quyền xem xét, quyết định xếp loại.")
    return head + body + tail


def _table_html(df: pd.DataFrame, columns: dict) -> str:
    if not len(df):
        return "<p><i>Không có.</i></p>"
    from .check import GRADES, KINDS

    head = "".join(f"<th>{_esc(label)}</th>" for label in columns.values())
    rows = []
    for r in df.to_dict("records"):
        cells = []
        for c in columns:
            val = r.get(c)
            if c == "grade":
                cls = "sai" if val == "sai_quy_dinh" else "xem"
                cells.append(f'<td class="{cls}">{_esc(GRADES.get(val, val))}</td>')
            elif c == "kind":
                cells.append(f"<td>{_esc(KINDS.get(val, 'Lưu ý'))}</td>")
            else:
                cells.append(f"<td>{_esc(val)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


_LIST_COLUMNS = {"grade": "Mức độ", "kind": "Loại sai lệch", "subject_id": "Mã", "sheet": "Trang", "row": "Dòng",
                 "proposed": "Mức đề nghị", "computed": "Theo quy định", "rule_id": "Quy tắc", "source": "Căn cứ",
                 "message": "Nhận xét"}


_ATTENTION_COLUMNS = {k: _LIST_COLUMNS[k] for k in ("subject_id", "sheet", "row", "computed", "rule_id", "message")}


def report_html(v, *, standalone: bool = True) -> str:
    """The report as HTML: a whole printable page (``standalone``), or a fragment for a notebook or the Voilà page."""
    summary = v.summary()
    summary_html = summary.to_html(index=False, escape=True, border=0)
    verdict_cls = "ok" if v.ok else "sai"
    notes = "".join(f"<p><small>{_esc(n)}</small></p>" for n in v.notes)
    body = (f'<div class="kt-report"><h1>Kết quả thẩm định hồ sơ xếp loại chất lượng</h1>'
            f"<p>Hồ sơ: <b>{_esc(v.source)}</b> — ngày đánh giá, xếp loại: <b>{fmt_date(v.review_date)}</b><br>"
            f"Theo {_esc(v.ruleset_label)}</p>"
            f'<p class="{verdict_cls}">{_esc(v.verdict())}</p>{notes}'
            f"<h2>1. Tổng hợp theo loại sai lệch</h2>{summary_html}"
            f"<h2>2. Danh sách sai lệch</h2>{_table_html(v.table, _LIST_COLUMNS)}"
            f"<h2>3. Mức đúng với đề nghị nhưng còn việc phải quyết định</h2>"
            f"{_table_html(v.attention, _ATTENTION_COLUMNS)}"
            f'<h2>4. Dự thảo đoạn biên bản thẩm định</h2><div class="minutes">{_esc(minutes_paragraph(v))}</div>'
            "<p><small>Kết quả là đối chiếu theo quy tắc của thư viện kiemtra; đoàn kiểm tra và cấp có thẩm quyền "
            "xem xét, quyết định. Dữ liệu khoá học là dữ liệu tổng hợp.</small></p></div>")
    if not standalone:
        return f"<style>{_CSS.replace('body {', '.kt-report {')}</style>{body}"
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Kết quả thẩm định — '
            f"{_esc(v.source)}</title><style>{_CSS}</style></head><body>{body}</body></html>")


def report_xlsx(v) -> bytes:
    """The report as an xlsx workbook: «Tổng hợp», «Sai lệch», «Lưu ý», «Biên bản» (text cells made safe)."""
    from .check import COLUMNS, GRADES, KINDS

    def vietnamese(df: pd.DataFrame) -> pd.DataFrame:
        out = df.copy()
        out["grade"] = out["grade"].map(GRADES)
        out["kind"] = out["kind"].map(lambda k: KINDS.get(k, "Lưu ý"))
        return out.rename(columns=COLUMNS)

    info = pd.DataFrame({"Nội dung": ["Hồ sơ", "Ngày đánh giá, xếp loại", "Bộ quy tắc", "Kết luận",
                                      "Dự thảo đoạn biên bản"],
                         "Giá trị": [v.source, fmt_date(v.review_date), v.ruleset_label, v.verdict(),
                                     minutes_paragraph(v)]})
    return xlsx_bytes({"Biên bản": info, "Tổng hợp": v.summary(), "Sai lệch": vietnamese(v.table),
                       "Lưu ý": vietnamese(v.attention)})


def report_pdf(v, path: str | os.PathLike, *, chromium: str = CHROMIUM, timeout: float = 120) -> Path:
    """Print the HTML report to a PDF with Debian's Chromium (headless). ``InputError`` when Chromium is absent."""
    exe = chromium if Path(chromium).exists() else shutil.which("chromium")
    if not exe:
        raise InputError("chromium", chromium, why="Không có trình duyệt Chromium để in PDF; hãy dùng bản HTML "
                                                   "(mở bằng trình duyệt, chọn In) hoặc cài gói chromium")
    target = Path(path).resolve()
    with tempfile.TemporaryDirectory(prefix="kiemtra_pdf_") as tmp:
        page = Path(tmp) / "bao_cao.html"
        page.write_text(report_html(v), encoding="utf-8")
        out = Path(tmp) / "bao_cao.pdf"
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
               f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out}", page.as_uri()]
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise InputError("chromium", exe, why=f"Chromium không in được PDF ({type(exc).__name__})") from None
        if not out.is_file():
            raise InputError("chromium", exe, why="Chromium không tạo ra tệp PDF")
        try:
            shutil.copyfile(out, target)
        except OSError as exc:
            raise SaveError(exc, target) from None
    return target
