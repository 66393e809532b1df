"""Notebook 02's panel driven as a trainee would; expected orders worked out from 004 §V.3 (see test_review.py)."""

import datetime as dt

import pandas as pd

from kiemtra_lib.widgets import review as panels

MEMBERS = pd.DataFrame({
    "member_id": ["A", "B", "C", "D", "E"],
    "ho_ten": ["Người A", "Người B", "Người C", "Người D", "Người E"],
    "role": [None, "bi_thu", None, None, None],                    # B is the secretary in the chi bộ's list
    "joined_on": [pd.NaT, pd.NaT, pd.NaT, pd.Timestamp("2014-06-01"), pd.NaT],
})


def order(html: str) -> list[str]:
    """Names in the order the agenda lists their individual reviews."""
    import re

    return re.findall(r"Kiểm điểm cá nhân: (Người \w)", html)


def test_posts_from_the_list_then_the_given_holders():
    posts = panels.chi_bo_posts(MEMBERS, deputy="C", leaders=["E"])
    assert posts == {"A": [], "B": ["bi_thu_chi_bo"], "C": ["pho_bi_thu_chi_bo"], "D": [], "E": ["lanh_dao_quan_ly"]}
    moved = panels.chi_bo_posts(MEMBERS, secretary="A")  # a given secretary replaces the list's one
    assert moved["A"] == ["bi_thu_chi_bo"] and moved["B"] == []


def test_panel_recomputes_order_and_chair_when_posts_change():
    panel = panels.ReviewPanel(MEMBERS, meeting_date="20/11/2014", posts=panels.chi_bo_posts(MEMBERS, deputy="C"))
    # secretary B, deputy C, then A and E in list order; D (admitted 01/06/2014, 6 months on 01/12) is not reviewed
    assert order(panel.last_html) == ["Người B", "Người C", "Người A", "Người E"]
    assert "Phó Bí thư chi bộ Người C" in panel.last_html
    assert "Người D (D): Đảng viên mới kết nạp chưa đủ 6 tháng" in panel.last_html
    panel.leaders.value = ("E",)  # a manager moves before ordinary members
    assert order(panel.last_html) == ["Người B", "Người C", "Người E", "Người A"]
    panel.deputy.value = panels.NONE  # no deputy: who chairs the secretary's turn is left to the chi bộ
    assert "(chưa xác định)" in panel.last_html and "Cần quyết định" in panel.last_html
    panel.date.value = dt.date(2014, 12, 1)  # exactly 6 months after D's admission: D is reviewed
    assert "Người D" in order(panel.last_html)


def test_committee_checkbox_adds_the_committee_forum():
    panel = panels.ReviewPanel(MEMBERS, meeting_date="20/11/2014")
    assert "Tập thể cấp ủy chi bộ</td>" not in panel.last_html.replace("Chi bộ nơi sinh hoạt đảng; ", "")
    panel.has_committee.value = True
    assert "Chi bộ nơi sinh hoạt đảng; Tập thể cấp ủy chi bộ" in panel.last_html


def test_moving_the_secretary_is_accepted_and_a_cleared_date_asks_for_one():
    panel = panels.ReviewPanel(MEMBERS, meeting_date="20/11/2014")
    panel.committee.value = ()
    panel.secretary.value = "A"
    panel.leaders.value = ()
    assert panel.last_error is None  # moving the secretary is fine
    panel.date.value = None
    assert "Hãy chọn ngày họp chi bộ" in panel.last_html


def test_an_input_error_in_a_callback_is_shown_in_vietnamese():
    bad = MEMBERS.assign(joined_on=[pd.NaT, pd.NaT, pd.NaT, pd.Timestamp("2015-01-01"), pd.NaT])
    panel = panels.ReviewPanel(bad, meeting_date="20/11/2014")
    assert "Dữ liệu chưa hợp lệ" in panel.last_html and "joined_on" in panel.last_html
    assert panel.last_error is not None


def test_review_quiz_answers_come_from_the_plan():
    from kiemtra_lib.review import plan_review

    plan = plan_review(MEMBERS, meeting_date="20/11/2014", posts=panels.chi_bo_posts(MEMBERS, deputy="C"))
    quiz = panels.review_quiz(plan)
    answers = [q.answer for q in quiz.questions]
    assert answers == ["Người B", "Phó Bí thư chi bộ Người C", "Phần kiểm điểm tập thể", "Không"]
