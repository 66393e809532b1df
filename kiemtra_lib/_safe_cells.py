"""Text cells that a spreadsheet never runs: the OWASP CSV-injection rule, for every CSV and xlsx the project writes.

A cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by Excel, LibreOffice
and Google Sheets as a formula (``=HYPERLINK(...)`` in a roster name, a file named ``=2+5.nop_bai.json``). OWASP's
rule: write such a cell as text. In a CSV that means a leading single quote (``'=2+5``), which the spreadsheet shows
as the text ``=2+5``; in an xlsx it means a string cell (openpyxl would store ``=...`` as a formula) with Excel's
«quote prefix» set, so the cell shows exactly the text and stays text when edited.

Numbers, dates and empty cells are left alone (a negative *number* is not text). Every writer of CSV or xlsx in
the project goes through :func:`safe_csv_frame` / :func:`safe_csv_bytes` and :func:`write_xlsx` (or
:func:`protect_workbook` for a workbook it builds itself).

>>> safe_text("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> safe_text("Nguyễn Văn Thử"), safe_text(-3)
('Nguyễn Văn Thử', -3)
"""

from __future__ import annotations

import datetime as dt
import io
import os
from typing import Any, Mapping

__all__ = ["DANGEROUS_PREFIXES", "is_dangerous", "safe_text", "safe_csv_frame", "safe_csv_bytes", "write_xlsx",
           "xlsx_bytes", "protect_workbook"]

#: The first characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection").
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def is_dangerous(value: Any) -> bool:
    """A text that a spreadsheet would take for a formula."""
    return isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES)


def safe_text(value: Any) -> Any:
    """``value`` as it goes into a CSV cell: dangerous text gets a leading ``'``, anything else is unchanged."""
    return "'" + value if is_dangerous(value) else value


def safe_csv_frame(df):
    """A copy of a pandas DataFrame whose text cells and column names are safe for CSV."""
    out = df.copy()
    out.columns = [safe_text(c) for c in out.columns]
    for col in out.columns[[dt == object or str(dt) in ("string", "str") for dt in out.dtypes]]:
        out[col] = out[col].map(safe_text)
    return out


def safe_csv_bytes(df, *, index: bool = False, bom: bool = True, **kwargs) -> bytes:
    """The CSV text of ``df`` with every dangerous cell made text; UTF-8 with a BOM by default (Excel then reads
    Vietnamese correctly)."""
    # CRLF line ends (what Excel writes): the csv module then quotes a cell holding a lone CR, which it otherwise
    # writes bare, and the reader splits the row there
    kwargs.setdefault("lineterminator", "\r\n")
    text = safe_csv_frame(df).to_csv(index=index, **kwargs)
    return text.encode("utf-8-sig" if bom else "utf-8")


def protect_workbook(wb) -> Any:
    """Make every text cell of an openpyxl workbook that a spreadsheet would run a plain string cell (with Excel's
    quote prefix, so it shows as typed). openpyxl turns any string beginning with ``=`` into a formula; nothing we
    write is meant to be one. Returns ``wb``."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if cell.data_type == "f" or is_dangerous(value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
    return wb


def xlsx_bytes(sheets: Mapping[str, Any], *, date_format: str = "DD/MM/YYYY", widths: bool = True) -> bytes:
    """An xlsx workbook of ``{sheet name: DataFrame}`` as bytes: text cells protected, dates shown dd/mm/yyyy,
    columns wide enough to read, the header row frozen and repeated on each printed page, pages one wide."""
    import pandas as pd

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl", date_format=date_format, datetime_format=date_format) as xw:
        for name, df in sheets.items():
            df.to_excel(xw, sheet_name=name[:31], index=False)
        protect_workbook(xw.book)
        for ws in xw.book.worksheets:  # pandas leaves datetime.date cells in ISO format with openpyxl
            for row in ws.iter_rows(min_row=2):
                for cell in row:
                    if isinstance(cell.value, dt.datetime) and cell.value.time() != dt.time(0):
                        cell.number_format = date_format + " HH:MM"
                    elif isinstance(cell.value, (dt.date, dt.datetime)):
                        cell.number_format = date_format
        for ws in xw.book.worksheets:  # fit to print and to file: header row repeated and frozen, page width
            ws.freeze_panes = "A2"
            ws.print_title_rows = "1:1"
            ws.page_setup.orientation = "landscape"
            ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
            ws.sheet_properties.pageSetUpPr.fitToPage = True
        if widths:
            for ws in xw.book.worksheets:
                for col in ws.columns:
                    longest = max((len(str(c.value)) for c in col if c.value is not None), default=8)
                    ws.column_dimensions[col[0].column_letter].width = min(max(10, longest + 2), 60)
    return buf.getvalue()


def write_xlsx(path: str | os.PathLike, sheets: Mapping[str, Any], **kwargs) -> None:
    """Write :func:`xlsx_bytes` to ``path`` (callers that need an atomic write write the bytes themselves)."""
    with open(path, "wb") as fh:
        fh.write(xlsx_bytes(sheets, **kwargs))
