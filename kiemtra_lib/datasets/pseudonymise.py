"""Pseudonymisation, so a unit's real roster can be used in class without exposing anyone.

Ids and names become keyed pseudonyms (HMAC-SHA256 with the instructor's key): the same value and the same key give
the same pseudonym, in every table, so the tables still join (``chi_bo_id``, ``org_id`` and ``parent_id`` share one
namespace); without the key a pseudonym cannot be traced back. Free-text columns and every column the data
dictionary does not know are dropped: they may say who someone is. Dates, votes, points and enums stay, so the
rating of the pseudonymised tables is the rating of the real ones.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError
from ..schema import TABLES
from .case import TABLE_NAMES, Case

__all__ = ["pseudonymise", "ID_NAMESPACES", "NAME_COLUMNS"]

#: id column -> (namespace, prefix of its pseudonyms). Columns of one namespace map the same value the same way.
ID_NAMESPACES = {"member_id": ("dang_vien", "DV-"), "chi_bo_id": ("to_chuc", "TC-"), "org_id": ("to_chuc", "TC-"),
                 "parent_id": ("to_chuc", "TC-"), "inspection_id": ("kiem_tra", "KT-"),
                 "case_id": ("vu_viec", "VV-")}
#: name column -> (namespace, prefix): a person's or an organisation's name becomes a readable pseudonym.
NAME_COLUMNS = {"ho_ten": ("ho_ten", "Đảng viên "), "ten": ("ten_to_chuc", "Tổ chức ")}
_CODE_LENGTH = 12  # base32 characters: 60 bits, so a million ids collide with odds below one in a million


def _fold(text: Any) -> str:
    return unicodedata.normalize("NFC", str(text)).strip().casefold()


def _known_columns() -> dict[str, str]:
    """Every English and Vietnamese header of every table -> its column name."""
    out: dict[str, str] = {}
    for table in TABLES.values():
        out.update(table.aliases())
    return out


def _free_text() -> set[str]:
    return {c.name for t in TABLES.values() for c in t.columns if c.free_text and c.name not in NAME_COLUMNS}


def _key_bytes(key: Any) -> bytes:
    if isinstance(key, bytes) and key:
        return key
    if isinstance(key, str) and key.strip():
        return key.encode("utf-8")
    raise InputError("khoá", "(trống)" if key in (None, "", b"") else type(key).__name__,
                     allowed="một chuỗi không rỗng do giảng viên giữ (cùng khoá thì cùng bí danh)")


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
    ``result.attrs["dropped_columns"]``. A ``Case`` is pseudonymised table by table with the same key.

    >>> df = pd.DataFrame({"Mã đảng viên": ["DV01"], "Họ và tên": ["Nguyễn Văn An"], "Ghi chú": ["..."]})
    >>> out = pseudonymise(df, "khoá lớp 1")
    >>> list(out.columns), out.attrs["dropped_columns"], out["member_id"][0] == pseudonymise(df, "khoá lớp 1")["member_id"][0]
    (['member_id', 'ho_ten'], ['Ghi chú'], True)
    """
    secret = _key_bytes(key)
    if isinstance(data, Case):
        tables = {name: pseudonymise(getattr(data, name), secret) for name in TABLE_NAMES}
        return Case(f"{data.name}_an_danh", review_date=data.review_date,
                    meta={"pseudonymised": True, "edge_cases": []}, **tables)
    if not isinstance(data, pd.DataFrame):
        raise InputError("bảng", type(data).__name__, allowed="một pandas DataFrame hoặc một Case")
    known = _known_columns()
    free_text = _free_text()
    out, dropped = {}, []
    for col in data.columns:
        name = known.get(_fold(col))
        if name is None or name in free_text or name in out:
            dropped.append(str(col))
        elif name in ID_NAMESPACES:
            out[name] = _pseudonyms(data[col], secret, *ID_NAMESPACES[name])
        elif name in NAME_COLUMNS:
            out[name] = _pseudonyms(data[col], secret, *NAME_COLUMNS[name])
        else:
            out[name] = data[col]
    result = pd.DataFrame(out, index=data.index)
    result.attrs["dropped_columns"] = dropped
    return result
