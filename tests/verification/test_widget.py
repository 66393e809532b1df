"""The verification page's panel in Python (no browser): upload → «Thẩm định» → report and downloads; bad files
give the Vietnamese message."""

from __future__ import annotations

import base64
import io
import re

import openpyxl

from kiemtra_lib.verification.widget import VerificationPanel

from _dossiers import REVIEW, dossier


def test_the_panel_checks_an_uploaded_dossier_and_offers_the_report():
    panel = VerificationPanel(review_date=REVIEW)
    panel.load("ho_so_cb1.xlsx", dossier(proposed={"A06": "HTT"}))
    panel.run_button.click()
    assert "Có 1 sai lệch" in panel.status.value and "R-M5" in panel.result.value
    href = re.search(r'download="ho_so_cb1\.tham_dinh\.xlsx" href="data:[^;]+;base64,([^"]+)"', panel.downloads.value)
    wb = openpyxl.load_workbook(io.BytesIO(base64.b64decode(href.group(1))))
    assert [c.value for c in wb["Sai lệch"][2]][0] == "Sai quy định"


def test_the_panel_shows_a_bad_workbooks_message_instead_of_a_traceback():
    panel = VerificationPanel(review_date=REVIEW)
    panel.load("mau.xlsx", b"not an excel file")
    html = panel.run()
    assert "Không thẩm định được tệp này" in html and "Không đọc được tệp Excel" in html
    assert panel.downloads.value == ""


def test_the_panel_asks_for_a_file_first():
    assert "Chưa chọn tệp hồ sơ" in VerificationPanel().run()


def test_the_panel_reads_the_rule_set_from_the_template_unless_told():
    from _dossiers_366 import REVIEW as REVIEW_366, dossier as dossier_366

    panel = VerificationPanel(review_date=REVIEW_366)
    panel.load("ho_so_366.xlsx", dossier_366(proposed={"B03": "HTXS"}))
    assert "qd366-2025" in panel.run() and "N3" in panel.result.value
    panel.ruleset.value = "hcm-2014"
    assert "được lập theo mẫu của bộ quy tắc «qd366-2025»" in panel.run()
