"""Notebook 04's panel and helpers. Expected levels worked out by hand from 004 §IV.2.1 (TSVM from 90 points with
all conditions; HTT from 70; HT from 50; Yếu kém below 50 or with a listed fault such as corruption leading to a
member's discipline)."""

import pandas as pd

from kiemtra_lib import rating
from kiemtra_lib.widgets import organisation as panels

REVIEW = "20/11/2025"
ORGS = pd.DataFrame([
    {"org_id": "DB", "ten": "Đảng bộ thử", "kind": "dang_bo", "points": 88.0, "committee_result": "tot"},
    {"org_id": "C1", "ten": "Chi bộ 1", "kind": "chi_bo", "parent_id": "DB", "points": 84.0, "committee_result": "tot"},
    {"org_id": "C2", "ten": "Chi bộ 2", "kind": "chi_bo", "parent_id": "DB", "points": 60.0, "committee_result": "tot"},
])
MEMBERS = pd.DataFrame([
    {"member_id": f"{c}{i}", "chi_bo_id": c, "task_result": "tot", "votes_xuat_sac": 0, "votes_tot": 3,
     "votes_hoan_thanh": 0, "votes_khong_hoan_thanh": 0} for c in ("C1", "C2") for i in range(3)])


def test_panel_follows_points_and_conditions():
    panel = panels.OrgPanel(MEMBERS, ORGS, review_date=REVIEW, org_id="C1")
    assert panel.points.value == 84.0
    assert "C1: Hoàn thành tốt nhiệm vụ" in panel.last_html
    panel.committee.value = "xuat_sac"
    panel.points.value = 90.0  # exactly 90 with every condition: TSVM ("từ 90 điểm trở lên")
    assert "C1: Trong sạch vững mạnh" in panel.last_html
    panel.points.value = 89.5
    assert "C1: Hoàn thành tốt nhiệm vụ" in panel.last_html
    panel.switches["corruption_discipline"].value = True  # R-O5: Yếu kém whatever the points
    assert "C1: Yếu kém" in panel.last_html
    assert "Đảng bộ DB (tổng hợp)" in panel.last_html


def test_switching_organisation_loads_its_values():
    panel = panels.OrgPanel(MEMBERS, ORGS, review_date=REVIEW, org_id="C1")
    panel.org.value = "C2"
    assert panel.points.value == 60.0
    assert "C2: Hoàn thành nhiệm vụ" in panel.last_html  # 50 to under 70


def test_table_and_chart():
    result = rating.rate_organisation(MEMBERS, ORGS, review_date=REVIEW)
    table = panels.org_table(result).set_index("Mã")
    assert table.loc["C2", "Xếp loại"] == "Hoàn thành nhiệm vụ"
    assert table.loc["C1", "Đảng viên HT trở lên / được xếp loại"] == "3/3"
    fig = panels.points_chart(result)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any(t.startswith("90 điểm") for t in texts) and any(t.startswith("50 điểm") for t in texts)
    assert "hcm-2014" in fig.axes[0].get_title()


def test_org_quiz_answers_from_the_rule_set():
    result = rating.rate_organisation(MEMBERS, ORGS, review_date=REVIEW)
    quiz = panels.org_quiz(result)
    assert quiz.questions[0].answer == "Hoàn thành tốt nhiệm vụ"  # C1, 84 points
    assert quiz.questions[1].answer == "90"
    assert quiz.questions[2].answer == "0"  # no chi bộ is TSVM: 20% of 0
