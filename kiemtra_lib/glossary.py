"""The course's glossary: every abbreviation and term the lessons use, what it means, and its source.

The entries are data (``kiemtra_lib/data/glossary.yaml``); this module reads them, looks them up, and checks a
text for abbreviations used before they are spelled out («Trong sạch vững mạnh (TSVM)» at the first use).

>>> expand("TSVM")
'Trong sạch vững mạnh'
>>> unexplained("Chi bộ đạt TSVM.")
['TSVM']
>>> unexplained("Chi bộ đạt «Trong sạch vững mạnh» (TSVM); sau đó TSVM.")
[]
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import InputError

__all__ = ["Abbreviation", "Term", "abbreviations", "terms", "expand", "search", "unexplained",
           "abbreviations_frame", "terms_frame", "SPELLED_OUT"]

_DATA = Path(__file__).resolve().parent / "data" / "glossary.yaml"

#: The kinds of abbreviation a lesson must spell out at its first use. Document-type letters inside a document's
#: number (the «QĐ» of «366-QĐ/TW») and signature forms are read as part of the number, as the documents write them.
SPELLED_OUT = ("mức xếp loại đảng viên", "mức xếp loại tổ chức cơ sở đảng", "cơ quan", "chức danh", "công tác")


@dataclass(frozen=True)
class Abbreviation:
    abbr: str
    full: str
    kind: str
    source: str
    lesson: str


@dataclass(frozen=True)
class Term:
    term: str
    meaning: str
    source: str
    lesson: str


@functools.lru_cache(maxsize=1)
def _load() -> tuple[tuple[Abbreviation, ...], tuple[Term, ...]]:
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    abbrs = tuple(Abbreviation(**{k: str(v) for k, v in e.items()}) for e in data["abbreviations"])
    words = tuple(Term(**{k: str(v) for k, v in e.items()}) for e in data["terms"])
    seen: set[str] = set()
    for key in [a.abbr for a in abbrs] + [t.term for t in words]:
        if key in seen:  # the data is ours: a duplicate is a mistake in the file, said plainly
            raise InputError("mục từ điển", key, why="Mục này có hai lần trong bảng thuật ngữ")
        seen.add(key)
    return abbrs, words


def abbreviations() -> tuple[Abbreviation, ...]:
    return _load()[0]


def terms() -> tuple[Term, ...]:
    return _load()[1]


def expand(abbr: str) -> str:
    """What an abbreviation stands for; an unknown one is an ``InputError`` listing the known ones."""
    for a in abbreviations():
        if a.abbr == abbr:
            return a.full
    raise InputError("chữ viết tắt", abbr, allowed=[a.abbr for a in abbreviations()])


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", str(text).casefold().replace("đ", "d"))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


def search(query: str) -> list[Abbreviation | Term]:
    """Entries whose abbreviation, words, meaning or source contain ``query`` (accents and case ignored, so
    «trong sach» finds «Trong sạch vững mạnh»); every entry for an empty query."""
    q = _fold(query).strip()
    out: list[Abbreviation | Term] = []
    for a in abbreviations():
        if not q or q in _fold(f"{a.abbr} {a.full} {a.kind} {a.source}"):
            out.append(a)
    for t in terms():
        if not q or q in _fold(f"{t.term} {t.meaning} {t.source}"):
            out.append(t)
    return out


def _pattern(abbr: str) -> re.Pattern:
    # Not inside a word, a document number («366-QĐ/TW») or a code («R-M2», «HTXS_...»).
    return re.compile(r"(?<![\w/\-.])" + re.escape(abbr) + r"(?![\w/\-])")


def unexplained(text: str) -> list[str]:
    """The abbreviations (of the kinds in ``SPELLED_OUT``) whose first use in ``text`` is not written as
    «<full words> (<abbreviation>)»; in the order of their first use."""
    text = unicodedata.normalize("NFC", text)
    found = []
    for a in abbreviations():
        if a.kind not in SPELLED_OUT:
            continue
        m = _pattern(a.abbr).search(text)
        if m is None:
            continue
        before = text[max(0, m.start() - len(a.full) - 6):m.start()]
        if not (before.rstrip().endswith("(") and _fold(a.full) in _fold(before)):
            found.append((m.start(), a.abbr))
    return [abbr for _pos, abbr in sorted(found)]


def abbreviations_frame():
    import pandas as pd

    return pd.DataFrame([{"Viết tắt": a.abbr, "Viết đầy đủ": a.full, "Loại": a.kind, "Nguồn": a.source,
                          "Bài": a.lesson} for a in abbreviations()])


def terms_frame():
    import pandas as pd

    return pd.DataFrame([{"Thuật ngữ": t.term, "Nghĩa": t.meaning, "Nguồn": t.source, "Bài": t.lesson}
                         for t in terms()])
