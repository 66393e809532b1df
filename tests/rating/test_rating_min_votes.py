"""min_votes_for: the fewest votes for a level (the other official members voting one level lower), from R-M9's
thresholds — more than 1/2 for HTT and HT, more than 2/3 for HTXS (004 §IV.2.2) — and None when a cap forbids it."""

import pytest

from kiemtra_lib import InputError, get_ruleset
from kiemtra_lib.rating.explanation import min_votes_for
from _rating_support import REVIEW

HTXS, HTT, HT = "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ"


@pytest.mark.parametrize("level, n, task, expected", [
    (HTT, 6, "tot", 4),        # more than 3 of 6
    (HTT, 7, "tot", 4),        # more than 3,5 of 7
    (HTXS, 6, "xuat_sac", 5),  # more than 4 of 6
    (HTXS, 9, "xuat_sac", 7),  # more than 6 of 9
    (HT, 5, "hoan_thanh", 3),
    (HTT, 6, "hoan_thanh", None),  # the chi bộ's assessment caps at HT (R-M4)
    (HTXS, 6, "tot", None),        # HTXS needs an excellent assessment (R-M1)
])
def test_min_votes(level, n, task, expected):
    assert min_votes_for(level, n, task_result=task, review_date=REVIEW) == expected


def test_the_threshold_comes_from_the_rule_set():
    rs = get_ruleset("hcm-2014").with_params(rm9_votes_count_downward=False)
    assert min_votes_for(HTT, 6, task_result="tot", review_date=REVIEW, ruleset=rs) == 4
    with pytest.raises(InputError):
        min_votes_for("Không hoàn thành nhiệm vụ", 6, task_result="tot", review_date=REVIEW)
