"""Notebook 07's panel and helpers, on a small hand-made term (T6: each subordinate organisation inspected or
supervised at least once in the term; 001 §II.2)."""

import datetime as dt

import pandas as pd

from kiemtra_lib.widgets import coverage as panels

ORGS = pd.DataFrame({"org_id": ["DB", "C1", "C2", "C3"], "ten": ["Đảng bộ", "Chi bộ 1", "Chi bộ 2", "Chi bộ 3"],
                     "kind": ["dang_bo", "chi_bo", "chi_bo", "chi_bo"]})
INSP = pd.DataFrame([
    {"org_id": "DB", "date": "2021-05-01", "kind": "kiem_tra", "planned": True, "completed": True,
     "conclusion_on_time": True},
    {"org_id": "C1", "date": "2021-06-01", "kind": "kiem_tra", "planned": True, "completed": True,
     "conclusion_on_time": False},
    {"org_id": "C2", "date": "2025-09-30", "kind": "giam_sat", "planned": True, "completed": False,
     "conclusion_on_time": False},
    {"org_id": "C3", "date": "2019-01-01", "kind": "giam_sat", "planned": False, "completed": True,
     "conclusion_on_time": True},  # before the term: does not count
])
TERM = ("01/10/2020", "30/09/2025")


def test_only_subordinate_chi_bo_count_and_only_inside_the_term():
    cov = panels.coverage(INSP, ORGS, *TERM)
    assert sorted(cov.table["org_id"]) == ["C1", "C2", "C3"]  # the đảng bộ itself is not "trực thuộc"
    assert list(cov.uncovered["org_id"]) == ["C3"]  # its only supervision was in 2019
    assert list(panels.coverage(INSP, ORGS, *TERM, completed_only=True).uncovered["org_id"]) == ["C2", "C3"]


def test_targets_table_counts():
    t = panels.targets_table(INSP, ORGS, *TERM).set_index("Chỉ tiêu (T6, 001 §II.2–3)")
    first, planned, on_time = t.index[:3]
    assert (t.loc[first, "Đạt"], t.loc[first, "Trên tổng số"]) == (2, 3)
    # in the term: 3 planned (DB, C1, C2), 2 of them completed; 2 completed, 1 conclusion on time
    assert (t.loc[planned, "Đạt"], t.loc[planned, "Trên tổng số"]) == (2, 3)
    assert (t.loc[on_time, "Đạt"], t.loc[on_time, "Trên tổng số"]) == (1, 2)
    assert t.iloc[3]["Tỷ lệ"] == "không có dữ liệu trong tình huống"


def test_panel_recomputes_for_another_term():
    panel = panels.CoveragePanel(INSP, ORGS, term_start=TERM[0], term_end=TERM[1])
    assert "2/3 tổ chức" in panel.last_html and "C3 Chi bộ 3" in panel.last_html
    panel.start.value = dt.date(2018, 10, 1)
    assert "3/3 tổ chức" in panel.last_html
    panel.end.value = dt.date(2017, 1, 1)  # the end before the start: a Vietnamese message
    assert "Dữ liệu chưa hợp lệ" in panel.last_html and "cuối nhiệm kỳ" in panel.last_html


def test_charts_have_vietnamese_labels():
    fig = panels.yearly_chart(INSP, *TERM)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Năm" and ax.get_ylabel() == "Số cuộc"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2020", "2021", "2022", "2023", "2024", "2025"]
    cov = panels.coverage(INSP, ORGS, *TERM)
    assert "67%" in panels.coverage_chart(cov).axes[0].get_title()


def test_the_panels_coverage_bar_is_html_sized_by_the_share():
    cov = panels.coverage(INSP, ORGS, *TERM)  # 2 of 3 organisations covered (see the panel test above)
    bar = panels.coverage_bar_html(cov)
    assert "width:66.7%" in bar and "(2)" in bar and "Chưa lần nào (1)" in bar and "67%" in bar


def test_coverage_quiz():
    quiz = panels.coverage_quiz(INSP, ORGS, *TERM)
    assert [q.answer for q in quiz.questions] == ["1", "5", "1"]
