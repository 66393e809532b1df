"""Reading a filled dossier workbook: the sheets of the template, checked cell by cell, every fault named by sheet,
row and column, in Vietnamese.

The workbook is read with python-calamine (Rust's calamine): a province's 150,000 members in about 4 s, where
openpyxl's read-only mode took 34 s on the same file (benchmarks/README.md). Header rows are checked first (offices
often put a merged title row or a blank row above the headers); then every value goes through the data dictionary
(``kiemtra_lib.schema``), and the proposed levels through the rule set's levels. All the faults of all the sheets are
reported at once: the first 50 are listed, with the count of all of them.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..dates import as_date
from ..errors import InputError, Problem
from ..rules import DEFAULT_RULESET, get_ruleset
from ._sheets import (DATE_COLUMNS, DATES_SHEET, MARKER_NAME, MARKER_SHEET, MEMBERS_SHEET, NOT_RATED_TEXT, ORGS_SHEET,
                      PARTS, PARTS_LABEL, PROPOSED, PROPOSED_LABEL, Layout, fold, layout)

__all__ = ["Dossier", "read_dossier"]

_SCAN_ROWS = 20  # how far down a misplaced header row is looked for, to say where it is


@dataclass(frozen=True, eq=False)
class Dossier:
    """A dossier read from a workbook: the members' and organisations' tables (normalised by the data dictionary,
    ready for ``rating.rate_organisation``), the proposed levels (a level code, or ``None``), the Excel row of
    every table row, the self-scores as written (``points_raw``, before the 0–100 check) and their parts, and the
    dates sheet (``org_id``, ``received``, ``working_day``, ``row``)."""

    ruleset: str
    source: str
    members: pd.DataFrame
    organisations: pd.DataFrame
    member_rows: np.ndarray
    org_rows: np.ndarray
    member_proposed: np.ndarray
    org_proposed: np.ndarray
    points_raw: np.ndarray
    points_parts: tuple
    dates: pd.DataFrame
    marker: dict = field(default_factory=dict)


def read_dossier(source: Any, *, ruleset: Any = None, name: str | None = None) -> Dossier:
    """Read a dossier workbook (a path, bytes or a binary file object) filled in from the template of ``ruleset``.

    ``ruleset`` defaults to the one the template names. Raises one ``InputError`` naming every fault: a file that
    is not an Excel workbook, a workbook of another template or rule set, a missing sheet or column, a merged or
    blank header row, a bad value, a proposed level that is not a level of the rule set.
    """
    import python_calamine as pc

    label = name or (Path(source).name if isinstance(source, (str, os.PathLike)) else "tệp tải lên")
    try:
        if isinstance(source, (str, os.PathLike)):
            if not Path(source).is_file():
                raise InputError("tệp", str(source), why="Không tìm thấy tệp này")
            wb = pc.CalamineWorkbook.from_path(str(source))
        else:
            data = bytes(source) if isinstance(source, (bytes, bytearray, memoryview)) else source.read()
            wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except InputError:
        raise
    except Exception as exc:  # calamine raises its own error for a damaged, encrypted or non-Excel file
        raise InputError("tệp", label, allowed="tệp Excel .xlsx theo mẫu hồ sơ thẩm định",
                         why=f"Không đọc được tệp Excel ({exc})") from None
    sheets = {fold(s): s for s in wb.sheet_names}
    marker = _marker(wb, sheets)
    if marker and marker.get("mau") != MARKER_NAME:
        raise InputError("tệp", label, why="Tệp theo một mẫu khác, không phải mẫu hồ sơ thẩm định của kiemtra; "
                                           "hãy tải mẫu bằng lệnh «kiemtra tham-dinh mau»")
    named = marker.get("bo_quy_tac")
    if ruleset is None:
        ruleset = named or DEFAULT_RULESET
    rs = get_ruleset(ruleset)
    if named and named != rs.name:
        raise InputError("bộ quy tắc", rs.name, allowed=[named],
                         why=f"Tệp «{label}» được lập theo mẫu của bộ quy tắc «{named}», không phải «{rs.name}»: "
                             f"hãy thẩm định theo «{named}» hoặc chép dữ liệu sang mẫu «{rs.name}»")
    lay = layout(rs)
    missing = [s for s in (MEMBERS_SHEET, ORGS_SHEET, DATES_SHEET) if fold(s) not in sheets]
    if missing:
        why = ("Tệp không theo mẫu hồ sơ thẩm định" if len(missing) == 3 else "Tệp thiếu trang") + \
              ": cần các trang «" + "», «".join((MEMBERS_SHEET, ORGS_SHEET, DATES_SHEET)) + "»; tệp có các trang «" \
              + "», «".join(wb.sheet_names) + "». Hãy tải mẫu bằng lệnh «kiemtra tham-dinh mau»"
        raise InputError.many([Problem("trang tính", s, why=why) for s in missing])

    reader = _Reader(wb, sheets)
    m = reader.table(MEMBERS_SHEET, lay.members, "members", lay)
    o = reader.table(ORGS_SHEET, lay.organisations, "organisations", lay)
    d = reader.dates(o)
    reader.raise_if_any()
    return Dossier(ruleset=rs.name, source=label, members=m["table"], organisations=o["table"],
                   member_rows=m["rows"], org_rows=o["rows"], member_proposed=m["proposed"],
                   org_proposed=o["proposed"], points_raw=o["points_raw"], points_parts=tuple(o["parts"]),
                   dates=d, marker=marker)


def _marker(wb, sheets: dict) -> dict:
    if fold(MARKER_SHEET) not in sheets:
        return {}
    rows = wb.get_sheet_by_name(sheets[fold(MARKER_SHEET)]).to_python()
    return {str(r[0]).strip(): str(r[1]).strip() for r in rows if len(r) >= 2 and str(r[0]).strip()}


def _is_blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, float) and np.isnan(v))


class _Reader:
    def __init__(self, wb, sheets: dict):
        self.wb, self.sheets = wb, sheets
        self.problems: list[Problem] = []
        self.total = 0

    def add(self, problems, total: int | None = None) -> None:
        problems = list(problems)
        self.problems.extend(problems)
        self.total += total if total is not None else len(problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError.many(self.problems, total=self.total)

    def _grid(self, sheet: str) -> tuple[list[list], list]:
        ws = self.wb.get_sheet_by_name(self.sheets[fold(sheet)])
        return ws.to_python(skip_empty_area=False), list(ws.merged_cell_ranges or [])

    def _header(self, sheet: str, grid: list[list], merged: list, known: dict) -> list | None:
        """Row 1 as headers, or a problem saying what is wrong with it (merged, blank, headers further down)."""
        where = f"1 của trang «{sheet}»"
        if not grid or all(_is_blank(v) for v in grid[0]):
            below = self._find_header(grid, known)
            why = "Dòng tiêu đề cột (dòng 1) để trống"
            if below:
                why += f"; tiêu đề cột đang ở dòng {below}: hãy xoá các dòng phía trên để tiêu đề ở dòng 1"
            self.add([Problem("dòng tiêu đề", "(trống)", row=where, why=why)])
            return None
        top = [r for r in merged if r[0][0] == 0]
        if top:
            from openpyxl.utils import get_column_letter

            cells = ", ".join(f"{get_column_letter(a[1] + 1)}{a[0] + 1}:{get_column_letter(b[1] + 1)}{b[0] + 1}"
                              for a, b in top)
            below = self._find_header(grid, known)
            why = f"Dòng tiêu đề có ô gộp ({cells}): mỗi cột phải có tiêu đề riêng ở dòng 1, không gộp ô"
            if below and below != 1:
                why += f"; tiêu đề cột đang ở dòng {below}: hãy xoá các dòng phía trên"
            self.add([Problem("dòng tiêu đề", str(grid[0][top[0][0][1]]), row=where, why=why)])
            return None
        return grid[0]

    @staticmethod
    def _find_header(grid: list[list], known: dict) -> int | None:
        for i, row in enumerate(grid[:_SCAN_ROWS]):
            if sum(1 for v in row if isinstance(v, str) and fold(v) in known) >= 2:
                return i + 1
        return None

    def table(self, sheet: str, table, what: str, lay: Layout) -> dict:
        known = {**table.aliases(), fold(PROPOSED_LABEL): PROPOSED, fold(PROPOSED): PROPOSED}
        if what == "organisations":
            known.update({fold(PARTS_LABEL): PARTS, fold(PARTS): PARTS})
        grid, merged = self._grid(sheet)
        empty = {"table": None, "rows": np.zeros(0, "int64"), "proposed": np.zeros(0, object),
                 "points_raw": np.zeros(0), "parts": []}
        header = self._header(sheet, grid, merged, known)
        if header is None:
            return empty
        columns: dict[str, int] = {}
        labels: dict[str, str] = {}
        for j, h in enumerate(header):
            if _is_blank(h):
                continue
            name = known.get(fold(h))
            if name is None:
                continue  # a column the office added: kept out of the check, not an error
            if name in columns:
                self.add([Problem("cột", f"{labels[name]} và {h}", row=f"1 của trang «{sheet}»",
                                  why=f"Hai cột cùng là «{name}»: chỉ giữ một")])
                continue
            columns[name], labels[name] = j, str(h)
        needed = [c for c in table.columns if c.required] + ["proposed"]
        missing = []
        for c in needed:
            cname, clabel = (PROPOSED, PROPOSED_LABEL) if c == "proposed" else (c.name, c.label)
            if cname not in columns:
                missing.append(Problem(clabel, "(thiếu cột)", row=f"1 của trang «{sheet}»",
                                       why=f"Trang «{sheet}» phải có cột «{clabel}»"))
        if missing:
            self.add(missing)
            return empty
        body = grid[1:]
        # calamine gives "" for an empty cell: a row all "" is one Excel left below the table (list.count is C)
        filled = [i for i, r in enumerate(body) if r.count("") != len(r)]
        body = [body[i] for i in filled]
        if not body:
            self.add([Problem("dòng dữ liệu", "(không có)", row=f"2 của trang «{sheet}»",
                              why=f"Trang «{sheet}» chưa có dòng nào: mỗi dòng sau dòng tiêu đề là một "
                                  + ("đảng viên" if what == "members" else "tổ chức đảng"))])
            return empty
        excel_rows = np.asarray(filled, dtype="int64") + 2
        cols = list(zip(*body)) if body else [() for _ in header]
        data = {name: _cells(cols[j], table, name) for name, j in columns.items() if name not in (PROPOSED, PARTS)}
        # An optional column the office left wholly empty is a column not given: it takes its documented default
        # (the template has every column; a unit fills those that concern it).
        data = {name: col for name, col in data.items()
                if table.column(name).required or col.notna().any()}
        df = pd.DataFrame(data)
        points_raw = np.zeros(len(df))
        if what == "organisations" and "points" in df:
            num = pd.to_numeric(df["points"], errors="coerce").to_numpy(dtype="float64")
            points_raw = num
            # A self-score outside 0–100 is a finding of the check (R-O7, N1), not a fault of the file: the rating
            # reads a value inside the scale, and the organisation's level is not compared (check.py says so).
            out = ~np.isnan(num) & ((num < 0) | (num > 100))
            if out.any():
                df["points"] = np.where(out, np.clip(num, 0, 100), df["points"].to_numpy(dtype=object))
        keys = df[table.key].to_numpy(dtype=object) if table.key in df else np.full(len(df), None)
        try:
            valid = table.validate(df, row_base=0)
        except InputError as err:
            self.add((self._where(p, sheet, excel_rows, labels, table) for p in err.problems), total=err.total)
            valid = None
        if valid is not None and lay.ruleset != "hcm-2014":
            # The qd366-2025 engine tells a cell left blank from a 0 (points given in parts or as a total, N1): it
            # reads the cells as written, and checks them itself; the data dictionary has checked them here too.
            valid = df
        proposed = self._levels(cols[columns[PROPOSED]] if body else (), sheet, excel_rows, keys, lay, what)
        parts = []
        if what == "organisations" and PARTS in columns and body:
            parts = self._parts(cols[columns[PARTS]], sheet, excel_rows, keys)
        elif what == "organisations":
            parts = [None] * len(df)
        return {"table": valid, "rows": excel_rows, "proposed": proposed, "points_raw": points_raw, "parts": parts}

    @staticmethod
    def _where(p: Problem, sheet: str, excel_rows: np.ndarray, labels: dict, table) -> Problem:
        head = str(p.row).split(" ", 1) if p.row is not None else None
        row = p.row
        if head and head[0].isdigit():
            i = int(head[0])
            row = f"{excel_rows[i] if i < len(excel_rows) else i}{(' ' + head[1]) if len(head) > 1 else ''}"
        label = labels.get(p.field)
        if label is None:
            try:
                label = table.column(p.field).label
            except KeyError:
                label = p.field
        return Problem(label, p.value, p.allowed, f"{row} của trang «{sheet}»" if row is not None else
                       f"(cả trang) của trang «{sheet}»", p.why)

    def _levels(self, cells, sheet, excel_rows, keys, lay: Layout, what: str) -> np.ndarray:
        levels = lay.member_levels if what == "members" else lay.org_levels
        lookup = {fold(code): code for code, _ in levels} | {fold(label): code for code, label in levels}
        if what == "members":
            lookup[fold(NOT_RATED_TEXT)] = None
        arr = np.empty(len(cells), dtype=object)
        arr[:] = cells
        codes, uniques = pd.factorize(arr, use_na_sentinel=True)  # a handful of distinct texts: fold each once
        mapped = np.empty(len(uniques) + 1, dtype=object)
        for j, v in enumerate(uniques):
            mapped[j] = None if _is_blank(v) else lookup.get(fold(v), False)
        mapped[-1] = None
        out = mapped[codes]
        bad = [Problem(PROPOSED_LABEL, arr[i], allowed=lay.proposal_labels(what),
                       row=f"{excel_rows[i]}{_key(keys, i)} của trang «{sheet}»",
                       why=f"Không phải một mức của bộ quy tắc «{lay.ruleset}»")
               for i in np.flatnonzero(out == False)]  # noqa: E712 (object array of codes, None and False)
        out[out == False] = None  # noqa: E712
        self.add(bad)
        return out

    def _parts(self, cells, sheet, excel_rows, keys) -> list:
        out, bad = [], []
        for i, v in enumerate(cells):
            if _is_blank(v):
                out.append(None)
                continue
            try:
                items = [float(str(x).strip().replace(",", ".")) for x in str(v).split(";") if str(x).strip()]
            except ValueError:
                bad.append(Problem(PARTS_LABEL, v, allowed="các số cách nhau bằng «;», ví dụ «28; 25,5; 20»",
                                   row=f"{excel_rows[i]}{_key(keys, i)} của trang «{sheet}»"))
                items = None
            out.append(tuple(items) if items else None)
        self.add(bad)
        return out

    def dates(self, orgs: dict) -> pd.DataFrame:
        grid, merged = self._grid(DATES_SHEET)
        known = {fold(label): name for name, label, _ in DATE_COLUMNS} | {fold(n): n for n, _, _ in DATE_COLUMNS}
        empty = pd.DataFrame({"org_id": [], "received": [], "working_day": [], "row": []})
        header = self._header(DATES_SHEET, grid, merged, known)
        if header is None:
            return empty
        columns = {known[fold(h)]: j for j, h in enumerate(header) if not _is_blank(h) and fold(h) in known}
        labels = {name: label for name, label, _ in DATE_COLUMNS}
        missing = [Problem(labels[n], "(thiếu cột)", row=f"1 của trang «{DATES_SHEET}»",
                           why=f"Trang «{DATES_SHEET}» phải có cột «{labels[n]}»")
                   for n in ("received", "working_day") if n not in columns]
        if missing:
            self.add(missing)
            return empty
        org_ids = set() if orgs["table"] is None else set(orgs["table"]["org_id"])
        rows, bad = [], []
        for i, r in enumerate(grid[1:], start=2):
            if all(_is_blank(v) for v in r):
                continue
            rec = {"row": i, "org_id": None}
            oid = r[columns["org_id"]] if "org_id" in columns else None
            if not _is_blank(oid):
                oid = _id_text(oid)
                rec["org_id"] = oid
                if orgs["table"] is not None and oid not in org_ids:
                    bad.append(Problem(labels["org_id"], oid, row=f"{i} của trang «{DATES_SHEET}»",
                                       why=f"Không có tổ chức này ở trang «{ORGS_SHEET}»"))
            for name in ("received", "working_day"):
                v = r[columns[name]]
                try:
                    if _is_blank(v):
                        raise InputError(labels[name], "(trống)", why="Cần ghi ngày")
                    rec[name] = as_date(v, labels[name])
                except InputError as err:
                    bad.append(Problem(labels[name], err.value, err.allowed, f"{i} của trang «{DATES_SHEET}»",
                                       err.why))
                    rec[name] = None
            rows.append(rec)
        self.add(bad)
        return pd.DataFrame(rows, columns=["org_id", "received", "working_day", "row"]) if rows else empty


def _key(keys, i) -> str:
    k = keys[i] if i < len(keys) else None
    return "" if _is_blank(k) else f" ({_id_text(k)})"


def _id_text(v: Any) -> str:
    """An id as typed: a number cell 7.0 is the id «7» (calamine gives every number as a float)."""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _cells(values: tuple, table, name: str) -> pd.Series:
    """One column's cells for the data dictionary: blank cells missing, number cells of id/text columns as text.

    Worked on the distinct values (``pd.factorize``, a C loop): a province's column of 150,000 cells holds a
    handful of distinct levels or dates, and even an id column is factorised faster than it is looped over.
    """
    kind = table.column(name).kind
    arr = np.empty(len(values), dtype=object)
    arr[:] = values
    codes, uniques = pd.factorize(arr, use_na_sentinel=True)
    fixed = np.empty(len(uniques) + 1, dtype=object)
    for j, v in enumerate(uniques):
        if isinstance(v, str) and not v.strip():
            v = None
        elif kind in ("id", "text") and isinstance(v, float):
            v = _id_text(v)
        elif kind == "date" and isinstance(v, dt.datetime):  # a cell with a time part: the day is what counts
            v = v.date()
        fixed[j] = v
    fixed[-1] = None
    return pd.Series(fixed[codes], dtype=object)
