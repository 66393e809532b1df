"""explain(): what would have to change for the next level up; revise(): R-O6, a rating revoked and redone.

The expected changes are worked out by hand from the thresholds of 004 §IV.2 ("trên 1/2": of 8 official members at
least 5; "trên 2/3" of 9: at least 7); each case then checks that making the change does reach the next level.
"""

import pytest

from kiemtra_lib import InputError
from kiemtra_lib.rating import MemberLevel, OrgLevel, explain, rate_member, rate_organisation, revise
from _rating_support import REVIEW, cand, chi_bo_members, frames, member, org, plain


def test_a_member_short_of_votes_is_told_how_many_more():
    # 3 HTT + 3 HT of 8: HTT has 3 votes, needs more than 4, so 5: "cần thêm 2 phiếu".
    row = member(votes_tot=3, votes_hoan_thanh=3)
    e = explain(row, official_members=8, review_date=REVIEW)
    assert (e.decision.level, e.target) == (MemberLevel.HT, MemberLevel.HTT)
    assert e.rule_ids == ("R-M9",)
    assert "cần thêm 2 phiếu tán thành mức «Hoàn thành tốt nhiệm vụ» (hiện 3/8, cần trên 1/2, tức ít nhất 5)" \
        in e.texts[0]
    better = rate_member(member(votes_tot=5, votes_hoan_thanh=1), official_members=8, review_date=REVIEW)
    assert better.level is MemberLevel.HTT


def test_htxs_needs_the_assessment_and_two_thirds():
    # Good completion, no HTXS vote of 9: needs the chi bộ's "Xuất sắc" and 7 votes (more than 6).
    e = explain(member(votes_tot=9), official_members=9, review_date=REVIEW)
    assert e.target is MemberLevel.HTXS
    assert e.rule_ids == ("R-M1", "R-M9")
    assert "«Xuất sắc»" in e.texts[0] and "cần thêm 7 phiếu" in e.texts[1]


def test_sick_leave_and_the_civil_service_rating_are_named():
    row = member(task_result="xuat_sac", civil_servant_rating="hoan_thanh", sick_leave_months=4, votes_xuat_sac=9)
    e = explain(row, official_members=9, review_date=REVIEW)
    assert (e.decision.level, e.target) == (MemberLevel.HT, MemberLevel.HTT)
    assert e.rule_ids == ("R-M3", "R-M7")


def test_a_kht_member_is_told_when_the_discipline_ends_and_which_fault_to_clear():
    row = member(faults="vi_pham_dieu_cam", discipline_date="01/03/2014", votes_khong_hoan_thanh=5)
    e = explain(row, official_members=8, review_date=REVIEW)
    assert e.target is MemberLevel.HT
    assert "kỷ luật tự chấm dứt ngày 01/03/2015" in e.texts[0]
    assert "Vi phạm những điều đảng viên không được làm" in e.texts[1]
    assert "cần thêm 5 phiếu" in e.texts[2]


def test_a_new_member_is_told_from_which_day_they_are_rated():
    e = explain(member(joined_on="01/09/2014"), official_members=8, review_date=REVIEW)
    assert e.target is None and e.changes == (("K3", "đủ 6 tháng kể từ ngày kết nạp: được kiểm điểm, phân loại từ "
                                                      "ngày 01/03/2015"),)


@pytest.mark.parametrize("why, columns, levels, target, expected", [
    ("85 points: 'điểm từ 90 trở lên'", dict(points=85), ["HTT"] * 5, OrgLevel.TSVM,
     (("R-O1", "điểm từ 90 trở lên (hiện 85)"),)),
    ("65 points: 'điểm từ 70 trở lên'", dict(points=65), ["HTT"] * 5, OrgLevel.HTT,
     (("R-O3", "điểm từ 70 trở lên (hiện 65)"),)),
    ("95 points with a third-level mass organisation", dict(mass_org_ranks="3"), ["HTT"] * 5, OrgLevel.HTT,
     (("R-O3", "các đoàn thể đạt mức cao thứ hai trở lên"),)),
    ("6 KHT of 10 and 45 points", dict(points=45), ["KHT"] * 6 + ["HTT"] * 4, OrgLevel.HT,
     (("R-O5", "điểm từ 50 trở lên (hiện 45)"),
      ("R-O5", "bớt 1 đảng viên KHT (không quá 1/2 của 10: tối đa 5)"))),
    ("95 points with 1 KHT of 5", dict(), ["KHT"] + ["HTT"] * 4, OrgLevel.TSVM,
     (("R-O1", "100% đảng viên đạt «Hoàn thành nhiệm vụ» trở lên (còn 1 đảng viên chưa đạt hoặc chờ bỏ phiếu lại)"),)),
])
def test_organisation_explanations(why, columns, levels, target, expected):
    result = rate_organisation(*frames(chi_bo_members(levels), [org(**columns)]), review_date=REVIEW)
    e = explain(result, "CB")
    assert (e.target, e.changes) == (target, expected)


def test_a_dang_bo_with_too_many_yeu_kem_chi_bo_is_told_how_many_fewer():
    # 3 of 8 Yếu kém; at most 1/3 of 8, so 2: one fewer.
    orgs = [org("DB", "dang_bo")] + [org(f"CB{i}", parent_id="DB", points=40 if i < 3 else 95) for i in range(8)]
    members = sum((chi_bo_members(["HTT"] * 3, f"CB{i}") for i in range(8)), [])
    e = explain(rate_organisation(*frames(members, orgs), review_date=REVIEW), "DB")
    assert e.changes == (("R-O5", "bớt 1 chi bộ Yếu kém (không quá 1/3 của 8: tối đa 2)"),)


def test_following_the_explanation_reaches_the_next_level():
    before = rate_organisation(*frames(chi_bo_members(["HTT"] * 5), [org(points=85)]), review_date=REVIEW)
    assert explain(before, "CB").target is OrgLevel.TSVM
    after = rate_organisation(*frames(chi_bo_members(["HTT"] * 5), [org(points=90)]), review_date=REVIEW)
    assert after.organisation("CB").level is OrgLevel.TSVM
    assert explain(after, "CB").target is None


def test_quota_and_r_m6_explanations_inside_a_chi_bo():
    # 80 points (HTT): the secretary is barred by R-M6; X (9 votes) takes the quota of 1; Y (8) is told to beat 9.
    members = [cand("BT", 10, 10, role="bi_thu"), cand("X", 9, 10), cand("Y", 8, 10)]
    members += [plain(f"T{i}", 10) for i in range(7)]
    result = rate_organisation(*frames(members, [org(points=80)]), review_date=REVIEW)
    assert explain(result, "BT").rule_ids == ("R-M6",)
    y = explain(result, "Y")
    assert y.rule_ids == ("R-M2",) and "cần nhiều hơn 9 phiếu HTXS" in y.texts[0]
    assert "Để đạt «Hoàn thành xuất sắc nhiệm vụ» cần:" in str(y)


def test_explain_needs_what_it_cannot_guess():
    with pytest.raises(InputError):
        explain(member(votes_tot=5), review_date=REVIEW)
    result = rate_organisation(*frames(chi_bo_members(["HTT"]), [org()]), review_date=REVIEW)
    with pytest.raises(InputError):
        explain(result, "KHONG-CO")


def test_revise_redoes_the_rating_and_marks_what_changed():
    # R-O6: after recognition, a fault is found for one member (4 of 5 vote KHT): the member becomes KHT, and the
    # chi bộ, no longer 100% HT or above, drops from TSVM to HTT. The other members keep their level and reasons.
    members, orgs = frames(chi_bo_members(["HTT"] * 5), [org()])
    first = rate_organisation(members, orgs, review_date=REVIEW)
    corrected = members.copy()
    corrected.loc[0, ["faults", "votes_tot", "votes_khong_hoan_thanh"]] = ["vi_pham_dieu_cam", 1, 4]
    again = revise(first, corrected, orgs)
    m = again.members.set_index("member_id")
    assert (m.loc["CB-01", "level"], m.loc["CB-01", "previous_level"]) == ("KHT", "HTT")
    assert m.loc["CB-01", "rule_ids"] == ("R-M5", "R-O6")
    assert m.loc["CB-02", "rule_ids"] == ("R-M3",)
    o = again.organisations.set_index("org_id")
    assert (o.loc["CB", "level"], o.loc["CB", "previous_level"]) == ("HTT", "TSVM")
    assert o.loc["CB", "rule_ids"][-1] == "R-O6"
    assert "Kết quả trước («Trong sạch vững mạnh») bị hủy bỏ và phân loại lại." in str(again.organisation("CB"))
