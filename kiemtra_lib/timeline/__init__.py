"""Inspection timelines: the 13 steps of T1, the time limit of T3, and the other T rules' deadlines.

Every date here is counted as RULES.md "Counting days" says, with the choices left open kept as rule-set parameters
(``t3_day_kind``, ``t3_anchor``, ``t3_end_roll``, ``t4_day_kind``, ``t4_roll``, ``t5_notice_roll``,
``t8_before_inclusive``): the day that starts a limit is not counted, a limit of N days ends at the end of the Nth day
after it, and working days come from ``kiemtra_lib.calendar``.

>>> plan = plan_inspection("co_so", "02/03/2026")
>>> plan.allowed_days, plan.max_extension_days, fmt_date(plan.deadline)
(20, 6, '22/03/2026')
>>> fmt_date(sync_deadline("ky_luat_chinh_quyen_doan_the", "02/03/2026"))  # 07/03 is a Saturday
'09/03/2026'
"""

from __future__ import annotations

from ..dates import fmt_date  # noqa: F401  (the doctest above uses it)
from ._common import LEVELS, Check, Deadline
from .coverage import TermCoverage, subordinate_coverage, subordinates, term_coverage
from .deadlines import SYNC_EVENTS, check_lookback, dossier_due, lookback_start, sync_deadline
from .plan import STEP_STATUS, InspectionPlan, Progress, Step, StepProgress, default_schedule, plan_inspection
from .review_windows import check_review_date, review_calendar

__all__ = ["LEVELS", "STEP_STATUS", "SYNC_EVENTS", "Step", "InspectionPlan", "StepProgress", "Progress",
           "Deadline", "Check", "TermCoverage", "plan_inspection", "default_schedule", "lookback_start",
           "check_lookback", "dossier_due", "sync_deadline", "term_coverage", "subordinates", "subordinate_coverage",
           "review_calendar",
           "check_review_date"]
