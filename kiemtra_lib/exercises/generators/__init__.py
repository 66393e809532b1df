"""The scenario generators exercises are built from, one module per domain (timelines, review, rating,
discipline). Every answer a generator gives is computed by ``kiemtra_lib``; a generator only draws the facts of a
situation and asks the library."""

from __future__ import annotations

import importlib

from .base import REGISTRY, Fact, Generator, Param, get_generator, register

__all__ = ["REGISTRY", "Fact", "Generator", "Param", "get_generator", "register"]

_MODULES = ("timelines", "review", "rating", "discipline", "verification", "capstone", "qd366")
_loaded = False


def _load_all() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for name in _MODULES:
        try:
            importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as exc:  # a module not written yet: its generators are simply absent
            if exc.name != f"{__name__}.{name}":
                raise
