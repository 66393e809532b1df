"""rate_organisation, the organisations' side: R-O1, R-O2, R-O3, R-O4, R-O5, R-O8 and the structure checks.

Worked out by hand from 004 §IV.2.1 with RULES.md's decisions: each level needs the conditions of the levels below
(R-O8); exactly one failed task caps at HT; no mass organisation means nothing to fail; members not rated this time
(K3, K5) are left out of the counts, a member awaiting a new vote counts and is not "HT or above".
The builder ``org`` meets every R-O1 condition unless the case changes one; each member is voted unanimously.
"""

import pytest

from kiemtra_lib import InputError, get_ruleset
from kiemtra_lib.rating import OrgLevel, rate_organisation
from _rating_support import REVIEW, chi_bo_members, frames, member, org

TSVM, HTT, HT, YK = OrgLevel.TSVM, OrgLevel.HTT, OrgLevel.HT, OrgLevel.YEU_KEM
TEN_HTT = ["HTT"] * 10

# (sentence, organisation columns, member levels, expected level, expected rule ids, expected flags)
CHI_BO_SCENARIOS = [
    ("90 points and every condition: TSVM", dict(points=90), TEN_HTT, TSVM, ("R-O1", "R-O8"), ()),
    ("89.5 points is under 90: HTT", dict(points=89.5), TEN_HTT, HTT, ("R-O3",), ()),
    ("70 points: HTT", dict(points=70), TEN_HTT, HTT, ("R-O3",), ()),
    ("69.5 points is under 70: HT", dict(points=69.5), TEN_HTT, HT, ("R-O4",), ()),
    ("50 points: HT", dict(points=50), TEN_HTT, HT, ("R-O4",), ()),
    ("49.5 points is under 50: Yếu kém", dict(points=49.5), TEN_HTT, YK, ("R-O5",), ()),
    ("95 points, committee completed its tasks well but not excellently: HTT",
     dict(committee_result="tot"), TEN_HTT, HTT, ("R-O3", "R-O1"), ()),
    ("95 points, meetings not held as required: HTT", dict(meets_regularly=False), TEN_HTT, HTT, ("R-O3", "R-O1"),
     ()),
    ("95 points, remedy plan not carried out: HTT", dict(remedy_plan_done=False), TEN_HTT, HTT, ("R-O3", "R-O1"), ()),
    ("95 points, a mass organisation at its second level: HTT", dict(mass_org_ranks="1;2"), TEN_HTT, HTT,
     ("R-O3", "R-O1"), ()),
    ("95 points, a mass organisation at its third level: HT", dict(mass_org_ranks="1;3"), TEN_HTT, HT,
     ("R-O4", "R-O3"), ()),
    ("one mass organisation at the lowest level is not Yếu kém, but below the second level: HT",
     dict(mass_org_ranks="4"), TEN_HTT, HT, ("R-O4", "R-O3"), ()),
    ("two mass organisations at the lowest level: Yếu kém", dict(mass_org_ranks="4;1;4"), TEN_HTT, YK, ("R-O5",),
     ()),
    ("a disciplined head on the committee bars HTT, and so TSVM (levels nest): HT",
     dict(leader_disciplined=True), TEN_HTT, HT, ("R-O4", "R-O3"), ()),
    ("the same discipline found and handled by the organisation itself bars nothing: TSVM",
     dict(leader_disciplined=True, self_detected=True), TEN_HTT, TSVM, ("R-O1", "R-O8"), ()),
    ("exactly one failed task at 95 points: at most HT", dict(failed_tasks=1), TEN_HTT, HT, ("R-O4", "R-O3"), ()),
    ("two failed tasks: Yếu kém whatever the points", dict(failed_tasks=2), TEN_HTT, YK, ("R-O5",), ()),
    ("committee only completed its tasks (hoàn thành): HT", dict(committee_result="hoan_thanh"), TEN_HTT, HT,
     ("R-O4", "R-O3"), ()),
    ("a disunited committee: Yếu kém at 95 points", dict(committee_united=False), TEN_HTT, YK, ("R-O5",), ()),
    ("corruption that led to a member's discipline: Yếu kém", dict(corruption_discipline=True), TEN_HTT, YK,
     ("R-O5",), ()),
    ("the agency rated at its lowest level: Yếu kém", dict(agency_lowest=True), TEN_HTT, YK, ("R-O5",), ()),
    ("1 KHT of 10 members: not 100% HT or above, so HTT at 95", dict(), ["KHT"] + ["HTT"] * 9, HTT,
     ("R-O3", "R-O1"), ()),
    ("5 KHT of 10 is exactly 1/2, not more: HTT at 80", dict(points=80), ["KHT"] * 5 + ["HTT"] * 5, HTT, ("R-O3",),
     ()),
    ("6 KHT of 10 is more than 1/2: Yếu kém", dict(points=80), ["KHT"] * 6 + ["HTT"] * 4, YK, ("R-O5",), ()),
    ("6 KHT of 10 counted (2 more absent from the review, left out; 6/12 would not be more than 1/2): Yếu kém",
     dict(points=80), ["KHT"] * 6 + ["HTT"] * 4 + ["K5"] * 2, YK, ("R-O5",), ()),
    ("a member absent from the review is left out of R-O1's 100%: TSVM", dict(), ["HTT"] * 9 + ["K5"], TSVM,
     ("R-O1", "R-O8"), ()),
    ("a member awaiting a new vote is not HT or above: HTT, and the chi bộ must vote again", dict(),
     ["HTT"] * 9 + ["VOTE"], HTT, ("R-O3", "R-O1"), ("can_bo_phieu_lai",)),
]


@pytest.mark.parametrize("why, columns, levels, level, rule_ids, flags", CHI_BO_SCENARIOS,
                         ids=[c[0] for c in CHI_BO_SCENARIOS])
def test_chi_bo_co_so_scenarios(why, columns, levels, level, rule_ids, flags):
    members, orgs = frames(chi_bo_members(levels), [org(**columns)])
    result = rate_organisation(members, orgs, review_date=REVIEW)
    d = result.organisation("CB")
    assert (d.level, d.rule_ids, d.flags) == (level, rule_ids, flags)
    row = result.organisations.iloc[0]
    assert (row["level"], row["label"], row["rule_ids"], row["flags"]) == (level.value, level.label, rule_ids, flags)


def dang_bo(yeu_kem: int, others: int, **db_columns):
    """A đảng bộ at 95 points (every own condition met) over ``yeu_kem`` chi bộ at 40 points and ``others`` at 95;
    each chi bộ has 3 members voted HTT unanimously."""
    orgs = [org("DB", "dang_bo", **db_columns)]
    members = []
    for i in range(yeu_kem + others):
        cb = f"CB{i + 1}"
        orgs.append(org(cb, parent_id="DB", points=40 if i < yeu_kem else 95))
        members += chi_bo_members(["HTT"] * 3, cb)
    return frames(members, orgs)


@pytest.mark.parametrize("why, yeu_kem, others, level, rule_ids", [
    # The other chi bộ are TSVM, so every đảng bộ also states its R-O2 quota of "TSVM tiêu biểu".
    ("1 of 3 chi bộ Yếu kém is exactly 1/3, not more; but not 100% HT or above: HTT", 1, 2, HTT,
     ("R-O3", "R-O1", "R-O2")),
    ("2 of 6 chi bộ Yếu kém is exactly 1/3: HTT", 2, 4, HTT, ("R-O3", "R-O1", "R-O2")),
    ("3 of 8 chi bộ Yếu kém is just over 1/3: Yếu kém", 3, 5, YK, ("R-O5", "R-O2")),
    ("2 of 5 chi bộ Yếu kém is over 1/3: Yếu kém", 2, 3, YK, ("R-O5", "R-O2")),
    ("no chi bộ Yếu kém and every own condition: TSVM, with the 'tiêu biểu' quota of R-O2", 0, 5, TSVM,
     ("R-O1", "R-O8", "R-O2")),
])
def test_dang_bo_scenarios(why, yeu_kem, others, level, rule_ids):
    result = rate_organisation(*dang_bo(yeu_kem, others), review_date=REVIEW)
    d = result.organisation("DB")
    assert (d.level, d.rule_ids) == (level, rule_ids)
    row = result.organisations.set_index("org_id").loc["DB"]
    assert (row["n_chi_bo"], row["n_chi_bo_yeu_kem"]) == (yeu_kem + others, yeu_kem)


def test_tsvm_tieu_bieu_is_at_most_20_percent_of_the_tsvm_chi_bo():
    # 5 TSVM chi bộ: 20% of 5 = 1 may be proposed; 4 TSVM: 20% of 4 = 0.8, so none.
    five = rate_organisation(*dang_bo(0, 5), review_date=REVIEW).organisations.set_index("org_id")
    four = rate_organisation(*dang_bo(0, 4), review_date=REVIEW).organisations.set_index("org_id")
    assert (five.loc["DB", "n_chi_bo_tsvm"], five.loc["DB", "exemplary_quota"]) == (5, 1)
    assert (four.loc["DB", "n_chi_bo_tsvm"], four.loc["DB", "exemplary_quota"]) == (4, 0)
    assert five.loc["CB1", "rule_ids"] == ("R-O1", "R-O8", "R-O2")
    assert four.loc["CB1", "rule_ids"] == ("R-O1", "R-O8")
    assert "không quá 1 chi bộ" in five.loc["DB", "reasons"]


@pytest.mark.parametrize("why, params, columns, level", [
    ("without nesting, a disciplined head no longer bars TSVM", {"ro8_levels_nest": False},
     dict(leader_disciplined=True), TSVM),
    ("without the one-failed-task cap, one failed task at 95 points leaves TSVM", {"ro_one_failed_task_caps_at_ht":
                                                                                  False}, dict(failed_tasks=1), TSVM),
    ("if having no mass organisation fails the conditions, 95 points give HT", {"ro_no_mass_org_holds": False},
     dict(), HT),
])
def test_organisation_interpretations_are_parameters(why, params, columns, level):
    members, orgs = frames(chi_bo_members(TEN_HTT), [org(**columns)])
    rs = get_ruleset("hcm-2014").with_params(**params)
    changed = rate_organisation(members, orgs, review_date=REVIEW, ruleset=rs).organisation("CB")
    default = rate_organisation(members, orgs, review_date=REVIEW).organisation("CB")
    assert changed.level == level and default.level != level


def test_the_yeu_kem_reason_lists_every_cause_with_its_figures():
    members, orgs = frames(chi_bo_members(["KHT"] * 6 + ["HTT"] * 4),
                           [org(points=45, failed_tasks=2, mass_org_ranks="4;4")])
    text = rate_organisation(members, orgs, review_date=REVIEW).organisations.at[0, "reasons"]
    for part in ("không hoàn thành 2 nhiệm vụ được giao", "đạt 45 điểm, dưới 50", "2 đoàn thể xếp loại mức thấp nhất",
                 "6/10 đảng viên Không hoàn thành nhiệm vụ (trên 1/2)", "[R-O5, 004 §IV.2.1.d]"):
        assert part in text


def test_the_result_says_what_it_is_and_keeps_the_input_order():
    members, orgs = dang_bo(0, 2)
    orgs = orgs.iloc[::-1].reset_index(drop=True)
    result = rate_organisation(members, orgs, review_date=REVIEW)
    assert list(result.organisations["org_id"]) == ["CB2", "CB1", "DB"]
    assert {"level", "label", "rule_ids", "reasons", "flags"} <= set(result.organisations.columns)
    assert {"level", "label", "rule_ids", "reasons", "flags"} <= set(result.members.columns)
    assert [n.rule_id for n in result.notes] == ["R-O7", "R-O8", "R-O6"]
    assert result.ruleset == "hcm-2014" and "2014" in result.ruleset_label
    assert "Xếp loại ngày 25/11/2014" in result._repr_html_()
    assert str(result.organisation("DB")).startswith("Đảng bộ DB: Trong sạch vững mạnh.")
    # each chi bộ has 3 members voted HTT unanimously: the summary counts them per chi bộ
    assert result.summary().to_dict() == {"Hoàn thành tốt nhiệm vụ": {"CB1": 3, "CB2": 3}}


STRUCTURE_ERRORS = [
    ("a member of an unknown chi bộ", [member("M1", "CB"), member("M2", "CBX")], [org()], "chi_bo_id", "CBX"),
    ("a member placed in a đảng bộ", [member("M1", "CB"), member("M2", "DB")],
     [org("DB", "dang_bo"), org("CB", parent_id="DB")], "chi_bo_id", "DB"),
    ("a chi bộ without members", [member("M1", "CB")], [org(), org("CB2")], "org_id", "CB2"),
    ("a đảng bộ without chi bộ", [member("M1", "CB")], [org(), org("DB", "dang_bo")], "org_id", "DB"),
    ("a đảng bộ under another đảng bộ", [member("M1", "CB")],
     [org("DB", "dang_bo"), org("DB2", "dang_bo", parent_id="DB"), org("CB", parent_id="DB")], "parent_id", "DB"),
    ("a chi bộ under a chi bộ", [member("M1", "CB"), member("M2", "CB2")], [org(), org("CB2", parent_id="CB")],
     "parent_id", "CB"),
    ("a chi bộ under an unknown organisation", [member("M1", "CB")], [org(parent_id="DBX")], "parent_id", "DBX"),
]


@pytest.mark.parametrize("why, members, orgs, field, value", STRUCTURE_ERRORS, ids=[e[0] for e in STRUCTURE_ERRORS])
def test_broken_structure_is_an_input_error_naming_the_organisation(why, members, orgs, field, value):
    with pytest.raises(InputError) as err:
        rate_organisation(*frames(members, orgs), review_date=REVIEW)
    assert any(p.field == field and p.value == value for p in err.value.problems), str(err.value)


def test_votes_are_checked_against_the_official_members_only():
    # 3 rows, 2 official: 3 votes for one member are more ballots than the 2 official members can cast.
    members = [member("M1", votes_tot=3), member("M2", votes_tot=2), member("M3", official=False, votes_tot=2)]
    with pytest.raises(InputError) as err:
        rate_organisation(*frames(members, [org()]), review_date=REVIEW)
    assert [p.row for p in err.value.problems] == ["1 (M1)"]
    assert "(2)" in str(err.value)


def test_every_bad_value_of_both_tables_is_reported_at_once():
    members = [member("M1", task_result="gioi", votes_tot=-2)]
    with pytest.raises(InputError) as err:
        rate_organisation(*frames(members, [org()]), review_date=REVIEW)
    assert {p.field for p in err.value.problems} == {"task_result", "votes_tot"}
    with pytest.raises(InputError, match="points"):
        rate_organisation(*frames([member("M1")], [org(points=101)]), review_date=REVIEW)
