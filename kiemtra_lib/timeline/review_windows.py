"""T7, T8: the windows of the annual review (kiểm điểm) calendar and whether a date falls inside one."""

from __future__ import annotations

import calendar as _month
import datetime as dt
from typing import Any

import pandas as pd

from ..dates import as_date, as_year, fmt_date
from ..errors import InputError
from ..rules import RuleSet, get_ruleset
from ._common import Check

__all__ = ["RULES", "review_calendar", "check_review_date"]

#: The rule ids this module implements (tests/test_rule_declarations.py).
RULES = ("T7", "T8")


# -- T7, T8 -------------------------------------------------------------------------------------------------------
def review_calendar(year: int | None = None, *, ruleset: "str | RuleSet" = "hcm-2014"):
    """The annual review calendar as a table: T7's top-down windows for ``year`` (when given), then T8's dated
    windows of the 2014 plan with their tasks. Columns: ``quy_tac``, ``ma``, ``noi_dung``, ``tu_ngay``,
    ``den_ngay``."""

    rs = get_ruleset(ruleset)
    rows = []
    if year is not None:
        for key, (first, last, label) in _t7_windows(rs, as_year(year)).items():
            rows.append({"quy_tac": "T7", "ma": key, "noi_dung": label, "tu_ngay": first, "den_ngay": last})
    for key, w in rs.value("T8", "windows").items():
        rows.append({"quy_tac": "T8", "ma": key, "noi_dung": w["tasks"], "tu_ngay": w["first"],
                     "den_ngay": w["last"]})
    return pd.DataFrame(rows)


def _t7_windows(rs: RuleSet, year: int) -> dict[str, tuple[dt.date, dt.date, str]]:
    out = {}
    for key, w in rs.value("T7", "windows").items():
        first = dt.date(year, int(w["first_month"]), 1)
        last_month = int(w["last_month"])
        last = dt.date(year, last_month, _month.monthrange(year, last_month)[1])
        out[key] = (first, last, w["label"])
    return out


def check_review_date(d: Any, window: str, *, ruleset: "str | RuleSet" = "hcm-2014") -> Check:
    """Is ``d`` inside ``window``? ``window`` is a T7 group (``"ban_thuong_vu_thanh_uy"``, ``"cap_tren_co_so"``,
    ``"co_so_va_dang_vien"``: months of the same year), a T8 window of the 2014 plan (``"trien_khai"`` ...), or a
    T8 hard end (``"reviews_before"``, ``"report_before"``).

    >>> check_review_date("15/08/2012", "cap_tren_co_so").ok
    True
    """
    rs = get_ruleset(ruleset)
    day = as_date(d, "ngày")
    t7, t8 = rs.value("T7", "windows"), rs.value("T8", "windows")
    if not isinstance(window, str):  # a dict or a list is not a window's name (issue 17)
        raise InputError("đợt", type(window).__name__, allowed=[*t7, *t8, "reviews_before", "report_before"])
    if window in t7:
        first, last, label = _t7_windows(rs, day.year)[window]
        rule_id, text = "T7", f"{label} kiểm điểm từ {fmt_date(first)} đến {fmt_date(last)}"
    elif window in t8:
        first, last, label = t8[window]["first"], t8[window]["last"], t8[window]["tasks"]
        rule_id, text = "T8", f"Đợt {fmt_date(first)}–{fmt_date(last)}: {label}"
    elif window in ("reviews_before", "report_before"):
        end = rs.value("T8", window)
        inclusive = bool(rs.param("t8_before_inclusive"))
        first, last = dt.date.min, end if inclusive else end - dt.timedelta(days=1)
        what = "Hoàn thành kiểm điểm" if window == "reviews_before" else "Báo cáo cấp trên"
        rule_id = "T8"
        text = (f"{what} trước ngày {fmt_date(end)} "
                + ("(tính cả ngày đó)" if inclusive else f"(ngày cuối là {fmt_date(last)})"))
    else:
        raise InputError("đợt", window, allowed=[*t7, *t8, "reviews_before", "report_before"])
    if day < first:
        outside, where = (first - day).days, f"sớm {(first - day).days} ngày"
    elif day > last:
        outside, where = (day - last).days, f"muộn {(day - last).days} ngày"
    else:
        outside, where = 0, "trong thời hạn"
    message = f"Ngày {fmt_date(day)}: {where}."
    return Check(ok=outside == 0, message=message, days_outside=outside,
                 reasons=(rs.reason(rule_id, text + ".", fact=fmt_date(day)),))
