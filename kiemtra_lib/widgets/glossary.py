"""Lesson 10: the glossary (``kiemtra_lib.glossary``) as tables, a browser of entries, and a quiz."""

from __future__ import annotations

import random
from typing import Any

import ipywidgets as w

from .. import glossary
from ._panel import Panel, esc, show
from .quiz import Question, Quiz

__all__ = ["entry_html", "entry_options", "GlossaryPanel", "glossary_quiz", "show"]

_ALL = "tat_ca"


def _key(entry: Any) -> str:
    return entry.abbr if isinstance(entry, glossary.Abbreviation) else entry.term


def entry_options(lesson: str = _ALL) -> list[tuple[str, str]]:
    """(label shown, key) of every entry, or only those a lesson teaches."""
    out = []
    for e in glossary.search(""):
        if lesson != _ALL and e.lesson != lesson:
            continue
        label = f"{e.abbr} — {e.full}" if isinstance(e, glossary.Abbreviation) else e.term
        out.append((label, _key(e)))
    return out


def lesson_options() -> list[tuple[str, str]]:
    numbers = sorted({e.lesson for e in glossary.search("")})
    return [("Mọi bài", _ALL)] + [(f"Bài {n}", n) for n in numbers]


def entry_html(key: str) -> str:
    """One entry as HTML: what it stands for or means, its kind, its source, the lesson that teaches it."""
    for e in glossary.search(""):
        if _key(e) != key:
            continue
        if isinstance(e, glossary.Abbreviation):
            head = f"<p><b>{esc(e.abbr)}</b>: {esc(e.full)} ({esc(e.kind)}).</p>"
        else:
            head = f"<p><b>{esc(e.term)}</b>: {esc(e.meaning)}</p>"
        return head + f"<p>Nguồn: {esc(e.source)}. Học ở bài {esc(e.lesson)}.</p>"
    return f"<p>Không có mục «{esc(key)}» trong bảng thuật ngữ.</p>"


class GlossaryPanel(Panel):
    """Choose a lesson, then an entry: its meaning and source."""

    title = "Tra cứu thuật ngữ và chữ viết tắt"

    def __init__(self, key: str = "TSVM", lesson: str = _ALL) -> None:
        super().__init__()
        if key not in [k for _l, k in entry_options(lesson)]:  # an entry of another lesson: show every lesson's
            lesson = _ALL
        self.lesson = w.Dropdown(options=lesson_options(), value=lesson, description="Bài")
        self.entry = w.Dropdown(options=entry_options(lesson), value=key, description="Mục từ",
                                layout=w.Layout(width="36em"))
        self.controls = [self.lesson, self.entry]
        self.lesson.observe(self._filter, names="value")
        self._watch(self.entry)
        self.refresh()

    def _filter(self, *_: Any) -> None:
        options = entry_options(self.lesson.value)
        with self.loading():
            keep = self.entry.value if self.entry.value in [k for _l, k in options] else options[0][1]
            self.entry.options = options
            self.entry.value = keep

    def compute(self) -> str:
        return entry_html(self.entry.value)


def glossary_quiz(seed: int = 0, n: int = 4) -> Quiz:
    """Questions drawn from the glossary itself: what an abbreviation stands for, where a term comes from."""
    rng = random.Random(seed)
    abbrs = [a for a in glossary.abbreviations() if a.kind in glossary.SPELLED_OUT]
    picked = rng.sample(abbrs, min(n - 1, len(abbrs)))
    questions = []
    for a in picked:
        others = rng.sample([b.full for b in abbrs if b.full != a.full], 3)
        choices = sorted(others + [a.full])
        questions.append(Question(f"«{a.abbr}» là viết tắt của gì?", tuple(choices), a.full,
                                  f"{a.abbr}: {a.full} (nguồn: {a.source})."))
    terms = list(glossary.terms())
    t = rng.choice([t for t in terms if t.source[:3] in {"000", "001", "002", "003", "004"}])
    seeds = ["000", "001", "002", "003", "004"]
    questions.append(Question(f"Thuật ngữ «{t.term}» được lấy từ văn bản nguồn nào?",
                              tuple(f"văn bản {s}" for s in seeds), f"văn bản {t.source[:3]}",
                              f"«{t.term}»: {t.meaning} Nguồn: {t.source}."))
    return Quiz(questions, title="Tự kiểm tra: thuật ngữ")
