"""The class list: a CSV or Excel file, with Vietnamese or English headers, as an instructor exports it.

Columns (either name, any case, with or without diacritics): «Mã học viên» / ``trainee_id`` and «Họ và tên» /
``ho_ten`` are required; «Đơn vị» / ``don_vi`` and «Email» are optional; other columns (for example «STT») are
ignored. A CSV may be UTF-8 (with or without a BOM), UTF-16 (with a BOM, as Excel's «Unicode Text» writes it) or
Windows-1258 (Vietnamese Windows); it may be separated by commas, semicolons or tabs.

Every bad row is reported at once, by its row number in the file (the header is row 1): a row with more or fewer
fields than the header, an id that cannot be a folder name, a duplicate id (also one that differs only by case:
``hv01`` and ``HV01`` would share a folder on Windows and macOS), a Windows-reserved name (``CON``, ``NUL``,
``COM1``, a trailing dot), an empty name, an e-mail that is not one, a formula cell in a workbook.

``read_roster`` is the public reader (the class server uses it too); ``check_trainee_id`` checks one id.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ._util import nfc

__all__ = ["Trainee", "read_roster", "check_trainee_id", "ROSTER_COLUMNS", "HEADER_ALIASES"]

#: The roster's fields and their Vietnamese names (what a message calls them).
ROSTER_COLUMNS = {"trainee_id": "mã học viên", "ho_ten": "họ và tên", "don_vi": "đơn vị", "email": "email"}
_REQUIRED = ("trainee_id", "ho_ten")

#: Header texts accepted for each field, compared after folding (lower case, no diacritics, spaces as ``_``).
HEADER_ALIASES = {
    "trainee_id": ("trainee_id", "ma_hoc_vien", "ma_hv", "ma_so_hoc_vien", "id"),
    # not «Tên» alone: Vietnamese lists often split «Họ đệm» and «Tên» (the given name)
    "ho_ten": ("ho_ten", "ho_va_ten", "ho_ten_hoc_vien", "ho_va_ten_hoc_vien", "name", "full_name"),
    "don_vi": ("don_vi", "don_vi_cong_tac", "co_quan", "unit"),
    "email": ("email", "e_mail", "thu_dien_tu", "dia_chi_email"),
}

# Trainee ids become folder and file names: ASCII letters, digits, '.', '_', '-' (non-ASCII names 404 in Voilà).
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
# Names Windows keeps for devices, with or without an extension (``NUL.txt`` is the device too).
_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(\..*)?$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Trainee:
    trainee_id: str
    ho_ten: str
    don_vi: str = ""
    email: str = ""
    #: the row of the file it was read from (header = 1; blank lines counted), for messages of later checks
    row: int = field(default=0, compare=False, repr=False)


def _fold(text: Any) -> str:
    """A header as compared: NFC, no diacritics (đ → d), lower case, runs of other characters as ``_``."""
    text = unicodedata.normalize("NFD", nfc(text)).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^0-9a-z]+", "_", text).strip("_")


_ALIAS = {alias: name for name, aliases in HEADER_ALIASES.items() for alias in aliases}


def check_trainee_id(tid: str) -> str | None:
    """Why ``tid`` cannot be a trainee id (a Vietnamese reason), or ``None`` when it can."""
    if not isinstance(tid, str):
        return "mã học viên phải là chữ"
    if not _ID.match(tid):
        return ("mã học viên dùng làm tên thư mục, tệp: chỉ gồm chữ cái không dấu, chữ số, dấu . _ - (bắt đầu bằng "
                "chữ cái hoặc chữ số, tối đa 64 ký tự)")
    if _RESERVED.match(tid):
        return "đây là tên thiết bị dành riêng của Windows (CON, PRN, AUX, NUL, COM1–9, LPT1–9), không đặt được tên thư mục"
    if tid.endswith("."):
        return "tên thư mục kết thúc bằng dấu chấm bị Windows bỏ dấu chấm đi"
    return None


# --- reading the file -------------------------------------------------------------------------------------------

def _decode(raw: bytes, name: str) -> tuple[str, str]:
    """The text of a CSV and the encoding it was read in."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "UTF-8 (BOM)"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise InputError("danh sách học viên (--roster)", name, why=f"tệp UTF-16 bị hỏng ({exc.reason})") from None
    if len(raw) >= 4 and raw[1::2].count(0) > len(raw) // 4:  # UTF-16 without its BOM: every other byte zero
        enc = "utf-16-le" if raw[1] == 0 else "utf-16-be"
        try:
            return raw.decode(enc), "UTF-16"
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:  # Vietnamese Windows; its diacritics are combining marks, NFC composes them
        return raw.decode("cp1258"), "Windows-1258"
    except UnicodeDecodeError as exc:
        raise InputError("danh sách học viên (--roster)", name,
                         why="không nhận ra bảng mã của tệp (cần UTF-8, UTF-16 hoặc Windows-1258); hãy lưu lại từ "
                             f"Excel bằng «CSV UTF-8» ({exc.reason})") from None


def _csv_rows(path: Path) -> list[tuple[int, list[str]]]:
    raw = path.read_bytes()
    text, _ = _decode(raw, path.name)
    if "\x00" in text:
        raise InputError("danh sách học viên (--roster)", path.name, why="tệp chứa ký tự NUL: không phải tệp CSV chữ")
    sample = text[:4096]
    first = sample.splitlines()[0] if sample.splitlines() else ""
    delimiter = max([",", ";", "\t"], key=first.count) if first else ","
    rows = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        for fields in reader:
            rows.append((reader.line_num, fields))
    except csv.Error as exc:
        raise InputError("danh sách học viên (--roster)", path.name,
                         why=f"dòng {reader.line_num}: không đọc được dòng CSV ({exc})") from None
    return rows


def _excel_rows(path: Path, problems: list[Problem]) -> list[tuple[int, list[str]]]:
    import datetime as dt

    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        ws = wb.worksheets[0]
        rows = []
        for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
            fields = []
            for c, v in enumerate(values, start=1):
                if isinstance(v, str) and v.startswith("=") and len(v) > 1:
                    problems.append(Problem(f"cột {c}", v, row=r,
                                            why="ô chứa công thức; hãy dán giá trị (Paste Values) thay cho công thức"))
                    v = ""
                if v is None:
                    fields.append("")
                elif isinstance(v, bool):
                    fields.append(str(v))
                elif isinstance(v, float) and v.is_integer():
                    fields.append(str(int(v)))  # an id typed as a number: 7, not 7.0
                elif isinstance(v, (dt.datetime, dt.date)):
                    fields.append(v.strftime("%d/%m/%Y"))
                else:
                    fields.append(str(v))
            while fields and fields[-1] == "":
                fields.pop()  # Excel's formatted but empty cells at the end of a row
            rows.append((r, fields))
        return rows
    finally:
        wb.close()


def read_roster(path: str | Path) -> list[Trainee]:
    """Read and check the roster; every bad row is reported at once (file row numbers, header is row 1).

    Ids are kept as text exactly as typed (``007`` stays ``007``), names and units are normalised to NFC.
    """
    path = Path(path)
    field = "danh sách học viên (--roster)"
    if not path.is_file():
        raise InputError(field, str(path), why="không tìm thấy tệp")
    suffix = path.suffix.lower()
    problems: list[Problem] = []
    try:
        if suffix in (".csv", ".tsv"):
            rows = _csv_rows(path)
        elif suffix in (".xlsx", ".xlsm"):
            rows = _excel_rows(path, problems)
        else:
            raise InputError(field, path.name, allowed=[".csv", ".xlsx"], why="định dạng tệp không được hỗ trợ")
    except InputError:
        raise
    except OSError as exc:
        raise InputError(field, str(path), why=f"không đọc được tệp ({exc.strerror or exc})") from None
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook; the user needs file and reason
        raise InputError(field, path.name, why=f"không đọc được tệp Excel ({type(exc).__name__}: {exc})") from None
    rows = [(n, f) for n, f in rows if any(nfc(x) for x in f)]  # blank lines anywhere
    if not rows:
        raise InputError(field, path.name, why="tệp trống, không có dòng tiêu đề nào")
    header_row, header = rows[0]
    columns: dict[str, int] = {}
    for i, h in enumerate(header):
        name = _ALIAS.get(_fold(h))
        if name is None:
            continue
        if name in columns:
            problems.append(Problem(f"cột «{nfc(h)}»", nfc(h), row=header_row,
                                    why=f"hai cột cùng là «{ROSTER_COLUMNS[name]}» (cột {columns[name] + 1} và "
                                        f"cột {i + 1})"))
        else:
            columns[name] = i
    missing = [c for c in _REQUIRED if c not in columns]
    if missing:
        problems.extend(Problem(f"cột «{ROSTER_COLUMNS[c]}» ({c})", None, row=header_row,
                                why=f"tệp {path.name} thiếu cột này",
                                allowed=", ".join(f"«{a}»" for a in ("Mã học viên", "Họ và tên", "trainee_id",
                                                                      "ho_ten")))
                        for c in missing)
        raise InputError.many(problems)
    width = len(header)
    seen: dict[str, int] = {}
    out: list[Trainee] = []
    for row, fields in rows[1:]:
        if len(fields) != width and (suffix != ".xlsx" and suffix != ".xlsm" or len(fields) > width):
            more = len(fields) > width
            problems.append(Problem("số cột", len(fields), row=row,
                                    why=f"dòng có {'nhiều' if more else 'ít'} cột hơn dòng tiêu đề ({width} cột); "
                                        "thường do dấu phẩy trong tên hoặc một cột bị thiếu: sửa dòng này "
                                        "(hoặc đặt tên trong dấu ngoặc kép)"))
            continue
        values = {name: nfc(fields[i]) if i < len(fields) else "" for name, i in columns.items()}
        tid, name = values["trainee_id"], values["ho_ten"]
        why = check_trainee_id(tid) if tid else "mã học viên không được để trống"
        if why:
            problems.append(Problem(ROSTER_COLUMNS["trainee_id"], tid, row=row, why=why))
        elif tid.casefold() in seen:
            first = seen[tid.casefold()]
            same = "trùng" if out[first[1]].trainee_id == tid else "chỉ khác chữ hoa, chữ thường (cùng một thư mục trên Windows, macOS)"
            problems.append(Problem(ROSTER_COLUMNS["trainee_id"], tid, row=row,
                                    why=f"{same} với mã «{out[first[1]].trainee_id}» ở dòng {first[0]}"))
        else:
            seen[tid.casefold()] = (row, len(out))
        if not name:
            problems.append(Problem(ROSTER_COLUMNS["ho_ten"], name, row=row, why="họ và tên không được để trống"))
        email = values.get("email", "")
        if email and not _EMAIL.match(email):
            problems.append(Problem(ROSTER_COLUMNS["email"], email, row=row, why="không phải một địa chỉ email"))
        out.append(Trainee(tid, name, values.get("don_vi", ""), email, row=row))
    if problems:
        raise InputError.many(problems)
    if not out:
        raise InputError(field, path.name, why="tệp không có học viên nào")
    return out
