"""The chi bộ step of R-M10 (5): R-M6 for office holders, then the quota R-M2, in the order R-O8 gives.

Worked by hand from 004 §IV.2.2.a and §IV.3 with RULES.md: the quota base is the members at HTT or above before the
HTXS are chosen; 15% (20% when outstanding) rounded down; a chi bộ of fewer than 7 members (all rows) has 1; the most
votes win; a tie at the boundary gives nobody HTXS and asks for a new vote. Candidates ("cand") completed their
tasks excellently and got ``v`` of the ``n`` official votes for HTXS (the rest for HTT); the others are HTT.
"""

import pytest

from kiemtra_lib import get_ruleset
from kiemtra_lib.rating import MemberLevel, OrgLevel, rate_organisation
from _rating_support import HT, HTT, HTXS, REVIEW, cand, frames, org, plain


def chi_bo(candidates: dict[str, int], size: int, *, ht: int = 0, chi_bo_id: str = "CB") -> list[dict]:
    """``candidates`` (id -> HTXS votes), then ``ht`` members at HT, then HTT members up to ``size``."""
    rows = [cand(mid, v, size, chi_bo_id) for mid, v in candidates.items()]
    rows += [plain(f"{chi_bo_id}-H{i}", size, chi_bo_id, HT) for i in range(ht)]
    rows += [plain(f"{chi_bo_id}-T{i}", size, chi_bo_id) for i in range(size - len(rows))]
    return rows


def levels(result, ids):
    table = result.members.set_index("member_id")
    return {i: table.loc[i, "level"] for i in ids}


# (sentence, candidates, chi bộ size, members at HT, outstanding, expected levels, expected quota, tied ids)
QUOTA_SCENARIOS = [
    ("a chi bộ of 6 may have 1 HTXS: the one with more votes", {"A": 6, "B": 5}, 6, 0, False,
     {"A": HTXS, "B": HTT}, 1, set()),
    ("a chi bộ of 7 all at HTT or above: 15% of 7 = 1.05, so 1", {"A": 7, "B": 6}, 7, 0, False,
     {"A": HTXS, "B": HTT}, 1, set()),
    ("a chi bộ of 7 with one member at HT: 15% of 6 = 0.9, so nobody", {"A": 7, "B": 6}, 7, 1, False,
     {"A": HTT, "B": HTT}, 0, set()),
    ("a chi bộ of 6 with one member at HT still has its 1", {"A": 6, "B": 5}, 6, 1, False,
     {"A": HTXS, "B": HTT}, 1, set()),
    ("a tie at the boundary in a chi bộ of 6: nobody gets it, both wait for a new vote", {"A": 5, "B": 5}, 6, 0, False,
     {"A": HTT, "B": HTT}, 1, {"A", "B"}),
    ("14 members: 15% = 2.1, so 2; the two with most votes", {"A": 14, "B": 13, "C": 12}, 14, 0, False,
     {"A": HTXS, "B": HTXS, "C": HTT}, 2, set()),
    ("14 members, the 2nd place tied: the leader keeps HTXS, the tied two wait", {"A": 14, "B": 12, "C": 12}, 14, 0,
     False, {"A": HTXS, "B": HTT, "C": HTT}, 2, {"B", "C"}),
    ("a tie above the boundary is no problem: both within the quota of 2", {"A": 13, "B": 13, "C": 12}, 14, 0, False,
     {"A": HTXS, "B": HTXS, "C": HTT}, 2, set()),
    ("10 members: 15% = 1.5, so 1", {"A": 10, "B": 9, "C": 8}, 10, 0, False,
     {"A": HTXS, "B": HTT, "C": HTT}, 1, set()),
    ("10 members of an outstanding chi bộ: 20% = 2", {"A": 10, "B": 9, "C": 8}, 10, 0, True,
     {"A": HTXS, "B": HTXS, "C": HTT}, 2, set()),
]


@pytest.mark.parametrize("why, candidates, size, ht, outstanding, expected, quota, tied", QUOTA_SCENARIOS,
                         ids=[s[0] for s in QUOTA_SCENARIOS])
def test_quota_scenarios(why, candidates, size, ht, outstanding, expected, quota, tied):
    members, orgs = frames(chi_bo(candidates, size, ht=ht), [org(outstanding=outstanding)])
    result = rate_organisation(members, orgs, review_date=REVIEW)
    assert levels(result, expected) == expected
    table = result.members.set_index("member_id")
    for mid in expected:
        assert "R-M2" in table.loc[mid, "rule_ids"]  # every candidate's reasons state the quota
        assert ("can_bo_phieu_lai" in table.loc[mid, "flags"]) == (mid in tied)
        # a candidate moved down keeps its HTT reason (R-M3) in place of R-M1
        assert table.loc[mid, "rule_ids"][0] == ("R-M1" if expected[mid] == HTXS else "R-M3")
    row = result.organisations.iloc[0]
    assert (row["htxs_quota"], row["n_htxs"]) == (quota, sum(v == HTXS for v in expected.values()))
    assert ("can_bo_phieu_lai" in row["flags"]) == bool(tied)


def test_a_tie_reads_as_a_new_vote_and_is_never_broken_silently():
    members, orgs = frames(chi_bo({"A": 5, "B": 5}, 6), [org()])
    d = rate_organisation(members, orgs, review_date=REVIEW).member("A")
    assert d.level is MemberLevel.HTT and d.flags == ("can_bo_phieu_lai",)
    assert "bằng phiếu (5) với người khác ở ranh giới chỉ tiêu" in str(d)


def test_the_chi_bo_of_a_dang_bo_that_is_outstanding_has_20_percent_too():
    members = chi_bo({"A": 10, "B": 9, "C": 8}, 10, chi_bo_id="CB1")
    orgs = [org("DB", "dang_bo", outstanding=True), org("CB1", parent_id="DB")]
    result = rate_organisation(*frames(members, orgs), review_date=REVIEW)
    assert levels(result, "ABC") == {"A": HTXS, "B": HTXS, "C": HTT}
    rs = get_ruleset("hcm-2014").with_params(rm2_outstanding_from_dang_bo=False)
    own_only = rate_organisation(*frames(members, orgs), review_date=REVIEW, ruleset=rs)
    assert levels(own_only, "ABC") == {"A": HTXS, "B": HTT, "C": HTT}


@pytest.mark.parametrize("params, quota", [
    ({"rm2_rounding": "nearest"}, 2),        # 15% of 10 = 1.5 rounds to 2
    ({"rm2_small_chi_bo_one": False}, 1),     # 10 members: not a small chi bộ, unchanged
])
def test_quota_parameters(params, quota):
    members, orgs = frames(chi_bo({"A": 10, "B": 9, "C": 8}, 10), [org()])
    rs = get_ruleset("hcm-2014").with_params(**params)
    assert rate_organisation(members, orgs, review_date=REVIEW, ruleset=rs).organisations.at[0, "htxs_quota"] == quota


def test_a_small_chi_bo_without_the_one_place_rule_follows_the_percentage():
    # 6 members, 15% of 6 = 0.9: nobody without RULES.md's "may have 1 even where the percentage gives 0".
    members, orgs = frames(chi_bo({"A": 6}, 6), [org()])
    rs = get_ruleset("hcm-2014").with_params(rm2_small_chi_bo_one=False)
    assert levels(rate_organisation(members, orgs, review_date=REVIEW, ruleset=rs), "A") == {"A": HTT}
    assert levels(rate_organisation(members, orgs, review_date=REVIEW), "A") == {"A": HTXS}


def test_r_m6_comes_before_the_quota_so_the_secretary_does_not_take_the_only_place():
    # A chi bộ cơ sở of 10 at 80 points is HTT, not TSVM. Its secretary has the most HTXS votes (10), X has 9.
    # R-M6 first: the secretary cannot be HTXS; then the quota of 1 goes to X. Quota first would have left X HTT.
    members = [cand("BT", 10, 10, role="bi_thu"), cand("X", 9, 10)] + [plain(f"T{i}", 10) for i in range(8)]
    result = rate_organisation(*frames(members, [org(points=80)]), review_date=REVIEW)
    assert result.organisation("CB").level is OrgLevel.HTT
    table = result.members.set_index("member_id")
    assert (table.loc["BT", "level"], table.loc["BT", "rule_ids"]) == (HTT, ("R-M3", "R-M6"))
    assert (table.loc["X", "level"], table.loc["X", "rule_ids"]) == (HTXS, ("R-M1", "R-M2"))
    assert table.loc["BT", "member_level"] == HTXS  # alone (rate_member) the secretary would be HTXS
    # At 95 points the chi bộ is TSVM: R-M6 does not apply, the secretary takes the place.
    tsvm = rate_organisation(*frames(members, [org(points=95)]), review_date=REVIEW)
    assert levels(tsvm, ["BT", "X"]) == {"BT": HTXS, "X": HTT}


@pytest.mark.parametrize("role", ["bi_thu", "cap_uy_cap_tren", "truong_phong"])
def test_r_m6_looks_at_the_dang_bo_co_so_for_a_chi_bo_truc_thuoc(role):
    # CB1 is TSVM (95) but its đảng bộ is HTT (80): the grassroots organisation of CB1's members is the đảng bộ.
    members = [cand("BT", 10, 10, "CB1", role=role)] + [plain(f"T{i}", 10, "CB1") for i in range(9)]
    orgs = [org("DB", "dang_bo", points=80), org("CB1", parent_id="DB", points=95)]
    result = rate_organisation(*frames(members, orgs), review_date=REVIEW)
    assert levels(result, ["BT"]) == {"BT": HTT}
    assert "tổ chức cơ sở đảng DB xếp loại «Hoàn thành tốt nhiệm vụ»" in str(result.member("BT"))
    rs = get_ruleset("hcm-2014").with_params(rm6_grassroots_org="chi_bo")
    assert levels(rate_organisation(*frames(members, orgs), review_date=REVIEW, ruleset=rs), ["BT"]) == {"BT": HTXS}


def test_a_member_without_an_office_is_not_touched_by_r_m6():
    members = [cand("A", 10, 10)] + [plain(f"T{i}", 10) for i in range(9)]
    result = rate_organisation(*frames(members, [org(points=80)]), review_date=REVIEW)
    assert levels(result, ["A"]) == {"A": HTXS}
