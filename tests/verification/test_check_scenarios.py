"""Scenario table: one planted error of each kind, found with the right rule (worked by hand in _dossiers.py)."""

from __future__ import annotations

import pytest

from kiemtra_lib import verification

from _dossiers import REVIEW, dossier

LATE = [{"org_id": "CB1", "received": "12/11/2025", "working_day": "14/11/2025"}]

SCENARIOS = [
    # (sentence, dossier arguments, expected kind, grade, rule id, subject id, proposed, computed)
    ("HTXS proposed for a member with 6 of 11 votes (not more than 2/3) is not supported by R-M1",
     dict(proposed={"A03": "HTXS"}), "muc_chua_du_dieu_kien", "sai_quy_dinh", "R-M1", "A03",
     "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ"),
    ("HTXS proposed for a second member when the chi bộ's quota is 1 exceeds R-M2",
     dict(proposed={"A02": "HTXS"}), "vuot_chi_tieu", "sai_quy_dinh", "R-M2", "A02",
     "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ"),
    ("Two members tied at the quota boundary: proposing HTXS for one needs a new vote (R-M2, cần xem xét)",
     dict(member_changes={"A02": {"votes_xuat_sac": 11, "votes_tot": 0}}, proposed={"A01": "HTXS"}),
     "vuot_chi_tieu", "can_xem_xet", "R-M2", "A01", "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ"),
    ("A member admitted less than 6 months before the review is not rated (K3)",
     dict(proposed={"A07": "HT"}), "khong_thuoc_dien", "sai_quy_dinh", "K3", "A07", "Hoàn thành nhiệm vụ",
     "Chưa phân loại"),
    ("A member who did not take part in the review is not rated (K5)",
     dict(proposed={"A08": "HTT"}), "khong_thuoc_dien", "sai_quy_dinh", "K5", "A08", "Hoàn thành tốt nhiệm vụ",
     "Chưa phân loại"),
    ("A member serving a discipline announced 01/03/2025 is KHT on 20/11/2025 (R-M5, D6)",
     dict(proposed={"A06": "HTT"}), "ky_luat_con_hieu_luc", "sai_quy_dinh", "R-M5", "A06",
     "Hoàn thành tốt nhiệm vụ", "Không hoàn thành nhiệm vụ"),
    ("Sick leave of 4 months caps the member at HT (R-M7)",
     dict(member_changes={"A05": {"sick_leave_months": 4}}, proposed={"A05": "HTT"}), "muc_chua_du_dieu_kien",
     "sai_quy_dinh", "R-M7", "A05", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ"),
    ("A chi bộ with a member KHT cannot be TSVM (R-O1: 100% at HT or above)",
     dict(org_proposed={"CB1": "TSVM"}), "to_chuc_chua_du_dieu_kien", "sai_quy_dinh", "R-O1", "CB1",
     "Trong sạch vững mạnh", "Hoàn thành tốt nhiệm vụ"),
    ("A chi bộ of 45 points is Yếu kém whatever it proposes (R-O5)",
     dict(org_changes={"points": 45}, org_proposed={"CB1": "HT"}), "to_chuc_chua_du_dieu_kien", "sai_quy_dinh",
     "R-O5", "CB1", "Hoàn thành nhiệm vụ", "Yếu kém"),
    ("A level proposed below what the rules give needs a reason (cần xem xét)",
     dict(proposed={"A04": "HT"}), "muc_thap_hon", "can_xem_xet", "R-M3", "A04", "Hoàn thành nhiệm vụ",
     "Hoàn thành tốt nhiệm vụ"),
    ("A self-score of 105 is outside the 100-point scale (R-O7)",
     dict(written_org={"points": 105}), "diem_ngoai_thang", "sai_quy_dinh", "R-O7", "CB1", "105", "0–100"),
    ("A self-score of 85 whose parts add up to 80 (R-O7)",
     dict(parts=["30; 30; 20"]), "diem_khong_bang_tong", "sai_quy_dinh", "R-O7", "CB1", "85", "80"),
    ("A dossier received on 12/11/2025 for a working day on Friday 14/11/2025 is late: due 11/11/2025 (T4)",
     dict(dates=LATE), "nop_ho_so_muon", "sai_quy_dinh", "T4", "CB1", "12/11/2025", "11/11/2025"),
]


@pytest.mark.parametrize("sentence,kwargs,kind,grade,rule_id,subject,proposed,computed", SCENARIOS,
                         ids=[s[0] for s in SCENARIOS])
def test_one_planted_error_is_found_with_its_rule(sentence, kwargs, kind, grade, rule_id, subject, proposed,
                                                   computed):
    result = verification.verify(dossier(**kwargs), review_date=REVIEW)
    assert len(result.table) == 1, result.table[["kind", "subject_id", "message"]].to_string()
    row = result.table.iloc[0]
    assert (row["kind"], row["grade"], row["rule_id"], row["subject_id"]) == (kind, grade, rule_id, subject)
    assert (row["proposed"], row["computed"]) == (proposed, computed)
    assert row["source"]  # the rule's clause, from the rule set's data
    assert subject in row["message"]
    assert not result.ok


def test_every_kind_has_a_scenario():
    planted = {s[2] for s in SCENARIOS}
    assert planted | {"chua_de_nghi"} == set(verification.KINDS)


def test_a_level_left_blank_where_the_rules_give_one():
    result = verification.verify(dossier(proposed={"A12": None}), review_date=REVIEW)
    assert result.table[["kind", "grade", "subject_id"]].values.tolist() == [["chua_de_nghi", "can_xem_xet", "A12"]]


def test_a_correct_dossier_says_there_is_no_discrepancy():
    result = verification.verify(dossier(), review_date=REVIEW)
    assert result.ok and len(result.table) == 0
    assert result.verdict().startswith("Không có sai lệch")
    assert result.dates_checked == 1


def test_all_planted_errors_at_once_are_all_found():
    result = verification.verify(dossier(proposed={"A03": "HTXS", "A02": "HTXS", "A07": "HT", "A06": "HTT"},
                                         org_proposed={"CB1": "TSVM"}, dates=LATE), review_date=REVIEW)
    assert sorted(zip(result.table["subject_id"], result.table["rule_id"])) == [
        ("A02", "R-M2"), ("A03", "R-M1"), ("A06", "R-M5"), ("A07", "K3"), ("CB1", "R-O1"), ("CB1", "T4")]
    assert (result.table["grade"] == "sai_quy_dinh").all()
    summary = result.summary().set_index("Loại sai lệch")
    assert summary.loc["Tổng cộng", "Cộng"] == 6


def test_the_excel_row_of_each_discrepancy_is_the_members_row():
    result = verification.verify(dossier(proposed={"A03": "HTXS"}), review_date=REVIEW)
    assert (result.table["sheet"].iat[0], result.table["row"].iat[0]) == ("Đảng viên", 4)  # header + A01, A02


def test_a_tie_is_listed_for_the_chi_bo_even_when_proposals_agree():
    result = verification.verify(dossier(member_changes={"A02": {"votes_xuat_sac": 11, "votes_tot": 0}}),
                                 review_date=REVIEW)
    assert result.ok
    assert set(result.attention["subject_id"]) >= {"A01", "A02"}
