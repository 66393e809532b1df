"""Reading and showing dates: input may be a date, a datetime, ``dd/mm/yyyy`` or ISO ``yyyy-mm-dd``;
output is always ``dd/mm/yyyy``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .errors import InputError

__all__ = ["as_date", "fmt_date", "DATE_HELP"]

DATE_HELP = "một ngày có thật, dạng dd/mm/yyyy hoặc yyyy-mm-dd"


def as_date(value: Any, field: str = "ngày", *, row: Any = None) -> dt.date:
    """Return ``value`` as a ``datetime.date`` or raise ``InputError`` naming ``field``.

    >>> as_date("05/02/2026")
    datetime.date(2026, 2, 5)
    >>> as_date("2026-02-05")
    datetime.date(2026, 2, 5)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    # pandas.Timestamp and numpy.datetime64 without importing them here
    to_pydate = getattr(value, "date", None)
    if callable(to_pydate) and hasattr(value, "year"):
        return to_pydate()
    if type(value).__name__ == "datetime64":
        import pandas as pd

        if not pd.isna(value):
            return pd.Timestamp(value).date()
    if isinstance(value, str):
        text = value.strip()
        for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    raise InputError(field, value, allowed=DATE_HELP, row=row)


def fmt_date(value: Any) -> str:
    """``dd/mm/yyyy``, the way every date is shown to users.

    >>> fmt_date(dt.date(2026, 2, 5))
    '05/02/2026'
    """
    return as_date(value).strftime("%d/%m/%Y")
