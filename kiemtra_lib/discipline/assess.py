"""Assessing a discipline case: the forms that may apply (DF1), the form the severity points to (DF10), the direction
the circumstances push (DF8, DF9), the cases not (yet) considered (DF7), the limitation period (DF2–DF6), and the
points the seeds ask the body to weigh (D1–D4).

Order (base rule, then labelled exceptions, as Catala writes them): 1) DF1 forms; 2) DF10 severity → form;
3) DF8/DF9 direction (no rule turns a count into steps: the step is the body's); 4) DF7 situations; 5) DF2–DF6
limitation of the indicated form and of every other form (the body votes first, then compares: DF6); 6) D1–D4.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

from ..dates import as_date, fmt_date, is_missing
from .forms import SUBJECT_LABELS, Form, as_form, check_subject, forms, severity_info
from .limitation import exempt_kinds, limitation, part_reason
from .render import flag_line, html_block
from ..errors import InputError
from ..rules import Reason, RuleSet, get_ruleset

__all__ = ["RULES", "DisciplineCase", "DisciplineAssessment", "assess", "OUTCOMES", "DIRECTIONS", "circumstances"]

#: The rule ids this module implements (tests/test_rule_declarations.py).
RULES = ("D1", "D2", "D3", "D4", "DF6", "DF7", "DF8", "DF9", "DF13")

OUTCOMES = {
    "xem_xet_ky_luat": "Xem xét kỷ luật",
    "het_thoi_hieu": "Hết thời hiệu ở hình thức theo mức độ hậu quả: không kỷ luật nếu cơ quan biểu quyết hình thức này",
    "chua_xem_xet": "Chưa xem xét kỷ luật",
    "khong_quyet_dinh_ky_luat": "Kết luận vi phạm, không quyết định kỷ luật",
    "mien_ky_luat": "Miễn kỷ luật",
}
DIRECTIONS = {
    "tang_nang": "phải xem xét tăng nặng",
    "giam_nhe": "được xem xét giảm nhẹ",
    "ca_hai": "có cả tình tiết tăng nặng (phải xem xét) và giảm nhẹ (được xem xét)",
}
_CASE_FIELDS_VI = {
    "subject": "đối tượng", "violation_date": "ngày vi phạm", "decision_date": "ngày xem xét, quyết định",
    "severity": "mức độ hậu quả", "circumstances": "tình tiết", "official": "đảng viên chính thức",
    "holds_post": "có chức vụ", "exempt_kind": "loại vi phạm không áp dụng thời hiệu", "later_violation_dates": "ngày vi phạm mới",
    "prior_form": "hình thức đã bị kỷ luật trước", "situations": "trường hợp chưa/không xem xét",
    "considerations": "điều cần phân biệt (D3)", "criminal_proceedings": "bị khởi tố, truy tố, tạm giam",
    "inspection_or_audit_report": "vi phạm do thanh tra, kiểm toán cung cấp",
    "not_counted_periods": "khoảng thời gian không tính vào thời hiệu",
}


def _tuple(value: Any, field: str = "danh sách") -> tuple:
    if is_missing(value):  # None, NaN or NaT from an empty cell: none given
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.replace(",", ";").split(";") if v.strip())
    if isinstance(value, (list, tuple, set, frozenset)) or type(value).__name__ in ("ndarray", "Series"):
        return tuple(value)
    raise InputError(field, value if isinstance(value, (int, float)) else type(value).__name__,
                     allowed="một danh sách, hoặc các mã cách nhau bằng «;»")


def _bool(value: Any, name: str) -> bool:
    if isinstance(value, bool) or type(value).__name__ == "bool_":  # numpy's bool from a table row
        return bool(value)
    raise InputError(_CASE_FIELDS_VI[name], value, allowed="True hoặc False")


@dataclass(frozen=True)
class DisciplineCase:
    """One violation to assess. Dates are explicit: ``decision_date`` is the day the body considers the case;
    ``violation_date`` is, for a continuing violation, the day it ended, or, where that is unknown, the day it was
    discovered (DF5).

    ``circumstances``: DF8/DF9 slugs; ``situations``: DF7 slugs; ``considerations``: D3 slugs; ``exempt_kind``: a
    DF3 kind of violation with no limitation period, or None; ``prior_form``: the form of an earlier discipline for a
    repeated violation; ``not_counted_periods``: (start, end) pairs not counted in the limitation period (DF5).
    """

    subject: str
    violation_date: Any
    decision_date: Any
    severity: str
    circumstances: tuple[str, ...] = ()
    official: bool = True
    holds_post: bool = False
    exempt_kind: str | None = None
    later_violation_dates: tuple = ()
    prior_form: str | None = None
    situations: tuple[str, ...] = ()
    considerations: tuple[str, ...] = ()
    criminal_proceedings: bool = False
    inspection_or_audit_report: bool = False
    not_counted_periods: tuple = ()

    def __post_init__(self):
        set_ = lambda k, v: object.__setattr__(self, k, v)  # noqa: E731 (frozen: normalise once, here)
        set_("violation_date", as_date(self.violation_date, _CASE_FIELDS_VI["violation_date"]))
        set_("decision_date", as_date(self.decision_date, _CASE_FIELDS_VI["decision_date"]))
        set_("later_violation_dates", tuple(as_date(d, _CASE_FIELDS_VI["later_violation_dates"], row=i + 1)
                                            for i, d in enumerate(_tuple(self.later_violation_dates))))
        for name in ("circumstances", "situations", "considerations"):
            set_(name, _tuple(getattr(self, name), _CASE_FIELDS_VI.get(name, name)))
        set_("not_counted_periods", tuple(tuple(p) if isinstance(p, (list, tuple)) else p
                                          for p in _tuple(self.not_counted_periods)))
        for name in ("official", "holds_post", "criminal_proceedings", "inspection_or_audit_report"):
            set_(name, _bool(getattr(self, name), name))
        if self.violation_date > self.decision_date:
            raise InputError(_CASE_FIELDS_VI["violation_date"], fmt_date(self.violation_date),
                             why=f"Sau ngày xem xét, quyết định {fmt_date(self.decision_date)}")
        for d in self.later_violation_dates:
            if not self.violation_date <= d <= self.decision_date:
                raise InputError(_CASE_FIELDS_VI["later_violation_dates"], fmt_date(d),
                                 why=f"Phải trong khoảng từ ngày vi phạm {fmt_date(self.violation_date)} đến ngày "
                                     f"xem xét {fmt_date(self.decision_date)}")

    @classmethod
    def from_value(cls, case: Any) -> "DisciplineCase":
        """A ``DisciplineCase`` or a dict of its fields (unknown keys are an ``InputError``)."""
        if isinstance(case, cls):
            return case
        if isinstance(case, Mapping):
            names = {f.name for f in dataclasses.fields(cls)}
            unknown = sorted(set(case) - names)
            if unknown:
                raise InputError("trường của vụ việc", unknown[0], allowed=sorted(names))
            missing = [n for n in ("subject", "violation_date", "decision_date", "severity") if n not in case]
            if missing == ["decision_date"]:  # an empty decision date: the case is still under consideration
                raise InputError("trường của vụ việc", "decision_date",
                                 why="Vụ việc chưa có ngày quyết định (đang xem xét): hãy cho ngày xem xét, quyết "
                                     "định, ví dụ assess_table(bang, decision_date=\"01/12/2025\")",
                                 allowed=["subject", "violation_date", "decision_date", "severity"])
            if missing:
                raise InputError("trường của vụ việc", missing[0], why="Thiếu trường bắt buộc",
                                 allowed=["subject", "violation_date", "decision_date", "severity"])
            return cls(**dict(case))
        raise InputError("vụ việc", type(case).__name__, allowed="một DisciplineCase hoặc một dict")


def circumstances(subject: str, *, ruleset: "str | RuleSet" = "hcm-2014") -> dict[str, dict]:
    """Every circumstance slug for ``subject``: its kind (DF8 giảm nhẹ, DF9 tăng nặng), letter, label and status."""
    rs = get_ruleset(ruleset)
    subject = check_subject(subject)
    out: dict[str, dict] = {}
    for rule_id, kind in (("DF8", "giam_nhe"), ("DF9", "tang_nang")):
        for slug, item in rs.value(rule_id, "circumstances")[subject].items():
            out[slug] = {"rule_id": rule_id, "kind": kind, **dict(item)}
    return out


@dataclass(frozen=True)
class DisciplineAssessment:
    """What the rules say about a case: a recommendation with reasons and flags, never the body's decision."""

    case: DisciplineCase
    ruleset: str
    outcome: str
    forms: tuple[Form, ...]
    severity_forms: tuple[Form, ...]
    direction: str | None
    direction_forms: tuple[Form, ...]
    considered_forms: tuple[Form, ...]
    limitation_end: dt.date | None
    time_barred: bool
    limitation_by_form: Mapping[str, dt.date | None] = field(default_factory=dict)
    reasons: tuple[Reason, ...] = ()
    flags: tuple[str, ...] = ()

    @property
    def form(self) -> Form:
        """The form the severity points to (DF10); with a choice (cảnh cáo or cách chức), the lighter one."""
        return self.severity_forms[0]

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.rule_id for r in self.reasons))

    @property
    def to_be_confirmed(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.status != "confirmed")

    def _rows(self) -> list[tuple[str, str]]:
        c = self.case
        who = SUBJECT_LABELS[c.subject]
        if c.subject == "dang_vien":
            who = ("đảng viên chính thức" if c.official else "đảng viên dự bị") + (
                ", có chức vụ" if c.holds_post else "")
        join = lambda fs: ", ".join(f.label for f in fs) or "—"  # noqa: E731
        limit = "không áp dụng thời hiệu" if self.limitation_end is None else (
            f"đến hết ngày {fmt_date(self.limitation_end)} — "
            + ("đã hết thời hiệu" if self.time_barred else "còn thời hiệu")
            + f" vào ngày {fmt_date(c.decision_date)}")
        rows = [("Đối tượng", who), ("Ngày vi phạm", fmt_date(c.violation_date)),
                ("Ngày xem xét", fmt_date(c.decision_date)), ("Kết luận gợi ý", OUTCOMES[self.outcome]),
                ("Các hình thức có thể áp dụng", join(self.forms)),
                ("Hình thức theo mức độ hậu quả", " hoặc ".join(f.label for f in self.severity_forms))]
        if self.direction:
            rows.append(("Chiều hướng do tình tiết", DIRECTIONS[self.direction]
                         + (f" (hình thức liền kề: {join(self.direction_forms)})" if self.direction_forms else "")))
        rows.append((f"Thời hiệu ({self.form.label.lower()})", limit))
        return rows

    def __str__(self) -> str:
        lines = [f"Đánh giá vụ việc kỷ luật — bộ quy tắc «{self.ruleset}»"]
        lines += [f"{k}: {v}" for k, v in self._rows()]
        lines.append("Lý do:")
        lines += [f"- {r}" for r in self.reasons]
        lines.append("Để con người quyết định:")
        lines += [f"- {flag_line(f)}" for f in self.flags]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return html_block(f"Đánh giá vụ việc kỷ luật — bộ quy tắc «{self.ruleset}»", self._rows(), self.reasons,
                          self.flags, note="Thư viện gợi ý; cơ quan có thẩm quyền quyết định.")


def _check_items(values, allowed: Mapping[str, Any], field_vi: str, rule_id: str) -> None:
    for v in values:
        if v not in allowed:
            raise InputError(field_vi, v, allowed=[f"{k} ({a['label']})" for k, a in allowed.items()],
                             rule_id=rule_id)


def _neighbour(forms_: tuple[Form, ...], of: Form, step: int) -> tuple[Form, ...]:
    i = forms_.index(of) + step
    return (forms_[i],) if 0 <= i < len(forms_) else ()


@dataclass
class _Draft:
    """What the steps of ``assess`` accumulate (private and mutable; the result is frozen)."""

    rs: RuleSet
    case: DisciplineCase
    forms: tuple[Form, ...]
    reasons: list[Reason] = field(default_factory=list)
    flags: list[str] = field(default_factory=lambda: ["co_quan_co_tham_quyen_quyet_dinh"])
    outcome: str = "xem_xet_ky_luat"
    waive_or_reduce: bool = False

    @property
    def member(self) -> bool:
        return self.case.subject == "dang_vien"

    def settle(self, outcome: str) -> None:
        """DF7 outcomes outrank each other in this order: miễn, không quyết định, chưa xem xét (then DF6)."""
        order = ["mien_ky_luat", "khong_quyet_dinh_ky_luat", "chua_xem_xet", "het_thoi_hieu", "xem_xet_ky_luat"]
        if order.index(outcome) < order.index(self.outcome):
            self.outcome = outcome


def _validate(rs: RuleSet, c: DisciplineCase) -> None:
    """Every slug of the case checked against the rule data, before anything is worked out."""
    subject = check_subject(c.subject)
    member = subject == "dang_vien"
    severity_info(rs, c.severity)
    _check_items(c.circumstances, circumstances(subject, ruleset=rs), "tình tiết", "DF8")
    if c.situations and not member:
        raise InputError("trường hợp chưa/không xem xét", c.situations[0],
                         why="Các trường hợp này chỉ áp dụng với đảng viên", rule_id="DF7")
    _check_items(c.situations, rs.value("DF7", "situations"), "trường hợp chưa/không xem xét", "DF7")
    _check_items(c.considerations, rs.value("D3", "considerations"), "điều cần phân biệt (D3)", "D3")
    if (c.criminal_proceedings or c.inspection_or_audit_report) and not member:
        raise InputError(_CASE_FIELDS_VI["criminal_proceedings"], True, why="D4 áp dụng với đảng viên",
                         rule_id="D4")
    kinds = exempt_kinds(subject, ruleset=rs)
    if c.exempt_kind is not None and c.exempt_kind not in kinds:
        raise InputError(_CASE_FIELDS_VI["exempt_kind"], c.exempt_kind, allowed=["None (vi phạm thông thường)"]
                         + [f"{k} ({v['label']})" for k, v in kinds.items()], rule_id="DF3")


def _forms_step(d: _Draft) -> None:
    """D1 (what the body weighs) and DF1 (the forms that exist for this subject)."""
    rs, c = d.rs, d.case
    d.reasons.append(rs.reason("D1", "Cơ quan có thẩm quyền quyết định hình thức, căn cứ nội dung, tính chất, mức "
                                     "độ, tác hại, hậu quả, nguyên nhân vi phạm, các tình tiết, thái độ tự phê bình "
                                     "và sửa chữa, yêu cầu nhiệm vụ chính trị."))
    who = "tổ chức đảng" if not d.member else ("đảng viên chính thức" if c.official else "đảng viên dự bị")
    post = " có chức vụ" if d.member and c.official and c.holds_post else ""
    d.reasons.append(rs.reason("DF1", f"Các hình thức kỷ luật với {who}{post}, từ nhẹ đến nặng: "
                                      f"{', '.join(f.label.lower() for f in d.forms)}.",
                               ", ".join(f.slug for f in d.forms)))


def _severity_step(d: _Draft) -> tuple[Form, ...]:
    """DF10: severity → step (a repeat after khiển trách is step 2) → the form(s) of that step for this subject."""
    rs, c = d.rs, d.case
    sev = severity_info(rs, c.severity, c.subject)
    labels = rs.value("DF1", "labels")
    step = int(sev["step"])
    steps = rs.value("DF10", "steps")[c.subject]
    d.reasons.append(part_reason(rs, "DF10", f"Hậu quả {sev['label'].lower()}: bậc {step} trong mẫu của các điều "
                                             f"về hành vi vi phạm.", c.severity, status=sev["status"]))
    if c.subject == "to_chuc" and step < len(rs.value("DF10", "steps")["to_chuc"]) and sev.get("by_subject_step"):
        # RULES.md DF10: what «rất nghiêm trọng» gives an organisation is not in the read text; the heaviest form
        # below giải tán is shown, for the deciding body.
        d.reasons.append(part_reason(rs, "DF10", f"Với tổ chức đảng, giải tán là ở mức «đặc biệt nghiêm trọng»; mức "
                                                 f"«{sev['label'].lower()}» cho hình thức nào chưa xác nhận được: thư "
                                                 f"viện nêu hình thức nặng nhất dưới giải tán, cơ quan có thẩm quyền "
                                                 f"quyết định.", c.severity, status=sev["status"]))
    if c.prior_form is not None:
        prior = as_form(c.prior_form, c.subject, official=c.official, holds_post=None, ruleset=rs,
                        field="hình thức đã bị kỷ luật trước")
        if prior.slug == rs.value("DF10", "repeat_after") and step < int(rs.value("DF10", "repeat_step")):
            step = int(rs.value("DF10", "repeat_step"))
            d.reasons.append(rs.reason("DF10", f"Đã bị kỷ luật {prior.label.lower()} mà tái phạm: bậc {step}.",
                                       prior.slug))
        else:
            d.reasons.append(rs.reason("DF10", f"Đã bị kỷ luật {prior.label.lower()} nay tái phạm: mẫu của các "
                                               f"điều chỉ nêu trường hợp tái phạm sau khiển trách; cơ quan có thẩm "
                                               f"quyền cân nhắc.", prior.slug))
            d.flags.append("tai_pham")
    slugs = [s for s in steps[step] if s in {f.slug for f in d.forms}]
    if not slugs:
        # A probationary member has no form above cảnh cáo (DF1): the heaviest form that exists, and striking off
        # (xóa tên, not a discipline form) for the body to consider.
        heaviest = d.forms[-1]
        slugs = [heaviest.slug]
        d.reasons.append(rs.reason("DF1", f"Đảng viên dự bị không có hình thức {labels[steps[step][0]].lower()}: "
                                          f"hình thức nặng nhất là {heaviest.label.lower()}; đảng viên dự bị không "
                                          f"đủ tư cách thì bị xóa tên (không phải hình thức kỷ luật)."))
        d.flags.append("xem_xet_xoa_ten_dang_vien_du_bi")
    chosen = tuple(f for f in d.forms if f.slug in slugs)
    if len(chosen) > 1:
        d.flags.append("chon_canh_cao_hay_cach_chuc")
    d.reasons.append(part_reason(rs, "DF10", "Hình thức theo mức độ hậu quả: "
                                             + " hoặc ".join(f.label.lower() for f in chosen)
                                             + (" (nếu đảng viên có chức vụ)" if len(chosen) > 1 else "") + ".",
                                 ", ".join(f.slug for f in chosen),
                                 status=sev["status"] if step == int(sev["step"]) else None))
    return chosen


def _circumstances_step(d: _Draft) -> tuple[bool, bool]:
    """DF8 / DF9, each circumstance with its own letter and status; returns (any mitigating, any aggravating)."""
    rs, c = d.rs, d.case
    table = circumstances(c.subject, ruleset=rs)
    for s in c.circumstances:
        item = table[s]
        letter = item["letter"]
        where = f"điểm {letter}" if letter not in ("?", "—") else "điểm: cần xác nhận"
        source = f"{rs.rule(item['rule_id']).sources[0].cite()} ({where})"
        effect = rs.value(item["rule_id"], "effect_text")
        d.reasons.append(part_reason(rs, item["rule_id"], f"Tình tiết «{item['label']}»: {effect}.", s,
                                     status=item["status"], source=source))
    kinds = {table[s]["kind"] for s in c.circumstances}
    return "giam_nhe" in kinds, "tang_nang" in kinds


def _situations_step(d: _Draft) -> None:
    """DF7: not yet considered, not decided, may be waived or reduced, exempt (members only)."""
    rs, c = d.rs, d.case
    situations = rs.value("DF7", "situations")
    for s in c.situations:
        item = situations[s]
        base = f"«{item['label']}»"
        effect = item["effect"]
        if effect == "chua_xem_xet":
            text = f"{base}: chưa xem xét kỷ luật; thời gian này không tính vào thời hiệu (DF5)."
            d.settle("chua_xem_xet")
            d.flags.append("chua_xem_xet_ky_luat")
        elif effect == "khong_quyet_dinh" and c.severity == "dac_biet_nghiem_trong":
            text = f"{base}: vi phạm đặc biệt nghiêm trọng nên vẫn xem xét quyết định kỷ luật."
        elif effect == "khong_quyet_dinh":
            text = f"{base}: kết luận vi phạm, không quyết định kỷ luật (vi phạm không đặc biệt nghiêm trọng)."
            d.settle("khong_quyet_dinh_ky_luat")
            d.flags.append("khong_quyet_dinh_ky_luat")
        elif effect == "mien_hoac_giam":
            text = f"{base}: có thể được miễn hoặc giảm kỷ luật."
            d.waive_or_reduce = True
            d.flags.append("co_the_mien_hoac_giam")
        else:
            text = f"{base}: miễn kỷ luật."
            d.settle("mien_ky_luat")
            d.flags.append("mien_ky_luat")
        d.reasons.append(part_reason(rs, "DF7", text, s, status=item["status"], source=item["clause"]))


def _direction_step(d: _Draft, chosen: tuple[Form, ...], down: bool, up: bool):
    """The direction and the neighbouring form(s) in it; never a number of steps (DF10)."""
    direction = "ca_hai" if up and down else "tang_nang" if up else "giam_nhe" if down else None
    heavier = _neighbour(d.forms, chosen[-1], +1) if up else ()
    lighter = _neighbour(d.forms, chosen[0], -1) if down else ()
    if direction:
        text = f"Chiều hướng: {DIRECTIONS[direction]}"
        if lighter + heavier:
            text += f"; hình thức liền kề theo chiều hướng đó: {', '.join(f.label.lower() for f in lighter + heavier)}"
        if up and not heavier:
            text += f"; không có hình thức nặng hơn {chosen[-1].label.lower()}"
        if down and not lighter:
            text += f"; không có hình thức nhẹ hơn {chosen[0].label.lower()}"
        d.reasons.append(part_reason(d.rs, "DF10", text + ". Không quy định nào đổi số tình tiết thành số bậc: mức "
                                                          "tăng, giảm do cơ quan có thẩm quyền quyết định.", direction))
        d.flags.append("can_nhac_muc_tang_giam")
        if direction == "ca_hai":
            d.flags.append("co_tinh_tiet_tang_nang_va_giam_nhe")
    return direction, lighter + heavier


def _limitation_step(d: _Draft, indicated_form: Form, calendar) -> tuple[Any, dict, bool]:
    """DF2–DF6 for every form; the indicated form's period decides the recommendation, the body votes first."""
    rs, c = d.rs, d.case
    labels = rs.value("DF1", "labels")
    by_form: dict[str, dt.date | None] = {}
    indicated = None
    for f in d.forms:
        lim = limitation(c.subject, f, c.violation_date, later_violation_dates=c.later_violation_dates,
                         exempt_kind=c.exempt_kind, not_counted=c.not_counted_periods, calendar=calendar,
                         ruleset=rs)
        by_form[f.slug] = lim.end
        if f == indicated_form:
            indicated = lim
    d.reasons.extend(indicated.reasons)
    barred = indicated.barred_on(c.decision_date)
    if indicated.end is not None:
        name = indicated.form.label.lower()
        if barred:
            text = (f"Ngày xem xét {fmt_date(c.decision_date)} sau ngày hết thời hiệu {fmt_date(indicated.end)} của "
                    f"hình thức {name}: nếu cơ quan có thẩm quyền biểu quyết hình thức này thì không kỷ luật.")
            d.flags.append("het_thoi_hieu")
            d.settle("het_thoi_hieu")
        else:
            text = (f"Ngày xem xét {fmt_date(c.decision_date)} còn trong thời hiệu của hình thức {name} (đến hết "
                    f"{fmt_date(indicated.end)}).")
        others = [f"{labels[s].lower()}: " + ("không áp dụng thời hiệu" if e is None else f"đến {fmt_date(e)}")
                  for s, e in by_form.items() if s != indicated.form.slug]
        d.reasons.append(rs.reason("DF6", text + " Cơ quan biểu quyết hình thức trước, rồi đối chiếu với thời hiệu "
                                                 "của hình thức đã biểu quyết (" + "; ".join(others) + ").",
                                   fmt_date(c.decision_date)))
        d.flags.append("doi_chieu_thoi_hieu_sau_bieu_quyet")
    return indicated.end, by_form, barred


def _seed_points_step(d: _Draft) -> None:
    """D2–D4 and DF13: what the seeds and the principles ask the body to weigh."""
    rs, c = d.rs, d.case
    if not d.member:
        d.reasons.append(rs.reason("D2", "Kỷ luật tổ chức đảng: quy rõ trách nhiệm của tổ chức, đồng thời xem xét "
                                         "trách nhiệm và kỷ luật từng đảng viên vi phạm liên quan."))
        d.flags.append("xem_xet_trach_nhiem_tung_dang_vien")
    d3 = rs.value("D3", "considerations")
    for s in c.considerations:
        lean = " — xem xét theo hướng bảo vệ, khuyến khích người dám nghĩ, dám làm" if d3[s]["lean"] == "bao_ve" else ""
        d.reasons.append(rs.reason("D3", f"Cần phân biệt: {d3[s]['label'].lower()}{lean}.", s))
    if c.considerations:
        d.flags.append("can_phan_biet_d3")
    if c.criminal_proceedings or c.inspection_or_audit_report:
        d.reasons.append(rs.reason("D4", "Đảng viên bị khởi tố, truy tố, tạm giam hoặc có vi phạm do thanh tra, "
                                         "kiểm toán cung cấp: chủ động xem xét, xử lý kỷ luật, không chờ bản án hoặc "
                                         "kết luận; sau đó xem xét lại nếu cần."))
        d.flags.append("khong_cho_ban_an")
    d.reasons.append(rs.reason("DF13", "Một vi phạm chỉ bị xử lý kỷ luật một lần, bằng một hình thức."))


def assess(case: Any, *, calendar=None, ruleset: "str | RuleSet" = "hcm-2014") -> DisciplineAssessment:
    """Assess a case (``DisciplineCase`` or dict); see the module docstring for the order of the rules.

    >>> a = assess({"subject": "dang_vien", "violation_date": "10/03/2024", "decision_date": "01/12/2025",
    ...             "severity": "it_nghiem_trong"})
    >>> a.form.label, a.outcome, a.limitation_end
    ('Khiển trách', 'xem_xet_ky_luat', datetime.date(2029, 3, 12))
    """
    rs = get_ruleset(ruleset)
    c = DisciplineCase.from_value(case)
    _validate(rs, c)
    d = _Draft(rs=rs, case=c, forms=tuple(forms(c.subject, official=c.official, holds_post=c.holds_post,
                                                 ruleset=rs)))
    _forms_step(d)
    chosen = _severity_step(d)
    down, up = _circumstances_step(d)
    _situations_step(d)
    direction, direction_forms = _direction_step(d, chosen, down or d.waive_or_reduce, up)
    end, by_form, barred = _limitation_step(d, chosen[0], calendar)
    _seed_points_step(d)
    if any(r.status != "confirmed" for r in d.reasons):
        d.flags.append("can_xac_nhan")
    considered = tuple(f for f in d.forms if f in set(chosen + direction_forms))
    return DisciplineAssessment(
        case=c, ruleset=rs.name, outcome=d.outcome, forms=d.forms, severity_forms=chosen, direction=direction,
        direction_forms=direction_forms, considered_forms=considered, limitation_end=end, time_barred=barred,
        limitation_by_form=MappingProxyType(by_form), reasons=tuple(d.reasons), flags=tuple(dict.fromkeys(d.flags)))
