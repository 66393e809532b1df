"""Notebook 00: browse the rule set (where every rule comes from) and a first quiz."""

from __future__ import annotations

import re

import ipywidgets as w
import pandas as pd

from ..dates import fmt_date
from ..rules import STATUS_LABELS, RuleSet, get_ruleset, plain_text
from ._panel import Panel, esc, message_html, show
from .quiz import Question, Quiz

__all__ = ["rule_card", "documents_table", "rules_table", "RuleBrowser", "intro_quiz", "rule_ids", "show"]


def rule_ids(ruleset: str | RuleSet = "hcm-2014") -> list[str]:
    """Rule ids in a natural order (T2 before T10)."""
    rs = get_ruleset(ruleset)
    return sorted(rs.rules, key=lambda r: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", r)])


def rule_card(rule_id: str, ruleset: str | RuleSet = "hcm-2014") -> str:
    """One rule as HTML: title, what it says, its source (document title and clause), status, parameters."""
    rs = get_ruleset(ruleset)
    rule = rs.rule(rule_id)
    sources = "".join(f"<li>{esc(s.cite())}: {esc(s.title)}</li>" for s in rule.sources)
    status = status_text(rule)
    params = [p for p in rs.parameters.values() if p.rule == rule_id]
    parts = [f"<p><b>{esc(rule.id)} — {esc(rule.title)}</b></p>", f"<p>{esc(plain_text(' '.join(rule.summary.split())))}</p>",
             f"<p>Nguồn:</p><ul>{sources}</ul>",
             message_html(f"Trạng thái: {status}.", "ok" if status == STATUS_LABELS["confirmed"] else "warn")]
    if params:
        # The trainee reads the description; the parameter's name and value are for the instructor (rule set data).
        items = "".join(f"<li title=\"tham số {esc(p.name)} = {esc(str(p.value))}\">"
                        f"{esc(plain_text(' '.join(p.description.split())))}</li>" for p in params)
        parts.append(f"<p>Diễn giải của khóa học (giảng viên có thể đổi):</p><ul>{items}</ul>")
    return "\n".join(parts)


def documents_table(ruleset: str | RuleSet = "hcm-2014") -> pd.DataFrame:
    """The documents a rule set may cite, with how many of its rules cite each."""
    rs = get_ruleset(ruleset)
    counts = {k: 0 for k in rs.documents}
    for rule in rs.rules.values():
        for doc in dict.fromkeys(s.doc for s in rule.sources):
            counts[doc] += 1
    return pd.DataFrame([{"Văn bản": plain_text(k), "Tên văn bản": plain_text(d["title"]),
                          "Số quy tắc trích dẫn": counts[k]} for k, d in rs.documents.items()])


def _unconfirmed_parts(value) -> int:
    """How many parts of a rule's values carry ``status: to_be_confirmed`` (discipline.yaml marks parts so)."""
    if isinstance(value, dict):
        # "status: to_be_confirmed" on a part, or "<part>_status: to_be_confirmed" beside it (DF12, DF13)
        own = sum(1 for k, v in value.items() if (k == "status" or str(k).endswith("_status"))
                  and v == "to_be_confirmed")
        return own + sum(_unconfirmed_parts(v) for k, v in value.items()
                         if k != "status" and not str(k).endswith("_status"))
    if isinstance(value, (list, tuple)):
        return sum(_unconfirmed_parts(v) for v in value)
    return 0


def status_text(rule) -> str:
    """The rule's status, and how many of its parts are still to be confirmed."""
    text = STATUS_LABELS[rule.status]
    parts = _unconfirmed_parts(dict(rule.values))
    if parts and rule.confirmed:
        text += f"; {parts} phần cần xác nhận"
    return text


def rules_table(ruleset: str | RuleSet = "hcm-2014") -> pd.DataFrame:
    """Every rule with its source and status (including parts still to be confirmed), in id order."""
    rs = get_ruleset(ruleset)
    return pd.DataFrame([{"Mã": r, "Tên quy tắc": rs.rule(r).title, "Nguồn": rs.rule(r).cite(),
                          "Trạng thái": status_text(rs.rule(r))} for r in rule_ids(rs)])


class RuleBrowser(Panel):
    """Pick a rule id: see what it says, where it comes from, and whether it is confirmed."""

    title = "Tra cứu quy tắc"

    def __init__(self, ruleset: str | RuleSet = "hcm-2014", rule_id: str | None = None) -> None:
        super().__init__()
        self.rs = get_ruleset(ruleset)
        ids = rule_ids(self.rs)
        self.rule = w.Dropdown(options=ids, value=rule_id if rule_id in ids else ids[0], description="Quy tắc:")
        self.controls = [self.rule]
        self._watch(self.rule)
        self.refresh()

    def compute(self) -> str:
        return rule_card(self.rule.value, self.rs)


def intro_quiz(ruleset: str | RuleSet = "hcm-2014", rule_id: str = "K2") -> Quiz:
    """Three questions whose answers are read from the rule set itself."""
    rs = get_ruleset(ruleset)
    rule = rs.rule(rule_id)
    docs = list(rs.documents)
    doc = rule.sources[0].doc
    year = rs.effective_from.year if rs.effective_from else None
    year_choices = [str(y) for y in (2012, 2014, 2021, 2025)]
    statuses = list(STATUS_LABELS.values())
    unconfirmed = next((r for r in rule_ids(rs) if not rs.rule(r).confirmed), None)
    questions = [
        Question(f"Quy tắc {rule_id} («{rule.title}») lấy từ văn bản nguồn nào?",
                 [d for d in docs if d != doc][:3] + [doc], doc,
                 f"{rule_id} trích dẫn {rule.cite()}."),
        Question("Khi khóa học hiển thị một ngày, ví dụ ngày 5 tháng 2 năm 2026, nó được viết thế nào?",
                 ["2026-02-05", "05/02/2026", "02/05/2026"], fmt_date("2026-02-05"),
                 "Mọi ngày trong khóa học được viết theo dạng ngày/tháng/năm (dd/mm/yyyy)."),
    ]
    if year is not None:
        questions.append(Question(f"Bộ quy tắc «{rs.name}» bắt đầu áp dụng từ năm nào?",
                                  sorted(set(year_choices) | {str(year)}), str(year),
                                  f"Bộ quy tắc ghi ngày áp dụng {fmt_date(rs.effective_from)}: {rs.title}. Đây "
                                  f"không phải quy định toàn quốc hiện hành (Quy định 366-QĐ/TW năm 2025)."))
    if unconfirmed:
        questions.append(Question(f"Quy tắc {unconfirmed} có trạng thái nào?", statuses,
                                  STATUS_LABELS[rs.rule(unconfirmed).status],
                                  "Quy tắc chưa xác nhận được văn bản gốc luôn được ghi rõ như vậy."))
    return Quiz(questions)
