"""The one place that ties a rule set to the code that rates under it.

``kiemtra_lib.rating.rate_member``, ``rate_organisation``, ``explain`` and ``revise`` resolve the rule set, look its
engine up in ``ENGINES`` and call the engine's function of the same name with the resolved ``RuleSet``. An engine
is a module defining those four functions; a new rule set joins with one line in ``ENGINES``.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from ..errors import InputError
from ..rules import DEFAULT_RULESET, RuleSet, get_ruleset

__all__ = ["ENGINES", "engine", "rate_member", "rate_organisation", "explain", "revise"]

#: rule set name -> module of its rating engine (imported when first used).
ENGINES: dict[str, str] = {
    "hcm-2014": "kiemtra_lib.rating.hcm_2014",
    "qd366-2025": "kiemtra_lib.rating.qd366",
}


def engine(ruleset: "str | RuleSet") -> tuple[ModuleType, RuleSet]:
    """The engine module of a rule set, and the rule set itself (loaded, with its parameters)."""
    rs = get_ruleset(ruleset)
    if rs.name not in ENGINES:
        raise InputError("bộ quy tắc (ruleset)", rs.name, allowed=sorted(ENGINES),
                         why="chưa có cách xếp loại theo bộ quy tắc này")
    return importlib.import_module(ENGINES[rs.name]), rs


def _ruleset_of(result: Any, ruleset: "str | RuleSet | None") -> "str | RuleSet":
    """An explicit ``ruleset`` wins; otherwise the rule set a result was computed under (``result._rs`` keeps its
    parameters, ``result.ruleset`` is its name)."""
    if ruleset is not None:
        return ruleset
    if isinstance(getattr(result, "_rs", None), RuleSet):
        return result._rs
    if hasattr(result, "ruleset_label") and isinstance(getattr(result, "ruleset", None), str):
        return result.ruleset
    return DEFAULT_RULESET


def rate_member(member: Any, *, ruleset: "str | RuleSet" = DEFAULT_RULESET, **facts: Any):
    """Rate one member alone under ``ruleset`` (for ``hcm-2014``: ``official_members=``, ``review_date=``; see
    ``kiemtra_lib.rating.rate.rate_member``)."""
    mod, rs = engine(ruleset)
    return mod.rate_member(member, ruleset=rs, **facts)


def rate_organisation(members: Any, organisations: Any, *, ruleset: "str | RuleSet" = DEFAULT_RULESET,
                      **facts: Any):
    """Rate a đảng bộ or a chi bộ and its members under ``ruleset`` (for ``hcm-2014``: ``review_date=``; see
    ``kiemtra_lib.rating.rate.rate_organisation``)."""
    mod, rs = engine(ruleset)
    return mod.rate_organisation(members, organisations, ruleset=rs, **facts)


def explain(subject: Any, key: str | None = None, *, ruleset: "str | RuleSet | None" = None, **facts: Any):
    """What would have to change for the next level up (``kiemtra_lib.rating.explanation.explain``); a result is
    explained under the rule set it was computed with."""
    mod, rs = engine(_ruleset_of(subject, ruleset))
    return mod.explain(subject, key, ruleset=rs, **facts)


def revise(previous: Any, members: Any, organisations: Any, *, ruleset: "str | RuleSet | None" = None,
           **facts: Any):
    """R-O6 and its kin: a rating revoked and redone on corrected data, under the previous result's rule set."""
    if not all(hasattr(previous, a) for a in ("members", "organisations", "review_date")):
        raise InputError("kết quả trước (previous)", type(previous).__name__,
                         allowed="kết quả của rate_organisation (RatingResult)")
    mod, rs = engine(_ruleset_of(previous, ruleset))
    return mod.revise(previous, members, organisations, ruleset=rs, **facts)
