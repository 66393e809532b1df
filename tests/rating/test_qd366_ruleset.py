"""Rule set ``qd366-2025`` as data: every N rule of RULES.md with its values, source, status and effective date; the
documents with their dates; each open case a named parameter; and no rule id shared with another rule set."""

import datetime as dt
import textwrap

import pytest

from kiemtra_lib import load_ruleset
from kiemtra_lib.rules import RuleSetFormatError, _check_own_rule_ids, _load_from, _rule_ids

RS = load_ruleset("qd366-2025")
QD, HD = "QĐ 366-QĐ/TW", "HD 43-HD/BTCTW"


@pytest.mark.parametrize("rule_id, cite, status, effective", [
    ("N1", f"{QD} Điều 10, Phụ lục 1–5", "confirmed", dt.date(2025, 8, 30)),
    ("N2", f"{QD} Điều 11", "confirmed", dt.date(2025, 8, 30)),
    ("N3", f"{QD} Điều 11 khoản 1 (điểm 1.1 đến điểm 1.4)", "confirmed", dt.date(2025, 8, 30)),
    ("N4", f"{QD} Điều 11 khoản 1 điểm 1.5", "confirmed", dt.date(2025, 8, 30)),
    ("N5", f"{QD} Điều 11 khoản 2", "confirmed", dt.date(2025, 8, 30)),
    ("N6", f"{QD} Điều 11 khoản 3", "confirmed", dt.date(2025, 8, 30)),
    ("N7", f"{QD} Điều 11 khoản 4", "confirmed", dt.date(2025, 8, 30)),
    ("N8", f"{QD} Điều 11 khoản 4 điểm 4.3", "confirmed", dt.date(2025, 8, 30)),
    ("N9", f"{QD} Điều 5 khoản 2 điểm 2.1; {QD} Điều 3", "confirmed", dt.date(2025, 8, 30)),
    ("N10", f"{HD} tiểu mục 7.5", "confirmed", dt.date(2025, 10, 31)),
    ("N11", f"{HD} tiểu mục 7.6 và tiểu mục 7.7", "confirmed", dt.date(2025, 10, 31)),
    ("N12", f"{QD} Điều 3", "confirmed", dt.date(2025, 8, 30)),
    ("N13", f"{QD} Điều 12, Điều 13; {HD} Mục 3", "confirmed", dt.date(2025, 8, 30)),
    ("N14", f"{QD} Điều 3; {HD} Mục 3", "confirmed", dt.date(2025, 8, 30)),
    ("N15", f"{QD} toàn văn (không thấy ngưỡng phiếu); {HD} toàn văn (không thấy ngưỡng phiếu)", "to_be_confirmed",
     dt.date(2025, 8, 30)),
    ("N16", f"{HD} Mục 2 tiểu mục 2.1; {HD} Mục 4; {HD} tiểu mục 7.4", "confirmed", dt.date(2025, 10, 31)),
    ("N17", f"{QD} Điều 15; {HD} phần tổ chức thực hiện", "confirmed", dt.date(2025, 8, 30)),
])
def test_every_n_rule_has_its_source_status_and_effective_date(rule_id, cite, status, effective):
    rule = RS.rule(rule_id)
    assert (rule.cite(), rule.status, rule.effective_from) == (cite, status, effective)


def test_the_set_holds_exactly_n1_to_n17():
    assert sorted(RS.rules, key=lambda r: int(r[1:])) == [f"N{i}" for i in range(1, 18)]


def test_the_parts_rules_md_leaves_to_be_confirmed_say_so_in_the_data():
    assert RS.value("N1", "collective_split_status") == "to_be_confirmed"
    assert RS.value("N14", "combination_status") == "to_be_confirmed"
    assert "to be confirmed" in RS.rule("N1").note and "to be confirmed" in RS.rule("N14").note


@pytest.mark.parametrize("rule_id, key, value", [
    ("N1", "max_points", 100), ("N1", "common_points", 30), ("N1", "task_points", 70),
    ("N3", "min_points", 90), ("N3", "on_time_share", [100, 100]), ("N3", "beyond_share", [30, 100]),
    ("N3", "shortcomings_fixed_share", [100, 100]), ("N3", "led_units_beyond_share", [30, 100]),
    ("N4", "share", [20, 100]), ("N4", "outstanding_share", [25, 100]),
    ("N5", "min_points", 70), ("N6", "min_points", 50), ("N6", "behind_max_share", [20, 100]),
    ("N7", "points_below", 50), ("N7", "not_completed_over_share", [50, 100]), ("N9", "months", 6),
    ("N10", "sick_leave_months", 3), ("N16", "review_before", "31/12"), ("N16", "late_units_by", "15/01"),
    ("N16", "draft_report_working_days", 3),
])
def test_the_values_are_those_of_rules_md(rule_id, key, value):
    assert RS.value(rule_id, key) == value


def test_the_case_codes_of_n7_are_those_of_the_issue_each_with_who_can_have_it():
    cases = RS.value("N7", "cases")
    individual = {"suy_thoai", "ky_luat_cong_vu", "vi_pham_dieu_cam", "vi_pham_neu_guong"}
    leader = individual | {"don_vi_duoi_70", "qua_nua_don_vi_kht", "tin_nhiem_thap", "tham_nhung_don_vi"}
    collective = {"sai_pham_cong_tac_can_bo", "mat_doan_ket", "chay_chuc_chay_quyen", "thanh_vien_ky_luat",
                  "thanh_vien_suy_thoai", "don_vi_duoi_70"}
    assert {k for k, v in cases.items() if "khong_chuc_vu" in v["for"]} == individual
    assert {k for k, v in cases.items() if "ngoai_he_thong" in v["for"]} == individual
    assert {k for k, v in cases.items() if "lanh_dao_quan_ly" in v["for"]} == leader
    assert {k for k, v in cases.items() if "tap_the" in v["for"]} == collective


def test_the_documents_carry_their_dates():
    assert RS.documents[QD]["date"] == dt.date(2025, 8, 30)
    assert RS.documents[HD]["date"] == dt.date(2025, 10, 31)
    assert RS.effective_from == dt.date(2025, 8, 30)


@pytest.mark.parametrize("name, default, allowed", [
    ("n3_bands_are_minimums", True, (True, False)),
    ("n6_no_level_fits", "competent_level", ("competent_level",)),
    ("n7_mitigation", "competent_level", ("competent_level",)),
    ("n4_quota_base", "htt_or_above_before_quota", ("htt_or_above_before_quota",)),
    ("n4_rounding", "floor", ("floor", "nearest")),
    ("n4_quota_group", "to_chuc_co_so", ("to_chuc_co_so", "chi_bo", "peer_group")),
    ("n4_choice", "highest_points", ("highest_points",)),
    ("n4_org_quota_group", "same_kind_same_parent", ("same_kind_same_parent", "peer_group")),
    ("tasks_as_counts", "exact_fractions", ("exact_fractions",)),
    ("n9_six_months_reached", "same_date", ("same_date", "day_after")),
    ("missing_tasks", "input_error", ("input_error",)),
    ("n15_vote_threshold", "none", ("none",)),
])
def test_each_open_case_is_a_named_parameter_with_its_allowed_values(name, default, allowed):
    p = RS.parameters[name]
    assert (p.value, p.allowed) == (default, allowed)
    assert p.rule in RS.rules and p.description


def test_the_two_shipped_sets_share_no_rule_id():
    assert not set(RS.rules) & _rule_ids("hcm-2014")
    assert load_ruleset("hcm-2014").name == "hcm-2014"


def test_a_rule_set_that_defines_a_rule_id_of_another_set_is_refused(tmp_path):
    folder = tmp_path / "copy"
    folder.mkdir()
    (folder / "ruleset.yaml").write_text('name: copy\ntitle: Bản sao\ndocuments:\n  "004": {title: "004"}\n',
                                         encoding="utf-8")
    (folder / "rating.yaml").write_text(textwrap.dedent("""\
        rules:
          R-M2:
            title: Tỷ lệ
            summary: Một bản sao của R-M2
            source: {doc: "004", clause: "§IV.2.2.a"}
        """), encoding="utf-8")
    copy = _load_from(folder, "copy")
    with pytest.raises(RuleSetFormatError, match=r"\['R-M2'\] belong to rule set 'hcm-2014'"):
        _check_own_rule_ids(copy, {"hcm-2014": _rule_ids("hcm-2014"), "qd366-2025": _rule_ids("qd366-2025")})
