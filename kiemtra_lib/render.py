"""The one function family that turns reasons into HTML (issue 13, item 6): every piece of text is escaped, and a
reason whose rule is still to be confirmed always carries the mark «cần xác nhận».

Decisions of every concern (``rating.Decision``, the timeline's ``Deadline`` and ``Check``, the discipline cards)
render through ``card``; small, self-contained HTML (no scripts, no ids: stable under nbval).
"""

from __future__ import annotations

import html
from typing import Iterable

from .rules import Reason
from .vocabulary import flag_label

__all__ = ["TBC", "reason_html", "reasons_html", "card"]

TBC = "cần xác nhận"
_BADGE = ('<span class="kiemtra-can-xac-nhan" style="background:#fff3cd;color:#7a5b00;border:1px solid #e0c060;'
          f'border-radius:3px;padding:0 4px;font-size:90%">{TBC}</span>')


def reason_html(r: Reason) -> str:
    """One reason as a list item: its sentence, [rule id, source], and «cần xác nhận» unless confirmed."""
    badge = f" {_BADGE}" if r.status != "confirmed" else ""
    return (f"<li>{html.escape(r.text)} <small>[{html.escape(r.rule_id)}, {html.escape(r.source)}]</small>"
            f"{badge}</li>")


def reasons_html(reasons: Iterable[Reason]) -> str:
    return "<ul>" + "".join(reason_html(r) for r in reasons) + "</ul>"


def card(title: str, reasons: Iterable[Reason] = (), *, rows: Iterable[tuple[str, str]] = (),
         lines: Iterable[str] = (), flags: Iterable[str] = (), note: str = "", foot: str = "",
         css_class: str = "kiemtra-ly-do", reasons_title: str = "Lý do",
         flags_title: str = "Để con người quyết định") -> str:
    """A titled card: optional note, a table of ``rows``, plain ``lines``, the reasons, the flags (in words, the code
    as a tooltip), a foot line (for example the rule set used)."""
    esc = html.escape
    parts = [f'<div class="{esc(css_class)}"><h4>{esc(title)}</h4>']
    if note:
        parts.append(f"<p><small>{esc(note)}</small></p>")
    rows = list(rows)
    if rows:
        parts.append("<table>" + "".join(f"<tr><th style='text-align:left'>{esc(k)}</th>"
                                         f"<td style='text-align:left'>{esc(v)}</td></tr>" for k, v in rows)
                     + "</table>")
    parts += [f"<div>{esc(line)}</div>" for line in lines]
    reasons = list(reasons)
    if reasons:
        parts.append(f"<p><b>{esc(reasons_title)}</b></p>" + reasons_html(reasons))
    flags = list(flags)
    if flags:
        parts.append(f"<p><b>{esc(flags_title)}</b></p><ul>"
                     + "".join(f'<li title="{esc(f)}">{esc(flag_label(f))}</li>' for f in flags) + "</ul>")
    if foot:
        parts.append(f"<p><small>{esc(foot)}</small></p>")
    parts.append("</div>")
    return "".join(parts)
