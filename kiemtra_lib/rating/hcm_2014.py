"""The rating engine of rule set ``hcm-2014`` (the city's 2014 plan, seed 004 §IV): the four functions that
``kiemtra_lib.rating.dispatch`` calls for it. The rules themselves live in the modules named by their ``RULES``."""

from __future__ import annotations

from .explanation import explain, revise
from .rate import rate_member, rate_organisation

__all__ = ["rate_member", "rate_organisation", "explain", "revise"]
