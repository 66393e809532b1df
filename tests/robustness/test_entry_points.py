"""Issue 17, library entry points: the hostile values the issue names each give an ``InputError`` that names the
field and the value (never an OverflowError, a TypeError, or a wrong figure)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from kiemtra_lib import InputError, as_date
from kiemtra_lib import calendar as cal
from kiemtra_lib import discipline, rating, timeline
from kiemtra_lib.datasets import load
from kiemtra_lib.periods import add_months

NOT_A_DATE = [pd.NaT, np.datetime64("NaT"), float("nan"), None, "", "01/01/1025", "31/12/9999", "20/12/9999",
              dt.date(1899, 12, 31), dt.date(2101, 1, 1), np.datetime64("2500-01-01"), pd.Timestamp("2262-04-11"),
              "30/02/2026", [1], 20260105, True]


@pytest.mark.parametrize("value", NOT_A_DATE, ids=repr)
def test_as_date_refuses_missing_and_out_of_range_dates(value):
    with pytest.raises(InputError) as err:
        as_date(value, "ngày họp")
    assert err.value.field == "ngày họp"
    assert "1900" in str(err.value) and "2100" in str(err.value)


@pytest.mark.parametrize("value,expected", [("01/01/1900", dt.date(1900, 1, 1)), ("2100-12-31", dt.date(2100, 12, 31)),
                                            (pd.Timestamp("2026-02-05 13:00"), dt.date(2026, 2, 5)),
                                            (np.datetime64("2026-02-05"), dt.date(2026, 2, 5))])
def test_as_date_keeps_every_date_of_the_range(value, expected):
    assert as_date(value) == expected


@pytest.mark.parametrize("call", [
    lambda: cal.is_working_day(pd.NaT),
    lambda: cal.is_working_day("01/01/1025"),
    lambda: cal.add_working_days("05/01/2026", 10 ** 18),
    lambda: cal.add_working_days("05/01/2026", float("inf")),
    lambda: cal.add_days("05/01/2026", 2 ** 63),
    lambda: cal.add_working_days("30/12/2100", 5),
    lambda: cal.add_working_days_series(pd.Series(pd.to_datetime(["2026-01-05"])), np.array([2 ** 63], np.uint64)),
    lambda: cal.add_days_series(["05/01/2026", "31/12/9999"], 1),
    lambda: cal.is_working_day_series(np.array(["2500-01-01"], dtype="datetime64[D]")),
    lambda: cal.make_calendar(5),
    lambda: cal.make_calendar("02/01/2026"),
    lambda: cal.make_calendar(days_off={pd.NaT: "thông báo"}),
    lambda: add_months("31/08/2025", 10 ** 20),
    lambda: add_months("31/08/2025", 6.5),
    lambda: timeline.plan_inspection("co_so", "20/12/9999"),
    lambda: timeline.plan_inspection("co_so", pd.NaT),
    lambda: timeline.dossier_due(pd.NaT),
    lambda: timeline.review_calendar("abc"),
    lambda: timeline.review_calendar(10 ** 19),
    lambda: timeline.review_calendar({}),
    lambda: timeline.sync_deadline(["bat_giu_khoi_to"], "05/01/2026"),
    lambda: timeline.sync_deadline({"x": 1}, "05/01/2026"),
    lambda: timeline.default_schedule("co_so", extension_days="3"),
    lambda: timeline.term_coverage(5, 6, "01/01/2020", "31/12/2025"),
    lambda: discipline.discipline_end_date(pd.NaT),
    lambda: discipline.discipline_in_force(pd.NaT, "01/12/2025"),
])
def test_a_hostile_value_at_an_entry_point_is_an_input_error(call):
    with pytest.raises(InputError) as err:
        call()
    assert str(err.value).startswith(("Giá trị không hợp lệ", "Có "))


def test_make_calendar_none_means_no_change():
    assert cal.make_calendar(None, None).is_working_day("02/01/2026") == cal.make_calendar().is_working_day(
        "02/01/2026")


MEMBER = {"member_id": "DV01", "task_result": "tot", "votes_xuat_sac": 0, "votes_tot": 4, "votes_hoan_thanh": 0,
          "votes_khong_hoan_thanh": 0}


@pytest.mark.parametrize("field,value", [("votes_tot", 10 ** 19), ("votes_tot", 2 ** 63), ("votes_tot", 1e30),
                                         ("votes_tot", float("inf")), ("votes_tot", float("nan")),
                                         ("votes_tot", -1), ("votes_hoan_thanh", 10 ** 6)])
def test_rate_member_refuses_a_count_out_of_range_instead_of_wrapping(field, value):
    # issue 17: votes_tot=10**19 with 5 official members returned «Hoàn thành tốt nhiệm vụ» citing a negative share
    with pytest.raises(InputError) as err:
        rating.rate_member({**MEMBER, field: value}, official_members=5, review_date="01/12/2025")
    assert err.value.field == field


def test_rate_member_refuses_more_votes_than_official_members():
    with pytest.raises(InputError) as err:
        rating.rate_member({**MEMBER, "votes_tot": 6}, official_members=5, review_date="01/12/2025")
    assert err.value.rule_id == "R-M9"


@pytest.mark.parametrize("value", [10 ** 19, 2 ** 63, float("inf"), -1, 5.5, "5", None, True])
def test_rate_member_refuses_an_official_count_out_of_range(value):
    with pytest.raises(InputError) as err:
        rating.rate_member(MEMBER, official_members=value, review_date="01/12/2025")
    assert err.value.field == "official_members"


@pytest.mark.parametrize("value", [pd.NaT, None, "20/12/9999", float("nan")])
def test_rate_member_refuses_a_missing_or_absurd_review_date(value):
    with pytest.raises(InputError):
        rating.rate_member(MEMBER, official_members=5, review_date=value)


CASE = {"subject": "dang_vien", "violation_date": "21/12/2024", "decision_date": "01/12/2025",
        "severity": "it_nghiem_trong"}


@pytest.mark.parametrize("value", [pd.NaT, None, float("nan"), "31/12/9999"])
def test_assess_refuses_a_missing_decision_date(value):
    with pytest.raises(InputError) as err:
        discipline.assess({**CASE, "decision_date": value})
    assert "quyết định" in err.value.field


@pytest.mark.parametrize("value", [float("nan"), pd.NaT, None])
def test_assess_reads_empty_circumstances_as_none_given(value):
    with_empty = discipline.assess({**CASE, "circumstances": value})
    assert with_empty.form == discipline.assess(CASE).form


def test_assess_refuses_circumstances_that_are_not_a_list():
    with pytest.raises(InputError) as err:
        discipline.assess({**CASE, "circumstances": 5})
    assert err.value.field == "tình tiết"


def test_the_shipped_pending_cases_are_assessed_on_a_given_day_and_said_pending_without_one():
    # chi_bo_9: two cases under consideration have no decision date. The data is right (an empty date means
    # "not decided yet", as the dictionary says); the reading names the case as pending and asks for the day.
    cases = load("chi_bo_9").discipline_cases
    with pytest.raises(InputError) as err:
        discipline.assess_table(cases)
    assert err.value.total == 2 and "đang xem xét" in str(err.value)
    out = discipline.assess_table(cases, decision_date="01/12/2025")
    assert len(out) == 3 and out["form"].notna().all()


def test_a_generated_case_refuses_sizes_that_would_not_fit_in_memory():
    from kiemtra_lib.datasets import generate

    for kwargs in ({"chi_bo": 10 ** 9}, {"members_per_chi_bo": (3, 10 ** 9)}, {"chi_bo": 2 ** 63}):
        with pytest.raises(InputError):
            generate(1, **kwargs)
