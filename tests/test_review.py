"""The review meeting (K1–K5): scenario tables worked out by hand from seed 003 (Bước 2) and 004 §II.1, §IV.3, §V.3.

Sources, in short: 004 §V.3 "tập thể kiểm điểm trước, cá nhân kiểm điểm sau; cán bộ giữ chức vụ lãnh đạo, quản lý
kiểm điểm trước, đảng viên kiểm điểm sau", its heading lists "cá nhân Bí thư, Phó bí thư, chi ủy viên, từng đảng
viên", and "khi kiểm điểm cá nhân đồng chí Bí thư thì đồng chí Phó bí thư chủ trì". 004 §II.1.2 lists where each
post is reviewed; §II.1.1.b leaves out members admitted less than 6 months before the chi bộ's meeting (K3, where
"exactly 6 months" counts as enough: RULES.md); §IV.3 rates an absent member at the next meeting (K5).
"""

from __future__ import annotations

import pytest

from kiemtra_lib.errors import InputError
from kiemtra_lib.review import plan_review, steps

MEETING = "20/11/2014"


def member(mid, posts="", joined=None, present=True, **extra):
    row = {"member_id": mid, "ho_ten": f"Đồng chí {mid}", "posts": posts, "reviewed": present}
    if joined:
        row["joined_on"] = joined
    row.update(extra)
    return row


CHI_BO = [
    member("A"),                                # an ordinary member, listed first on purpose
    member("B", "bi_thu_chi_bo"),
    member("C", "chi_uy_vien"),
    member("D", "pho_bi_thu_chi_bo"),
    member("E", "lanh_dao_quan_ly"),            # a head of department: leaders before members
    member("F"),
    member("G", joined="21/05/2014"),           # 6 months later is 21/11/2014, after the meeting: not reviewed
    member("H", joined="20/05/2014"),           # exactly 6 months on 20/11/2014: reviewed
]


def individuals(plan):
    return [i.member_id for i in plan.agenda if i.kind == "ca_nhan"]


# (name, members, expected individual order) -- each worked out from the K2 tiers above.
ORDER_CASES = [
    ("secretary, deputy, committee member, then managers, then members in list order",
     CHI_BO, ["B", "D", "C", "E", "A", "F", "H"]),
    ("without posts the list order is kept (the source does not rank ordinary members)",
     [member("Z"), member("Y"), member("X")], ["Z", "Y", "X"]),
    ("a member of the Đảng ủy standing committee is a leader: before ordinary members, after the secretary",
     [member("P"), member("Q", "uy_vien_thuong_vu"), member("R", "bi_thu_chi_bo"), member("S", "pho_bi_thu_chi_bo")],
     ["R", "S", "Q", "P"]),
    ("an absent member comes last and is rated later (K5)",
     [member("P", present=False), member("Q"), member("R", "bi_thu_chi_bo")], ["R", "Q", "P"]),
]


@pytest.mark.parametrize("name,members,expected", ORDER_CASES, ids=[c[0] for c in ORDER_CASES])
def test_order_of_individual_reviews(name, members, expected):
    assert individuals(plan_review(members, meeting_date=MEETING)) == expected


def test_the_collective_is_reviewed_before_any_individual_and_the_vote_comes_last():
    plan = plan_review(CHI_BO, meeting_date=MEETING)
    kinds = [i.kind for i in plan.agenda]
    # two collective items (committee's report, the chi bộ's year report), 7 individuals, the vote on members
    assert kinds == ["tap_the", "tap_the"] + ["ca_nhan"] * 7 + ["bo_phieu"]
    assert all(r.rule_id == "K2" for r in plan.agenda[0].reasons)


def test_the_deputy_chairs_while_the_secretary_is_reviewed():
    plan = plan_review(CHI_BO, meeting_date=MEETING)
    by_member = {i.member_id: i for i in plan.agenda if i.member_id}
    assert by_member["B"].chair == "Phó Bí thư chi bộ Đồng chí D"
    assert by_member["A"].chair == "Bí thư chi bộ Đồng chí B"
    assert plan.position("B") == 1 and plan.position("A") == 5


def test_without_a_deputy_the_chair_of_the_secretary_s_turn_is_left_to_the_chi_bo():
    plan = plan_review([member("B", "bi_thu_chi_bo"), member("A")], meeting_date=MEETING)
    item = next(i for i in plan.agenda if i.member_id == "B")
    assert item.chair == "(chưa xác định)"
    assert item.flags and "Phó Bí thư" in item.flags[0]
    assert item.flags[0] in plan.flags


def test_k3_six_months_boundary_and_k5_absence():
    plan = plan_review(CHI_BO + [member("I", present=False)], meeting_date=MEETING)
    assert [e.member_id for e in plan.not_reviewed] == ["G"]
    assert plan.not_reviewed[0].reason.rule_id == "K3"
    assert "21/11/2014" in plan.not_reviewed[0].reason.text  # the day G would have completed 6 months
    assert plan.position("H") is not None  # admitted exactly 6 months before: reviewed
    assert [e.member_id for e in plan.absent] == ["I"] and plan.absent[0].reason.rule_id == "K5"
    assert "không kiểm điểm" in plan.explain("G")


# (name, posts, has_committee, expected forums) -- 004 §II.1.2 bullet by bullet.
PLACE_CASES = [
    ("an ordinary member: only the chi bộ", "", True, ("chi_bo",)),
    ("the chi bộ secretary where there is a committee: the chi bộ and its committee", "bi_thu_chi_bo", True,
     ("chi_bo", "cap_uy_chi_bo")),
    ("the deputy secretary where there is no committee: before the chi bộ only", "pho_bi_thu_chi_bo", False,
     ("chi_bo",)),
    ("a committee member of the chi bộ: the chi bộ (the list names only secretary and deputy)", "chi_uy_vien", True,
     ("chi_bo",)),
    ("head of the agency who sits on the Đảng ủy: Đảng ủy and agency leadership, one meeting",
     "thu_truong;dang_uy_vien", True, ("chi_bo", "dang_uy", "lanh_dao_co_quan")),
    ("a standing committee member of the Đảng ủy: before the Đảng ủy", "uy_vien_thuong_vu", True,
     ("chi_bo", "dang_uy")),
    ("a member of the agency's leadership: before the leadership collective", "lanh_dao_co_quan", True,
     ("chi_bo", "lanh_dao_co_quan")),
    ("a Đảng ủy member who is chi bộ secretary and not in the agency's leadership: chi bộ committee and chi bộ",
     "dang_uy_vien;bi_thu_chi_bo", True, ("chi_bo", "cap_uy_chi_bo")),
    ("a head of department: the chi bộ only (the list gives no other forum)", "lanh_dao_quan_ly", True,
     ("chi_bo",)),
]


@pytest.mark.parametrize("name,posts,committee,forums", PLACE_CASES, ids=[c[0] for c in PLACE_CASES])
def test_places_of_review(name, posts, committee, forums):
    plan = plan_review([member("M", posts), member("N")], meeting_date=MEETING, has_committee=committee)
    place = next(p for p in plan.places if p.member_id == "M")
    assert place.forums == forums
    assert all(r.rule_id == "K4" for r in place.reasons)


def test_a_plain_dang_uy_member_is_flagged_not_guessed():
    plan = plan_review([member("M", "dang_uy_vien"), member("N")], meeting_date=MEETING)
    place = next(p for p in plan.places if p.member_id == "M")
    assert place.forums == ("chi_bo",)
    assert place.flags and "Đảng ủy quyết định" in place.flags[0]


def test_committee_is_inferred_from_a_committee_member_unless_given():
    with_c = plan_review([member("B", "bi_thu_chi_bo"), member("C", "chi_uy_vien")], meeting_date=MEETING)
    without = plan_review([member("B", "bi_thu_chi_bo"), member("D", "pho_bi_thu_chi_bo")], meeting_date=MEETING)
    assert with_c.has_committee and not without.has_committee
    assert "Bí thư và Phó Bí thư chi bộ (chi bộ không có cấp ủy)" in without.agenda[0].subject
    assert "tập thể cấp ủy chi bộ" in with_c.agenda[0].subject


def test_posts_override_and_role_column():
    rows = [member("A", role="truong_phong"), member("B"), member("C", role="bi_thu")]
    plan = plan_review(rows, meeting_date=MEETING)
    # role "bi_thu" is the chi bộ's secretary, "truong_phong" a manager: C, A, B
    assert individuals(plan) == ["C", "A", "B"]
    plan2 = plan_review(rows, meeting_date=MEETING, posts={"B": ["bi_thu_chi_bo"], "C": []})
    assert individuals(plan2) == ["B", "A", "C"]


def test_tables_and_explanations_are_vietnamese():
    plan = plan_review(CHI_BO, meeting_date=MEETING, chi_bo="Chi bộ Phòng 1")
    agenda = plan.to_frame()
    assert list(agenda.columns)[:3] == ["Thứ tự", "Nội dung", "Chủ trì"]
    assert len(agenda) == 10
    places = plan.places_frame()
    assert places.loc[places["Mã đảng viên"] == "B", "Nơi kiểm điểm"].item() == \
        "Chi bộ nơi sinh hoạt đảng; Tập thể cấp ủy chi bộ"
    text = plan.explain("C")
    assert text.startswith("Đồng chí C (C) kiểm điểm thứ 3/7")
    assert "20/11/2014" in plan.summary() and "hcm-2014" in plan.summary()
    assert "<table" in plan._repr_html_()


BAD_INPUT = [
    ("duplicate ids", [member("A"), member("A")], {}, "member_id"),
    ("unknown post", [member("A", "chu_tich")], {}, "posts"),
    ("two secretaries", [member("A", "bi_thu_chi_bo"), member("B", "bi_thu_chi_bo")], {}, "posts"),
    ("admitted after the meeting", [member("A", joined="01/12/2014")], {}, "joined_on"),
    ("an impossible date", [member("A", joined="31/02/2014")], {}, "joined_on"),
    ("a post for a member not in the list", [member("A")], {"posts": {"Q": ["bi_thu_chi_bo"]}}, "posts"),
    ("two chi bộ in one meeting", [member("A", chi_bo_id="CB1"), member("B", chi_bo_id="CB2")], {}, "chi_bo_id"),
    ("an empty chi bộ", [], {}, "danh sách đảng viên"),
]


@pytest.mark.parametrize("name,rows,kwargs,field", BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input_is_an_input_error_naming_the_field(name, rows, kwargs, field):
    with pytest.raises(InputError) as err:
        plan_review(rows, meeting_date=MEETING, **kwargs)
    assert field in [p.field for p in err.value.problems]


def test_bad_meeting_date():
    with pytest.raises(InputError, match="ngày họp chi bộ"):
        plan_review([member("A")], meeting_date="hôm nay")


def test_the_three_steps_of_seed_003():
    table = steps()
    assert sorted(table["Bước"].unique()) == [1, 2, 3]
    titles = table.drop_duplicates("Bước")["Tên bước"].tolist()
    assert titles[0].startswith("Bước 1: Lấy ý kiến góp ý")
    assert titles[2].startswith("Bước 3: Báo cáo, thông báo kết quả")
