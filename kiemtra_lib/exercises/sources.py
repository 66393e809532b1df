"""The source's own words for a rule (``source_words.yaml``): what practice hints quote and what the options of a
rule question show beside the course's rule id, so that a trainee learns the clause of the document, not only the
course's code for it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError

__all__ = ["Quote", "source_words", "quote_text", "rule_option_label"]

_FILE = Path(__file__).with_name("source_words.yaml")


@dataclass(frozen=True)
class Quote:
    doc: str
    clause: str
    words: str

    def text(self) -> str:
        return f"{self.doc} {self.clause}: «{' '.join(self.words.split())}»"


@lru_cache(maxsize=1)
def _all() -> dict[str, tuple[Quote, ...]]:
    data = yaml.safe_load(_FILE.read_text(encoding="utf-8")) or {}
    return {rid: tuple(Quote(str(q["doc"]), str(q["clause"]), str(q["words"])) for q in quotes)
            for rid, quotes in data.items()}


def source_words(rule_id: str) -> tuple[Quote, ...]:
    """The seed excerpts for ``rule_id`` (empty when the rule's source is not among the seeds)."""
    return _all().get(rule_id, ())


def quote_text(rule_id: str, ruleset: Any = None) -> str:
    """The source's words for a rule, or, where the seeds do not hold its source, the course's summary of it,
    labelled as a summary with the citation (never passed off as the document's words)."""
    quotes = source_words(rule_id)
    if quotes:
        return "; ".join(q.text() for q in quotes)
    from ..rules import get_ruleset

    rs = get_ruleset(ruleset or "hcm-2014")
    try:
        rule = rs.rule(rule_id)
    except InputError:  # an id the rule set does not know: say so rather than invent words for it
        return f"{rule_id}: (không có trong bộ quy tắc {rs.name})"
    return f"{rule.cite()} (tóm tắt của khoá học, không phải nguyên văn): {' '.join(rule.summary.split())}"


def rule_option_label(rule_id: str, ruleset: Any = None) -> str:
    """How a rule question offers a rule: the clause of the document and its words, then the course's id."""
    quotes = source_words(rule_id)
    if quotes:
        q = quotes[0]
        return f"{q.doc} {q.clause}: «{' '.join(q.words.split())}» ({rule_id})"
    from ..rules import get_ruleset

    rs = get_ruleset(ruleset or "hcm-2014")
    try:
        rule = rs.rule(rule_id)
    except InputError:
        return rule_id
    return f"{rule.cite()}: {rule.title} — tóm tắt: {' '.join(rule.summary.split())} ({rule_id})"
