"""Rule set ``qd366-2025``: rating under Quy định 366-QĐ/TW (30/8/2025) and Hướng dẫn 43-HD/BTCTW (31/10/2025), the
rules in force, beside ``hcm-2014`` (the seeds' 2014 city plan). Rules N1–N17 of RULES.md, as data in
``kiemtra_lib/rulesets/qd366-2025/``; each module here declares the rule ids it implements (``RULES``).

The engine of ``dispatch.ENGINES``: reach it through ``kiemtra_lib.rating.rate_member(..., ruleset="qd366-2025")`` and ``rate_organisation``.
"""

from __future__ import annotations

from .compare import RulesetComparison, compare_rulesets
from .explain import explain, revise
from .schedule import draft_report_due, review_schedule
from .rate import (FLAG, FLAG_LABEL, NO_LEVEL_LABEL, Decision366, RatingResult366, rate_member,
                   rate_organisation)

__all__ = ["rate_member", "rate_organisation", "explain", "revise", "compare_rulesets", "RulesetComparison", "draft_report_due", "review_schedule", "RatingResult366", "Decision366", "FLAG",
           "FLAG_LABEL", "NO_LEVEL_LABEL"]

RULES = ()
