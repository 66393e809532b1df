"""A bad parameter of a lesson gives one Vietnamese message naming the parameter and the value, never a traceback
(issues 17 and 19): the guard itself, each lesson's own list of parameters, and what a kernel shows."""

from __future__ import annotations

import datetime as dt

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from kiemtra_lib import InputError
from kiemtra_lib.course import parameters as P
from kiemtra_lib.widgets import load_case

NINE = load_case("chi_bo_9", 9)
LESSON_02 = dict(seed=9, case="chi_bo_9", ruleset="hcm-2014", chi_bo_id="CB01", meeting_date="20/11/2025",
                 secretary="", deputy="DV02", committee=[], leaders=["DV03"])

# (name, changed parameters, words the message must hold)
BAD_02 = [
    ("a text where a list is expected is refused, not split into letters", {"leaders": "DV03"},
     ["«leaders (cán bộ lãnh đạo, quản lý)»", "«DV03»", 'ví dụ ["DV03"]']),
    ("an unknown member id is named, with the chi bộ's ids", {"deputy": "DV99"},
     ["«deputy (Phó Bí thư)»", "«DV99»", "DV01, DV02"]),
    ("a member id inside a list is checked too", {"committee": ["DV01", "DV42"]}, ["«DV42»", "chi ủy viên"]),
    ("a date out of the lesson's range", {"meeting_date": "20/11/2035"},
     ["«meeting_date (ngày họp chi bộ)»", "«20/11/2035»", "đến 31/12/2031"]),
    ("a date that does not exist", {"meeting_date": "31/02/2025"}, ["«31/02/2025»", "dd/mm/yyyy"]),
    ("an unknown case", {"case": "chi_bo_10"}, ["«case (tình huống)»", "chi_bo_9"]),
    ("an unknown rule set", {"ruleset": "hcm-2015"}, ["«ruleset (bộ quy tắc)»", "hcm-2014"]),
]


@pytest.mark.parametrize("name, change, words", BAD_02, ids=[c[0] for c in BAD_02])
def test_a_bad_parameter_of_lesson_02_is_named_in_vietnamese(name, change, words):
    with pytest.raises(InputError) as info:
        P.lesson_parameters("02", {**LESSON_02, **change}, NINE)
    for word in words:
        assert word in str(info.value)


def test_every_bad_parameter_is_reported_at_once():
    with pytest.raises(InputError) as info:
        P.lesson_parameters("02", {**LESSON_02, "leaders": "DV03", "meeting_date": "x"}, NINE)
    assert info.value.total == 2
    assert str(info.value).startswith("Có 2 giá trị không hợp lệ")


def test_good_parameters_come_back_checked():
    out = P.lesson_parameters("02", LESSON_02, NINE)
    assert out["leaders"] == ["DV03"] and out["meeting_date"] == dt.date(2025, 11, 20)


@pytest.mark.parametrize("kind, value, ok", [
    (P.Number("số ngày", 0, 6, integer=True), 6, True),
    (P.Number("số ngày", 0, 6, integer=True), 7, False),
    (P.Number("số ngày", 0, 6, integer=True), "3", False),
    (P.Number("số ngày", 0, 6, integer=True), True, False),  # a yes/no is not a number
    (P.Number("điểm", 0, 100), 86.5, True),
    (P.Flag("tham nhũng"), "False", False),
    (P.Flag("tham nhũng"), False, True),
    (P.Dict({"points": P.Number("điểm", 0, 100)}, "thay đổi"), {"point": 90}, False),
    (P.Dict({"points": P.Number("điểm", 0, 100)}, "thay đổi"), {"points": 120}, False),
    (P.Dict({"points": P.Number("điểm", 0, 100)}, "thay đổi"), {"points": 90}, True),
    (P.ListOf(["a", "b"], "x"), ("a",), True),
    (P.ListOf(["a", "b"], "x"), "ab", False),
    (P.OneOf(["DV01"], "x", blank=True), "", True),
    (P.OneOf(["DV01"], "x"), "", False),
    (P.Date("ngày", "01/01/2020", "31/12/2020"), "31/12/2020", True),
    (P.Date("ngày", "01/01/2020", "31/12/2020"), "01/01/2021", False),
], ids=lambda v: repr(v)[:40])
def test_each_kind_on_both_sides(kind, value, ok):
    if ok:
        P.check({"v": value}, v=kind)
    else:
        with pytest.raises(InputError) as info:
            P.check({"v": value}, v=kind)
        assert "«v" in str(info.value)


def test_every_lesson_with_parameters_has_a_spec():
    from kiemtra_lib.course import LESSONS

    assert set(P.LESSON_SPECS) <= {ls.number for ls in LESSONS}


def test_a_kernel_shows_the_message_only_and_stops(tmp_path):
    """setup() makes an InputError a red Vietnamese box: no traceback, no English, and the next cell does not run."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('leaders = "DV03"'),
                nbformat.v4.new_code_cell("from kiemtra_lib.course.parameters import lesson_parameters\n"
                                          "from kiemtra_lib.widgets import setup, load_case; setup()\n"
                                          "data = load_case('chi_bo_9', 9)\n"
                                          "lesson_parameters('02', {**%r, 'leaders': leaders}, data)" % LESSON_02),
                nbformat.v4.new_code_cell("print('không được chạy tới đây')")]
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}})
    with pytest.raises(CellExecutionError):
        client.execute()
    outputs = nb.cells[1].outputs
    assert [o.output_type for o in outputs] == ["display_data"]
    html = outputs[0].data["text/html"]
    assert "Dữ liệu chưa hợp lệ" in html and "«DV03»" in html
    assert "Traceback" not in html and "InputError" not in html
    assert nb.cells[2].outputs == []
