"""The values the rating returns: ordered levels, a frozen ``Decision`` per member or organisation, and a
``RatingResult`` holding whole tables. Labels are written exactly as seed 004 §IV.2 writes them."""

from __future__ import annotations

import datetime as dt
import enum
import html
from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np
import pandas as pd

from ..dates import fmt_date
from ..errors import InputError
from ..rules import DEFAULT_RULESET, Reason
from ..render import card
from ..vocabulary import RATING_FLAGS

__all__ = ["MemberLevel", "OrgLevel", "Decision", "RatingResult", "FLAGS", "NOT_RATED_LABEL", "NEW_VOTE_LABEL"]

#: What people must still decide (RULES.md R-M2, R-M10, R-O1): flag -> what the Vietnamese page says.
FLAGS = RATING_FLAGS  # kiemtra_lib.vocabulary: the one table of flags
NOT_RATED_LABEL = "Chưa phân loại lần này"
NEW_VOTE_LABEL = "Chưa đủ phiếu cho mức nào, cần bỏ phiếu lại"


class _Level(enum.Enum):
    """An ordered level: compare within one kind only (a member level is never compared with an organisation's)."""

    def __new__(cls, slug: str, rank: int, label: str):
        obj = object.__new__(cls)
        obj._value_ = slug
        obj.rank = rank
        obj.label = label
        return obj

    def _check(self, other: Any) -> None:
        if type(other) is not type(self):
            raise TypeError(f"cannot compare {type(self).__name__} with {type(other).__name__}")

    def __lt__(self, other):
        self._check(other)
        return self.rank < other.rank

    def __le__(self, other):
        self._check(other)
        return self.rank <= other.rank

    def __gt__(self, other):
        self._check(other)
        return self.rank > other.rank

    def __ge__(self, other):
        self._check(other)
        return self.rank >= other.rank

    def __hash__(self):
        return hash((type(self).__name__, self.value))

    @classmethod
    def from_rank(cls, rank: int):
        for level in cls:
            if level.rank == rank:
                return level
        return None

    @classmethod
    def parse(cls, value: Any):
        """A level from itself, its code ("HTT") or its Vietnamese label; ``None`` stays ``None``."""
        if value is None or isinstance(value, cls):
            return value
        for level in cls:
            if str(value).strip() in (level.value, level.label):
                return level
        raise InputError("mức xếp loại", value, allowed=[lv.value for lv in cls])


class MemberLevel(_Level):
    """Party member levels, highest first (004 §IV.2.2)."""

    HTXS = ("HTXS", 4, "Hoàn thành xuất sắc nhiệm vụ")
    HTT = ("HTT", 3, "Hoàn thành tốt nhiệm vụ")
    HT = ("HT", 2, "Hoàn thành nhiệm vụ")
    KHT = ("KHT", 1, "Không hoàn thành nhiệm vụ")


class OrgLevel(_Level):
    """Grassroots party organisation levels, highest first (004 §IV.2.1)."""

    TSVM = ("TSVM", 4, "Trong sạch vững mạnh")
    HTT = ("HTT", 3, "Hoàn thành tốt nhiệm vụ")
    HT = ("HT", 2, "Hoàn thành nhiệm vụ")
    YEU_KEM = ("YEU_KEM", 1, "Yếu kém")


def _level_label(level: "_Level | None", flags: tuple[str, ...]) -> str:
    if level is not None:
        return level.label
    return NEW_VOTE_LABEL if "can_bo_phieu_lai" in flags else NOT_RATED_LABEL


@dataclass(frozen=True)
class Decision:
    """One rating: the level (``None``: not rated this time, or awaiting a new vote), its Vietnamese label, the
    reasons (rule id, text, source clause), the flags for what the chi bộ or committee must still decide, and the
    rule set used."""

    level: MemberLevel | OrgLevel | None
    reasons: tuple[Reason, ...]
    flags: tuple[str, ...] = ()
    ruleset: str = DEFAULT_RULESET
    ruleset_label: str = ""
    subject: str = ""
    label: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", _level_label(self.level, self.flags))

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.rule_id for r in self.reasons))

    def __str__(self) -> str:
        head = f"{self.subject}: {self.label}." if self.subject else f"{self.label}."
        lines = [head, *(f"- {r}" for r in self.reasons)]
        lines += [f"Lưu ý: {FLAGS.get(f, f)}." for f in self.flags]
        if self.ruleset_label:
            lines.append(f"(Theo {self.ruleset_label}.)")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        title = f"{self.subject}: {self.label}" if self.subject else self.label
        return card(title, self.reasons, flags=self.flags, flags_title="Cần quyết định",
                    foot=f"Theo {self.ruleset_label}." if self.ruleset_label else "", css_class="kiemtra-xep-loai")


@dataclass(frozen=True)
class _Detail:
    """The reasons of a whole table, kept as columns: one (rule id, text) pair of arrays per reason slot."""

    slots: tuple[tuple[np.ndarray, np.ndarray], ...]

    def reasons(self, i: int, rs) -> tuple[Reason, ...]:
        out = []
        for rids, texts in self.slots:
            rid = rids[i]
            if rid is not None:
                out.append(rs.reason(rid, texts[i]))
        return tuple(out)


def _id_text(value: Any, key: str) -> str:
    """An id as the tables hold it (text); a whole number is read as its digits, anything else is refused."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return str(int(value))
    raise InputError(key, type(value).__name__, allowed="một mã (chuỗi)")


@dataclass(frozen=True, eq=False)
class RatingResult:
    """The rating of a đảng bộ or chi bộ: ``members`` and ``organisations`` tables with ``level``, ``label``,
    ``rule_ids``, ``reasons`` (Vietnamese sentences, one per line, each citing rule id and clause) and ``flags``;
    ``notes`` say what the result is (R-O7: a proposal, the upper standing committee decides)."""

    members: pd.DataFrame
    organisations: pd.DataFrame
    ruleset: str
    ruleset_label: str
    review_date: dt.date
    notes: tuple[Reason, ...] = ()
    _member_detail: _Detail | None = field(default=None, repr=False)
    _org_detail: _Detail | None = field(default=None, repr=False)
    _rs: Any = field(default=None, repr=False)
    _inputs: Mapping[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    def _decision(self, table: pd.DataFrame, key: str, value: str, detail: _Detail, enum_cls, what: str):
        value = _id_text(value, key)
        hits = np.flatnonzero((table[key] == value).to_numpy())
        if len(hits) == 0:
            raise InputError(key, value, why=f"Không có {what} này trong kết quả")
        i = int(hits[0])
        row = table.iloc[i]
        return Decision(level=enum_cls.parse(row["level"]), reasons=detail.reasons(i, self._rs),
                        flags=tuple(row["flags"]), ruleset=self.ruleset, ruleset_label=self.ruleset_label,
                        subject=f"{what.capitalize()} {value}")

    def member(self, member_id: str) -> Decision:
        return self._decision(self.members, "member_id", member_id, self._member_detail, MemberLevel, "đảng viên")

    def organisation(self, org_id: str) -> Decision:
        org_id = _id_text(org_id, "org_id")
        kind = self.organisations.loc[self.organisations["org_id"] == org_id, "kind"]
        what = "đảng bộ" if len(kind) and kind.iloc[0] == "dang_bo" else "chi bộ"
        return self._decision(self.organisations, "org_id", org_id, self._org_detail, OrgLevel, what)

    def summary(self) -> pd.DataFrame:
        """Members per level in each chi bộ (columns in the order of the levels, Vietnamese labels)."""
        order = [lv.label for lv in MemberLevel] + [NEW_VOTE_LABEL, NOT_RATED_LABEL]
        table = pd.crosstab(self.members["chi_bo_id"], self.members["label"])
        return table.reindex(columns=[c for c in order if c in table.columns], fill_value=0)

    def __str__(self) -> str:
        counts = self.members["label"].value_counts()
        orgs = "; ".join(f"{r.org_id}: {r.label}" for r in self.organisations.itertuples())
        lines = [f"Xếp loại ngày {fmt_date(self.review_date)} ({self.ruleset_label})",
                 "Tổ chức: " + orgs,
                 "Đảng viên: " + ", ".join(f"{k} {v}" for k, v in counts.items())]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        cols = ["org_id", "kind", "points", "label", "flags"]
        org_html = self.organisations[cols].to_html(index=False, escape=True)
        summary = self.summary().to_html(escape=True)
        note = "".join(f"<p><small>{html.escape(str(n))}</small></p>" for n in self.notes)
        return (f"<div><p><b>Xếp loại ngày {fmt_date(self.review_date)}</b> — "
                f"{html.escape(self.ruleset_label)}</p>{org_html}{summary}{note}</div>")


#: The id a member given without one is shown under ("Đảng viên", not "Đảng viên (không mã)").
NO_MEMBER_ID = "(không mã)"


def one_member_row(member: Any) -> dict:
    """One member (dict, Series or one-row table) as a row dict, for the single-row API of every rule set."""
    if isinstance(member, pd.DataFrame):
        if len(member) != 1:
            raise InputError("member", f"{len(member)} dòng", allowed="một đảng viên (một dòng)")
        row = member.iloc[0].to_dict()
    elif isinstance(member, (Mapping, pd.Series)):
        row = dict(member)
    else:
        raise InputError("member", type(member).__name__, allowed="một dict, một pandas.Series hoặc bảng một dòng")
    row.setdefault("member_id", NO_MEMBER_ID)
    row.setdefault("chi_bo_id", "(chi bộ)")
    return row
