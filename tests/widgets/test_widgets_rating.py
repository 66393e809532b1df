"""Notebook 03's panel and helpers. Expected levels worked out by hand from 004 §IV.2.2 (HTXS: more than 2/3 of the
official members; HTT and HT: more than 1/2) and RULES.md R-M2 (quota 15% of HTT-or-above rounded down, at least 1
in a chi bộ of fewer than 7; a tie at the boundary keeps HTT and asks for a new vote)."""

import pandas as pd
import pytest

from kiemtra_lib import rating
from kiemtra_lib.widgets import rating as panels

REVIEW = "20/11/2025"
ORGS = pd.DataFrame([{"org_id": "CB1", "ten": "Chi bộ thử", "kind": "chi_bo", "points": 80.0,
                      "committee_result": "tot"}])


def member(mid, xs, tot, ht=0, kht=0, task="xuat_sac", **extra):
    return {"member_id": mid, "chi_bo_id": "CB1", "ho_ten": f"Người {mid}", "task_result": task,
            "votes_xuat_sac": xs, "votes_tot": tot, "votes_hoan_thanh": ht, "votes_khong_hoan_thanh": kht, **extra}


# Six official members: HTXS needs more than 4 (2/3 of 6) -> 5; HTT needs more than 3 -> 4.
SIX = pd.DataFrame([member("A", 5, 1), member("B", 4, 2), member("C", 0, 6, task="tot"),
                    member("D", 0, 3, 3, task="tot"), member("E", 0, 6, task="tot"), member("F", 0, 6, task="tot")])


def test_min_votes_are_found_by_asking_the_library():
    assert panels.min_votes_for("Hoàn thành tốt nhiệm vụ", 6, task_result="tot", review_date=REVIEW) == 4
    assert panels.min_votes_for("Hoàn thành xuất sắc nhiệm vụ", 6, task_result="xuat_sac", review_date=REVIEW) == 5
    assert panels.min_votes_for("Hoàn thành xuất sắc nhiệm vụ", 9, task_result="xuat_sac", review_date=REVIEW) == 7


def test_panel_recomputes_the_member_and_the_quota():
    panel = panels.MemberRatingPanel(SIX, ORGS, review_date=REVIEW, member_id="B")
    assert panel.votes["votes_xuat_sac"].value == 4  # loaded from the table
    assert "Đảng viên B: Hoàn thành tốt nhiệm vụ" in panel.last_html  # 4/6 is not more than 2/3
    panel.votes["votes_tot"].value = 1
    panel.votes["votes_xuat_sac"].value = 5
    # now A and B both have 5/6: quota 1 (fewer than 7 members), tied at the boundary -> new vote
    assert "Đảng viên B: Hoàn thành tốt nhiệm vụ" in panel.last_html
    assert "Cần bỏ phiếu lại" in panel.last_html
    panel.member.value = "D"  # D: 3 HTT + 3 HT -> not more than 1/2 for HTT, 6/6 for HT and above
    assert panel.votes["votes_hoan_thanh"].value == 3
    assert "Đảng viên D: Hoàn thành nhiệm vụ" in panel.last_html


def test_sick_leave_caps_the_level():
    panel = panels.MemberRatingPanel(SIX, ORGS, review_date=REVIEW, member_id="C")
    assert "Đảng viên C: Hoàn thành tốt nhiệm vụ" in panel.last_html
    panel.sick.value = 3.0  # 3 months or more: at most HT (R-M7)
    assert "Đảng viên C: Hoàn thành nhiệm vụ" in panel.last_html


def test_too_many_votes_is_a_vietnamese_message():
    panel = panels.MemberRatingPanel(SIX, ORGS, review_date=REVIEW, member_id="C")
    panel.votes["votes_xuat_sac"].value = 6  # 6 + 6 ballots for 6 official members
    assert "Dữ liệu chưa hợp lệ" in panel.last_html and panel.last_error is not None
    assert "Traceback" not in panel.last_html


def test_member_table_and_chart_name_the_rule_set():
    result = rating.rate_organisation(SIX, ORGS, review_date=REVIEW)
    table = panels.member_table(result, SIX).set_index("Mã")
    assert table.loc["A", "Xếp loại"] == "Hoàn thành xuất sắc nhiệm vụ"  # 5/6 > 2/3, quota 1, alone at 5
    assert table.loc["A", "Họ và tên"] == "Người A"
    fig = panels.level_chart(result)
    assert "hcm-2014" in fig.axes[0].get_title() and "20/11/2025" in fig.axes[0].get_title()
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()][-1] == "Hoàn thành xuất sắc nhiệm vụ"


def test_unknown_member_is_an_input_error():
    from kiemtra_lib.errors import InputError

    with pytest.raises(InputError):
        panels.with_changes(SIX, "Z", {"votes_tot": 1})


def test_rating_quiz_answers_come_from_the_library():
    result = rating.rate_organisation(SIX, ORGS, review_date=REVIEW)
    quiz = panels.rating_quiz(result, SIX, member_id="A")
    assert [q.answer for q in quiz.questions[:3]] == ["Hoàn thành xuất sắc nhiệm vụ", "4", "5"]


def test_explain_html_says_what_must_change_or_why_there_is_nothing():
    rows = SIX.assign(joined_on=[None, None, None, None, None, "2025-10-01"])  # F admitted 7 weeks before: K3
    result = rating.rate_organisation(rows, ORGS, review_date=REVIEW)
    assert "Để đạt «Hoàn thành xuất sắc nhiệm vụ» cần" in panels.explain_html(result, "B")
    note = panels.explain_html(result, "F")
    assert "Traceback" not in note and ("Không có giải thích" in note or "F" in note)
