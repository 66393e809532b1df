"""Properties: a dossier built from the library's own results has no discrepancy; changing one proposed level
yields exactly one discrepancy, naming that member."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiemtra_lib import rating, verification
from kiemtra_lib.datasets import generate

LEVELS = [None, "HTXS", "HTT", "HT", "KHT"]
ORG_LEVELS = [None, "TSVM", "HTT", "HT", "YEU_KEM"]


def _case(seed: int):
    case = generate(seed, chi_bo=3, members_per_chi_bo=(8, 16))
    return case, rating.rate_organisation(case.members, case.organisations, review_date=case.review_date)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000))
def test_the_librarys_own_results_give_no_discrepancy(seed):
    case, result = _case(seed)
    check = verification.verify(verification.dossier_from_rating(result), review_date=case.review_date)
    assert check.ok, check.table[["subject_id", "message"]].to_string()
    assert check.n_members == len(case.members)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), pick=st.integers(0, 10_000), level=st.sampled_from(LEVELS))
def test_changing_one_proposed_level_gives_exactly_one_discrepancy_naming_that_member(seed, pick, level):
    case, result = _case(seed)
    row = result.members.iloc[pick % len(result.members)]
    if row["level"] == level:
        level = "HT" if level != "HT" else "HTT"
    check = verification.verify(verification.dossier_from_rating(result, proposed={row["member_id"]: level}),
                                review_date=case.review_date)
    assert len(check.table) == 1, check.table[["subject_id", "message"]].to_string()
    assert check.table["subject_id"].iat[0] == row["member_id"]
    assert row["member_id"] in check.table["message"].iat[0]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), pick=st.integers(0, 100), level=st.sampled_from(ORG_LEVELS))
def test_changing_one_organisations_level_gives_exactly_one_discrepancy_naming_it(seed, pick, level):
    case, result = _case(seed)
    row = result.organisations.iloc[pick % len(result.organisations)]
    if row["level"] == level:
        level = "HT" if level != "HT" else "HTT"
    check = verification.verify(verification.dossier_from_rating(result, org_proposed={row["org_id"]: level}),
                                review_date=case.review_date)
    assert check.table["subject_id"].tolist() == [row["org_id"]]


def _case_366(seed: int):
    case = generate(seed, chi_bo=3, members_per_chi_bo=(8, 16), qd366=True)
    return case, rating.rate_organisation(case.members, case.organisations, review_date=case.review_date,
                                          ruleset="qd366-2025")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), pick=st.integers(0, 10_000), level=st.sampled_from(LEVELS))
def test_under_qd366_own_results_agree_and_one_change_gives_one_discrepancy(seed, pick, level):
    case, result = _case_366(seed)
    assert verification.verify(verification.dossier_from_rating(result), review_date=case.review_date).ok
    row = result.members.iloc[pick % len(result.members)]
    if row["level"] == level:
        level = "HT" if level != "HT" else "HTT"
    check = verification.verify(verification.dossier_from_rating(result, proposed={row["member_id"]: level}),
                                review_date=case.review_date)
    assert check.table["subject_id"].tolist() == [row["member_id"]]
