"""Notebook 00's panels, driven as a trainee would: set ``.value``, click, read what the panel shows."""

from kiemtra_lib.widgets import intro
from kiemtra_lib.widgets.quiz import Question, Quiz


def test_rule_browser_shows_the_chosen_rule_and_its_source():
    panel = intro.RuleBrowser(rule_id="K2")
    assert "K2 — Trình tự kiểm điểm" in panel.last_html
    panel.rule.value = "K4"  # changing the dropdown recomputes
    assert "K4 — Nơi kiểm điểm" in panel.last_html
    assert "004 §II.1.2" in panel.last_html  # K4's clause in seed 004 (RULES.md K4)
    assert "K2 —" not in panel.last_html


def test_rule_ids_are_in_natural_order():
    ids = intro.rule_ids()
    assert ids.index("D1") < ids.index("D2") < ids.index("D6")
    assert ids.index("DF2") < ids.index("DF10")  # 2 before 10, not "DF10" < "DF2" as strings


def test_rule_card_marks_the_course_interpretation_parameters():
    # K3 has the k3_six_months_reached interpretation (rating.yaml): the card must say it can be changed.
    assert "k3_six_months_reached" in intro.rule_card("K3")


def test_documents_table_counts_the_rules_citing_each_document():
    table = intro.documents_table().set_index("Văn bản")
    # K1, K2 (and 004) and T7 cite 003: three rules.
    assert table.loc["003", "Số quy tắc trích dẫn"] == 3
    assert table.loc["QĐ 366-QĐ/TW", "Tên văn bản"].startswith("Quy định 366-QĐ/TW")


def test_intro_quiz_answers_come_from_the_rule_set():
    quiz = intro.intro_quiz(rule_id="K4")
    first = quiz.questions[0]
    assert first.answer == "004"  # K4 comes from seed 004 §II.1.2
    assert quiz.check(0, "004")[0] is True
    ok, text = quiz.check(0, "003")
    assert ok is False and "004" in text
    quiz.choices[1].value = "05/02/2026"
    quiz.buttons[1].click()
    assert quiz.feedback[1].value.count("Đúng") == 1
    quiz.choices[1].value = "2026-02-05"
    quiz.buttons[1].click()
    assert "Chưa đúng" in quiz.feedback[1].value


def test_quiz_compares_answers_after_nfc_normalisation():
    decomposed = "Đúng".replace("ú", "u\u0301")  # the same word typed with a combining accent
    quiz = Quiz([Question("?", ["Đúng", "Sai"], "Đúng", "")])
    assert quiz.check(0, decomposed)[0] is True
    assert quiz.check(0, None) == (False, "Anh/chị chưa chọn câu trả lời.")
    assert quiz.score() == 0


def test_a_question_whose_answer_is_not_a_choice_is_refused():
    import pytest

    with pytest.raises(ValueError):
        Question("?", ["a", "b"], "c", "")


def test_vn_dates_writes_every_date_column_dd_mm_yyyy():
    import pandas as pd

    from kiemtra_lib.widgets import vn_dates

    df = pd.DataFrame({"a": pd.to_datetime(["2025-02-05", None]), "b": ["x", "y"]})
    out = vn_dates(df)
    assert out["a"].tolist() == ["05/02/2025", ""]
    assert out["b"].tolist() == ["x", "y"]
    assert pd.api.types.is_datetime64_any_dtype(df["a"])  # the original is left alone


def test_rules_with_parts_to_be_confirmed_say_so():
    table = intro.rules_table().set_index("Mã")
    # RULES.md DF table: DF10's third step, DF12's "one month", DF13's clause are to be confirmed
    for rule_id in ("DF10", "DF12", "DF13"):
        assert "cần xác nhận" in table.loc[rule_id, "Trạng thái"], rule_id
    assert table.loc["K2", "Trạng thái"] == "đã xác nhận"
    assert "cần xác nhận" in intro.rule_card("DF13")


def test_table_hides_row_numbers_and_writes_dates_dd_mm_yyyy():
    import pandas as pd

    from kiemtra_lib.widgets import table

    t = table(pd.DataFrame({"Ngày": pd.to_datetime(["2025-02-05"]), "Tên": ["x"]}, index=[7]))
    assert "05/02/2025" in t._repr_html_() and "<th>7</th>" not in t._repr_html_()
    assert repr(t).splitlines()[1].strip() == "05/02/2025   x"


def test_table_uses_the_shared_vietnamese_headers_and_labels():
    import pandas as pd

    from kiemtra_lib.widgets import table

    members = pd.DataFrame({"member_id": ["A"], "official": [False], "task_result": ["tot"], "role": [None]})
    text = repr(table(members))
    assert "Mã đảng viên" in text and "Đảng viên chính thức" in text
    assert "không" in text and "Tốt" in text and "None" not in text
    inspections = pd.DataFrame({"inspection_id": ["K1"], "org_id": ["C1"], "kind": ["giam_sat"]})
    assert "Giám sát" in repr(table(inspections))  # "kind" read as the inspections' kind, not an organisation's
