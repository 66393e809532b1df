"""A discipline in force at the review date (DF11 + R-M5): the one function the rating and the discipline code share.

Every expected value is worked out by hand: DF11 says a discipline ends by itself 12 months after its announcement;
RULES.md (cases left open, R-M5) says that on that anniversary the member no longer serves it; 12 months after a
date is the same day number, or the month's last day (Civil Code Art. 148).
"""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from kiemtra_lib import InputError, get_ruleset
from kiemtra_lib.discipline import discipline_end_date, discipline_in_force, discipline_in_force_series

D = dt.date


@pytest.mark.parametrize("announced, review, expected", [
    # announced on the review day: a discipline takes effect when announced (DF11), so it is being served
    (D(2025, 11, 15), D(2025, 11, 15), True),
    # the day before the anniversary: still within its 12 months
    (D(2025, 11, 15), D(2026, 11, 14), True),
    # the anniversary itself: it ended by itself that day (RULES.md, case "exactly one year before")
    (D(2025, 11, 15), D(2026, 11, 15), False),
    # well over a year before
    (D(2024, 6, 1), D(2025, 11, 30), False),
    # a review on 30/11/2025: announced 01/12/2024 ends 01/12/2025, after the review → in force
    (D(2024, 12, 1), D(2025, 11, 30), True),
    # announced 30/11/2024 ends 30/11/2025, the review day → no longer in force
    (D(2024, 11, 30), D(2025, 11, 30), False),
    # 29/02/2024 + 12 months: February 2025 has no 29th → ends 28/02/2025 (Art. 148)
    (D(2024, 2, 29), D(2025, 2, 27), True),
    (D(2024, 2, 29), D(2025, 2, 28), False),
])
def test_a_discipline_is_served_for_twelve_months_and_ends_on_the_anniversary(announced, review, expected):
    assert discipline_in_force(announced, review) is expected


def test_dates_may_be_given_as_text_in_either_format():
    assert discipline_in_force("15/11/2025", "2026-11-14") is True


def test_the_twelve_months_come_from_rule_DF11():
    assert get_ruleset().value("DF11", "months") == 12
    assert discipline_end_date("31/08/2025") == D(2026, 8, 31)
    assert discipline_end_date("29/02/2024") == D(2025, 2, 28)


def test_a_discipline_announced_after_the_review_date_is_an_input_error_in_vietnamese():
    with pytest.raises(InputError) as err:
        discipline_in_force("16/11/2026", "15/11/2026")
    message = str(err.value)
    assert "ngày công bố quyết định kỷ luật" in message and "16/11/2026" in message
    assert "sau ngày đánh giá 15/11/2026" in message and err.value.rule_id == "DF11"


def test_a_date_that_does_not_exist_is_an_input_error():
    with pytest.raises(InputError, match="31/02/2025"):
        discipline_in_force("31/02/2025", "15/11/2026")


def test_the_anniversary_parameter_lets_an_instructor_count_the_anniversary_as_served():
    rs = get_ruleset().with_params(discipline_in_force_on_anniversary=True)
    assert discipline_in_force(D(2025, 11, 15), D(2026, 11, 15), ruleset=rs) is True
    assert discipline_in_force(D(2025, 11, 15), D(2026, 11, 16), ruleset=rs) is False


def test_the_series_form_keeps_the_index_and_reads_a_missing_date_as_no_discipline():
    dates = pd.Series({"dv1": "15/11/2025", "dv2": None, "dv3": pd.NaT, "dv4": D(2025, 11, 16)}, name="ky_luat")
    out = discipline_in_force_series(dates, D(2026, 11, 15))
    # dv1: anniversary → False; dv2, dv3: no discipline → False; dv4: ends 16/11/2026 → True
    assert out.to_dict() == {"dv1": False, "dv2": False, "dv3": False, "dv4": True}
    assert out.dtype == bool


def test_the_series_form_accepts_a_datetime_column():
    dates = pd.to_datetime(pd.Series(["2025-11-14", "2025-11-16", None]))
    assert discipline_in_force_series(dates, "15/11/2026").tolist() == [False, True, False]


def test_the_series_form_reports_every_bad_row_at_once():
    dates = pd.Series(["16/11/2026", "15/11/2025", "không rõ"])
    with pytest.raises(InputError) as err:
        discipline_in_force_series(dates, "15/11/2026")
    rows = sorted(p.row for p in err.value.problems)
    assert rows == [0, 2]
    assert "Có 2 giá trị không hợp lệ" in str(err.value)


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 12, 31)),
       st.integers(min_value=0, max_value=800))
def test_series_and_scalar_agree(announced, days_later):
    review = announced + dt.timedelta(days=days_later)
    series = discipline_in_force_series(pd.Series([announced]), review)
    assert bool(series.iloc[0]) is discipline_in_force(announced, review)
