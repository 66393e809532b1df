"""The exercise generators of rule set qd366-2025: their answers are the library's, worked by hand on a few cases,
and the four specs (q01–q04) load under qd366-2025 and build for a class."""

from __future__ import annotations

import random

from kiemtra_lib.exercises import get_generator, load_specs, make_variant
from kiemtra_lib.rating import rate_member
from kiemtra_lib.rules import get_ruleset

from _exercises_support import EXERCISES

RS = get_ruleset("qd366-2025")
REVIEW = "2025-12-15"


def test_member_level_agrees_with_rate_member_on_both_profiles():
    gen = get_generator("member_rating_366")
    for profile in ("diem_nhiem_vu", "truong_hop_n7"):
        for i in range(30):
            s = gen.generate({"profile": profile, "review_date": REVIEW}, random.Random(i))
            d = rate_member(s["member"], review_date=REVIEW, ruleset=RS)
            facts = gen.solve(s, RS)
            expected = d.level.value if d.level else "CHUA_CO_MUC"
            assert facts["level"].value == expected
            assert (facts["flag"].value == "can_cap_tham_quyen_xem_xet") == ("can_cap_tham_quyen_xem_xet" in d.flags)
            if profile == "truong_hop_n7":
                assert facts["level"].value == "KHT"  # a case of N7 whatever the score


def test_quota_hand_worked_at_20_and_25_percent():
    gen = get_generator("quota_366")
    members = [{"member_id": f"DV{i}", "ho_ten": "Người thử", "points": 90.0 + i, "tasks_assigned": 10,
                "tasks_done": 10, "tasks_on_time": 10, "tasks_beyond": 3} for i in range(8)]
    # 8 candidates, all HTT or above: 20% of 8 = 1 (1,6 rounded down); 25% of 8 = 2.
    plain = gen.solve({"review_date": REVIEW, "outstanding": False, "members": members}, RS)
    assert (plain["quota"].value, plain["htxs_count"].value) == (1, 1)
    top = gen.solve({"review_date": REVIEW, "outstanding": True, "members": members}, RS)
    assert (top["quota"].value, top["htxs_count"].value) == (2, 2)
    small = gen.solve({"review_date": REVIEW, "outstanding": False, "members": members[:4]}, RS)
    assert (small["quota"].value, small["htxs_count"].value) == (0, 0)  # a group of 4 gets 0


def test_what_changes_from_2014_hand_worked():
    gen = get_generator("ruleset_change_366")
    base = {"member_id": "DV01", "ho_ten": "Người thử", "official": True, "task_result": "tot", "votes_xuat_sac": 0,
            "votes_tot": 9, "votes_hoan_thanh": 0, "votes_khong_hoan_thanh": 0, "points": 80.0,
            "tasks_assigned": 10, "tasks_done": 10, "tasks_on_time": 10, "tasks_beyond": 1,
            "sick_leave_months": 0.0, "exempt": False}
    s = {"review_date": REVIEW, "official_members": 9, "member": dict(base, sick_leave_months=4.0)}
    facts = gen.solve(s, RS)
    # R-M7: 4 months of sick leave cap 2014 at HT; N10: QĐ 366 rates the actual work, 80 points all on time: HTT.
    assert (facts["level_hcm"].value, facts["level_qd366"].value, facts["change"].value) == ("HT", "HTT", "N10")
    s["member"] = dict(base, exempt=True)
    facts = gen.solve(s, RS)
    assert (facts["level_hcm"].value, facts["level_qd366"].value, facts["change"].value) == \
        ("HTT", "CHUA_XEP_LOAI", "N9")
    s["member"] = base
    assert gen.solve(s, RS)["change"].value == "khong_doi"


def test_the_four_specs_load_under_qd366_and_build_for_a_class():
    specs = load_specs(sorted(EXERCISES.glob("q0*.yaml")))
    assert [s.id for s in specs] == ["q01_xep_loai_theo_diem_nhiem_vu", "q02_truong_hop_khong_hoan_thanh",
                                     "q03_ty_le_hoan_thanh_xuat_sac_366", "q04_doi_chieu_hai_bo_quy_tac"]
    assert {s.ruleset for s in specs} == {"qd366-2025"}
    for spec in specs:
        variants = [make_variant(spec, f"HV{i:02d}", 5) for i in range(12)]
        assert all(v.answers for v in variants)
        assert len({v.digest for v in variants}) > 1
