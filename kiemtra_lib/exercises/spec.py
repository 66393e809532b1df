"""Exercise specs: one small YAML file per exercise, read by a strict loader.

A spec says what is taught (title, objective, difficulty, topic), which notebook template the trainee gets, which
scenario generator draws the situation and from which ranges, and which questions are asked about it: the kind of
answer, the fact of the generator that answers it, the points, and the feedback for each kind of wrong answer.

A spec also says when and how it is taken: an exam window (``opens``, ``closes``) and a ``deadline`` read against
the server's clock, which attempt counts (``attempt_policy``), how many wrong tries practice allows before it shows
the answer (``max_tries``, ``show_answer``), hints that fit the scenario (``hints`` / feedback with ``when``),
questions whose answer is the same for everyone on purpose (``fixed``), how a multi-select question is scored
(``scoring``) and the rule set (``ruleset``, default ``hcm-2014``).

Every mistake in a spec is an ``InputError`` in Vietnamese that names the file and the field (``questions[2].kind``),
the value received and what is allowed: an unknown key, a missing field, a wrong type, a fact the generator does not
compute, a parameter it does not take.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import yaml

from ..errors import InputError
from ._util import digest, item_seed
from .generators.base import Generator, Param, get_generator

__all__ = ["Spec", "Question", "Hint", "QUESTION_KINDS", "WRONG_KINDS", "DIFFICULTIES", "TOPICS", "load_spec",
           "load_specs", "draw_params", "spec_from_dict", "ATTEMPT_POLICIES", "SCORINGS", "DEFAULT_MAX_TRIES",
           "DEFAULT_RULESET", "COURSE_TZ", "DAY_KINDS", "parse_moment"]

#: The kinds of question and what a trainee answers with.
QUESTION_KINDS = {
    "level": "chọn một mức xếp loại",
    "choice": "chọn một phương án",
    "date": "một ngày (dd/mm/yyyy)",
    "days": "một số ngày",
    "number": "một số",
    "rules": "một tập mã quy tắc",
    "form": "một hình thức kỷ luật",
    "text": "lời giải thích tự do (thu lại, giảng viên chấm tay)",
}

#: For each kind, the kinds of wrong answer the checker tells apart (a spec may give feedback for each).
WRONG_KINDS = {
    "level": {"qua_cao": "mức cao hơn đáp án", "qua_thap": "mức thấp hơn đáp án",
              "khong_tra_loi": "chưa trả lời"},
    "form": {"qua_nang": "hình thức nặng hơn đáp án", "qua_nhe": "hình thức nhẹ hơn đáp án",
             "khong_ap_dung": "hình thức không áp dụng cho đối tượng này", "khong_tra_loi": "chưa trả lời"},
    "choice": {"sai_lua_chon": "chọn sai phương án", "khong_tra_loi": "chưa trả lời"},
    "date": {"lech_mot_ngay": "lệch một ngày (thường do tính cả ngày bắt đầu hoặc quên dời ngày nghỉ)",
             "som_hon": "sớm hơn đáp án", "muon_hon": "muộn hơn đáp án",
             "sai_dinh_dang": "không đọc được ngày (cần dd/mm/yyyy)", "khong_tra_loi": "chưa trả lời"},
    "days": {"lech_mot_ngay": "lệch một ngày", "thieu": "ít hơn đáp án", "thua": "nhiều hơn đáp án",
             "sai_dinh_dang": "không phải số nguyên", "khong_tra_loi": "chưa trả lời"},
    "number": {"thieu": "nhỏ hơn đáp án", "thua": "lớn hơn đáp án", "sai_dinh_dang": "không phải số",
               "khong_tra_loi": "chưa trả lời"},
    "rules": {"thieu_quy_tac": "thiếu quy tắc", "thua_quy_tac": "thừa quy tắc",
              "thieu_va_thua": "vừa thiếu vừa thừa quy tắc", "khong_tra_loi": "chưa trả lời"},
    "text": {},
}

DIFFICULTIES = {"de": "dễ", "trung_binh": "trung bình", "kho": "khó"}
TOPICS = {"thoi_han": "thời hạn kiểm tra, giám sát", "kiem_diem": "kiểm điểm",
          "xep_loai_dang_vien": "xếp loại đảng viên", "xep_loai_to_chuc": "xếp loại tổ chức đảng",
          "ky_luat": "kỷ luật đảng"}

#: Which of a trainee's attempts counts (H16a's grading reads ``Spec.attempt_policy``).
ATTEMPT_POLICIES = {"latest_on_time": "lần nộp sau cùng trước hạn (mặc định; không có lần nào đúng hạn thì lần "
                                      "sau cùng, đánh dấu muộn)",
                    "latest": "lần nộp sau cùng",
                    "first": "lần nộp đầu tiên",
                    "best": "lần nộp có điểm cao nhất"}
#: How a multi-select (``rules``) question is scored; ``per_option`` is documented in exercises/README.md.
SCORINGS = {"per_option": "chấm từng lựa chọn (mỗi lựa chọn đúng được điểm/số đáp án đúng, mỗi lựa chọn sai bị trừ "
                          "bằng chừng ấy, thấp nhất 0)",
            "all_or_nothing": "đúng y hệt tập đáp án mới được điểm"}
#: Which days a drawn date of an official event may fall on.
DAY_KINDS = {"lam_viec": "ngày làm việc", "nghi": "ngày nghỉ (thứ Bảy, Chủ nhật, ngày lễ)", "bat_ky": "bất kỳ ngày nào"}
DEFAULT_MAX_TRIES = 3
DEFAULT_RULESET = "hcm-2014"
#: A time without a zone in a spec is read as Vietnam's time (UTC+7, no daylight saving).
COURSE_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")

_SPEC_KEYS = {"id", "title", "objective", "difficulty", "topic", "template", "ruleset", "situation", "scenario",
              "questions", "opens", "closes", "deadline", "attempt_policy", "max_tries", "show_answer"}
_SPEC_REQUIRED = {"id", "title", "objective", "difficulty", "topic", "scenario", "questions"}
_SCENARIO_KEYS = {"generator", "params"}
_QUESTION_KEYS = {"id", "kind", "prompt", "answer", "points", "feedback", "choices", "hints", "fixed", "scoring"}
_CONDITIONAL_KEYS = {"text", "when"}
_QUESTION_REQUIRED = {"id", "kind", "prompt", "points"}
DEFAULT_TEMPLATE = "bai_tap.ipynb"


@dataclass(frozen=True)
class Hint:
    """A hint shown after a wrong try, only when its conditions hold for the trainee's scenario: each condition is a
    feature of the generator (``nghi_thai_san``) or a rule id the library's answer rests on (``R-M9``)."""

    text: str
    when: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {"text": self.text, "when": list(self.when)}


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    prompt: str
    points: float
    answer: str | None = None
    feedback: Mapping[str, str] = field(default_factory=dict)
    choices: tuple[Any, ...] | None = None
    #: wrong kind -> conditions under which its feedback applies (absent: always)
    feedback_when: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    hints: tuple[Hint, ...] = ()
    #: why every trainee has the same answer on purpose (``None``: the answer must vary over a class)
    fixed: str | None = None
    scoring: str | None = None  # rules questions only: a key of SCORINGS

    @property
    def auto_graded(self) -> bool:
        return self.kind != "text"

    def public(self) -> dict:
        """The question as the build, the key and practice use it (``answer`` names the generator's fact, never
        its value). Exam notebooks carry ``exam_public()`` instead."""
        out = {"id": self.id, "kind": self.kind, "prompt": self.prompt, "points": self.points,
               "feedback": dict(self.feedback), "answer": self.answer}
        if self.choices is not None:
            out["choices"] = list(self.choices)
        if self.feedback_when:
            out["feedback_when"] = {k: list(v) for k, v in self.feedback_when.items()}
        if self.hints:
            out["hints"] = [h.as_dict() for h in self.hints]
        if self.scoring is not None:
            out["scoring"] = self.scoring
        if self.fixed is not None:
            out["fixed"] = self.fixed
        return out

    def exam_public(self) -> dict:
        """What an exam notebook carries: the prompt, the points and the options, nothing that points to an answer
        (no fact name, feedback or hint)."""
        out = {"id": self.id, "kind": self.kind, "prompt": self.prompt, "points": self.points}
        if self.choices is not None:
            out["choices"] = list(self.choices)
        if self.scoring is not None:
            out["scoring"] = self.scoring
        return out


@dataclass(frozen=True)
class Spec:
    id: str
    title: str
    objective: str
    difficulty: str
    topic: str
    generator: str
    params: Mapping[str, Any]
    questions: tuple[Question, ...]
    template: str = DEFAULT_TEMPLATE
    ruleset: str = DEFAULT_RULESET
    situation: str = ""
    path: Path | None = None
    opens: dt.datetime | None = None       # exam window, aware datetimes (read against the server's clock)
    closes: dt.datetime | None = None
    deadline: dt.datetime | None = None    # submissions after it are accepted and flagged late
    attempt_policy: str = "latest_on_time"
    max_tries: int = DEFAULT_MAX_TRIES     # practice: wrong tries (distinct answers) before the answer is shown
    show_answer: bool = True               # practice: show the answer after max_tries (false: never)

    def schedule(self) -> dict:
        """The window and deadline as ISO text (what notebooks, the key and submissions carry)."""
        return {k: (v.isoformat() if v is not None else None)
                for k, v in (("opens", self.opens), ("closes", self.closes), ("deadline", self.deadline))}

    @property
    def max_points(self) -> float:
        return float(sum(q.points for q in self.questions))

    @property
    def auto_points(self) -> float:
        return float(sum(q.points for q in self.questions if q.auto_graded))

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise InputError("mã câu hỏi", qid, allowed=[q.id for q in self.questions])

    def public(self) -> dict:
        """The spec as the trainee's notebook carries it (questions without answers)."""
        return {"id": self.id, "title": self.title, "objective": self.objective, "difficulty": self.difficulty,
                "topic": self.topic, "generator": self.generator, "ruleset": self.ruleset,
                "situation": self.situation, "questions": [q.public() for q in self.questions],
                **self.schedule(), "attempt_policy": self.attempt_policy, "max_tries": self.max_tries,
                "show_answer": self.show_answer}

    def exam_public(self) -> dict:
        """The spec as an exam notebook carries it: no generator (nothing to recompute with), no answers."""
        return {"id": self.id, "title": self.title, "objective": self.objective, "difficulty": self.difficulty,
                "topic": self.topic, "ruleset": self.ruleset, "questions": [q.exam_public() for q in self.questions],
                **self.schedule()}

    def fingerprint(self) -> str:
        """A digest of everything in the spec that changes a variant or its grading."""
        return digest({"public": self.public(), "params": dict(self.params)})

    def template_path(self) -> Path:
        base = self.path.parent if self.path is not None else Path.cwd()
        for candidate in (base / self.template, base / "templates" / self.template):
            if candidate.is_file():
                return candidate
        raise InputError(f"{self.path or self.id}: template", self.template,
                         why="không tìm thấy tệp mẫu sổ tay (tìm cạnh tệp đặc tả và trong thư mục templates/)")


# --- strict loading ---------------------------------------------------------------------------------------------

class _StrictLoader(yaml.SafeLoader):
    pass


def _no_duplicates(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise InputError(f"dòng {key_node.start_mark.line + 1}", key, why="khoá bị khai báo hai lần")
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


class _Where:
    def __init__(self, source: str):
        self.source = source

    def error(self, path: str, value: Any = None, *, allowed: Any = None, why: str | None = None) -> InputError:
        return InputError(f"{self.source}: {path}", value, allowed=allowed, why=why)

    def mapping(self, path: str, data: Any, allowed: set[str], required: set[str]) -> dict:
        if not isinstance(data, dict):
            raise self.error(path, data, why="cần một bảng khoá: giá trị")
        for key in data:
            if key not in allowed:
                raise self.error(f"{path}.{key}" if path else str(key), key, allowed=sorted(allowed),
                                 why="khoá không được biết")
        for key in sorted(required):
            if key not in data or data[key] is None or data[key] == "":
                raise self.error(f"{path}.{key}" if path else key, None, why="thiếu trường bắt buộc")
        return data

    def text(self, path: str, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.error(path, value, why="cần một chuỗi chữ không rỗng")
        return value.strip()


def _check_param(where: _Where, path: str, p: Param, raw: Any) -> Any:
    """A parameter is fixed (a value), drawn from a list, or drawn from a range ``{min, max}`` / ``{from, to}``."""
    def one(value: Any, vpath: str) -> Any:
        if p.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise where.error(vpath, value, why="cần một số nguyên")
            if (p.minimum is not None and value < p.minimum) or (p.maximum is not None and value > p.maximum):
                raise where.error(vpath, value, allowed=f"từ {p.minimum} đến {p.maximum}")
            return value
        if p.kind == "date":
            if isinstance(value, dt.date):
                d = value
            else:
                try:
                    d = dt.date.fromisoformat(str(value))
                except ValueError:
                    raise where.error(vpath, value, allowed="một ngày dạng yyyy-mm-dd") from None
            if (p.minimum and d < p.minimum) or (p.maximum and d > p.maximum):
                raise where.error(vpath, value, allowed=f"từ {p.minimum:%d/%m/%Y} đến {p.maximum:%d/%m/%Y}")
            return d.isoformat()
        if p.kind == "bool":
            if not isinstance(value, bool):
                raise where.error(vpath, value, allowed=["true", "false"])
            return value
        if p.kind == "choice":
            if value not in p.allowed:
                raise where.error(vpath, value, allowed=list(p.allowed))
            return value
        raise AssertionError(p.kind)

    if isinstance(raw, list):
        if not raw:
            raise where.error(path, raw, why="danh sách để chọn không được rỗng")
        values = [one(v, f"{path}[{i}]") for i, v in enumerate(raw)]
        if p.kind == "date" and p.day == "lam_viec":
            for i, v in enumerate(values):
                if not _days_of(v, v, "lam_viec"):
                    raise where.error(f"{path}[{i}]", v, why=f"«{p.label}» là ngày của một việc chính thức nên "
                                                             "phải là ngày làm việc")
        return {"one_of": values}
    if isinstance(raw, dict):
        if p.kind == "int":
            where.mapping(path, raw, {"min", "max"}, {"min", "max"})
            lo, hi = one(raw["min"], f"{path}.min"), one(raw["max"], f"{path}.max")
            if lo > hi:
                raise where.error(f"{path}.min", lo, why=f"lớn hơn max ({hi})")
            return {"min": lo, "max": hi}
        if p.kind == "date":
            where.mapping(path, raw, {"from", "to", "day"}, {"from", "to"})
            lo, hi = one(raw["from"], f"{path}.from"), one(raw["to"], f"{path}.to")
            if lo > hi:
                raise where.error(f"{path}.from", lo, why=f"sau ngày to ({hi})")
            day = raw.get("day", p.day)
            if day not in DAY_KINDS:
                raise where.error(f"{path}.day", day, allowed=list(DAY_KINDS))
            if day != "bat_ky" and not _days_of(lo, hi, day):
                raise where.error(path, raw, why=f"trong khoảng này không có {DAY_KINDS[day]} nào")
            out = {"from": lo, "to": hi}
            if day != p.day:  # the generator's own kind of day is implied (draw_params reads it from the Param)
                out["day"] = day
            return out
        raise where.error(path, raw, why="chỉ tham số số nguyên hoặc ngày mới lấy theo khoảng")
    value = one(raw, path)
    if p.kind == "date" and p.day == "lam_viec" and not _days_of(dt.date.fromisoformat(value),
                                                                 dt.date.fromisoformat(value), "lam_viec"):
        raise where.error(path, raw, why=f"«{p.label}» là ngày của một việc chính thức nên phải là ngày làm việc; "
                                         f"muốn hỏi về ngày nghỉ, ghi {{from: {value}, to: {value}, day: nghi}}")
    return {"value": value}


def _days_of(lo: Any, hi: Any, day: str) -> tuple[dt.date, ...]:
    """The days from ``lo`` to ``hi`` (inclusive) that are working days (``lam_viec``) or not (``nghi``), by the
    library's calendar (``holidays`` with the official day changes)."""
    lo = lo if isinstance(lo, dt.date) else dt.date.fromisoformat(lo)
    hi = hi if isinstance(hi, dt.date) else dt.date.fromisoformat(hi)
    return _days_between(lo, hi, day == "lam_viec")


@lru_cache(maxsize=256)
def _days_between(lo: dt.date, hi: dt.date, working: bool) -> tuple[dt.date, ...]:
    # one calendar pass per range, not per trainee (a class of 200 draws from the same range 200 times)
    from ..calendar import is_working_day

    days = (lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1))
    return tuple(d for d in days if is_working_day(d) == working)


def parse_moment(value: Any, field_name: str, *, end_of_day: bool = False, source: str = "đặc tả") -> dt.datetime:
    """A moment of a spec (``opens``, ``closes``, ``deadline``) as an aware datetime: ISO text or a YAML date /
    datetime; without a zone it is Vietnam's time; a bare date is its first second, or its last with
    ``end_of_day`` (a deadline «ngày 05/12» means until the end of that day)."""
    where = _Where(source)
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time(23, 59, 59) if end_of_day else dt.time(0, 0))
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            if len(text) == 10:
                d = dt.date.fromisoformat(text)
                moment = dt.datetime.combine(d, dt.time(23, 59, 59) if end_of_day else dt.time(0, 0))
            else:
                moment = dt.datetime.fromisoformat(text)
        except ValueError:
            raise where.error(field_name, value, allowed="yyyy-mm-dd hoặc yyyy-mm-ddTHH:MM[+07:00]") from None
    else:
        raise where.error(field_name, value, allowed="yyyy-mm-dd hoặc yyyy-mm-ddTHH:MM[+07:00]")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=COURSE_TZ)
    if not 1900 <= moment.year <= 2100:
        raise where.error(field_name, value, allowed="một thời điểm từ năm 1900 đến 2100")
    return moment


def _conditions(where: _Where, path: str, raw: Any, gen: Generator, ruleset: str) -> tuple[str, ...]:
    """``when``: one condition or a list; each a feature of the generator or a rule id of the rule set."""
    from ..rules import get_ruleset

    items = raw if isinstance(raw, list) else [raw]
    known_rules = set(get_ruleset(ruleset).rules)
    features = dict(getattr(gen, "features", {}) or {})
    out = []
    for i, c in enumerate(items):
        cpath = f"{path}[{i}]" if isinstance(raw, list) else path
        if not isinstance(c, str) or not (c in features or c in known_rules):
            raise where.error(cpath, c, allowed=sorted(features) + sorted(known_rules),
                              why=f"cần một đặc điểm của bộ sinh «{gen.name}» hoặc một mã quy tắc")
        out.append(c)
    return tuple(out)


def _text_or_conditional(where: _Where, path: str, raw: Any, gen: Generator, ruleset: str) -> tuple[str, tuple]:
    if isinstance(raw, dict):
        where.mapping(path, raw, _CONDITIONAL_KEYS, {"text"})
        when = _conditions(where, f"{path}.when", raw["when"], gen, ruleset) if raw.get("when") is not None else ()
        return where.text(f"{path}.text", raw["text"]), when
    return where.text(path, raw), ()


def spec_from_dict(data: Any, source: str = "đặc tả", path: Path | None = None) -> Spec:
    where = _Where(source)
    where.mapping("", data, _SPEC_KEYS, _SPEC_REQUIRED)
    sid = where.text("id", data["id"])
    if not sid.replace("_", "").isalnum() or not sid.isascii() or sid != sid.lower():
        raise where.error("id", sid, why="mã bài tập chỉ gồm chữ thường không dấu, chữ số và dấu _")
    difficulty = data["difficulty"]
    if difficulty not in DIFFICULTIES:
        raise where.error("difficulty", difficulty, allowed=list(DIFFICULTIES))
    topic = data["topic"]
    if topic not in TOPICS:
        raise where.error("topic", topic, allowed=list(TOPICS))
    scenario = where.mapping("scenario", data["scenario"], _SCENARIO_KEYS, {"generator"})
    try:
        gen = get_generator(scenario["generator"])
    except InputError as exc:
        raise where.error("scenario.generator", scenario["generator"], allowed=exc.allowed) from None
    raw_params = scenario.get("params") or {}
    if not isinstance(raw_params, dict):
        raise where.error("scenario.params", raw_params, why="cần một bảng tham số")
    params = {}
    for name, raw in raw_params.items():
        if name not in gen.params:
            raise where.error(f"scenario.params.{name}", name, allowed=sorted(gen.params),
                              why=f"bộ sinh «{gen.name}» không có tham số này")
        params[name] = _check_param(where, f"scenario.params.{name}", gen.params[name], raw)
    ruleset = data.get("ruleset", DEFAULT_RULESET)
    from ..rules import available_rulesets

    if ruleset not in available_rulesets():
        raise where.error("ruleset", ruleset, allowed=available_rulesets())
    moments = {}
    for name in ("opens", "closes", "deadline"):
        if data.get(name) is not None:
            moments[name] = parse_moment(data[name], name, end_of_day=name != "opens", source=source)
    if "opens" in moments and "closes" in moments and moments["opens"] >= moments["closes"]:
        raise where.error("closes", data["closes"], why=f"phải sau thời điểm mở bài (opens: {data['opens']})")
    if "closes" in moments and "deadline" in moments and moments["deadline"] > moments["closes"]:
        raise where.error("deadline", data["deadline"], why=f"sau thời điểm đóng bài (closes: {data['closes']})")
    policy = data.get("attempt_policy", "latest_on_time")
    if policy not in ATTEMPT_POLICIES:
        raise where.error("attempt_policy", policy, allowed=list(ATTEMPT_POLICIES))
    max_tries = data.get("max_tries", DEFAULT_MAX_TRIES)
    if isinstance(max_tries, bool) or not isinstance(max_tries, int) or not 1 <= max_tries <= 20:
        raise where.error("max_tries", max_tries, allowed="một số nguyên từ 1 đến 20")
    show_answer = data.get("show_answer", True)
    if not isinstance(show_answer, bool):
        raise where.error("show_answer", show_answer, allowed=["true", "false"])
    raw_questions = data["questions"]
    if not isinstance(raw_questions, list) or not raw_questions:
        raise where.error("questions", raw_questions, why="cần một danh sách câu hỏi không rỗng")
    questions = []
    seen = set()
    for i, rq in enumerate(raw_questions):
        qpath = f"questions[{i}]"
        where.mapping(qpath, rq, _QUESTION_KEYS, _QUESTION_REQUIRED)
        qid = where.text(f"{qpath}.id", rq["id"])
        if qid in seen:
            raise where.error(f"{qpath}.id", qid, why="mã câu hỏi bị trùng")
        seen.add(qid)
        kind = rq["kind"]
        if kind not in QUESTION_KINDS:
            raise where.error(f"{qpath}.kind", kind, allowed=list(QUESTION_KINDS))
        points = rq["points"]
        if isinstance(points, bool) or not isinstance(points, (int, float)) or points < 0:
            raise where.error(f"{qpath}.points", points, why="cần một số điểm không âm")
        answer = rq.get("answer")
        if kind == "text":
            if answer is not None:
                raise where.error(f"{qpath}.answer", answer, why="câu tự luận không chấm tự động nên không có đáp án")
        else:
            if answer is None:
                raise where.error(f"{qpath}.answer", None, why="thiếu trường bắt buộc")
            if answer not in gen.facts:
                raise where.error(f"{qpath}.answer", answer, allowed=sorted(gen.facts),
                                  why=f"bộ sinh «{gen.name}» không tính kết quả này")
            if gen.facts[answer] != kind:
                raise where.error(f"{qpath}.kind", kind, allowed=[gen.facts[answer]],
                                  why=f"kết quả «{answer}» là loại «{gen.facts[answer]}»")
        raw_feedback = rq.get("feedback") or {}
        if not isinstance(raw_feedback, dict):
            raise where.error(f"{qpath}.feedback", raw_feedback, why="cần một bảng: loại sai → lời nhắc")
        feedback, feedback_when = {}, {}
        for wk, raw_text in raw_feedback.items():
            if wk not in WRONG_KINDS[kind]:
                raise where.error(f"{qpath}.feedback.{wk}", wk, allowed=list(WRONG_KINDS[kind]) or "(không có)",
                                  why=f"câu loại «{kind}» không có loại sai này")
            feedback[wk], when = _text_or_conditional(where, f"{qpath}.feedback.{wk}", raw_text, gen, ruleset)
            if when:
                feedback_when[wk] = when
        raw_hints = rq.get("hints") or []
        if not isinstance(raw_hints, list) or (raw_hints and kind == "text"):
            raise where.error(f"{qpath}.hints", raw_hints,
                              why="cần một danh sách gợi ý (câu tự luận không có gợi ý tự động)")
        hints = tuple(Hint(*_text_or_conditional(where, f"{qpath}.hints[{j}]", h, gen, ruleset))
                      for j, h in enumerate(raw_hints))
        fixed = rq.get("fixed")
        if fixed is not None:
            if fixed is True:
                fixed = "đáp án như nhau cho mọi học viên (đặc tả đánh dấu)"
            elif fixed is False:
                fixed = None
            else:
                fixed = where.text(f"{qpath}.fixed", fixed)
        scoring = rq.get("scoring")
        if kind == "rules":
            scoring = scoring or "per_option"
            if scoring not in SCORINGS:
                raise where.error(f"{qpath}.scoring", scoring, allowed=list(SCORINGS))
        elif scoring is not None:
            raise where.error(f"{qpath}.scoring", scoring, why="chỉ câu loại «rules» (chọn nhiều) mới có cách chấm")
        choices = rq.get("choices")
        if choices is not None:
            if kind not in ("rules", "choice") or not isinstance(choices, list) or not choices:
                raise where.error(f"{qpath}.choices", choices,
                                  why="chỉ câu loại «rules» hoặc «choice» mới có danh sách lựa chọn không rỗng")
            choices = tuple(str(c) for c in choices)
        questions.append(Question(id=qid, kind=kind, prompt=where.text(f"{qpath}.prompt", rq["prompt"]),
                                  points=float(points), answer=answer, feedback=feedback, choices=choices,
                                  feedback_when=feedback_when, hints=hints, fixed=fixed, scoring=scoring))
    template = data.get("template", DEFAULT_TEMPLATE)
    if not isinstance(template, str) or not template.endswith(".ipynb"):
        raise where.error("template", template, why="cần tên một tệp .ipynb")
    return Spec(id=sid, title=where.text("title", data["title"]),
                objective=where.text("objective", data["objective"]), difficulty=difficulty, topic=topic,
                generator=gen.name, params=params, questions=tuple(questions), template=template,
                ruleset=ruleset, situation=str(data.get("situation") or "").strip(), path=path,
                opens=moments.get("opens"), closes=moments.get("closes"), deadline=moments.get("deadline"),
                attempt_policy=policy, max_tries=max_tries, show_answer=show_answer)


def load_spec(path: str | Path) -> Spec:
    """Read one spec file strictly; any fault is an ``InputError`` naming the file and the field."""
    path = Path(path)
    if not path.is_file():
        raise InputError("tệp đặc tả bài tập", str(path), why="không tìm thấy tệp")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except InputError as exc:
        raise InputError(f"{path}: {exc.field}", exc.value, why=exc.why) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(f"tệp đặc tả {path}", path.name, why=f"không đọc được YAML: {exc}") from None
    return spec_from_dict(data, source=str(path), path=path)


def load_specs(paths) -> list[Spec]:
    """Several specs (files, or folders whose ``*.yaml`` are read); two specs with one id are refused."""
    specs: list[Spec] = []
    for p in paths:
        p = Path(p)
        files = sorted(p.glob("*.yaml")) if p.is_dir() else [p]
        specs.extend(load_spec(f) for f in files)
    ids: dict[str, Path | None] = {}
    for s in specs:
        if s.id in ids:
            raise InputError("id", s.id, why=f"hai tệp đặc tả cùng mã: {ids[s.id]} và {s.path}")
        ids[s.id] = s.path
    if not specs:
        raise InputError("đặc tả bài tập", [str(p) for p in paths], why="không có tệp đặc tả nào")
    return specs


# --- drawing a variant ------------------------------------------------------------------------------------------

def draw_params(spec: Spec, class_seed: int, trainee_id: str) -> dict:
    """The generator's parameters for one trainee: each drawn with its own seed (class seed, spec, trainee,
    parameter name), defaults for those the spec leaves out."""
    gen = get_generator(spec.generator)
    out = {}
    for name, p in gen.params.items():
        rule = spec.params.get(name)
        if rule is None:
            out[name] = p.default.isoformat() if isinstance(p.default, dt.date) else p.default
            continue
        rng = random.Random(item_seed(class_seed, spec.id, trainee_id, f"param:{name}"))
        if "value" in rule:
            out[name] = rule["value"]
        elif "one_of" in rule:
            out[name] = rng.choice(rule["one_of"])
        elif "min" in rule:
            out[name] = rng.randint(rule["min"], rule["max"])
        elif "from" in rule and rule.get("day", p.day) != "bat_ky":
            # an official event: drawn among the working days (or, if the spec asks, the days off) of the range
            out[name] = rng.choice(_days_of(rule["from"], rule["to"], rule.get("day", p.day))).isoformat()
        else:
            lo, hi = dt.date.fromisoformat(rule["from"]), dt.date.fromisoformat(rule["to"])
            out[name] = (lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))).isoformat()
    return out


def scenario_rng(spec: Spec, class_seed: int, trainee_id: str) -> random.Random:
    """The generator's own randomness (member tables and the like), seeded apart from the parameters."""
    return random.Random(item_seed(class_seed, spec.id, trainee_id, "scenario"))


def generator_of(spec: Spec) -> Generator:
    return get_generator(spec.generator)
