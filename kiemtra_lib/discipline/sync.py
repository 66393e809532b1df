"""The synchronisation chain of a case (D5, T5 of 001 §III.2.2(4)): the notice in, the party decision due, the
state or mass-organisation discipline due. Each link is ``kiemtra_lib.timeline.sync_deadline`` (T5's data lives in
timeline.yaml); working days come from ``kiemtra_lib.calendar``.

Where the actual date a link starts from is not known yet (the day the notice was received, the day the party
discipline was announced), the chain assumes the latest day allowed and says so (flag ``ngay_gia_dinh``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..dates import as_date, fmt_date
from ..errors import InputError
from ..rules import Reason, RuleSet, get_ruleset
from ..timeline import sync_deadline
from .render import flag_line, html_block

__all__ = ["RULES", "SyncChain", "sync_deadlines", "NOTICE_EVENTS"]

#: The rule ids this module implements (tests/test_rule_declarations.py).
RULES = ("D5",)

#: The events that start the chain with a notice to the party organisation (001 §III.2.2(4) i1, i3).
NOTICE_EVENTS = ("bat_giu_khoi_to", "ky_luat_chinh_quyen_doan_the")
_DECISION_EVENT = "xem_xet_ky_luat_dang"
_ANNOUNCED_EVENT = "ky_luat_dang_cong_bo"


@dataclass(frozen=True)
class SyncChain:
    """The T5 chain of one case: three deadlines (``timeline.Deadline``, dates with reasons), the dates each link
    counted from, which of those were assumed, reasons and flags."""

    event: str
    event_date: dt.date
    notice_due: Any
    notice_received: dt.date
    party_decision_due: Any
    announced: dt.date
    state_discipline_due: Any
    assumed: tuple[str, ...]
    reasons: tuple[Reason, ...]
    flags: tuple[str, ...]
    calendar_label: str = ""

    def steps(self) -> list[tuple[str, dt.date]]:
        """(Vietnamese label, date) of each step, in order."""
        mark = lambda name: " (giả định: ngày muộn nhất)" if name in self.assumed else ""  # noqa: E731
        return [("Sự kiện", self.event_date),
                ("Hạn thông báo cho tổ chức đảng", self.notice_due),
                ("Ngày nhận thông báo" + mark("notice_received"), self.notice_received),
                ("Hạn xem xét, xử lý kỷ luật đảng", self.party_decision_due),
                ("Ngày công bố kỷ luật đảng" + mark("announced"), self.announced),
                ("Hạn xem xét kỷ luật chính quyền, đoàn thể", self.state_discipline_due)]

    def as_frame(self):
        return pd.DataFrame([{"buoc": k, "ngay": fmt_date(v)} for k, v in self.steps()])

    def _rows(self) -> list[tuple[str, str]]:
        rows = [(k, fmt_date(v)) for k, v in self.steps()]
        if self.calendar_label:
            rows.append(("Lịch dùng", self.calendar_label))
        return rows

    def __str__(self) -> str:
        lines = ["Chuỗi thời hạn đồng bộ kỷ luật (T5)"] + [f"{k}: {v}" for k, v in self._rows()] + ["Lý do:"]
        lines += [f"- {r}" for r in self.reasons]
        lines += [f"- {flag_line(f)}" for f in self.flags]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return html_block("Chuỗi thời hạn đồng bộ kỷ luật (T5)", self._rows(), self.reasons, self.flags)


def sync_deadlines(event: str, event_date: Any, *, notice_received: Any = None, announced: Any = None,
                   calendar=None, ruleset: "str | RuleSet" = "hcm-2014") -> SyncChain:
    """The T5 chain after ``event`` on ``event_date``.

    ``event``: "bat_giu_khoi_to" (detention, prosecution or sentence: notice within 3 days) or
    "ky_luat_chinh_quyen_doan_the" (a state or mass-organisation suspension or discipline: notice within 5 days).
    ``notice_received`` and ``announced``: the actual dates when known; otherwise the latest allowed is assumed.

    >>> chain = sync_deadlines("bat_giu_khoi_to", "10/02/2026")   # across Tết 2026 (16–20/02)
    >>> [str(d) for d in (chain.notice_due, chain.party_decision_due, chain.state_discipline_due)]
    ['13/02/2026', '03/04/2026', '20/05/2026']
    """

    rs = get_ruleset(ruleset)
    if event not in NOTICE_EVENTS:
        raise InputError("sự kiện", event, allowed=list(NOTICE_EVENTS), rule_id="T5")
    start = as_date(event_date, "ngày của sự kiện")
    reasons: list[Reason] = [rs.reason("D5", "Đồng bộ kỷ luật đảng với kỷ luật chính quyền, đoàn thể: thông báo, "
                                             "xem xét kỷ luật đảng, rồi xem xét kỷ luật chính quyền, đoàn thể.")]
    flags: list[str] = []
    assumed: list[str] = []
    if event == "bat_giu_khoi_to":
        reasons.append(rs.reason("D4", "Tổ chức đảng chủ động xem xét, xử lý kỷ luật đảng viên, không chờ bản án "
                                       "hoặc kết luận của cơ quan tố tụng."))
        flags.append("khong_cho_ban_an")

    notice_due = sync_deadline(event, start, ruleset=rs, calendar=calendar)
    reasons.extend(notice_due.reasons)
    if notice_received is None:
        received = notice_due.date
        assumed.append("notice_received")
    else:
        received = as_date(notice_received, "ngày nhận thông báo")
        if received < start:
            raise InputError("ngày nhận thông báo", fmt_date(received), why=f"Trước ngày của sự kiện {fmt_date(start)}",
                             rule_id="T5")
        if received > notice_due.date:
            reasons.append(rs.reason("T5", f"Thông báo đến ngày {fmt_date(received)}, sau hạn {fmt_date(notice_due)}: "
                                           f"chậm thông báo; hạn xem xét kỷ luật đảng vẫn tính từ ngày nhận.",
                                     fmt_date(received)))
            flags.append("thong_bao_muon")

    decision_due = sync_deadline(_DECISION_EVENT, received, ruleset=rs, calendar=calendar)
    reasons.extend(decision_due.reasons)
    if announced is None:
        ann = decision_due.date
        assumed.append("announced")
    else:
        ann = as_date(announced, "ngày công bố kỷ luật đảng")
        if ann < received:
            raise InputError("ngày công bố kỷ luật đảng", fmt_date(ann),
                             why=f"Trước ngày nhận thông báo {fmt_date(received)}", rule_id="T5")
        if ann > decision_due.date:
            reasons.append(rs.reason("T5", f"Kỷ luật đảng công bố ngày {fmt_date(ann)}, sau hạn "
                                           f"{fmt_date(decision_due)}: quá hạn xem xét.", fmt_date(ann)))
            flags.append("qua_han_xem_xet_ky_luat")

    state_due = sync_deadline(_ANNOUNCED_EVENT, ann, ruleset=rs, calendar=calendar)
    reasons.extend(state_due.reasons)
    if event == "ky_luat_chinh_quyen_doan_the":
        reasons.append(rs.reason("D5", "Kỷ luật chính quyền, đoàn thể đã có trước: bước cuối chỉ áp dụng nếu cần xem "
                                       "xét lại cho phù hợp (nếu có)."))
    if assumed:
        flags.append("ngay_gia_dinh")
    return SyncChain(event=event, event_date=start, notice_due=notice_due, notice_received=received,
                     party_decision_due=decision_due, announced=ann, state_discipline_due=state_due,
                     assumed=tuple(assumed), reasons=tuple(reasons), flags=tuple(flags),
                     calendar_label=getattr(notice_due, "calendar_label", ""))
