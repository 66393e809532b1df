"""Notebook 05: discipline (D, DF, T5) from ``kiemtra_lib.discipline``: forms, circumstances, limitation period,
synchronisation deadlines, effects on the rating; facts not confirmed are shown «cần xác nhận»."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w
import pandas as pd

from .. import discipline
from ..dates import as_date, fmt_date
from ..rules import RuleSet, get_ruleset
from ._panel import Panel, esc, message_html, show, table_html
from .quiz import Question, Quiz

__all__ = ["forms_table", "unconfirmed_facts", "severity_options", "assess_report", "sync_report", "AssessPanel",
           "SyncPanel", "discipline_quiz", "show", "cases_table"]

SUBJECT_LABELS = {"dang_vien": "Đảng viên", "to_chuc": "Tổ chức đảng"}
_EVENT_WORDS = {"bat_giu_khoi_to": "Bị bắt, giữ, khởi tố hoặc có bản án",
                "ky_luat_chinh_quyen_doan_the": "Bị đình chỉ, kỷ luật chính quyền, đoàn thể"}


def event_labels(ruleset: str | RuleSet = "hcm-2014") -> dict[str, str]:
    """The two events that start T5's chain, with the notice limit of the rule set."""
    events = get_ruleset(ruleset).value("T5", "events")
    return {k: f"{v} (thông báo trong {int(events[k]['days'])} ngày)" for k, v in _EVENT_WORDS.items()}


EVENT_LABELS = event_labels()
UNCONFIRMED = " (cần xác nhận)"


def forms_table() -> pd.DataFrame:
    """The forms of discipline for each kind of subject, lightest first (DF1)."""
    rows = []
    for subject, official, post, who in (("to_chuc", True, False, "Tổ chức đảng"),
                                         ("dang_vien", True, True, "Đảng viên chính thức có chức vụ"),
                                         ("dang_vien", True, False, "Đảng viên chính thức không giữ chức vụ"),
                                         ("dang_vien", False, False, "Đảng viên dự bị")):
        labels = [f.label for f in discipline.forms(subject, official=official, holds_post=post)]
        rows.append({"Đối tượng": who, "Các hình thức, từ nhẹ đến nặng": ", ".join(labels)})
    return pd.DataFrame(rows)


def unconfirmed_facts() -> pd.DataFrame:
    """Every part of a DF fact the course could not confirm from a source: shown as such, never as settled."""
    f = discipline.facts()
    f = f[f["status"] != "confirmed"]
    return pd.DataFrame({"Quy tắc": f["rule_id"], "Nội dung": f["fact"], "Nguồn": f["source"],
                         "Trạng thái": f["trang_thai"]}).reset_index(drop=True)


def severity_options(ruleset: str | RuleSet = "hcm-2014") -> list[tuple[str, str]]:
    rs = get_ruleset(ruleset)
    return [(v["label"] + ("" if v["status"] == "confirmed" else UNCONFIRMED), k)
            for k, v in rs.value("DF10", "severities").items()]


def cases_table(cases: pd.DataFrame, *, decision_date: Any, ruleset: str | RuleSet = "hcm-2014") -> pd.DataFrame:
    """The case's discipline files with the library's assessment beside each (open cases assessed on
    ``decision_date``)."""
    t = discipline.assess_table(cases, decision_date=decision_date, ruleset=ruleset)
    outcomes = discipline.OUTCOMES
    severities = dict((k, label) for label, k in severity_options(ruleset))
    form_labels = {f.slug: f.label for f in discipline.forms("dang_vien", holds_post=True, ruleset=ruleset)} | \
        {f.slug: f.label for f in discipline.forms("to_chuc", ruleset=ruleset)}
    return pd.DataFrame({
        "Vụ việc": cases["case_id"], "Đảng viên": cases["member_id"], "Ngày vi phạm": cases["violation_date"].map(
            lambda d: fmt_date(d) if pd.notna(d) else ""),
        "Mức độ": cases["severity"].map(severities), "Kết luận gợi ý": t["outcome"].map(outcomes),
        "Hình thức theo mức độ": t["form"].map(form_labels), "Thời hiệu đến": t["limitation_end"],
        "Quy tắc": t["rule_ids"].str.replace(";", ", "),
    })


def assess_report(case: dict, *, ruleset: str | RuleSet = "hcm-2014") -> str:
    """The assessment of one case as HTML; the flags left to the competent body and the unconfirmed facts stand
    out."""
    a = discipline.assess(case, ruleset=ruleset)
    parts = [f"<pre style='white-space:pre-wrap'>{esc(str(a))}</pre>"]
    for r in a.to_be_confirmed:
        parts.append(message_html(f"Cần xác nhận: {r}", "warn"))
    return "\n".join(parts)


def sync_report(event: str, event_date: Any, *, ruleset: str | RuleSet = "hcm-2014") -> str:
    chain = discipline.sync_deadlines(event, event_date, ruleset=ruleset)
    return f"<pre style='white-space:pre-wrap'>{esc(str(chain))}</pre>" + table_html(chain.as_frame())


class AssessPanel(Panel):
    """Describe a violation: see the forms that may apply, the direction the circumstances give, the limitation
    period, and what the competent body must decide."""

    title = "Thử: xem xét một vụ việc"

    def __init__(self, *, violation_date: Any = "10/03/2024", decision_date: Any = "01/12/2025",
                 severity: str = "it_nghiem_trong", subject: str = "dang_vien", circumstances: Any = (),
                 ruleset: str | RuleSet = "hcm-2014") -> None:
        super().__init__()
        self.rs = get_ruleset(ruleset)
        style = {"description_width": "200px"}
        wide = w.Layout(width="640px")
        self.subject = w.Dropdown(options=[(v, k) for k, v in SUBJECT_LABELS.items()], value=subject,
                                  description="Đối tượng:", style=style)
        self.official = w.Checkbox(value=True, description="Đảng viên chính thức", indent=False)
        self.holds_post = w.Checkbox(value=False, description="Đang giữ chức vụ", indent=False)
        self.severity = w.Dropdown(options=severity_options(self.rs), value=severity, description="Mức độ hậu quả:",
                                   style=style, layout=wide)
        self.violation = w.DatePicker(value=as_date(violation_date), description="Ngày vi phạm:", style=style)
        self.decision = w.DatePicker(value=as_date(decision_date), description="Ngày xem xét:", style=style)
        self.circumstances = w.SelectMultiple(description="Tình tiết:", style=style, layout=wide, rows=6)
        self.exempt = w.Dropdown(description="Loại không áp dụng thời hiệu:", style=style, layout=wide)
        self._fill_lists(circumstances)
        self.subject.observe(lambda _c: (self._fill_lists(()), self.refresh()), names="value")
        self.controls = [self.subject, self.official, self.holds_post, self.severity, self.violation, self.decision,
                         self.circumstances, self.exempt]
        self._watch(self.official, self.holds_post, self.severity, self.violation, self.decision,
                    self.circumstances, self.exempt)
        self.refresh()

    def _fill_lists(self, chosen: Any) -> None:
        """The circumstances and exemptions that exist for the chosen subject (DF8, DF9, DF3)."""
        self._filling = True
        try:
            items = discipline.circumstances(self.subject.value, ruleset=self.rs)
            self.circumstances.options = [
                (("Giảm nhẹ: " if v["kind"] == "giam_nhe" else "Tăng nặng: ") + v["label"] +
                 ("" if v["status"] == "confirmed" else UNCONFIRMED), k) for k, v in items.items()]
            self.circumstances.value = tuple(c for c in chosen if c in items)
            exempt = discipline.exempt_kinds(self.subject.value, ruleset=self.rs)
            self.exempt.options = [("(không)", "")] + [  # "" not None: ipywidgets shows None as no choice
                (v["label"] + ("" if v["status"] == "confirmed" else UNCONFIRMED), k) for k, v in exempt.items()]
            self.exempt.value = ""
        finally:
            self._filling = False

    def refresh(self, *args: Any) -> str:
        if getattr(self, "_filling", False):
            return self.last_html
        return super().refresh(*args)

    def case(self) -> dict:
        return {"subject": self.subject.value, "official": self.official.value, "holds_post": self.holds_post.value,
                "severity": self.severity.value, "violation_date": self.violation.value,
                "decision_date": self.decision.value, "circumstances": tuple(self.circumstances.value),
                "exempt_kind": self.exempt.value or None}

    def compute(self) -> str:
        if self.violation.value is None or self.decision.value is None:
            return message_html("Hãy chọn ngày vi phạm và ngày xem xét.", "warn")
        return assess_report(self.case(), ruleset=self.rs)


class SyncPanel(Panel):
    title = "Thử: thời hạn đồng bộ kỷ luật (T5)"

    def __init__(self, event: str = "bat_giu_khoi_to", event_date: Any = "10/02/2026",
                 ruleset: str | RuleSet = "hcm-2014") -> None:
        super().__init__()
        self.rs = get_ruleset(ruleset)
        style = {"description_width": "200px"}
        self.event = w.Dropdown(options=[(v, k) for k, v in event_labels(self.rs).items()], value=event,
                                description="Sự kiện:", style=style, layout=w.Layout(width="640px"))
        self.date = w.DatePicker(value=as_date(event_date), description="Ngày xảy ra:", style=style)
        self.controls = [self.event, self.date]
        self._watch(*self.controls)
        self.refresh()

    def compute(self) -> str:
        if self.date.value is None:
            return message_html("Hãy chọn ngày xảy ra sự kiện.", "warn")
        return sync_report(self.event.value, self.date.value, ruleset=self.rs)


def discipline_quiz(case: dict, *, sync_event: str, sync_date: Any, ruleset: str | RuleSet = "hcm-2014") -> Quiz:
    """Answers computed by the library: the lightest form, the limitation end, a T5 deadline, a rating effect."""
    rs = get_ruleset(ruleset)
    a = discipline.assess(case, ruleset=rs)
    chain = discipline.sync_deadlines(sync_event, sync_date, ruleset=rs)
    member_forms = [f.label for f in discipline.forms("dang_vien", official=True, holds_post=True)]
    end = a.limitation_end
    due = chain.party_decision_due

    def around(day: dt.date) -> list[str]:
        return sorted({fmt_date(day + dt.timedelta(days=k)) for k in (-2, 0, 1, 3)}, key=lambda s: as_date(s))

    announced = as_date(case["decision_date"])
    effects_in = discipline.rating_effects({"announced": announced, "form": "khien_trach"},
                                           announced + dt.timedelta(days=364), ruleset=rs)
    questions = [
        Question("Hình thức kỷ luật nhẹ nhất đối với đảng viên chính thức là gì?", member_forms, member_forms[0],
                 "Các hình thức, từ nhẹ đến nặng: " + ", ".join(member_forms) + " [DF1]."),
        Question(f"Vi phạm ngày {fmt_date(case['violation_date'])}, mức độ như ví dụ: thời hiệu ở hình thức theo mức "
                 f"độ hậu quả kết thúc ngày nào?", around(end), fmt_date(end),
                 "; ".join(str(r) for r in a.reasons if r.rule_id == "DF2")),
        Question(f"{event_labels(rs)[sync_event]} ngày {fmt_date(sync_date)}; thông báo đến tổ chức đảng vào ngày muộn "
                 f"nhất được phép. Hạn tổ chức đảng xem xét, xử lý kỷ luật đảng là ngày nào?",
                 around(due), fmt_date(due),
                 f"{int(rs.value('T5', 'events')['xem_xet_ky_luat_dang']['days'])} ngày làm việc kể từ ngày nhận "
                 "thông báo [T5]."),
        Question(f"Đảng viên bị khiển trách, công bố ngày {fmt_date(announced)}; đến kỳ xếp loại sau đó 364 ngày, "
                 "đảng viên này xếp loại ở mức nào?",
                 ["Không hoàn thành nhiệm vụ", "Hoàn thành nhiệm vụ", "Không ảnh hưởng"],
                 "Không hoàn thành nhiệm vụ" if effects_in.member_level == "KHT" else "Không ảnh hưởng",
                 " ".join(str(effects_in).splitlines()[:4])),
    ]
    return Quiz(questions)
