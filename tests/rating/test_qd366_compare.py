"""compare_rulesets: one situation under hcm-2014 and qd366-2025, per member the level under each and the rule that
makes the difference; and the generator's qd366 inputs, consistent with the hcm-2014 ones."""

import numpy as np
import pandas as pd
import pytest

from kiemtra_lib import InputError
from kiemtra_lib.datasets.generate import generate
from kiemtra_lib.rating import compare_rulesets

REVIEW = "15/12/2025"


def member(mid, **extra):
    row = dict(member_id=mid, chi_bo_id="CB1", task_result="tot", votes_xuat_sac=0, votes_tot=8,
               votes_hoan_thanh=0, votes_khong_hoan_thanh=0, points=85, tasks_assigned=10, tasks_done=10,
               tasks_on_time=10, tasks_beyond=1)
    row.update(extra)
    return row


ORG = [dict(org_id="CB1", kind="chi_bo", points=85, committee_result="tot", tasks_assigned=8, tasks_done=8,
            tasks_on_time=8)]


def compare(rows):
    filler = [member(f"F{i}") for i in range(8 - len(rows))]
    return compare_rulesets(pd.DataFrame(rows + filler), pd.DataFrame(ORG), review_date=REVIEW)


CHANGES = [
    ("sick leave of 4 months", dict(sick_leave_months=4), "HT", "HTT", ("R-M7", "N5"), "(N10)"),
    ("exempted from Party work", dict(exempt=True), "HTT", None, ("R-M3", "N9"), "(N9)"),
    ("suspended", dict(suspended=True), "HTT", None, ("R-M3", "N9"), "(N9)"),
    ("no vote passes under 2014, points give HTT", dict(votes_tot=2, votes_hoan_thanh=2), None, "HTT",
     ("R-M9", "N5"), "(N15"),
    ("1 of 10 tasks not done: no level under 366", dict(tasks_done=9, tasks_on_time=9), "HTT", None,
     ("R-M3", "N6"), "(N6)"),
    ("the same member, nothing new", {}, "HTT", "HTT", ("R-M3", "N5"), ""),
]


@pytest.mark.parametrize("changes, hcm, qd366, rules, why", [c[1:] for c in CHANGES], ids=[c[0] for c in CHANGES])
def test_what_changes_for_one_member(changes, hcm, qd366, rules, why):
    cmp = compare([member("DV1", **changes)])
    row = cmp.members.iloc[0]
    assert (row["level_hcm"], row["level_qd366"]) == (hcm, qd366)
    assert (row["rule_hcm"], row["rule_qd366"]) == rules
    assert row["changed"] == (hcm != qd366)
    assert (why in row["why"]) if why else row["why"] == ""


def test_the_quota_15_percent_against_20_percent():
    # 7 members at HTXS under both before the quota, 10 at HTT or above. 2014: 15% of 10 = 1; 366: 20% of 10 = 2.
    best = [member(f"X{i}", task_result="xuat_sac", votes_xuat_sac=10 - i, votes_tot=0, points=99 - i,
                   tasks_beyond=3) for i in range(3)]
    rest = [member(f"F{i}", votes_tot=10) for i in range(7)]
    cmp = compare_rulesets(pd.DataFrame(best + rest), pd.DataFrame(ORG), review_date=REVIEW)
    m = cmp.members.set_index("member_id")
    assert m.loc[["X0", "X1", "X2"], "level_hcm"].tolist() == ["HTXS", "HTT", "HTT"]
    assert m.loc[["X0", "X1", "X2"], "level_qd366"].tolist() == ["HTXS", "HTXS", "HTT"]
    assert (m.loc["X1", "rule_hcm"], m.loc["X1", "rule_qd366"]) == ("R-M2", "N3")
    assert "15%" in m.loc["X1", "why"] and "20%" in m.loc["X1", "why"]


def test_organisation_levels_side_by_side_with_their_rules():
    cmp = compare([member("DV1")])
    row = cmp.organisations.iloc[0]
    assert (row["level_hcm"], row["level_qd366"]) == ("HTT", "HTT")
    assert (row["rule_hcm"], row["rule_qd366"]) == ("R-O3", "N5")


def test_only_the_two_rule_sets_can_be_compared():
    with pytest.raises(InputError, match="rulesets"):
        compare_rulesets(pd.DataFrame([member("DV1")]), pd.DataFrame(ORG), review_date=REVIEW,
                         rulesets=("qd366-2025", "hcm-2014"))


def test_a_generated_case_carries_both_rule_sets_consistently():
    case = generate(11, chi_bo=3, members_per_chi_bo=(12, 16), qd366=True)
    m = case.members
    bands = {"xuat_sac": (90, 100), "tot": (70, 89.5), "hoan_thanh": (50, 69.5), "khong_hoan_thanh": (30, 49.5)}
    for task, (lo, hi) in bands.items():
        pts = m.loc[m["task_result"] == task, "points"]
        assert ((pts >= lo) & (pts <= hi)).all(), task
    assert np.allclose(m["points_common"] + m["points_tasks"], m["points"])
    tot = m[m["task_result"] == "tot"]
    share = (tot["votes_xuat_sac"] + tot["votes_tot"]) / tot[["votes_xuat_sac", "votes_tot", "votes_hoan_thanh",
                                                             "votes_khong_hoan_thanh"]].sum(axis=1).clip(lower=1)
    assert np.corrcoef(share, tot["points"])[0, 1] > 0.5  # many votes, high points
    assert (m["tasks_on_time"] <= m["tasks_done"]).all() and (m["tasks_done"] <= m["tasks_assigned"]).all()
    cmp = compare_rulesets(m, case.organisations, review_date=case.review_date)
    assert len(cmp.members) == len(m) and cmp.members["changed"].any()
    # Without qd366=True the generator's output is what it was.
    plain = generate(11, chi_bo=3, members_per_chi_bo=(12, 16))
    assert plain.members.equals(m[plain.members.columns]) and "points" not in plain.members.columns
