"""The Vietnamese data dictionary, ``datasets/README.md``, written from ``kiemtra_lib.schema`` and the manifest so the
two never drift (a test compares the committed file with this rendering)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..schema import TABLES

__all__ = ["render_readme", "markdown_table"]

_TABLE_INTRO = {
    "members": "Mỗi dòng một đảng viên. Là đầu vào của xếp loại đảng viên (`kiemtra_lib.rating`).",
    "organisations": "Mỗi dòng một chi bộ hoặc đảng bộ. Là đầu vào của xếp loại tổ chức cơ sở đảng.",
    "inspections": "Mỗi dòng một cuộc kiểm tra hoặc giám sát; dùng để xét chỉ tiêu mỗi tổ chức được kiểm tra, "
                   "giám sát ít nhất 1 lần trong nhiệm kỳ (T6).",
    "discipline_cases": "Mỗi dòng một vụ việc kỷ luật (đã quyết định hoặc đang xem xét); dùng với "
                        "`kiemtra_lib.discipline`.",
}


def _esc(v: Any) -> str:
    return str(v).replace("|", "\\|").replace("\n", " ")


def markdown_table(df: pd.DataFrame) -> str:
    lines = ["| " + " | ".join(_esc(c) for c in df.columns) + " |", "|" + " --- |" * len(df.columns)]
    lines += ["| " + " | ".join(_esc(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join(lines)


def _cases_section(manifest: dict) -> list[str]:
    rows = []
    for name, e in manifest["cases"].items():
        p = e["parameters"]
        size = p["members_per_chi_bo"]
        rows.append({"Tên (dùng với `load`)": f"`{name}`", "Mô tả": e["mo_ta"],
                     "Đảng viên": e["files"]["members"]["rows"], "Chi bộ": p["chi_bo"], "Hạt giống (seed)": e["seed"],
                     "Tham số": f"chi_bo={p['chi_bo']}, members_per_chi_bo=({size[0]}, {size[1]}), year={p['year']}, "
                                f"profile={p['profile']}, dang_bo={p['dang_bo']}",
                     "Ngày kiểm điểm": "/".join(reversed(e["review_date"].split("-")))})
    out = ["## Các tình huống có sẵn", "",
           "Mỗi tình huống gồm 4 tệp `<tên>_members.csv`, `<tên>_organisations.csv`, `<tên>_inspections.csv`, "
           "`<tên>_discipline_cases.csv`. Hạt giống và tham số sinh từng tệp ghi trong `manifest.json`.", "",
           markdown_table(pd.DataFrame(rows)), ""]
    for name, e in manifest["cases"].items():
        out += [f"Tình huống đặc biệt cố ý đưa vào `{name}`:", ""]
        for edge in e["edge_cases"]:
            who = ", ".join(edge["member_ids"]) or edge.get("org_id", "")
            out.append(f"- {edge['mo_ta']} ({who})")
        out.append("")
    return out


def render_readme(manifest: dict) -> str:
    out = [
        "# Dữ liệu tình huống: từ điển dữ liệu", "",
        "Toàn bộ dữ liệu ở đây là **dữ liệu tổng hợp** do máy sinh ra (`kiemtra_lib.datasets.generate`): họ tên "
        "ghép ngẫu nhiên từ các danh sách họ, tên đệm, tên thông dụng; không phải người thật, không lấy tên ai trong "
        "tài liệu nguồn.", "",
        "Tệp này được sinh tự động từ `kiemtra_lib/schema.py` và `manifest.json`: đừng sửa tay. Sinh lại mọi tệp "
        "(giống hệt từng byte): `make datasets` (tức `python -m kiemtra_lib.datasets build datasets/`).", "",
        "## Quy ước tệp CSV", "",
        "- Mã hoá UTF-8 có BOM (Excel hiển thị đúng tiếng Việt), dấu phân cách `,`.",
        "- Ngày ghi theo ISO `yyyy-mm-dd` để không nhầm ngày với tháng trên máy cài đặt vùng khác nhau; khi nạp "
        "(`load`) chấp nhận cả `dd/mm/yyyy` và `yyyy-mm-dd`. Mọi ngày hiển thị cho người dùng đều là `dd/mm/yyyy`.",
        "- Có/không ghi `True`/`False`; khi nạp chấp nhận cả `có`/`không`, `1`/`0`, `x`.",
        "- Ô trống nghĩa là «không có» (ví dụ chưa bị kỷ luật); danh mục ghi bằng mã (slug), khi nạp chấp nhận cả "
        "nhãn tiếng Việt.",
        "- Tiêu đề cột: tên tiếng Anh hoặc tên tiếng Việt trong bảng dưới đây (không phân biệt hoa thường).", "",
        "## Nạp dữ liệu của đơn vị", "",
        "`kiemtra_lib.datasets.load(\"chi_bo_9\")` nạp một tình huống có sẵn; `load(\"duong/dan/tep.xlsx\")` hoặc "
        "`.csv` nạp bảng của đơn vị. Mọi dòng được kiểm tra theo từ điển dưới đây; mọi giá trị sai được báo cùng "
        "lúc trong một lỗi `InputError` (số dòng như trong tệp, cột, giá trị, giá trị cho phép); không dòng nào bị "
        "bỏ qua.", "",
        "## Ẩn danh hoá (`pseudonymise`)", "",
        "`kiemtra_lib.datasets.pseudonymise(bang, khoa)` dùng trước khi đưa danh sách thật vào lớp học (khoá ít "
        "nhất 16 ký tự, giảng viên giữ kín; khoá ngắn hơn bị từ chối):",
        "- Mã (`member_id`, `chi_bo_id`, `org_id`, `parent_id`, `inspection_id`, `case_id`) và tên (`ho_ten`, "
        "`ten`) được thay bằng bí danh tính bằng HMAC-SHA256 với khoá do giảng viên giữ: cùng khoá thì cùng một "
        "người, một tổ chức luôn có cùng bí danh (trong mọi bảng, nên các bảng vẫn nối được với nhau: `chi_bo_id`, "
        "`org_id`, `parent_id` dùng chung một bộ bí danh); không có khoá thì không suy ngược được.",
        "- Cột chữ tự do (`topic`, `summary`) và mọi cột không có trong từ điển bị bỏ hẳn (không lọc từng chữ), vì "
        "có thể chứa thông tin nhận diện; danh sách cột bị bỏ ghi cột lạ theo số thứ tự, không ghi tên cột.",
        "- Các cột khác (ngày, phiếu, điểm, danh mục) chỉ giữ giá trị đã chuẩn hoá để xếp loại cho ra cùng kết quả; "
        "ô có giá trị lạ (ví dụ «Chức vụ» ghi kèm họ tên) bị từ chối, báo dòng và cột nhưng không nhắc lại giá trị.",
        "- Chỉ mục (index) của bảng bị bỏ, vì có thể chứa mã thật.", "",
    ]
    out += _cases_section(manifest)
    for table in TABLES.values():
        out += [f"## Bảng `{table.name}`: {table.label}", "", _TABLE_INTRO.get(table.name, ""), "",
                markdown_table(table.dictionary()), ""]
    return "\n".join(out).rstrip("\n") + "\n"
