"""rating_effects(): what one discipline does to the year-end rating (D6 with R-M5, R-O3, R-O5), on both sides of
the 12-month anniversary (DF11), and the same answer the rating module gives (one source of truth)."""

import datetime as dt

import pytest

from kiemtra_lib import InputError
from kiemtra_lib.discipline import Discipline, discipline_in_force, rating_effects

D = dt.date
ANNOUNCED = D(2025, 11, 15)


@pytest.mark.parametrize("name, discipline, review, in_force, member, org_level, org_cap, rule_ids", [
    ("khiển trách, ngày trước ngày tròn 12 tháng: đang chấp hành → KHT",
     {"form": "khien_trach"}, D(2026, 11, 14), True, "KHT", None, None, ["DF11", "R-M5"]),
    ("khiển trách, đúng ngày tròn 12 tháng: đã tự chấm dứt → không ảnh hưởng",
     {"form": "khien_trach"}, D(2026, 11, 15), False, None, None, None, ["DF11", "R-M5"]),
    ("công bố đúng ngày đánh giá: có hiệu lực từ khi công bố → KHT",
     {"form": "canh_cao"}, ANNOUNCED, True, "KHT", None, None, ["DF11", "R-M5"]),
    ("kỷ luật chính quyền (R-M5 tính cả chính quyền, đoàn thể) → KHT",
     {"authority": "chinh_quyen"}, D(2026, 6, 1), True, "KHT", None, None, ["DF11", "R-M5"]),
    ("kỷ luật do tham nhũng, còn hiệu lực → đảng viên KHT, tổ chức Yếu kém",
     {"form": "canh_cao", "corruption": True}, D(2026, 11, 14), True, "KHT", "YEU_KEM", None,
     ["DF11", "R-M5", "R-O5"]),
    ("kỷ luật do tham nhũng, đã hết 12 tháng → tổ chức không bị kéo xuống",
     {"form": "canh_cao", "corruption": True}, D(2026, 11, 15), False, None, None, None, ["DF11", "R-M5"]),
    ("cấp ủy viên là trưởng phòng bị kỷ luật, không tự phát hiện → tổ chức tối đa HT",
     {"form": "khien_trach", "committee_leader": True}, D(2026, 11, 14), True, "KHT", None, "HT",
     ["DF11", "R-M5", "R-O3"]),
    ("cấp ủy viên là trưởng phòng bị kỷ luật, tổ chức tự phát hiện, xử lý → không cản trở",
     {"form": "khien_trach", "committee_leader": True, "self_detected": True}, D(2026, 11, 14), True, "KHT",
     None, None, ["DF11", "R-M5", "R-O3"]),
    ("khai trừ: không tự chấm dứt, không còn là đảng viên để xếp loại; tổ chức vẫn chịu R-O5",
     {"form": "khai_tru", "corruption": True}, D(2026, 1, 10), True, None, "YEU_KEM", None,
     ["DF11", "R-O5"]),
])
def test_rating_effects(name, discipline, review, in_force, member, org_level, org_cap, rule_ids):
    e = rating_effects({"announced": ANNOUNCED, **discipline}, review)
    assert (e.in_force, e.member_level, e.org_level, e.org_cap) == (in_force, member, org_level, org_cap), name
    assert list(e.rule_ids) == rule_ids, name
    assert e.ends_on == D(2026, 11, 15)


def test_effects_use_the_same_in_force_function_as_everyone():
    for review in (D(2026, 11, 14), D(2026, 11, 15)):
        assert rating_effects({"announced": ANNOUNCED, "form": "khien_trach"}, review).in_force is \
            discipline_in_force(ANNOUNCED, review)


@pytest.mark.parametrize("announced, expected_kht", [
    (D(2025, 11, 16), True),   # ends 16/11/2026, after the review → still served
    (D(2025, 11, 15), False),  # ends on the review day → no longer served
])
def test_the_rating_module_agrees_on_both_sides_of_the_anniversary(announced, expected_kht):
    from kiemtra_lib.rating import rate_member

    member = {"task_result": "tot", "votes_xuat_sac": 0, "votes_tot": 4, "votes_hoan_thanh": 0,
              "votes_khong_hoan_thanh": 6, "discipline_date": announced}
    decision = rate_member(member, official_members=10, review_date=D(2026, 11, 15))
    effects = rating_effects({"announced": announced, "form": "khien_trach"}, D(2026, 11, 15))
    assert (effects.member_level == "KHT") is expected_kht
    assert (decision.level is not None and decision.level.value == "KHT") is expected_kht


@pytest.mark.parametrize("discipline, review, words", [
    ({"announced": D(2026, 12, 1), "form": "khien_trach"}, D(2026, 11, 15), "sau ngày đánh giá 15/11/2026"),
    ({"announced": ANNOUNCED, "form": "giai_tan"}, D(2026, 1, 1), "giai_tan"),
    ({"announced": ANNOUNCED}, D(2026, 1, 1), "Kỷ luật đảng cần hình thức"),
    ({"announced": ANNOUNCED, "form": "khien_trach", "authority": "toa_an"}, D(2026, 1, 1), "cấp kỷ luật"),
    ({"form": "khien_trach"}, D(2026, 1, 1), "announced"),
    ({"announced": ANNOUNCED, "form": "khien_trach", "ly_do": "x"}, D(2026, 1, 1), "trường của kỷ luật"),
])
def test_bad_input_is_an_input_error(discipline, review, words):
    with pytest.raises(InputError) as err:
        rating_effects(discipline, review)
    assert words in str(err.value)


def test_text_and_html_name_the_rules_and_dates():
    e = rating_effects(Discipline(announced=ANNOUNCED, form="canh_cao", corruption=True), D(2026, 3, 1))
    text = str(e)
    assert "15/11/2025" in text and "Không hoàn thành nhiệm vụ" in text and "Yếu kém" in text
    assert "[R-O5, 004 §IV.2.1.d]" in text
    assert "R-M5" in e._repr_html_()
