"""The pieces of lesson 09 (thẩm định) that are more than one library call: the «thử» panel (change one proposed
level, see what the check says) and the self-check quiz, whose answers the library computes when it is built."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
import pandas as pd

from ..dates import fmt_date

__all__ = ["ProposalPanel", "verification_quiz", "discrepancy_table"]

_SHOWN = {"grade": "Mức độ", "kind": "Loại sai lệch", "subject_id": "Mã", "row": "Dòng", "proposed": "Mức đề nghị",
          "computed": "Theo quy định", "rule_id": "Quy tắc", "source": "Căn cứ"}


def discrepancy_table(v) -> pd.DataFrame:
    """The discrepancies as the lesson shows them: Vietnamese headers and labels, no long sentences."""
    from .check import GRADES, KINDS

    t = v.table[list(_SHOWN)].copy()
    t["grade"] = t["grade"].map(GRADES)
    t["kind"] = t["kind"].map(KINDS)
    return t.rename(columns=_SHOWN)


class ProposalPanel:
    """Choose a member and the level the chi bộ proposes for them; the dossier is checked again."""

    def __init__(self, planted, *, member_id: str | None = None):
        from .. import rating

        self.planted = planted
        members = planted.verification.rating.members
        ids = members["member_id"].tolist()
        self.member = w.Dropdown(options=ids, value=member_id if member_id in ids else ids[0],
                                 description="Đảng viên", style={"description_width": "120px"})
        labels = [(lv.label, lv.value) for lv in sorted(rating.MemberLevel, key=lambda lv: -lv.rank)]
        self.level = w.Dropdown(options=labels + [("Chưa phân loại lần này", None)], description="Mức đề nghị",
                                style={"description_width": "120px"}, layout=w.Layout(width="460px"))
        self.out = w.HTML()
        self.widget = w.VBox([self.member, self.level, self.out])
        self.last_html = ""
        self.member.observe(lambda _: self.refresh(), names="value")
        self.level.observe(lambda _: self.refresh(), names="value")
        self.refresh()

    def refresh(self) -> str:
        from .check import GRADES, KINDS, verify
        from .template import dossier_from_rating

        v0 = self.planted.verification
        mid = self.member.value
        data = dossier_from_rating(v0.rating, proposed={mid: self.level.value},
                                   dates=[{"org_id": None, "received": self.planted.received,
                                           "working_day": self.planted.working_day}])
        v = verify(data, review_date=self.planted.review_date, name="thu.xlsx")
        rows = v.table[v.table["subject_id"] == mid]
        if not len(rows):
            text = (f"<p>Mức đề nghị cho {html.escape(mid)} đúng với quy định "
                    f"(«{html.escape(str(v0.rating.members.set_index('member_id').loc[mid, 'label']))}»): không có "
                    "sai lệch.</p>")
        else:
            r = rows.iloc[0]
            text = (f"<p><b>{html.escape(GRADES[r['grade']])}</b> — {html.escape(KINDS[r['kind']])}<br>"
                    f"{html.escape(r['message'])}<br><small>[{html.escape(r['rule_id'])}, "
                    f"{html.escape(r['source'])}]</small></p>")
        self.out.value = self.last_html = text
        return text

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def verification_quiz(planted) -> Any:
    """Three questions whose answers come from the check of the lesson's dossier."""
    from ..timeline import dossier_due
    from ..widgets.quiz import Question, Quiz
    from .check import GRADES, KINDS

    v = planted.verification
    due = dossier_due(planted.working_day)
    on_time = planted.received <= due
    q1 = Question(f"Đoàn làm việc với đảng bộ ngày {fmt_date(planted.working_day)}. Hồ sơ phải đến đoàn chậm nhất "
                  "ngày nào?",
                  [fmt_date(due), fmt_date(planted.working_day), fmt_date(due - pd.Timedelta(days=1).to_pytimedelta()),
                   fmt_date(planted.received)],
                  fmt_date(due), " ".join(str(r) for r in due.reasons))
    t = v.table
    quota = t[t["kind"] == "vuot_chi_tieu"]
    row = quota.iloc[0] if len(quota) else t.iloc[0]
    q2 = Question(f"Sai lệch ở {row['subject_id']} thuộc loại nào?", list(KINDS.values()), KINDS[row["kind"]],
                  f"{row['message']} [{row['rule_id']}, {row['source']}]")
    lower = t[t["grade"] == "can_xem_xet"]
    pick = lower.iloc[0] if len(lower) else t.iloc[0]
    q3 = Question(f"Sai lệch ở {pick['subject_id']} ({KINDS[pick['kind']].lower()}) được xếp mức độ nào?",
                  list(GRADES.values()), GRADES[pick["grade"]],
                  "«Sai quy định»: quy tắc quyết định khác đề nghị. «Cần xem xét»: cấp có thẩm quyền phải cân nhắc "
                  "(đề nghị thấp hơn mức quy tắc cho phép, hòa phiếu, cờ của xếp loại).")
    questions = [q1, q2, q3]
    if not on_time:
        questions.append(Question(f"Hồ sơ đến ngày {fmt_date(planted.received)}: đúng hạn hay muộn?",
                                  ["Đúng hạn", "Muộn"], "Muộn", " ".join(str(r) for r in due.reasons)))
    return Quiz(questions)
