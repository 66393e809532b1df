"""``assess`` over a table of cases (exercises, datasets): one row per case, every bad row reported at once."""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd

from ..dates import as_date, fmt_date, is_missing
from ..errors import InputError
from ..rules import RuleSet
from ..schema import _as_frame
from ..vocabulary import parse_yes_no
from .assess import DisciplineCase, assess

__all__ = ["assess_table"]


_BOOL_COLUMNS = ("official", "holds_post", "criminal_proceedings", "inspection_or_audit_report")


def _clean(row: dict) -> dict:
    """Empty cells (NaN, NaT, "") of optional columns are "not given"; yes/no written as text become booleans."""
    out = {}
    for k, v in row.items():
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        if not isinstance(v, (list, tuple, set, frozenset)) and pd.api.types.is_scalar(v) and pd.isna(v):
            continue
        if k in _BOOL_COLUMNS and isinstance(v, str):
            yes = parse_yes_no(v)  # a CSV read as text: the spellings of kiemtra_lib.vocabulary
            v = v if yes is None else yes
        out[k] = v
    return out


_CASE_COLUMNS = tuple(f.name for f in dataclasses.fields(DisciplineCase))


def assess_table(cases: Any, *, decision_date: Any = None, calendar=None, ruleset: "str | RuleSet" = "hcm-2014"):
    """Assess every row of ``cases`` (a DataFrame or a list of dicts with ``DisciplineCase`` columns).

    Other columns (ids, the form decided, a summary) are left alone; a row without its own ``decision_date`` (a case
    still under consideration) is assessed on ``decision_date`` when one is given.

    Returns a DataFrame with the same index: outcome, form, severity_forms, direction, limitation_end (dd/mm/yyyy or
    ""), time_barred, rule_ids, flags. Bad rows raise one ``InputError`` listing them all, each with its row label.

    >>> t = assess_table([{"subject": "to_chuc", "violation_date": "15/06/2020", "decision_date": "01/07/2025",
    ...                    "severity": "it_nghiem_trong"}])
    >>> t.loc[0, "form"], t.loc[0, "limitation_end"], bool(t.loc[0, "time_barred"])
    ('khien_trach', '16/06/2025', True)
    """


    frame = _as_frame(cases, "vụ việc kỷ luật")
    default_day = None if is_missing(decision_date) else as_date(decision_date, "ngày xem xét, quyết định")
    rows, problems = {}, []
    for label, raw in frame.iterrows():
        row = _clean({k: v for k, v in raw.to_dict().items() if k in _CASE_COLUMNS})
        if default_day is not None:
            row.setdefault("decision_date", default_day)
        try:
            a = assess(DisciplineCase.from_value(row), calendar=calendar, ruleset=ruleset)
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
