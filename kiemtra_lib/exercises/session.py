"""The trainee's side: an exercise opened in its notebook (from the papermill parameters), the answers checked by
the library (practice mode: hints first, the answer after ``max_tries`` wrong tries) and submitted to a JSON file
beside the notebook, with the server's time and the exercise's window.

In exam mode the session holds no scenario (the notebook shows it as text and tables only), no generator and no
answer: ``facts()`` and ``check()`` refuse, and the only feedback is the instructor's released results
(``results()``), read from a file the release step writes after the exam has closed."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from pathlib import Path
from typing import Any, Mapping

from ..errors import InputError
from ._util import atomic_write_text, digest, nfc
from .build import MODES, release_name, submission_name
from .checking import Feedback, normalise_answer, practice_feedback
from .generators.base import get_generator
from .variants import solve_questions

__all__ = ["ExerciseSession", "open_exercise", "SUBMISSION_FORMAT", "RELEASE_FORMAT", "submission_checksum",
           "window_state", "fmt_moment"]

SUBMISSION_FORMAT = "kiemtra-bai-nop"
RELEASE_FORMAT = "kiemtra-ket-qua"


def _moment(value: Any) -> dt.datetime | None:
    if not value:
        return None
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def fmt_moment(value: Any) -> str:
    """A moment as the trainee reads it: HH:MM dd/mm/yyyy in Vietnam's time."""
    from .spec import COURSE_TZ

    m = _moment(value)
    return m.astimezone(COURSE_TZ).strftime("%H:%M %d/%m/%Y") if m is not None else ""


def window_state(schedule: Mapping[str, Any], now: dt.datetime) -> str:
    """``chua_mo`` before ``opens``, ``da_dong`` after ``closes``, else ``dang_mo`` (no window: always open)."""
    opens, closes = _moment(schedule.get("opens")), _moment(schedule.get("closes"))
    if opens is not None and now < opens:
        return "chua_mo"
    if closes is not None and now > closes:
        return "da_dong"
    return "dang_mo"


def submission_checksum(payload: Mapping[str, Any]) -> str:
    """Digest of a submission without its own ``checksum`` field: a file edited by hand no longer matches."""
    return digest({k: v for k, v in payload.items() if k != "checksum"}, length=64)


def _storable(value: Any) -> Any:
    """An answer as JSON can hold it: a non-finite float or an integer too long to print is kept as text (the
    grader then reads it as unreadable), never an exception when saving."""
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return "(số quá lớn)"
    if isinstance(value, (list, tuple, set, frozenset)):
        return [v if isinstance(v, str) else _scalar_text(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool, dt.date)):
        return value
    return f"(giá trị kiểu {type(value).__name__})"


def _scalar_text(value: Any) -> str:
    if isinstance(value, (int, float, bool)) or value is None:
        stored = _storable(value)
        return stored if isinstance(stored, str) else json.dumps(stored)
    return f"(giá trị kiểu {type(value).__name__})"


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
        self.trainee_id = trainee_id
        self.ho_ten = ho_ten
        self.mode = mode
        self.variant_digest = variant_digest
        self.submission_dir = Path(submission_dir) if submission_dir is not None else Path.cwd()
        if mode == "exam":
            # nothing to recompute an answer from: no scenario, no generator (whatever the caller passed)
            self.scenario = {}
            self.generator = None
        else:
            self.scenario = dict(scenario or {})
            self.generator = get_generator(exercise["generator"])
        self._facts = None
        self._wrong: dict[str, list] = {}     # practice: the distinct wrong answers tried, per question
        self._revealed: set[str] = set()      # practice: questions whose answer has been shown
        self._features = None

    @property
    def exercise_id(self) -> str:
        return self.exercise["id"]

    @property
    def questions(self) -> list[dict]:
        return list(self.exercise["questions"])

    @property
    def submission_path(self) -> Path:
        return self.submission_dir / submission_name(self.exercise_id)

    @property
    def schedule(self) -> dict:
        return {k: self.exercise.get(k) for k in ("opens", "closes", "deadline")}

    @property
    def max_tries(self) -> int:
        return int(self.exercise.get("max_tries") or 3)

    def scenario_markdown(self) -> str:
        if self.generator is None:
            raise InputError("mode", self.mode, why="ở chế độ kiểm tra, tình huống chỉ có trong sổ tay (phần chữ)")
        return self.generator.describe(self.scenario)

    def show_scenario(self):
        """Display the situation (Markdown, Vietnamese)."""
        from IPython.display import Markdown, display

        display(Markdown(self.scenario_markdown()))

    def facts(self):
        """The library's answers for this scenario, recomputed here (never read from the instructor's key).
        Practice only: an exam session has nothing to compute them from."""
        if self.mode != "practice":
            raise InputError("mode", self.mode, why="chế độ kiểm tra không có đáp án trong sổ tay; kết quả do "
                                                    "giảng viên công bố sau giờ thi")
        if self._facts is None:
            self._facts = solve_questions(self.exercise, self.scenario)
        return self._facts

    def features(self) -> set[str]:
        if self._features is None:
            self._features = self.generator.features_of(self.scenario) if self.generator is not None else set()
        return self._features

    def tries(self, question_id: str) -> int:
        """How many distinct wrong answers the trainee has checked for this question."""
        return len(self._wrong.get(question_id, []))

    def check(self, question_id: str, value: Any) -> Feedback:
        """Right or wrong, with hints that fit the scenario; the answer only after ``max_tries`` distinct wrong
        answers (a spec setting). Practice mode only: exam mode gives no feedback before the release."""
        if self.mode != "practice":
            raise InputError("mode", self.mode, why="chế độ kiểm tra không có phản hồi trước khi nộp bài")
        question = self._question(question_id)
        fact = None if question["kind"] == "text" else self.facts()[question_id]
        probe = practice_feedback(question, fact, value, wrong_tries=0, max_tries=self.max_tries,
                                  show_answer=False, features=self.features(), ruleset=self.exercise.get("ruleset"))
        if probe.correct is False and probe.wrong_kind != "khong_tra_loi":
            try:
                key = normalise_answer(question["kind"], value)
            except ValueError:
                key = ("khong_doc_duoc", probe.given)
            tried = self._wrong.setdefault(question_id, [])
            if key not in tried:  # the same wrong answer checked twice is one try
                tried.append(key)
        fb = practice_feedback(question, fact, value, wrong_tries=self.tries(question_id), max_tries=self.max_tries,
                               show_answer=bool(self.exercise.get("show_answer", True)), features=self.features(),
                               ruleset=self.exercise.get("ruleset", "hcm-2014"))
        if fb.correct is False and "Đáp án:" in fb.message:
            self._revealed.add(question_id)
        return fb

    def results(self) -> dict | None:
        """The instructor's released results for this trainee's submission, or ``None`` before the release."""
        path = self.submission_dir / release_name(self.exercise_id)
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            raise InputError("tệp kết quả", path.name, why="không đọc được tệp kết quả giảng viên công bố") from None
        if not isinstance(data, dict) or data.get("format") != RELEASE_FORMAT or \
                data.get("trainee_id") != self.trainee_id or data.get("exercise_id") != self.exercise_id:
            raise InputError("tệp kết quả", path.name, why="không phải kết quả bài này của anh/chị")
        return data

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
            value = _storable(answers.get(q["id"]))
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
        # the kernel's clock: on the class server the kernel runs on the server (which also stamps what it collects)
        now = now or dt.datetime.now(dt.timezone.utc)
        state = window_state(self.schedule, now)
        if state == "chua_mo":
            raise InputError("thời gian làm bài", fmt_moment(now),
                             why=f"bài chưa mở: mở lúc {fmt_moment(self.schedule['opens'])} (giờ máy chủ)")
        if state == "da_dong":
            raise InputError("thời gian làm bài", fmt_moment(now),
                             why=f"đã hết giờ nộp bài lúc {fmt_moment(self.schedule['closes'])} (giờ máy chủ); "
                                 "bài không được ghi")
        deadline = _moment(self.schedule.get("deadline"))
        payload = {"format": SUBMISSION_FORMAT, "version": 1, "exercise_id": self.exercise_id,
                   "trainee_id": self.trainee_id, "variant_digest": self.variant_digest,
                   "submitted_at": now.isoformat(timespec="seconds"),
                   "answers": clean, "mode": self.mode,
                   "schedule": {k: v for k, v in self.schedule.items() if v},
                   "late": bool(deadline is not None and now > deadline)}
        if self.mode == "practice":
            payload["practice"] = {"wrong_tries": {q: len(v) for q, v in self._wrong.items()},
                                   "answer_shown": sorted(self._revealed)}
        payload["checksum"] = submission_checksum(payload)
        return atomic_write_text(self.submission_path, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")

    def form(self):
        """The answer widgets, the "Kiểm tra" button (practice) and the "Nộp bài" button."""
        from .widgets import ExerciseForm

        return ExerciseForm(self)


def open_exercise(exercise: Mapping[str, Any], scenario: Mapping[str, Any], **kwargs) -> ExerciseSession:
    """What the trainee's notebook calls with its papermill parameters."""
    return ExerciseSession(exercise, scenario, **kwargs)
