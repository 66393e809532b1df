"""Calendar periods counted in months and years (RULES.md "Counting days", Civil Code Art. 148).

"N months after a date" is the same day number N months later; where that month has no such day, its last day:
31/08 + 6 months = 28/02 (29/02 in a leap year). Years are 12 months. Working-day rolling is not done here:
it belongs to ``kiemtra_lib.calendar``.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from typing import Any

from .dates import MAX_DATE, MIN_DATE, as_date
from .errors import InputError

__all__ = ["add_months", "add_years", "add_months_series"]

_SPARE_YEARS = 100


def add_months(d: Any, n: int) -> dt.date:
    """Same day number ``n`` months later, or that month's last day.

    >>> add_months(dt.date(2025, 8, 31), 6)
    datetime.date(2026, 2, 28)
    >>> add_months(dt.date(2027, 8, 31), 6)
    datetime.date(2028, 2, 29)
    """
    d = as_date(d)
    month_index = d.year * 12 + (d.month - 1) + _months(n)
    year, month = divmod(month_index, 12)
    month += 1
    # The start is a date of 1900-2100 (``as_date``); the answer may pass 2100 a little (a term ending in 2105) but
    # a count of months that leaves the calendar altogether is a slip, refused before ``dt.date`` overflows.
    if not MIN_DATE.year - _SPARE_YEARS <= year <= MAX_DATE.year + _SPARE_YEARS:
        raise InputError("số tháng", n, allowed=f"một số nguyên; kết quả phải trong khoảng "
                         f"{MIN_DATE.year - _SPARE_YEARS}–{MAX_DATE.year + _SPARE_YEARS}",
                         why=f"{d.strftime('%d/%m/%Y')} cộng {n} tháng ra ngoài lịch")
    return dt.date(year, month, min(d.day, _cal.monthrange(year, month)[1]))


def _months(n: Any, field: str = "số tháng") -> int:
    """A whole number of months (a whole float such as ``6.0`` is accepted); never a silent truncation of 6.5."""
    if isinstance(n, bool):
        raise InputError(field, n, allowed="một số nguyên")
    if isinstance(n, float) and n.is_integer():
        return int(n)
    try:
        import operator

        return operator.index(n)  # int and numpy integers; refuses 6.5, "6", None
    except TypeError:
        raise InputError(field, n if isinstance(n, (int, float, str)) else type(n).__name__,
                         allowed="một số nguyên") from None


def add_years(d: Any, n: int) -> dt.date:
    """``n`` years later, same day and month (29/02 becomes 28/02 in a common year).

    >>> add_years(dt.date(2024, 2, 29), 5)
    datetime.date(2029, 2, 28)
    """
    return add_months(d, 12 * _months(n, "số năm"))


def add_months_series(dates, n: int):
    """Vectorised ``add_months`` over a pandas Series of dates (NaT stays NaT); same result as the scalar form.

    pandas' ``DateOffset(months=n)`` clips to the month's last day exactly as Art. 148 does.
    """
    import pandas as pd

    n = _months(n)
    if abs(n) > 12 * (MAX_DATE.year - MIN_DATE.year + _SPARE_YEARS):
        raise InputError("số tháng", n, allowed="một số nguyên", why="Kết quả ra ngoài lịch")
    from .calendar import _to_days

    days, index = _to_days(dates, "ngày")
    return pd.Series(days.astype("datetime64[ns]"), index=index) + pd.DateOffset(months=n)
