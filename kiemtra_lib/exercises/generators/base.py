"""What a scenario generator is: declared parameters (with the ranges a spec may draw from), declared facts (the
answers it computes with ``kiemtra_lib``), ``generate`` (parameters → scenario) and ``solve`` (scenario → facts)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from ...dates import fmt_date

__all__ = ["Param", "Fact", "Generator", "REGISTRY", "register", "get_generator", "level_choices"]


@dataclass(frozen=True)
class Param:
    """One parameter a spec may fix or draw: ``int``, ``date``, ``choice`` (from ``allowed``) or ``bool``."""

    kind: str
    default: Any
    label: str
    allowed: tuple[Any, ...] | None = None
    minimum: Any = None
    maximum: Any = None


@dataclass(frozen=True)
class Fact:
    """A correct answer computed by the library, with the rules it rests on and the library's own explanation.

    ``value`` is JSON-safe: a date is ISO ``yyyy-mm-dd``, a set of rule ids a sorted list, a level its slug.
    ``choices`` are the options a widget offers (``[value, label]``) for choice-like questions; ``order`` ranks
    ordered choices (levels, forms) so that "too high" and "too low" can be told apart.
    """

    value: Any
    rule_ids: tuple[str, ...]
    explanation: str
    choices: tuple[tuple[Any, str], ...] | None = None
    order: tuple[Any, ...] | None = None

    def as_dict(self) -> dict:
        out = {"value": self.value, "rule_ids": list(self.rule_ids), "explanation": self.explanation}
        if self.choices is not None:
            out["choices"] = [list(c) for c in self.choices]
        if self.order is not None:
            out["order"] = list(self.order)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Fact":
        choices = data.get("choices")
        order = data.get("order")
        return cls(value=data["value"], rule_ids=tuple(data.get("rule_ids") or ()),
                   explanation=str(data.get("explanation", "")),
                   choices=tuple(tuple(c) for c in choices) if choices is not None else None,
                   order=tuple(order) if order is not None else None)


@dataclass
class Generator:
    """A scenario generator: ``generate(params, rng)`` → scenario (JSON-safe dict); ``solve(scenario, ruleset)``
    → ``{fact name: Fact}``; ``describe(scenario)`` → the Vietnamese situation shown to the trainee (Markdown)."""

    name: str
    title: str
    params: Mapping[str, Param]
    facts: Mapping[str, str]  # fact name -> question kind it answers
    generate: Callable[[dict, random.Random], dict]
    solve: Callable[[dict, Any], dict]
    describe: Callable[[dict], str]
    requires: tuple[str, ...] = field(default_factory=tuple)  # kiemtra_lib modules the solver uses
    #: Optional: solve many scenarios in one call of a vectorised library function (a class of 200 in one table).
    #: Must give exactly ``[solve(s) for s in scenarios]``; ``solve`` is then usually ``solve_many([s])[0]``.
    solve_many: Callable[[list, Any], list] | None = None

    def solve_all(self, scenarios: list, ruleset: Any) -> list[dict]:
        if self.solve_many is not None:
            return list(self.solve_many(list(scenarios), ruleset))
        return [self.solve(s, ruleset) for s in scenarios]

    def available(self) -> bool:
        import importlib

        for mod in self.requires:
            try:
                importlib.import_module(f"kiemtra_lib.{mod}")
            except ImportError:
                return False
        return True


REGISTRY: dict[str, Generator] = {}


def register(gen: Generator) -> Generator:
    if gen.name in REGISTRY:
        raise ValueError(f"generator {gen.name!r} registered twice")
    REGISTRY[gen.name] = gen
    return gen


def get_generator(name: str) -> Generator:
    from . import _load_all

    _load_all()
    try:
        return REGISTRY[name]
    except KeyError:
        from ...errors import InputError

        raise InputError("bộ sinh tình huống (scenario.generator)", name, allowed=sorted(REGISTRY)) from None


def iso(d: dt.date) -> str:
    return d.isoformat()


def vn(d: Any) -> str:
    return fmt_date(d)


def level_choices(labels: Mapping[str, str], order: Sequence[str]) -> tuple[tuple[str, str], ...]:
    return tuple((k, labels[k]) for k in order)
