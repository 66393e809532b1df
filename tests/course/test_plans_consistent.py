"""No inspection plan the course shows contradicts itself (issue 19): every plan a lesson builds (with its default
and its papermill parameters) and every plan an exercise variant asks about. The self-report of the inspected party
(000 §II.2) falls inside step II.2, after the decision is put into effect (II.1); a T4 date (002: a verification
team's own working visit) shown in a lesson never falls before the party was even told of the inspection."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import nbformat
import pytest

from kiemtra_lib.course.lessons import LESSONS, NOTEBOOKS
from kiemtra_lib.exercises.spec import draw_params, generator_of, load_spec, scenario_rng
from kiemtra_lib.timeline import InspectionPlan, plan_inspection

ROOT = Path(__file__).resolve().parents[2]


def _namespace(path: Path, overrides: dict | None = None) -> dict:
    """Run the cells of a lesson that define something (parameters, data, plans), as the browser tests do;
    ``overrides`` replace parameters as papermill would."""
    ns: dict = {"__name__": "__lesson__"}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        if any(not isinstance(node, ast.Expr) for node in tree.body):
            exec(compile(tree, path.name, "exec"), ns)  # noqa: S102 - the course's own notebook
        if "parameters" in cell.metadata.get("tags", []) and overrides:
            ns.update(overrides)
    return ns


def own_checks(plan: InspectionPlan) -> list[str]:
    """The test's own reading of «does not contradict itself», apart from the library's ``contradictions()``."""
    out = []
    steps = plan.steps
    if [s.code for s in steps][:5] != ["I.1", "I.2", "I.3", "II.1", "II.2"]:
        out.append("steps out of T1 order")
    out += [f"{a.code}>{b.code}" for a, b in zip(steps, steps[1:]) if b.start < a.end]
    out += [f"{s.code} ends before it starts" for s in steps if s.end < s.start]
    one, two, three = plan.step("II.1"), plan.step("II.2"), plan.step("II.3")
    due = plan.self_report_due()
    if not (one.start < due.date <= two.end < three.start):
        out.append(f"self-report {due.date} not after II.1 {one.start} and inside II.2 {two.start}–{two.end}")
    return out


def _plans(ns: dict) -> list[InspectionPlan]:
    return [v for v in ns.values() if isinstance(v, InspectionPlan)]


# Lessons that build plans, with non-default parameters as well (the plan then crosses Tết, another level...).
LESSON_RUNS = [
    ("01_quy_trinh_kiem_tra", None), ("01_quy_trinh_kiem_tra", {"level": "tinh", "start": "22/01/2026",
                                                                "extension_days": 5}),
    ("01_quy_trinh_kiem_tra", {"level": "trung_uong", "start": "29/12/2025"}),
    ("06_tinh_huong_tong_hop", None), ("06_tinh_huong_tong_hop", {"inspection_start": "03/02/2025", "level": "tinh"}),
]
LESSON_RUNS += [(ls.name, None) for ls in LESSONS if int(ls.number) >= 10 and (NOTEBOOKS / ls.notebook).exists()]


@pytest.mark.parametrize("name, overrides", LESSON_RUNS, ids=[f"{n}-{'mac_dinh' if o is None else i}"
                                                               for i, (n, o) in enumerate(LESSON_RUNS)])
def test_every_plan_a_lesson_shows_is_consistent(name, overrides):
    ns = _namespace(NOTEBOOKS / f"{name}.ipynb", overrides)
    plans = _plans(ns)
    if name.startswith(("01_", "06_")):
        assert plans, f"{name}: the lesson should build a plan"
    for plan in plans:
        assert plan.contradictions() == [], name
        assert own_checks(plan) == [], name
    # A T4 date the lesson shows beside a plan (a verification visit) must not ask for a dossier before the party
    # was told of the inspection, while the plan's preparation is still running.
    t4 = [v for v in ns.values() if isinstance(v, dt.date) and any(r.rule_id == "T4" for r in getattr(v, "reasons", ()))]
    for plan in plans:
        for due in t4:
            assert not (plan.steps[0].start <= due < plan.step("II.2").start), (name, due)


def test_the_checks_find_a_plan_that_contradicts_itself():
    """A schedule that puts the self-report before the decision is put into effect is caught by both checks."""
    bad = plan_inspection("co_so", "02/03/2026", schedule={"II.2": (-5, -3)})
    assert bad.contradictions() and own_checks(bad)


EXERCISES = sorted((ROOT / "exercises").glob("*.yaml"))


@pytest.mark.parametrize("path", EXERCISES, ids=[p.stem for p in EXERCISES])
def test_every_plan_an_exercise_asks_about_is_consistent(path):
    spec = load_spec(path)
    gen = generator_of(spec)
    if gen.name != "inspection_plan":
        pytest.skip("không có kế hoạch kiểm tra trong bài tập này")
    for i in range(25):  # 25 trainees' variants
        tid = f"HV{i:03d}"
        s = gen.generate(draw_params(spec, 2026, tid), scenario_rng(spec, 2026, tid))
        plan = plan_inspection(s["level"], s["start"], extension_days=int(s["extension_days"]))
        assert plan.contradictions() == [] and own_checks(plan) == [], (path.stem, s)
