"""Rosters as instructors export them: Excel or CSV, Vietnamese or English headers, four encodings."""

from __future__ import annotations

import openpyxl
import pytest

from kiemtra_lib.exercises import read_roster
from kiemtra_lib.exercises.roster import Trainee

VI_HEADER = ["STT", "Mã học viên", "Họ và tên", "Đơn vị", "Email"]
ROWS = [["1", "HV001", "Lê Văn Thử", "Chi bộ Phường Mẫu", "hv001@vi-du.vn"],
        ["2", "HV002", "Trần Thị Nghiệm", "Đảng uỷ Xã Giả Định", ""]]
EXPECTED = [Trainee("HV001", "Lê Văn Thử", "Chi bộ Phường Mẫu", "hv001@vi-du.vn"),
            Trainee("HV002", "Trần Thị Nghiệm", "Đảng uỷ Xã Giả Định", "")]


def _cp1258_form(text):
    """Windows-1258 stores «ế» as «ê» plus a combining acute: a letter it lacks is split into the letter with its
    vowel mark and a tone mark, as Vietnamese Windows writes it."""
    import unicodedata
    out = []
    for ch in text:
        try:
            ch.encode("cp1258")
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        for i, m in enumerate(marks):  # keep the vowel mark (â, ơ, ư) precomposed when cp1258 has it
            composed = unicodedata.normalize("NFC", base + m)
            if len(composed) == 1:
                try:
                    composed.encode("cp1258")
                    base, marks = composed, marks[:i] + marks[i + 1:]
                    break
                except UnicodeEncodeError:
                    pass
        out.append(base + "".join(marks))
    return "".join(out)


def _csv_text(header, rows, sep=","):
    return "\r\n".join(sep.join(r) for r in [header, *rows]) + "\r\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1258"])
def test_csv_encodings(tmp_path, encoding):
    p = tmp_path / "lop.csv"
    text = _csv_text(VI_HEADER, ROWS)
    if encoding == "cp1258":
        text = _cp1258_form(text)
    p.write_bytes(text.encode(encoding, errors="strict"))
    assert read_roster(p) == EXPECTED


@pytest.mark.parametrize("sep", [";", "\t"])
def test_csv_separators(tmp_path, sep):
    p = tmp_path / "lop.csv"
    p.write_text(_csv_text(VI_HEADER, ROWS, sep), encoding="utf-8")
    assert read_roster(p) == EXPECTED


@pytest.mark.parametrize("header", [
    ["trainee_id", "ho_ten", "don_vi", "email"],
    ["MÃ HỌC VIÊN", "HỌ VÀ TÊN", "ĐƠN VỊ", "E-mail"],
    ["Ma hoc vien", "Ho va ten", "Don vi", "email"],
    ["Mã HV", "Họ tên", "Đơn vị công tác", "Thư điện tử"],
])
def test_header_spellings(tmp_path, header):
    p = tmp_path / "lop.csv"
    p.write_text(_csv_text(header, [r[1:] for r in ROWS]), encoding="utf-8")
    assert read_roster(p) == EXPECTED


def test_two_columns_only(tmp_path):
    p = tmp_path / "lop.csv"
    p.write_text("trainee_id,ho_ten\nHV001,Lê Văn Thử\n", encoding="utf-8")
    assert read_roster(p) == [Trainee("HV001", "Lê Văn Thử", "", "")]


def test_excel_vietnamese_headers_numbers_and_blank_rows(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(VI_HEADER)
    ws.append([1, "HV001", "Lê Văn Thử", "Chi bộ Phường Mẫu", "hv001@vi-du.vn"])
    ws.append([None, None, None, None, None])
    ws.append([2, "HV002", "Trần Thị Nghiệm", "Đảng uỷ Xã Giả Định", None])
    ws.append([3, 7, "Phạm Văn Số", None, None])  # an id typed as a number
    p = tmp_path / "lop.xlsx"
    wb.save(p)
    assert read_roster(p) == EXPECTED + [Trainee("7", "Phạm Văn Số", "", "")]
    assert [t.row for t in read_roster(p)] == [2, 4, 5]  # file rows, the blank row 3 counted


def test_decomposed_names_are_nfc(tmp_path):
    import unicodedata
    p = tmp_path / "lop.csv"
    p.write_text(unicodedata.normalize("NFD", "trainee_id,ho_ten\nHV001,Lê Văn Thử\n"), encoding="utf-8")
    assert read_roster(p)[0].ho_ten == unicodedata.normalize("NFC", "Lê Văn Thử")
