"""The records side's pure functions with arbitrary values: a result or an InputError, never another exception."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiemtra_lib import InputError
from kiemtra_lib.exercises.collection import choose_counted, is_submission_name, lateness, parse_moment
from kiemtra_lib.exercises.marking import parse_score
from kiemtra_lib.exercises.records import COURSE_BANDS, fmt_number, parse_bands, to_ten
from kiemtra_lib.exercises.roster import check_trainee_id

ANY = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=40),
                st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
                st.datetimes(), st.dates(), st.just(10 ** 400), st.just(float("inf")), st.just("9" * 5000),
                st.just("1e999"), st.just("0,5"), st.just("Giỏi:8; Khá:6,5; Chưa đạt:0"))
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _only_input_error(fn, *args):
    try:
        fn(*args)
    except InputError:
        pass


@SETTINGS
@given(ANY, ANY)
def test_to_ten(a, b):
    _only_input_error(to_ten, a, b)


@SETTINGS
@given(ANY)
def test_one_argument_functions(a):
    for fn in (parse_score, parse_bands, check_trainee_id, fmt_number, COURSE_BANDS.classify, parse_moment):
        _only_input_error(fn, a)
    if isinstance(a, str):
        _only_input_error(is_submission_name, a)


@SETTINGS
@given(ANY)
def test_choose_counted_policy(policy):
    at = dt.datetime(2026, 3, 10, tzinfo=dt.timezone.utc)
    _only_input_error(choose_counted, [{"at": at, "late": None, "score": 1.0, "sha256": "a"}], policy)
    assert lateness(at, {"opens": None, "closes": None, "deadline": None}) is None


@SETTINGS
@given(st.floats(min_value=0, max_value=1e6), st.floats(min_value=0, max_value=1e6))
def test_to_ten_is_on_the_scale(total, maximum):
    try:
        ten = to_ten(total, maximum)
    except InputError:
        assert total > maximum
        return
    assert 0.0 <= ten <= 10.0
