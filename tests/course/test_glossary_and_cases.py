"""The glossary (lesson 10) and the case-study helpers (lessons 13–15): data checked, answers from the rules."""

from __future__ import annotations

import pytest

from kiemtra_lib import InputError, glossary, review
from kiemtra_lib.course.lessons import LESSONS
from kiemtra_lib.widgets import cases
from kiemtra_lib.widgets import glossary as glossary_panels

SOURCES = ("000", "001", "002", "003", "004", "Quy định", "Hướng dẫn", "khóa học", "Điều lệ")


def test_every_entry_has_a_source_and_a_lesson_that_exists():
    numbers = {ls.number for ls in LESSONS}
    for e in glossary.search(""):
        assert any(s in e.source for s in SOURCES), e
        assert e.lesson in numbers | {"08", "09"}, e


@pytest.mark.parametrize("text, expected", [
    ("Chi bộ đạt TSVM.", ["TSVM"]),
    ("Chi bộ đạt Trong sạch vững mạnh (TSVM); sau đó TSVM.", []),
    ("đạt «Trong sạch vững mạnh» (TSVM)", []),
    ("HTT trước, rồi Hoàn thành tốt nhiệm vụ (HTT)", ["HTT"]),
    ("Quyết định 331-QĐ/TW và Kế hoạch 146-KH/ĐU", []),  # letters of a document number are read with it
    ("quy tắc R-M2 và HTXS_quota", []),  # inside a code, not an abbreviation
    ("Ủy ban kiểm tra (UBKT), Ban Thường vụ (BTV), rồi UVTV", ["UVTV"]),
])
def test_an_abbreviation_must_be_spelled_out_at_its_first_use(text, expected):
    assert glossary.unexplained(text) == expected


def test_search_ignores_accents_and_case_and_expand_refuses_an_unknown_abbreviation():
    assert any(getattr(e, "abbr", None) == "TSVM" for e in glossary.search("trong sach"))
    assert glossary.expand("UBKT") == "Ủy ban kiểm tra"
    with pytest.raises(InputError):
        glossary.expand("XYZ")


def test_the_glossary_panel_filters_by_lesson_and_keeps_an_entry_of_another_lesson_visible():
    panel = glossary_panels.GlossaryPanel("UBKT", "05")  # UBKT is taught in lesson 14: every lesson is shown
    assert panel.lesson.value == "tat_ca" and "Ủy ban kiểm tra" in panel.last_html
    panel.lesson.value = "03"
    assert {k for _l, k in panel.entry.options} >= {"HTXS", "HTT", "HT", "KHT"}
    assert "Nguồn: 004 §IV.2.2" in panel.last_html


def test_the_followup_table_counts_days_outside_the_chi_bo_window():
    df = cases.followup_table({"CB01": "20/11/2014", "CB04": "29/11/2014", "CB05": "19/11/2014"})
    assert df["Kết quả"].tolist() == ["Đúng đợt (trong thời hạn)", "Ngoài đợt (muộn 1 ngày)",
                                      "Ngoài đợt (sớm 1 ngày)"]


def test_the_k1_practice_asks_each_task_with_the_step_the_rules_give_it():
    steps = review.steps()
    truth = dict(zip(steps[steps.columns[-1]], steps[steps.columns[1]]))
    quiz = cases.k1_quiz(seed=3, n=5)
    for q in quiz.questions:
        task = q.prompt.split("«", 1)[1].rsplit("»", 1)[0]
        assert q.answer == truth[task]


def test_the_campaign_quiz_reads_its_answers_from_t7_and_t8():
    quiz = cases.campaign_quiz(2014, seed=1)
    assert quiz.questions[-2].answer == "Ban Thường vụ Thành ủy"
    assert quiz.questions[-1].answer == "29/11/2014"  # «trước ngày 30/11/2014», read as strictly before


def test_the_capstone_example_is_the_exercise_solved_by_the_library():
    _text, facts = cases.capstone(2026, "09/03/2026", "20/05/2026", "khien_trach", "27/10/2026", "20/11/2026")
    assert facts["deadline"].value == "2026-03-29" and facts["sync"].value == "2026-07-01"
    assert facts["in_force"].value == "co"  # announced 20/05/2026, rated 20/11/2026: within 12 months
    quiz = cases.capstone_quiz(facts)
    assert [q.answer for q in quiz.questions] == ["29/03/2026", "01/07/2026", "Có"]
