"""Every interpretation parameter of hcm-2014 is read by the rule it refines (issue 13, item 4): each one, flipped to
each allowed value, changes the result of at least one scenario. A parameter nobody reads would fail here.

SCENARIOS maps a parameter to a function of the rule set whose result (levels, dates, booleans) the parameter must
change; the scenarios are built so that RULES.md's default and the other readings differ, worked out by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kiemtra_lib import get_ruleset
from kiemtra_lib.discipline import discipline_in_force, limitation_end
from kiemtra_lib.rating import rate_member, rate_organisation
from kiemtra_lib.review import plan_review
from kiemtra_lib.timeline import check_review_date, dossier_due, plan_inspection, sync_deadline
from _rating_support import REVIEW, chi_bo_members, member, org, voted

D = dt.date
RS = get_ruleset("hcm-2014")


def one(rs, n=9, **kw):
    return rate_member(member(**kw), official_members=n, review_date=REVIEW, ruleset=rs).label


def organisation(rs, members, orgs):
    r = rate_organisation(pd.DataFrame(members), pd.DataFrame(orgs), review_date=REVIEW, ruleset=rs)
    return tuple(r.members["level"]), tuple(r.organisations["level"])


def quota_case(rs, size, candidates, *, official=None, ht=0, outstanding_dang_bo=False):
    """A chi bộ of ``size`` rows: ``candidates`` HTXS candidates with distinct votes, ``ht`` members at HT."""
    n = size if official is None else official
    rows = [voted("HTXS", n - i, f"C{i}") | {"votes_tot": i} for i in range(candidates)]
    rows += [voted("HT", n, f"H{i}") for i in range(ht)]
    rows += [voted("HTT", n, f"T{i}") for i in range(size - candidates - ht)]
    for i, r in enumerate(rows):
        r["official"] = i < n
    orgs = [org("CB")]
    if outstanding_dang_bo:
        orgs = [org("DB", kind="dang_bo", outstanding=True), org("CB", parent_id="DB")]
    return organisation(rs, rows, orgs)


SCENARIOS = {
    # DF11: the anniversary of the announcement
    "discipline_in_force_on_anniversary": lambda rs: discipline_in_force("15/11/2025", "15/11/2026", ruleset=rs),
    # DF2: 15/06/2025 is a Sunday
    "discipline_limitation_roll": lambda rs: limitation_end("to_chuc", "khien_trach", D(2020, 6, 15), ruleset=rs),
    # DF5: a month not counted pushes the end
    "discipline_not_counted_periods": lambda rs: limitation_end(
        "dang_vien", "khien_trach", D(2021, 3, 10), not_counted=[(D(2022, 1, 1), D(2022, 1, 31))], ruleset=rs),
    # K3: admitted exactly 6 months before the meeting — in the review plan and in the rating
    "k3_six_months_reached": lambda rs: (
        one(rs, votes_tot=9, joined_on="25/05/2014"),
        tuple(e.member_id for e in plan_review([{"member_id": "A", "joined_on": "25/05/2014"}],
                                               meeting_date=REVIEW, ruleset=rs).not_reviewed)),
    # R-M5: the chi bộ's "không hoàn thành", with HT votes
    "task_result_khong_hoan_thanh_is_fault": lambda rs: one(rs, task_result="khong_hoan_thanh", votes_hoan_thanh=9),
    # R-M1: an award with a civil-service rating "hoàn thành"
    "award_needs_htt_civil_service": lambda rs: one(rs, task_result="xuat_sac", civil_servant_rating="hoan_thanh",
                                                    emulation_award=True, votes_xuat_sac=9),
    # R-M7: maternity leave, HTT votes
    "maternity_counts_as_sick_leave": lambda rs: one(rs, votes_tot=9, maternity_leave=True),
    # R-M6: 2, 3 and 4 absences of a member voted HTXS
    "rm6_absences_at_least": lambda rs: tuple(one(rs, task_result="xuat_sac", votes_xuat_sac=9, absences=a)
                                              for a in (2, 3, 4)),
    # R-M6: the secretary of a TSVM chi bộ whose đảng bộ is not TSVM (85 points)
    "rm6_grassroots_org": lambda rs: organisation(rs, [voted("HTXS", 3, "S", "CB", role="bi_thu"),
                                                       voted("HTT", 3, "A", "CB"), voted("HTT", 3, "B", "CB"),
                                                       voted("HTT", 1, "X", "C2")],
                                                  [org("DB", kind="dang_bo", points=85), org("CB", parent_id="DB"),
                                                   org("C2", parent_id="DB")]),
    # R-M2: 15% of 10 is 1,5 (floor 1, nearest 2)
    "rm2_rounding": lambda rs: quota_case(rs, 10, 3),
    # R-M2: a chi bộ of 5 (15% gives 0)
    "rm2_small_chi_bo_one": lambda rs: quota_case(rs, 5, 2),
    # R-M2: 7 rows of whom 5 official, 3 at HT: 15% of 4 gives 0; "small" only when counting the officials
    "rm2_small_chi_bo_counts": lambda rs: quota_case(rs, 7, 2, official=5, ht=3),
    # R-M2: an outstanding đảng bộ: 20% of 10 is 2, 15% is 1
    "rm2_outstanding_from_dang_bo": lambda rs: quota_case(rs, 10, 3, outstanding_dang_bo=True),
    # R-M9: 2 HTXS + 4 HTT votes of 8 (HTT needs 5)
    "rm9_votes_count_downward": lambda rs: one(rs, 8, votes_xuat_sac=2, votes_tot=4),
    # R-O4: exactly one failed task at 95 points
    "ro_one_failed_task_caps_at_ht": lambda rs: organisation(rs, chi_bo_members(["HTT"] * 3),
                                                             [org("CB", failed_tasks=1)]),
    # R-O1: no mass organisation
    "ro_no_mass_org_holds": lambda rs: organisation(rs, chi_bo_members(["HTT"] * 3), [org("CB")]),
    # R-O8: R-O1's conditions without R-O3's (a disciplined leader)
    "ro8_levels_nest": lambda rs: organisation(rs, chi_bo_members(["HTT"] * 3), [org("CB", leader_disciplined=True)]),
    # T3: co_so from Monday 02/03/2026: 20 calendar days end on Sunday 22/03
    "t3_day_kind": lambda rs: plan_inspection("co_so", "02/03/2026", ruleset=rs).deadline,
    "t3_anchor": lambda rs: plan_inspection("co_so", "02/03/2026", ruleset=rs).deadline,
    "t3_end_roll": lambda rs: plan_inspection("co_so", "02/03/2026", ruleset=rs).deadline,
    # T4: 3 days before Tuesday 10/03/2026 is Saturday 07/03
    "t4_day_kind": lambda rs: dossier_due("10/03/2026", ruleset=rs),
    "t4_roll": lambda rs: dossier_due("10/03/2026", ruleset=rs),
    # T5: 5 days after Monday 02/03/2026 is Saturday 07/03
    "t5_notice_roll": lambda rs: sync_deadline("ky_luat_chinh_quyen_doan_the", "02/03/2026", ruleset=rs),
    # T8: the reviews' hard end itself
    "t8_before_inclusive": lambda rs: check_review_date(RS.value("T8", "reviews_before"), "reviews_before",
                                                        ruleset=rs).ok,
}

FLIPS = [(name, value) for name, p in RS.parameters.items() for value in p.allowed if value != p.value]


def test_every_parameter_has_a_scenario():
    assert sorted(SCENARIOS) == sorted(RS.parameters)


@pytest.mark.parametrize("name, value", FLIPS, ids=[f"{n}={v}" for n, v in FLIPS])
def test_flipping_a_parameter_changes_a_scenario(name, value):
    default = SCENARIOS[name](RS)
    flipped = SCENARIOS[name](RS.with_params(**{name: value}))
    assert flipped != default
