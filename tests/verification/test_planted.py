"""Planted dossiers (lesson 09, the exercise): under both rule sets, the answer key is what the check finds, and
every kind the rule set can carry is planted for some seed."""

from __future__ import annotations

import pytest

from kiemtra_lib import InputError, verification


@pytest.mark.parametrize("ruleset", ["hcm-2014", "qd366-2025"])
def test_the_key_is_what_the_check_finds_and_every_kind_appears(ruleset):
    seen = set()
    for seed in range(6):
        p = verification.planted_dossier(seed, ruleset=ruleset)
        again = verification.verify(p.data, review_date=p.review_date)
        assert sorted(zip(again.table["kind"], again.table["subject_id"])) == \
            sorted(zip(p.answers["kind"], p.answers["subject_id"]))
        assert again.ruleset == ruleset
        seen |= set(p.answers["kind"])
    expected = set(verification.PLANTABLE) - ({"vuot_chi_tieu"} if ruleset == "qd366-2025" else set())
    if ruleset == "qd366-2025":
        expected.discard("nop_ho_so_muon")  # no deadline for the dossier under qd366-2025 (the note says so)
    assert expected <= seen


def test_an_unknown_kind_is_refused():
    with pytest.raises(InputError):
        verification.planted_dossier(1, kinds=["sai_khac"])
