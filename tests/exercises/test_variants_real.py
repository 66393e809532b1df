"""Variants are real, over every spec in exercises/ and a class of 200: official events fall on working days; every
variable question has at least two distinct answers (a question with one answer for all is marked ``fixed`` with
its reason, and the mark is true); every trainee of a spec is asked about the same rules (the same rule options),
and no answer rests on a rule the question does not offer."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kiemtra_lib.calendar import is_working_day
from kiemtra_lib.exercises import load_specs
from kiemtra_lib.exercises.variants import make_variants

from _exercises_support import EXERCISES

CLASS = [f"HV{i:03d}" for i in range(200)]
SPECS = load_specs([EXERCISES])

#: Where each generator puts the day of an official event (a meeting, a team visit, a decision, an announcement, an
#: admission). Violation dates are not official events and may fall on any day.
OFFICIAL_DATES = {
    "inspection_plan": ["start"],                    # the decision is deployed with the inspected body
    "dossier_due": ["meeting"],                      # the team's working day with the organisation
    "sync_deadline": ["event_date"],                 # a decision to prosecute, suspend, discipline; its notice
    "lookback": ["start"],                           # the inspection starts
    "review_plan_2014": ["day"],                     # a unit's planned meeting
    "member_rating": ["review_date", "member.joined_on", "member.discipline_date"],
    "chi_bo_rating": ["review_date"],
    "discipline_case": ["decision_date"],            # the competent body's meeting
    "review_meeting": ["meeting_date", "members[].joined_on"],
    "discipline_limitation": [],
    "inspection_steps": [],
    "member_rating_366": ["review_date"],
    "quota_366": ["review_date"],
    "ruleset_change_366": ["review_date"],
    "capstone_year": ["start", "announced", "review", "meeting"],
    "dossier_verification": [],                      # review 20/11/2025, team Monday 01/12 (derived, not drawn)
}


def _values(scenario: dict, path: str) -> list:
    head, _, rest = path.partition(".")
    if head.endswith("[]"):
        return [v for item in scenario.get(head[:-2], []) for v in _values(item, rest)]
    value = scenario.get(head)
    if rest:
        return _values(value, rest) if isinstance(value, dict) else []
    return [value] if value else []


@pytest.fixture(scope="module")
def variants():
    return {s.id: make_variants(s, CLASS, 2026) for s in SPECS}


def test_every_generator_of_the_specs_says_where_its_official_dates_are():
    assert {s.generator for s in SPECS} <= set(OFFICIAL_DATES)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_official_events_fall_on_working_days(spec, variants):
    checked = 0
    for v in variants[spec.id]:
        for path in OFFICIAL_DATES[spec.generator]:
            for iso in _values(dict(v.scenario), path):
                checked += 1
                day = dt.date.fromisoformat(iso)
                assert is_working_day(day), (v.trainee_id, path, f"{day:%d/%m/%Y} ({day:%A})")
    assert checked >= (len(CLASS) if OFFICIAL_DATES[spec.generator] else 0)  # some are optional (a discipline)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_each_variable_question_has_two_answers_and_each_fixed_mark_is_true(spec, variants):
    for q in spec.questions:
        if not q.auto_graded:
            continue
        answers = {json.dumps(v.answers[q.id].value, sort_keys=True) for v in variants[spec.id]}
        if q.fixed:
            assert len(answers) == 1, (q.id, "marked fixed but varies", sorted(answers)[:3])
        else:
            assert len(answers) >= 2, (q.id, f"one answer for all {len(CLASS)}: {answers}; mark it fixed or vary it")


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_every_trainee_is_asked_about_the_same_rules(spec, variants):
    for q in spec.questions:
        if q.kind != "rules":
            continue
        offered = {tuple(next(p for p in v.questions if p["id"] == q.id)["choices"]) for v in variants[spec.id]}
        assert len(offered) == 1, (q.id, offered)
        (choices,) = offered
        for v in variants[spec.id]:
            assert set(v.answers[q.id].value) <= set(choices), (v.trainee_id, q.id)
    assert {v.params.get("profile") for v in variants[spec.id]} in ({None}, {spec.params.get("profile", {}).get(
        "value")}), "a spec draws one kind of situation for everyone"
