"""record_discipline (D6): the facts a competent body's decision adds to the rating tables, and nothing more."""

import pandas as pd
import pytest

from kiemtra_lib import InputError
from kiemtra_lib.discipline import record_discipline

ORGS = pd.DataFrame([
    {"org_id": "DB", "kind": "dang_bo", "points": 80.0, "committee_result": "tot"},
    {"org_id": "C1", "kind": "chi_bo", "parent_id": "DB", "points": 80.0, "committee_result": "tot"},
])
MEMBERS = pd.DataFrame([{"member_id": f"M{i}", "chi_bo_id": "C1", "task_result": "tot", "votes_xuat_sac": 0,
                         "votes_tot": 4, "votes_hoan_thanh": 0, "votes_khong_hoan_thanh": 0}
                        for i in range(4)])


@pytest.mark.parametrize("facts, corruption, leader, self_detected", [
    ({}, False, False, False),
    ({"corruption": True}, True, False, False),
    ({"committee_leader": True}, False, True, False),
    ({"committee_leader": True, "self_detected": True}, False, True, True),
])
def test_the_decision_sets_the_date_and_only_the_facts_given(facts, corruption, leader, self_detected):
    m, o = record_discipline(MEMBERS, ORGS, "M1", announced="20/07/2025", **facts)
    m, o = m.set_index("member_id"), o.set_index("org_id")
    assert m.loc["M1", "discipline_date"] == pd.Timestamp(2025, 7, 20)
    assert m["discipline_date"].notna().sum() == 1
    assert (bool(o.loc["C1", "corruption_discipline"]), bool(o.loc["C1", "leader_disciplined"]),
            bool(o.loc["C1", "self_detected"])) == (corruption, leader, self_detected)
    assert not o.loc["DB", ["corruption_discipline", "leader_disciplined"]].any()  # the đảng bộ is untouched


def test_an_unknown_member_is_an_input_error():
    with pytest.raises(InputError, match="M9"):
        record_discipline(MEMBERS, ORGS, "M9", announced="20/07/2025")
