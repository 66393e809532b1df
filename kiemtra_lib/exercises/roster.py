"""The class list: a CSV or Excel file with the columns ``trainee_id`` and ``ho_ten``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import InputError, Problem
from ._util import nfc

__all__ = ["Trainee", "read_roster", "ROSTER_COLUMNS"]

ROSTER_COLUMNS = {"trainee_id": "mã học viên", "ho_ten": "họ và tên"}
# Trainee ids become folder and file names: ASCII letters, digits, '.', '_', '-' (non-ASCII names 404 in Voilà).
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@dataclass(frozen=True)
class Trainee:
    trainee_id: str
    ho_ten: str


def read_roster(path: str | Path) -> list[Trainee]:
    """Read and check the roster; every bad row is reported at once (file row numbers, header is row 1).

    Ids are kept as text exactly as typed (``007`` stays ``007``), names are normalised to NFC.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("danh sách học viên (--roster)", str(path), why="không tìm thấy tệp")
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        elif suffix in (".xlsx", ".xlsm"):
            df = pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
        else:
            raise InputError("danh sách học viên (--roster)", path.name, allowed=[".csv", ".xlsx"],
                             why="định dạng tệp không được hỗ trợ")
    except InputError:
        raise
    except Exception as exc:  # pandas/openpyxl raise many kinds; the user needs the file and the reason
        raise InputError("danh sách học viên (--roster)", path.name, why=f"không đọc được tệp: {exc}") from None
    df.columns = [nfc(c) for c in df.columns]
    missing = [c for c in ROSTER_COLUMNS if c not in df.columns]
    if missing:
        raise InputError.many([Problem(f"cột «{c}» ({ROSTER_COLUMNS[c]})", None, why=f"tệp {path.name} thiếu cột này",
                                       allowed=", ".join(ROSTER_COLUMNS)) for c in missing])
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    out: list[Trainee] = []
    for i, (tid, name) in enumerate(zip(df["trainee_id"], df["ho_ten"])):
        row = i + 2
        tid = nfc(tid if tid is not None else "")
        name = nfc(name if name is not None else "")
        if not tid and not name:
            continue  # blank line at the end of a spreadsheet
        if not _ID.match(tid):
            problems.append(Problem("trainee_id", tid, row=row,
                                    why="mã học viên dùng làm tên thư mục, tệp",
                                    allowed="chữ cái không dấu, chữ số, dấu . _ - (tối đa 64 ký tự)"))
        elif tid in seen:
            problems.append(Problem("trainee_id", tid, row=row, why=f"trùng với dòng {seen[tid]}"))
        else:
            seen[tid] = row
        if not name:
            problems.append(Problem("ho_ten", name, row=row, why="họ và tên không được để trống"))
        out.append(Trainee(tid, name))
    if problems:
        raise InputError.many(problems)
    if not out:
        raise InputError("danh sách học viên (--roster)", path.name, why="tệp không có học viên nào")
    return out
