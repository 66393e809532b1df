"""Notebook 06: one đảng bộ end to end — inspection (T1–T4, T6), a finding, discipline (D, DF, T5), and the
year-end rating before and after (R-M5, R-O3, R-O5) — all from the library; the deciding body's choices are inputs."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd

from .. import discipline, rating
from ..dates import as_date, fmt_date
from ..rules import RuleSet, get_ruleset
from ._panel import Panel, esc, message_html, show, table_html
from .quiz import Question, Quiz

__all__ = ["apply_discipline", "before_after", "effects_report", "CasePanel", "case_quiz", "show"]


apply_discipline = discipline.record_discipline  # the facts a decision adds to the tables: the library's


def before_after(members: pd.DataFrame, organisations: pd.DataFrame, after: tuple[pd.DataFrame, pd.DataFrame], *,
                 review_date: Any, member_id: str, ruleset: str | RuleSet = "hcm-2014",
                 before: rating.RatingResult | None = None) -> pd.DataFrame:
    """The member's, their chi bộ's and the đảng bộ's level before and after the discipline, with the rules.

    ``before``: the rating of ``members`` and ``organisations`` if already computed (a panel computes it once)."""
    r0 = before if before is not None else rating.rate_organisation(members, organisations,
                                                                    review_date=review_date, ruleset=ruleset)
    r1 = rating.rate_organisation(after[0], after[1], review_date=review_date, ruleset=ruleset)
    chi_bo = str(r0.members.set_index("member_id").loc[member_id, "chi_bo_id"])
    parent = r0.organisations.set_index("org_id").loc[chi_bo, "parent_id"]
    rows = [("Đảng viên " + member_id, "members", "member_id", member_id),
            ("Chi bộ " + chi_bo, "organisations", "org_id", chi_bo)]
    if isinstance(parent, str) and parent:
        rows.append(("Đảng bộ " + parent, "organisations", "org_id", parent))
    out = []
    for label, table, key, value in rows:
        a = getattr(r0, table).set_index(key).loc[value]
        b = getattr(r1, table).set_index(key).loc[value]
        out.append({"": label, "Trước kỷ luật": a["label"], "Sau kỷ luật": b["label"],
                    "Quy tắc (sau)": ", ".join(b["rule_ids"])})
    return pd.DataFrame(out)


def effects_report(members: pd.DataFrame, organisations: pd.DataFrame, *, review_date: Any, member_id: str,
                   form: str, announced: Any, corruption: bool = False, committee_leader: bool = False,
                   self_detected: bool = False, ruleset: str | RuleSet = "hcm-2014",
                   before: rating.RatingResult | None = None) -> str:
    """What the decided discipline does at the review: D6 in words, then the before/after table."""
    rs = get_ruleset(ruleset)
    effects = discipline.rating_effects({"announced": announced, "form": form, "corruption": corruption,
                                         "committee_leader": committee_leader, "self_detected": self_detected},
                                        review_date, ruleset=rs)
    after = apply_discipline(members, organisations, member_id, announced=announced, corruption=corruption,
                             committee_leader=committee_leader, self_detected=self_detected)
    table = before_after(members, organisations, after, review_date=review_date, member_id=member_id, ruleset=rs,
                         before=before)
    return "\n".join([f"<pre style='white-space:pre-wrap'>{esc(str(effects))}</pre>", table_html(table),
                      message_html(f"Xếp loại theo {rs.label()} — kế hoạch năm 2014, không phải Quy định "
                                   f"366-QĐ/TW hiện hành.", "info")])


class CasePanel(Panel):
    """The competent body's decision is the trainee's input: form, announcement date, and the facts R-O3, R-O5 read."""

    title = "Thử: quyết định của cơ quan có thẩm quyền và xếp loại cuối năm"

    def __init__(self, members: pd.DataFrame, organisations: pd.DataFrame, *, review_date: Any, member_id: str,
                 form: str = "khien_trach", announced: Any, ruleset: str | RuleSet = "hcm-2014") -> None:
        super().__init__()
        self.members, self.organisations = members, organisations
        self.review_date, self.member_id = as_date(review_date, "ngày đánh giá"), member_id
        self.rs = get_ruleset(ruleset)
        style = {"description_width": "260px"}
        options = [(f.label, f.slug) for f in discipline.forms("dang_vien", holds_post=True, ruleset=self.rs)]
        self.form = w.Dropdown(options=options, value=form, description="Hình thức được quyết định:", style=style)
        self.announced = w.DatePicker(value=as_date(announced), description="Ngày công bố:", style=style)
        self.corruption = w.Checkbox(value=False, description="Vi phạm là tham nhũng, tiêu cực (R-O5)", indent=False)
        self.leader = w.Checkbox(value=False, description="Đảng viên là cấp ủy viên, trưởng/phó phòng (R-O3)",
                                 indent=False)
        self.self_detected = w.Checkbox(value=False, description="Tổ chức đảng tự phát hiện, xử lý (R-O3)",
                                        indent=False)
        self.controls = [self.form, self.announced, self.corruption, self.leader, self.self_detected]
        self._before: rating.RatingResult | None = None
        self._watch(*self.controls)
        self.refresh()

    def compute(self) -> str:
        if self.announced.value is None:
            return message_html("Hãy chọn ngày công bố quyết định kỷ luật.", "warn")
        if self._before is None:  # no input of the panel changes the rating before the discipline: rate it once
            self._before = rating.rate_organisation(self.members, self.organisations, review_date=self.review_date,
                                                    ruleset=self.rs)
        return effects_report(self.members, self.organisations, review_date=self.review_date,
                              member_id=self.member_id, form=self.form.value, announced=self.announced.value,
                              corruption=self.corruption.value, committee_leader=self.leader.value,
                              self_detected=self.self_detected.value, ruleset=self.rs, before=self._before)


def case_quiz(plan: Any, assessment: Any, table: pd.DataFrame, *, member_id: str) -> Quiz:
    """Questions on this case; every answer is read from what the library computed above."""
    after = table.set_index("").loc["Đảng viên " + member_id, "Sau kỷ luật"]
    months = int(get_ruleset(getattr(plan, "ruleset", "hcm-2014")).value("DF11", "months"))
    chi_bo_row = table.iloc[1]
    levels = [lv.label for lv in sorted(rating.MemberLevel, key=lambda lv: -lv.rank)]
    org_levels = [lv.label for lv in sorted(rating.OrgLevel, key=lambda lv: -lv.rank)]
    forms_ = [f.label for f in assessment.forms]
    return Quiz([
        Question(f"Cuộc kiểm tra triển khai ngày {fmt_date(plan.start)} ({plan.level_label.lower()}), không gia hạn, "
                 f"phải xong chậm nhất ngày nào?", sorted({fmt_date(plan.deadline), fmt_date(plan.latest_deadline),
                                                           fmt_date(plan.step('II.1').end)},
                                                          key=lambda s: as_date(s)),
                 fmt_date(plan.deadline), str(plan.reasons[1])),
        Question("Theo mức độ hậu quả của vi phạm đã phát hiện, thư viện gợi ý hình thức nào (trước khi xét tình "
                 "tiết)?", forms_, assessment.form.label, "Mức độ hậu quả → hình thức [DF10]; cơ quan có thẩm quyền "
                 "quyết định."),
        Question(f"Sau quyết định kỷ luật, đảng viên {member_id} được xếp loại gì ở kỳ đánh giá cuối năm?",
                 list(dict.fromkeys(levels + [after])), after,
                 f"Đảng viên đang chấp hành kỷ luật trong thời hạn {months} tháng: Không hoàn thành nhiệm vụ "
                 "[R-M5, D6]."),
        Question(f"{chi_bo_row['']} được xếp loại gì sau kỷ luật?", org_levels, chi_bo_row["Sau kỷ luật"],
                 f"Quy tắc: {chi_bo_row['Quy tắc (sau)']}."),
    ])
