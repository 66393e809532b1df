"""Formula injection (OWASP): text a spreadsheet would run is written as text, in CSV and in xlsx."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from kiemtra_lib._safe_cells import is_dangerous, safe_csv_bytes, safe_text, xlsx_bytes

HOSTILE = ["=HYPERLINK(\"http://x.example\",\"bấm\")", "+1+2", "-2+3", "@SUM(A1)", "\tTab", "\rCR", "=2+5.nop_bai.json"]
HARMLESS = ["Nguyễn Văn Thử", "HV001", "a=b", "0,5", ""]


@pytest.mark.parametrize("text", HOSTILE)
def test_dangerous_text_gets_a_quote(text):
    assert is_dangerous(text)
    assert safe_text(text) == "'" + text


@pytest.mark.parametrize("value", HARMLESS + [-3, 2.5, None, dt.date(2026, 1, 2)])
def test_harmless_values_unchanged(value):
    assert safe_text(value) == value


def test_csv_cells_and_headers_are_text():
    df = pd.DataFrame({"ten": HOSTILE + HARMLESS, "so": range(len(HOSTILE) + len(HARMLESS)), "=cot": 1})
    text = safe_csv_bytes(df).decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert list(back.columns) == ["ten", "so", "'=cot"]
    assert list(back["ten"][:len(HOSTILE)]) == ["'" + h for h in HOSTILE]
    assert list(back["ten"][len(HOSTILE):]) == HARMLESS
    assert list(back["so"]) == [str(i) for i in range(len(HOSTILE) + len(HARMLESS))]


def test_xlsx_cells_are_strings_shown_as_typed():
    df = pd.DataFrame({"ten": HOSTILE + HARMLESS, "ngay": [dt.date(2026, 3, 4)] * (len(HOSTILE) + len(HARMLESS))})
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"Trang": df})))
    ws = wb["Trang"]
    cells = [ws.cell(row=r, column=1) for r in range(2, 2 + len(HOSTILE))]
    # XML readers turn a bare CR into LF: the text is otherwise the same, and a string
    assert [c.value for c in cells] == [h.replace("\r", "\n") for h in HOSTILE]
    assert all(c.data_type == "s" for c in cells), [c.data_type for c in cells]
    assert all(c.quotePrefix for c in cells)
    date_cell = ws.cell(row=2, column=2)
    assert date_cell.value.date() == dt.date(2026, 3, 4)
    assert date_cell.number_format.upper() == "DD/MM/YYYY"


def test_plain_pandas_would_write_a_formula():
    """The reason for the helper: without it openpyxl stores '=...' as a live formula."""
    buf = io.BytesIO()
    pd.DataFrame({"ten": [HOSTILE[0]]}).to_excel(buf, index=False, engine="openpyxl")
    assert openpyxl.load_workbook(io.BytesIO(buf.getvalue())).active.cell(row=2, column=1).data_type == "f"
