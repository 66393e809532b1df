"""Working days in Vietnam (RULES.md "Counting days").

Working days are Monday to Friday, less the Vietnamese public holidays, plus the weekend days an official swap makes
working days. All three come from the ``holidays`` package (its Vietnamese calendar cites the Labour Code and each
year's Prime Minister notice; the lunar dates are its tables): nothing here computes Tết.

The Prime Minister's notice for a year can come after, or differ from, the ``holidays`` release. So a
``WorkCalendar`` also takes an instructor's extra days off and extra worked days, each with the notice it comes
from, on top of ``holidays``; ``WorkCalendar.label()`` says which calendar a result used.

The package ships the year's official notices that ``holidays`` lacks (RULES.md "Calendar: official notices the
``holidays`` package lacks", ``kiemtra_lib/data/calendar_notices.yaml``), each with its source and status, and
``default_calendar()`` uses them; an instructor's own days go on top. ``label(first, last)`` names the notices whose
days fall in a span, marks those still to be confirmed «cần xác nhận», and says «ước tính» for the dates of a year
with no notice yet.

Scalar functions (``is_working_day``, ``add_working_days``, ``working_days_between``, ``add_days``,
``next_working_day``, ``previous_working_day``) step through days with ``holidays.is_working_day``; the ``*_series``
forms work on whole columns with numpy and give the same answers (a property test checks it).

>>> import datetime as dt
>>> add_working_days(dt.date(2026, 2, 13), 1)  # Friday before Tết 2026: the next working day is after Tết
datetime.date(2026, 2, 23)
>>> holiday_name(dt.date(2026, 2, 17))
'Tết Nguyên Đán'
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

import numpy as np

from .dates import DATE_HELP, MAX_DATE, MIN_DATE, as_date, fmt_date, is_missing
from .errors import InputError

__all__ = ["DayChange", "Notice", "WorkCalendar", "default_calendar", "make_calendar", "shipped_notices",
           "estimated_from_year", "holidays_only_calendar", "is_working_day",
           "add_working_days", "working_days_between", "add_days", "next_working_day", "previous_working_day",
           "holiday_name", "describe_day", "ROLLS", "is_working_day_series", "add_working_days_series",
           "working_days_between_series", "add_days_series"]

#: How ``add_days`` treats an end that is not a working day ("Counting days"): stay, next working day, previous one.
ROLLS = ("none", "forward", "backward")
_ROLL_LABELS = {"none": "giữ nguyên", "forward": "lùi sang ngày làm việc kế tiếp",
                "backward": "về ngày làm việc liền trước"}

WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


@dataclass(frozen=True)
class DayChange:
    """One day changed by a notice: off (``working=False``) or worked (``working=True``)."""

    day: dt.date
    working: bool
    notice: str
    name: str = ""

    def __str__(self) -> str:
        what = "làm việc" if self.working else "nghỉ"
        extra = f" ({self.name})" if self.name else ""
        return f"{fmt_date(self.day)} {what}{extra} theo {self.notice}"


_STATUS_MARK = {"confirmed": "", "to_be_confirmed": " (cần xác nhận)"}


@dataclass(frozen=True)
class Notice:
    """An official notice of days off and worked days, as the package ships it: source and status kept together."""

    key: str
    title: str
    source: str
    status: str
    year: int | None = None
    days: tuple[DayChange, ...] = ()
    status_note: str = ""

    def __str__(self) -> str:
        return f"{self.title} — {self.source}{_STATUS_MARK.get(self.status, ' (cần xác nhận)')}"


@functools.lru_cache(maxsize=1)
def _notice_data() -> tuple[tuple[Notice, ...], int | None]:
    from importlib import resources

    import yaml

    raw = yaml.safe_load((resources.files("kiemtra_lib") / "data" / "calendar_notices.yaml").read_text("utf-8"))
    notices = []
    for key, item in raw["notices"].items():
        if item["status"] not in _STATUS_MARK:
            raise ValueError(f"calendar notice {key}: status {item['status']!r}")
        days = [DayChange(as_date(d), False, item["source"], name) for d, name in (item.get("days_off") or {}).items()]
        days += [DayChange(as_date(d), True, item["source"], name) for d, name in (item.get("workdays") or {}).items()]
        notices.append(Notice(key=key, title=item["title"], source=item["source"], status=item["status"],
                              year=item.get("year"), days=tuple(sorted(days, key=lambda c: c.day)),
                              status_note=item.get("status_note", "")))
    return tuple(notices), raw.get("estimated_from_year")


def shipped_notices() -> tuple[Notice, ...]:
    """The notices shipped with the package (RULES.md calendar table), each with source and status."""
    return _notice_data()[0]


def estimated_from_year() -> int | None:
    """The first year with no official notice yet: its dates are ``holidays``' estimate («ước tính»)."""
    return _notice_data()[1]


@dataclass(frozen=True)
class WorkCalendar:
    """The Vietnamese working-day calendar of ``holidays``, with optional changes from notices.

    Build one with ``make_calendar``; ``default_calendar()`` is ``holidays`` with the shipped notices
    (``notices``), ``WorkCalendar()`` is ``holidays`` alone. An instructor's ``changes`` go on top of the notices:
    a day in both takes the instructor's value. The value is frozen; its ``holidays`` object (filled year by year,
    lazily) is private cache.
    """

    changes: tuple[DayChange, ...] = ()
    notices: tuple[Notice, ...] = ()
    estimated_from: int | None = None
    _hol: Any = field(default=None, compare=False, repr=False, hash=False)
    _by_day: Mapping[dt.date, DayChange] = field(default=None, compare=False, repr=False, hash=False)

    def __post_init__(self):
        import holidays

        object.__setattr__(self, "_hol", holidays.country_holidays("VN", language="vi"))
        by_day: dict[dt.date, DayChange] = {c.day: c for n in self.notices for c in n.days}
        own: set = set()
        for c in self.changes:
            if c.day in own:
                raise InputError("ngày thay đổi lịch", fmt_date(c.day),
                                 why="một ngày chỉ được khai báo một lần (nghỉ hoặc làm việc)")
            own.add(c.day)
            by_day[c.day] = c
        object.__setattr__(self, "_by_day", by_day)
        object.__setattr__(self, "_years", set())

    def _fill(self, year: int) -> None:
        # holidays fills one year at a time, lazily, and a swapped Saturday can sit in the next year's data
        # (27/12/2014 is in 2015's notice): fill the years on each side before asking about a day.
        if year not in self._years:
            for y in (year - 1, year, year + 1):
                self._hol.get(dt.date(y, 1, 1))
            self._years.add(year)

    # -- what a day is -------------------------------------------------------------------------------------------
    def is_working_day(self, d: Any) -> bool:
        d = as_date(d)
        change = self._by_day.get(d)
        if change is not None:
            return change.working
        # holidays: a weekend day is worked only when a swap lists it; a weekday is worked unless a holiday.
        self._fill(d.year)
        return self._hol.is_working_day(d)

    def holiday_name(self, d: Any) -> str | None:
        """The Vietnamese name of the holiday on ``d`` (``holidays``, or the notice that added it), else None."""
        d = as_date(d)
        change = self._own_change(d)
        if change is not None and not change.working:
            return change.name or f"Ngày nghỉ theo {change.notice}"
        if change is not None and change.working:
            return None
        self._fill(d.year)
        return self._hol.get(d)

    def describe_day(self, d: Any) -> str:
        """What kind of day ``d`` is, in Vietnamese, for explanations.

        >>> default_calendar().describe_day("22/08/2026")
        'Thứ Bảy 22/08/2026 (làm việc bù theo lịch nghỉ chính thức)'
        """
        d = as_date(d)
        self._fill(d.year)
        head = f"{WEEKDAY_NAMES[d.weekday()]} {fmt_date(d)}"
        change = self._own_change(d)
        if change is not None:
            return f"{head} ({'làm việc' if change.working else 'nghỉ'} theo {change.notice})"
        name = self._hol.get(d)
        if name:
            return f"{head} (nghỉ: {name})"
        if d.weekday() >= 5:
            if self._hol.is_working_day(d):
                return f"{head} (làm việc bù theo lịch nghỉ chính thức)"
            return f"{head} (nghỉ cuối tuần)"
        return head

    def _own_change(self, d: dt.date) -> DayChange | None:
        """The change of ``d`` where it differs from ``holidays`` or is the instructor's; a shipped notice that
        ``holidays`` already carries keeps ``holidays``' name and description."""
        change = self._by_day.get(d)
        if change is None or change in self.changes:
            return change
        self._fill(d.year)
        return None if self._hol.is_working_day(d) == change.working else change

    # -- scalar arithmetic ----------------------------------------------------------------------------------------
    def next_working_day(self, d: Any) -> dt.date:
        """``d`` itself when it is a working day, else the first working day after it."""
        d = as_date(d)
        while not self.is_working_day(d):
            d += dt.timedelta(days=1)
        return d

    def previous_working_day(self, d: Any) -> dt.date:
        """``d`` itself when it is a working day, else the last working day before it."""
        d = as_date(d)
        while not self.is_working_day(d):
            d -= dt.timedelta(days=1)
        return d

    def add_working_days(self, d: Any, n: int) -> dt.date:
        """The ``n``-th working day after ``d`` (``d`` not counted); before ``d`` when ``n`` is negative."""
        d, n = as_date(d), _as_int(n, "số ngày làm việc")
        step = dt.timedelta(days=1 if n >= 0 else -1)
        left = abs(n)
        while left:
            d += step
            if self.is_working_day(d):
                left -= 1
        return d

    def working_days_between(self, start: Any, end: Any) -> int:
        """Working days after ``start`` up to and including ``end``; negative when ``end`` is before ``start``."""
        start, end = as_date(start, "ngày bắt đầu"), as_date(end, "ngày kết thúc")
        sign = 1
        if end < start:
            start, end, sign = end, start, -1
        days = (end - start).days
        return sign * sum(self.is_working_day(start + dt.timedelta(days=k)) for k in range(1, days + 1))

    def add_days(self, d: Any, n: int, roll: str = "none") -> dt.date:
        """``d`` plus ``n`` calendar days; ``roll`` moves an end that is not a working day (``ROLLS``)."""
        d, n = as_date(d), _as_int(n, "số ngày")
        _check_roll(roll)
        end = d + dt.timedelta(days=n)
        if roll == "forward":
            return self.next_working_day(end)
        if roll == "backward":
            return self.previous_working_day(end)
        return end

    # -- whole columns ----------------------------------------------------------------------------------------------
    def working_days_array(self, first: Any, last: Any) -> np.ndarray:
        """Every working day from ``first`` to ``last`` (both included), sorted, as ``datetime64[D]``.

        A swapped weekend day can sit in the neighbouring year's data of ``holidays`` (27/12/2014 belongs to
        2015's notice), so the years on each side are filled before the sets are read.
        """
        first, last = np.datetime64(as_date(first), "D"), np.datetime64(as_date(last), "D")
        if last < first:
            return np.array([], dtype="datetime64[D]")
        days = _span_days(self, first, last)
        return days[_between(days, first, last)]

    def _year_days(self, y0: int, y1: int) -> np.ndarray:
        for year in range(y0, y1 + 1):
            self._fill(year)
        all_days = np.arange(np.datetime64(f"{y0:04d}-01-01"), np.datetime64(f"{y1 + 1:04d}-01-01"),
                             dtype="datetime64[D]")
        # 1970-01-01 was a Thursday: weekday = (days + 3) % 7, Monday = 0.
        weekday = (all_days.astype("int64") + 3) % 7
        off = np.array(sorted(self._hol.keys()), dtype="datetime64[D]")
        swapped = np.array(sorted(self._hol.weekend_workdays), dtype="datetime64[D]")
        working = np.where(weekday >= 5, np.isin(all_days, swapped), ~np.isin(all_days, off))
        for c in self._by_day.values():
            k = (np.datetime64(c.day, "D") - all_days[0]).astype(int)
            if 0 <= k < len(all_days):
                working[k] = c.working
        return all_days[working]

    def notices_used(self, first: Any = None, last: Any = None) -> tuple[Notice, ...]:
        """The shipped notices with a day from ``first`` to ``last`` (all of them without a span) that this
        calendar still takes from the notice (a day the instructor re-declared is theirs)."""
        lo = as_date(first) if first is not None else dt.date.min
        hi = as_date(last) if last is not None else dt.date.max
        return tuple(n for n in self.notices
                     if any(lo <= c.day <= hi and self._by_day.get(c.day) is c for c in n.days))

    def estimated_years(self, first: Any = None, last: Any = None) -> tuple[int, ...]:
        """The years of the span that have no official notice yet (their dates are ``holidays``' estimate)."""
        if self.estimated_from is None or first is None or last is None:
            return ()
        y0, y1 = sorted((as_date(first).year, as_date(last).year))
        return tuple(range(max(y0, self.estimated_from), y1 + 1))

    def label(self, first: Any = None, last: Any = None) -> str:
        """Which calendar this is, for results and chart captions.

        With a span (``first``, ``last``), only the notices whose days fall in it are named, and the years of it with
        no notice yet are said to be «ước tính»; without one, every notice the calendar holds.

        >>> default_calendar().label("01/01/2027", "31/03/2027").endswith(
        ...     "năm 2027: ước tính theo các ngày lễ cố định, chưa có thông báo chính thức")
        True
        """
        # Trainees read this line: the days off of the Labour Code and the notices, not the package's name.
        text = "Lịch ngày làm việc Việt Nam (ngày lễ, Tết theo Bộ luật Lao động 2019)"
        used = self.notices_used(first, last)
        if used:
            text += "; theo thông báo: " + "; ".join(str(n) for n in used)
        if self.changes:
            text += "; thay đổi theo thông báo: " + "; ".join(str(c) for c in self.changes)
        if first is None and last is None:
            if self.estimated_from is not None:
                text += f"; từ năm {self.estimated_from}: ước tính theo các ngày lễ cố định, chưa có thông báo chính thức"
        else:
            years = self.estimated_years(first, last)
            if years:
                text += (f"; năm {', '.join(map(str, years))}: ước tính theo các ngày lễ cố định, chưa có thông báo "
                         "chính thức")
        return text

    def __str__(self) -> str:
        return self.label()


@functools.lru_cache(maxsize=64)
def _working_days_cached(cal: WorkCalendar, y0: int, y1: int) -> np.ndarray:
    days = cal._year_days(y0, y1)
    days.setflags(write=False)
    return days


@functools.lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    """The calendar used by default: ``holidays`` with the notices shipped in the package (``shipped_notices``).

    >>> default_calendar().is_working_day("02/01/2026"), holidays_only_calendar().is_working_day("02/01/2026")
    (False, True)
    """
    return WorkCalendar(notices=shipped_notices(), estimated_from=estimated_from_year())


@functools.lru_cache(maxsize=1)
def holidays_only_calendar() -> WorkCalendar:
    """The calendar of ``holidays`` alone, without the shipped notices (to compare with ``default_calendar``)."""
    return WorkCalendar(estimated_from=estimated_from_year())


def make_calendar(days_off: Mapping[Any, str] | Iterable = (), workdays: Mapping[Any, str] | Iterable = (),
                  *, notices: bool = True) -> WorkCalendar:
    """A calendar with an instructor's extra days off and extra worked days, each with its notice, on top of the
    shipped notices (``notices=False``: on top of ``holidays`` alone).

    Each argument maps a date to the notice it comes from (``{"02/01/2026": "Thông báo 6150/TB-BNV"}``), or is a
    list of ``(date, notice)`` or ``(date, notice, name)``.

    >>> cal = make_calendar(days_off={"09/03/2026": "thông báo của Thủ tướng (ví dụ)"})
    >>> cal.is_working_day("09/03/2026"), default_calendar().is_working_day("09/03/2026")
    (False, True)
    """
    changes = [*_changes(days_off, working=False, field="ngày nghỉ thêm"),
               *_changes(workdays, working=True, field="ngày làm việc thêm")]
    return WorkCalendar(tuple(sorted(changes, key=lambda c: c.day)),
                        notices=shipped_notices() if notices else (), estimated_from=estimated_from_year())


def _changes(items, *, working: bool, field: str) -> list[DayChange]:
    if items is None:  # "no changes", as an empty list
        return []
    if isinstance(items, (str, bytes)) or not isinstance(items, (Mapping, Iterable)):
        raise InputError(field, items if isinstance(items, (str, int, float)) else type(items).__name__,
                         allowed="một dict {ngày: văn bản thông báo} hoặc một danh sách (ngày, văn bản thông báo)")
    rows = items.items() if isinstance(items, Mapping) else items
    out = []
    for row in rows:
        if isinstance(row, DayChange):
            out.append(row)
            continue
        if not isinstance(row, (tuple, list)) or len(row) not in (2, 3):
            raise InputError(field, row, allowed="(ngày, văn bản thông báo) hoặc (ngày, văn bản, tên ngày)")
        day, notice, *name = row
        notice = str(notice or "").strip()
        if not notice:
            raise InputError(f"{field}: văn bản thông báo", notice, why=f"ngày {day} cần nêu thông báo làm căn cứ")
        out.append(DayChange(as_date(day, field), working, notice, str(name[0]) if name else ""))
    return out


# No count of days between two dates of 1900-2100 (``kiemtra_lib.dates``) is larger: a bigger one is a slip.
MAX_DAYS = 80_000
_DAYS_HELP = f"một số nguyên từ -{MAX_DAYS:,} đến {MAX_DAYS:,}".replace(",", ".")


def _as_int(n: Any, field: str) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        if isinstance(n, float) and n.is_integer() and abs(n) <= MAX_DAYS:
            return int(n)
        raise InputError(field, n if isinstance(n, (int, float, str)) else type(n).__name__, allowed=_DAYS_HELP)
    if abs(int(n)) > MAX_DAYS:
        raise InputError(field, int(n), allowed=_DAYS_HELP)
    return int(n)


def _check_roll(roll: str) -> None:
    if roll not in ROLLS:
        raise InputError("cách dời ngày (roll)", roll, allowed=ROLLS)


def _cal(calendar: WorkCalendar | None) -> WorkCalendar:
    if calendar is None:
        return default_calendar()
    if not isinstance(calendar, WorkCalendar):
        raise InputError("lịch (calendar)", calendar, allowed="một WorkCalendar (make_calendar(...))")
    return calendar


# -- module-level scalar forms -------------------------------------------------------------------------------------
def is_working_day(d: Any, *, calendar: WorkCalendar | None = None) -> bool:
    """True on a working day.

    >>> is_working_day(dt.date(2025, 4, 26))  # Saturday worked in exchange for Friday 02/05/2025
    True
    >>> is_working_day(dt.date(2025, 5, 2))
    False
    """
    return _cal(calendar).is_working_day(d)


def add_working_days(d: Any, n: int, *, calendar: WorkCalendar | None = None) -> dt.date:
    """The ``n``-th working day after ``d``, ``d`` not counted ("Counting days").

    >>> add_working_days(dt.date(2025, 4, 25), 1)  # Friday → the swapped Saturday 26/04/2025
    datetime.date(2025, 4, 26)
    """
    return _cal(calendar).add_working_days(d, n)


def working_days_between(start: Any, end: Any, *, calendar: WorkCalendar | None = None) -> int:
    """Working days after ``start`` up to and including ``end``.

    >>> working_days_between(dt.date(2026, 2, 13), dt.date(2026, 2, 23))  # only Monday 23/02 after Tết
    1
    """
    return _cal(calendar).working_days_between(start, end)


def add_days(d: Any, n: int, roll: str = "none", *, calendar: WorkCalendar | None = None) -> dt.date:
    """``d`` + ``n`` calendar days; ``roll="forward"`` moves a non-working end to the next working day,
    ``roll="backward"`` to the last working day on or before it, ``"none"`` leaves it.

    >>> add_days(dt.date(2026, 2, 10), 5, roll="forward")  # 15/02/2026 is a Sunday in Tết → Monday 23/02
    datetime.date(2026, 2, 23)
    """
    return _cal(calendar).add_days(d, n, roll)


def next_working_day(d: Any, *, calendar: WorkCalendar | None = None) -> dt.date:
    """``d`` when it is a working day, else the first working day after it."""
    return _cal(calendar).next_working_day(d)


def previous_working_day(d: Any, *, calendar: WorkCalendar | None = None) -> dt.date:
    """``d`` when it is a working day, else the last working day before it."""
    return _cal(calendar).previous_working_day(d)


def holiday_name(d: Any, *, calendar: WorkCalendar | None = None) -> str | None:
    """Vietnamese name of the public holiday on ``d``, or None."""
    return _cal(calendar).holiday_name(d)


def describe_day(d: Any, *, calendar: WorkCalendar | None = None) -> str:
    """``"Thứ Bảy 28/02/2026 (nghỉ cuối tuần)"``: the weekday, the date and why it is (not) a working day."""
    return _cal(calendar).describe_day(d)


# -- vectorised forms ----------------------------------------------------------------------------------------------
def _to_days(values: Any, field: str) -> tuple[np.ndarray, Any]:
    """Dates as ``datetime64[D]`` (NaT kept) and the pandas index to give back, if the input was a Series."""
    import pandas as pd

    index = values.index if isinstance(values, pd.Series) else None
    if isinstance(values, np.ndarray) and values.dtype.kind == "M":
        return _days_in_range(values.astype("datetime64[D]"), field), None
    if isinstance(values, (str, bytes)) or not (isinstance(values, (pd.Series, np.ndarray)) or np.ndim(values) == 0
                                                or hasattr(values, "__iter__")):
        values = [values]
    try:
        series = values if isinstance(values, pd.Series) else pd.Series(list(values) if not np.ndim(values) == 0
                                                                         else [values], dtype=object)
    except Exception:
        raise InputError(field, type(values).__name__, allowed="một cột ngày") from None
    if series.dtype.kind == "M":
        return _days_in_range(series.to_numpy(dtype="datetime64[D]"), field), index
    # Empty cells stay NaT; every other cell must be a date of 1900-2100 (``as_date`` names the first bad one).
    arr = pd.to_datetime(pd.Series([pd.NaT if is_missing(v) else as_date(v, field) for v in series],
                                   dtype=object), errors="raise")
    return arr.to_numpy(dtype="datetime64[D]"), index


def _days_in_range(days: np.ndarray, field: str) -> np.ndarray:
    ok = ~np.isnat(days)
    if ok.any():
        lo, hi = days[ok].min(), days[ok].max()
        for bad in (lo, hi):
            if not np.datetime64(MIN_DATE, "D") <= bad <= np.datetime64(MAX_DATE, "D"):
                raise InputError(field, str(bad), allowed=DATE_HELP, why="Ngày nằm ngoài khoảng 1900–2100")
    return days


def _from_days(days: np.ndarray, index: Any, name: Any = None):
    import pandas as pd

    if index is None:
        return days
    return pd.Series(days.astype("datetime64[ns]"), index=index, name=name)


def _span_days(cal: WorkCalendar, lo: np.datetime64, hi: np.datetime64) -> np.ndarray:
    """The working days of every whole year from ``lo`` to ``hi``."""
    y0 = int(lo.astype("datetime64[Y]").astype(int)) + 1970
    y1 = int(hi.astype("datetime64[Y]").astype(int)) + 1970
    return _working_days_cached(cal, y0, y1)


def _between(days: np.ndarray, first: np.datetime64, last: np.datetime64) -> slice:
    return slice(np.searchsorted(days, first, side="left"), np.searchsorted(days, last, side="right"))


def _ints(n: Any, size: int) -> np.ndarray:
    try:
        arr = np.asarray(n)
    except Exception:
        arr = np.asarray([None])
    help_ = _DAYS_HELP + ", hoặc một cột các số như vậy"
    if arr.dtype.kind == "f" and np.all(np.isfinite(arr)) and np.all(arr == np.round(arr)):
        if arr.size and np.abs(arr).max() > MAX_DAYS:
            raise InputError("số ngày", float(np.abs(arr).max()), allowed=help_)
        arr = arr.astype("int64")
    if arr.dtype.kind not in "iu":
        raise InputError("số ngày", n if np.ndim(n) == 0 and isinstance(n, (int, float, str)) else type(n).__name__,
                         allowed=help_)
    # compared before any cast, so 2**63 in a uint64 column cannot wrap to a negative count
    if arr.size and (arr.max() > MAX_DAYS or (arr.dtype.kind == "i" and arr.min() < -MAX_DAYS)):
        raise InputError("số ngày", int(arr.max() if arr.max() > MAX_DAYS else arr.min()), allowed=help_)
    try:
        return np.broadcast_to(arr.astype("int64"), (size,))
    except ValueError:
        raise InputError("số ngày", f"{arr.size} giá trị", why=f"cần một số hoặc đúng {size} giá trị") from None


def is_working_day_series(dates: Any, *, calendar: WorkCalendar | None = None):
    """``is_working_day`` over a column (False where the date is missing)."""
    cal = _cal(calendar)
    days, index = _to_days(dates, "ngày")
    ok = ~np.isnat(days)
    out = np.zeros(len(days), dtype=bool)
    if ok.any():
        w = _span_days(cal, days[ok].min(), days[ok].max())
        pos = np.searchsorted(w, days[ok])
        out[ok] = (pos < len(w)) & (w[np.minimum(pos, len(w) - 1)] == days[ok])
    if index is None:
        return out
    import pandas as pd

    return pd.Series(out, index=index)


def add_working_days_series(dates: Any, n: Any, *, calendar: WorkCalendar | None = None):
    """``add_working_days`` over a column (``n`` a number or a column of numbers); NaT stays NaT.

    The working days of the whole span are one sorted array; each answer is one ``searchsorted`` away.

    >>> import pandas as pd
    >>> add_working_days_series(pd.Series(pd.to_datetime(["2025-04-25", "2026-02-13"])), 1).dt.date.tolist()
    [datetime.date(2025, 4, 26), datetime.date(2026, 2, 23)]
    """
    cal = _cal(calendar)
    days, index = _to_days(dates, "ngày")
    steps = _ints(n, len(days))
    out = np.full(len(days), np.datetime64("NaT"), dtype="datetime64[D]")
    ok = ~np.isnat(days)
    if ok.any():
        d, k = days[ok], steps[ok]
        # ~245 working days a year: 2 calendar days per working day plus 40 days covers any Tết; widen if not.
        pad = np.timedelta64(int(2 * np.abs(k).max()) + 40, "D")
        # never past the years 1900-2100 (and one on each side): an answer beyond them is refused below
        floor, ceiling = np.datetime64("1899-01-01", "D"), np.datetime64("2101-12-31", "D")
        while True:
            lo, hi = max(d.min() - pad, floor), min(d.max() + pad, ceiling)
            w = _span_days(cal, lo, hi)
            right = np.searchsorted(w, d, side="right")  # working days on or before d
            left = np.searchsorted(w, d, side="left")    # working days before d
            pos = np.where(k > 0, right + k - 1, left + k)
            if pos.min() >= 0 and pos.max() < len(w):
                break
            if lo == floor and hi == ceiling:
                raise InputError("số ngày làm việc", int(k[np.argmax(np.abs(k))]),
                                 why="Kết quả rơi ra ngoài khoảng 1900–2100")
            pad *= 2
        _days_in_range(w[pos], "kết quả")
        out[ok] = np.where(k == 0, d, w[pos])
    return _from_days(out, index)


def working_days_between_series(start: Any, end: Any, *, calendar: WorkCalendar | None = None):
    """``working_days_between`` over two columns; -1 where a date is missing."""
    cal = _cal(calendar)
    s, index = _to_days(start, "ngày bắt đầu")
    e, _ = _to_days(end, "ngày kết thúc")
    if len(e) != len(s):
        raise InputError("ngày kết thúc", f"{len(e)} dòng", why=f"cần cùng số dòng với ngày bắt đầu ({len(s)})")
    out = np.full(len(s), -1, dtype="int64")
    ok = ~np.isnat(s) & ~np.isnat(e)
    if ok.any():
        lo, hi = min(s[ok].min(), e[ok].min()), max(s[ok].max(), e[ok].max())
        w = _span_days(cal, lo, hi)
        out[ok] = np.searchsorted(w, e[ok], side="right") - np.searchsorted(w, s[ok], side="right")
    if index is None:
        return out
    import pandas as pd

    return pd.Series(out, index=index)


def add_days_series(dates: Any, n: Any, roll: str = "none", *, calendar: WorkCalendar | None = None):
    """``add_days`` over a column; NaT stays NaT."""
    cal = _cal(calendar)
    _check_roll(roll)
    days, index = _to_days(dates, "ngày")
    end = days + _ints(n, len(days)).astype("timedelta64[D]")
    _days_in_range(end, "kết quả (ngày cộng số ngày)")
    ok = ~np.isnat(end)
    if roll != "none" and ok.any():
        pad = np.timedelta64(40, "D")
        w = _span_days(cal, end[ok].min() - pad, end[ok].max() + pad)
        if roll == "forward":
            end[ok] = w[np.searchsorted(w, end[ok], side="left")]
        else:
            end[ok] = w[np.searchsorted(w, end[ok], side="right") - 1]
    return _from_days(end, index)
