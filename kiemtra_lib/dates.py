"""Reading and showing dates: input may be a date, a datetime, ``dd/mm/yyyy`` or ISO ``yyyy-mm-dd``;
output is always ``dd/mm/yyyy``.

Every date the library takes lies between ``MIN_DATE`` and ``MAX_DATE`` (01/01/1900 to 31/12/2100): no party
document of the course is dated outside them, and a date such as 01/01/1025 or 9999 is a typing slip, which would
otherwise overflow the day arithmetic (pandas stops at 2262). An empty value (``None``, ``NaT``, ``NaN``) is not a
date: where a date may be left out, the caller says so before calling ``as_date``.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from .errors import InputError

__all__ = ["as_date", "fmt_date", "is_missing", "DATE_HELP", "MIN_DATE", "MAX_DATE", "YEAR_HELP", "as_year"]

MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)
DATE_HELP = "một ngày có thật từ 01/01/1900 đến 31/12/2100, dạng dd/mm/yyyy hoặc yyyy-mm-dd"
YEAR_HELP = "một năm (số nguyên) từ 1900 đến 2100"


def is_missing(value: Any) -> bool:
    """``None``, ``NaN``, ``pd.NaT``, ``numpy.datetime64('NaT')`` or a blank string: a value left out."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    name = type(value).__name__
    if name == "NaTType":
        return True
    if name in ("datetime64", "timedelta64", "float64", "float32", "float16"):
        try:
            return bool(value != value)  # NaT and NaN are the values not equal to themselves
        except Exception:
            return False
    return False


def _in_range(d: dt.date, value: Any, field: str, row: Any) -> dt.date:
    if not (MIN_DATE <= d <= MAX_DATE):
        raise InputError(field, value, allowed=DATE_HELP, row=row,
                         why="Ngày nằm ngoài khoảng 1900–2100 (có thể gõ nhầm năm)")
    return d


def as_date(value: Any, field: str = "ngày", *, row: Any = None) -> dt.date:
    """Return ``value`` as a ``datetime.date`` or raise ``InputError`` naming ``field``.

    >>> as_date("05/02/2026")
    datetime.date(2026, 2, 5)
    >>> as_date("2026-02-05")
    datetime.date(2026, 2, 5)
    >>> as_date("01/01/9999")
    Traceback (most recent call last):
    ...
    kiemtra_lib.errors.InputError: Giá trị không hợp lệ ở trường «ngày»: «01/01/9999». Ngày nằm ngoài khoảng 1900–2100 (có thể gõ nhầm năm). Giá trị cho phép: một ngày có thật từ 01/01/1900 đến 31/12/2100, dạng dd/mm/yyyy hoặc yyyy-mm-dd.
    """
    if is_missing(value):
        raise InputError(field, "(trống)" if not isinstance(value, str) else value, allowed=DATE_HELP, row=row,
                         why="Cần một ngày, không được để trống")
    if isinstance(value, dt.date):  # a datetime too
        day = value.date() if isinstance(value, dt.datetime) else value
        return _in_range(day, day.strftime("%d/%m/%Y"), field, row)
    if type(value).__name__ == "datetime64":
        # numpy dates: through datetime64[D], whose .item() is a date (or an int outside Python's years 1-9999)
        day = value.astype("datetime64[D]").item()
        if isinstance(day, dt.date):
            return _in_range(day, str(value), field, row)
        raise InputError(field, str(value), allowed=DATE_HELP, row=row)
    # pandas.Timestamp without importing pandas here
    to_pydate = getattr(value, "date", None)
    if callable(to_pydate) and hasattr(value, "year") and hasattr(value, "month"):
        try:
            day = to_pydate()
        except Exception:
            raise InputError(field, str(value), allowed=DATE_HELP, row=row) from None
        if isinstance(day, dt.date):
            return _in_range(day, str(value), field, row)
    if isinstance(value, str):
        text = value.strip()
        for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
            try:
                day = dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
            return _in_range(day, value, field, row)  # outside the try: InputError is a ValueError
    raise InputError(field, value if isinstance(value, str) else _shown(value), allowed=DATE_HELP, row=row)


def _shown(value: Any) -> Any:
    """What a message shows for a non-date value: itself if it is simple, else its type."""
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    return type(value).__name__


def as_year(value: Any, field: str = "năm") -> int:
    """A year between 1900 and 2100 as an ``int`` (a whole float such as ``2026.0`` is accepted)."""
    if isinstance(value, bool) or is_missing(value):
        raise InputError(field, _shown(value), allowed=YEAR_HELP)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) == 4:
        value = int(value.strip())
    if type(value).__name__.startswith(("int", "uint")) and not isinstance(value, int):
        value = int(value)  # numpy integers
    if not isinstance(value, int) or not (MIN_DATE.year <= value <= MAX_DATE.year):
        raise InputError(field, value if isinstance(value, (int, str)) else _shown(value), allowed=YEAR_HELP)
    return value


def fmt_date(value: Any) -> str:
    """``dd/mm/yyyy``, the way every date is shown to users.

    >>> fmt_date(dt.date(2026, 2, 5))
    '05/02/2026'
    """
    return as_date(value).strftime("%d/%m/%Y")
