"""Reasons read every number they show from the rule set (issue 13, item 3): the scenarios below are rendered under
a copy of hcm-2014 whose values were changed, and each sentence must show the changed value and not the old one.

Each row: (scenario, rule id, value key, changed value, what renders the reasons, text expected, text of hcm-2014)."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import pandas as pd
import pytest

from kiemtra_lib import get_ruleset
from kiemtra_lib.discipline import rating_effects
from kiemtra_lib.rating import explain, rate_member, rate_organisation
from kiemtra_lib.timeline import dossier_due, lookback_start, plan_inspection
from _rating_support import REVIEW, chi_bo_members, member, org


def changed(rule_id: str, key: str, value):
    """hcm-2014 with one rule value changed (the rule set is frozen: a copy with a new rule)."""
    rs = get_ruleset("hcm-2014")
    rule = rs.rules[rule_id]
    new_rule = dataclasses.replace(rule, values=MappingProxyType({**rule.values, key: value}))
    return dataclasses.replace(rs, rules=MappingProxyType({**rs.rules, rule_id: new_rule}))


def member_text(rs, **kw):
    return str(rate_member(member(**kw), official_members=9, review_date=REVIEW, ruleset=rs))


def orgs_text(rs, members, orgs, org_id):
    result = rate_organisation(pd.DataFrame(members), pd.DataFrame(orgs), review_date=REVIEW, ruleset=rs)
    return result.organisations.set_index("org_id").loc[org_id, "reasons"], result


def chi_bo_with_kht(rs):  # 2 of 3 members KHT: more than 1/2 (and more than 3/5)
    return orgs_text(rs, chi_bo_members(["KHT", "KHT", "HTT"]), [org("CB")], "CB")[0]


def dang_bo_with_yeu_kem(rs):  # 2 of 4 chi bộ Yếu kém (under 50 points): more than 1/3, and more than 1/4
    members = [m for c in ("C1", "C2", "C3", "C4") for m in chi_bo_members(["HTT"] * 3, c)]
    orgs = [org("DB", kind="dang_bo"), org("C1", parent_id="DB"), org("C2", parent_id="DB"),
            org("C3", parent_id="DB", points=40), org("C4", parent_id="DB", points=40)]
    return orgs_text(rs, members, orgs, "DB")[0]


def quota_chi_bo(rs):  # 10 members at HTT or above, 4 candidates with 10 votes each
    members = chi_bo_members(["HTXS"] * 4 + ["HTT"] * 6)
    text, result = orgs_text(rs, members, [org("CB")], "CB")
    return "\n".join(result.members["reasons"])


def exemplary(rs):  # 5 chi bộ TSVM in one đảng bộ
    members, orgs = [], [org("DB", kind="dang_bo")]
    for i in range(5):
        members += chi_bo_members(["HTT"] * 3, f"C{i}")
        orgs.append(org(f"C{i}", parent_id="DB"))
    return orgs_text(rs, members, orgs, "DB")[0]


CASES = [
    ("HTXS needs more than 3/4 of the votes", "R-M1", "votes_over", [3, 4],
     lambda rs: member_text(rs, task_result="xuat_sac", votes_xuat_sac=8, votes_tot=1), "trên 3/4", "trên 2/3"),
    ("HTT needs more than 3/5", "R-M3", "votes_over", [3, 5],
     lambda rs: member_text(rs, votes_tot=6), "trên 3/5", "trên 1/2"),
    ("explain asks for more than 3/5", "R-M3", "votes_over", [3, 5],
     lambda rs: str(explain(member(task_result="tot", votes_hoan_thanh=9), official_members=9,
                            review_date=REVIEW, ruleset=rs)), "trên 3/5", "trên 1/2"),
    ("KHT needs more than 3/5", "R-M5", "votes_over", [3, 5],
     lambda rs: member_text(rs, faults="vi_pham_dieu_cam", votes_khong_hoan_thanh=6), "trên 3/5", "trên 1/2"),
    ("sick leave caps from 4 months", "R-M7", "sick_leave_months", 4,
     lambda rs: member_text(rs, votes_tot=9, sick_leave_months=5), "từ 4 tháng", "từ 3 tháng"),
    ("a new member needs 9 months", "K3", "months", 9,
     lambda rs: member_text(rs, votes_tot=9, joined_on="01/06/2014"), "chưa đủ 9 tháng", "6 tháng"),
    ("a discipline lasts 18 months", "DF11", "months", 18,
     lambda rs: member_text(rs, votes_khong_hoan_thanh=9, discipline_date="01/06/2014"), "chưa hết 18 tháng",
     "12 tháng"),
    ("rating effects of a discipline of 18 months", "DF11", "months", 18,
     lambda rs: str(rating_effects({"form": "khien_trach", "announced": "01/06/2013"}, REVIEW, ruleset=rs)),
     "18 tháng", "12 tháng"),
    ("a chi bộ is Yếu kém over 3/5 KHT", "R-O5", "members_kht_over", [3, 5], chi_bo_with_kht, "trên 3/5",
     "trên 1/2"),
    ("a đảng bộ is Yếu kém over 1/4 of its chi bộ", "R-O5", "chi_bo_yeu_kem_over", [1, 4], dang_bo_with_yeu_kem,
     "trên 1/4", "trên 1/3"),
    ("the HTXS quota is 25%", "R-M2", "share", [25, 100], quota_chi_bo, "25% của 10", "15%"),
    ("TSVM tiêu biểu at most 40%", "R-O2", "share", [40, 100], exemplary, "40%", "20%"),
    ("an extension of at most 1/4", "T3", "extension_denominator", 4,
     lambda rs: str(plan_inspection("co_so", "02/03/2026", ruleset=rs).reasons[0]), "gia hạn không quá 1/4",
     "1/3"),
    ("an inspection looks back 4 years", "T2", "lookback_years", 4,
     lambda rs: str(lookback_start("10/03/2026", ruleset=rs).reasons[0]), "không quá 4 năm", "5 năm"),
    ("the dossier is due 5 days before", "T4", "days_before", 5,
     lambda rs: str(dossier_due("10/03/2026", ruleset=rs).reasons[0]), "chậm nhất 5 ngày", "3 ngày"),
]


@pytest.mark.parametrize("name, rule_id, key, value, render, expected, old", CASES, ids=[c[0] for c in CASES])
def test_reasons_show_the_values_of_the_rule_set_they_ran_under(name, rule_id, key, value, render, expected, old):
    before = render(get_ruleset("hcm-2014"))
    after = render(changed(rule_id, key, value))
    assert old in before and expected not in before  # the scenario shows this value under hcm-2014 ...
    assert expected in after and old not in after  # ... and the changed value under the changed rule set
