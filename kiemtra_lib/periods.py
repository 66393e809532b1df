"""Calendar periods counted in months and years (RULES.md "Counting days", Civil Code Art. 148).

"N months after a date" is the same day number N months later; where that month has no such day, its last day:
31/08 + 6 months = 28/02 (29/02 in a leap year). Years are 12 months. Working-day rolling is not done here:
it belongs to ``kiemtra_lib.calendar``.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from typing import Any

from .dates import as_date

__all__ = ["add_months", "add_years", "add_months_series"]


def add_months(d: Any, n: int) -> dt.date:
    """Same day number ``n`` months later, or that month's last day.

    >>> add_months(dt.date(2025, 8, 31), 6)
    datetime.date(2026, 2, 28)
    >>> add_months(dt.date(2027, 8, 31), 6)
    datetime.date(2028, 2, 29)
    """
    d = as_date(d)
    month_index = d.year * 12 + (d.month - 1) + int(n)
    year, month = divmod(month_index, 12)
    month += 1
    return dt.date(year, month, min(d.day, _cal.monthrange(year, month)[1]))


def add_years(d: Any, n: int) -> dt.date:
    """``n`` years later, same day and month (29/02 becomes 28/02 in a common year).

    >>> add_years(dt.date(2024, 2, 29), 5)
    datetime.date(2029, 2, 28)
    """
    return add_months(d, 12 * int(n))


def add_months_series(dates, n: int):
    """Vectorised ``add_months`` over a pandas Series of dates (NaT stays NaT); same result as the scalar form.

    pandas' ``DateOffset(months=n)`` clips to the month's last day exactly as Art. 148 does.
    """
    import pandas as pd

    s = pd.to_datetime(pd.Series(dates))
    return s + pd.DateOffset(months=int(n))
