"""Rule sets as data.

A rule set is a folder ``kiemtra_lib/rulesets/<name>/``: ``ruleset.yaml`` says what the set is and which documents
it may cite; every other ``*.yaml`` file adds ``rules`` (keyed by rule id) and ``parameters`` (the
interpretations of RULES.md, each tied to a rule). The loader is strict, as OpenFisca's is, and stricter: an unknown
key, a duplicate key or rule id, a rule without a source, or a source naming a document the set does not list is
refused. Nothing is read at import time.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field, replace
from importlib import resources
from types import MappingProxyType
from typing import Any, Mapping

import yaml

from .errors import InputError

__all__ = ["Source", "Rule", "Parameter", "Reason", "RuleSet", "RuleSetFormatError", "load_ruleset",
           "get_ruleset", "available_rulesets", "DEFAULT_RULESET", "STATUS_LABELS", "COURSE_DOC", "plain_text"]

DEFAULT_RULESET = "hcm-2014"

#: What a rule's status means, shown to users beside every reason that rests on it.
STATUS_LABELS = {
    "confirmed": "đã xác nhận",
    "to_be_confirmed": "chưa xác nhận được văn bản gốc — cần xác nhận",
}


class RuleSetFormatError(Exception):
    """A rule-set file breaks the format: a fault of the package, not of the user's input."""


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys (PyYAML keeps the last one silently)."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise RuleSetFormatError(f"duplicate key {key!r} at {key_node.start_mark}")
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass(frozen=True)
class Source:
    """A citation: a document of the rule set's list and the clause in it."""

    doc: str
    clause: str
    title: str = ""

    def cite(self) -> str:
        if self.doc == COURSE_DOC:  # the catalogue's file is not a document a trainee can read: say what it is
            clause = plain_text(self.clause)
            return f"diễn giải của khóa học ({clause})" if clause else "diễn giải của khóa học"
        return f"{self.doc} {self.clause}".strip()


#: The document key under which a rule set cites the project's catalogue of interpretations (shared/RULES.md).
COURSE_DOC = "RULES.md"
_PLAIN = ((re.compile(r"\s*\(INTERPRETATION\)"), ""), (re.compile(r"(?:RULES\.md\s*)?«?Counting days»?"), "cách đếm ngày"),
          (re.compile(r"\(diễn giải của khoá học, RULES\.md\)"), "(diễn giải của khóa học)"),
          (re.compile(r",?\s*\(?\.\./shared/RULES\.md[^)]*\)?"), ""), (re.compile(r"RULES\.md"), "diễn giải của khóa học"),
          (re.compile(r"khoá học"), "khóa học"))


def plain_text(text: str) -> str:
    """A rule set's text as a trainee reads it: the catalogue's file name and English words replaced by what they
    are («diễn giải của khóa học», «cách đếm ngày»).

    >>> plain_text("R-M2 (INTERPRETATION)"), plain_text("T3, Counting days")
    ('R-M2', 'T3, cách đếm ngày')
    """
    if not isinstance(text, str):
        from .errors import InputError

        raise InputError("văn bản", type(text).__name__, allowed="một chuỗi")
    for pattern, repl in _PLAIN:
        text = pattern.sub(repl, text)
    return text.strip()


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    summary: str
    sources: tuple[Source, ...]
    status: str = "confirmed"
    values: Mapping[str, Any] = field(default_factory=dict)
    note: str = ""
    effective_from: dt.date | None = None

    def cite(self) -> str:
        return "; ".join(s.cite() for s in self.sources)

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed"


@dataclass(frozen=True)
class Parameter:
    """An interpretation the sources leave open (RULES.md "INTERPRETATION"): named, documented, changeable."""

    name: str
    rule: str
    value: Any
    allowed: tuple[Any, ...] | None
    description: str


@dataclass(frozen=True)
class Reason:
    """Why a decision came out as it did: the rule, its source, the fact that triggered it, a Vietnamese sentence."""

    rule_id: str
    text: str
    source: str
    fact: str | None = None
    status: str = "confirmed"

    def __str__(self) -> str:
        tail = f" [{self.rule_id}, {plain_text(self.source)}]"
        if self.status != "confirmed":
            tail += f" ({STATUS_LABELS.get(self.status, self.status)})"
        return self.text + tail

    def as_dict(self) -> dict:
        return {"rule_id": self.rule_id, "text": self.text, "source": self.source, "fact": self.fact,
                "status": self.status}


_RULESET_KEYS = {"name", "title", "description", "effective_from", "effective_to", "documents"}
_DOCUMENT_KEYS = {"title", "file", "status", "date"}
_PART_KEYS = {"rules", "parameters"}
_RULE_KEYS = {"title", "summary", "source", "status", "values", "note", "effective_from"}
_SOURCE_KEYS = {"doc", "clause"}
_PARAM_KEYS = {"rule", "value", "allowed", "description"}


def _check_keys(where: str, data: Any, allowed: set[str], required: set[str] = frozenset()) -> None:
    if not isinstance(data, dict):
        raise RuleSetFormatError(f"{where}: expected a mapping, got {type(data).__name__}")
    unknown = set(data) - allowed
    if unknown:
        raise RuleSetFormatError(f"{where}: unknown keys {sorted(unknown)}; allowed {sorted(allowed)}")
    missing = set(required) - set(data)
    if missing:
        raise RuleSetFormatError(f"{where}: missing keys {sorted(missing)}")


@dataclass(frozen=True)
class RuleSet:
    """A loaded rule set. ``ruleset.rule("T3").values["allowed_days"]``, ``ruleset.param("...")``."""

    name: str
    title: str
    description: str
    effective_from: dt.date | None
    effective_to: dt.date | None
    documents: Mapping[str, Mapping[str, str]]
    rules: Mapping[str, Rule]
    parameters: Mapping[str, Parameter]

    def rule(self, rule_id: str) -> Rule:
        try:
            return self.rules[rule_id]
        except KeyError:
            raise InputError("mã quy tắc", rule_id, allowed=sorted(self.rules),
                             why=f"bộ quy tắc {self.name} không có quy tắc này") from None

    def value(self, rule_id: str, key: str) -> Any:
        values = self.rule(rule_id).values
        if key not in values:
            raise RuleSetFormatError(f"rule {rule_id} of {self.name} has no value {key!r}")
        return values[key]

    def param(self, name: str) -> Any:
        try:
            return self.parameters[name].value
        except KeyError:
            raise InputError("tham số", name, allowed=sorted(self.parameters)) from None

    def with_params(self, **overrides: Any) -> "RuleSet":
        """A copy with some interpretations changed (an instructor's "what if"); checked like any input."""
        params = dict(self.parameters)
        for name, value in overrides.items():
            if name not in params:
                raise InputError("tham số", name, allowed=sorted(params))
            p = params[name]
            if p.allowed is not None and value not in p.allowed:
                raise InputError(name, value, allowed=p.allowed, rule_id=p.rule)
            params[name] = replace(p, value=value)
        return replace(self, parameters=MappingProxyType(params))

    def cite(self, rule_id: str) -> str:
        return self.rule(rule_id).cite()

    def reason(self, rule_id: str, text: str, fact: str | None = None) -> Reason:
        rule = self.rule(rule_id)
        return Reason(rule_id=rule_id, text=text, source=rule.cite(), fact=fact, status=rule.status)

    def label(self) -> str:
        """How a course page names the rule set it used, e.g. in a chart title."""
        return f"bộ quy tắc «{self.name}»: {self.title}"


def _parse_source(where: str, raw: Any, documents: Mapping[str, Any]) -> tuple[Source, ...]:
    items = raw if isinstance(raw, list) else [raw]
    if not items or raw is None:
        raise RuleSetFormatError(f"{where}: a rule needs a source")
    out = []
    for i, item in enumerate(items):
        _check_keys(f"{where}.source[{i}]", item, _SOURCE_KEYS, _SOURCE_KEYS)
        doc, clause = str(item["doc"]), str(item["clause"]).strip()
        if doc not in documents:
            raise RuleSetFormatError(f"{where}: source document {doc!r} is not listed in ruleset.yaml")
        if not clause:
            raise RuleSetFormatError(f"{where}: source of document {doc!r} has no clause")
        out.append(Source(doc=doc, clause=clause, title=documents[doc]["title"]))
    return tuple(out)


def _as_opt_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _load_from(folder: Any, name: str) -> RuleSet:
    meta_file = folder / "ruleset.yaml"
    if not meta_file.is_file():
        raise RuleSetFormatError(f"{name}: ruleset.yaml is missing")
    meta = yaml.load(meta_file.read_text(encoding="utf-8"), Loader=_StrictLoader)
    _check_keys(f"{name}/ruleset.yaml", meta, _RULESET_KEYS, {"name", "title", "documents"})
    if meta["name"] != name:
        raise RuleSetFormatError(f"{name}/ruleset.yaml names itself {meta['name']!r}")
    documents = {}
    for key, doc in meta["documents"].items():
        _check_keys(f"{name}/ruleset.yaml documents.{key}", doc, _DOCUMENT_KEYS, {"title"})
        documents[str(key)] = MappingProxyType(dict(doc))
    rules: dict[str, Rule] = {}
    params: dict[str, Parameter] = {}
    part_files = sorted(p for p in folder.iterdir() if p.name.endswith(".yaml") and p.name != "ruleset.yaml")
    for part in part_files:
        where = f"{name}/{part.name}"
        data = yaml.load(part.read_text(encoding="utf-8"), Loader=_StrictLoader) or {}
        _check_keys(where, data, _PART_KEYS)
        for rule_id, raw in (data.get("rules") or {}).items():
            rwhere = f"{where} rules.{rule_id}"
            _check_keys(rwhere, raw, _RULE_KEYS, {"title", "summary", "source"})
            if rule_id in rules:
                raise RuleSetFormatError(f"{rwhere}: rule id defined twice")
            status = raw.get("status", "confirmed")
            if status not in STATUS_LABELS:
                raise RuleSetFormatError(f"{rwhere}: status {status!r} not in {sorted(STATUS_LABELS)}")
            rules[rule_id] = Rule(id=rule_id, title=raw["title"], summary=raw["summary"],
                                  sources=_parse_source(rwhere, raw["source"], documents), status=status,
                                  values=MappingProxyType(dict(raw.get("values") or {})),
                                  note=raw.get("note", ""),
                                  effective_from=_as_opt_date(raw.get("effective_from")))
        for pname, raw in (data.get("parameters") or {}).items():
            pwhere = f"{where} parameters.{pname}"
            _check_keys(pwhere, raw, _PARAM_KEYS, {"rule", "value", "description"})
            if pname in params:
                raise RuleSetFormatError(f"{pwhere}: parameter defined twice")
            allowed = tuple(raw["allowed"]) if raw.get("allowed") is not None else None
            if allowed is not None and raw["value"] not in allowed:
                raise RuleSetFormatError(f"{pwhere}: value {raw['value']!r} not in allowed {allowed}")
            params[pname] = Parameter(name=pname, rule=raw["rule"], value=raw["value"], allowed=allowed,
                                      description=raw["description"])
    for p in params.values():
        if p.rule not in rules:
            raise RuleSetFormatError(f"{name}: parameter {p.name} refines unknown rule {p.rule}")
    return RuleSet(name=name, title=meta["title"], description=meta.get("description", ""),
                   effective_from=_as_opt_date(meta.get("effective_from")),
                   effective_to=_as_opt_date(meta.get("effective_to")),
                   documents=MappingProxyType(documents), rules=MappingProxyType(rules),
                   parameters=MappingProxyType(params))


def _rulesets_root():
    return resources.files("kiemtra_lib") / "rulesets"


def available_rulesets() -> list[str]:
    return sorted(p.name for p in _rulesets_root().iterdir() if p.is_dir() and (p / "ruleset.yaml").is_file())


@functools.lru_cache(maxsize=None)
def load_ruleset(name: str = DEFAULT_RULESET) -> RuleSet:
    """Load a rule set shipped with the package (cached: rule sets are immutable values)."""
    if name not in available_rulesets():
        raise InputError("bộ quy tắc", name, allowed=available_rulesets())
    rs = _load_from(_rulesets_root() / name, name)
    _check_own_rule_ids(rs, {other: _rule_ids(other) for other in available_rulesets() if other != name})
    return rs


@functools.lru_cache(maxsize=None)
def _rule_ids(name: str) -> frozenset:
    return frozenset(_load_from(_rulesets_root() / name, name).rules)


def _check_own_rule_ids(rs: RuleSet, others: Mapping[str, Any]) -> None:
    """A rule id belongs to one rule set (N3 to qd366-2025, R-M2 to hcm-2014): a set that defines an id of
    another is refused, so a reason's rule id always says which rules it applied."""
    for other, ids in sorted(others.items()):
        shared = sorted(set(rs.rules) & set(ids))
        if shared:
            raise RuleSetFormatError(f"{rs.name}: rule ids {shared} belong to rule set {other!r}")


def get_ruleset(ruleset: "str | RuleSet" = DEFAULT_RULESET) -> RuleSet:
    """Accept a rule-set name or an already loaded (possibly re-parameterised) ``RuleSet``."""
    if isinstance(ruleset, RuleSet):
        return ruleset
    if not isinstance(ruleset, str):
        raise InputError("bộ quy tắc", ruleset, allowed=available_rulesets())
    return load_ruleset(ruleset)
