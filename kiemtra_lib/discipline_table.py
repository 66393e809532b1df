"""``assess`` over a table of cases (exercises, datasets): one row per case, every bad row reported at once."""

from __future__ import annotations

from typing import Any

from .dates import fmt_date
from .discipline_assess import DisciplineCase, assess
from .errors import InputError
from .rules import RuleSet

__all__ = ["assess_table"]


def _clean(row: dict) -> dict:
    """Empty cells (NaN, NaT, "") of optional columns are "not given"."""
    import pandas as pd

    out = {}
    for k, v in row.items():
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        if not isinstance(v, (list, tuple, set, frozenset)) and pd.api.types.is_scalar(v) and pd.isna(v):
            continue
        out[k] = v
    return out


def assess_table(cases: Any, *, calendar=None, ruleset: "str | RuleSet" = "hcm-2014"):
    """Assess every row of ``cases`` (a DataFrame or a list of dicts with ``DisciplineCase`` columns).

    Returns a DataFrame with the same index: outcome, form, severity_forms, direction, limitation_end (dd/mm/yyyy or
    ""), time_barred, rule_ids, flags. Bad rows raise one ``InputError`` listing them all, each with its row label.

    >>> t = assess_table([{"subject": "to_chuc", "violation_date": "15/06/2020", "decision_date": "01/07/2025",
    ...                    "severity": "it_nghiem_trong"}])
    >>> t.loc[0, "form"], t.loc[0, "limitation_end"], bool(t.loc[0, "time_barred"])
    ('khien_trach', '16/06/2025', True)
    """
    import pandas as pd

    frame = cases if isinstance(cases, pd.DataFrame) else pd.DataFrame(list(cases))
    rows, problems = {}, []
    for label, raw in frame.iterrows():
        try:
            a = assess(DisciplineCase.from_value(_clean(raw.to_dict())), calendar=calendar, ruleset=ruleset)
        except InputError as err:
            problems += [p.__class__(p.field, p.value, p.allowed, label, p.why) for p in err.problems]
            continue
        rows[label] = {"outcome": a.outcome, "form": a.form.slug,
                       "severity_forms": ";".join(f.slug for f in a.severity_forms),
                       "direction": a.direction or "",
                       "limitation_end": fmt_date(a.limitation_end) if a.limitation_end else "",
                       "time_barred": a.time_barred, "rule_ids": ";".join(a.rule_ids), "flags": ";".join(a.flags)}
    if problems:
        raise InputError.many(problems)
    columns = ["outcome", "form", "severity_forms", "direction", "limitation_end", "time_barred", "rule_ids", "flags"]
    return pd.DataFrame.from_dict(rows, orient="index", columns=columns).reindex(frame.index).astype(
        {"time_barred": bool})
