"""What every timeline answer is made of: a ``Deadline`` (a date with its reasons), a ``Check`` (is this date
allowed?), the inspection levels of T3 and the HTML of a list of reasons."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable

from ..dates import fmt_date
from ..errors import InputError
from ..render import card
from ..rules import Reason

__all__ = ["LEVELS", "Deadline", "Check"]

#: Levels of T3 and their Vietnamese labels (000 §I.2).
LEVELS = {"trung_uong": "Cấp Trung ương", "tinh": "Cấp tỉnh/thành", "co_so": "Cấp trực tiếp cơ sở"}
_LEVEL_ALIASES = {"trung uong": "trung_uong", "cap trung uong": "trung_uong", "tinh": "tinh", "cap tinh": "tinh",
                  "tinh/thanh": "tinh", "cap tinh/thanh": "tinh", "tinh thanh": "tinh", "co so": "co_so",
                  "cap co so": "co_so", "cap truc tiep co so": "co_so", "truc tiep co so": "co_so"}


_DAY_KIND = {"calendar": "ngày lịch", "working": "ngày làm việc"}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", str(text).strip().lower().replace("đ", "d"))
    return " ".join("".join(ch for ch in text if unicodedata.category(ch) != "Mn").replace("_", " ").split())


def _level(level: Any) -> str:
    if isinstance(level, str):
        if level in LEVELS:
            return level
        key = _fold(level)
        for slug, label in LEVELS.items():
            if key == _fold(label):
                return slug
        if key in _LEVEL_ALIASES:
            return _LEVEL_ALIASES[key]
    raise InputError("cấp kiểm tra", level, allowed=[f"{k} ({v})" for k, v in LEVELS.items()], rule_id="T3")


def _reasons_html(title: str, lines: Iterable[str], reasons: Iterable[Reason]) -> str:
    return card(title, reasons, lines=lines, css_class="kiemtra-thoi-han")


# -- a date with its reasons --------------------------------------------------------------------------------------
class Deadline(dt.date):
    """A date (compares and computes as a ``datetime.date``) that carries why it is that date.

    ``what`` says what the date is, ``unadjusted`` is the date before any move to a working day, ``reasons`` cite
    the rules, ``calendar_label`` names the calendar used.
    """

    def __new__(cls, day: dt.date, *, what: str, reasons: Iterable[Reason], unadjusted: dt.date | None = None,
                calendar_label: str = ""):
        self = super().__new__(cls, day.year, day.month, day.day)
        self.__dict__.update(what=what, reasons=tuple(reasons), unadjusted=unadjusted or dt.date(*day.timetuple()[:3]),
                             calendar_label=calendar_label)
        return self

    def __setattr__(self, name, value):
        raise AttributeError("Deadline is immutable")

    # Arithmetic gives plain dates: a day computed from a deadline does not carry the deadline's reasons.
    def __add__(self, other):
        return self.date + other

    __radd__ = __add__

    def __sub__(self, other):
        return self.date - (other.date if isinstance(other, Deadline) else other)

    def replace(self, *args, **kwargs) -> dt.date:
        return self.date.replace(*args, **kwargs)

    def __reduce__(self):
        return (_rebuild_deadline, (self.year, self.month, self.day, dict(self.__dict__)))

    @property
    def date(self) -> dt.date:
        return dt.date(self.year, self.month, self.day)

    @property
    def moved(self) -> bool:
        return self.unadjusted != self.date

    def explain(self) -> list[str]:
        lines = [f"{self.what}: {fmt_date(self)}."]
        lines += [str(r) for r in self.reasons]
        if self.calendar_label:
            lines.append(f"Lịch dùng: {self.calendar_label}.")
        return lines

    def __str__(self) -> str:
        return fmt_date(self)

    def _repr_html_(self) -> str:
        return _reasons_html(f"{self.what}: {fmt_date(self)}",
                             [f"Lịch dùng: {self.calendar_label}"] if self.calendar_label else [], self.reasons)


def _rebuild_deadline(y, m, d, attrs):
    return Deadline(dt.date(y, m, d), what=attrs["what"], reasons=attrs["reasons"], unadjusted=attrs["unadjusted"],
                    calendar_label=attrs["calendar_label"])


@dataclass(frozen=True)
class Check:
    """The answer to "is this date (or period) allowed?": ``ok``, a Vietnamese message, the reasons."""

    ok: bool
    message: str
    reasons: tuple[Reason, ...] = ()
    days_outside: int = 0

    def __bool__(self) -> bool:
        return self.ok

    def explain(self) -> list[str]:
        return [self.message, *(str(r) for r in self.reasons)]

    def __str__(self) -> str:
        return "\n".join(self.explain())

    def _repr_html_(self) -> str:
        return _reasons_html(("Đạt: " if self.ok else "Không đạt: ") + self.message, [], self.reasons)

