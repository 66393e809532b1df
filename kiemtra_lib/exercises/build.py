"""Building a class: a notebook per trainee and exercise (papermill parameters injected, no kernel started) and one
instructor-only answer key (JSON) holding every trainee's drawn parameters, scenario and the library's answers.

The scenario is written into the notebook as Markdown text and tables. An exam notebook carries nothing else of
the variant: no scenario data, no generator name, no fact names, feedback or hints, no class seed; its parameters
are the questions (with their options) and the trainee's identity. Every string from data (the roster's names,
ids) is escaped before it goes into the notebook's Markdown."""

from __future__ import annotations

import copy
import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import nbformat

from ..errors import InputError
from ._util import atomic_write_text, canonical_json
from .checking import CHECKER_VERSION
from .roster import Trainee
from .spec import Spec
from .generators.base import get_generator
from .variants import make_variants

#: What an exam notebook keeps of a question as the variant offers it (the options, never the fact's name).
_EXAM_QUESTION_KEYS = ("id", "kind", "prompt", "points", "choices", "options", "scoring")


def _exam_question(q: dict) -> dict:
    return {k: q[k] for k in _EXAM_QUESTION_KEYS if k in q}


_HOW_TO = {
    "practice": ("Cách làm: chạy lần lượt từng ô (Shift + Enter); đọc tình huống; trả lời từng câu trong ô cuối. "
                 "Nút **Kiểm tra** cho biết đúng hay sai và gợi ý, kèm lời văn của văn bản nguồn; đáp án chỉ hiện "
                 "sau {tries} lần trả lời sai khác nhau của một câu. Khi xong, bấm **Nộp bài**: câu trả lời được lưu "
                 "vào tệp {submission} cạnh sổ tay này; có thể nộp lại nhiều lần."),
    "exam": ("Cách làm: chạy lần lượt từng ô (Shift + Enter); đọc tình huống; trả lời từng câu trong ô cuối rồi bấm "
             "**Nộp bài** (câu trả lời được lưu vào tệp {submission} cạnh sổ tay này; nộp lại trong giờ làm bài "
             "được). Bài kiểm tra không có phản hồi trong giờ làm bài: kết quả và lời giải hiện ở nút **Xem kết "
             "quả** sau khi giảng viên công bố."),
}


def _schedule_text(spec: Spec) -> str:
    from .session import fmt_moment

    parts = []
    if spec.opens is not None:
        parts.append(f"mở lúc {fmt_moment(spec.opens)}")
    if spec.closes is not None:
        parts.append(f"đóng lúc {fmt_moment(spec.closes)}")
    if spec.deadline is not None:
        parts.append(f"hạn nộp {fmt_moment(spec.deadline)} (nộp sau hạn vẫn được ghi, đánh dấu muộn)")
    return ("**Thời gian (giờ máy chủ):** " + "; ".join(parts) + ".") if parts else ""

__all__ = ["build_class", "BuildResult", "MODES", "KEY_FORMAT", "TRAINEE_DIR", "KEY_DIR", "KEY_FILE",
           "notebook_name", "submission_name", "release_name", "markdown_text"]

MODES = {"practice": "luyện tập (có nút «Kiểm tra»)", "exam": "kiểm tra (không có phản hồi)"}
KEY_FORMAT = "kiemtra-dap-an"
TRAINEE_DIR = "hoc_vien"
KEY_DIR = "giang_vien"
KEY_FILE = "dap_an.json"


def notebook_name(spec_id: str) -> str:
    return f"{spec_id}.ipynb"


def submission_name(spec_id: str) -> str:
    return f"{spec_id}.nop_bai.json"


def release_name(spec_id: str) -> str:
    """The results the instructor releases after an exam, beside the trainee's notebook."""
    return f"{spec_id}.ket_qua.json"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|~])")
#: Characters a renderer uses to find bare links and e-mail addresses (``http://``, ``www.``, ``a@b``), written as
#: entities: shown the same, never linked.
_AUTOLINK = {".": "&#46;", ":": "&#58;", "@": "&#64;"}


def markdown_text(value) -> str:
    """A string from data as inert Markdown text: HTML escaped (``<img onerror=...>`` shows as text), every Markdown
    mark backslash-escaped (no link, image or emphasis can be formed), no bare link; newlines become spaces."""
    text = _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(value).split()), quote=True))
    return "".join(_AUTOLINK.get(ch, ch) for ch in text)


@dataclass
class BuildResult:
    out_dir: Path
    key_path: Path
    notebooks: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"Đã tạo {len(self.notebooks)} sổ tay bài tập trong {self.out_dir / TRAINEE_DIR} và đáp án của "
                f"giảng viên ở {self.key_path} ({self.seconds:.1f} giây). Chỉ phát thư mục «{TRAINEE_DIR}»; "
                f"giữ riêng thư mục «{KEY_DIR}».")


_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def _fill(text: str, values: dict[str, str]) -> str:
    """One pass: a value that itself holds ``{{...}}`` is not filled again."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def _load_template(path: Path):
    nb = nbformat.read(str(path), as_version=4)
    if not any("parameters" in c.get("metadata", {}).get("tags", []) for c in nb.cells):
        raise InputError("template", str(path), why="sổ tay mẫu cần một ô mã có thẻ «parameters»")
    for cell in nb.cells:  # papermill looks up every cell's tags (its own loader adds them the same way)
        cell.metadata.setdefault("tags", [])
    nb.metadata["papermill"] = nbformat.from_dict({"parameters": {}})
    return nb


def build_class(specs: Sequence[Spec], trainees: Sequence[Trainee], out_dir: str | Path, *, class_seed: int = 0,
                mode: str = "practice") -> BuildResult:
    """Build every (trainee, exercise) notebook and the answer key. Reproducible: the same specs, roster and class
    seed give the same variants, digests and key."""
    import time

    from papermill.parameterize import parameterize_notebook

    started = time.perf_counter()
    if mode not in MODES:
        raise InputError("chế độ (--mode)", mode, allowed=list(MODES))
    if isinstance(class_seed, bool) or not isinstance(class_seed, int) or class_seed < 0:
        raise InputError("hạt giống của lớp (--class-seed)", class_seed, allowed="một số nguyên không âm")
    out_dir = Path(out_dir)
    templates = {}
    for spec in specs:
        tp = spec.template_path()
        if tp not in templates:
            templates[tp] = _load_template(tp)
    key = {"format": KEY_FORMAT, "version": 1, "checker_version": CHECKER_VERSION, "class_seed": class_seed,
           "mode": mode, "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
           "exercises": {}, "trainees": {}, "variants": {}}
    for spec in specs:
        key["exercises"][spec.id] = {"title": spec.title, "difficulty": spec.difficulty, "topic": spec.topic,
                                     "generator": spec.generator, "ruleset": spec.ruleset,
                                     "max_points": spec.max_points, "fingerprint": spec.fingerprint(),
                                     "questions": [q.public() for q in spec.questions], **spec.schedule(),
                                     "attempt_policy": spec.attempt_policy, "max_tries": spec.max_tries,
                                     "show_answer": spec.show_answer}
    result = BuildResult(out_dir=out_dir, key_path=out_dir / KEY_DIR / KEY_FILE)
    mode_label = MODES[mode]
    variants = {spec.id: make_variants(spec, [t.trainee_id for t in trainees], class_seed) for spec in specs}
    generators = {spec.id: get_generator(spec.generator) for spec in specs}
    for i, t in enumerate(trainees):
        # the unit and e-mail go to the gradebook's reports and the Moodle CSV (H16a's records)
        key["trainees"][t.trainee_id] = {"ho_ten": t.ho_ten, "don_vi": t.don_vi, "email": t.email}
        entries = key["variants"].setdefault(t.trainee_id, {})
        for spec in specs:
            v = variants[spec.id][i]
            entries[spec.id] = v.key_entry()
            params = {"exercise_id": spec.id, "trainee_id": t.trainee_id, "ho_ten": t.ho_ten, "mode": mode,
                      "variant_digest": v.digest}
            if mode == "exam":
                exercise = spec.exam_public()
                exercise["questions"] = [_exam_question(q) for q in v.questions]
            else:
                exercise = spec.public()
                exercise["questions"] = list(v.questions)
                params["scenario"] = dict(v.scenario)
            params["exercise"] = exercise
            nb = copy.deepcopy(templates[spec.template_path()])
            values = {k: markdown_text(x) for k, x in {
                "title": spec.title, "objective": spec.objective, "ho_ten": t.ho_ten, "trainee_id": t.trainee_id,
                "mode": mode_label, "exercise_id": spec.id, "submission": submission_name(spec.id)}.items()}
            values["scenario"] = generators[spec.id].describe(v.scenario)  # the library's own Markdown
            values["schedule"] = _schedule_text(spec)
            values["how_to"] = _HOW_TO[mode].format(submission=values["submission"], tries=spec.max_tries)
            for j, cell in enumerate(nb.cells):
                if cell.cell_type == "markdown":
                    cell.source = _fill(cell.source, values)
                elif mode == "exam" and "tinh-huong" in cell.metadata.get("tags", []):
                    # an exam shows the scenario as text and tables only: no data in the kernel to compute from
                    nb.cells[j] = nbformat.v4.new_markdown_cell(values["scenario"], id=cell.get("id"),
                                                                metadata={"tags": ["tinh-huong"]})
            nb = parameterize_notebook(nb, params, kernel_name="python3", language="python")
            for cell in nb.cells:  # papermill gives its new cell a random id: a fixed one keeps builds identical
                if "injected-parameters" in cell.metadata.get("tags", []):
                    cell["id"] = f"tham-so-{v.digest[:8]}"
            nb.metadata["kiemtra"] = {"exercise_id": spec.id, "trainee_id": t.trainee_id,
                                      "variant_digest": v.digest, "mode": mode}
            path = out_dir / TRAINEE_DIR / t.trainee_id / notebook_name(spec.id)
            path.parent.mkdir(parents=True, exist_ok=True)
            # compact JSON: the C encoder (an indented dump is 5x slower); Jupyter re-indents on its first save
            atomic_write_text(path, json.dumps(nb, ensure_ascii=False) + "\n", durable=False)
            result.notebooks.append(path)
    atomic_write_text(result.key_path, json.dumps(key, ensure_ascii=False, sort_keys=True) + "\n", mode=0o600)
    result.seconds = time.perf_counter() - started
    return result


def read_key(path: str | Path) -> dict:
    """Read an answer key written by ``build_class``; a file that is not one is an ``InputError``."""
    path = Path(path)
    if not path.is_file():
        raise InputError("tệp đáp án (--key)", str(path), why="không tìm thấy tệp")
    try:
        key = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError("tệp đáp án (--key)", str(path), why=f"không phải JSON hợp lệ ({exc})") from None
    if not isinstance(key, dict) or key.get("format") != KEY_FORMAT:
        raise InputError("tệp đáp án (--key)", str(path), why="không phải tệp đáp án do «kiemtra exercises build» tạo")
    for part in ("exercises", "trainees", "variants"):
        if not isinstance(key.get(part), dict):
            raise InputError("tệp đáp án (--key)", str(path), why=f"thiếu phần «{part}»")
    return key

