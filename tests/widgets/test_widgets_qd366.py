"""Notebook 08's panel and helpers (rule set qd366-2025). Expected levels worked out by hand from RULES.md N3–N7,
N10 and the quota N4 (20% of those at HTT or above, 25% for an outstanding group, rounded down)."""

import pytest

from kiemtra_lib import rating
from kiemtra_lib.datasets import generate
from kiemtra_lib.widgets import qd366 as panels

REVIEW = "15/12/2025"
ROW = dict(member_id="DV9", points=92, tasks_assigned=10, tasks_done=10, tasks_on_time=10, tasks_beyond=2)


def test_the_panel_recomputes_the_level_and_says_what_is_missing():
    panel = panels.Member366Panel(ROW, review_date=REVIEW)
    assert "Đảng viên DV9: Hoàn thành tốt nhiệm vụ" in panel.last_html  # 2/10 beyond: under 30% (N3)
    assert "ít nhất 30% nhiệm vụ vượt mức yêu cầu: 3/10 (thêm 1)" in panel.last_html
    panel.beyond.value = 3
    assert "Đảng viên DV9: Hoàn thành xuất sắc nhiệm vụ" in panel.last_html
    panel.cases.value = ("vi_pham_dieu_cam",)
    assert "Không hoàn thành nhiệm vụ" in panel.last_html and "dù tổng điểm là 92" in panel.last_html
    panel.cases.value = ()
    panel.on_time.value = 7  # 3/10 behind: no level, the competent level decides
    assert "Chưa có mức" in panel.last_html and "3/10 nhiệm vụ chậm tiến độ (trên 20%)" in panel.last_html
    panel.sick.value = 4
    panel.on_time.value = 10
    assert "Nghỉ ốm 4 tháng" in panel.last_html and "không giới hạn mức" in panel.last_html


def test_impossible_counts_show_the_librarys_vietnamese_message():
    panel = panels.Member366Panel(ROW, review_date=REVIEW)
    panel.done.value = 8  # on time 10 > done 8
    assert panel.last_error is not None
    assert "tasks_on_time" in panel.last_html and "Traceback" not in panel.last_html


def test_the_quiz_answers_come_from_the_library():
    quiz = panels.qd366_quiz(review_date=REVIEW)
    answers = [q.answer for q in quiz.questions]
    assert answers == ["Hoàn thành tốt nhiệm vụ", "Không hoàn thành nhiệm vụ", "0", "2", "Hoàn thành tốt nhiệm vụ"]
    assert quiz.check(2, "1")[0] is False


def test_the_differences_read_their_numbers_from_both_rule_sets():
    table = panels.differences_table().set_index("Nội dung")
    assert "15% số HTT" in table.loc["Tỷ lệ Hoàn thành xuất sắc", "Kế hoạch 2014 (hcm-2014)"]
    assert "20% số HTT trở lên" in table.loc["Tỷ lệ Hoàn thành xuất sắc", "Quy định 366 (qd366-2025)"]
    assert table.loc["Thời gian", "Quy tắc 366"] == "N16" and "31/12" in table.loc["Thời gian",
                                                                                   "Quy định 366 (qd366-2025)"]
    assert "cần xác nhận" in table.loc["Phiếu biểu quyết", "Quy định 366 (qd366-2025)"]


def test_the_tables_of_the_lesson_have_vietnamese_headers():
    case = generate(11, chi_bo=1, members_per_chi_bo=18, qd366=True)
    result = rating.rate_organisation(case.members, case.organisations, review_date=case.review_date,
                                      ruleset="qd366-2025")
    table = panels.member_table(result, case.members)
    assert list(table.columns) == ["Mã", "Họ và tên", "Tổng điểm", "Nhiệm vụ", "Xếp loại", "Quy tắc",
                                   "Cần quyết định"]
    comparison = rating.compare_rulesets(case.members, case.organisations, review_date=case.review_date)
    changes = panels.changes_table(comparison)
    assert len(changes) == int(comparison.members["changed"].sum()) > 0
    assert changes.columns[0] == "Mã"


def test_lesson_08_refuses_a_shipped_case_and_another_rule_set_in_vietnamese():
    from kiemtra_lib import InputError
    from kiemtra_lib.course.parameters import lesson_parameters

    case = generate(11, chi_bo=1, members_per_chi_bo=18, qd366=True)
    good = {"seed": 11, "case": "generated", "ruleset": "qd366-2025", "member_id": "DV05", "panel_member": "DV12"}
    assert lesson_parameters("08", good, case)["member_id"] == "DV05"
    for change, words in ((("case", "chi_bo_9"), "tình huống"), (("ruleset", "hcm-2014"), "bộ quy tắc của bài"),
                          (("member_id", "DV99"), "đảng viên cần giải thích")):
        with pytest.raises(InputError, match=words):
            lesson_parameters("08", dict(good, **dict([change])), case)
