"""The capstone exercise (c01, lesson 15): scenarios worked out by hand from the rules, both sides of each boundary."""

from __future__ import annotations

import pytest

from kiemtra_lib import get_ruleset
from kiemtra_lib.exercises.generators import get_generator
from kiemtra_lib.exercises.spec import load_spec
from kiemtra_lib.exercises.variants import make_variants

GEN = get_generator("capstone_year")
RS = get_ruleset("hcm-2014")

BASE = {"year": 2026, "start": "2026-03-09", "announced": "2026-05-20", "form": "khien_trach",
        "review": "2026-11-21", "meeting": "2026-10-27", "earlier_announced": "2025-11-21"}
# (name, changes, expected answers)
SCENARIOS = [
    ("an inspection from Monday 09/03/2026: 20 calendar days, the report of II.2 by 14/03, 30 working days after "
     "20/05/2026 end on 01/07/2026; a meeting in October is in the grassroots' months; a discipline announced "
     "21/11/2025 has ended on its anniversary 21/11/2026", {},
     {"deadline": "2026-03-29", "self_report": "2026-03-14", "sync": "2026-07-01", "meeting_in_window": "co",
      "in_force": "khong"}),
    ("announced a day later (22/11/2025), the discipline is still served at the review; a meeting on 31/08 is "
     "before September", {"earlier_announced": "2025-11-22", "meeting": "2026-08-31"},
     {"meeting_in_window": "khong", "in_force": "co"}),
    ("30 working days from 23/04/2026 step over Monday 27/04 (Giỗ Tổ 26/04 is a Sunday: a day off in lieu), 30/04 "
     "and 01/05: 24, 28, 29/04, then May 4-29 (20 days), June 1-5, 8 and 9: 09/06/2026",
     {"announced": "2026-04-23", "earlier_announced": None, "review": "2026-11-20"},
     {"sync": "2026-06-09", "in_force": "co"}),
]


@pytest.mark.parametrize("name, changes, expected", SCENARIOS, ids=[s[0][:60] for s in SCENARIOS])
def test_capstone_scenarios(name, changes, expected):
    facts = GEN.solve({**BASE, **changes}, RS)
    for key, value in expected.items():
        assert facts[key].value == value, (key, facts[key].explanation)
    assert facts["rules"].value == ["DF11", "T3", "T5"]


def test_variants_are_drawn_on_working_days_and_both_sides_of_the_boundaries():
    from kiemtra_lib.calendar import is_working_day

    spec = load_spec("exercises/c01_tinh_huong_tron_nam.yaml")
    variants = make_variants(spec, [f"HV{i:03d}" for i in range(40)], 2026)
    for v in variants:
        assert all(is_working_day(v.scenario[k]) for k in ("start", "announced", "review", "meeting"))
    answers = {(v.answers["dung_dot_kiem_diem"].value, v.answers["con_chap_hanh"].value) for v in variants}
    assert {a for a, _ in answers} == {"co", "khong"} and {b for _, b in answers} == {"co", "khong"}
