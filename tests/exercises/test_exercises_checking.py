"""The checker: right or wrong, which kind of wrong, and the reason with its rule id. Expected values worked out by
hand from the question and the fact given."""

from __future__ import annotations

import pytest

from kiemtra_lib.exercises import Fact, check_answer

DATE = {"id": "han", "kind": "date", "points": 2, "prompt": "Hạn?",
        "feedback": {"lech_mot_ngay": "Ngày bắt đầu không tính."}}
DEADLINE = Fact("2026-03-22", ("T3",), "Ngày thứ 20 sau 02/03/2026 là 22/03/2026.")


@pytest.mark.parametrize("given, correct, kind", [
    ("22/03/2026", True, None),
    ("2026-03-22", True, None),
    (" 22/03/2026 ", True, None),
    ("23/03/2026", False, "lech_mot_ngay"),
    ("21/03/2026", False, "lech_mot_ngay"),
    ("15/03/2026", False, "som_hon"),
    ("30/03/2026", False, "muon_hon"),
    ("31/02/2026", False, "sai_dinh_dang"),
    ("", False, "khong_tra_loi"),
    (None, False, "khong_tra_loi"),
])
def test_dates(given, correct, kind):
    fb = check_answer(DATE, DEADLINE, given)
    assert fb.correct is correct and fb.wrong_kind == kind
    assert fb.score == (2.0 if correct else 0.0)
    if kind == "sai_dinh_dang":  # an unreadable answer is told how to write it, not given the answer
        assert "dd/mm/yyyy" in fb.message and "22/03/2026" not in fb.message
    else:
        assert "[T3]" in fb.message  # the reason names the rule


def test_a_wrong_date_gets_the_spec_feedback_and_the_librarys_reason():
    fb = check_answer(DATE, DEADLINE, "23/03/2026")
    assert fb.message.startswith("Chưa đúng: lệch một ngày")
    assert "Ngày bắt đầu không tính." in fb.message and "22/03/2026" in fb.message


@pytest.mark.parametrize("given, correct, kind", [
    ("20", True, None), (20, True, None), ("21", False, "lech_mot_ngay"), ("45", False, "thua"),
    ("10", False, "thieu"), ("hai mươi", False, "sai_dinh_dang"), ("20.5", False, "sai_dinh_dang")])
def test_days(given, correct, kind):
    q = {"id": "n", "kind": "days", "points": 1, "prompt": "?"}
    fb = check_answer(q, Fact(20, ("T3",), "20 ngày."), given)
    assert (fb.correct, fb.wrong_kind) == (correct, kind)


LEVELS = Fact("HTT", ("R-M3",), "Hoàn thành tốt.", choices=(("HTXS", "a"), ("HTT", "b"), ("HT", "c"), ("KHT", "d"),
                                                           ("BO_PHIEU_LAI", "e")),
              order=("KHT", "HT", "HTT", "HTXS"))


@pytest.mark.parametrize("given, kind", [("HTXS", "qua_cao"), ("HT", "qua_thap"), ("KHT", "qua_thap"),
                                         (None, "khong_tra_loi")])
def test_levels_too_high_or_too_low(given, kind):
    fb = check_answer({"id": "m", "kind": "level", "points": 2, "prompt": "?"}, LEVELS, given)
    assert fb.correct is False and fb.wrong_kind == kind


def test_forms_too_heavy_too_light_or_not_applicable():
    member_without_post = Fact("canh_cao", ("DF10",), "Cảnh cáo.",
                               choices=(("khien_trach", "Khiển trách"), ("canh_cao", "Cảnh cáo"),
                                        ("cach_chuc", "Cách chức"), ("khai_tru", "Khai trừ")),
                               order=("khien_trach", "canh_cao", "khai_tru"))
    q = {"id": "f", "kind": "form", "points": 1, "prompt": "?"}
    assert check_answer(q, member_without_post, "khai_tru").wrong_kind == "qua_nang"
    assert check_answer(q, member_without_post, "khien_trach").wrong_kind == "qua_nhe"
    assert check_answer(q, member_without_post, "cach_chuc").wrong_kind == "khong_ap_dung"
    assert check_answer(q, member_without_post, "canh_cao").correct is True


@pytest.mark.parametrize("given, correct, kind", [
    (["R-M3", "R-M9"], True, None), ("r-m9, R-M3", True, None), (["R-M3"], False, "thieu_quy_tac"),
    (["R-M3", "R-M9", "K3"], False, "thua_quy_tac"), (["R-M3", "K3"], False, "thieu_va_thua"),
    ([], False, "khong_tra_loi")])
def test_sets_of_rule_ids_must_be_exact(given, correct, kind):
    fb = check_answer({"id": "r", "kind": "rules", "points": 1, "prompt": "?"},
                      Fact(["R-M3", "R-M9"], ("R-M3", "R-M9"), "x"), given)
    assert (fb.correct, fb.wrong_kind) == (correct, kind)


def test_choices_compare_in_nfc():
    fact = Fact("Phó Bí thư chi bộ Trần Thu Lan", ("K2",), "x")
    decomposed = "Pho\u0301 Bi\u0301 thư chi bô\u0323 Trâ\u0300n Thu Lan"
    fb = check_answer({"id": "c", "kind": "choice", "points": 1, "prompt": "?"}, fact, decomposed)
    assert fb.correct is True


def test_free_text_is_collected_not_graded():
    fb = check_answer({"id": "t", "kind": "text", "points": 2, "prompt": "?"}, None, "  Vì T3 quy đi\u0323nh ")
    assert fb.correct is None and fb.score is None and fb.given == "Vì T3 quy định"
    assert "giảng viên" in fb.message


def test_with_a_rule_set_the_reason_cites_the_source_clause():
    fb = check_answer(DATE, DEADLINE, "23/03/2026", ruleset="hcm-2014")
    assert "[T3, 000 §I.2" in fb.message  # the seed and its clause (000 = Quyết định 331-QĐ/TW)
