"""Pseudonymisation, so a unit's real roster can be used in class without exposing anyone.

Ids and names become keyed pseudonyms (HMAC-SHA256 with the instructor's key): the same value and the same key give
the same pseudonym, in every table, so the tables still join (``chi_bo_id``, ``org_id`` and ``parent_id`` share one
namespace); without the key a pseudonym cannot be traced back. The key must have at least ``MIN_KEY_LENGTH`` (16)
characters: a short one could be found by trying them all.

What leaves, and what does not:

- Free-text columns (``topic``, ``summary``) and every column the data dictionary does not know are **dropped**, not
  scrubbed: no rule can tell a name inside a sentence. ``attrs["dropped_columns"]`` lists them by their dictionary
  name, and an unknown column only by its position («cột 7»), since a header may itself be a name.
- Every kept column leaves only in its normalised form: a date, a count, a number, yes/no, or a slug of its list
  (``role`` = ``truong_phong``). A cell that is none of these (``Chức vụ`` = "Trưởng phòng <a name>") is refused
  with its row and column, never copied; the message does not repeat the value.
- The index is dropped (it may hold ids): the result is numbered 0, 1, 2, ...

Dates, votes, points and enums stay, so the rating of the pseudonymised tables is the rating of the real ones.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, Problem
from ..schema import TABLES, Column, _coerce
from .case import TABLE_NAMES, Case

__all__ = ["pseudonymise", "ID_NAMESPACES", "NAME_COLUMNS", "MIN_KEY_LENGTH"]

#: The shortest key accepted (characters of a str, bytes of a bytes key).
MIN_KEY_LENGTH = 16

#: id column -> (namespace, prefix of its pseudonyms). Columns of one namespace map the same value the same way.
ID_NAMESPACES = {"member_id": ("dang_vien", "DV-"), "chi_bo_id": ("to_chuc", "TC-"), "org_id": ("to_chuc", "TC-"),
                 "parent_id": ("to_chuc", "TC-"), "inspection_id": ("kiem_tra", "KT-"),
                 "case_id": ("vu_viec", "VV-")}
#: name column -> (namespace, prefix): a person's or an organisation's name becomes a readable pseudonym.
NAME_COLUMNS = {"ho_ten": ("ho_ten", "Đảng viên "), "ten": ("ten_to_chuc", "Tổ chức ")}
_CODE_LENGTH = 12  # base32 characters: 60 bits, so a million ids collide with odds below one in a million


def _fold(text: Any) -> str:
    return unicodedata.normalize("NFC", str(text)).strip().casefold()


def _known_columns(first: str | None = None) -> dict[str, Column]:
    """Every English and Vietnamese header -> its column, from table ``first`` where it has one (``kind`` means
    one thing for an organisation and another for an inspection), else from the first table that has it."""
    out: dict[str, Column] = {}
    order = sorted(TABLES.values(), key=lambda t: t.name != first)
    for table in reversed(order):
        out.update({alias: table.column(name) for alias, name in table.aliases().items()})
    return out


def _free_text() -> set[str]:
    return {c.name for t in TABLES.values() for c in t.columns if c.free_text and c.name not in NAME_COLUMNS}


_KEY_HELP = (f"một chuỗi ít nhất {MIN_KEY_LENGTH} ký tự do giảng viên giữ kín (cùng khoá thì cùng bí danh), "
             "ví dụ một câu dài dễ nhớ")


def _key_bytes(key: Any) -> bytes:
    if isinstance(key, bytes) and len(key) >= MIN_KEY_LENGTH:
        return key
    if isinstance(key, str) and len(key.strip()) >= MIN_KEY_LENGTH:
        return key.encode("utf-8")
    if isinstance(key, (str, bytes)) and key.strip():
        raise InputError("khoá", f"({len(key.strip())} ký tự)", allowed=_KEY_HELP,
                         why="Khoá quá ngắn: người khác có thể thử hết các khoá ngắn để lần ra tên thật")
    raise InputError("khoá", "(trống)" if key is None or isinstance(key, (str, bytes)) else type(key).__name__,
                     allowed=_KEY_HELP)


_B32 = np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", dtype=np.uint8)


def _codes(digests: list[bytes]) -> np.ndarray:
    """The first 60 bits of each digest in base32 (RFC 4648 alphabet), 12 characters, for all digests at once."""
    top = np.frombuffer(b"".join(d[:8] for d in digests), dtype=">u8").astype(np.uint64)
    shifts = np.uint64(64) - np.uint64(5) * np.arange(1, _CODE_LENGTH + 1, dtype=np.uint64)
    chars = _B32[((top[:, None] >> shifts) & np.uint64(31)).astype(np.intp)]
    return np.ascontiguousarray(chars).view(f"S{_CODE_LENGTH}").ravel().astype(f"U{_CODE_LENGTH}")


def _pseudonyms(values: pd.Series, key: bytes, namespace: str, prefix: str) -> pd.Series:
    """One pseudonym per distinct value (normalised: NFC, trimmed); empty stays empty."""
    present = values.notna() & values.astype(str).str.strip().ne("")
    norm = values[present].map(lambda v: unicodedata.normalize("NFC", str(v)).strip())
    distinct = pd.unique(norm).tolist()
    tag = f"{namespace}\x1f"
    digests = [hmac.digest(key, (tag + v).encode("utf-8"), hashlib.sha256) for v in distinct]
    pseudo = np.char.add(prefix, _codes(digests)).tolist() if distinct else []
    if len(set(pseudo)) != len(pseudo):  # two people must never merge into one
        raise InputError("khoá", "(ẩn)", why="Hai giá trị khác nhau trùng bí danh; hãy dùng một khoá khác")
    out = pd.Series(None, index=values.index, dtype=object)
    out[present] = norm.map(dict(zip(distinct, pseudo)))
    return out


def pseudonymise(data: pd.DataFrame | Case, key: str | bytes) -> pd.DataFrame | Case:
    """Replace ids and names with keyed pseudonyms and drop free text and unknown columns.

    Headers may be English or Vietnamese; the result uses the English names. The dropped columns are listed in
    ``result.attrs["dropped_columns"]`` (unknown ones by position only). A ``Case`` is pseudonymised table by table
    with the same key. A kept cell that is not a valid value of its column raises ``InputError`` (row and column,
    not the value).

    >>> df = pd.DataFrame({"Mã đảng viên": ["DV01"], "Họ và tên": ["Nguyễn Văn An"], "Ghi chú": ["..."]})
    >>> out = pseudonymise(df, "khoá lớp K12 năm 2026")
    >>> list(out.columns), out.attrs["dropped_columns"]
    (['member_id', 'ho_ten'], ['cột 3 (không có trong từ điển dữ liệu)'])
    >>> out["member_id"][0] == pseudonymise(df, "khoá lớp K12 năm 2026")["member_id"][0]
    True
    """
    secret = _key_bytes(key)
    if isinstance(data, Case):
        tables = {name: pseudonymise(getattr(data, name), secret) for name in TABLE_NAMES}
        return Case(f"{data.name}_an_danh", review_date=data.review_date,
                    meta={"pseudonymised": True, "edge_cases": []}, **tables)
    if not isinstance(data, pd.DataFrame):
        raise InputError("bảng", type(data).__name__, allowed="một pandas DataFrame hoặc một Case")
    from .load import detect_table

    table = detect_table([str(c) for c in data.columns])
    known = _known_columns(table.name if table else None)
    free_text = _free_text()
    data = data.reset_index(drop=True)  # the index may hold ids: it is not carried over
    out, dropped, problems, total = {}, [], [], 0
    for k in range(data.shape[1]):
        col = data.iloc[:, k]
        column = known.get(_fold(data.columns[k]))
        name = column.name if column else None
        if column is None:
            dropped.append(f"cột {k + 1} (không có trong từ điển dữ liệu)")
        elif name in free_text or name in out:
            dropped.append(name if name not in out else f"{name} (cột {k + 1}, lặp lại)")
        elif name in ID_NAMESPACES:
            out[name] = _pseudonyms(col, secret, *ID_NAMESPACES[name])
        elif name in NAME_COLUMNS:
            out[name] = _pseudonyms(col, secret, *NAME_COLUMNS[name])
        else:
            # only the normalised value leaves: a slug, a date, a number, yes/no; anything else is refused
            values, bad = _coerce(Column(**{**column.__dict__, "required": False}), col)
            where = np.flatnonzero(np.asarray(bad, dtype=bool))
            total += len(where)
            problems += [Problem(name, "(ẩn)", allowed=column.allowed_text(), row=int(i) + 1,
                                 why="Giá trị không hợp lệ; không được giữ lại vì có thể chứa thông tin nhận diện")
                         for i in where[:50]]
            out[name] = values
    if problems:
        problems.sort(key=lambda p: (p.row, p.field))
        raise InputError.many(problems, total=total)
    result = pd.DataFrame(out, index=pd.RangeIndex(len(data)))
    result.attrs["dropped_columns"] = dropped
    return result
