"""The shape of a dossier workbook (hồ sơ thẩm định), shared by the template writer and the reader.

One definition per rule set: which sheets, which columns (taken from ``kiemtra_lib.schema``, so the headers are the
data dictionary's Vietnamese labels), the two columns the dossier adds (the proposed level, the parts of the
self-score), and the levels a proposal may name. The template carries a hidden marker sheet naming the template and
its rule set, so that a workbook of another template, or of the other rule set, is recognised and refused by name.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..rules import get_ruleset
from ..schema import Column, Table

MARKER_SHEET = "_mau"
MARKER_NAME = "kiemtra-tham-dinh"
MARKER_VERSION = "1"
MEMBERS_SHEET = "Đảng viên"
ORGS_SHEET = "Tổ chức"
DATES_SHEET = "Ngày hồ sơ"
NOTES_SHEET = "Ghi chú"
LISTS_SHEET = "Danh mục"

PROPOSED = "proposed_level"
PROPOSED_LABEL = "Mức đề nghị"
PARTS = "points_parts"
PARTS_LABEL = "Điểm các phần"
NOT_RATED_TEXT = "Chưa phân loại lần này"

#: The dates sheet: one row per organisation whose dossier the team received (or one row for the whole workbook).
DATE_COLUMNS = (
    ("org_id", "Mã tổ chức", "Mã chi bộ hoặc đảng bộ của hồ sơ; để trống nếu cả tệp là một hồ sơ."),
    ("received", "Ngày nhận hồ sơ", "Ngày đoàn kiểm tra nhận hồ sơ (dd/mm/yyyy)."),
    ("working_day", "Ngày làm việc với đoàn", "Ngày đoàn làm việc trực tiếp với tổ chức đảng (dd/mm/yyyy)."),
)


@dataclass(frozen=True)
class Layout:
    """The workbook of one rule set: the schema tables it uses and the levels a proposal may name."""

    ruleset: str
    members: Table
    organisations: Table
    member_columns: tuple[Column, ...]
    org_columns: tuple[Column, ...]
    member_levels: tuple[tuple[str, str], ...]  # (code, Vietnamese label), highest first
    org_levels: tuple[tuple[str, str], ...]

    def proposal_labels(self, what: str) -> list[str]:
        levels = self.member_levels if what == "members" else self.org_levels
        return [label for _, label in levels] + ([NOT_RATED_TEXT] if what == "members" else [])


def fold(text: Any) -> str:
    """How headers and levels are compared: NFC (Excel may decompose Vietnamese), trimmed, case-folded."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold()


def _levels(enum_cls) -> tuple[tuple[str, str], ...]:
    return tuple((lv.value, lv.label) for lv in sorted(enum_cls, key=lambda lv: -lv.rank))


def supported_rulesets() -> list[str]:
    """The rule sets whose dossiers can be checked: those ``rating.rate_organisation`` rates."""
    from ..rules import available_rulesets

    return [name for name in available_rulesets() if _rating_works(name)]


def _rating_works(name: str) -> bool:
    """True when ``rating.rate_organisation`` rates under ``name`` (its dispatch table names an engine for it)."""
    if name == "hcm-2014":
        return True
    import importlib

    try:
        engines = importlib.import_module("kiemtra_lib.rating.dispatch").ENGINES
    except (ImportError, AttributeError):
        return False
    return name in engines and name in _TABLES


#: The input tables of each rule set (``kiemtra_lib.schema``): the columns of its template.
_TABLES = {"hcm-2014": ("MEMBERS", "ORGANISATIONS"), "qd366-2025": ("MEMBERS_366", "ORGANISATIONS_366")}


def layout(ruleset: Any) -> Layout:
    """The workbook layout of a rule set; an ``InputError`` for a rule set the check cannot use yet."""
    rs = get_ruleset(ruleset)
    if not _rating_works(rs.name):
        raise InputError("bộ quy tắc", rs.name, allowed=supported_rulesets(),
                         why="Thư viện chưa xếp loại được theo bộ quy tắc này nên chưa thẩm định được")
    from .. import rating, schema

    member_cls = rating.MemberLevel
    org_cls = rating.OrgLevel if rs.name == "hcm-2014" else member_cls  # QĐ 366 (N2): the same four levels
    members_table, orgs_table = (getattr(schema, n) for n in _TABLES[rs.name])
    return Layout(rs.name, members_table, orgs_table, tuple(members_table.columns), tuple(orgs_table.columns),
                  _levels(member_cls), _levels(org_cls))
