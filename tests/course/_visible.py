"""What a trainee sees of a committed lesson: its markdown, its outputs (printed text, HTML as text, plain text where
there is no HTML) and the text of its stored widgets (labels, options, HTML values). Code is not visible: it is
hidden in Voilà and collapsed in JupyterLab."""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import nbformat

from kiemtra_lib.course.lessons import LESSONS, NOTEBOOKS

_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)
_IMG = re.compile(r'src="data:[^"]+"')


def html_text(fragment: str) -> str:
    return html.unescape(_TAG.sub(" ", _IMG.sub("", fragment)))


def _join(value) -> str:
    return value if isinstance(value, str) else "".join(value)


def visible_text(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    parts: list[str] = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
            continue
        for out in cell.get("outputs", []):
            if "text" in out:
                parts.append(_join(out["text"]))
            data = out.get("data", {})
            if "text/html" in data:
                parts.append(html_text(_join(data["text/html"])))
            elif "text/plain" in data and "application/vnd.jupyter.widget-view+json" not in data:
                parts.append(_join(data["text/plain"]))
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for model in state.values():
        st = model.get("state", {})
        for key in ("description", "value", "placeholder", "tooltip"):
            v = st.get(key)
            if isinstance(v, str) and not v.startswith("IPY_MODEL_"):
                parts.append(html_text(v) if "<" in v else v)
        for label in st.get("_options_labels", []) or []:
            parts.append(str(label))
    return unicodedata.normalize("NFC", "\n".join(parts))


def lesson_paths() -> list[Path]:
    return [NOTEBOOKS / ls.notebook for ls in LESSONS if (NOTEBOOKS / ls.notebook).exists()]
