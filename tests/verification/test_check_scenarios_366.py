"""The same checks under qd366-2025: one planted error of each kind found with the N rule (worked by hand in
_dossiers_366.py); a correct dossier gives none; the dossier's dates are not checked, and the report says so."""

from __future__ import annotations

import pytest

from kiemtra_lib import InputError, verification

from _dossiers_366 import REVIEW, dossier

SCENARIOS = [
    ("HTXS for a member of 80 points: N3 needs at least 90", dict(proposed={"B03": "HTXS"}),
     "muc_chua_du_dieu_kien", "sai_quy_dinh", "N3", "B03"),
    ("A second HTXS when 20% of 7 rounds down to 1 exceeds N4", dict(proposed={"B02": "HTXS"}),
     "vuot_chi_tieu", "sai_quy_dinh", "N4", "B02"),
    ("A member admitted less than 6 months before is not rated (N9)", dict(proposed={"B06": "HT"}),
     "khong_thuoc_dien", "sai_quy_dinh", "N9", "B06"),
    ("A member exempted from party work is not rated (N9)", dict(proposed={"B07": "HTT"}),
     "khong_thuoc_dien", "sai_quy_dinh", "N9", "B07"),
    ("A member disciplined for a violation in public duties is KHT whatever the points (N7)",
     dict(proposed={"B05": "HTT"}), "ky_luat_con_hieu_luc", "sai_quy_dinh", "N7", "B05"),
    ("A level below what the rules give needs a reason (cần xem xét)", dict(proposed={"B01": "HTT"}),
     "muc_thap_hon", "can_xem_xet", "N3", "B01"),
    ("An organisation of 85 points cannot be HTXS (N3)", dict(org_proposed={"CB1": "HTXS"}),
     "to_chuc_chua_du_dieu_kien", "sai_quy_dinh", "N3", "CB1"),
    ("A collective's total of 104 is outside the 100-point scale (N1)", dict(written_org={"points": 104}),
     "diem_ngoai_thang", "sai_quy_dinh", "N1", "CB1"),
    ("A collective's total of 85 whose listed parts add up to 80 (N1)", dict(parts=["30; 30; 20"]),
     "diem_khong_bang_tong", "sai_quy_dinh", "N1", "CB1"),
    ("A member's total of 80 with 25 common + 50 tasks = 75 (N1)", dict(member_parts={"B08": (25, 50)}),
     "diem_khong_bang_tong", "sai_quy_dinh", "N1", "B08"),
]


@pytest.mark.parametrize("sentence,kwargs,kind,grade,rule_id,subject", SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_one_planted_error_is_found_with_its_n_rule(sentence, kwargs, kind, grade, rule_id, subject):
    result = verification.verify(dossier(**kwargs), review_date=REVIEW)
    assert result.ruleset == "qd366-2025"
    assert result.table[["kind", "grade", "rule_id", "subject_id"]].values.tolist() == [[kind, grade, rule_id,
                                                                                          subject]]
    assert result.table["source"].iat[0].startswith(("QĐ 366", "HD 43"))


def test_a_correct_dossier_gives_none_and_says_the_dates_are_not_checked():
    late = [{"org_id": "CB1", "received": "13/11/2025", "working_day": "14/11/2025"}]
    result = verification.verify(dossier(dates=late), review_date=REVIEW)
    assert result.ok and result.dates_checked == 0
    assert any("cần xác nhận" in n and "T4" in n for n in result.notes)
    assert "cần xác nhận" in verification.report_html(result)


def test_the_template_of_qd366_has_its_own_columns_and_levels():
    import io

    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(verification.template_bytes("qd366-2025")))
    heads = [c.value for c in wb["Đảng viên"][1]]
    assert "Tổng điểm" in heads and "Điểm nhóm tiêu chí chung" in heads and "Phiếu Hoàn thành tốt" not in heads
    assert wb["_mau"]["B3"].value == "qd366-2025"
    values = {c.value for row in wb["Danh mục"].iter_rows() for c in row}
    assert "Trong sạch vững mạnh" not in values and "Hoàn thành xuất sắc nhiệm vụ" in values


def test_a_qd366_level_that_only_hcm_2014_has_is_refused():
    with pytest.raises(InputError) as info:
        verification.verify(dossier(org_proposed={"CB1": "Trong sạch vững mạnh"}), review_date=REVIEW)
    assert "Không phải một mức của bộ quy tắc «qd366-2025»" in str(info.value)
