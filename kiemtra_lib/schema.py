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

from .dates import DATE_HELP
from .errors import InputError, Problem

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

_TRUE = {"true", "1", "1.0", "x", "có", "co", "c", "yes", "y", "đúng", "dung", "t"}
_FALSE = {"false", "0", "0.0", "không", "khong", "k", "no", "n", "sai", "f", ""}
_BOOL_HELP = "có/không (True/False, 1/0, x hoặc để trống)"


def _norm_text(s: pd.Series) -> pd.Series:
    """Strings as users type them: NFC (Vietnamese can come decomposed from Excel), trimmed."""
    out = s.astype("object").where(s.notna(), None)
    return out.map(lambda v: unicodedata.normalize("NFC", str(v)).strip() if v is not None else None)


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
            lo = "" if self.minimum is None else f"từ {self.minimum:g}"
            hi = "" if self.maximum is None else f" đến {self.maximum:g}"
            unit = "số nguyên" if self.kind == "count" else "số"
            return f"{unit} {lo}{hi}".strip()
        return "một chuỗi không rỗng" if self.required else "chuỗi, có thể để trống"

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
        df = data.copy() if isinstance(data, pd.DataFrame) else pd.DataFrame(list(data))
        df = df.rename(columns={c: self.aliases().get(_fold(str(c)), c) for c in df.columns})
        df = df.reset_index(drop=True)
        rows = pd.Series(np.arange(len(df)) + row_base)
        problems: list[Problem] = []
        missing = [c.name for c in self.columns if c.required and c.name not in df.columns]
        if missing:
            raise InputError.many(Problem(name, "(thiếu cột)", why=f"Bảng {self.label} phải có cột «{name}» hoặc"
                                          f" «{self.column(name).label}»") for name in missing)
        keys = _norm_text(df[self.key]) if self.key in df.columns else None
        for c in self.columns:
            raw = df[c.name] if c.name in df.columns else None
            if raw is None:
                df[c.name] = _default_series(c, len(df))
                continue
            values, bad = _coerce(c, raw)
            df[c.name] = values
            for i in np.flatnonzero(bad.to_numpy()):
                row = f"{rows.iloc[i]}" + (f" ({keys.iloc[i]})" if keys is not None and keys.iloc[i] else "")
                problems.append(Problem(c.name, _display(raw.iloc[i]), allowed=c.allowed_text(), row=row))
        if keys is not None:
            dup = keys.duplicated(keep="first") & keys.notna()
            for i in np.flatnonzero(dup.to_numpy()):
                problems.append(Problem(self.key, keys.iloc[i], row=f"{rows.iloc[i]}",
                                        why="Mã này đã xuất hiện ở một dòng trước"))
        if problems:
            problems.sort(key=lambda p: (int(str(p.row).split()[0]), p.field))
            raise InputError.many(problems)
        return df


def _display(v: Any) -> Any:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return "(trống)"
    return v.item() if isinstance(v, np.generic) else v


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


def _blank(s: pd.Series) -> pd.Series:
    return s.isna() | (s.astype("object").map(lambda v: isinstance(v, str) and not v.strip()))


def _coerce(c: Column, raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(normalised values, mask of bad rows) for one column."""
    blank = _blank(raw)
    if c.kind in ("id", "text"):
        text = _norm_text(raw)
        bad = blank if c.required else pd.Series(False, index=raw.index)
        return text.where(~blank, None if not c.required else text), bad
    if c.kind == "bool":
        if raw.dtype == bool:
            return raw.astype(bool), pd.Series(False, index=raw.index)
        folded = raw.astype("object").map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v))
                                          else _fold(str(v)))
        is_true, is_false = folded.isin(_TRUE), folded.isin(_FALSE)
        return is_true.astype(bool), ~(is_true | is_false)
    if c.kind in ("count", "number"):
        num = pd.to_numeric(raw.where(~blank), errors="coerce")
        bad = num.isna() & ~blank
        if c.kind == "count":
            bad |= num.notna() & (num != np.floor(num.fillna(0)))
        if c.minimum is not None:
            bad |= num < c.minimum
        if c.maximum is not None:
            bad |= num > c.maximum
        if c.required:
            bad |= blank
        filled = num.fillna(c.default if c.default is not None else 0).where(~bad, 0)
        return (filled.astype("int64") if c.kind == "count" else filled.astype("float64")), bad
    if c.kind == "date":
        if pd.api.types.is_datetime64_any_dtype(raw):
            out = pd.to_datetime(raw).astype("datetime64[ns]")
            return out, (out.isna() if c.required else pd.Series(False, index=raw.index))
        text = raw.astype("object").map(lambda v: None if v is None or (isinstance(v, float) and np.isnan(v))
                                        else v)
        as_str = text.map(lambda v: v.isoformat() if hasattr(v, "isoformat") else (None if v is None else
                                                                                     str(v).strip()))
        out = pd.to_datetime(as_str, format="%d/%m/%Y", errors="coerce")
        iso = pd.to_datetime(as_str.str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
        out = out.fillna(iso).astype("datetime64[ns]")
        bad = out.isna() & ~blank
        if c.required:
            bad |= blank
        return out, bad
    if c.kind == "enum":
        lookup = {_fold(k): k for k in c.allowed} | {_fold(v): k for k, v in c.allowed.items()}
        folded = raw.astype("object").map(lambda v: None if v is None or (isinstance(v, float) and np.isnan(v))
                                          else _fold(str(v)))
        slug = folded.map(lambda v: lookup.get(v) if v else None)
        bad = slug.isna() & ~blank
        if not c.nullable:
            bad |= blank
        default = c.default if not c.required else None
        return slug.where(~blank, default).astype(object), bad
    if c.kind == "set":
        lookup = {_fold(k): k for k in c.allowed} | {_fold(v): k for k, v in c.allowed.items()}
        items = raw.astype("object").map(split_items)
        slugs = items.map(lambda xs: [lookup.get(_fold(x)) for x in xs])
        bad = slugs.map(lambda xs: any(x is None for x in xs))
        canon = slugs.map(lambda xs: ";".join(sorted(set(x for x in xs if x))))
        return canon.astype(object), bad.astype(bool)
    if c.kind == "ranks":
        items = raw.astype("object").map(split_items)

        def parse(xs: list[str]) -> str | None:
            try:
                ranks = [int(float(x)) for x in xs]
            except ValueError:
                return None
            if any(r < 1 or r > 4 for r in ranks):
                return None
            return ";".join(map(str, ranks))

        parsed = items.map(parse)
        return parsed.fillna("").astype(object), parsed.isna()
    raise AssertionError(c.kind)


_MEMBER_COLUMNS = (
    Column("member_id", "Mã đảng viên", "id", "Mã định danh đảng viên, duy nhất trong bảng.", required=True),
    Column("chi_bo_id", "Mã chi bộ", "id", "Mã chi bộ nơi đảng viên sinh hoạt (mỗi đảng viên thuộc đúng một chi bộ).",
           required=True, rule_ids=("R-M9", "R-M2")),
    Column("ho_ten", "Họ và tên", "text", "Họ và tên (dữ liệu tổng hợp; bị thay bằng bí danh khi ẩn danh hoá).",
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
