"""A self-check quiz with immediate feedback.

The right answer of every question is computed by the library when the quiz is built (each notebook's
``*_quiz`` function), never typed into the notebook; ``Quiz.check`` compares a choice with it after NFC normalisation
(Vietnamese text can arrive decomposed). Nothing is graded or stored: this is practice.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any, Sequence

import ipywidgets as w
from IPython.display import display

from ._panel import esc, message_html

__all__ = ["Question", "Quiz"]


def _nfc(value: Any) -> str:
    return unicodedata.normalize("NFC", str(value)).strip()


@dataclass(frozen=True)
class Question:
    prompt: str
    choices: tuple[str, ...]
    answer: str
    explanation: str

    def __post_init__(self) -> None:
        choices = tuple(_nfc(c) for c in self.choices)
        object.__setattr__(self, "choices", tuple(dict.fromkeys(choices)))
        object.__setattr__(self, "answer", _nfc(self.answer))
        if self.answer not in self.choices:
            raise ValueError(f"answer {self.answer!r} is not among the choices {self.choices!r}")


class Quiz:
    """Questions shown as radio buttons, each with a «Kiểm tra» button and its feedback."""

    def __init__(self, questions: Sequence[Question], title: str = "") -> None:
        if not questions:
            raise ValueError("a quiz needs at least one question")
        self.questions = tuple(questions)
        self.title = title
        self.choices = [w.RadioButtons(options=q.choices, value=None, layout=w.Layout(width="auto"))
                        for q in self.questions]
        self.buttons = [w.Button(description="Kiểm tra", button_style="info") for _ in self.questions]
        self.feedback = [w.HTML("") for _ in self.questions]
        for i, b in enumerate(self.buttons):
            b.on_click(lambda _b, i=i: self._show(i))

    def check(self, index: int, choice: Any) -> tuple[bool, str]:
        """(correct?, Vietnamese feedback) for one answer."""
        q = self.questions[index]
        if choice is None or _nfc(choice) == "":
            return False, "Anh/chị chưa chọn câu trả lời."
        if _nfc(choice) == q.answer:
            return True, f"Đúng. {q.explanation}"
        return False, f"Chưa đúng. Đáp án: «{q.answer}». {q.explanation}"

    def _show(self, index: int) -> None:
        ok, text = self.check(index, self.choices[index].value)
        self.feedback[index].value = message_html(text, "ok" if ok else "warn")

    def score(self) -> int:
        return sum(self.check(i, c.value)[0] for i, c in enumerate(self.choices))

    @property
    def widget(self) -> w.Widget:
        if getattr(self, "_box", None) is None:
            rows = [w.HTML(f"<h4>{esc(self.title)}</h4>")] if self.title else []
            for i, q in enumerate(self.questions):
                rows += [w.HTML(f"<b>Câu {i + 1}.</b> {esc(q.prompt)}"), self.choices[i], self.buttons[i],
                         self.feedback[i]]
            self._box = w.VBox(rows)
        return self._box

    def _ipython_display_(self) -> None:
        display(self.widget)
