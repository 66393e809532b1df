"""Annual rating of party members and grassroots party organisations, rule set ``hcm-2014`` (seed 004 §IV).

``hcm-2014`` is a city's 2014 plan (Kế hoạch 146-KH/ĐU), what the seeds teach; it is not the national rules in force
today (Quy định 366-QĐ/TW, 2025). Every result says which rule set it used (``ruleset_label``).

- ``rate_member(member, official_members=..., review_date=...)``: one member alone (K3, K5, R-M1, R-M3…R-M5, R-M7,
  R-M9, R-M10 and the absences of R-M6): no quota, no organisation's level.
- ``rate_organisation(members, organisations, review_date=...)``: a đảng bộ or a chi bộ, in the order of R-O8:
  members, their chi bộ, the đảng bộ, then R-M6 and the quotas R-M2 and R-O2.
- ``explain(...)``: what would have to change for the next level up.

Each takes ``ruleset=`` and runs the engine of that rule set (``dispatch.ENGINES``).

>>> d = rate_member({"task_result": "tot", "votes_xuat_sac": 1, "votes_tot": 5, "votes_hoan_thanh": 1,
...                  "votes_khong_hoan_thanh": 0}, official_members=8, review_date="25/11/2014")
>>> d.level.label, d.rule_ids
('Hoàn thành tốt nhiệm vụ', ('R-M3',))
"""

from __future__ import annotations

from .dispatch import explain, rate_member, rate_organisation, revise
from .explanation import Explanation
from .results import FLAGS, Decision, MemberLevel, OrgLevel, RatingResult
from .qd366.compare import RulesetComparison, compare_rulesets

__all__ = ["rate_member", "rate_organisation", "explain", "Explanation", "Decision", "RatingResult", "MemberLevel",
           "OrgLevel", "FLAGS", "revise", "compare_rulesets", "RulesetComparison"]
