"""Bad rosters are refused with a Vietnamese message naming the row (issues 16, 17)."""

from __future__ import annotations

import openpyxl
import pytest

from kiemtra_lib import InputError
from kiemtra_lib.exercises import read_roster
from kiemtra_lib.exercises.roster import check_trainee_id


def _roster(tmp_path, text, name="lop.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


CASES = [
    # (rows after the header «trainee_id,ho_ten», bad row number, a word the message must hold)
    ("HV001,Lê Văn Thử,HV009,Người Khác\n", 2, "nhiều cột hơn"),
    ("HV001\n", 2, "ít cột hơn"),
    ("HV001,Lê Văn Thử\nHV001,Trần Thị Mẫu\n", 3, "trùng với mã «HV001» ở dòng 2"),
    ("HV001,Lê Văn Thử\nhv001,Trần Thị Mẫu\n", 3, "chỉ khác chữ hoa"),
    ("CON,Lê Văn Thử\n", 2, "dành riêng của Windows"),
    ("nul,Lê Văn Thử\n", 2, "dành riêng của Windows"),
    ("COM1.txt,Lê Văn Thử\n", 2, "dành riêng của Windows"),
    ("HV001.,Lê Văn Thử\n", 2, "dấu chấm"),
    ("../HV001,Lê Văn Thử\n", 2, "tên thư mục"),
    ("HV 001,Lê Văn Thử\n", 2, "tên thư mục"),
    ("Học001,Lê Văn Thử\n", 2, "tên thư mục"),
    (",Lê Văn Thử\n", 2, "không được để trống"),
    ("HV001,\n", 2, "họ và tên không được để trống"),
]


@pytest.mark.parametrize("rows, bad_row, words", CASES)
def test_bad_row_named(tmp_path, rows, bad_row, words):
    p = _roster(tmp_path, "trainee_id,ho_ten\n" + rows)
    with pytest.raises(InputError) as err:
        read_roster(p)
    msg = str(err.value)
    assert f"dòng {bad_row}" in msg and words in msg, msg


def test_more_fields_builds_nobody(tmp_path):
    """The issue's case: HV009 must not appear in place of HV001."""
    p = _roster(tmp_path, "trainee_id,ho_ten\nHV001,Lê Văn Thử,HV009,Người Khác\nHV002,Trần Thị Mẫu\n")
    with pytest.raises(InputError) as err:
        read_roster(p)
    assert "HV009" not in [pr.value for pr in err.value.problems]
    assert err.value.problems[0].row == 2


def test_every_bad_row_at_once(tmp_path):
    p = _roster(tmp_path, "trainee_id,ho_ten,email\nCON,A,\nHV002,,\nHV003,C,khong-phai-email\n")
    with pytest.raises(InputError) as err:
        read_roster(p)
    assert sorted(pr.row for pr in err.value.problems) == [2, 3, 4]
    assert "không phải một địa chỉ email" in str(err.value)


def test_missing_column_names_both_spellings(tmp_path):
    p = _roster(tmp_path, "Mã học viên,Ngày sinh\nHV001,01/01/1990\n")
    with pytest.raises(InputError) as err:
        read_roster(p)
    assert "họ và tên" in str(err.value) and "Họ và tên" in str(err.value)


def test_two_columns_for_one_field(tmp_path):
    p = _roster(tmp_path, "trainee_id,Mã học viên,ho_ten\nHV001,HV001,A\n")
    with pytest.raises(InputError, match="hai cột cùng là «mã học viên»"):
        read_roster(p)


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n  \n", b"\xff\xfe"])
def test_empty_files(tmp_path, content):
    p = tmp_path / "lop.csv"
    p.write_bytes(content)
    with pytest.raises(InputError, match="tệp trống"):
        read_roster(p)


def test_unclosed_quote(tmp_path):
    p = _roster(tmp_path, 'trainee_id,ho_ten\nHV001,"Lê Văn Thử\n')
    with pytest.raises(InputError, match="không đọc được dòng CSV"):
        read_roster(p)


def test_damaged_excel_file(tmp_path):
    p = tmp_path / "lop.xlsx"
    p.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(InputError, match="không đọc được tệp Excel"):
        read_roster(p)


def test_excel_formula_cell_refused(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["Mã học viên", "Họ và tên"])
    wb.active.append(["HV001", '=HYPERLINK("http://x.example","bấm")'])
    p = tmp_path / "lop.xlsx"
    wb.save(p)
    with pytest.raises(InputError, match="dòng 2.*công thức"):
        read_roster(p)


def test_excel_extra_cell_beyond_header(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["Mã học viên", "Họ và tên"])
    wb.active.append(["HV001", "Lê Văn Thử", "HV009", "Người Khác"])
    p = tmp_path / "lop.xlsx"
    wb.save(p)
    with pytest.raises(InputError, match="dòng 2.*nhiều cột hơn"):
        read_roster(p)


def test_unknown_format_and_missing_file(tmp_path):
    with pytest.raises(InputError, match="không tìm thấy tệp"):
        read_roster(tmp_path / "khong_co.csv")
    p = tmp_path / "lop.ods"
    p.write_bytes(b"x")
    with pytest.raises(InputError, match="định dạng tệp không được hỗ trợ"):
        read_roster(p)


@pytest.mark.parametrize("tid, ok", [("HV001", True), ("007", True), ("a.b_c-d", True), ("CON", False),
                                     ("aux.x", False), ("LPT9", False), ("CONSOLE", True), ("x.", False),
                                     (".hidden", False), ("-rf", False), ("a/b", False), ("a" * 65, False)])
def test_check_trainee_id(tid, ok):
    assert (check_trainee_id(tid) is None) == ok
