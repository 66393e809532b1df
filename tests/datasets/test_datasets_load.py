"""Loading: shipped names, CSV and Excel files, Vietnamese headers, and every bad value reported at once with the row
number as it appears in the file; nothing dropped silently."""

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from kiemtra_lib import InputError
from kiemtra_lib.datasets import Case, load, pseudonymise
from kiemtra_lib.schema import MEMBERS

HEADER = "member_id,chi_bo_id,task_result,votes_xuat_sac,votes_tot,votes_hoan_thanh,votes_khong_hoan_thanh"


def write(tmp_path, text, name="ds.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems(err):
    return {(p.row, p.field, p.value) for p in err.value.problems}


def test_a_shipped_name_gives_a_case_with_review_date_and_edge_cases():
    case = load("chi_bo_9")
    assert isinstance(case, Case) and case.review_date == dt.date(2025, 11, 20)
    assert len(case.members) == 9 and len(case.organisations) == 1
    assert {e["scenario"] for e in case.meta["edge_cases"]} >= {"hoa_phieu_ranh_gioi_chi_tieu", "dung_2_3_phieu"}


def test_an_unknown_name_lists_the_shipped_names():
    with pytest.raises(InputError) as err:
        load("chi_bo_10")
    assert err.value.field == "tên tình huống"
    assert "chi_bo_9" in str(err.value) and "dang_bo_lon" in str(err.value)


@pytest.mark.parametrize("name, why", [("ds.txt", "csv hoặc .xlsx"), ("khong_co.csv", "Không tìm thấy")])
def test_a_wrong_or_missing_file_is_named(tmp_path, name, why):
    if name.endswith(".txt"):
        (tmp_path / name).write_text("x")
    with pytest.raises(InputError, match=why) as err:
        load(tmp_path / name)
    assert err.value.field == "tệp"


def test_a_csv_is_checked_and_normalised_keeping_ids_as_typed(tmp_path):
    path = write(tmp_path, HEADER + ",joined_on\n007,CB1,tot,0,5,1,0,05/02/2020\n008,CB1,Hoàn thành,0,1,5,0,2019-03-01\n")
    df = load(path)
    assert df["member_id"].tolist() == ["007", "008"]
    assert df["task_result"].tolist() == ["tot", "hoan_thanh"]
    assert df["joined_on"].dt.date.tolist() == [dt.date(2020, 2, 5), dt.date(2019, 3, 1)]


def test_every_bad_value_is_reported_at_once_with_file_line_numbers(tmp_path):
    text = (HEADER + ",official,joined_on,faults,sick_leave_months\n"
            "DV1,CB1,tot,0,5,1,0,có,01/01/2020,,0\n"          # line 2: good
            "DV2,CB1,gioi,0,5,1,0,có,01/01/2020,,0\n"         # line 3: unknown enum value
            "DV3,CB1,tot,-1,5,1.5,0,có,01/01/2020,,0\n"       # line 4: negative count, non-integer count
            "DV4,CB1,tot,0,5,1,0,chắc,31/02/2020,,13\n"       # line 5: bad bool, impossible date, above maximum
            "DV5,,tot,0,5,1,0,có,01/01/2020,an_cap,0\n"       # line 6: required id empty, unknown set item
            "DV1,CB1,tot,0,5,1,0,có,01/01/2020,,0\n")         # line 7: duplicate key
    with pytest.raises(InputError) as err:
        load(write(tmp_path, text))
    assert problems(err) == {
        ("3 (DV2)", "task_result", "gioi"), ("4 (DV3)", "votes_xuat_sac", "-1"), ("4 (DV3)", "votes_hoan_thanh", "1.5"),
        ("5 (DV4)", "official", "chắc"), ("5 (DV4)", "joined_on", "31/02/2020"),
        ("5 (DV4)", "sick_leave_months", "13"), ("6 (DV5)", "chi_bo_id", "(trống)"), ("6 (DV5)", "faults", "an_cap"),
        ("7", "member_id", "DV1")}
    assert str(err.value).startswith("Có 9 giá trị không hợp lệ")


def test_a_missing_required_column_is_named_in_english_and_vietnamese(tmp_path):
    with pytest.raises(InputError, match="votes_tot.*Phiếu Hoàn thành tốt"):
        load(write(tmp_path, "member_id,chi_bo_id,task_result,votes_xuat_sac,votes_hoan_thanh,"
                             "votes_khong_hoan_thanh\nDV1,CB1,tot,0,1,0\n"))


def test_a_blank_line_inside_the_table_is_reported_not_dropped_and_trailing_blanks_are_trimmed(tmp_path):
    text = HEADER + "\nDV1,CB1,tot,0,5,1,0\n,,,,,,\nDV2,CB1,tot,0,5,1,0\n,,,,,,\n\n"
    with pytest.raises(InputError) as err:
        load(write(tmp_path, text))
    rows = {str(p.row).split()[0] for p in err.value.problems}
    assert rows == {"3"}  # line 3, the blank line between two members; nothing after line 4
    assert {p.field for p in err.value.problems} >= {"member_id", "chi_bo_id", "task_result"}


def test_the_same_column_under_two_headers_is_refused(tmp_path):
    with pytest.raises(InputError, match="member_id.*Mã đảng viên"):
        load(write(tmp_path, HEADER + ",Mã đảng viên\nDV1,CB1,tot,0,5,1,0,DV1\n"))


def test_a_file_without_a_key_column_is_not_guessed(tmp_path):
    with pytest.raises(InputError, match="Không nhận ra bảng"):
        load(write(tmp_path, "ten,diem\nA,1\n"))


def test_a_file_not_in_utf8_is_refused_with_how_to_save_it(tmp_path):
    path = write(tmp_path, HEADER + "\nDV1,CB1,Hoàn thành,0,5,1,0\n", encoding="latin-1")
    with pytest.raises(InputError, match="CSV UTF-8"):
        load(path)


def test_a_semicolon_separated_csv_from_excel_is_read(tmp_path):
    df = load(write(tmp_path, HEADER.replace(",", ";") + "\nDV1;CB1;tot;0;5;1;0\n"))
    assert df["votes_tot"].tolist() == [5]


def test_an_excel_file_with_vietnamese_headers(tmp_path):
    rows = pd.DataFrame({"Mã đảng viên": ["DV01", "DV02"], "Mã chi bộ": ["CB1", "CB1"],
                         "Họ và tên": ["Phạm Thị Lan", "Võ Văn Hùng"],
                         "Kết quả thực hiện nhiệm vụ": ["Hoàn thành tốt", "tot"],
                         "Ngày vào Đảng": [dt.datetime(2015, 3, 2), "02/03/2016"],
                         "Phiếu Hoàn thành xuất sắc": [0, 0], "Phiếu Hoàn thành tốt": [5, 6],
                         "Phiếu Hoàn thành": [1, 0], "Phiếu Không hoàn thành": [0, 0]})
    rows["Kết quả thực hiện nhiệm vụ"] = ["Tốt", "tot"]
    path = tmp_path / "danh_sach.xlsx"
    rows.to_excel(path, index=False)
    df = load(path)
    assert df["member_id"].tolist() == ["DV01", "DV02"] and df["task_result"].tolist() == ["tot", "tot"]
    assert df["joined_on"].dt.date.tolist() == [dt.date(2015, 3, 2), dt.date(2016, 3, 2)]
    assert df["ho_ten"].tolist() == ["Phạm Thị Lan", "Võ Văn Hùng"]


def test_an_excel_file_reports_bad_rows_with_their_sheet_line_numbers(tmp_path):
    rows = pd.DataFrame({"Mã đảng viên": ["DV01", "DV02", "DV03"], "Mã chi bộ": ["CB1", "CB1", "CB1"],
                         "Kết quả thực hiện nhiệm vụ": ["tot", "tot", "giỏi"], "Phiếu Hoàn thành xuất sắc": [0, 0, 0],
                         "Phiếu Hoàn thành tốt": [5, -2, 5], "Phiếu Hoàn thành": [1, 0, 1],
                         "Phiếu Không hoàn thành": [0, 0, 0]})
    path = tmp_path / "sai.xlsx"
    rows.to_excel(path, index=False)
    with pytest.raises(InputError) as err:
        load(path)
    assert problems(err) == {("3 (DV02)", "votes_tot", -2), ("4 (DV03)", "task_result", "giỏi")}


def test_a_workbook_with_one_sheet_per_table_gives_a_case(tmp_path):
    case = load("chi_bo_9")
    path = tmp_path / "don_vi.xlsx"
    with pd.ExcelWriter(path) as writer:
        case.members.to_excel(writer, sheet_name="Đảng viên", index=False)
        case.organisations.to_excel(writer, sheet_name="Tổ chức", index=False)
    loaded = load(path)
    assert isinstance(loaded, Case)
    assert loaded.members["member_id"].tolist() == case.members["member_id"].tolist()
    assert loaded.members["votes_tot"].tolist() == case.members["votes_tot"].tolist()
    assert len(loaded.inspections) == 0 and len(loaded.organisations) == 1


def test_a_pseudonymised_roster_loads_and_validates_like_the_original(tmp_path):
    case = load("dang_bo_6_chi_bo")
    hidden = pseudonymise(case.members, "khoá của lớp K12 năm 2026")
    path = tmp_path / "an_danh.csv"
    hidden.to_csv(path, index=False)
    again = load(path)
    assert len(again) == len(case.members)
    assert again["votes_tot"].tolist() == case.members["votes_tot"].tolist()
    assert len(MEMBERS.validate(hidden)) == len(case.members)


def test_a_case_describes_itself_in_vietnamese_with_dates_as_dd_mm_yyyy():
    case = load("chi_bo_9")
    assert case.summary() == ("Tình huống «chi bộ 9 đảng viên»: 9 đảng viên, 1 chi bộ, "
                              f"{len(case.inspections)} cuộc kiểm tra, giám sát, {len(case.discipline_cases)} vụ việc "
                              "kỷ luật; ngày kiểm điểm 20/11/2025.")
    html = case._repr_html_()
    assert "Đúng 4/6 phiếu" in html and "DV04" in html
    with pytest.raises(dataclasses.FrozenInstanceError):
        case.name = "khác"
