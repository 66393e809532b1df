"""facts(): every discipline fact with its document + article and its status exactly as RULES.md's DF table says.

RULES.md status column: DF1, DF2, DF4, DF5, DF6, DF11 "confirmed"; DF3 "confirmed" (corrected row: diplomas too);
DF7 "confirmed content" (letters a, b, d per HD 05, others to be confirmed); DF8 "confirmed (member letters after b
to be confirmed)"; DF9 "organisation a–đ confirmed; member list to be confirmed"; DF10 (corrected row) "organisation
giải tán confirmed; member khai trừ at rất nghiêm trọng: commentary only; organisation at rất nghiêm trọng to be
confirmed"; DF12 "confirmed ('one month' vs '30 days' to be confirmed)"; DF13 "confirmed (clause to
be confirmed)". D1–D6 come from the seeds.
"""

import pytest

from kiemtra_lib import get_ruleset
from kiemtra_lib.discipline import facts

EXPECTED_TBC = {
    ("DF7", "da_tu_tran"), ("DF7", "doi_moi_sang_tao"), ("DF7", "thi_hanh_chi_dao_sai_da_bao_cao"),
    ("DF8", "dang_vien:chu_dong_khac_phuc"), ("DF8", "dang_vien:vi_pham_khi_thi_diem"),
    ("DF9", "dang_vien:khong_thua_nhan"), ("DF9", "dang_vien:khong_boi_thuong"), ("DF9", "dang_vien:khong_nop_lai"),
    ("DF10", "rat_nghiem_trong"), ("DF10", "dac_biet_nghiem_trong"), ("DF10", "rat_nghiem_trong:to_chuc"),
    ("DF12", "don_vi_thoi_han"), ("DF13", "dieu_khoan"),
}


def test_every_rule_d1_d6_df1_df13_is_listed_once_as_a_whole():
    t = facts()
    whole = t[t.part == ""]
    assert whole.rule_id.tolist() == [f"D{i}" for i in range(1, 7)] + [f"DF{i}" for i in range(1, 14)]


def test_the_rules_themselves_are_confirmed_as_in_rules_md():
    t = facts()
    assert set(t[t.part == ""].status) == {"confirmed"}


def test_exactly_the_parts_rules_md_leaves_open_are_to_be_confirmed():
    t = facts()
    tbc = {(r.rule_id, r.part) for r in t.itertuples() if r.status == "to_be_confirmed"}
    assert tbc == EXPECTED_TBC
    assert set(t[t.status == "to_be_confirmed"].trang_thai) == {"chưa xác nhận được văn bản gốc — cần xác nhận"}


@pytest.mark.parametrize("rule_id, documents", [
    ("D1", {"001"}), ("D2", {"001"}), ("D3", {"001"}), ("D4", {"001"}), ("D5", {"001"}), ("D6", {"004"}),
    ("DF1", {"QĐ 69-QĐ/TW", "Điều lệ Đảng"}), ("DF2", {"QĐ 69-QĐ/TW"}), ("DF3", {"QĐ 69-QĐ/TW"}),
    ("DF4", {"QĐ 69-QĐ/TW"}), ("DF5", {"HD 05-HD/UBKTTW"}), ("DF6", {"HD 02-HD/TW"}),
    ("DF7", {"QĐ 69-QĐ/TW", "HD 05-HD/UBKTTW", "KL 14-KL/TW"}), ("DF8", {"QĐ 69-QĐ/TW"}),
    ("DF9", {"QĐ 69-QĐ/TW", "HD 05-HD/UBKTTW"}), ("DF10", {"QĐ 69-QĐ/TW"}), ("DF11", {"Điều lệ Đảng", "QĐ 69-QĐ/TW"}),
    ("DF12", {"Điều lệ Đảng"}), ("DF13", {"QĐ 69-QĐ/TW"}),
])
def test_each_rule_cites_the_documents_rules_md_names(rule_id, documents):
    rule = get_ruleset().rule(rule_id)
    assert {s.doc for s in rule.sources} == documents
    assert all(s.clause for s in rule.sources)


def test_the_articles_are_written_beside_the_facts():
    t = facts().set_index(["rule_id", "part"])
    assert t.loc[("DF2", ""), "source"] == "QĐ 69-QĐ/TW Điều 4 khoản 1–2"
    assert t.loc[("DF11", ""), "source"] == "Điều lệ Đảng Điều 39 khoản 6; QĐ 69-QĐ/TW khoản 5 Điều 2"
    assert "điểm a" in t.loc[("DF7", "thai_san"), "source"]
    assert t.loc[("DF9", "to_chuc:vi_pham_nhieu_lan"), "source"] == "QĐ 69-QĐ/TW Điều 6 (điểm đ)"
