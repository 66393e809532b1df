"""Exercise specs: one small YAML file per exercise, read by a strict loader.

A spec says what is taught (title, objective, difficulty, topic), which notebook template the trainee gets, which
scenario generator draws the situation and from which ranges, and which questions are asked about it: the kind of
answer, the fact of the generator that answers it, the points, and the feedback for each kind of wrong answer.

Every mistake in a spec is an ``InputError`` in Vietnamese that names the file and the field (``questions[2].kind``),
the value received and what is allowed: an unknown key, a missing field, a wrong type, a fact the generator does not
compute, a parameter it does not take.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import yaml

from ..errors import InputError
from ._util import digest, item_seed
from .generators.base import Generator, Param, get_generator

__all__ = ["Spec", "Question", "QUESTION_KINDS", "WRONG_KINDS", "DIFFICULTIES", "TOPICS", "load_spec",
           "load_specs", "draw_params", "spec_from_dict"]

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

_SPEC_KEYS = {"id", "title", "objective", "difficulty", "topic", "template", "ruleset", "situation", "scenario",
              "questions"}
_SPEC_REQUIRED = {"id", "title", "objective", "difficulty", "topic", "scenario", "questions"}
_SCENARIO_KEYS = {"generator", "params"}
_QUESTION_KEYS = {"id", "kind", "prompt", "answer", "points", "feedback", "choices"}
_QUESTION_REQUIRED = {"id", "kind", "prompt", "points"}
DEFAULT_TEMPLATE = "bai_tap.ipynb"


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    prompt: str
    points: float
    answer: str | None = None
    feedback: Mapping[str, str] = field(default_factory=dict)
    choices: tuple[Any, ...] | None = None

    @property
    def auto_graded(self) -> bool:
        return self.kind != "text"

    def public(self) -> dict:
        """What the trainee's notebook carries: no answer, only the question."""
        out = {"id": self.id, "kind": self.kind, "prompt": self.prompt, "points": self.points,
               "feedback": dict(self.feedback), "answer": self.answer}
        if self.choices is not None:
            out["choices"] = list(self.choices)
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
    ruleset: str = "hcm-2014"
    situation: str = ""
    path: Path | None = None

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
                "situation": self.situation, "questions": [q.public() for q in self.questions]}

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
        return {"one_of": [one(v, f"{path}[{i}]") for i, v in enumerate(raw)]}
    if isinstance(raw, dict):
        if p.kind == "int":
            where.mapping(path, raw, {"min", "max"}, {"min", "max"})
            lo, hi = one(raw["min"], f"{path}.min"), one(raw["max"], f"{path}.max")
            if lo > hi:
                raise where.error(f"{path}.min", lo, why=f"lớn hơn max ({hi})")
            return {"min": lo, "max": hi}
        if p.kind == "date":
            where.mapping(path, raw, {"from", "to"}, {"from", "to"})
            lo, hi = one(raw["from"], f"{path}.from"), one(raw["to"], f"{path}.to")
            if lo > hi:
                raise where.error(f"{path}.from", lo, why=f"sau ngày to ({hi})")
            return {"from": lo, "to": hi}
        raise where.error(path, raw, why="chỉ tham số số nguyên hoặc ngày mới lấy theo khoảng")
    return {"value": one(raw, path)}


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
    ruleset = data.get("ruleset", "hcm-2014")
    from ..rules import available_rulesets

    if ruleset not in available_rulesets():
        raise where.error("ruleset", ruleset, allowed=available_rulesets())
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
        feedback = rq.get("feedback") or {}
        if not isinstance(feedback, dict):
            raise where.error(f"{qpath}.feedback", feedback, why="cần một bảng: loại sai → lời nhắc")
        for wk, text in feedback.items():
            if wk not in WRONG_KINDS[kind]:
                raise where.error(f"{qpath}.feedback.{wk}", wk, allowed=list(WRONG_KINDS[kind]) or "(không có)",
                                  why=f"câu loại «{kind}» không có loại sai này")
            where.text(f"{qpath}.feedback.{wk}", text)
        choices = rq.get("choices")
        if choices is not None:
            if kind not in ("rules", "choice") or not isinstance(choices, list) or not choices:
                raise where.error(f"{qpath}.choices", choices,
                                  why="chỉ câu loại «rules» hoặc «choice» mới có danh sách lựa chọn không rỗng")
            choices = tuple(str(c) for c in choices)
        questions.append(Question(id=qid, kind=kind, prompt=where.text(f"{qpath}.prompt", rq["prompt"]),
                                  points=float(points), answer=answer,
                                  feedback={k: v.strip() for k, v in feedback.items()}, choices=choices))
    template = data.get("template", DEFAULT_TEMPLATE)
    if not isinstance(template, str) or not template.endswith(".ipynb"):
        raise where.error("template", template, why="cần tên một tệp .ipynb")
    return Spec(id=sid, title=where.text("title", data["title"]),
                objective=where.text("objective", data["objective"]), difficulty=difficulty, topic=topic,
                generator=gen.name, params=params, questions=tuple(questions), template=template,
                ruleset=ruleset, situation=str(data.get("situation") or "").strip(), path=path)


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
        else:
            lo, hi = dt.date.fromisoformat(rule["from"]), dt.date.fromisoformat(rule["to"])
            out[name] = (lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))).isoformat()
    return out


def scenario_rng(spec: Spec, class_seed: int, trainee_id: str) -> random.Random:
    """The generator's own randomness (member tables and the like), seeded apart from the parameters."""
    return random.Random(item_seed(class_seed, spec.id, trainee_id, "scenario"))


def generator_of(spec: Spec) -> Generator:
    return get_generator(spec.generator)
