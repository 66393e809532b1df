"""Checking one answer against the library's answer: right or wrong, which kind of wrong, and why (the rule ids and
the library's own explanation). The same function serves the "Kiểm tra" button and the grader, so what a trainee is
told in practice is exactly what the grade counts."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any, Mapping

from ..dates import as_date, fmt_date
from ..errors import InputError
from ._util import nfc
from .generators.base import Fact
from .spec import WRONG_KINDS

__all__ = ["Feedback", "check_answer", "normalise_answer", "format_value", "CHECKER_VERSION"]

#: Part of every grade: a change to how answers are compared is a new checker version (nbgrader's lesson: a grade
#: is a pure function of the submission, the stored variant and the checker version).
CHECKER_VERSION = "1"

_RULE_SPLIT = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class Feedback:
    question_id: str
    correct: bool | None          # None: not auto-graded (free text)
    wrong_kind: str | None
    score: float | None
    max_points: float
    message: str
    rule_ids: tuple[str, ...] = ()
    given: Any = None

    def as_dict(self) -> dict:
        return {"question_id": self.question_id, "correct": self.correct, "wrong_kind": self.wrong_kind,
                "score": self.score, "max_points": self.max_points, "message": self.message,
                "rule_ids": list(self.rule_ids), "given": self.given}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, (list, tuple, set, frozenset)) and len(value) == 0) or (
        isinstance(value, float) and math.isnan(value))


def normalise_answer(kind: str, value: Any) -> Any:
    """The answer as stored in a submission (JSON-safe), or raise ``ValueError`` when it cannot be read.

    Dates become ISO text, numbers ``int``/``float``, rule ids a sorted list of upper-case ids, text NFC.
    """
    if _blank(value):
        return None
    if kind == "date":
        try:
            return as_date(nfc(value) if isinstance(value, str) else value).isoformat()
        except InputError:
            raise ValueError(value) from None
    if kind in ("days", "number"):
        if isinstance(value, bool):
            raise ValueError(value)
        if isinstance(value, str):
            text = nfc(value).replace(",", ".")
            try:
                value = float(text)
            except ValueError:
                raise ValueError(value) from None
        if not isinstance(value, (int, float)) or math.isnan(value):
            raise ValueError(value)
        if kind == "days":
            if float(value) != int(value):
                raise ValueError(value)
            return int(value)
        return int(value) if float(value).is_integer() else float(value)
    if kind == "rules":
        if isinstance(value, str):
            items = _RULE_SPLIT.split(nfc(value))
        elif isinstance(value, (list, tuple, set, frozenset)) and all(isinstance(v, str) for v in value):
            items = [nfc(v) for v in value]
        else:
            raise ValueError(value)
        return sorted({i.upper() for i in items if i})
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise ValueError(value)
    return nfc(value)


def format_value(kind: str, value: Any, fact: Fact | None = None) -> str:
    """An answer as a trainee reads it (dates dd/mm/yyyy, levels by their label)."""
    if value is None:
        return "(chưa trả lời)"
    if kind == "date":
        return fmt_date(value)
    if kind == "rules":
        return ", ".join(value) if value else "(không có)"
    if fact is not None and fact.choices:
        for v, label in fact.choices:
            if v == value:
                return label
    return str(value)


def _wrong_kind(kind: str, fact: Fact, given: Any) -> str:
    expected = fact.value
    if given is None:
        return "khong_tra_loi"
    if kind in ("level", "form"):
        order = list(fact.order or ())
        if kind == "form" and given not in order:
            return "khong_ap_dung"
        if given in order and expected in order:
            higher = order.index(given) > order.index(expected)
            if kind == "level":
                return "qua_cao" if higher else "qua_thap"
            return "qua_nang" if higher else "qua_nhe"
        return "qua_thap" if kind == "level" else "qua_nhe"
    if kind == "choice":
        return "sai_lua_chon"
    if kind == "date":
        diff = (dt.date.fromisoformat(given) - dt.date.fromisoformat(expected)).days
        if abs(diff) == 1:
            return "lech_mot_ngay"
        return "som_hon" if diff < 0 else "muon_hon"
    if kind == "days":
        if abs(given - expected) == 1:
            return "lech_mot_ngay"
        return "thieu" if given < expected else "thua"
    if kind == "number":
        return "thieu" if given < expected else "thua"
    if kind == "rules":
        missing = set(expected) - set(given)
        extra = set(given) - set(expected)
        if missing and extra:
            return "thieu_va_thua"
        return "thieu_quy_tac" if missing else "thua_quy_tac"
    raise AssertionError(kind)


def _equal(kind: str, expected: Any, given: Any) -> bool:
    if kind == "number":
        return given is not None and abs(float(given) - float(expected)) < 1e-9
    if kind == "rules":
        return given is not None and sorted(given) == sorted(expected)
    return given == expected


def _cite(fact: Fact, ruleset: Any = None) -> str:
    if not fact.rule_ids:
        return ""
    if ruleset is None:
        return f" [{', '.join(fact.rule_ids)}]"
    from ..rules import get_ruleset

    rs = get_ruleset(ruleset)
    return " " + " ".join(f"[{rid}, {rs.cite(rid)}]" for rid in fact.rule_ids)


def check_answer(question: Mapping[str, Any], fact: Fact | None, given: Any, *, ruleset: Any = None) -> Feedback:
    """Check ``given`` (as typed or as stored) for ``question`` (a spec question as a dict) against ``fact``.

    Full points or none: an answer is right or it is not (a set of rule ids must be exactly the set). With a
    ``ruleset`` (name or ``RuleSet``), each rule id is cited with its source clause.
    """
    qid, kind, points = question["id"], question["kind"], float(question["points"])
    custom = question.get("feedback") or {}
    if kind == "text":
        text = None if _blank(given) else nfc(given)
        msg = ("Đã ghi nhận lời giải thích; giảng viên sẽ chấm phần này." if text else
               "Chưa có lời giải thích; phần này do giảng viên chấm.")
        return Feedback(qid, None, None, None, points, msg, (), text)
    assert fact is not None
    try:
        norm = normalise_answer(kind, given)
    except ValueError:
        wk = "sai_dinh_dang" if "sai_dinh_dang" in WRONG_KINDS[kind] else "khong_tra_loi"
        text = f"Chưa đúng: {WRONG_KINDS[kind][wk] if wk == 'sai_dinh_dang' else 'không đọc được câu trả lời'}."
        if custom.get(wk):
            text += f" {custom[wk]}"
        shown = nfc(given) if isinstance(given, str) else repr(given)
        return Feedback(qid, False, wk, 0.0, points, text, tuple(fact.rule_ids), shown)
    if _equal(kind, fact.value, norm):
        msg = f"Đúng. {fact.explanation}{_cite(fact, ruleset)}"
        return Feedback(qid, True, None, points, points, msg, tuple(fact.rule_ids), norm)
    wk = _wrong_kind(kind, fact, norm)
    msg = f"Chưa đúng: {WRONG_KINDS[kind][wk]}."
    if custom.get(wk):
        msg += f" {custom[wk]}"
    msg += f" Căn cứ: {fact.explanation}{_cite(fact, ruleset)}"
    return Feedback(qid, False, wk, 0.0, points, msg, tuple(fact.rule_ids), norm)
