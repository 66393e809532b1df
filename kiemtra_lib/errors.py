"""One error family for bad input: every message is Vietnamese and names the field and the value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

__all__ = ["InputError", "Problem"]


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"«{value}»"
    return repr(value)


@dataclass(frozen=True)
class Problem:
    """One bad value: where it is (row, field), what it is, and what was expected."""

    field: str
    value: Any
    allowed: str | Sequence[Any] | None = None
    row: Any = None
    why: str | None = None

    def message(self) -> str:
        where = f"trường «{self.field}»"
        if self.row is not None:
            where = f"dòng {self.row}, cột «{self.field}»"
        text = f"Giá trị không hợp lệ ở {where}: {_show(self.value)}."
        if self.why:
            text += f" {self.why.rstrip('.')}."
        if self.allowed is not None:
            allowed = self.allowed if isinstance(self.allowed, str) else ", ".join(map(str, self.allowed))
            text += f" Giá trị cho phép: {allowed}."
        return text


class InputError(ValueError):
    """Bad input to ``kiemtra_lib``.

    ``InputError("ngày", "31/02/2025", allowed="một ngày có thật, dạng dd/mm/yyyy")`` names one bad value;
    ``InputError.many(problems)`` reports every bad value of a table at once (nothing is dropped silently).

    >>> str(InputError("cấp kiểm tra", "huyen", allowed=["trung_uong", "tinh", "co_so"]))
    'Giá trị không hợp lệ ở trường «cấp kiểm tra»: «huyen». Giá trị cho phép: trung_uong, tinh, co_so.'
    """

    def __init__(self, field: str, value: Any = None, *, allowed: str | Sequence[Any] | None = None,
                 row: Any = None, why: str | None = None, rule_id: str | None = None,
                 problems: Iterable[Problem] = ()):
        self.problems: tuple[Problem, ...] = tuple(problems) or (Problem(field, value, allowed, row, why),)
        first = self.problems[0]
        self.field, self.value, self.allowed, self.row, self.why = (
            first.field, first.value, first.allowed, first.row, first.why)
        self.rule_id = rule_id
        super().__init__(self._render())

    @classmethod
    def many(cls, problems: Iterable[Problem], *, rule_id: str | None = None) -> "InputError":
        problems = tuple(problems)
        if not problems:
            raise ValueError("InputError.many needs at least one problem")
        first = problems[0]
        return cls(first.field, first.value, rule_id=rule_id, problems=problems)

    def _render(self) -> str:
        lines = [p.message() for p in self.problems]
        suffix = f" (quy tắc {self.rule_id})" if self.rule_id else ""
        if len(lines) == 1:
            return lines[0] + suffix
        head = f"Có {len(lines)} giá trị không hợp lệ{suffix}:"
        return "\n".join([head, *("- " + line for line in lines)])
