"""Each rule id leads to one module: every module of kiemtra_lib that implements rules declares them in a top-level
``RULES = (...)``; for each rule set, the union of the declarations is exactly the rule ids of its data, and no id is
declared by two modules. The declarations are read from the source (no import), so a module being written by
someone else cannot break this test by what it imports."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

from kiemtra_lib import available_rulesets, load_ruleset

PACKAGE = Path(__file__).resolve().parents[1] / "kiemtra_lib"


def _declarations() -> dict[str, tuple[str, ...]]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "RULES" for t in node.targets):
                out[str(path.relative_to(PACKAGE.parent))] = tuple(ast.literal_eval(node.value))
    return out


DECLARED = _declarations()


def test_no_rule_id_is_declared_by_two_modules():
    counts = Counter(rid for ids in DECLARED.values() for rid in ids)
    twice = {rid: [m for m, ids in DECLARED.items() if rid in ids] for rid, c in counts.items() if c > 1}
    assert twice == {}


def test_every_declared_id_is_a_rule_of_some_rule_set():
    known = set().union(*(load_ruleset(name).rules for name in available_rulesets()))
    unknown = {m: sorted(set(ids) - known) for m, ids in DECLARED.items() if set(ids) - known}
    assert unknown == {}


@pytest.mark.parametrize("name", available_rulesets())
def test_the_declarations_cover_exactly_the_rule_ids_of_the_rule_set(name):
    ids = set(load_ruleset(name).rules)
    declared = {rid for decl in DECLARED.values() for rid in decl if rid in ids}
    assert sorted(ids - declared) == []


def test_r_m2_k3_and_the_vote_count_each_have_one_home():
    home = {rid: [m for m, ids in DECLARED.items() if rid in ids] for rid in ("R-M2", "K3", "R-M9", "T3", "DF4")}
    assert home == {"R-M2": ["kiemtra_lib/rating/quota.py"], "K3": ["kiemtra_lib/review.py"],
                    "R-M9": ["kiemtra_lib/rating/votes.py"], "T3": ["kiemtra_lib/timeline/plan.py"],
                    "DF4": ["kiemtra_lib/discipline/limitation.py"]}
