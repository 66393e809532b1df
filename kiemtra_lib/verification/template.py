"""The dossier workbook (mẫu hồ sơ thẩm định) of a rule set, empty or filled with a unit's tables.

Sheets: «Đảng viên» (the members' inputs and the level the chi bộ proposed, «Mức đề nghị»), «Tổ chức» (each
organisation's self-score, its parts, its conditions and its proposed level), «Ngày hồ sơ» (when the team received
the dossier and the working day with the team), «Ghi chú» (every column explained, from the data dictionary), and two
hidden sheets: the lists behind the cells' drop-down menus, and the marker naming the template and its rule set.
Headers are the data dictionary's Vietnamese labels on row 1; coded values are written, and offered, by their
Vietnamese labels (the reader accepts codes too).

Written with openpyxl's write-only mode: a province's 150,000 members take seconds, not minutes.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from typing import Any, Mapping

import numpy as np
import pandas as pd

from .._safe_cells import is_dangerous
from ..errors import InputError, SaveError
from ..rules import get_ruleset
from ..schema import Column
from ._sheets import (DATE_COLUMNS, DATES_SHEET, LISTS_SHEET, MARKER_NAME, MARKER_SHEET, MARKER_VERSION,
                      MEMBERS_SHEET, NOT_RATED_TEXT, NOTES_SHEET, ORGS_SHEET, PARTS, PARTS_LABEL, PROPOSED,
                      PROPOSED_LABEL, Layout, layout)

__all__ = ["template_bytes", "write_template", "dossier_bytes", "dossier_from_rating"]

_MAX_ROW = 1_048_576  # Excel's last row: the drop-down lists cover the whole column
_BOOL_LIST = ("có", "không")
_DATE_FORMAT = "DD/MM/YYYY"


def template_bytes(ruleset: Any = "hcm-2014") -> bytes:
    """The empty template of ``ruleset`` as xlsx bytes (``kiemtra tham-dinh mau``)."""
    return dossier_bytes(ruleset)


def write_template(path: str | os.PathLike, ruleset: Any = "hcm-2014") -> None:
    """Write the empty template to ``path``; nothing is left half-written (the bytes are made first)."""
    data = template_bytes(ruleset)
    try:
        with open(path, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise SaveError(exc, path) from None


def dossier_from_rating(result, *, proposed: Mapping[str, Any] | None = None,
                        org_proposed: Mapping[str, Any] | None = None, dates: Any = None) -> bytes:
    """A filled dossier whose proposed levels are the library's own results (``result`` from
    ``rating.rate_organisation``), with some of them changed by ``proposed`` (member id -> level code or label, or
    ``None`` for "not rated") and ``org_proposed``. This is how the course and the tests build a dossier with
    planted errors: start from what the rules give, change what the exercise plants.
    """
    members = result._inputs["members"].copy()
    orgs = result._inputs["organisations"].copy()
    members[PROPOSED] = result.members["level"].to_numpy(dtype=object)
    orgs[PROPOSED] = result.organisations["level"].to_numpy(dtype=object)
    for table, changes, key in ((members, proposed, "member_id"), (orgs, org_proposed, "org_id")):
        if not changes:
            continue
        pos = pd.Index(table[key]).get_indexer(list(changes))
        if (pos < 0).any():
            missing = [k for k, p in zip(changes, pos) if p < 0]
            raise InputError(key, missing[0], why="Không có mã này trong bảng")
        col = table[PROPOSED].to_numpy(dtype=object)
        col[pos] = list(changes.values())
        table[PROPOSED] = col
    return dossier_bytes(result.ruleset, members=members, organisations=orgs, dates=dates)


def dossier_bytes(ruleset: Any = "hcm-2014", *, members: pd.DataFrame | None = None,
                  organisations: pd.DataFrame | None = None, dates: Any = None) -> bytes:
    """The template of ``ruleset``, filled with ``members`` and ``organisations`` when given (normalised tables as
    ``schema.validate`` returns them, plus ``proposed_level`` and optionally ``points_parts``), and ``dates`` (a
    DataFrame or list of dicts with ``org_id``, ``received``, ``working_day``)."""
    import openpyxl

    lay = layout(ruleset)
    rs = get_ruleset(ruleset)
    wb = openpyxl.Workbook(write_only=True)
    lists = _Lists(lay)
    _data_sheet(wb, MEMBERS_SHEET, lay.member_columns, _member_extra(), members, lists, "members")
    _data_sheet(wb, ORGS_SHEET, lay.org_columns, _org_extra(), organisations, lists, "organisations")
    _dates_sheet(wb, dates)
    _notes_sheet(wb, lay, rs)
    lists.write(wb)
    marker = wb.create_sheet(MARKER_SHEET)
    marker.sheet_state = "hidden"
    for row in (("mau", MARKER_NAME), ("phien_ban", MARKER_VERSION), ("bo_quy_tac", rs.name)):
        marker.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _member_extra() -> tuple[Column, ...]:
    return (Column(PROPOSED, PROPOSED_LABEL, "level",
                   "Mức chi bộ đề nghị cho đảng viên; «" + NOT_RATED_TEXT + "» hoặc để trống nếu đảng viên không "
                   "được phân loại lần này."),)


def _org_extra() -> tuple[Column, ...]:
    return (Column(PARTS, PARTS_LABEL, "parts",
                   "Điểm từng phần của bảng tự chấm theo hướng dẫn của cấp trên, cách nhau bằng «;» (ví dụ "
                   "«28; 25; 20; 17»); để trống nếu không kê. Tổng các phần phải bằng điểm tự chấm."),
            Column(PROPOSED, PROPOSED_LABEL, "level", "Mức tổ chức đảng tự đề nghị."))


class _Lists:
    """The hidden sheet of drop-down lists: one column per list, referenced by the cells' data validation."""

    def __init__(self, lay: Layout):
        self.columns: list[tuple[str, list[str]]] = []
        self.lay = lay
        self._index: dict[tuple, str] = {}

    def ref(self, name: str, values: list[str]) -> str:
        key = tuple(values)
        if key not in self._index:
            from openpyxl.utils import get_column_letter

            self.columns.append((name, values))
            letter = get_column_letter(len(self.columns))
            self._index[key] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
        return self._index[key]

    def write(self, wb) -> None:
        ws = wb.create_sheet(LISTS_SHEET)
        ws.sheet_state = "hidden"
        ws.append([name for name, _ in self.columns])
        for i in range(max((len(v) for _, v in self.columns), default=0)):
            ws.append([v[i] if i < len(v) else None for _, v in self.columns])


def _choices(col: Column, lists: _Lists, what: str) -> list[str] | None:
    if col.kind == "bool":
        return list(_BOOL_LIST)
    if col.kind == "enum":
        return list(col.allowed.values())
    if col.kind == "level":
        return lists.lay.proposal_labels(what)
    return None


def _header_cells(ws, columns):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    out = []
    for c in columns:
        cell = WriteOnlyCell(ws, value=c.label)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if c.name == PROPOSED:
            cell.fill = PatternFill("solid", fgColor="FFF2CC")
        out.append(cell)
    return out


def _data_sheet(wb, title: str, schema_cols, extra, data: pd.DataFrame | None, lists: _Lists, what: str) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.create_sheet(title)
    columns = tuple(schema_cols) + tuple(extra)
    ws.freeze_panes = "B2"
    for i, c in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, min(32, len(c.label) + 2))
        choices = _choices(c, lists, what)
        if choices is None:
            continue
        dv = DataValidation(type="list", formula1=lists.ref(c.label, choices), allow_blank=True,
                            showErrorMessage=c.kind != "level", errorTitle="Giá trị không có trong danh mục",
                            error=f"Cột «{c.label}»: chọn một giá trị trong danh sách.")
        dv.add(f"{get_column_letter(i)}2:{get_column_letter(i)}{_MAX_ROW}")
        ws.data_validations.append(dv)
    ws.append(_header_cells(ws, columns))
    if data is None or not len(data):
        return
    levels = dict(lists.lay.member_levels if what == "members" else lists.lay.org_levels)
    for row in zip(*(_display_column(c, data, what, levels) for c in columns)):
        ws.append(row)


def _display_column(c: Column, data: pd.DataFrame, what: str, levels: dict) -> list:
    """A normalised column as the office would type it: labels for codes, có/không, dates as dates."""
    n = len(data)
    if c.name not in data.columns:
        return [None] * n
    s = data[c.name]
    if c.kind == "bool":  # a missing value stays blank (it takes the column's default when read)
        return [None if v is None or (isinstance(v, float) and np.isnan(v)) else ("có" if bool(v) else "không")
                for v in s]
    if c.kind == "date":
        if pd.api.types.is_datetime64_any_dtype(s):
            return [None if pd.isna(v) else v.to_pydatetime() for v in s]
        from ..dates import as_date, is_missing

        # text dates are read as the course writes them (dd/mm/yyyy), never month first
        return [None if is_missing(v) else dt.datetime.combine(as_date(v, c.label), dt.time()) for v in s]
    if c.kind == "enum":
        return s.map(lambda v: c.allowed.get(v, v) if isinstance(v, str) else None).tolist()
    if c.kind == "set":  # codes, not labels: a label may hold a comma, which separates items too (split_items)
        return s.map(lambda v: "; ".join(x for x in str(v).split(";") if x) or None
                     if isinstance(v, str) else None).tolist()
    if c.kind == "level":
        return s.map(lambda v: _level_text(v, what, levels)).tolist()
    if c.kind == "count":
        return s.astype("int64").tolist()
    if c.kind == "number":
        return [None if pd.isna(v) else (int(v) if float(v).is_integer() else float(v)) for v in s]
    if c.kind == "parts":
        return [None if v is None or (isinstance(v, float) and np.isnan(v)) else str(v) for v in s]
    return [None if v is None or (isinstance(v, float) and np.isnan(v)) else _text(v) for v in s]


def _text(v: Any) -> str:
    text = str(v)
    return "'" + text if is_dangerous(text) else text


def _level_text(v: Any, what: str, levels: dict) -> Any:
    """A level code as its label (the rule set's levels); a planted unknown level is written as given."""
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return NOT_RATED_TEXT if what == "members" else None
    return levels.get(v, v if v in levels.values() else str(v))


def _dates_sheet(wb, dates: Any) -> None:
    from openpyxl.cell import WriteOnlyCell

    ws = wb.create_sheet(DATES_SHEET)
    for letter in "ABC":
        ws.column_dimensions[letter].width = 26
    ws.append(_header_cells(ws, [Column(n, label, "text", d) for n, label, d in DATE_COLUMNS]))
    if dates is None:
        return
    rows = dates.to_dict("records") if isinstance(dates, pd.DataFrame) else list(dates)
    for r in rows:
        out = []
        for name, _, _ in DATE_COLUMNS:
            v = r.get(name)
            if isinstance(v, (dt.date, pd.Timestamp)):
                cell = WriteOnlyCell(ws, value=pd.Timestamp(v).to_pydatetime())
                cell.number_format = _DATE_FORMAT
                v = cell
            out.append(v)
        ws.append(out)


def _notes_sheet(wb, lay: Layout, rs) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    ws = wb.create_sheet(NOTES_SHEET)
    for letter, width in zip("ABCDEFGH", (14, 30, 22, 12, 10, 50, 60, 16)):
        ws.column_dimensions[letter].width = width
    title = WriteOnlyCell(ws, value=f"Mẫu hồ sơ thẩm định kết quả xếp loại — {rs.label()}")
    title.font = Font(bold=True, size=13)
    ws.append([title])
    for line in (
            "Mỗi trang có tiêu đề cột ở dòng 1 và mỗi dòng sau là một đảng viên (hoặc một tổ chức): không gộp ô, "
            "không chèn dòng tiêu đề phụ ở trên.",
            "Các ô có danh mục thả xuống: chọn trong danh sách (cũng có thể gõ mã, ví dụ HTT).",
            "Ngày đánh giá, xếp loại (ngày chi bộ họp kiểm điểm) được nhập khi thẩm định.",
            "Dữ liệu trong khoá học là dữ liệu tổng hợp; không ghi họ tên người thật."):
        ws.append([line])
    ws.append([])
    ws.append(_header_cells(ws, [Column(n, n, "text", "") for n in (
        "Trang", "Tiêu đề cột", "Mã cột", "Kiểu", "Bắt buộc", "Giá trị cho phép", "Ý nghĩa", "Quy tắc")]))
    for sheet, cols, what in ((MEMBERS_SHEET, tuple(lay.member_columns) + _member_extra(), "members"),
                              (ORGS_SHEET, tuple(lay.org_columns) + _org_extra(), "organisations")):
        for c in cols:
            if c.kind == "level":
                kind, allowed = "mức xếp loại", "; ".join(lay.proposal_labels(what)) + " (hoặc mã mức)"
                required = "có" if what == "organisations" else "không"
            elif c.kind == "parts":
                kind, allowed, required = "danh sách điểm", "các số cách nhau bằng «;»", "không"
            else:
                kind, allowed, required = c.type_label, c.allowed_text(), "có" if c.required else "không"
            ws.append([sheet, c.label, c.name, kind, required, allowed, c.description, ", ".join(c.rule_ids)])
    for name, label, desc in DATE_COLUMNS:
        ws.append([DATES_SHEET, label, name, "ngày" if name != "org_id" else "mã (chuỗi)",
                   "có" if name != "org_id" else "không", "dd/mm/yyyy" if name != "org_id" else "", desc,
                   _dates_rule(rs)])


def _dates_rule(rs) -> str:
    return "T4" if "T4" in rs.rules else "(bộ quy tắc này không có hạn gửi hồ sơ cho đoàn)"
