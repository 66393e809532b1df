"""``Case``: one đảng bộ's (or chi bộ's) tables, with the review date and how they were made."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

import pandas as pd

from ..dates import fmt_date

TABLE_NAMES = ("members", "organisations", "inspections", "discipline_cases")


#: What a trainee reads for the shipped cases' machine names (kiemtra_lib/datasets/shipped.py).
_CASE_TITLES = {"chi_bo_9": "chi bộ 9 đảng viên", "dang_bo_6_chi_bo": "đảng bộ 6 chi bộ",
                "dang_bo_lon": "đảng bộ lớn 80 chi bộ"}


@dataclass(frozen=True)
class Case:
    """A case to study: ``members`` and ``organisations`` (the rating's input), ``inspections`` (T6 coverage),
    ``discipline_cases``, the ``review_date`` of the year's review, and ``meta`` (seed, parameters, deliberate edge
    cases). The tables are in the normalised form of ``kiemtra_lib.schema``."""

    name: str
    members: pd.DataFrame
    organisations: pd.DataFrame
    inspections: pd.DataFrame
    discipline_cases: pd.DataFrame
    review_date: dt.date | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in TABLE_NAMES}

    @property
    def title(self) -> str:
        """The case as a trainee reads its name (the machine name stays in ``name``, for instructors)."""
        generated = re.fullmatch(r"sinh_ngau_nhien_(\d+)", self.name)
        if generated:
            return f"sinh ngẫu nhiên số {generated.group(1)}"
        return _CASE_TITLES.get(self.name, self.name)

    def summary(self) -> str:
        n_cb = int((self.organisations["kind"] == "chi_bo").sum())
        n_db = int((self.organisations["kind"] == "dang_bo").sum())
        parts = [f"Tình huống «{self.title}»: {len(self.members)} đảng viên, {n_cb} chi bộ"]
        if n_db:
            parts.append(f"{n_db} đảng bộ")
        parts.append(f"{len(self.inspections)} cuộc kiểm tra, giám sát, {len(self.discipline_cases)} vụ việc kỷ luật")
        text = ", ".join(parts)
        if self.review_date:
            text += f"; ngày kiểm điểm {fmt_date(self.review_date)}"
        return text + "."

    def __repr__(self) -> str:
        return f"Case({self.summary()})"

    def _repr_html_(self) -> str:
        # Every string from the data is escaped: a name or an id such as <img onerror=...> must stay text.
        edges = self.meta.get("edge_cases", ()) or ()
        # The members concerned in brackets, only when there are some (an organisation's case names none).
        items = "".join(f"<li>{html.escape(str(e.get('mo_ta', '')))}"
                        + (f" ({html.escape(', '.join(map(str, e['member_ids'])))})" if e.get("member_ids") else "")
                        + "</li>" for e in edges if isinstance(e, Mapping))
        extra = f"<p>Các tình huống đặc biệt cố ý đưa vào:</p><ul>{items}</ul>" if items else ""
        return f"<p><b>{html.escape(self.summary())}</b></p>{extra}"
