"""Notebook 06's helpers and panel, on a hand-made đảng bộ. Expected levels from 004 §IV.2.2.d (a member serving a
discipline within its one-year period is KHT), §IV.2.1.d (corruption leading to a member's discipline: Yếu kém) and
RULES.md DF11 (a discipline ends by itself 12 months after it is announced)."""

import datetime as dt

import pandas as pd

from kiemtra_lib import discipline, timeline
from kiemtra_lib.widgets import case as panels

REVIEW = "20/11/2025"
ORGS = pd.DataFrame([
    {"org_id": "DB", "ten": "Đảng bộ thử", "kind": "dang_bo", "points": 80.0, "committee_result": "tot"},
    {"org_id": "C1", "ten": "Chi bộ 1", "kind": "chi_bo", "parent_id": "DB", "points": 80.0,
     "committee_result": "tot"},
])
MEMBERS = pd.DataFrame([
    {"member_id": f"M{i}", "chi_bo_id": "C1", "task_result": "tot", "votes_xuat_sac": 0, "votes_tot": 4,
     "votes_hoan_thanh": 0, "votes_khong_hoan_thanh": 0} for i in range(4)])


def test_apply_discipline_records_the_facts_only():
    m, o = panels.apply_discipline(MEMBERS, ORGS, "M1", announced="20/07/2025", corruption=True)
    assert m.set_index("member_id").loc["M1", "discipline_date"] == pd.Timestamp(2025, 7, 20)
    assert pd.isna(m.set_index("member_id").loc["M0", "discipline_date"])
    assert o.set_index("org_id").loc["C1", "corruption_discipline"]
    assert not o.set_index("org_id").loc["DB", "corruption_discipline"]


def test_before_after_levels():
    after = panels.apply_discipline(MEMBERS, ORGS, "M1", announced="20/07/2025")
    t = panels.before_after(MEMBERS, ORGS, after, review_date=REVIEW, member_id="M1").set_index("")
    assert t.loc["Đảng viên M1", "Trước kỷ luật"] == "Hoàn thành tốt nhiệm vụ"  # 4/4 votes for HTT
    assert t.loc["Đảng viên M1", "Sau kỷ luật"] == "Không hoàn thành nhiệm vụ"  # in force on 20/11/2025
    assert t.loc["Chi bộ C1", "Trước kỷ luật"] == "Hoàn thành tốt nhiệm vụ"


def test_case_panel_follows_the_decision():
    panel = panels.CasePanel(MEMBERS, ORGS, review_date=REVIEW, member_id="M1", announced="20/07/2025")
    assert "<td>Không hoàn thành nhiệm vụ</td>" in panel.last_html
    panel.announced.value = dt.date(2024, 11, 20)  # exactly 12 months before the review: ended (DF11)
    assert "Còn trong thời hạn: không" in panel.last_html
    assert "<td>Không hoàn thành nhiệm vụ</td>" not in panel.last_html
    panel.corruption.value = True  # R-O5: the chi bộ is Yếu kém
    assert "<td>Yếu kém</td>" in panel.last_html
    panel.announced.value = None
    assert "Hãy chọn ngày công bố" in panel.last_html


def test_case_quiz_answers_from_the_library():
    plan = timeline.plan_inspection("co_so", "02/06/2025")
    a = discipline.assess({"subject": "dang_vien", "violation_date": "15/01/2025", "decision_date": "15/07/2025",
                           "severity": "it_nghiem_trong"})
    after = panels.apply_discipline(MEMBERS, ORGS, "M1", announced="20/07/2025")
    t = panels.before_after(MEMBERS, ORGS, after, review_date=REVIEW, member_id="M1")
    quiz = panels.case_quiz(plan, a, t, member_id="M1")
    # 02/06/2025 + 20 days = 22/06/2025 (T3); ít nghiêm trọng -> khiển trách (DF10)
    assert [q.answer for q in quiz.questions[:3]] == ["22/06/2025", "Khiển trách", "Không hoàn thành nhiệm vụ"]
