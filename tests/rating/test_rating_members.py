"""rate_member: one member alone (K3, K5, R-M1, R-M3, R-M4, R-M5, R-M6 absences, R-M7, R-M9, R-M10).

Each case is worked out by hand from 004 §II.1.1.b and §IV.2.2–3 with the interpretations of RULES.md; "n" is the
chi bộ's number of official members. "More than 2/3 of n" means 3·votes > 2·n; "more than 1/2" means 2·votes > n.
Votes for a higher level count for the levels below it (R-M9), so HTT's votes are votes_xuat_sac + votes_tot.
"""

import pytest

from kiemtra_lib import InputError, get_ruleset
from kiemtra_lib.rating import Decision, MemberLevel, rate_member
from _rating_support import REVIEW, member

HTXS, HTT, HT, KHT = MemberLevel.HTXS, MemberLevel.HTT, MemberLevel.HT, MemberLevel.KHT

# (sentence, member columns, n, expected level, expected rule ids in order, expected flags)
SCENARIOS = [
    # R-M1: excellent completion and more than 2/3 of the official members.
    ("excellent with 7 of 9 votes for HTXS (21 > 18) is HTXS",
     dict(task_result="xuat_sac", votes_xuat_sac=7, votes_tot=2), 9, HTXS, ("R-M1",), ()),
    ("exactly 2/3 (6 of 9) is not more than 2/3: the 6 + 2 votes pass HTT's half instead",
     dict(task_result="xuat_sac", votes_xuat_sac=6, votes_tot=2), 9, HTT, ("R-M9", "R-M3"), ()),
    ("in a chi bộ of 6, 4 votes are exactly 2/3: HTT",
     dict(task_result="xuat_sac", votes_xuat_sac=4, votes_tot=2), 6, HTT, ("R-M9", "R-M3"), ()),
    ("in a chi bộ of 6, 5 votes are more than 2/3: HTXS",
     dict(task_result="xuat_sac", votes_xuat_sac=5, votes_tot=1), 6, HTXS, ("R-M1",), ()),
    ("a civil servant rated 'xuất sắc' with enough votes is HTXS",
     dict(task_result="xuat_sac", civil_servant_rating="xuat_sac", votes_xuat_sac=8), 9, HTXS, ("R-M1",), ()),
    ("a civil servant rated 'tốt' without an award cannot be HTXS: HTT",
     dict(task_result="xuat_sac", civil_servant_rating="tot", votes_xuat_sac=8), 9, HTT, ("R-M1", "R-M3"), ()),
    ("a civil servant rated 'tốt' proposed as emulation fighter is HTXS",
     dict(task_result="xuat_sac", civil_servant_rating="tot", emulation_award=True, votes_xuat_sac=8), 9, HTXS,
     ("R-M1",), ()),
    ("an award does not lift a civil servant rated 'hoàn thành' above HT (levels nest)",
     dict(task_result="xuat_sac", civil_servant_rating="hoan_thanh", emulation_award=True, votes_xuat_sac=8), 9, HT,
     ("R-M3", "R-M4"), ()),
    ("a civil servant rated 'hạn chế năng lực' with HTT votes is HT",
     dict(task_result="tot", civil_servant_rating="han_che_nang_luc", votes_tot=8), 9, HT, ("R-M3", "R-M4"), ()),
    ("a member who is not a civil servant needs no civil-service rating nor award for HTXS",
     dict(task_result="xuat_sac", civil_servant_rating=None, votes_xuat_sac=7), 9, HTXS, ("R-M1",), ()),
    ("good completion can never be HTXS, whatever the votes",
     dict(task_result="tot", votes_xuat_sac=9), 9, HTT, ("R-M1", "R-M3"), ()),
    # R-M3, R-M4: more than 1/2.
    ("5 of 8 for HTT (10 > 8) is HTT", dict(votes_tot=5, votes_hoan_thanh=3), 8, HTT, ("R-M3",), ()),
    ("exactly 1/2 (4 of 8) for HTT is not enough: the 4 + 4 votes make HT",
     dict(votes_tot=4, votes_hoan_thanh=4), 8, HT, ("R-M9", "R-M4"), ()),
    ("4 of 7 is more than 1/2 (8 > 7): HTT", dict(votes_tot=4, votes_hoan_thanh=3), 7, HTT, ("R-M3",), ()),
    ("an HTXS vote counts for HTT: 3 HTXS + 2 HTT of 9 = 5 > 4.5", dict(votes_xuat_sac=3, votes_tot=2), 9, HTT,
     ("R-M3",), ()),
    ("basic completion with HTT votes is HT", dict(task_result="hoan_thanh", votes_tot=6), 8, HT, ("R-M3", "R-M4"),
     ()),
    ("basic completion with exactly half the votes: no level, a new vote",
     dict(task_result="hoan_thanh", votes_hoan_thanh=4, votes_tot=0), 8, None, ("R-M10",), ("can_bo_phieu_lai",)),
    ("KHT votes without any R-M5 condition give no level: a new vote",
     dict(votes_tot=3, votes_khong_hoan_thanh=5), 8, None, ("R-M10",), ("can_bo_phieu_lai",)),
    # R-M5 and R-M10 (2).
    ("a breach of the prohibitions with 5 of 8 KHT votes is KHT",
     dict(faults="vi_pham_dieu_cam", votes_khong_hoan_thanh=5, votes_tot=3), 8, KHT, ("R-M5",), ()),
    ("a fault with exactly half the KHT votes stays KHT, flagged for the chi bộ to reconsider",
     dict(faults="gay_mat_doan_ket", votes_khong_hoan_thanh=4, votes_tot=4), 8, KHT, ("R-M5", "R-M10"),
     ("can_xem_xet_lai",)),
    ("the chi bộ's assessment 'không hoàn thành' is the fault 'did not complete the tasks' even if not listed",
     dict(task_result="khong_hoan_thanh", votes_khong_hoan_thanh=5), 8, KHT, ("R-M5",), ()),
    ("a civil-service rating 'chưa hoàn thành' is an R-M5 fault",
     dict(civil_servant_rating="chua_hoan_thanh", votes_khong_hoan_thanh=6, votes_tot=2), 8, KHT, ("R-M5",), ()),
    ("a discipline of 26/11/2013 is still served on 25/11/2014 (ends 26/11/2014): KHT",
     dict(discipline_date="26/11/2013", votes_khong_hoan_thanh=5, votes_tot=3), 8, KHT, ("R-M5",), ()),
    ("a discipline of 25/11/2013 ended by itself on 25/11/2014, the review day: rated by the votes",
     dict(discipline_date="25/11/2013", votes_tot=8), 8, HTT, ("R-M3",), ()),
    ("R-M5 outranks excellent votes: a refused assignment with 0 KHT votes is KHT to reconsider",
     dict(task_result="xuat_sac", faults="khong_chap_hanh_phan_cong", votes_xuat_sac=8), 8, KHT, ("R-M5", "R-M10"),
     ("can_xem_xet_lai",)),
    # R-M6 (absences, the part needing no organisation), R-M7.
    ("3 absences with leave bar HTXS: HTT",
     dict(task_result="xuat_sac", absences=3, votes_xuat_sac=9), 9, HTT, ("R-M6", "R-M3"), ()),
    ("2 absences do not bar HTXS", dict(task_result="xuat_sac", absences=2, votes_xuat_sac=9), 9, HTXS, ("R-M1",),
     ()),
    ("3 months of sick leave cap the level at HT",
     dict(task_result="xuat_sac", sick_leave_months=3, votes_xuat_sac=9), 9, HT, ("R-M7", "R-M4"), ()),
    ("2.5 months of sick leave do not cap", dict(task_result="xuat_sac", sick_leave_months=2.5, votes_xuat_sac=9), 9,
     HTXS, ("R-M1",), ()),
    ("maternity leave is not sick leave: rated on the task completion",
     dict(task_result="xuat_sac", maternity_leave=True, votes_xuat_sac=9), 9, HTXS, ("R-M7", "R-M1"), ()),
    ("maternity leave and 2 months of sick leave: only the sick months count",
     dict(task_result="tot", maternity_leave=True, sick_leave_months=2, votes_tot=9), 9, HTT, ("R-M7", "R-M3"), ()),
    # K3, K5 (R-M10 step 1).
    ("admitted on 25/05/2014, exactly six months before the meeting of 25/11/2014: rated",
     dict(joined_on="25/05/2014", votes_tot=8), 8, HTT, ("R-M3",), ()),
    ("admitted on 26/05/2014, one day short of six months: not rated this time",
     dict(joined_on="26/05/2014", votes_tot=8), 8, None, ("K3",), ()),
    ("a member absent from the review is not rated this time", dict(reviewed=False, votes_tot=8), 8, None, ("K5",),
     ()),
]


@pytest.mark.parametrize("why, columns, n, level, rule_ids, flags", SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_member_scenarios(why, columns, n, level, rule_ids, flags):
    d = rate_member(member(**columns), official_members=n, review_date=REVIEW)
    assert isinstance(d, Decision)
    assert (d.level, d.rule_ids, d.flags) == (level, rule_ids, flags)


@pytest.mark.parametrize("joined, review, rated", [
    ("31/05/2014", "30/11/2014", True),   # 31/05 + 6 months = 30/11 (Art. 148: the month's last day)
    ("31/05/2014", "29/11/2014", False),
    ("31/08/2014", "28/02/2015", True),   # 31/08 + 6 months = 28/02
])
def test_six_months_on_a_short_month_end_at_its_last_day(joined, review, rated):
    d = rate_member(member(joined_on=joined, votes_tot=5), official_members=8, review_date=review)
    assert (d.level is not None) == rated


PARAMETER_CASES = [
    ("with the award alone enough (award_needs_htt_civil_service=False), 'hoàn thành' + award is HTXS",
     {"award_needs_htt_civil_service": False},
     dict(task_result="xuat_sac", civil_servant_rating="hoan_thanh", emulation_award=True, votes_xuat_sac=8), 9,
     HTXS, ("R-M1",)),
    ("with 'đủ 6 tháng' only the day after (day_after), admitted exactly 6 months before is not rated",
     {"k3_six_months_reached": "day_after"}, dict(joined_on="25/05/2014", votes_tot=8), 8, None, ("K3",)),
    ("with maternity counted as sick leave, maternity caps at HT",
     {"maternity_counts_as_sick_leave": True}, dict(task_result="xuat_sac", maternity_leave=True, votes_xuat_sac=9),
     9, HT, ("R-M7", "R-M4")),
    ("with votes counted per level only, 5 HTXS + 3 HTT + 1 HT of 9 pass nothing",
     {"rm9_votes_count_downward": False},
     dict(task_result="xuat_sac", votes_xuat_sac=5, votes_tot=3, votes_hoan_thanh=1), 9, None, ("R-M10",)),
    ("with the assessment not a fault by itself, 'không hoàn thành' without faults gives no level: R-M4 needs "
     "basic completion, so the HT votes do not help",
     {"task_result_khong_hoan_thanh_is_fault": False}, dict(task_result="khong_hoan_thanh", votes_hoan_thanh=8), 8,
     None, ("R-M4", "R-M10")),
    ("with 4 absences the limit, 3 absences no longer bar HTXS",
     {"rm6_absences_at_least": 4}, dict(task_result="xuat_sac", absences=3, votes_xuat_sac=9), 9, HTXS, ("R-M1",)),
]


@pytest.mark.parametrize("why, params, columns, n, level, rule_ids", PARAMETER_CASES,
                         ids=[c[0] for c in PARAMETER_CASES])
def test_each_interpretation_is_a_parameter_that_changes_the_outcome(why, params, columns, n, level, rule_ids):
    rs = get_ruleset("hcm-2014").with_params(**params)
    d = rate_member(member(**columns), official_members=n, review_date=REVIEW, ruleset=rs)
    assert (d.level, d.rule_ids) == (level, rule_ids)
    default = rate_member(member(**columns), official_members=n, review_date=REVIEW)
    assert default.level != level


def test_the_decision_explains_itself_in_vietnamese_with_its_sources():
    d = rate_member(member(task_result="xuat_sac", votes_xuat_sac=6, votes_tot=2), official_members=9,
                    review_date=REVIEW)
    text = str(d)
    assert d.label == "Hoàn thành tốt nhiệm vụ" and text.startswith("Đảng viên M01: Hoàn thành tốt nhiệm vụ.")
    assert "6/9 phiếu (cần trên 2/3, tức ít nhất 7 phiếu)" in text
    assert "[R-M3, 004 §IV.2.2.b]" in text and "hcm-2014" in text
    # the course's catalogue is cited as «diễn giải của khóa học» (rules.Source.cite, issue 19)
    assert [r.source for r in d.reasons] == ["004 §IV.2.2; diễn giải của khóa học (R-M9)", "004 §IV.2.2.b"]
    assert "<h4>Đảng viên M01: Hoàn thành tốt nhiệm vụ</h4>" in d._repr_html_()  # the title of its card (render)
    assert d.ruleset == "hcm-2014" and "2014" in d.ruleset_label


def test_a_member_awaiting_a_new_vote_and_one_not_rated_read_differently():
    waiting = rate_member(member(), official_members=5, review_date=REVIEW)
    absent = rate_member(member(reviewed=False), official_members=5, review_date=REVIEW)
    assert waiting.label == "Chưa đủ phiếu cho mức nào, cần bỏ phiếu lại"
    assert absent.label == "Chưa phân loại lần này"
    assert "Cần bỏ phiếu lại" in str(waiting)


def test_levels_are_ordered_and_carry_the_seed_wording():
    assert MemberLevel.HTXS > MemberLevel.HTT > MemberLevel.HT > MemberLevel.KHT
    assert [lv.label for lv in MemberLevel] == ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ",
                                                "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ"]
    assert MemberLevel.parse("HTT") is MemberLevel.HTT
    assert MemberLevel.parse("Hoàn thành nhiệm vụ") is MemberLevel.HT
    from kiemtra_lib.rating import OrgLevel
    with pytest.raises(TypeError):
        MemberLevel.HT < OrgLevel.TSVM  # noqa: B015 (a member level is never compared with an organisation's)


@pytest.mark.parametrize("columns, n, field", [
    (dict(votes_tot=5, votes_hoan_thanh=4), 8, "votes_xuat_sac + votes_tot + votes_hoan_thanh"),
    (dict(task_result="gioi", votes_tot=5), 8, "task_result"),
    (dict(votes_tot=-1), 8, "votes_tot"),
    (dict(votes_tot=5, discipline_date="01/12/2014"), 8, "ngày công bố quyết định kỷ luật"),
])
def test_bad_input_is_an_input_error_naming_the_field(columns, n, field):
    with pytest.raises(InputError) as err:
        rate_member(member(**columns), official_members=n, review_date=REVIEW)
    assert err.value.field.startswith(field)
    assert "Giá trị không hợp lệ" in str(err.value)


@pytest.mark.parametrize("n", [-1, 2.5, "tám", True])
def test_the_official_member_count_must_be_a_whole_number(n):
    with pytest.raises(InputError, match="official_members"):
        rate_member(member(votes_tot=1), official_members=n, review_date=REVIEW)
