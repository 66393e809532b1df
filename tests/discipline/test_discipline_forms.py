"""Forms of discipline (DF1: QĐ 69-QĐ/TW Điều 7; Điều lệ Đảng Điều 35 khoản 2), lightest first."""

import pytest

from kiemtra_lib import InputError
from kiemtra_lib.discipline import Form, as_form, forms


@pytest.mark.parametrize("subject, official, holds_post, expected", [
    # an organisation: khiển trách, cảnh cáo, giải tán — a post means nothing for it
    ("to_chuc", True, False, ["khien_trach", "canh_cao", "giai_tan"]),
    ("to_chuc", True, True, ["khien_trach", "canh_cao", "giai_tan"]),
    # an official member without a post: cách chức needs a post, so it is left out
    ("dang_vien", True, False, ["khien_trach", "canh_cao", "khai_tru"]),
    # an official member with a post: all four, cách chức between cảnh cáo and khai trừ
    ("dang_vien", True, True, ["khien_trach", "canh_cao", "cach_chuc", "khai_tru"]),
    # a probationary member: khiển trách and cảnh cáo only, with or without a post
    ("dang_vien", False, False, ["khien_trach", "canh_cao"]),
    ("dang_vien", False, True, ["khien_trach", "canh_cao"]),
])
def test_each_subject_has_its_own_list_of_forms_lightest_first(subject, official, holds_post, expected):
    got = forms(subject, official=official, holds_post=holds_post)
    assert [f.slug for f in got] == expected
    assert [f.rank for f in got] == list(range(len(expected)))


def test_forms_carry_their_vietnamese_labels():
    assert [f.label for f in forms("dang_vien", holds_post=True)] == ["Khiển trách", "Cảnh cáo", "Cách chức",
                                                                       "Khai trừ"]
    assert str(forms("to_chuc")[-1]) == "Giải tán"


def test_a_form_is_accepted_as_slug_or_as_form():
    canh_cao = forms("dang_vien")[1]
    assert as_form("canh_cao", "dang_vien") == canh_cao
    assert as_form(canh_cao, "dang_vien") == canh_cao


@pytest.mark.parametrize("form, subject, kwargs, words", [
    # giải tán is a form for organisations only
    ("giai_tan", "dang_vien", {}, "không áp dụng với đảng viên chính thức"),
    # khai trừ is a form for members only
    ("khai_tru", "to_chuc", {}, "không áp dụng với tổ chức đảng"),
    # cách chức needs a post
    ("cach_chuc", "dang_vien", {"holds_post": False}, "chỉ áp dụng với đảng viên có chức vụ"),
    # a probationary member cannot be expelled (an unworthy one is struck off, which is not a form)
    ("khai_tru", "dang_vien", {"official": False}, "không áp dụng với đảng viên dự bị"),
    # not a form at all
    ("ha_bac_luong", "dang_vien", {}, "hình thức kỷ luật"),
])
def test_a_form_that_does_not_exist_for_the_subject_is_an_input_error(form, subject, kwargs, words):
    with pytest.raises(InputError) as err:
        as_form(form, subject, **kwargs)
    assert words in str(err.value) and form in str(err.value)


def test_an_unknown_subject_is_an_input_error_naming_the_allowed_ones():
    with pytest.raises(InputError, match="đối tượng kỷ luật.*«chi_bo».*dang_vien.*to_chuc"):
        forms("chi_bo")


def test_form_is_a_frozen_value():
    f = forms("to_chuc")[0]
    assert isinstance(f, Form)
    with pytest.raises(AttributeError):
        f.slug = "canh_cao"
