"""Bad input: another template, a missing sheet or column, an unknown level, merged or blank header rows, many bad
rows → one Vietnamese InputError naming sheet, row and column (the first 50 listed, with the count)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from kiemtra_lib import InputError, verification

from _dossiers import REVIEW, dossier


def _edit(data: bytes, fn) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    fn(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _error(data: bytes, **kw) -> InputError:
    with pytest.raises(InputError) as info:
        verification.verify(data, review_date=REVIEW, **kw)
    return info.value


def test_a_file_that_is_not_excel():
    err = _error(b"ma_dang_vien,ho_ten\nDV1,X\n")
    assert "Không đọc được tệp Excel" in str(err)


def test_a_workbook_of_another_template_names_the_sheets_it_needs():
    wb = openpyxl.Workbook()
    wb.active.title = "members"
    wb.active.append(["member_id", "chi_bo_id"])
    buf = io.BytesIO()
    wb.save(buf)
    text = str(_error(buf.getvalue()))
    assert "Tệp không theo mẫu hồ sơ thẩm định" in text and "«Đảng viên», «Tổ chức», «Ngày hồ sơ»" in text
    assert "«members»" in text


def test_a_marker_of_another_template_is_refused():
    def other(wb):
        wb["_mau"]["B1"] = "mau-khac"
    assert "mẫu khác" in str(_error(_edit(dossier(), other)))


def test_a_dossier_of_one_rule_set_checked_under_another_names_both():
    def relabel(wb):
        wb["_mau"]["B3"] = "qd366-2025"
    err = _error(_edit(dossier(), relabel), ruleset="hcm-2014")
    assert "«qd366-2025»" in str(err) and "«hcm-2014»" in str(err)


def test_a_missing_sheet():
    text = str(_error(_edit(dossier(), lambda wb: wb.remove(wb["Ngày hồ sơ"]))))
    assert "Tệp thiếu trang" in text and "«Ngày hồ sơ»" in text


def test_a_missing_column_names_sheet_and_column():
    def drop(wb):
        ws = wb["Đảng viên"]
        col = [c.value for c in ws[1]].index("Kết quả thực hiện nhiệm vụ") + 1
        ws.delete_cols(col)
    text = str(_error(_edit(dossier(), drop)))
    assert "dòng 1 của trang «Đảng viên», cột «Kết quả thực hiện nhiệm vụ»" in text and "(thiếu cột)" in text


def test_a_missing_proposed_level_column():
    def drop(wb):
        ws = wb["Tổ chức"]
        ws.delete_cols([c.value for c in ws[1]].index("Mức đề nghị") + 1)
    assert "trang «Tổ chức», cột «Mức đề nghị»" in str(_error(_edit(dossier(), drop)))


def test_a_level_that_is_not_a_level_of_the_rule_set():
    text = str(_error(dossier(proposed={"A04": "Trong sạch vững mạnh"})))
    assert "dòng 5 (A04) của trang «Đảng viên», cột «Mức đề nghị»" in text
    assert "Không phải một mức của bộ quy tắc «hcm-2014»" in text and "Hoàn thành tốt nhiệm vụ" in text


def test_a_merged_title_row_above_the_headers():
    def title(wb):
        ws = wb["Đảng viên"]
        ws.insert_rows(1)
        ws["A1"] = "DANH SÁCH ĐẢNG VIÊN CHI BỘ CB1"
        ws.merge_cells("A1:F1")
    text = str(_error(_edit(dossier(), title)))
    assert "dòng 1 của trang «Đảng viên», cột «dòng tiêu đề»" in text
    assert "ô gộp (A1:F1)" in text and "tiêu đề cột đang ở dòng 2" in text


def test_a_blank_row_above_the_headers():
    text = str(_error(_edit(dossier(), lambda wb: wb["Tổ chức"].insert_rows(1))))
    assert "dòng 1 của trang «Tổ chức»" in text and "để trống" in text and "dòng 2" in text


def test_a_bad_value_names_sheet_excel_row_member_and_column():
    def bad(wb):
        ws = wb["Đảng viên"]
        col = [c.value for c in ws[1]].index("Kết quả thực hiện nhiệm vụ") + 1
        ws.cell(row=6, column=col, value="giỏi")
    text = str(_error(_edit(dossier(), bad)))
    assert "dòng 6 (A05) của trang «Đảng viên», cột «Kết quả thực hiện nhiệm vụ»: «giỏi»" in text


def test_hundreds_of_bad_rows_report_the_first_50_and_the_count():
    def many(wb):
        ws = wb["Đảng viên"]
        col = [c.value for c in ws[1]].index("Phiếu Hoàn thành tốt") + 1
        for i in range(300):
            ws.cell(row=14 + i, column=1, value=f"X{i:03d}")
            ws.cell(row=14 + i, column=2, value="CB1")
            ws.cell(row=14 + i, column=col, value="nhiều")
    err = _error(_edit(dossier(), many))
    assert err.total >= 300 and len(err.problems) == 50
    assert str(err).startswith(f"Có {err.total} giá trị không hợp lệ")
    assert "của trang «Đảng viên»" in err.problems[0].row


def test_a_late_date_that_is_not_a_date():
    bad = [{"org_id": "CB1", "received": "32/11/2025", "working_day": "14/11/2025"}]
    text = str(_error(dossier(dates=bad)))
    assert "dòng 2 của trang «Ngày hồ sơ», cột «Ngày nhận hồ sơ»" in text


def test_a_date_row_for_an_organisation_not_in_the_dossier():
    bad = [{"org_id": "CB9", "received": "10/11/2025", "working_day": "14/11/2025"}]
    assert "Không có tổ chức này ở trang «Tổ chức»" in str(_error(dossier(dates=bad)))


def test_an_empty_template_says_there_are_no_rows():
    text = str(_error(verification.template_bytes("hcm-2014")))
    assert "Trang «Đảng viên» chưa có dòng nào" in text


def test_a_review_date_that_is_not_a_date():
    with pytest.raises(InputError) as info:
        verification.verify(dossier(), review_date="31/02/2025")
    assert "«ngày đánh giá, xếp loại»: «31/02/2025»" in str(info.value)
