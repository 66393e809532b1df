"""K3 has one home (kiemtra_lib.review): the review plan and the rating agree on who is too new to be reviewed and
rated, under both readings of "đủ 6 tháng" (parameter k3_six_months_reached). Meeting and review on 20/11/2014."""

from __future__ import annotations

import datetime as dt

import pytest

from kiemtra_lib import get_ruleset
from kiemtra_lib.rating import rate_member
from kiemtra_lib.review import k3_reviewed_from, plan_review

MEETING = "20/11/2014"

# (scenario, admitted on, parameter value, reviewed and rated?) — worked out from RULES.md K3 and its decision:
# "đủ 6 tháng" on the same date six months later (same_date), or only from the day after (day_after).
CASES = [
    ("admitted exactly 6 months before is reviewed (same date)", "20/05/2014", "same_date", True),
    ("admitted a day later is not (same date)", "21/05/2014", "same_date", False),
    ("admitted exactly 6 months before is not yet reviewed (day after)", "20/05/2014", "day_after", False),
    ("admitted a day earlier is reviewed (day after)", "19/05/2014", "day_after", True),
    ("31/05 + 6 months is 30/11: not reviewed on 20/11", "31/05/2014", "same_date", False),
]


@pytest.mark.parametrize("name, joined, reading, reviewed", CASES, ids=[c[0] for c in CASES])
def test_plan_review_and_rate_member_agree_on_k3(name, joined, reading, reviewed):
    rs = get_ruleset("hcm-2014").with_params(k3_six_months_reached=reading)
    plan = plan_review([{"member_id": "A", "ho_ten": "Người A", "joined_on": joined}], meeting_date=MEETING,
                       ruleset=rs)
    planned = "A" not in {ex.member_id for ex in plan.not_reviewed}
    d = rate_member({"member_id": "A", "joined_on": joined, "task_result": "tot", "votes_tot": 5,
                     "votes_xuat_sac": 0, "votes_hoan_thanh": 0, "votes_khong_hoan_thanh": 0},
                    official_members=6, review_date=MEETING, ruleset=rs)
    rated = "K3" not in d.rule_ids
    assert (planned, rated) == (reviewed, reviewed)
    assert (d.level is not None) == reviewed


def test_the_first_reviewable_day_moves_with_the_parameter():
    rs = get_ruleset("hcm-2014")
    assert k3_reviewed_from(dt.date(2014, 5, 20), rs) == dt.date(2014, 11, 20)
    assert k3_reviewed_from(dt.date(2014, 5, 20), rs.with_params(k3_six_months_reached="day_after")) == \
        dt.date(2014, 11, 21)
