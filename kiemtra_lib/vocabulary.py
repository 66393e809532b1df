"""The words the course uses for yes/no and for flags, defined once (issue 13, item 6).

The labels of levels, discipline forms, subjects, roles and faults are data of the rule set or of the shared schema
(``schema.ROLES``, ``rating.MemberLevel``, ``discipline.forms``); this module holds what is not: how a yes or a no
may be written in a table, how the pages write them, and what each flag asks of people.
"""

from __future__ import annotations

import unicodedata
from typing import Any

__all__ = ["YES", "NO", "YES_WORDS", "NO_WORDS", "yes_no", "parse_yes_no", "FLAG_LABELS", "RATING_FLAGS",
           "flag_label"]

#: How the pages write a yes and a no.
YES, NO = "có", "không"
#: The spellings a table (CSV, Excel, typed by hand) may use, compared case-folded (NFC).
YES_WORDS = frozenset({"true", "1", "1.0", "x", "có", "co", "c", "yes", "y", "đúng", "dung", "t"})
NO_WORDS = frozenset({"false", "0", "0.0", "không", "khong", "k", "no", "n", "sai", "f"})


def yes_no(value: Any) -> str:
    return YES if bool(value) else NO


def parse_yes_no(text: Any) -> bool | None:
    """True or False for a spelling of yes or no, None for anything else."""
    key = unicodedata.normalize("NFC", str(text)).strip().casefold()
    return True if key in YES_WORDS else (False if key in NO_WORDS else None)


#: Flags of a rating: what the chi bộ, the committee or the competent level must still decide.
RATING_FLAGS = {
    "can_bo_phieu_lai": "Cần bỏ phiếu lại",
    "can_xem_xet_lai": "Chi bộ cần xem xét lại",
    "can_cap_tham_quyen_xem_xet": "Cấp có thẩm quyền cần xem xét",  # qd366-2025 (N4, N6, N7)
}

#: Every flag the library sets, with what it asks of people (the library recommends; people decide).
FLAG_LABELS = {
    **RATING_FLAGS,
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


def flag_label(flag: str) -> str:
    """The Vietnamese words of a flag; its code stays in ``.flags`` for programs."""
    return FLAG_LABELS.get(flag, flag)
