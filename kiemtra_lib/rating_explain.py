"""What would have to change for the next level up (placeholder, filled in below)."""
from __future__ import annotations

__all__ = ["Explanation", "explain", "revise"]


class Explanation:  # pragma: no cover - replaced
    pass


def explain(*args, **kwargs):  # pragma: no cover - replaced
    raise NotImplementedError


def revise(*args, **kwargs):  # pragma: no cover - replaced
    raise NotImplementedError
