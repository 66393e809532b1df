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

__all__ = ["Feedback", "check_answer", "normalise_answer", "format_value", "CHECKER_VERSION", "practice_feedback",
           "conditions_hold", "per_option_score"]

#: Part of every grade: a change to how answers are compared is a new checker version (nbgrader's lesson: a grade
#: is a pure function of the submission, the stored variant and the checker version). 2: multi-select questions
#: marked ``scoring: per_option`` get partial credit; any value at all is read without an exception.
CHECKER_VERSION = "2"

#: A shown answer is cut to this many characters (a 5,000-digit number or a 1 MB string is not echoed whole).
_SHOWN_MAX = 200

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


# -- entry checks (issue 17): the spec's question and the generator's fact are the program's, but a public function
# refuses what it cannot read with an InputError, not a KeyError; the trainee's answer (``given``) is never refused.
def _question(question: Any) -> tuple[str, str, float]:
    if not isinstance(question, Mapping):
        raise InputError("câu hỏi", type(question).__name__, allowed="một dict của tệp đặc tả (id, kind, points)")
    qid, kind, points = question.get("id"), question.get("kind"), question.get("points")
    if not isinstance(qid, str) or not qid:
        raise InputError("câu hỏi: id", _shown(qid), allowed="một chuỗi không rỗng")
    if not isinstance(kind, str) or (kind not in WRONG_KINDS and kind != "text"):
        raise InputError("câu hỏi: kind", _shown(kind), allowed=", ".join([*WRONG_KINDS, "text"]))
    return qid, kind, _points(points)


def _points(points: Any) -> float:
    if isinstance(points, bool) or not isinstance(points, (int, float)) or not (
            math.isfinite(float(points)) if abs(points) < 1e300 else False) or not 0 <= points <= 10_000:
        raise InputError("điểm (points)", _shown(points), allowed="một số từ 0 đến 10.000")
    return float(points)


def _fact(fact: Any, *, required: bool = False) -> Any:
    if fact is None and not required:
        return None
    if not isinstance(fact, Fact):
        raise InputError("đáp án (fact)", type(fact).__name__, allowed="một Fact do bộ sinh bài tạo")
    return fact


def _names(value: Any, field: str) -> tuple:
    """``when``/``features``: None, or a list of names (a dict gives its keys)."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (list, tuple, set, frozenset, Mapping)):
        return tuple(v for v in value if isinstance(v, str))
    raise InputError(field, _shown(value), allowed="một danh sách tên")


def _is_iso(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, (list, tuple, set, frozenset)) and len(value) == 0) or (
        isinstance(value, float) and math.isnan(value))


def normalise_answer(kind: str, value: Any) -> Any:
    """The answer as stored in a submission (JSON-safe), or raise ``ValueError`` when it cannot be read.

    Dates become ISO text, numbers ``int``/``float`` (finite, at most 15 significant digits' worth of size), rule
    ids a sorted list of upper-case ids, text NFC. Whatever ``value`` holds (``inf``, a 5,000-digit integer, a
    nested list, an object), the only exception is ``ValueError``.
    """
    if not isinstance(kind, str) or (kind not in WRONG_KINDS and kind != "text"):
        raise InputError("loại câu hỏi", _shown(kind), allowed=", ".join([*WRONG_KINDS, "text"]))
    try:
        return _normalise(kind, value)
    except Exception:  # untrusted input of any type: OverflowError, TypeError, RecursionError, ValueError, ...
        # InputError is a ValueError: callers that catch ValueError keep working
        raise InputError("câu trả lời", _shown(value), why="Không đọc được câu trả lời") from None


#: Larger numbers are not answers to any question of the course (counts, days, points): refused as unreadable
#: rather than compared as floats that have lost their digits.
_NUMBER_LIMIT = 10 ** 12


def _normalise(kind: str, value: Any) -> Any:
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
        if not isinstance(value, (int, float)):
            raise ValueError("không phải số")
        if isinstance(value, int):
            if abs(value) > _NUMBER_LIMIT:  # compared as int: no float conversion that could overflow
                raise ValueError("số quá lớn")
        elif not math.isfinite(value) or abs(value) > _NUMBER_LIMIT:
            raise ValueError("số không hữu hạn hoặc quá lớn")
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
        if any(len(i) > 50 for i in items):  # no rule id is that long
            raise ValueError("không phải mã quy tắc")
        return sorted({i.upper() for i in items if i})
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise ValueError("không phải một lựa chọn")
    if len(str(value)) > 200:  # no option's value is that long
        raise ValueError("quá dài")
    return nfc(value)


def _shown(value: Any) -> str:
    """An unreadable answer as the message quotes it: short, and never an exception itself."""
    try:
        text = nfc(value) if isinstance(value, str) else repr(value)
    except Exception:
        text = f"(một giá trị kiểu {type(value).__name__})"
    return text if len(text) <= _SHOWN_MAX else text[:_SHOWN_MAX] + "…"


def per_option_score(expected: Any, given: Any, points: float) -> tuple[float, int, int]:
    """Partial credit for a multi-select question: each correct option chosen earns ``points / n`` (``n`` = the
    number of correct options), each wrong option chosen takes away as much, never below 0 nor above ``points``;
    with no correct option at all, choosing nothing is right and anything else is 0. Returns (score, right
    chosen, wrong chosen)."""
    def items(v: Any, field: str) -> set:
        if v is None:
            return set()
        if isinstance(v, (list, tuple, set, frozenset)) and all(isinstance(x, str) for x in v):
            return set(v)
        raise InputError(field, _shown(v), allowed="một danh sách mã quy tắc")

    want, got = items(expected, "đáp án"), items(given, "câu trả lời")
    points = _points(points)
    right, wrong = len(want & got), len(got - want)
    if not want:
        return (float(points) if not got else 0.0), 0, wrong
    score = max(0.0, min(float(points), (right - wrong) * float(points) / len(want)))
    return round(score, 6), right, wrong


def format_value(kind: str, value: Any, fact: Fact | None = None) -> str:
    """An answer as a trainee reads it (dates dd/mm/yyyy, levels by their label)."""
    fact = _fact(fact)
    if value is None:
        return "(chưa trả lời)"
    if kind == "date":
        return fmt_date(value)
    if kind == "rules":
        return ", ".join(map(str, value)) if isinstance(value, (list, tuple, set)) and value else (
            "(không có)" if not value else _shown(value))
    if fact is not None and fact.choices and isinstance(value, (str, int, float)):
        for v, label in fact.choices:
            if isinstance(v, (str, int, float)) and v == value:
                return str(label)
    return _shown(value)


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


def conditions_hold(when: Any, fact: Fact | None, features: Any) -> bool:
    """A hint's ``when``: every condition is a feature present in the scenario or a rule id the answer rests on."""
    fact = _fact(fact)
    present = set(_names(features, "đặc điểm tình huống")) | set(fact.rule_ids if fact is not None else ())
    return all(c in present for c in _names(when, "điều kiện (when)"))


def check_answer(question: Mapping[str, Any], fact: Fact | None, given: Any, *, ruleset: Any = None,
                 reveal: bool = True, features: Any = None) -> Feedback:
    """Check ``given`` (as typed or as stored) for ``question`` (a spec question as a dict) against ``fact``.

    Full points or none, except a multi-select question marked ``scoring: per_option`` (``per_option_score``).
    With a ``ruleset`` (name or ``RuleSet``), each rule id is cited with its source clause. ``reveal=False`` keeps
    the library's explanation (which states the answer) out of a wrong answer's message: what practice shows
    before the last try. Feedback whose ``when`` does not hold for the scenario (``features``) is left out. Any
    value at all gives a Feedback with a Vietnamese message, never an exception.
    """
    qid, kind, points = _question(question)
    fact = _fact(fact, required=kind != "text")
    if kind == "date" and not (isinstance(fact.value, str) and _is_iso(fact.value)):
        raise InputError("đáp án (fact.value)", _shown(fact.value), allowed="một ngày ISO yyyy-mm-dd")
    custom = question.get("feedback") or {}
    custom = dict(custom) if isinstance(custom, Mapping) else {}
    if features is not None or fact is not None:
        when_of = question.get("feedback_when") or {}
        for wk, when in (when_of.items() if isinstance(when_of, Mapping) else ()):
            if not conditions_hold(when, fact, features or ()):
                custom.pop(wk, None)
    if kind == "text":
        text = None if _blank(given) else nfc(given) if isinstance(given, str) else _shown(given)
        msg = ("Đã ghi nhận lời giải thích; giảng viên sẽ chấm phần này." if text else
               "Chưa có lời giải thích; phần này do giảng viên chấm.")
        return Feedback(qid, None, None, None, points, msg, (), text)
    try:
        norm = normalise_answer(kind, given)
    except ValueError:
        wk = "sai_dinh_dang" if "sai_dinh_dang" in WRONG_KINDS[kind] else "khong_tra_loi"
        text = f"Chưa đúng: {WRONG_KINDS[kind][wk] if wk == 'sai_dinh_dang' else 'không đọc được câu trả lời'}."
        if custom.get(wk):
            text += f" {custom[wk]}"
        return Feedback(qid, False, wk, 0.0, points, text, tuple(fact.rule_ids), _shown(given))
    if _equal(kind, fact.value, norm):
        msg = f"Đúng. {fact.explanation}{_cite(fact, ruleset)}"
        return Feedback(qid, True, None, points, points, msg, tuple(fact.rule_ids), norm)
    wk = _wrong_kind(kind, fact, norm)
    score = 0.0
    if kind == "rules" and question.get("scoring") == "per_option" and norm is not None:
        score, right, wrong = per_option_score(fact.value, norm, points)
        msg = (f"Đúng một phần: được {_num(score)}/{_num(points)} điểm (chọn đúng {right}/{len(fact.value)} lựa chọn"
               f" đúng, chọn thừa {wrong}): {WRONG_KINDS[kind][wk]}." if score > 0 else
               f"Chưa đúng: {WRONG_KINDS[kind][wk]} (chọn đúng {right}/{len(fact.value)}, chọn thừa {wrong}).")
    else:
        msg = f"Chưa đúng: {WRONG_KINDS[kind][wk]}."
    if custom.get(wk):
        msg += f" {custom[wk]}"
    if reveal:
        msg += f" Căn cứ: {fact.explanation}{_cite(fact, ruleset)}"
    return Feedback(qid, False, wk, score, points, msg, tuple(fact.rule_ids), norm)


def _num(x: float) -> str:
    """A score as shown: decimal comma, at most two decimals."""
    return f"{x:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def practice_feedback(question: Mapping[str, Any], fact: Fact | None, given: Any, *, wrong_tries: int,
                      max_tries: int, show_answer: bool = True, features: Any = (), ruleset: Any = None) -> Feedback:
    """What «Kiểm tra» says in practice: hints first, the answer only after ``max_tries`` wrong tries.

    A wrong answer gets the kind of mistake, the spec's feedback and hints that fit this scenario (their ``when``
    holds), one more hint per wrong try, and the source's own words for the rules the answer rests on (not for a
    rule question, whose answer those rules are); the library's explanation and the answer come only once
    ``wrong_tries`` reaches ``max_tries`` (and ``show_answer``). A right answer gets the explanation and the
    source's words.
    """
    from .sources import quote_text

    for name, n in (("số lần sai (wrong_tries)", wrong_tries), ("số lần thử tối đa (max_tries)", max_tries)):
        if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= 1000:
            raise InputError(name, _shown(n), allowed="một số nguyên từ 0 đến 1.000")
    fb = check_answer(question, fact, given, ruleset=ruleset, reveal=False, features=features)
    if fb.correct is None or fact is None:
        return fb
    words = " ".join(f"Văn bản nguồn ({rid}): {quote_text(rid, ruleset)}." for rid in fact.rule_ids)
    if fb.correct:
        return Feedback(fb.question_id, True, None, fb.score, fb.max_points, f"{fb.message} {words}".strip(),
                        fb.rule_ids, fb.given)
    parts = [fb.message]
    hints = question.get("hints") or []
    hints = [h for h in (hints if isinstance(hints, list) else []) if isinstance(h, Mapping) and "text" in h
             and conditions_hold(h.get("when"), fact, features)]
    shown = hints[:max(1, wrong_tries)] if hints else []
    parts += [f"Gợi ý: {h['text']}" for h in shown]
    if question["kind"] != "rules" and words:
        parts.append(words)
    revealed = show_answer and wrong_tries >= max_tries
    if revealed:
        parts.append(f"Đáp án: {format_value(question['kind'], fact.value, fact)}. Căn cứ: {fact.explanation}"
                     f"{_cite(fact, ruleset)}")
    elif wrong_tries:
        left = max_tries - wrong_tries
        parts.append(f"(Lần sai thứ {wrong_tries}/{max_tries}" + (f"; sau {left} lần sai nữa sẽ hiện đáp án)."
                                                                  if show_answer else ").")
                     if left > 0 else f"Lần sai thứ {wrong_tries}.")
    return Feedback(fb.question_id, False, fb.wrong_kind, fb.score, fb.max_points, " ".join(parts), fb.rule_ids,
                    fb.given)
