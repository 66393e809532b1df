"""The column contracts of the tables everything shares: members and organisations (rating, datasets, notebooks,
exercises). One definition serves three uses: checking and normalising a table (every bad value reported at once,
naming row, column and value), the Vietnamese data dictionary, and Vietnamese headers accepted as aliases.

Normalised form (what the rating code reads): booleans are ``bool``, counts ``int64``, points ``float64``, dates
``datetime64`` (NaT when empty), enums their slug (``None`` when empty and allowed), sets (``faults``) and lists
(``mass_org_ranks``) a canonical ``;``-joined string ("" when empty), ids ``str``. The checks are vectorised: no
Python loop per row, so a table of a million members is checked in seconds.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import pandas as pd

import datetime as dt

from .dates import DATE_HELP, MAX_DATE, MIN_DATE
from .vocabulary import NO_WORDS, YES_WORDS
from .errors import MAX_PROBLEMS, InputError, Problem

__all__ = ["Column", "Table", "MEMBERS", "ORGANISATIONS", "TABLES", "TASK_RESULTS", "CIVIL_SERVANT_RATINGS",
           "FAULTS", "ROLES", "ORG_KINDS", "split_items"]

TASK_RESULTS = {"xuat_sac": "Xuất sắc", "tot": "Tốt", "hoan_thanh": "Hoàn thành",
                "khong_hoan_thanh": "Không hoàn thành"}
CIVIL_SERVANT_RATINGS = {
    "xuat_sac": "Hoàn thành xuất sắc chức trách, nhiệm vụ",
    "tot": "Hoàn thành tốt chức trách, nhiệm vụ",
    "hoan_thanh": "Hoàn thành chức trách, nhiệm vụ",
    "han_che_nang_luc": "Hoàn thành nhưng còn hạn chế về năng lực",
    "chua_hoan_thanh": "Chưa hoàn thành chức trách, nhiệm vụ",
}
FAULTS = {
    "khong_hoan_thanh_nhiem_vu_chi_bo": "Không hoàn thành nhiệm vụ chi bộ giao",
    "vi_pham_dieu_cam": "Vi phạm những điều đảng viên không được làm",
    "khong_chap_hanh_phan_cong": "Không chấp hành sự phân công",
    "gay_mat_doan_ket": "Gây mất đoàn kết nội bộ",
}
ROLES = {
    "cap_uy_cap_tren": "Bí thư hoặc cấp ủy viên cấp trên sinh hoạt tại chi bộ",
    "bi_thu": "Bí thư đảng bộ, chi bộ",
    "truong_phong": "Trưởng phòng là đảng viên",
}
ORG_KINDS = {"chi_bo": "Chi bộ", "dang_bo": "Đảng bộ"}

#: Every count is below a million (votes, absences, failed tasks: no chi bộ or đảng bộ comes near it), so a count
#: such as 1e30 or 9223372036854775808 is refused instead of wrapping round to a negative int64.
COUNT_MAX = 999_999

_TRUE = set(YES_WORDS)  # kiemtra_lib.vocabulary: one list of the spellings of yes and no
_FALSE = set(NO_WORDS) | {""}
_BOOL_HELP = "có/không (True/False, 1/0, x hoặc để trống)"


def _norm_text(s: pd.Series, *, distinct: bool = False) -> pd.Series:
    """Strings as users type them: NFC (Vietnamese can come decomposed from Excel), trimmed; missing is None.

    A key column is all distinct, so column-wise string methods beat cleaning each distinct value (0.26 s against
    0.44 s for a million ids); names and foreign ids repeat, and the other way round wins (0.24 s against 0.76 s).
    """
    if not distinct:
        return pd.Series(_per_distinct(s, _clean_text), index=s.index)
    missing = s.isna().to_numpy()
    text = s.astype(str).str.strip()
    non_ascii = ~text.str.isascii().to_numpy(dtype=bool)
    if non_ascii.any():
        text[non_ascii] = text[non_ascii].str.normalize("NFC").str.strip()
    out = text.to_numpy(dtype=object)
    out[missing] = None
    return pd.Series(out, index=s.index)


def _clean_text(v: Any) -> str | None:
    if v is None:
        return None
    text = str(v)
    return (text if text.isascii() else unicodedata.normalize("NFC", text)).strip()


def _per_distinct(raw: pd.Series, fn) -> np.ndarray:
    """``fn`` applied once per distinct value and spread back over the column (an object array).

    A column of a million members holds a handful of distinct enum values, dates or counts, so this keeps the
    Python work proportional to the distinct values, not the rows. ``fn(None)`` gives the value for missing cells.
    """
    try:
        codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    except TypeError:  # unhashable cells (a list of faults): compare them by their text
        raw = raw.map(lambda v: ";".join(map(str, v)) if isinstance(v, (list, tuple, set, frozenset)) else v)
        codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    table = np.empty(len(uniques) + 1, dtype=object)
    # factorize already set NaN/None/NaT aside (code -1); a blank string is missing too.
    distinct = np.asarray(uniques, dtype=object)
    table[:-1] = [fn(None if (u.__class__ is str and not u.strip()) else u) for u in distinct]
    table[-1] = fn(None)  # code -1 (missing) picks the last slot
    return table[codes]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


def split_items(value: Any) -> list[str]:
    """A set given as a list/set/tuple or a ``;``-separated string, as a list of trimmed items."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [str(v) for v in value]
    else:
        items = str(value).replace(",", ";").split(";")
    return [unicodedata.normalize("NFC", i).strip() for i in items if str(i).strip()]


@dataclass(frozen=True)
class Column:
    """One column: its English name, Vietnamese header, type, default and meaning, and the rules that read it."""

    name: str
    label: str
    kind: str  # "id" | "text" | "bool" | "count" | "number" | "date" | "enum" | "set" | "ranks"
    description: str
    required: bool = False
    default: Any = None
    allowed: Mapping[str, str] | None = None  # slug -> Vietnamese label, for enum and set
    nullable: bool = False  # an enum that may be empty
    minimum: float | None = None
    maximum: float | None = None
    rule_ids: tuple[str, ...] = ()
    free_text: bool = False  # dropped by pseudonymisation

    def allowed_text(self) -> str:
        if self.kind == "bool":
            return _BOOL_HELP
        if self.kind == "date":
            return DATE_HELP + (" hoặc để trống" if not self.required else "")
        if self.kind in ("enum", "set"):
            text = ", ".join(f"{k} ({v})" for k, v in self.allowed.items())
            if self.kind == "set":
                return f"một hoặc nhiều giá trị cách nhau bằng «;» trong: {text}; hoặc để trống"
            return text + ("; hoặc để trống" if self.nullable else "")
        if self.kind == "ranks":
            return "các số thứ hạng từ 1 đến 4 cách nhau bằng «;», hoặc để trống"
        if self.kind in ("count", "number"):
            lo = "" if self.minimum is None else f"từ {_num(self.minimum)}"
            top = self.upper()
            hi = "" if top is None else f" đến {_num(top)}"
            unit = "số nguyên" if self.kind == "count" else "số"
            return f"{unit} {lo}{hi}".strip()
        return "một chuỗi không rỗng" if self.required else "chuỗi, có thể để trống"

    def upper(self) -> float | None:
        """The largest value allowed: the column's own maximum, and for a count never more than ``COUNT_MAX``."""
        if self.kind == "count":
            return COUNT_MAX if self.maximum is None else min(self.maximum, COUNT_MAX)
        return self.maximum

    @property
    def type_label(self) -> str:
        return {"id": "mã (chuỗi)", "text": "chuỗi", "bool": "có/không", "count": "số nguyên", "number": "số",
                "date": "ngày", "enum": "danh mục", "set": "tập giá trị", "ranks": "danh sách thứ hạng"}[self.kind]


@dataclass(frozen=True)
class Table:
    name: str
    label: str
    key: str
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def aliases(self) -> dict[str, str]:
        """Vietnamese header (case- and accent-form-insensitive) -> column name; names map to themselves."""
        out = {}
        for c in self.columns:
            out[_fold(c.name)] = c.name
            out[_fold(c.label)] = c.name
        return out

    def dictionary(self) -> pd.DataFrame:
        """The Vietnamese data dictionary of this table (datasets/README.md is written from it)."""
        rows = [{
            "Cột": c.name, "Tên tiếng Việt": c.label, "Kiểu": c.type_label,
            "Bắt buộc": "có" if c.required else "không",
            "Mặc định khi thiếu cột": "" if c.required else _show_default(c),
            "Giá trị cho phép": c.allowed_text(), "Ý nghĩa": c.description, "Quy tắc": ", ".join(c.rule_ids),
        } for c in self.columns]
        return pd.DataFrame(rows)

    def validate(self, data: Any, *, row_base: int = 1) -> pd.DataFrame:
        """Check and normalise a table; raise one ``InputError`` listing every bad value.

        ``row_base`` is the number shown for the first row (2 for a CSV whose line 1 is the header). Extra columns
        are kept unchanged. Missing optional columns take their documented default.
        """
        if isinstance(row_base, bool) or not isinstance(row_base, (int, np.integer)) or abs(row_base) > 10 ** 9:
            raise InputError("row_base", row_base if isinstance(row_base, (int, float, str)) else
                             type(row_base).__name__, allowed="số thứ tự (số nguyên) của dòng đầu tiên")
        df = _as_frame(data, self.label)
        aliases = self.aliases()
        df = df.rename(columns={c: aliases.get(_fold(str(c)), c) for c in df.columns})
        twice = df.columns[df.columns.duplicated()].unique()
        if len(twice):  # two headers naming one column (votes_tot twice, or votes_tot and its Vietnamese label)
            raise InputError.many(Problem("cột", str(name), why="Cột này xuất hiện hai lần trong tiêu đề: chỉ giữ một")
                                  for name in twice)
        df = df.reset_index(drop=True)
        rows = np.arange(len(df)) + row_base
        missing = [c.name for c in self.columns if c.required and c.name not in df.columns]
        if missing:
            raise InputError.many(Problem(name, "(thiếu cột)", why=f"Bảng {self.label} phải có cột «{name}» hoặc"
                                          f" «{self.column(name).label}»") for name in missing)
        keys = None
        # Bad cells per column as row positions; only the first MAX_PROBLEMS of all of them (in row order) become
        # Problem objects, so a file with a bad value on every row costs about what reading it costs.
        found: list[tuple[np.ndarray, str, Any]] = []  # (bad row positions, field, what to say)
        raws: dict[str, pd.Series] = {}
        # The key first: its normalised values label every other column's bad rows.
        for c in sorted(self.columns, key=lambda c: c.name != self.key):
            raw = df[c.name] if c.name in df.columns else None
            if raw is None:
                df[c.name] = _default_series(c, len(df))
                continue
            values, bad = _coerce(c, raw, distinct=c.name == self.key)
            df[c.name] = values
            raws[c.name] = raw
            if c.name == self.key:
                keys = values
            where = np.flatnonzero(np.asarray(bad, dtype=bool))
            if len(where):
                found.append((where, c.name, c))
        if keys is not None:
            dup = keys.duplicated(keep="first") & keys.notna()
            where = np.flatnonzero(dup.to_numpy())
            if len(where):
                found.append((where, self.key, None))
        if found:
            total = sum(len(w) for w, _, _ in found)
            first = sorted(((int(i), name, c) for w, name, c in found for i in w[:MAX_PROBLEMS]),
                           key=lambda t: (t[0], t[1]))[:MAX_PROBLEMS]
            problems = []
            for i, name, c in first:
                if c is None:
                    problems.append(Problem(self.key, keys.iloc[i], row=f"{rows[i]}",
                                            why="Mã này đã xuất hiện ở một dòng trước"))
                    continue
                key = keys.iloc[i] if keys is not None else None
                row = f"{rows[i]}" + (f" ({key})" if isinstance(key, str) and key else "")
                problems.append(Problem(name, _display(raws[name].iloc[i]), allowed=c.allowed_text(), row=row))
            raise InputError.many(problems, total=total)
        return df


def _num(x: float) -> str:
    """A bound as users read it: 999.999, 12, 0,5 (Vietnamese separators)."""
    text = f"{x:,.0f}" if float(x).is_integer() else f"{x:,g}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _display(v: Any) -> Any:
    if v is None or (isinstance(v, float) and np.isnan(v)) or (isinstance(v, str) and not v.strip()):
        return "(trống)"
    return v.item() if isinstance(v, np.generic) else v


def _as_frame(data: Any, label: str) -> pd.DataFrame:
    """A copy of ``data`` as a DataFrame: a DataFrame, or rows (a list of dicts); anything else is refused."""
    if isinstance(data, pd.DataFrame):
        twice = data.columns[data.columns.duplicated()].unique()
        if len(twice):
            raise InputError.many(Problem("cột", str(name), why="Cột này xuất hiện hai lần trong tiêu đề: chỉ giữ một")
                                  for name in twice)
        return data.copy()
    if isinstance(data, (str, bytes, Mapping)) or not hasattr(data, "__iter__"):
        raise InputError(f"bảng {label}", type(data).__name__, allowed="một pandas DataFrame hoặc danh sách các dòng")
    rows = list(data)
    if not all(isinstance(r, Mapping) for r in rows):
        raise InputError(f"bảng {label}", "danh sách có phần tử không phải một dòng (dict)",
                         allowed="một pandas DataFrame hoặc danh sách các dòng")
    return pd.DataFrame(rows)


def _show_default(c: Column) -> str:
    if c.default is None or c.default == "":
        return "(trống)"
    if isinstance(c.default, bool):
        return "có" if c.default else "không"
    return str(c.default)


def _default_series(c: Column, n: int) -> pd.Series:
    if c.kind == "bool":
        return pd.Series(np.full(n, bool(c.default)), dtype=bool)
    if c.kind == "count":
        return pd.Series(np.full(n, int(c.default or 0)), dtype="int64")
    if c.kind == "number":
        return pd.Series(np.full(n, float(c.default or 0.0)), dtype="float64")
    if c.kind == "date":
        return pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
    if c.kind in ("set", "ranks"):
        return pd.Series([""] * n, dtype=object)
    return pd.Series([c.default] * n, dtype=object)


def _blank(raw: pd.Series) -> pd.Series:
    if raw.dtype != object and not pd.api.types.is_string_dtype(raw):
        return raw.isna()
    return pd.Series(_per_distinct(raw, lambda v: v is None).astype(bool), index=raw.index)


def _parse_date(v: Any) -> Any:
    """A date cell as a Timestamp, NaT when empty, or None when it is not a date of 1900-2100."""
    if v is None:
        return pd.NaT
    day = None
    if isinstance(v, (dt.date, pd.Timestamp)):
        day = v.date() if isinstance(v, dt.datetime) else v
    elif isinstance(v, np.datetime64):
        day = v.astype("datetime64[D]").item() if not np.isnat(v) else None
        if not isinstance(day, dt.date):  # NaT, or a year outside Python's calendar
            return pd.NaT if np.isnat(v) else None
    elif isinstance(v, str):
        text = v.strip()
        for fmt, part in (("%d/%m/%Y", text), ("%Y-%m-%d", text), ("%d-%m-%Y", text),
                          ("%Y-%m-%d", text[:10] if text[10:11] in (" ", "T") else "")):  # as Excel or pandas write
            try:
                day = dt.datetime.strptime(part, fmt).date()
                break
            except ValueError:
                continue
    if day is None or pd.isna(day) or not MIN_DATE <= day <= MAX_DATE:
        return None
    return pd.Timestamp(day.year, day.month, day.day)


def _to_float(raw: pd.Series) -> pd.Series:
    """Numbers as float64, NaN where a cell is not a number (a bool is not a number either)."""
    if raw.dtype == object and pd.api.types.infer_dtype(raw, skipna=True) not in ("string", "empty"):
        raw = raw.map(lambda v: None if isinstance(v, (bool, np.bool_)) else v)  # cells from Excel, not a CSV
    if raw.dtype == object or pd.api.types.is_string_dtype(raw):
        # A count column holds a handful of distinct values: parse each once (8x faster on 2.7 million rows).
        try:
            codes, uniques = pd.factorize(raw, use_na_sentinel=True)
        except TypeError:  # unhashable cells (a list): not numbers
            raw = raw.map(lambda v: v if isinstance(v, (int, float, str)) else None)
            codes, uniques = pd.factorize(raw, use_na_sentinel=True)
        parsed = _numeric(pd.Series(np.asarray(uniques, dtype=object), dtype=object))
        table = np.append(parsed.to_numpy(dtype="float64"), np.nan)  # code -1 (missing) picks the last slot
        return pd.Series(table[codes], index=raw.index)
    return _numeric(raw).astype("float64")


def _numeric(raw: pd.Series) -> pd.Series:
    try:
        num = pd.to_numeric(raw, errors="coerce")
    except (TypeError, ValueError, OverflowError):
        num = pd.to_numeric(raw.map(lambda v: v if isinstance(v, (int, float, str)) else None), errors="coerce")
    return num.astype("float64")


def _parse_ranks(v: Any) -> str | None:
    try:
        numbers = [float(x) for x in split_items(v)]
    except ValueError:
        return None
    if not all(np.isfinite(x) and x.is_integer() for x in numbers):
        return None
    ranks = [int(x) for x in numbers]
    if any(r < 1 or r > 4 for r in ranks):
        return None
    return ";".join(map(str, ranks))


def _coerce(c: Column, raw: pd.Series, *, distinct: bool = False) -> tuple[pd.Series, pd.Series]:
    """(normalised values, mask of bad rows) for one column; ``distinct`` for a key column."""
    index = raw.index
    if c.kind in ("id", "text"):
        text = _norm_text(raw, distinct=distinct)
        blank = (text.isna() | (text == "")).astype(bool)
        if c.required:
            return text, blank
        return text.where(~blank, None), pd.Series(False, index=index)
    blank = _blank(raw)
    if c.kind == "bool":
        if raw.dtype == bool:
            return raw.astype(bool), pd.Series(False, index=index)
        # An empty cell (or a row that leaves the key out) takes the column's documented default, as a missing
        # column does: a member must not become "not reviewed" (K5) because one cell was left blank.
        truth = _per_distinct(raw, lambda v: bool(c.default) if v is None else (
            True if _fold(str(v)) in _TRUE else (False if _fold(str(v)) in _FALSE else None)))
        bad = pd.Series(pd.isna(truth), index=index)
        return pd.Series(truth == True, index=index), bad  # noqa: E712 (object array of True/False/None)
    if c.kind in ("count", "number"):
        # As float64, where every count below a million is exact; inf, 1e30 and 2**63 are out of range, not wrapped.
        num = _to_float(raw.where(~blank))
        bad = ~np.isfinite(num.fillna(0)) | (num.isna() & ~blank)
        if c.kind == "count":
            bad |= num.notna() & (num != np.floor(num.fillna(0)))
        if c.minimum is not None:
            bad |= num < c.minimum
        top = c.upper()
        if top is not None:
            bad |= num > top
        if c.required:
            bad |= blank
        filled = num.fillna(c.default if c.default is not None else 0).where(~bad, 0)
        return (filled.astype("int64") if c.kind == "count" else filled.astype("float64")), bad
    if c.kind == "date":
        if pd.api.types.is_datetime64_any_dtype(raw):
            out = pd.to_datetime(raw).astype("datetime64[ns]")
            days = out.dt.tz_localize(None) if out.dt.tz is not None else out
            outside = days.notna() & ((days < pd.Timestamp(MIN_DATE)) | (days > pd.Timestamp(MAX_DATE)))
            bad = outside | (out.isna() if c.required else False)
            return out.where(~outside), pd.Series(np.asarray(bad, dtype=bool), index=index)
        parsed = _per_distinct(raw, _parse_date)
        bad = pd.Series(_per_distinct(raw, lambda v: _parse_date(v) is None).astype(bool), index=index)
        out = pd.to_datetime(pd.Series(np.where(bad.to_numpy(), pd.NaT, parsed), index=index)).astype(
            "datetime64[ns]")
        if c.required:
            bad |= blank
        return out, bad
    if c.kind in ("enum", "set"):
        lookup = {_fold(k): k for k in c.allowed} | {_fold(v): k for k, v in c.allowed.items()}
    if c.kind == "enum":
        slug = _per_distinct(raw, lambda v: None if v is None else lookup.get(_fold(str(v)), False))
        bad = (slug == False) | (blank.to_numpy() & (not c.nullable))  # noqa: E712
        default = None if c.required else c.default
        values = np.where(blank.to_numpy(), default, np.where(slug == False, None, slug))  # noqa: E712
        return pd.Series(values, index=index, dtype=object), pd.Series(bad, index=index)
    if c.kind == "set":
        def canon(v: Any) -> str | None:
            slugs = [lookup.get(_fold(x)) for x in split_items(v)]
            return None if any(x is None for x in slugs) else ";".join(sorted(set(slugs)))

        parsed = _per_distinct(raw, canon)
        bad = _per_distinct(raw, lambda v: canon(v) is None).astype(bool)
        return pd.Series(np.where(bad, "", parsed), index=index, dtype=object), pd.Series(bad, index=index)
    if c.kind == "ranks":
        parsed = _per_distinct(raw, _parse_ranks)
        bad = _per_distinct(raw, lambda v: _parse_ranks(v) is None).astype(bool)
        return pd.Series(np.where(bad, "", parsed), index=index, dtype=object), pd.Series(bad, index=index)
    raise AssertionError(c.kind)


_MEMBER_COLUMNS = (
    Column("member_id", "Mã đảng viên", "id", "Mã định danh đảng viên, duy nhất trong bảng.", required=True),
    Column("chi_bo_id", "Mã chi bộ", "id", "Mã chi bộ nơi đảng viên sinh hoạt (mỗi đảng viên thuộc đúng một chi bộ).",
           required=True, rule_ids=("R-M9", "R-M2")),
    Column("ho_ten", "Họ và tên", "text", "Họ và tên (dữ liệu tổng hợp; bị thay bằng bí danh khi ẩn danh hóa).",
           free_text=True),
    Column("official", "Đảng viên chính thức", "bool",
           "Đảng viên chính thức; chỉ đảng viên chính thức được biểu quyết và tính vào mẫu số phiếu.", default=True,
           rule_ids=("R-M9",)),
    Column("joined_on", "Ngày vào Đảng", "date",
           "Ngày kết nạp; đảng viên kết nạp chưa đủ 6 tháng trước hội nghị kiểm điểm của chi bộ thì không kiểm điểm.",
           rule_ids=("K3",)),
    Column("reviewed", "Đã kiểm điểm", "bool", "Đã tham gia kiểm điểm; vắng kiểm điểm thì xếp loại ở kỳ họp sau.",
           default=True, rule_ids=("K5",)),
    Column("task_result", "Kết quả thực hiện nhiệm vụ", "enum",
           "Chi bộ đánh giá mức độ hoàn thành nhiệm vụ được giao.", required=True, allowed=TASK_RESULTS,
           rule_ids=("R-M1", "R-M3", "R-M4", "R-M5", "R-M10")),
    Column("civil_servant_rating", "Xếp loại công chức", "enum",
           "Kết quả đánh giá cán bộ, công chức năm đó; để trống nếu đảng viên không phải công chức.",
           allowed=CIVIL_SERVANT_RATINGS, nullable=True, rule_ids=("R-M1", "R-M3", "R-M4", "R-M5")),
    Column("emulation_award", "Khen thưởng thi đua", "bool",
           "Được đề nghị chiến sĩ thi đua cơ sở hoặc bằng khen trong năm.", default=False, rule_ids=("R-M1",)),
    Column("discipline_date", "Ngày quyết định kỷ luật", "date",
           "Ngày công bố quyết định kỷ luật gần nhất (Đảng, chính quyền hoặc đoàn thể); để trống nếu không có.",
           rule_ids=("R-M5", "DF11")),
    Column("faults", "Vi phạm", "set", "Các khuyết điểm trong năm dẫn tới Không hoàn thành nhiệm vụ.",
           allowed=FAULTS, default="", rule_ids=("R-M5",)),
    Column("absences", "Số buổi vắng sinh hoạt có phép", "count", "Số lần vắng sinh hoạt chi bộ có lý do trong năm.",
           default=0, minimum=0, rule_ids=("R-M6",)),
    Column("sick_leave_months", "Số tháng nghỉ ốm", "number", "Số tháng nghỉ ốm trong năm.", default=0.0,
           minimum=0, maximum=12, rule_ids=("R-M7",)),
    Column("maternity_leave", "Nghỉ thai sản", "bool", "Nghỉ thai sản trong năm (không tính là nghỉ ốm).",
           default=False, rule_ids=("R-M7",)),
    Column("role", "Chức vụ", "enum", "Chức vụ thuộc diện quy định ở R-M6; để trống nếu không có.", allowed=ROLES,
           nullable=True, rule_ids=("R-M6", "R-M8")),
    Column("votes_xuat_sac", "Phiếu Hoàn thành xuất sắc", "count", "Số phiếu đề nghị Hoàn thành xuất sắc nhiệm vụ.",
           required=True, minimum=0, rule_ids=("R-M1", "R-M9")),
    Column("votes_tot", "Phiếu Hoàn thành tốt", "count", "Số phiếu đề nghị Hoàn thành tốt nhiệm vụ.",
           required=True, minimum=0, rule_ids=("R-M3", "R-M9")),
    Column("votes_hoan_thanh", "Phiếu Hoàn thành", "count", "Số phiếu đề nghị Hoàn thành nhiệm vụ.",
           required=True, minimum=0, rule_ids=("R-M4", "R-M9")),
    Column("votes_khong_hoan_thanh", "Phiếu Không hoàn thành", "count",
           "Số phiếu đề nghị Không hoàn thành nhiệm vụ (chỉ phiếu này tính cho mức KHT).", required=True, minimum=0,
           rule_ids=("R-M5", "R-M9", "R-M10")),
)

_ORG_COLUMNS = (
    Column("org_id", "Mã tổ chức", "id", "Mã chi bộ hoặc đảng bộ, duy nhất trong bảng.", required=True),
    Column("ten", "Tên tổ chức", "text", "Tên chi bộ, đảng bộ (dữ liệu tổng hợp).", free_text=False),
    Column("kind", "Loại tổ chức", "enum", "Chi bộ hay đảng bộ.", required=True, allowed=ORG_KINDS,
           rule_ids=("R-O1", "R-O5", "R-O8")),
    Column("parent_id", "Mã tổ chức cấp trên", "id",
           "Mã đảng bộ cơ sở mà chi bộ trực thuộc; để trống với chi bộ cơ sở và đảng bộ.", rule_ids=("R-O8", "R-M6")),
    Column("points", "Điểm tự chấm", "number", "Điểm theo thang 100 điểm của hướng dẫn cấp trên, đã được thẩm định.",
           required=True, minimum=0, maximum=100, rule_ids=("R-O1", "R-O3", "R-O4", "R-O5", "R-O7")),
    Column("failed_tasks", "Số nhiệm vụ không hoàn thành", "count", "Số nhiệm vụ được giao không hoàn thành.",
           default=0, minimum=0, rule_ids=("R-O5", "R-O4")),
    Column("committee_united", "Cấp ủy đoàn kết", "bool", "Cấp ủy đoàn kết, thống nhất.", default=True,
           rule_ids=("R-O1", "R-O3", "R-O5")),
    Column("committee_result", "Kết quả thực hiện nhiệm vụ của cấp ủy", "enum",
           "Mức hoàn thành nhiệm vụ của cấp ủy (Xuất sắc, Tốt, Hoàn thành, Không hoàn thành).", required=True,
           allowed=TASK_RESULTS, rule_ids=("R-O1", "R-O3")),
    Column("meets_regularly", "Sinh hoạt đúng quy định", "bool", "Tổ chức sinh hoạt đảng đúng quy định.",
           default=True, rule_ids=("R-O1",)),
    Column("remedy_plan_done", "Thực hiện tốt kế hoạch khắc phục", "bool",
           "Có kế hoạch và thực hiện tốt việc khắc phục hạn chế, khuyết điểm từ kiểm điểm trước.", default=True,
           rule_ids=("R-O1",)),
    Column("mass_org_ranks", "Thứ hạng các đoàn thể", "ranks",
           "Thứ hạng xếp loại của từng đoàn thể (công đoàn, đoàn thanh niên, cựu chiến binh...), 1 là cao nhất, "
           "4 là thấp nhất; để trống nếu không có đoàn thể.", default="", rule_ids=("R-O1", "R-O3", "R-O5")),
    Column("leader_disciplined", "Cấp ủy viên là trưởng, phó bị kỷ luật", "bool",
           "Có cấp ủy viên là trưởng, phó phòng trở lên hoặc trưởng, phó đoàn thể bị kỷ luật.", default=False,
           rule_ids=("R-O3", "D6")),
    Column("self_detected", "Tự phát hiện, xử lý", "bool",
           "Vi phạm đó do chính tổ chức đảng tự phát hiện và xử lý.", default=False, rule_ids=("R-O3",)),
    Column("corruption_discipline", "Có đảng viên bị kỷ luật do tham nhũng, tiêu cực", "bool",
           "Có đảng viên bị kỷ luật vì tham nhũng, tiêu cực, suy thoái.", default=False, rule_ids=("R-O5", "D6")),
    Column("agency_lowest", "Cơ quan xếp loại thấp nhất", "bool",
           "Cơ quan, đơn vị (chuyên môn) bị xếp loại ở mức thấp nhất.", default=False, rule_ids=("R-O5",)),
    Column("outstanding", "Có thành tích đặc biệt xuất sắc", "bool",
           "Có thành tích đặc biệt xuất sắc: tỷ lệ Hoàn thành xuất sắc được nâng lên 20%.", default=False,
           rule_ids=("R-M2",)),
)

MEMBERS = Table("members", "đảng viên", "member_id", _MEMBER_COLUMNS)
ORGANISATIONS = Table("organisations", "tổ chức đảng", "org_id", _ORG_COLUMNS)
TABLES = {t.name: t for t in (MEMBERS, ORGANISATIONS)}


# Inspections (T6 coverage) and discipline cases (kiemtra_lib.discipline): added for the datasets. The discipline
# slugs mirror rulesets/hcm-2014/discipline.yaml (DF1, DF3, DF8–DF10); tests/test_datasets_schema.py checks they agree.
INSPECTION_KINDS = {"kiem_tra": "Kiểm tra", "giam_sat": "Giám sát"}
SUBJECTS = {"dang_vien": "Đảng viên", "to_chuc": "Tổ chức đảng"}
DISCIPLINE_FORMS = {"khien_trach": "Khiển trách", "canh_cao": "Cảnh cáo", "cach_chuc": "Cách chức",
                    "khai_tru": "Khai trừ", "giai_tan": "Giải tán"}
SEVERITIES = {"it_nghiem_trong": "Ít nghiêm trọng", "nghiem_trong": "Nghiêm trọng",
              "rat_nghiem_trong": "Rất nghiêm trọng", "dac_biet_nghiem_trong": "Đặc biệt nghiêm trọng"}
EXEMPT_KINDS = {"chinh_tri_noi_bo": "Vi phạm về chính trị nội bộ",
                "quoc_phong_an_ninh_doi_ngoai": "Vi phạm về quốc phòng, an ninh, đối ngoại có xâm hại đến lợi ích "
                                                "quốc gia",
                "van_bang_chung_chi_bat_hop_phap": "Sử dụng văn bằng, chứng chỉ không hợp pháp"}
CIRCUMSTANCES = {
    "tu_giac_bao_cao": "Giảm nhẹ: chủ động báo cáo vi phạm, tự đề xuất hình thức kỷ luật",
    "cung_cap_thong_tin": "Giảm nhẹ: chủ động cung cấp đầy đủ, trung thực thông tin",
    "chu_dong_khac_phuc": "Giảm nhẹ: chủ động chấm dứt vi phạm, khắc phục hậu quả",
    "giup_xu_ly_nguoi_khac": "Giảm nhẹ: giúp cơ quan có thẩm quyền xử lý người khác (tổ chức đảng)",
    "vi_pham_khi_thi_diem": "Giảm nhẹ: vi phạm khi thực hiện thí điểm được phép (đảng viên)",
    "khong_sua_chua": "Tăng nặng: không sửa chữa sau kết luận, hoặc không thừa nhận (tổ chức đảng)",
    "tru_dap_che_giau": "Tăng nặng: trù dập người tố cáo, cản trở, che giấu vi phạm (tổ chức đảng)",
    "bao_cao_sai_tieu_huy": "Tăng nặng: báo cáo sai sự thật, tiêu hủy tài liệu, làm giả hồ sơ (tổ chức đảng)",
    "loi_dung_khan_cap": "Tăng nặng: lợi dụng tình trạng khẩn cấp, thiên tai, dịch bệnh để trục lợi (tổ chức đảng)",
    "vi_pham_nhieu_lan": "Tăng nặng: vi phạm từ lần thứ hai trở lên, có hệ thống (tổ chức đảng)",
    "khong_thua_nhan": "Tăng nặng: không thừa nhận vi phạm (đảng viên)",
    "khong_boi_thuong": "Tăng nặng: không bồi thường, khắc phục thiệt hại (đảng viên)",
    "khong_nop_lai": "Tăng nặng: không nộp lại tài sản, lợi ích có được do vi phạm (đảng viên)",
}

_INSPECTION_COLUMNS = (
    Column("inspection_id", "Mã cuộc kiểm tra", "id", "Mã cuộc kiểm tra hoặc giám sát, duy nhất trong bảng.",
           required=True),
    Column("org_id", "Mã tổ chức", "id", "Mã tổ chức đảng được kiểm tra, giám sát.", required=True, rule_ids=("T6",)),
    Column("date", "Ngày tiến hành", "date", "Ngày bắt đầu tiến hành (triển khai quyết định với đối tượng).",
           required=True, rule_ids=("T6", "T3")),
    Column("kind", "Loại", "enum", "Kiểm tra hay giám sát: cả hai đều tính cho chỉ tiêu mỗi nhiệm kỳ.", required=True,
           allowed=INSPECTION_KINDS, rule_ids=("T6",)),
    Column("planned", "Theo kế hoạch", "bool", "Cuộc kiểm tra, giám sát nằm trong kế hoạch năm.", default=True,
           rule_ids=("T6",)),
    Column("completed", "Đã hoàn thành", "bool", "Đã kết thúc (ban hành thông báo kết luận).", default=True,
           rule_ids=("T6",)),
    Column("conclusion_on_time", "Kết luận thực hiện đúng hạn", "bool",
           "Tổ chức được kiểm tra thực hiện kết luận đúng thời gian.", default=True, rule_ids=("T6",)),
    Column("topic", "Nội dung", "text", "Nội dung kiểm tra, giám sát (chữ tự do; bị bỏ khi ẩn danh hóa).",
           free_text=True),
)

_DISCIPLINE_COLUMNS = (
    Column("case_id", "Mã vụ việc", "id", "Mã vụ việc kỷ luật, duy nhất trong bảng.", required=True),
    Column("subject", "Đối tượng", "enum", "Đảng viên hay tổ chức đảng.", required=True, allowed=SUBJECTS,
           rule_ids=("DF1", "DF2")),
    Column("member_id", "Mã đảng viên", "id", "Mã đảng viên vi phạm; để trống khi đối tượng là tổ chức đảng."),
    Column("org_id", "Mã tổ chức", "id", "Mã tổ chức đảng vi phạm, hoặc chi bộ nơi đảng viên sinh hoạt.",
           required=True, rule_ids=("D2",)),
    Column("official", "Đảng viên chính thức", "bool", "Đảng viên chính thức (dự bị chỉ có khiển trách, cảnh cáo).",
           default=True, rule_ids=("DF1",)),
    Column("holds_post", "Có chức vụ", "bool", "Đảng viên giữ chức vụ (chỉ khi đó mới có hình thức cách chức).",
           default=False, rule_ids=("DF1",)),
    Column("violation_date", "Ngày vi phạm", "date",
           "Ngày xảy ra vi phạm (vi phạm kéo dài: ngày chấm dứt); mốc tính thời hiệu.", required=True,
           rule_ids=("DF2", "DF5")),
    Column("decision_date", "Ngày quyết định kỷ luật", "date",
           "Ngày công bố quyết định kỷ luật; để trống khi vụ việc đang xem xét.", rule_ids=("DF11", "R-M5")),
    Column("severity", "Mức độ hậu quả", "enum", "Mức độ hậu quả của vi phạm.", required=True, allowed=SEVERITIES,
           rule_ids=("DF10",)),
    Column("circumstances", "Tình tiết", "set", "Các tình tiết giảm nhẹ, tăng nặng có trong vụ việc.",
           allowed=CIRCUMSTANCES, default="", rule_ids=("DF8", "DF9")),
    Column("exempt_kind", "Loại vi phạm không áp dụng thời hiệu", "enum",
           "Vi phạm thuộc loại không áp dụng thời hiệu; để trống với vi phạm thông thường.", allowed=EXEMPT_KINDS,
           nullable=True, rule_ids=("DF3",)),
    Column("form", "Hình thức kỷ luật", "enum", "Hình thức đã quyết định; để trống khi vụ việc đang xem xét.",
           allowed=DISCIPLINE_FORMS, nullable=True, rule_ids=("DF1", "DF10")),
    Column("summary", "Tóm tắt vi phạm", "text", "Tóm tắt nội dung vi phạm (chữ tự do; bị bỏ khi ẩn danh hóa).",
           free_text=True),
)

INSPECTIONS = Table("inspections", "cuộc kiểm tra, giám sát", "inspection_id", _INSPECTION_COLUMNS)
DISCIPLINE_CASES = Table("discipline_cases", "vụ việc kỷ luật", "case_id", _DISCIPLINE_COLUMNS)
TABLES.update({t.name: t for t in (INSPECTIONS, DISCIPLINE_CASES)})
__all__ += ["INSPECTIONS", "DISCIPLINE_CASES", "INSPECTION_KINDS", "SUBJECTS", "DISCIPLINE_FORMS", "SEVERITIES",
            "EXEMPT_KINDS", "CIRCUMSTANCES"]


# Rule set qd366-2025 (QĐ 366-QĐ/TW, HD 43-HD/BTCTW; RULES.md N1–N17): the same tables where a column means the same
# thing, new columns for points in two parts, task counts, the cases of N7 and who is not rated (N9). The case slugs
# mirror rulesets/qd366-2025/rating.yaml (N7 cases); tests/rating/test_qd366_inputs.py checks they agree.
ROLE_KINDS = {"khong_chuc_vu": "Không giữ chức vụ lãnh đạo, quản lý (Phụ lục 4)",
              "lanh_dao_quan_ly": "Cán bộ lãnh đạo, quản lý (Phụ lục 2, 3)",
              "ngoai_he_thong": "Không làm việc trong hệ thống chính trị: nghỉ hưu, học sinh, doanh nghiệp tư nhân… "
                                "(Phụ lục 5)"}
KHT_CASES_MEMBER = {
    "suy_thoai": "Bị kết luận suy thoái, «tự diễn biến», «tự chuyển hóa»",
    "ky_luat_cong_vu": "Vi phạm trong thực thi công vụ, chức trách bị kỷ luật từ khiển trách trở lên",
    "vi_pham_dieu_cam": "Vi phạm những điều đảng viên không được làm",
    "vi_pham_neu_guong": "Vi phạm trách nhiệm nêu gương, ảnh hưởng uy tín của tổ chức",
    "don_vi_duoi_70": "(Lãnh đạo) Đơn vị lãnh đạo hoàn thành dưới 70% nhiệm vụ hoặc không đạt 5 chỉ tiêu cơ bản",
    "qua_nua_don_vi_kht": "(Lãnh đạo) Trên 50% đơn vị thuộc phạm vi lãnh đạo Không hoàn thành nhiệm vụ",
    "tin_nhiem_thap": "(Lãnh đạo) Trên 50% phiếu tín nhiệm thấp (nếu có lấy phiếu)",
    "tham_nhung_don_vi": "(Lãnh đạo) Để xảy ra tham nhũng, lãng phí, tiêu cực bị kỷ luật trong đơn vị",
}
KHT_CASES_ORG = {
    "sai_pham_cong_tac_can_bo": "Có kết luận sai phạm trong công tác cán bộ",
    "mat_doan_ket": "Có kết luận mất đoàn kết, cục bộ, bè phái",
    "chay_chuc_chay_quyen": "Có kết luận chạy chức, chạy quyền",
    "thanh_vien_ky_luat": "Thành viên tập thể lãnh đạo bị kỷ luật từ khiển trách trở lên do vi phạm gắn với công vụ",
    "thanh_vien_suy_thoai": "Thành viên tập thể lãnh đạo bị kết luận suy thoái",
    "don_vi_duoi_70": "Đơn vị lãnh đạo hoàn thành dưới 70% kế hoạch hoặc không đạt 5 chỉ tiêu cơ bản",
}


def _n(column: Column, description: str, rule_ids: tuple[str, ...]) -> Column:
    """A column of the hcm-2014 tables that means the same under qd366-2025, with the rules that read it there."""
    from dataclasses import replace

    return replace(column, description=description, rule_ids=rule_ids)


def _task_columns(whose: str) -> tuple[Column, ...]:
    return (
        Column("tasks_assigned", "Số nhiệm vụ được giao", "count",
               f"Số nhiệm vụ {whose} được giao trong năm (bắt buộc, từ 1).", required=True, minimum=0,
               rule_ids=("N3", "N5", "N6", "N7")),
        Column("tasks_done", "Số nhiệm vụ đã hoàn thành", "count",
               "Số nhiệm vụ đã hoàn thành (không quá số được giao); không hoàn thành = giao − hoàn thành.",
               required=True, minimum=0, rule_ids=("N6", "N7")),
        Column("tasks_on_time", "Số nhiệm vụ hoàn thành đúng tiến độ", "count",
               "Số nhiệm vụ hoàn thành đúng tiến độ, bảo đảm chất lượng, hiệu quả (không quá số đã hoàn thành); chậm "
               "tiến độ = hoàn thành − đúng tiến độ.", required=True, minimum=0, rule_ids=("N3", "N5", "N6")),
        Column("tasks_beyond", "Số nhiệm vụ vượt mức yêu cầu", "count",
               "Số nhiệm vụ hoàn thành vượt mức yêu cầu (không quá số đã hoàn thành).", default=0, minimum=0,
               rule_ids=("N3",)),
        Column("shortcomings_previous", "Số hạn chế, khuyết điểm kỳ trước", "count",
               "Số hạn chế, khuyết điểm được chỉ ra ở kỳ kiểm điểm trước.", default=0, minimum=0, rule_ids=("N3",)),
        Column("shortcomings_fixed", "Số hạn chế, khuyết điểm đã khắc phục", "count",
               "Số hạn chế, khuyết điểm kỳ trước đã được khắc phục (không quá số được chỉ ra).", default=0, minimum=0,
               rule_ids=("N3",)),
    )


_M = {c.name: c for c in _MEMBER_COLUMNS}
_O = {c.name: c for c in _ORG_COLUMNS}
_MEMBER_366_COLUMNS = (
    _n(_M["member_id"], _M["member_id"].description, ()),
    _n(_M["chi_bo_id"], "Mã chi bộ nơi đảng viên sinh hoạt chính thức (nơi được xếp loại, N11, N12).",
       ("N11", "N12", "N4")),
    _M["ho_ten"],
    _n(_M["official"], "Đảng viên chính thức (dự bị cũng được kiểm điểm, xếp loại).", ()),
    _n(_M["joined_on"], "Ngày kết nạp; đảng viên kết nạp chưa đủ 6 tháng đến ngày đánh giá thì chưa xếp loại.",
       ("N9",)),
    _n(_M["reviewed"], "Đã tham gia kiểm điểm; đã kiểm điểm thì phải xếp loại, chưa kiểm điểm thì chưa xếp loại.",
       ("N9",)),
    Column("exempt", "Miễn công tác và sinh hoạt đảng", "bool",
           "Đảng viên được miễn công tác và sinh hoạt đảng: không kiểm điểm, xếp loại.", default=False,
           rule_ids=("N9",)),
    Column("suspended", "Đình chỉ sinh hoạt đảng", "bool",
           "Đảng viên bị đình chỉ sinh hoạt đảng: không kiểm điểm, xếp loại.", default=False, rule_ids=("N9",)),
    Column("role_kind", "Nhóm đối tượng", "enum",
           "Khung tiêu chí của đảng viên: không giữ chức vụ, lãnh đạo quản lý, hay ngoài hệ thống chính trị.",
           default="khong_chuc_vu", allowed=ROLE_KINDS, rule_ids=("N1", "N3", "N5", "N7")),
    Column("points", "Tổng điểm", "number",
           "Tổng điểm tự chấm đã thẩm định, thang 100; để trống nếu ghi hai phần điểm.", minimum=0, maximum=100,
           rule_ids=("N1", "N3", "N5", "N6", "N7")),
    Column("points_common", "Điểm nhóm tiêu chí chung", "number", "Điểm nhóm tiêu chí chung, tối đa 30.",
           minimum=0, maximum=30, rule_ids=("N1",)),
    Column("points_tasks", "Điểm kết quả thực hiện nhiệm vụ", "number",
           "Điểm kết quả thực hiện nhiệm vụ, tối đa 70; tổng điểm phải bằng hai phần cộng lại.", minimum=0,
           maximum=70, rule_ids=("N1",)),
    *_task_columns("của đảng viên"),
    Column("kht_cases", "Trường hợp Không hoàn thành nhiệm vụ", "set",
           "Các trường hợp của N7 đã có kết luận, kỷ luật trong năm (N8: vi phạm năm trước nay mới kỷ luật thì tính "
           "năm nay); mã «(Lãnh đạo)» chỉ dùng cho cán bộ lãnh đạo, quản lý.", allowed=KHT_CASES_MEMBER, default="",
           rule_ids=("N7", "N8")),
    Column("led_units_all_done", "Đơn vị lãnh đạo hoàn thành 100% nhiệm vụ", "bool",
           "Chỉ với lãnh đạo, quản lý: cơ quan, đơn vị trực tiếp lãnh đạo, quản lý hoàn thành 100% nhiệm vụ.",
           default=False, rule_ids=("N3", "N5")),
    Column("led_units_beyond_30", "Đơn vị lãnh đạo vượt mức ít nhất 30%", "bool",
           "Chỉ với lãnh đạo, quản lý: ít nhất 30% nhiệm vụ của đơn vị trực tiếp lãnh đạo vượt mức yêu cầu.",
           default=False, rule_ids=("N3",)),
    Column("mitigation", "Tình tiết được xem xét", "bool",
           "Thừa nhận khuyết điểm, tự phát hiện vi phạm và khắc phục triệt để: cấp có thẩm quyền xem xét.",
           default=False, rule_ids=("N7",)),
    _n(_M["sick_leave_months"], "Số tháng nghỉ ốm trong năm (cộng dồn); không giới hạn mức (N10).", ("N10",)),
    _n(_M["maternity_leave"], "Nghỉ thai sản trong năm; xếp loại theo kết quả thực tế (N10).", ("N10",)),
    Column("peer_group", "Nhóm đối tượng tương đồng", "text",
           "Nhóm «có vị trí, vai trò, chức năng, nhiệm vụ tương đồng» để tính tỷ lệ (khi chọn n4_quota_group = "
           "peer_group).", rule_ids=("N4",)),
    Column("outstanding", "Nhóm có thành tích nổi trội", "bool",
           "Nhóm của đảng viên có thành tích nổi trội (với n4_quota_group = peer_group): tỷ lệ tối đa 25%.",
           default=False, rule_ids=("N4",)),
)
_ORG_366_COLUMNS = (
    _n(_O["org_id"], _O["org_id"].description, ()),
    _O["ten"],
    _n(_O["kind"], "Chi bộ hay đảng bộ.", ("N4", "N13")),
    _n(_O["parent_id"], "Mã đảng bộ cơ sở mà chi bộ trực thuộc; để trống với chi bộ cơ sở và đảng bộ cơ sở.",
       ("N4", "N13")),
    _n(_O["points"], "Tổng điểm của tập thể, thang 100, đã thẩm định (cách chia theo nhóm tiêu chí: cần xác nhận).",
       ("N1", "N3", "N5", "N6", "N7", "N14")),
    *_task_columns("của tập thể"),
    Column("subordinate_disciplined", "Có đơn vị cấp dưới bị kỷ luật", "bool",
           "Có tổ chức, đơn vị cấp dưới bị kỷ luật trong năm.", default=False, rule_ids=("N3",)),
    Column("leadership_disciplined", "Có thành viên tập thể lãnh đạo bị kỷ luật", "bool",
           "Có thành viên tập thể lãnh đạo bị kỷ luật trong năm.", default=False, rule_ids=("N3",)),
    Column("kht_cases", "Trường hợp Không hoàn thành nhiệm vụ", "set",
           "Các trường hợp của N7 đối với tập thể lãnh đạo đã có kết luận trong năm.", allowed=KHT_CASES_ORG,
           default="", rule_ids=("N7", "N8")),
    Column("mitigation", "Tình tiết được xem xét", "bool",
           "Bất khả kháng, hoặc tự phát hiện vi phạm và chủ động khắc phục: cấp có thẩm quyền xem xét.",
           default=False, rule_ids=("N7",)),
    Column("outstanding", "Có thành tích nổi trội", "bool",
           "Tổ chức, cơ quan, đơn vị có thành tích nổi trội: tỷ lệ Hoàn thành xuất sắc của nhóm nó tối đa 25%.",
           default=False, rule_ids=("N4",)),
    Column("peer_group", "Nhóm tổ chức tương đồng", "text",
           "Nhóm tổ chức tương đồng để tính tỷ lệ (khi chọn n4_org_quota_group = peer_group).", rule_ids=("N4",)),
)
MEMBERS_366 = Table("members_qd366", "đảng viên (qd366-2025)", "member_id", _MEMBER_366_COLUMNS)
ORGANISATIONS_366 = Table("organisations_qd366", "tổ chức đảng (qd366-2025)", "org_id", _ORG_366_COLUMNS)
# Kept apart from TABLES (the tables of a Case and of the shipped files): a qd366 table is the same file with more
# columns, read by the rating of that rule set; its data dictionary is MEMBERS_366.dictionary().
TABLES_QD366 = {t.name: t for t in (MEMBERS_366, ORGANISATIONS_366)}
__all__ += ["MEMBERS_366", "ORGANISATIONS_366", "TABLES_QD366", "ROLE_KINDS", "KHT_CASES_MEMBER", "KHT_CASES_ORG"]
