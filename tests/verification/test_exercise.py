"""The verification exercise (exercises/v01_tham_dinh_ho_so.yaml): each trainee gets their own dossier with their
own planted errors; the key is what the check finds; finding errors earns points and false alarms cost them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiemtra_lib import verification
from kiemtra_lib.exercises import load_specs
from kiemtra_lib.exercises.checking import per_option_score
from kiemtra_lib.exercises.generators import get_generator
from kiemtra_lib.exercises.generators.verification import kinds_of
from kiemtra_lib.exercises.variants import make_variants

SPEC = Path(__file__).resolve().parents[2] / "exercises" / "v01_tham_dinh_ho_so.yaml"
TRAINEES = ["HV01", "HV02", "HV03", "HV04"]


@pytest.fixture(scope="module")
def variants():
    (spec,) = load_specs([str(SPEC)])
    return spec, make_variants(spec, TRAINEES, 11)


def test_each_trainee_gets_their_own_dossier_and_errors(variants):
    _, vs = variants
    seeds = {v.scenario["seed"] for v in vs}
    keys = {tuple(v.answers["doi_tuong"].value) for v in vs}
    assert len(seeds) == len(TRAINEES) and len(keys) > 1
    for v in vs:
        assert 3 <= len(kinds_of(v.scenario)) <= 6
        assert "kinds" not in v.scenario  # what was planted is not written in the trainee's notebook


def test_the_key_is_what_the_check_finds_in_the_trainees_dossier(variants):
    _, vs = variants
    for v in vs:
        p = verification.planted_dossier(v.scenario["seed"], kinds=kinds_of(v.scenario), chi_bo=2,
                                         members_per_chi_bo=10)
        check = verification.verify(p.data, review_date=p.review_date)
        t = check.table
        assert v.answers["doi_tuong"].value == sorted(set(t.loc[t["kind"] != "nop_ho_so_muon", "subject_id"]))
        assert v.answers["so_sai_quy_dinh"].value == int((t["grade"] == "sai_quy_dinh").sum())
        assert v.answers["dung_han"].value == ("muon" if (t["kind"] == "nop_ho_so_muon").any() else "dung_han")
        assert set(v.answers["quy_tac"].value) == set(t["rule_id"])


def test_found_errors_earn_points_and_false_alarms_cost_them(variants):
    spec, vs = variants
    q = next(q for q in spec.questions if q.id == "doi_tuong")
    key = vs[0].answers["doi_tuong"].value
    assert per_option_score(key, key, q.points)[0] == q.points
    assert per_option_score(key, key[:-1], q.points)[0] == pytest.approx(q.points * (len(key) - 1) / len(key))
    innocent = next(o[0] for o in vs[0].questions[0]["options"] if o[0] not in key)
    assert per_option_score(key, key + [innocent], q.points)[0] == pytest.approx(q.points * (len(key) - 1) / len(key))


def test_the_situation_shows_the_dossier_with_its_proposed_levels(variants):
    _, vs = variants
    text = get_generator("dossier_verification").describe(vs[0].scenario)
    assert "| Mức đề nghị |" in text and "Điểm tự chấm" in text and "hcm-2014" in text
    for sid in vs[0].answers["doi_tuong"].value:
        assert f"| {sid} |" in text
