"""Is a discipline still being served on a review date? The one answer used by the rating and by the discipline code.

DF11 (Điều lệ Đảng Điều 39 khoản 6; QĐ 69-QĐ/TW khoản 5 Điều 2): a discipline takes effect when announced and ends
by itself 12 months after the announcement. R-M5 (004 §IV.2.2.d) makes a member serving a discipline "trong thời
hạn 1 năm" KHT. RULES.md decides the anniversary: on the same date 12 months later (Civil Code Art. 148: same day
number, or the month's last day) the member no longer serves it (rule-set parameter
``discipline_in_force_on_anniversary``). A discipline dated after the review date is an ``InputError``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from ..dates import as_date, fmt_date
from ..errors import InputError, Problem
from ..periods import add_months, add_months_series
from ..rules import RuleSet, get_ruleset

__all__ = ["RULES", "discipline_in_force", "discipline_in_force_series", "discipline_end_date"]

#: The rule ids this module implements (tests/test_rule_declarations.py).
RULES = ("DF11",)

_DATE_FIELD = "ngày công bố quyết định kỷ luật"
_REVIEW_FIELD = "ngày đánh giá"
_AFTER_REVIEW = "Kỷ luật công bố sau ngày đánh giá {review} thì chưa thể là kỷ luật đang chấp hành"


def _months(rs: RuleSet) -> int:
    return int(rs.value("DF11", "months"))


def discipline_end_date(discipline_date: Any, *, ruleset: "str | RuleSet" = "hcm-2014") -> dt.date:
    """The day a discipline ends by itself (DF11): 12 months after its announcement, Civil Code Art. 148.

    >>> discipline_end_date("29/02/2024")
    datetime.date(2025, 2, 28)
    """
    rs = get_ruleset(ruleset)
    return add_months(as_date(discipline_date, _DATE_FIELD), _months(rs))


def discipline_in_force(discipline_date: Any, review_date: Any, *, ruleset: "str | RuleSet" = "hcm-2014") -> bool:
    """True when the member is still serving the discipline announced on ``discipline_date`` at ``review_date``.

    >>> discipline_in_force("15/11/2025", "14/11/2026")
    True
    >>> discipline_in_force("15/11/2025", "15/11/2026")   # the anniversary: it ended by itself that day (DF11)
    False
    """
    rs = get_ruleset(ruleset)
    review = as_date(review_date, _REVIEW_FIELD)
    announced = as_date(discipline_date, _DATE_FIELD)
    if announced > review:
        raise InputError(_DATE_FIELD, fmt_date(announced), why=_AFTER_REVIEW.format(review=fmt_date(review)),
                         rule_id="DF11")
    end = add_months(announced, _months(rs))
    if rs.param("discipline_in_force_on_anniversary"):
        return review <= end
    return review < end


def discipline_in_force_series(discipline_dates, review_date: Any, *,
                               ruleset: "str | RuleSet" = "hcm-2014"):
    """Vectorised ``discipline_in_force`` over a pandas Series of dates; a missing date (no discipline) is False.

    Every date after the review date is reported at once (``InputError.many``), with its row label.
    """

    rs = get_ruleset(ruleset)
    review = pd.Timestamp(as_date(review_date, _REVIEW_FIELD))
    raw = discipline_dates if isinstance(discipline_dates, pd.Series) else pd.Series(discipline_dates)
    problems = []
    if pd.api.types.is_datetime64_any_dtype(raw):
        parsed = raw.dt.tz_localize(None) if raw.dt.tz is not None else raw
        parsed = parsed.dt.normalize()
    else:
        parsed = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
        for label, value in raw.items():
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                continue
            try:
                parsed[label] = pd.Timestamp(as_date(value, _DATE_FIELD, row=label))
            except InputError as err:
                problems.extend(err.problems)
                continue
            if parsed[label] > review:
                problems.append(Problem(_DATE_FIELD, fmt_date(parsed[label]), row=label,
                                        why=_AFTER_REVIEW.format(review=fmt_date(review))))
    if not problems:
        for label in parsed.index[parsed.notna() & (parsed > review)]:
            problems.append(Problem(_DATE_FIELD, fmt_date(parsed[label]), row=label,
                                    why=_AFTER_REVIEW.format(review=fmt_date(review))))
    if problems:
        raise InputError.many(problems, rule_id="DF11")
    end = add_months_series(parsed, _months(rs))
    end.index = parsed.index
    if rs.param("discipline_in_force_on_anniversary"):
        out = parsed.notna() & (review <= end)
    else:
        out = parsed.notna() & (review < end)
    return out.astype(bool).rename(raw.name)
