"""Forms of discipline (DF1) and the severity of consequences (DF10), read from the rule data.

DF1 (QĐ 69-QĐ/TW Điều 7; Điều lệ Đảng Điều 35 khoản 2): lightest first. An organisation: khiển trách, cảnh cáo,
giải tán. An official member: khiển trách, cảnh cáo, cách chức (only with a post), khai trừ. A probationary member:
khiển trách, cảnh cáo.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..rules import RuleSet, get_ruleset

__all__ = ["RULES", "Form", "forms", "as_form", "SUBJECTS", "SUBJECT_LABELS", "FORM_SLUGS", "subject_forms",
           "check_subject", "severity_info"]

#: The rule ids this module implements (tests/test_rule_declarations.py).
RULES = ("DF1", "DF10")

SUBJECTS = ("dang_vien", "to_chuc")
SUBJECT_LABELS = {"dang_vien": "đảng viên", "to_chuc": "tổ chức đảng"}
FORM_SLUGS = ("khien_trach", "canh_cao", "cach_chuc", "khai_tru", "giai_tan")


@dataclass(frozen=True, order=True)
class Form:
    """One form of discipline: its slug and Vietnamese label; ``rank`` orders a subject's forms, lightest = 0."""

    rank: int
    slug: str
    label: str

    def __str__(self) -> str:
        return self.label


def check_subject(subject: Any) -> str:
    if isinstance(subject, str) and subject in SUBJECTS:
        return subject
    raise InputError("đối tượng kỷ luật", subject, allowed=[f"{s} ({SUBJECT_LABELS[s]})" for s in SUBJECTS])


def subject_forms(rs: RuleSet, subject: str, *, official: bool = True) -> list[str]:
    """Every form slug that exists for the subject, lightest first (cách chức included, whatever the post)."""
    if subject == "to_chuc":
        return list(rs.value("DF1", "to_chuc"))
    return list(rs.value("DF1", "dang_vien_chinh_thuc" if official else "dang_vien_du_bi"))


def forms(subject: str, *, official: bool = True, holds_post: bool = False,
          ruleset: "str | RuleSet" = "hcm-2014") -> list[Form]:
    """The forms that may apply to ``subject``, lightest first (DF1).

    >>> [f.slug for f in forms("dang_vien", holds_post=True)]
    ['khien_trach', 'canh_cao', 'cach_chuc', 'khai_tru']
    >>> [f.label for f in forms("dang_vien")]
    ['Khiển trách', 'Cảnh cáo', 'Khai trừ']
    >>> [f.label for f in forms("to_chuc")]
    ['Khiển trách', 'Cảnh cáo', 'Giải tán']
    """
    rs = get_ruleset(ruleset)
    subject = check_subject(subject)
    labels = rs.value("DF1", "labels")
    needs_post = set(rs.value("DF1", "needs_post"))
    slugs = [s for s in subject_forms(rs, subject, official=bool(official))
             if subject == "to_chuc" or holds_post or s not in needs_post]
    return [Form(rank=i, slug=s, label=labels[s]) for i, s in enumerate(slugs)]


def as_form(value: Any, subject: str, *, official: bool = True, holds_post: bool | None = False,
            field: str = "hình thức kỷ luật", ruleset: "str | RuleSet" = "hcm-2014") -> Form:
    """A slug or a ``Form`` checked against the subject's forms (DF1); ``holds_post=None``: post not known."""
    rs = get_ruleset(ruleset)
    subject = check_subject(subject)
    slug = value.slug if isinstance(value, Form) else value
    labels = rs.value("DF1", "labels")
    if not isinstance(slug, str) or slug not in labels:
        raise InputError(field, value, allowed=list(labels), rule_id="DF1")
    available = forms(subject, official=official, holds_post=True if holds_post is None else holds_post,
                      ruleset=rs)
    for f in available:
        if f.slug == slug:
            return f
    who = SUBJECT_LABELS[subject] if subject == "to_chuc" else (
        "đảng viên chính thức" if official else "đảng viên dự bị")
    why = f"Hình thức «{labels[slug]}» không áp dụng với {who}"
    if slug in rs.value("DF1", "needs_post") and subject == "dang_vien" and official:
        why = f"Hình thức «{labels[slug]}» chỉ áp dụng với đảng viên có chức vụ"
    raise InputError(field, slug, allowed=[f.slug for f in available], why=why, rule_id="DF1")


def severity_info(rs: RuleSet, severity: Any, subject: str | None = None) -> dict:
    """The DF10 entry of a severity slug (label, step, status), or ``InputError``; for ``subject``, its own step
    and status where the rule data gives one (``by_subject``: «rất nghiêm trọng» for an organisation)."""
    table = rs.value("DF10", "severities")
    if not isinstance(severity, str) or severity not in table:
        raise InputError("mức độ hậu quả", severity,
                         allowed=[f"{k} ({v['label']})" for k, v in table.items()], rule_id="DF10")
    entry = dict(table[severity])
    own = (entry.pop("by_subject", None) or {}).get(subject)
    if own:
        entry.update(own, by_subject_step=True)
    return entry
