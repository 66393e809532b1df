"""Loading a shipped case or a unit's own CSV/Excel file, checked row by row against the data dictionary.

Nothing is dropped: every cell is read as text (so ``007`` stays ``007``), the bad values of every row are reported
at once with the row number as it appears in the file (line 1 is the header, so the first data row is 2; the first
``MAX_PROBLEMS`` of them are listed, with the total), and only completely empty trailing rows (what Excel leaves
below a table) are trimmed, since they hold nothing.

Every malformed file is an ``InputError`` naming the file and, where there is one, the line and the column: an empty
file (or one holding only a byte-order mark or blank lines), a quote left open, a row with more fields than the
header, a header naming one column twice. In a workbook, a formula cell counts with the value Excel last computed
and saved for it; a formula with no saved value (a file written by a program and never opened in Excel) or a saved
error value (``#DIV/0!``) is refused with its cell, never read as blank.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, Problem
from ..schema import TABLES, Table
from .case import TABLE_NAMES, Case
from .shipped import MANIFEST, SHIPPED, case_files, shipped_case

__all__ = ["load", "DATASETS_DIR", "detect_table"]

#: The shipped CSV files (the repository's ``datasets/``); without it, shipped cases are generated from their seed.
DATASETS_DIR = Path(__file__).resolve().parents[2] / "datasets"
_FIRST_DATA_ROW = 2
# Which table a file holds, by the first of these key columns it has (a discipline case also names a member).
_KEYS = (("discipline_cases", "case_id"), ("inspections", "inspection_id"), ("members", "member_id"),
         ("organisations", "org_id"))


def _fold(text: Any) -> str:
    return unicodedata.normalize("NFC", str(text)).strip().casefold()


def detect_table(columns) -> Table | None:
    """The table whose key column (English or Vietnamese header) is among ``columns``."""
    folded = {_fold(c) for c in columns}
    for name, key in _KEYS:
        table = TABLES[name]
        if {_fold(key), _fold(table.column(key).label)} & folded:
            return table
    return None


def load(path_or_name: str | Path, *, table: str | None = None) -> Case | pd.DataFrame:
    """A shipped case by name (``"chi_bo_9"``) as a ``Case``, or a ``.csv``/``.xlsx`` file as a checked table.

    ``table`` (``"members"``, ``"organisations"``, ``"inspections"``, ``"discipline_cases"``) says what the file
    holds; by default it is recognised from its key column. An Excel workbook with several sheets (one table each)
    gives a ``Case``. Raises ``InputError`` listing every bad value, or naming what is wrong with the file.

    >>> load("chi_bo_9").members["member_id"].head(2).tolist()
    ['DV01', 'DV02']
    """
    if table is not None and (not isinstance(table, str) or table not in TABLES):
        raise InputError("table", table if isinstance(table, str) else type(table).__name__,
                         allowed=", ".join(TABLES))
    if not isinstance(path_or_name, (str, Path)):
        raise InputError("tệp hoặc tên tình huống", type(path_or_name).__name__,
                         allowed="tên một tình huống có sẵn hoặc đường dẫn tới tệp .csv/.xlsx")
    text = str(path_or_name)
    path = Path(text)
    if text in SHIPPED:
        return _load_shipped(text)
    if path.suffix.lower() not in (".csv", ".xlsx", ".xlsm"):
        if path.suffix or path.exists():
            raise InputError("tệp", text, allowed="tệp .csv hoặc .xlsx")
        raise InputError("tên tình huống", text, allowed=", ".join(SHIPPED),
                         why="Không có tình huống có sẵn nào tên như vậy, cũng không phải đường dẫn tới tệp")
    if not path.is_file():
        raise InputError("tệp", text, why="Không tìm thấy tệp này")
    if path.suffix.lower() == ".csv":
        df, base = _read_csv(path)
        return _check(df, table, text, row_base=base)
    return _load_excel(path, table)


def _load_shipped(name: str) -> Case:
    files = case_files(name)
    if not all((DATASETS_DIR / f).is_file() for f in files.values()):
        return shipped_case(name)
    entry = json.loads((DATASETS_DIR / MANIFEST).read_text(encoding="utf-8"))["cases"][name]
    tables = {t: _check(*_read_csv(DATASETS_DIR / f)[:1], t, f) for t, f in files.items()}
    meta = {"seed": entry["seed"], **entry["parameters"], "review_date": entry["review_date"],
            "term_start": entry["term"][0], "term_end": entry["term"][1], "edge_cases": entry["edge_cases"]}
    return Case(name, review_date=dt.date.fromisoformat(entry["review_date"]), meta=meta, **tables)


_EMPTY_WHY = "Tệp trống: không có dòng tiêu đề (hãy lưu lại bảng từ Excel, có dòng tên cột ở trên cùng)"


def _read_csv(path: Path) -> tuple[pd.DataFrame, int]:
    """The table of a CSV file and the line number of its first data row (2 unless blank lines come first)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError("tệp", str(path), why=f"Không đọc được tệp ({exc.strerror or type(exc).__name__})") from None
    if raw.startswith(b"\xef\xbb\xbf"):  # the byte-order mark Excel writes
        raw = raw[3:]
    body = raw.lstrip(b"\r\n\t ")
    if not body.strip():
        raise InputError("tệp", str(path), why=_EMPTY_WHY)
    skipped = raw[: len(raw) - len(body)].count(b"\n")  # blank lines above the header
    header = body.split(b"\n", 1)[0]
    sep = ";" if header.count(b";") > header.count(b",") else ","  # Excel in a Vietnamese locale may write ';'
    from io import BytesIO

    # The bytes go to the C parser as they are (a decoded str would be encoded again, in Python, by pandas).
    # header=None: the header is read as a row like the others, so a header naming one column twice stays two
    # columns (pandas would rename the second "votes_tot.1"), and a row with more fields than the header is an
    # error (with a header row pandas would quietly make the extra leading fields the index).
    try:
        grid = pd.read_csv(BytesIO(body), sep=sep, dtype=str, keep_default_na=False, skip_blank_lines=False,
                           header=None, encoding="utf-8", encoding_errors="strict")
    except UnicodeDecodeError:
        try:
            raw.decode("utf-8")
            where = ""
        except UnicodeDecodeError as exc:
            where = f" (byte thứ {exc.start + 1})"
        raise InputError("tệp", str(path), why=f"Tệp không phải mã UTF-8{where}; trong Excel hãy lưu lại bằng «CSV "
                         "UTF-8 (Comma delimited)»") from None
    except pd.errors.EmptyDataError:
        raise InputError("tệp", str(path), why=_EMPTY_WHY) from None
    except pd.errors.ParserError as exc:
        raise _parser_error(path, str(exc), skipped) from None
    names = [(str(v).strip() if isinstance(v, str) and v.strip() else f"Unnamed: {k}")
             for k, v in enumerate(grid.iloc[0].tolist())]
    df = grid.iloc[1:].reset_index(drop=True)
    df.columns = names
    return _trim(df), skipped + _FIRST_DATA_ROW


def _parser_error(path: Path, message: str, skipped: int) -> InputError:
    """pandas' tokenizer message as a Vietnamese one naming the line of the file."""
    more = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if more:
        want, line, saw = map(int, more.groups())
        return InputError("tệp", str(path), row=line + skipped,
                          why=f"Dòng này có {saw} ô, nhiều hơn {want} cột của dòng tiêu đề (thừa dấu phân cách, "
                              "hoặc một ô có dấu phẩy mà không đặt trong ngoặc kép)")
    quote = re.search(r"EOF inside string starting at row (\d+)", message)
    if quote:
        return InputError("tệp", str(path), row=int(quote.group(1)) + 1 + skipped,
                          why="Dấu ngoặc kép mở ở dòng này không được đóng lại tới cuối tệp")
    return InputError("tệp", str(path), why="Không đọc được tệp CSV: cấu trúc dòng, cột không hợp lệ")


def _read_excel(path: Path) -> dict[str, pd.DataFrame]:
    """Every sheet as a table of cell values, formula cells explicitly: the value Excel saved for them, and a
    problem naming the cell when there is none (or it is an error value such as ``#DIV/0!``)."""
    import openpyxl

    try:
        values = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
        sheets: dict[str, pd.DataFrame] = {}
        problems: list[Problem] = []
        for ws in values.worksheets:
            grid = [list(r) for r in ws.iter_rows(values_only=True)]
            while grid and all(v is None or (isinstance(v, str) and not v.strip()) for v in grid[-1]):
                grid.pop()
            if not grid:
                continue
            header = [str(v).strip() if v is not None and str(v).strip() else f"Unnamed: {k}"
                      for k, v in enumerate(grid[0])]
            for cell_row in formulas[ws.title].iter_rows():
                for cell in cell_row:
                    kind = getattr(cell, "data_type", None)
                    if kind not in ("f", "e") or cell.row is None:
                        continue
                    r, k = cell.row - 1, cell.column - 1
                    saved = grid[r][k] if r < len(grid) and k < len(grid[r]) else None
                    column = header[k] if r and k < len(header) else f"ô {cell.coordinate}"
                    if kind == "e" or (isinstance(saved, str) and saved.startswith("#")):
                        why = f"Ô {cell.coordinate} chứa giá trị lỗi của Excel: hãy sửa công thức hoặc nhập giá trị"
                    elif saved is None:
                        why = (f"Ô {cell.coordinate} chứa công thức «{str(cell.value)[:80]}» chưa có giá trị đã tính: "
                               "hãy mở tệp bằng Excel rồi lưu lại, hoặc thay công thức bằng giá trị")
                    else:
                        continue
                    problems.append(Problem(column, saved if saved is not None else "(công thức)",
                                            row=f"{cell.row}, trang «{ws.title}»", why=why))
            width = max(len(r) for r in grid)
            rows = [r + [None] * (width - len(r)) for r in grid[1:]]
            header += [f"Unnamed: {k}" for k in range(len(header), width)]
            sheets[ws.title] = pd.DataFrame(rows, columns=header, dtype=object)
        values.close()
        formulas.close()
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged or mislabelled file
        raise InputError("tệp", str(path), why=f"Không đọc được tệp Excel ({type(exc).__name__})") from None
    if problems:
        raise InputError.many(problems)
    return sheets


def _load_excel(path: Path, table: str | None) -> Case | pd.DataFrame:
    sheets = {name: _trim(df) for name, df in _read_excel(path).items()}
    sheets = {name: df for name, df in sheets.items() if len(df.columns) or len(df)}
    if not sheets:
        raise InputError("tệp", str(path), why="Tệp Excel không có trang tính nào có dữ liệu")
    if len(sheets) == 1 or table is not None:
        name, df = next(iter(sheets.items()))
        return _check(df, table, f"{path.name}, trang «{name}»")
    found: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for name, df in sheets.items():
        kind = detect_table(df.columns)
        if kind is None or kind.name in found:
            why = "Không nhận ra bảng (thiếu cột mã)" if kind is None else f"Đã có một trang bảng {kind.label}"
            problems.append(Problem("trang tính", name, why=why))
            continue
        try:
            found[kind.name] = _check(df, kind.name, name)
        except InputError as err:
            problems += [Problem(p.field, p.value, p.allowed, f"{p.row}, trang «{name}»" if p.row else None,
                                 p.why or f"trang «{name}»") for p in err.problems]
    if problems:
        raise InputError.many(problems)
    for required in ("members", "organisations"):
        if required not in found:
            raise InputError("trang tính", "(thiếu)", why=f"Tệp nhiều trang cần một trang bảng {TABLES[required].label}")
    for name in TABLE_NAMES:
        found.setdefault(name, TABLES[name].validate(pd.DataFrame(columns=[c.name for c in TABLES[name].columns
                                                                            if c.required])))
    return Case(path.stem, **found)


def _blank_to_none(df: pd.DataFrame) -> pd.DataFrame:
    """Empty and whitespace-only cells become missing (messages then say "(trống)"); vectorised per column."""
    out = []
    for k in range(df.shape[1]):  # by position: a header may name one column twice (refused later, by name)
        col = df.iloc[:, k].astype(object)
        blank = col.isna() | col.astype(str).str.strip().eq("")
        out.append(col.where(~blank, None))
    frame = pd.concat(out, axis=1, ignore_index=True) if out else pd.DataFrame(index=df.index)
    frame.columns = df.columns
    return frame


def _trim(df: pd.DataFrame) -> pd.DataFrame:
    """Drop the trailing rows and unnamed columns that are entirely empty (Excel's leftovers); nothing else.

    Only the unnamed columns and the rows at the bottom are looked at (the schema reads a blank cell as missing
    anyway): on a file of two million rows this is a few rows' work, not a pass over every cell."""
    unnamed = [k for k, c in enumerate(df.columns) if str(c).startswith("Unnamed:")]
    drop = {k for k in unnamed if _empty(df.iloc[:, [k]]).all()}
    keep = [k for k in range(df.shape[1]) if k not in drop]
    df = df.iloc[:, keep]
    last, step = len(df), 64
    while last > 0:  # from the bottom up, a block at a time, to the last row holding anything
        lo = max(0, last - step)
        filled = np.flatnonzero(~_empty(df.iloc[lo:last]).all(axis=1))
        if len(filled):
            last = lo + int(filled.max()) + 1
            break
        last, step = lo, step * 4
    return df.iloc[:last].reset_index(drop=True)


def _empty(block: pd.DataFrame) -> np.ndarray:
    """Which cells of ``block`` are empty (missing, or text of spaces only)."""
    if not block.shape[1]:
        return np.ones(block.shape, dtype=bool)
    return _blank_to_none(block).isna().to_numpy()


def _check(df: pd.DataFrame, table: str | None, where: str, *, row_base: int = _FIRST_DATA_ROW) -> pd.DataFrame:
    kind = TABLES[table] if table else detect_table(df.columns)
    if kind is None:
        keys = ", ".join(f"«{k}» hoặc «{TABLES[n].column(k).label}»" for n, k in _KEYS)
        raise InputError("cột", ", ".join(map(str, df.columns)) or "(không có cột)",
                         why=f"Không nhận ra bảng trong {where}: cần một cột mã ({keys})")
    aliases = kind.aliases()
    mapped: dict[str, list[str]] = {}
    for c in df.columns:
        mapped.setdefault(aliases.get(_fold(c), str(c)), []).append(str(c))
    twice = {k: v for k, v in mapped.items() if len(v) > 1}
    if twice:
        raise InputError.many(Problem("cột", " và ".join(v), why=f"Cùng là cột «{k}»: chỉ giữ một")
                              for k, v in twice.items())
    return kind.validate(df, row_base=row_base)
