"""What a scenario generator is: declared parameters (with the ranges a spec may draw from), declared facts (the
answers it computes with ``kiemtra_lib``), ``generate`` (parameters → scenario) and ``solve`` (scenario → facts)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from ...dates import fmt_date

__all__ = ["Param", "Fact", "Generator", "REGISTRY", "register", "get_generator", "level_choices", "official_day"]


@dataclass(frozen=True)
class Param:
    """One parameter a spec may fix or draw: ``int``, ``date``, ``choice`` (from ``allowed``) or ``bool``."""

    kind: str
    default: Any
    label: str
    allowed: tuple[Any, ...] | None = None
    minimum: Any = None
    maximum: Any = None
    #: dates: ``lam_viec`` for the day of an official event (a meeting, a team visit, a decision, an announcement:
    #: drawn among working days unless the spec asks otherwise), ``bat_ky`` for any other day
    day: str = "bat_ky"


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
    #: Named features of a scenario (name -> Vietnamese label) that a hint's ``when`` may test, and the function
    #: that lists those present in a scenario (a hint about maternity leave only where there is maternity leave).
    features: Mapping[str, str] = field(default_factory=dict)
    scenario_features: Callable[[dict], set] | None = None

    def features_of(self, scenario: Mapping[str, Any]) -> set[str]:
        return set(self.scenario_features(dict(scenario))) if self.scenario_features is not None else set()

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


def official_day(d: Any) -> str:
    """The day of an official event a generator draws itself (a decision announced, an admission, a planned
    meeting): ``d`` if it is a working day, else the next working day, by the library's calendar. ISO text."""
    from ...calendar import is_working_day

    d = d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d))
    while not is_working_day(d):
        d += dt.timedelta(days=1)
    return d.isoformat()
