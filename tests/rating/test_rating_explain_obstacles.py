"""explain() names every obstacle (issue 13, item 7), over generated chi bộ in which R-M6 and the quota R-M2 bind:

- when it says votes alone are enough (``votes_enough``), casting exactly ``votes_short`` more ballots for the target
  level reaches it (and the obstacles it lists are only votes);
- when it says they are not, no number of votes reaches the target: even every official member voting for it;
- it always names something: a member kept below the next level is never told that nothing is missing.
"""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiemtra_lib.rating import explain, rate_organisation
from kiemtra_lib.rating.votes import VOTE_COLUMNS
from _rating_support import REVIEW, org

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RANK = {None: 0, "KHT": 1, "HT": 2, "HTT": 3, "HTXS": 4}


@st.composite
def chi_bo(draw):
    """A chi bộ cơ sở of n official members: many HTXS candidates (the quota binds: 0 when too few reach HTT, 1
    from 7 members), office holders (R-M6 binds when the chi bộ is not TSVM: 85 points), caps (R-M6 absences,
    R-M7 sick leave, the civil-service rating)."""
    n = draw(st.integers(3, 11))
    rows = []
    for i in range(n):
        xs = draw(st.sampled_from([n, n, n - 1, n - 2, n // 2, 0]))  # many candidates: the quota binds
        tot = draw(st.integers(0, n - xs))
        ht = draw(st.integers(0, n - xs - tot))  # the rest abstain
        rows.append({
            "member_id": f"M{i:02d}", "chi_bo_id": "CB", "official": True, "reviewed": True,
            "task_result": draw(st.sampled_from(["xuat_sac", "xuat_sac", "tot", "hoan_thanh"])),
            "civil_servant_rating": draw(st.sampled_from([None, None, "xuat_sac", "tot", "hoan_thanh"])),
            "role": draw(st.sampled_from([None, None, "bi_thu", "cap_uy_cap_tren", "truong_phong"])),
            "absences": draw(st.sampled_from([0, 0, 1, 3])),
            "sick_leave_months": draw(st.sampled_from([0, 0, 0, 3])),
            "votes_xuat_sac": xs, "votes_tot": tot, "votes_hoan_thanh": ht, "votes_khong_hoan_thanh": 0,
        })
    points = draw(st.sampled_from([95, 85]))
    return rows, [org("CB", points=points)], n


def _level(result, member_id):
    return RANK[result.members.set_index("member_id").loc[member_id, "level"]]


def _rate(rows, orgs):
    return rate_organisation(pd.DataFrame(rows), pd.DataFrame(orgs), review_date=REVIEW)


@SETTINGS
@given(chi_bo())
def test_what_explain_asks_for_is_enough_and_votes_it_rules_out_never_suffice(case):
    rows, orgs, n = case
    result = _rate(rows, orgs)
    for i, row in enumerate(rows):
        e = explain(result, row["member_id"])
        if e.target is None:
            continue
        target, column = e.target.rank, VOTE_COLUMNS[e.target.rank]
        # Something stands in the way, and explain names it (never "nothing of its own is missing").
        assert e.changes and "R-M10" not in e.rule_ids, (e.changes, row)
        if e.votes_enough:
            assert e.votes_short > 0 and set(e.rule_ids) <= {"R-M9", "R-M2"}
            # Cast the missing ballots from members who abstained or voted for a level below the target.
            new = dict(row)
            need = e.votes_short
            abstained = n - sum(row[VOTE_COLUMNS[lv]] for lv in (4, 3, 2, 1))
            take = min(need, abstained)
            new[column] += take
            need -= take
            for lv in [1] + [lv for lv in (2, 3) if lv < target]:
                take = min(need, new[VOTE_COLUMNS[lv]])
                new[VOTE_COLUMNS[lv]] -= take
                new[column] += take
                need -= take
            if need:
                continue  # too few ballots to move without taking them from a higher level
            after = _rate(rows[:i] + [new] + rows[i + 1:], orgs)
            assert _level(after, row["member_id"]) == target, (e.changes, row, new)
        else:
            best = {**row, **{VOTE_COLUMNS[lv]: 0 for lv in (4, 3, 2, 1)}, column: n}
            after = _rate(rows[:i] + [best] + rows[i + 1:], orgs)
            assert _level(after, row["member_id"]) < target, (e.changes, row)
