"""Vietnamese text and HTML for discipline results: every to-be-confirmed fact visibly marked «cần xác nhận»."""

from __future__ import annotations

import html
from typing import Iterable

from ..rules import Reason

__all__ = ["FLAG_LABELS", "TBC", "reason_line", "reason_html", "flag_line", "html_block"]

TBC = "cần xác nhận"

#: What each flag asks of people (the library recommends; the competent body decides).
FLAG_LABELS = {
    "co_quan_co_tham_quyen_quyet_dinh": "Hình thức kỷ luật do cơ quan có thẩm quyền biểu quyết, quyết định; thư "
                                         "viện chỉ gợi ý.",
    "can_xac_nhan": "Có dùng quy định chưa xác nhận được văn bản gốc: cần xác nhận trước khi dùng.",
    "chon_canh_cao_hay_cach_chuc": "Hậu quả nghiêm trọng, đảng viên có chức vụ: cơ quan có thẩm quyền chọn cảnh "
                                    "cáo hay cách chức.",
    "can_nhac_muc_tang_giam": "Tình tiết chỉ cho chiều hướng; tăng, giảm bao nhiêu bậc do cơ quan có thẩm quyền "
                              "quyết định.",
    "co_tinh_tiet_tang_nang_va_giam_nhe": "Có cả tình tiết tăng nặng và giảm nhẹ: cơ quan có thẩm quyền cân nhắc.",
    "doi_chieu_thoi_hieu_sau_bieu_quyet": "Biểu quyết hình thức trước, rồi đối chiếu thời hiệu của hình thức đã "
                                          "biểu quyết.",
    "het_thoi_hieu": "Hình thức theo mức độ hậu quả đã hết thời hiệu.",
    "chua_xem_xet_ky_luat": "Thuộc trường hợp chưa xem xét kỷ luật.",
    "khong_quyet_dinh_ky_luat": "Kết luận vi phạm, không quyết định kỷ luật.",
    "mien_ky_luat": "Thuộc trường hợp miễn kỷ luật.",
    "co_the_mien_hoac_giam": "Đổi mới, sáng tạo được phép: cơ quan có thẩm quyền xem xét miễn hoặc giảm kỷ luật.",
    "xem_xet_xoa_ten_dang_vien_du_bi": "Đảng viên dự bị: hình thức nặng nhất là cảnh cáo; nếu không đủ tư cách thì "
                                      "xem xét xóa tên (không phải hình thức kỷ luật).",
    "tai_pham": "Đã bị kỷ luật nay tái phạm: cơ quan có thẩm quyền cân nhắc.",
    "khong_cho_ban_an": "Không chờ bản án hoặc kết luận thanh tra, kiểm toán; có thể xem xét lại sau khi có bản án.",
    "xem_xet_trach_nhiem_tung_dang_vien": "Kỷ luật tổ chức: xem xét trách nhiệm và kỷ luật từng đảng viên liên quan.",
    "can_phan_biet_d3": "Có các điều cần phân biệt (D3): cơ quan có thẩm quyền cân nhắc.",
    "ngay_gia_dinh": "Chưa có ngày nhận thông báo hoặc ngày công bố: chuỗi giả định là ngày muộn nhất được phép.",
    "thong_bao_muon": "Thông báo đến sau hạn T5.",
    "qua_han_xem_xet_ky_luat": "Kỷ luật đảng công bố sau hạn 30 ngày làm việc.",
    "khai_tru_khong_tu_cham_dut": "Khai trừ, giải tán không tự chấm dứt sau 12 tháng.",
}


def reason_line(r: Reason) -> str:
    """One reason as text; a to-be-confirmed one ends with «(... cần xác nhận)» (``Reason.__str__``)."""
    return str(r)


def reason_html(r: Reason) -> str:
    badge = ""
    if r.status != "confirmed":
        badge = (' <span style="background:#fff3cd;color:#7a5b00;border:1px solid #e0c060;border-radius:3px;'
                 f'padding:0 4px;font-size:90%">{TBC}</span>')
    return (f"<li>{html.escape(r.text)} <small>[{html.escape(r.rule_id)}, {html.escape(r.source)}]</small>"
            f"{badge}</li>")


def flag_line(flag: str) -> str:
    """The Vietnamese label a reader sees; the flag's code stays in ``.flags`` for programs."""
    return FLAG_LABELS.get(flag, flag)


def html_block(title: str, rows: Iterable[tuple[str, str]], reasons: Iterable[Reason], flags: Iterable[str],
               note: str = "") -> str:
    """A small, self-contained HTML card (no scripts, no ids: stable under nbval)."""
    parts = [f'<div class="kiemtra-kyluat"><h4>{html.escape(title)}</h4>']
    if note:
        parts.append(f"<p><small>{html.escape(note)}</small></p>")
    parts.append("<table>")
    parts += [f"<tr><th style='text-align:left'>{html.escape(k)}</th><td style='text-align:left'>{html.escape(v)}"
              f"</td></tr>" for k, v in rows]
    parts.append("</table><p><b>Lý do</b></p><ul>")
    parts += [reason_html(r) for r in reasons]
    parts.append("</ul>")
    flags = list(flags)
    if flags:
        parts.append("<p><b>Để con người quyết định</b></p><ul>")
        parts += [f'<li title="{html.escape(f)}">{html.escape(FLAG_LABELS.get(f, f))}</li>' for f in flags]
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)
