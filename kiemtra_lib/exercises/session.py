"""The trainee's side: an exercise opened in its notebook (from the papermill parameters), the scenario shown, the
answers checked by the library (practice mode) and submitted to a JSON file beside the notebook."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any, Mapping

from ..errors import InputError
from ._util import atomic_write_text, digest, nfc
from .build import MODES, submission_name
from .checking import Feedback, check_answer
from .generators.base import get_generator
from .variants import solve_questions

__all__ = ["ExerciseSession", "open_exercise", "SUBMISSION_FORMAT", "submission_checksum"]

SUBMISSION_FORMAT = "kiemtra-bai-nop"


def submission_checksum(payload: Mapping[str, Any]) -> str:
    """Digest of a submission without its own ``checksum`` field: a file edited by hand no longer matches."""
    return digest({k: v for k, v in payload.items() if k != "checksum"}, length=64)


class ExerciseSession:
    """One trainee's variant of one exercise, as its notebook sees it."""

    def __init__(self, exercise: Mapping[str, Any], scenario: Mapping[str, Any], *, trainee_id: str,
                 ho_ten: str = "", mode: str = "practice", variant_digest: str = "",
                 submission_dir: str | os.PathLike | None = None):
        if not exercise or "questions" not in exercise:
            raise InputError("exercise", exercise, why="sổ tay chưa có tham số bài tập (hãy dùng sổ tay do "
                                                        "«kiemtra exercises build» tạo)")
        if mode not in MODES:
            raise InputError("mode", mode, allowed=list(MODES))
        self.exercise = dict(exercise)
        self.scenario = dict(scenario)
        self.trainee_id = trainee_id
        self.ho_ten = ho_ten
        self.mode = mode
        self.variant_digest = variant_digest
        self.submission_dir = Path(submission_dir) if submission_dir is not None else Path.cwd()
        self.generator = get_generator(exercise["generator"])
        self._facts = None

    @property
    def exercise_id(self) -> str:
        return self.exercise["id"]

    @property
    def questions(self) -> list[dict]:
        return list(self.exercise["questions"])

    @property
    def submission_path(self) -> Path:
        return self.submission_dir / submission_name(self.exercise_id)

    def scenario_markdown(self) -> str:
        return self.generator.describe(self.scenario)

    def show_scenario(self):
        """Display the situation (Markdown, Vietnamese)."""
        from IPython.display import Markdown, display

        display(Markdown(self.scenario_markdown()))

    def facts(self):
        """The library's answers for this scenario, recomputed here (never read from the instructor's key)."""
        if self._facts is None:
            self._facts = solve_questions(self.exercise, self.scenario)
        return self._facts

    def check(self, question_id: str, value: Any) -> Feedback:
        """Right or wrong, with the reason and rule ids. Practice mode only: exam mode gives no feedback."""
        if self.mode != "practice":
            raise InputError("mode", self.mode, why="chế độ kiểm tra không có phản hồi trước khi nộp bài")
        question = self._question(question_id)
        fact = None if question["kind"] == "text" else self.facts()[question_id]
        return check_answer(question, fact, value, ruleset=self.exercise.get("ruleset", "hcm-2014"))

    def _question(self, question_id: str) -> dict:
        for q in self.questions:
            if q["id"] == question_id:
                return q
        raise InputError("mã câu hỏi", question_id, allowed=[q["id"] for q in self.questions])

    def submit(self, answers: Mapping[str, Any], *, now: dt.datetime | None = None) -> Path:
        """Save the answers atomically to ``<exercise_id>.nop_bai.json`` beside the notebook.

        Answers are kept as typed (text as NFC), so the grader, not the notebook, decides what they mean.
        """
        clean: dict[str, Any] = {}
        for q in self.questions:
            value = answers.get(q["id"])
            if isinstance(value, str):
                value = nfc(value)
            elif isinstance(value, (list, tuple, set, frozenset)):
                value = [nfc(v) for v in value]
            elif isinstance(value, dt.date):
                value = value.isoformat()
            clean[q["id"]] = value
        unknown = set(answers) - {q["id"] for q in self.questions}
        if unknown:
            raise InputError("mã câu hỏi", sorted(unknown)[0], allowed=[q["id"] for q in self.questions])
        payload = {"format": SUBMISSION_FORMAT, "version": 1, "exercise_id": self.exercise_id,
                   "trainee_id": self.trainee_id, "variant_digest": self.variant_digest,
                   "submitted_at": (now or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds"),
                   "answers": clean}
        payload["checksum"] = submission_checksum(payload)
        return atomic_write_text(self.submission_path, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")

    def form(self):
        """The answer widgets, the "Kiểm tra" button (practice) and the "Nộp bài" button."""
        from .widgets import ExerciseForm

        return ExerciseForm(self)


def open_exercise(exercise: Mapping[str, Any], scenario: Mapping[str, Any], **kwargs) -> ExerciseSession:
    """What the trainee's notebook calls with its papermill parameters."""
    return ExerciseSession(exercise, scenario, **kwargs)
