"""The template (sheets, Vietnamese headers from the data dictionary, drop-down lists), the report (HTML, xlsx,
PDF) and the command line."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from kiemtra_lib import verification
from kiemtra_lib.cli import main
from kiemtra_lib.schema import MEMBERS, ORGANISATIONS

from _dossiers import REVIEW, dossier

LATE = [{"org_id": "CB1", "received": "12/11/2025", "working_day": "14/11/2025"}]


def test_the_template_has_its_sheets_headers_and_lists():
    wb = openpyxl.load_workbook(io.BytesIO(verification.template_bytes("hcm-2014")))
    assert wb.sheetnames[:4] == ["Đảng viên", "Tổ chức", "Ngày hồ sơ", "Ghi chú"]
    assert wb["_mau"].sheet_state == "hidden" and wb["Danh mục"].sheet_state == "hidden"
    assert [wb["_mau"].cell(r, 2).value for r in (1, 3)] == ["kiemtra-tham-dinh", "hcm-2014"]
    heads = [c.value for c in wb["Đảng viên"][1]]
    assert heads == [c.label for c in MEMBERS.columns] + ["Mức đề nghị"]
    assert [c.value for c in wb["Tổ chức"][1]] == [c.label for c in ORGANISATIONS.columns] + ["Điểm các phần",
                                                                                               "Mức đề nghị"]
    lists = {str(dv.sqref).split(":")[0][:-1]: dv.formula1
             for dv in wb["Đảng viên"].data_validations.dataValidation}
    col = openpyxl.utils.get_column_letter(heads.index("Mức đề nghị") + 1)
    ref = lists[col].split("!")[1].replace("$", "")
    values = [c.value for row in wb["Danh mục"][ref] for c in row]
    assert values == ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ",
                      "Không hoàn thành nhiệm vụ", "Chưa phân loại lần này"]
    notes = [r for r in wb["Ghi chú"].iter_rows(values_only=True) if r and r[0] == "Đảng viên"]
    assert len(notes) == len(MEMBERS.columns) + 1 and notes[-1][1] == "Mức đề nghị"


def test_the_html_report_has_the_summary_the_list_and_the_minutes():
    result = verification.verify(dossier(proposed={"A03": "HTXS"}, dates=LATE), review_date=REVIEW)
    page = verification.report_html(result)
    assert page.startswith("<!DOCTYPE html>") and 'lang="vi"' in page
    for text in ("Tổng hợp theo loại sai lệch", "Danh sách sai lệch", "Dự thảo đoạn biên bản thẩm định",
                 "20/11/2025", "12/11/2025", "R-M1", "004 §IV.2.2.a", "Hồ sơ gửi đoàn muộn", "hcm-2014"):
        assert text in page
    para = result.minutes_paragraph()
    assert "2 nội dung «sai quy định»" in para and "bỏ phiếu kín" in para


def test_a_correct_dossier_report_says_no_discrepancy():
    result = verification.verify(dossier(), review_date=REVIEW)
    assert "Không có sai lệch" in verification.report_html(result)
    assert "không có sai lệch" in result.minutes_paragraph()


def test_the_xlsx_report_has_vietnamese_sheets_and_headers():
    result = verification.verify(dossier(proposed={"A07": "HT"}), review_date=REVIEW)
    wb = openpyxl.load_workbook(io.BytesIO(verification.report_xlsx(result)))
    assert wb.sheetnames == ["Biên bản", "Tổng hợp", "Sai lệch", "Lưu ý"]
    heads = [c.value for c in wb["Sai lệch"][1]]
    assert heads[:3] == ["Mức độ", "Loại sai lệch", "Đối tượng"]
    row = [c.value for c in wb["Sai lệch"][2]]
    assert row[0] == "Sai quy định" and "K3" in row


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Debian's Chromium (/usr/bin/chromium) absent")
def test_the_pdf_report_is_printed_by_chromium(tmp_path):
    result = verification.verify(dossier(proposed={"A03": "HTXS"}), review_date=REVIEW)
    out = verification.report_pdf(result, tmp_path / "bao_cao.pdf")
    assert out.read_bytes()[:5] == b"%PDF-" and out.stat().st_size > 5000


def test_the_command_line_writes_the_template_and_checks_a_dossier(tmp_path, capsys):
    mau = tmp_path / "mau.xlsx"
    assert main(["tham-dinh", "mau", "--ruleset", "hcm-2014", "--out", str(mau)]) == 0
    assert openpyxl.load_workbook(mau).sheetnames[0] == "Đảng viên"
    good = tmp_path / "ho_so.xlsx"
    good.write_bytes(dossier())
    assert main(["tham-dinh", "kiem-tra", str(good), "--review-date", REVIEW]) == 0
    assert "Không có sai lệch" in capsys.readouterr().out
    assert (tmp_path / "ho_so.tham_dinh.html").is_file() and (tmp_path / "ho_so.tham_dinh.xlsx").is_file()
    bad = tmp_path / "sai.xlsx"
    bad.write_bytes(dossier(proposed={"A06": "HTT"}))
    assert main(["tham-dinh", "kiem-tra", str(bad), "--review-date", REVIEW]) == 3
    assert "R-M5" in capsys.readouterr().out


def test_the_command_line_reports_bad_input_in_vietnamese(tmp_path, capsys):
    assert main(["tham-dinh", "kiem-tra", str(tmp_path / "khong_co.xlsx"), "--review-date", REVIEW]) == 2
    assert "Không tìm thấy tệp này" in capsys.readouterr().err
    assert main(["tham-dinh", "mau", "--ruleset", "khong-co", "--out", str(tmp_path / "x.xlsx")]) == 2
