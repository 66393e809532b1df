"""What a member's discipline does to the year-end rating (D6): of the member (R-M5) and of the organisation (R-O3,
R-O5). Whether the discipline still counts is ``discipline_in_force`` (DF11), the same function the rating uses.

The seeds speak of a member "đang chấp hành kỷ luật ... trong thời hạn 1 năm" (R-M5) and of an organisation where a
member "bị kỷ luật" (R-O3, R-O5), in the year under review. The course reads both with the one 12-month window of
DF11, counted back from the review date, so the member and the organisation never disagree about one discipline.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd

from ..dates import as_date, fmt_date
from ..errors import InputError
from ..rules import Reason, RuleSet, get_ruleset
from ..schema import MEMBERS, ORGANISATIONS
from ..vocabulary import yes_no
from .forms import Form, as_form
from .in_force import discipline_end_date, discipline_in_force
from .render import flag_line, html_block

__all__ = ["RULES", "Discipline", "RatingEffects", "rating_effects", "record_discipline", "AUTHORITIES", "MEMBER_LEVEL_LABELS",
           "ORG_LEVEL_LABELS"]

#: The rule ids this module implements (tests/test_rule_declarations.py).
RULES = ("D6",)

AUTHORITIES = {"dang": "kỷ luật đảng", "chinh_quyen": "kỷ luật chính quyền", "doan_the": "kỷ luật đoàn thể"}
# Level codes as kiemtra_lib.rating writes them (MemberLevel.KHT, OrgLevel.YEU_KEM, OrgLevel.HT).
MEMBER_LEVEL_LABELS = {"KHT": "Không hoàn thành nhiệm vụ"}
ORG_LEVEL_LABELS = {"YEU_KEM": "Yếu kém", "HT": "Hoàn thành nhiệm vụ"}


@dataclass(frozen=True)
class Discipline:
    """A discipline of a party member, as the rating needs it.

    ``announced``: the day the decision was announced (DF11 counts from it); ``form``: the party form (a member's
    slug or ``Form``), None for a state or mass-organisation discipline; ``authority``: "dang", "chinh_quyen" or
    "doan_the" (R-M5 counts all three); ``corruption``: the violation was corruption, negative conduct or
    degradation (R-O5); ``committee_leader``: a committee member who is head or deputy of a department or above, or
    of a mass organisation (R-O3); ``self_detected``: the party organisation found and dealt with it itself (R-O3).
    """

    announced: Any
    form: Any = None
    authority: str = "dang"
    corruption: bool = False
    committee_leader: bool = False
    self_detected: bool = False

    def __post_init__(self):
        object.__setattr__(self, "announced", as_date(self.announced, "ngày công bố quyết định kỷ luật"))
        if self.authority not in AUTHORITIES:
            raise InputError("cấp kỷ luật", self.authority, allowed=[f"{k} ({v})" for k, v in AUTHORITIES.items()])
        if self.authority == "dang":
            if self.form is None:
                raise InputError("hình thức kỷ luật", None, why="Kỷ luật đảng cần hình thức",
                                 allowed=["khien_trach", "canh_cao", "cach_chuc", "khai_tru"])
            object.__setattr__(self, "form", as_form(self.form, "dang_vien", holds_post=None))
        elif self.form is not None and not isinstance(self.form, str):
            raise InputError("hình thức kỷ luật", self.form, allowed="tên hình thức (chữ) hoặc để trống")
        for name in ("corruption", "committee_leader", "self_detected"):
            if not isinstance(getattr(self, name), bool):
                raise InputError(name, getattr(self, name), allowed="True hoặc False")

    @classmethod
    def from_value(cls, value: Any) -> "Discipline":
        if isinstance(value, cls):
            return value
        if isinstance(value, Mapping):
            names = {f.name for f in dataclasses.fields(cls)}
            unknown = sorted(set(value) - names)
            if unknown:
                raise InputError("trường của kỷ luật", unknown[0], allowed=sorted(names))
            if "announced" not in value:
                raise InputError("trường của kỷ luật", "announced", why="Thiếu ngày công bố")
            return cls(**dict(value))
        raise InputError("kỷ luật", type(value).__name__, allowed="một Discipline hoặc một dict")

    def label(self) -> str:
        form = self.form.label if isinstance(self.form, Form) else (self.form or "")
        return f"{AUTHORITIES[self.authority]} {form.lower()}".strip() + f" công bố ngày {fmt_date(self.announced)}"


@dataclass(frozen=True)
class RatingEffects:
    """The effects of one discipline on the rating at ``review_date``, with reasons (rule ids) and flags."""
    discipline: Discipline
    review_date: dt.date
    in_force: bool
    ends_on: dt.date | None
    member_level: str | None
    org_level: str | None
    org_cap: str | None
    reasons: tuple[Reason, ...]
    flags: tuple[str, ...] = ()

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.rule_id for r in self.reasons))

    def _rows(self) -> list[tuple[str, str]]:
        return [("Kỷ luật", self.discipline.label()), ("Ngày đánh giá", fmt_date(self.review_date)),
                ("Còn trong thời hạn", yes_no(self.in_force)),
                ("Đảng viên", MEMBER_LEVEL_LABELS.get(self.member_level, "không bị ảnh hưởng bởi kỷ luật này")),
                ("Tổ chức", "; ".join(x for x in (
                    ORG_LEVEL_LABELS["YEU_KEM"] if self.org_level == "YEU_KEM" else "",
                    f"tối đa {ORG_LEVEL_LABELS[self.org_cap]}" if self.org_cap else "") if x)
                 or "không bị ảnh hưởng bởi kỷ luật này")]

    def __str__(self) -> str:
        lines = ["Ảnh hưởng của kỷ luật tới xếp loại"] + [f"{k}: {v}" for k, v in self._rows()] + ["Lý do:"]
        lines += [f"- {r}" for r in self.reasons]
        lines += [f"- {flag_line(f)}" for f in self.flags]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return html_block("Ảnh hưởng của kỷ luật tới xếp loại", self._rows(), self.reasons, self.flags)


def _cite(rs: RuleSet, rule_id: str, text: str, fact: str | None = None) -> Reason:
    """Cite a rating rule (defined in rating.yaml); where a rule set lacks it, cite D6, which summarises it."""
    if rule_id in rs.rules:
        return rs.reason(rule_id, text, fact)
    return rs.reason("D6", f"{text} ({rule_id})", fact)


def rating_effects(discipline: Any, review_date: Any, *, ruleset: "str | RuleSet" = "hcm-2014") -> RatingEffects:
    """What ``discipline`` does to the year-end rating at ``review_date`` (D6 with R-M5, R-O3, R-O5).

    >>> e = rating_effects({"announced": "15/11/2025", "form": "khien_trach"}, "14/11/2026")
    >>> e.in_force, e.member_level
    (True, 'KHT')
    >>> rating_effects({"announced": "15/11/2025", "form": "khien_trach"}, "15/11/2026").member_level is None
    True
    """
    rs = get_ruleset(ruleset)
    d = Discipline.from_value(discipline)
    review = as_date(review_date, "ngày đánh giá")
    in_force = discipline_in_force(d.announced, review, ruleset=rs)
    ends_on = discipline_end_date(d.announced, ruleset=rs)
    reasons: list[Reason] = []
    flags: list[str] = []
    member_level = org_level = org_cap = None
    expelled = isinstance(d.form, Form) and d.form.slug in rs.value("DF11", "not_for")
    what = d.label()
    months = int(rs.value("DF11", "months"))  # the term of a discipline (R-M5 says "1 năm": 12 months, DF11)
    if in_force:
        reasons.append(rs.reason("DF11", f"{what[0].upper()}{what[1:]}: ngày đánh giá {fmt_date(review)} còn trong {months} "
                                         f"tháng (kỷ luật tự chấm dứt ngày {fmt_date(ends_on)}).", fmt_date(ends_on)))
    else:
        reasons.append(rs.reason("DF11", f"{what[0].upper()}{what[1:]}: đã tự chấm dứt hiệu lực ngày "
                                         f"{fmt_date(ends_on)}, trước hoặc đúng ngày đánh giá {fmt_date(review)}.",
                                 fmt_date(ends_on)))
    if expelled:
        reasons.append(rs.reason("DF11", f"{d.form.label} không tự chấm dứt sau {months} tháng; người bị khai trừ không "
                                         f"còn là đảng viên nên không xếp loại đảng viên.", d.form.slug))
        flags.append("khai_tru_khong_tu_cham_dut")
    elif in_force:
        member_level = "KHT"
        reasons.append(_cite(rs, "R-M5", f"Đảng viên đang chấp hành kỷ luật trong thời hạn {months} tháng: xếp loại "
                                         "Không hoàn thành nhiệm vụ.", member_level))
    else:
        reasons.append(_cite(rs, "R-M5", f"Kỷ luật đã hết thời hạn {months} tháng: không còn là căn cứ xếp Không hoàn thành "
                                         "nhiệm vụ (các căn cứ khác vẫn xét bình thường)."))
    if in_force and d.corruption:
        org_level = "YEU_KEM"
        reasons.append(_cite(rs, "R-O5", "Để xảy ra tham nhũng, tiêu cực, suy thoái đến mức có đảng viên bị kỷ luật: "
                                         "tổ chức xếp loại Yếu kém.", org_level))
    if in_force and d.committee_leader:
        if d.self_detected:
            reasons.append(_cite(rs, "R-O3", "Cấp ủy viên là trưởng, phó bị kỷ luật nhưng do tổ chức đảng chủ động phát "
                                             "hiện, xử lý: không cản trở mức Hoàn thành tốt nhiệm vụ."))
        else:
            org_cap = "HT"
            nest = rs.parameters.get("ro8_levels_nest")
            tail = " (R-O8: Trong sạch vững mạnh cũng cần điều kiện này)" if nest is None or nest.value else ""
            reasons.append(_cite(rs, "R-O3", "Cấp ủy viên là trưởng, phó phòng trở lên hoặc trưởng, phó đoàn thể bị kỷ "
                                             "luật, không do tổ chức đảng chủ động phát hiện: tổ chức không đạt Hoàn "
                                             f"thành tốt nhiệm vụ, tối đa Hoàn thành nhiệm vụ{tail}.", org_cap))
    return RatingEffects(discipline=d, review_date=review, in_force=in_force, ends_on=ends_on,
                         member_level=member_level, org_level=org_level, org_cap=org_cap, reasons=tuple(reasons),
                         flags=tuple(flags))


def record_discipline(members: Any, organisations: Any, member_id: str, *, announced: Any, corruption: bool = False,
                      committee_leader: bool = False, self_detected: bool = False):
    """The rating tables after the competent body's decision, as the shared schema records it (D6): the member's
    ``discipline_date``; for the member's chi bộ, ``corruption_discipline`` (R-O5) and ``leader_disciplined`` /
    ``self_detected`` (R-O3) when those facts hold. Nothing is decided here: the facts are inputs."""


    m, o = MEMBERS.validate(members), ORGANISATIONS.validate(organisations)
    hit = m["member_id"] == str(member_id)
    if not hit.any():
        raise InputError("mã đảng viên", member_id, allowed=list(m["member_id"]))
    m.loc[hit, "discipline_date"] = pd.Timestamp(as_date(announced, "ngày công bố kỷ luật"))
    at = o["org_id"] == m.loc[hit, "chi_bo_id"].iloc[0]
    if corruption:
        o.loc[at, "corruption_discipline"] = True
    if committee_leader:
        o.loc[at, "leader_disciplined"] = True
        o.loc[at, "self_detected"] = bool(self_detected)
    return m, o
