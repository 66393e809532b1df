"""Vietnamese text and HTML for discipline results: every to-be-confirmed fact visibly marked «cần xác nhận»."""

from __future__ import annotations

from typing import Iterable

from .. import vocabulary
from ..render import TBC, card, reason_html
from ..rules import Reason

__all__ = ["FLAG_LABELS", "TBC", "reason_line", "reason_html", "flag_line", "html_block"]


#: What each flag asks of people (the library recommends; the competent body decides).
FLAG_LABELS = vocabulary.FLAG_LABELS  # one table of flags for the whole library


def reason_line(r: Reason) -> str:
    """One reason as text; a to-be-confirmed one ends with «(... cần xác nhận)» (``Reason.__str__``)."""
    return str(r)


def flag_line(flag: str) -> str:
    """The Vietnamese label a reader sees; the flag's code stays in ``.flags`` for programs."""
    return vocabulary.flag_label(flag)


def html_block(title: str, rows: Iterable[tuple[str, str]], reasons: Iterable[Reason], flags: Iterable[str],
               note: str = "") -> str:
    """A discipline card, rendered by ``kiemtra_lib.render.card``."""
    return card(title, reasons, rows=rows, flags=flags, note=note, css_class="kiemtra-kyluat")
