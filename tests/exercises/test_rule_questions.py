"""Rule questions: scored per option (partial credit, as exercises/README.md documents) and asked by the clause of
the document with its words, not only by the course's ids; the words are the seeds' own, word for word."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from kiemtra_lib.exercises import load_specs
from kiemtra_lib.exercises.checking import check_answer, per_option_score
from kiemtra_lib.exercises.generators.base import Fact
from kiemtra_lib.exercises.sources import _all, quote_text, rule_option_label, source_words
from kiemtra_lib.exercises.variants import make_variants

from _exercises_support import EXERCISES

SEEDS = Path(os.environ.get("KIEMTRA_SEEDS", "/work/shared/seeds"))


# expected, chosen, points -> score, right, wrong (by hand: points/n per right option, minus as much per wrong one)
@pytest.mark.parametrize("expected, chosen, points, score, right, wrong", [
    (["R-M3", "R-M9"], ["R-M3", "R-M9"], 2, 2.0, 2, 0),
    (["R-M3", "R-M9"], ["R-M3"], 2, 1.0, 1, 0),
    (["R-M3", "R-M9"], ["R-M3", "R-M1"], 2, 0.0, 1, 1),
    (["R-M3", "R-M9"], ["R-M3", "R-M9", "R-M1"], 2, 1.0, 2, 1),
    (["R-M3", "R-M9", "R-M7"], ["R-M3", "R-M9"], 3, 2.0, 2, 0),
    (["T4"], ["T2", "T3", "T4", "T5"], 1, 0.0, 1, 3),   # choosing everything earns nothing
    (["T4"], [], 1, 0.0, 0, 0),
    ([], [], 1, 1.0, 0, 0),
    ([], ["DF2"], 1, 0.0, 0, 1),
])
def test_per_option_score_table(expected, chosen, points, score, right, wrong):
    assert per_option_score(expected, chosen, points) == (pytest.approx(score), right, wrong)


def _rules_question(scoring):
    return {"id": "qt", "kind": "rules", "prompt": "?", "points": 2.0, "feedback": {}, "scoring": scoring}


def test_partial_credit_in_check_answer_and_all_or_nothing_when_the_spec_says_so():
    fact = Fact(["R-M3", "R-M9"], ("R-M3", "R-M9"), "Vì...")
    fb = check_answer(_rules_question("per_option"), fact, ["R-M3"])
    assert fb.correct is False and fb.score == pytest.approx(1.0) and fb.wrong_kind == "thieu_quy_tac"
    assert fb.message.startswith("Đúng một phần: được 1/2 điểm")
    assert check_answer(_rules_question("all_or_nothing"), fact, ["R-M3"]).score == 0.0
    assert check_answer({**_rules_question(None), "scoring": None}, fact, ["R-M3"]).score == 0.0  # old keys
    assert check_answer(_rules_question("per_option"), fact, ["r-m9", "R-M3"]).correct is True


def test_every_spec_rule_question_is_scored_per_option_and_offers_clauses_with_their_words():
    specs = load_specs([EXERCISES])
    asked = 0
    for spec in specs:
        for q in spec.questions:
            if q.kind != "rules":
                continue
            assert q.scoring == "per_option", (spec.id, q.id)
            v = make_variants(spec, ["HV001"], 1)[0]
            pub = next(p for p in v.questions if p["id"] == q.id)
            assert [o[0] for o in pub["options"]] == pub["choices"]
            from kiemtra_lib.rules import get_ruleset

            known = get_ruleset(spec.ruleset).rules
            for rid, label in pub["options"]:
                if rid not in known:  # a spec's own choices that are not rule ids (members, say) stay as they are
                    assert label == rid
                    continue
                asked += 1
                assert label.endswith(f"({rid})") and label != rid
                quotes = source_words(rid)
                if quotes:  # the clause of the document and its words
                    assert label.startswith(f"{quotes[0].doc} {quotes[0].clause}: «")
                else:  # no seed holds it: the course's summary, said to be one
                    assert "tóm tắt" in label
    assert asked > 40


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents (../shared/seeds, KIEMTRA_SEEDS) are not here")
def test_every_quote_is_the_seeds_own_words():
    seeds = {p.name[:3]: _norm(p.read_text(encoding="utf-8", errors="replace")) for p in SEEDS.glob("*.txt")}
    quotes = [(rid, q) for rid, qs in _all().items() for q in qs]
    assert len(quotes) > 30
    for rid, q in quotes:
        assert _norm(q.words) in seeds[q.doc], (rid, q.words)


def test_quotes_cite_the_clause_the_rule_set_cites():
    from kiemtra_lib.rules import get_ruleset

    rs = get_ruleset("hcm-2014")
    for rid, qs in _all().items():
        cited = rs.rule(rid).cite()
        for q in qs:
            assert q.doc in cited, (rid, q.doc, cited)


def test_a_rule_without_a_seed_is_summarised_and_labelled_so():
    text = quote_text("DF2")
    assert "tóm tắt của khoá học, không phải nguyên văn" in text and "QĐ 69-QĐ/TW" in text
    assert "(không có trong bộ quy tắc" in quote_text("R-ZZ")
    assert rule_option_label("R-ZZ") == "R-ZZ"
