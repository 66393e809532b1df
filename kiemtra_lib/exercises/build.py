"""Building a class: a notebook per trainee and exercise (papermill parameters injected, no kernel started) and one
instructor-only answer key (JSON) holding every trainee's drawn parameters, scenario and the library's answers."""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import nbformat

from ..errors import InputError
from ._util import atomic_write_text, canonical_json
from .checking import CHECKER_VERSION
from .roster import Trainee
from .spec import Spec
from .variants import make_variants

__all__ = ["build_class", "BuildResult", "MODES", "KEY_FORMAT", "TRAINEE_DIR", "KEY_DIR", "KEY_FILE",
           "notebook_name", "submission_name"]

MODES = {"practice": "luyện tập (có nút «Kiểm tra»)", "exam": "kiểm tra (không có phản hồi)"}
KEY_FORMAT = "kiemtra-dap-an"
TRAINEE_DIR = "hoc_vien"
KEY_DIR = "giang_vien"
KEY_FILE = "dap_an.json"


def notebook_name(spec_id: str) -> str:
    return f"{spec_id}.ipynb"


def submission_name(spec_id: str) -> str:
    return f"{spec_id}.nop_bai.json"


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


def _fill(text: str, values: dict[str, str]) -> str:
    for k, v in values.items():
        text = text.replace("{{" + k + "}}", v)
    return text


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
                                     "questions": [q.public() for q in spec.questions]}
    result = BuildResult(out_dir=out_dir, key_path=out_dir / KEY_DIR / KEY_FILE)
    mode_label = MODES[mode]
    variants = {spec.id: make_variants(spec, [t.trainee_id for t in trainees], class_seed) for spec in specs}
    for i, t in enumerate(trainees):
        key["trainees"][t.trainee_id] = {"ho_ten": t.ho_ten}
        entries = key["variants"].setdefault(t.trainee_id, {})
        for spec in specs:
            v = variants[spec.id][i]
            entries[spec.id] = v.key_entry()
            exercise = spec.public()
            exercise["questions"] = list(v.questions)
            params = {"exercise_id": spec.id, "trainee_id": t.trainee_id, "ho_ten": t.ho_ten, "mode": mode,
                      "variant_digest": v.digest, "exercise": exercise, "scenario": dict(v.scenario)}
            nb = copy.deepcopy(templates[spec.template_path()])
            values = {"title": spec.title, "objective": spec.objective, "ho_ten": t.ho_ten,
                      "trainee_id": t.trainee_id, "mode": mode_label, "exercise_id": spec.id,
                      "submission": submission_name(spec.id)}
            for cell in nb.cells:
                if cell.cell_type == "markdown":
                    cell.source = _fill(cell.source, values)
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

