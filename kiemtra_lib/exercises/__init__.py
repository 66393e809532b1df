"""Exercises for instructors: author a spec once, build a variant per trainee, check with feedback, collect, grade.

- ``load_spec`` / ``load_specs``: strict YAML specs (``exercises/*.yaml``);
- ``read_roster``: the class list (CSV or Excel, columns ``trainee_id``, ``ho_ten``);
- ``build_class``: a notebook per (trainee, exercise) with papermill parameters injected (no kernel started) and
  the instructor-only answer key;
- ``open_exercise``: what a trainee's notebook calls; its ``form()`` has the answer widgets, "Kiểm tra" (practice
  mode: hints first, the answer after ``max_tries``), "Nộp bài" and, in exam mode, "Xem kết quả";
- ``release_results``: an exam's results for the trainees, after it has closed;
- ``grade_directory``: every submission graded into the SQLite gradebook, with reports (course record, item
  analysis); ``export_manual`` / ``import_manual``: free-text marking through Excel; ``write_records``: the
  course-record workbook and the Moodle CSV, with the course's ``Bands``.

The answers always come from ``kiemtra_lib`` (the scenario generators ask the library), never from the spec.
"""

from __future__ import annotations

from ._util import item_seed
from .build import BuildResult, build_class, read_key
from .checking import CHECKER_VERSION, Feedback, check_answer
from .generators import REGISTRY, Fact, get_generator
from .grading import GradeRun, grade_directory
from .marking import export_manual, import_manual
from .records import COURSE_BANDS, Band, Bands, parse_bands
from .release import ReleaseRun, release_results
from .reports import class_scores, write_records, write_reports
from .roster import Trainee, check_trainee_id, read_roster
from .session import ExerciseSession, open_exercise
from .spec import QUESTION_KINDS, WRONG_KINDS, Question, Spec, load_spec, load_specs
from .variants import Variant, make_variant

__all__ = ["load_spec", "load_specs", "Spec", "Question", "QUESTION_KINDS", "WRONG_KINDS", "read_roster", "Trainee",
           "build_class", "BuildResult", "read_key", "make_variant", "Variant", "open_exercise", "ExerciseSession",
           "check_answer", "Feedback", "CHECKER_VERSION", "grade_directory", "GradeRun", "item_seed", "REGISTRY",
           "Fact", "get_generator", "check_trainee_id", "export_manual", "import_manual", "Bands", "Band",
           "COURSE_BANDS", "parse_bands", "class_scores", "write_reports", "write_records", "release_results",
           "ReleaseRun"]
