"""Months and years per Civil Code Art. 148, scalar and vectorised agreeing (RULES.md "Counting days")."""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from kiemtra_lib.periods import add_months, add_months_series, add_years

D = dt.date


@pytest.mark.parametrize("start, months, expected", [
    # name: worked out by hand on a calendar
    (D(2025, 8, 31), 6, D(2026, 2, 28)),     # 31/08 + 6 months: February has no 31st → its last day
    (D(2027, 8, 31), 6, D(2028, 2, 29)),     # leap year: 29/02
    (D(2025, 1, 15), 12, D(2026, 1, 15)),    # same day number a year later
    (D(2025, 12, 31), 2, D(2026, 2, 28)),    # across a year end
    (D(2026, 3, 31), -1, D(2026, 2, 28)),    # backwards too
])
def test_add_months_keeps_the_day_number_or_takes_the_months_last_day(start, months, expected):
    assert add_months(start, months) == expected


def test_add_years_on_29_february_lands_on_28_february():
    assert add_years(D(2024, 2, 29), 5) == D(2029, 2, 28)
    assert add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31)), st.integers(min_value=-240, max_value=240))
def test_vectorised_months_agree_with_scalar(start, months):
    got = add_months_series([start], months).dt.date.iloc[0]
    assert got == add_months(start, months)


def test_vectorised_months_keep_missing_dates_missing():
    out = add_months_series([D(2025, 1, 31), None], 1)
    assert out.iloc[0].date() == D(2025, 2, 28) and pd.isna(out.iloc[1])
