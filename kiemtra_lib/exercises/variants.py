"""One trainee's variant of one exercise: drawn parameters, scenario, the library's answers, and a digest that ties
the notebook, the key and the submission together."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from ..rules import get_ruleset
from ._util import digest, item_seed
from .generators.base import Fact, get_generator
from .sources import rule_option_label
from .spec import Spec, draw_params, scenario_rng

__all__ = ["Variant", "make_variant", "make_variants", "variant_digest", "public_questions", "solve_questions"]


@dataclass(frozen=True)
class Variant:
    spec_id: str
    trainee_id: str
    params: Mapping[str, Any]
    scenario: Mapping[str, Any]
    digest: str
    answers: Mapping[str, Fact]          # question id -> the library's answer (auto-graded questions only)
    questions: tuple[dict, ...]          # the questions as the trainee sees them (with options, no answers)

    def key_entry(self) -> dict:
        return {"digest": self.digest, "params": dict(self.params), "scenario": dict(self.scenario),
                "answers": {q: f.as_dict() for q, f in self.answers.items()}}


def variant_digest(spec_fingerprint: str, trainee_id: str, class_seed: int, scenario: Mapping[str, Any]) -> str:
    return digest({"spec": spec_fingerprint, "trainee_id": trainee_id, "class_seed": int(class_seed),
                   "scenario": scenario})


def _pick(spec_public: Mapping[str, Any], facts: Mapping[str, Fact]) -> dict[str, Fact]:
    return {q["id"]: facts[q["answer"]] for q in spec_public["questions"] if q["kind"] != "text"}


def solve_questions(spec_public: Mapping[str, Any], scenario: Mapping[str, Any]) -> dict[str, Fact]:
    """Ask the library for the answer of every auto-graded question (what "Kiểm tra" and the build both use)."""
    gen = get_generator(spec_public["generator"])
    facts = gen.solve(dict(scenario), get_ruleset(spec_public.get("ruleset", "hcm-2014")))
    return _pick(spec_public, facts)


def public_questions(spec: Spec, answers: Mapping[str, Fact], class_seed: int, trainee_id: str) -> tuple[dict, ...]:
    """Questions with the options a widget shows; a plain ``choice`` question's options are shuffled with the
    question's own seed (so two questions never share an order by accident)."""
    out = []
    for q in spec.questions:
        pub = q.public()
        fact = answers.get(q.id)
        if q.kind == "rules" and q.choices is None and fact is not None and fact.choices:
            pub["choices"] = [c[0] for c in fact.choices]
        if q.kind == "rules" and pub.get("choices"):
            # each option is the clause of the document with its words, then the course's id
            pub["options"] = [[rid, rule_option_label(rid, spec.ruleset)] for rid in pub["choices"]]
        if q.kind in ("level", "form", "choice") and fact is not None and fact.choices:
            options = [list(c) for c in fact.choices]
            if q.kind == "choice":
                random.Random(item_seed(class_seed, spec.id, trainee_id, f"question:{q.id}")).shuffle(options)
            pub["options"] = options
        out.append(pub)
    return tuple(out)


def make_variant(spec: Spec, trainee_id: str, class_seed: int) -> Variant:
    """Draw (reproducibly) and solve one trainee's variant."""
    return make_variants(spec, [trainee_id], class_seed)[0]


def make_variants(spec: Spec, trainee_ids: Sequence[str], class_seed: int) -> list[Variant]:
    """Every trainee's variant of one exercise: each drawn with its own seeds, then solved together (one call of
    the library's vectorised function where the generator has one)."""
    gen = get_generator(spec.generator)
    drawn = []
    for tid in trainee_ids:
        params = draw_params(spec, class_seed, tid)
        drawn.append((tid, params, gen.generate(params, scenario_rng(spec, class_seed, tid))))
    public = spec.public()
    solved = gen.solve_all([dict(sc) for _, _, sc in drawn], get_ruleset(spec.ruleset))
    out = []
    for (tid, params, scenario), facts in zip(drawn, solved):
        answers = _pick(public, facts)
        out.append(Variant(spec_id=spec.id, trainee_id=tid, params=params, scenario=scenario,
                           digest=variant_digest(spec.fingerprint(), tid, class_seed, scenario), answers=answers,
                           questions=public_questions(spec, answers, class_seed, tid)))
    return out
