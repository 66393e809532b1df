"""rating.yaml: every rating rule of RULES.md with its source, and every case the sources leave open as a named
parameter whose default is RULES.md's decision."""

import pytest

from kiemtra_lib import get_ruleset
from kiemtra_lib.rating import rate_member
from _rating_support import REVIEW, member

RS = get_ruleset("hcm-2014")
RATING_RULES = ["K3", "K5"] + [f"R-O{i}" for i in range(1, 9)] + [f"R-M{i}" for i in range(1, 11)]


@pytest.mark.parametrize("rule_id", RATING_RULES)
def test_every_rating_rule_is_defined_and_cites_seed_004_or_002(rule_id):
    rule = RS.rule(rule_id)
    assert rule.sources[0].doc in ("004", "002")
    assert rule.title and rule.summary


# (RULES.md "Cases the rating sources leave open", parameter, its default, the rule it refines)
OPEN_CASES = [
    ("admitted exactly 6 months before: reviewed", "k3_six_months_reached", "same_date", "K3"),
    ("the chi bộ's 'không hoàn thành' is the R-M5 fault", "task_result_khong_hoan_thanh_is_fault", True, "R-M5"),
    ("an award still needs the HTT civil-service rating", "award_needs_htt_civil_service", True, "R-M1"),
    ("maternity leave is not sick leave", "maternity_counts_as_sick_leave", False, "R-M7"),
    ("3 or more absences bar HTXS", "rm6_absences_at_least", 3, "R-M6"),
    ("'their grassroots organisation' is the đảng bộ cơ sở", "rm6_grassroots_org", "dang_bo_co_so", "R-M6"),
    ("the quota is rounded down", "rm2_rounding", "floor", "R-M2"),
    ("a chi bộ under 7 may have 1", "rm2_small_chi_bo_one", True, "R-M2"),
    ("'under 7 members' counts every member row", "rm2_small_chi_bo_counts", "all_members", "R-M2"),
    ("an outstanding đảng bộ lifts its chi bộ to 20%", "rm2_outstanding_from_dang_bo", True, "R-M2"),
    ("votes count downward among HTXS, HTT, HT", "rm9_votes_count_downward", True, "R-M9"),
    ("exactly one failed task caps at HT", "ro_one_failed_task_caps_at_ht", True, "R-O4"),
    ("no mass organisation: the conditions hold", "ro_no_mass_org_holds", True, "R-O1"),
    ("each level needs the conditions below it", "ro8_levels_nest", True, "R-O8"),
    # the anniversary of a discipline is the discipline module's parameter (DF11), one source of truth for R-M5
    ("a discipline ends on its anniversary", "discipline_in_force_on_anniversary", False, "DF11"),
]


@pytest.mark.parametrize("why, name, default, rule_id", OPEN_CASES, ids=[c[0] for c in OPEN_CASES])
def test_each_open_case_is_a_named_parameter_with_rules_md_default(why, name, default, rule_id):
    p = RS.parameters[name]
    assert (p.value, p.rule) == (default, rule_id)
    assert p.description.strip()


# Decisions of RULES.md that have one reading only: fixed facts in the rule's note, not parameters (issue 13).
FIXED = [("a tie at the quota boundary asks for a new vote", "R-M2", "bỏ phiếu lại"),
         ("the quota is counted per chi bộ", "R-M2", "theo từng chi bộ"),
         ("the quota base is HTT or above before choosing", "R-M2", "trước khi chọn HTXS"),
         ("only KHT votes count for KHT", "R-M10", "Chỉ phiếu votes_khong_hoan_thanh"),
         ("not rated left out, awaiting a vote counted", "R-O1", "chờ bỏ phiếu lại được tính vào mẫu số")]


@pytest.mark.parametrize("why, rule_id, words", FIXED, ids=[c[0] for c in FIXED])
def test_each_decision_with_one_reading_is_a_fact_in_the_rule_note(why, rule_id, words):
    assert words in RS.rule(rule_id).note and "Cố định" in RS.rule(rule_id).note


def test_every_parameter_has_a_real_choice():
    assert {n: p.allowed for n, p in RS.parameters.items() if len(p.allowed or ()) < 2} == {}


def test_r_m8_is_an_input_the_chi_bo_decides():
    # R-M8 (several posts: rated on the main and highest one) is not computed: task_result carries that assessment.
    assert "task_result" in RS.rule("R-M8").summary
    d = rate_member(member(task_result="hoan_thanh", votes_tot=8), official_members=8, review_date=REVIEW)
    assert d.level.value == "HT"


def test_results_say_they_follow_the_2014_city_plan():
    d = rate_member(member(votes_tot=8), official_members=8, review_date=REVIEW)
    assert d.ruleset == "hcm-2014"
    assert "146-KH/ĐU" in d.ruleset_label and "2014" in d.ruleset_label
    assert "không phải quy định toàn quốc" in RS.description
