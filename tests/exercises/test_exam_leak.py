"""An exam leaks nothing: a trainee's exam notebook, executed in a real kernel (nbclient), holds no answer of the key
in any cell, output, metadata field or kernel variable, nor the scenario as data, nor the class seed; the session
refuses facts() and check(); the release step gives the results only after the exam has closed."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from kiemtra_lib.errors import InputError
from kiemtra_lib.exercises import build_class, load_specs, read_key
from kiemtra_lib.exercises.build import release_name
from kiemtra_lib.exercises.release import release_results
from kiemtra_lib.exercises.roster import Trainee

from _exercises_support import EXERCISES, session_for

CLASS_SEED = 987_654_321  # a number that appears nowhere else, so finding it would mean the seed leaked
TRAINEES = [Trainee("HV001", "Học viên Thử Một"), Trainee("HV002", "Học viên Thử Hai")]


def _one_spec_per_generator() -> list[Path]:
    import yaml

    chosen: dict[str, Path] = {}
    for p in sorted(EXERCISES.glob("*.yaml")):
        gen = yaml.safe_load(p.read_text(encoding="utf-8"))["scenario"]["generator"]
        chosen.setdefault(gen, p)
    return list(chosen.values())


SPECS = _one_spec_per_generator()

# Run in the trainee's kernel after the notebook: every value reachable from the user namespace (including IPython's
# In/Out history and every widget's state), as strings.
_DUMP = r'''
import json as _json, types as _types
def _kiemtra_walk(o, out, depth=0, seen=None):
    seen = set() if seen is None else seen
    if depth > 12 or id(o) in seen:
        return
    seen.add(id(o))
    if isinstance(o, (str, int, float, bool)) or o is None:
        out.append(str(o)); return
    if isinstance(o, (_types.ModuleType, _types.FunctionType, _types.BuiltinFunctionType, type, _types.MethodType)):
        return
    if isinstance(o, dict):
        for k, v in list(o.items()):
            _kiemtra_walk(k, out, depth + 1, seen); _kiemtra_walk(v, out, depth + 1, seen)
        return
    if isinstance(o, (list, tuple, set, frozenset)):
        for v in list(o):
            _kiemtra_walk(v, out, depth + 1, seen)
        return
    owner = type(o).__module__ or ""
    if not owner.startswith(("kiemtra_lib", "ipywidgets", "pathlib")):
        return  # IPython's own machinery (the shell behind exit/quit), not something the notebook holds
    if owner.startswith("pathlib"):
        out.append(str(o)); return
    get_state = getattr(o, "get_state", None)
    if callable(get_state):
        try:
            _kiemtra_walk(get_state(), out, depth + 1, seen)
        except Exception:
            pass
    for name in ("__dict__",):
        d = getattr(o, name, None)
        if isinstance(d, dict):
            _kiemtra_walk(d, out, depth + 1, seen)
    for slot in getattr(type(o), "__slots__", ()) or ():
        _kiemtra_walk(getattr(o, slot, None), out, depth + 1, seen)
_kiemtra_out = []
_kiemtra_walk({k: v for k, v in globals().items() if not k.startswith("_kiemtra")}, _kiemtra_out)
print("KIEMTRA-DUMP" + _json.dumps(_kiemtra_out, ensure_ascii=False))
'''


@pytest.fixture(scope="module")
def exam(tmp_path_factory):
    out = tmp_path_factory.mktemp("thi")
    specs = load_specs(SPECS)
    built = build_class(specs, TRAINEES, out / "lop", class_seed=CLASS_SEED, mode="exam")
    return built, read_key(built.key_path), specs


def _execute_and_dump(path: Path) -> tuple[str, list[str]]:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel():
        for i, cell in enumerate(nb.cells):
            client.execute_cell(cell, i)
        probe = nbformat.v4.new_code_cell(_DUMP)
        nb.cells.append(probe)
        client.execute_cell(probe, len(nb.cells) - 1)
    printed = "".join(o.get("text", "") for o in probe.outputs if o.get("output_type") == "stream")
    assert "KIEMTRA-DUMP" in printed, probe.outputs
    dump = json.loads(printed.split("KIEMTRA-DUMP", 1)[1])
    nb.cells.pop()  # the probe's own output is the dump itself
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, errors
    return json.dumps(nb, ensure_ascii=False), dump


def _date_forms(iso: str) -> set[str]:
    d = dt.date.fromisoformat(iso)
    return {iso, d.strftime("%d/%m/%Y"), f"{d.day}/{d.month}/{d.year}"}


def _scenario_dates(value) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        for v in value.values():
            found |= _scenario_dates(v)
    elif isinstance(value, list):
        for v in value:
            found |= _scenario_dates(v)
    elif isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        found.add(value)
    return found


@pytest.mark.parametrize("spec_path", SPECS, ids=lambda p: p.stem)
def test_an_executed_exam_notebook_and_its_kernel_hold_no_key_value(exam, spec_path):
    built, key, specs = exam
    spec = next(s for s in specs if s.path == spec_path)
    tid = "HV001"
    path = built.out_dir / "hoc_vien" / tid / f"{spec.id}.ipynb"
    notebook_text, dump = _execute_and_dump(path)
    kernel_text = "\n".join(dump)
    everywhere = notebook_text + "\n" + kernel_text
    variant = key["variants"][tid][spec.id]

    assert str(CLASS_SEED) not in everywhere
    # the scenario is text: none of its dates as data (ISO; the Markdown shows dd/mm/yyyy)
    for iso in _scenario_dates(variant["scenario"]):
        assert iso not in everywhere, iso
    assert '"answer"' not in everywhere and "'answer'" not in kernel_text  # no fact names
    assert spec.generator not in everywhere  # nothing names the generator that could recompute the answer
    for q in spec.questions:
        if not q.auto_graded:
            continue
        fact = variant["answers"][q.id]
        value = fact["value"]
        assert fact["explanation"][:60] not in everywhere, (q.id, "the library's explanation")
        if q.kind == "date" and value:
            for form in _date_forms(value):
                assert form not in everywhere, (q.id, form)
        elif q.kind in ("days", "number"):
            # a count the scenario itself states is data the trainee must read, not a leak; otherwise no value in
            # the kernel equals the answer (numbers below 10 are everywhere in widget state and points)
            if abs(value) >= 10 and not re.search(rf"(?<!\d){value}(?!\d)", _scenario_text(path)):
                assert str(value) not in dump and f"{float(value)}" not in dump, (q.id, value)
        elif q.kind == "rules":
            assert json.dumps(sorted(value)) not in everywhere
        else:  # level, form, choice: the options offered are every alternative, whatever the answer
            options = {tuple(o) if isinstance(o, list) else o for o in
                       next(x for x in _exam_questions(path) if x["id"] == q.id).get("options", [])}
            assert {tuple(c) for c in fact["choices"]} == options, q.id


def _scenario_text(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "".join(next(c for c in nb["cells"] if "tinh-huong" in c["metadata"].get("tags", []))["source"])


def _exam_questions(path: Path) -> list[dict]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return nb["metadata"]["papermill"]["parameters"]["exercise"]["questions"]


def test_exam_parameters_are_only_identity_and_questions(exam):
    built, key, specs = exam
    for spec in specs:
        nb = json.loads((built.out_dir / "hoc_vien" / "HV002" / f"{spec.id}.ipynb").read_text(encoding="utf-8"))
        params = nb["metadata"]["papermill"]["parameters"]
        assert set(params) == {"exercise_id", "trainee_id", "ho_ten", "mode", "variant_digest", "exercise"}
        assert "generator" not in params["exercise"] and "scenario" not in params
        for q in params["exercise"]["questions"]:
            assert set(q) <= {"id", "kind", "prompt", "points", "choices", "options", "scoring"}, q
        # the scenario is a Markdown cell (text and tables), not kernel output
        cell = next(c for c in nb["cells"] if "tinh-huong" in c["metadata"].get("tags", []))
        assert cell["cell_type"] == "markdown" and "".join(cell["source"]).strip()


def test_an_exam_session_refuses_facts_and_check(exam):
    built, key, specs = exam
    spec = specs[0]
    bai = session_for(built.out_dir / "hoc_vien" / "HV001" / f"{spec.id}.ipynb")
    with pytest.raises(InputError, match="không có đáp án"):
        bai.facts()
    with pytest.raises(InputError, match="không có phản hồi"):
        bai.check(spec.questions[0].id, "x")
    assert bai.scenario == {} and bai.generator is None
    # even a scenario passed by hand is dropped in exam mode
    from kiemtra_lib.exercises import open_exercise

    other = open_exercise(bai.exercise, {"x": 1}, trainee_id="HV001", mode="exam")
    assert other.scenario == {}


def _window_spec(tmp_path: Path, opens: str, closes: str) -> Path:
    import yaml

    data = yaml.safe_load((EXERCISES / "t03_han_nop_ho_so.yaml").read_text(encoding="utf-8"))
    data.update(opens=opens, closes=closes, template=str(EXERCISES / "templates" / "bai_tap.ipynb"))
    path = tmp_path / "t03_han_nop_ho_so.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_window_is_checked_at_submission_and_recorded(tmp_path):
    spec_path = _window_spec(tmp_path, "2026-12-02T08:00:00+07:00", "2026-12-02T09:30:00+07:00")
    built = build_class(load_specs([spec_path]), TRAINEES, tmp_path / "lop", mode="exam")
    bai = session_for(built.out_dir / "hoc_vien" / "HV001" / "t03_han_nop_ho_so.ipynb")
    ict = dt.timezone(dt.timedelta(hours=7))
    with pytest.raises(InputError, match="chưa mở"):
        bai.submit({"han_ho_so": "01/12/2026"}, now=dt.datetime(2026, 12, 2, 7, 59, tzinfo=ict))
    with pytest.raises(InputError, match="hết giờ"):
        bai.submit({"han_ho_so": "01/12/2026"}, now=dt.datetime(2026, 12, 2, 9, 31, tzinfo=ict))
    assert not bai.submission_path.exists()
    path = bai.submit({"han_ho_so": "01/12/2026"}, now=dt.datetime(2026, 12, 2, 9, 0, tzinfo=ict))
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["schedule"] == {"opens": "2026-12-02T08:00:00+07:00", "closes": "2026-12-02T09:30:00+07:00"}
    assert saved["submitted_at"] == "2026-12-02T09:00:00+07:00" and saved["mode"] == "exam"
    assert read_key(built.key_path)["exercises"]["t03_han_nop_ho_so"]["closes"] == "2026-12-02T09:30:00+07:00"


def test_results_are_released_only_after_closing_and_then_shown_in_the_form(tmp_path):
    spec_path = _window_spec(tmp_path, "2026-12-02T08:00:00+07:00", "2026-12-02T09:30:00+07:00")
    built = build_class(load_specs([spec_path]), TRAINEES, tmp_path / "lop", mode="exam")
    key = read_key(built.key_path)
    ict = dt.timezone(dt.timedelta(hours=7))
    folder = built.out_dir / "hoc_vien" / "HV001"
    bai = session_for(folder / "t03_han_nop_ho_so.ipynb")
    right = dt.date.fromisoformat(key["variants"]["HV001"]["t03_han_nop_ho_so"]["answers"]["han_ho_so"]["value"])
    bai.submit({"han_ho_so": right.strftime("%d/%m/%Y")}, now=dt.datetime(2026, 12, 2, 9, 0, tzinfo=ict))
    form = bai.form()
    form.results_button.click()
    assert "chưa công bố" in form.status.value
    with pytest.raises(InputError, match="còn mở"):
        release_results(built.out_dir / "hoc_vien", built.key_path, now=dt.datetime(2026, 12, 2, 9, 10, tzinfo=ict))
    assert not (folder / release_name("t03_han_nop_ho_so")).exists()
    run = release_results(built.out_dir / "hoc_vien", built.key_path,
                          now=dt.datetime(2026, 12, 2, 9, 31, tzinfo=ict))
    assert run.written == [folder / release_name("t03_han_nop_ho_so")]
    form.results_button.click()
    assert form.feedback["han_ho_so"].value.count("Đúng.") == 1
    assert "Điểm chấm tự động" in form.status.value
    # a tampered submission gets no results
    sub = json.loads(bai.submission_path.read_text(encoding="utf-8"))
    sub["answers"]["han_ho_so"] = "02/12/2026"
    bai.submission_path.write_text(json.dumps(sub), encoding="utf-8")
    run = release_results(built.out_dir / "hoc_vien", built.key_path,
                          now=dt.datetime(2026, 12, 2, 10, 0, tzinfo=ict))
    assert run.written == [] and "bị sửa" in run.skipped[0][1]


def test_release_through_the_command_line(tmp_path, capsys):
    from kiemtra_lib.cli import main

    spec_path = _window_spec(tmp_path, "2020-01-02T08:00:00+07:00", "2020-01-02T09:30:00+07:00")
    built = build_class(load_specs([spec_path]), TRAINEES, tmp_path / "lop", mode="exam")
    bai = session_for(built.out_dir / "hoc_vien" / "HV002" / "t03_han_nop_ho_so.ipynb")
    bai.submit({"han_ho_so": "01/01/2020"}, now=dt.datetime(2020, 1, 2, 9, 0, tzinfo=dt.timezone.utc) -
               dt.timedelta(hours=7))
    code = main(["exercises", "release", str(built.out_dir / "hoc_vien"), "--key", str(built.key_path),
                 "--out", str(tmp_path / "phat")])
    assert code == 0 and "Đã công bố kết quả cho 1 bài nộp" in capsys.readouterr().out
    data = json.loads((tmp_path / "phat" / "HV002" / release_name("t03_han_nop_ho_so")).read_text(encoding="utf-8"))
    assert data["trainee_id"] == "HV002" and data["feedback"][0]["question_id"] == "han_ho_so"
    (tmp_path / "b").mkdir()
    later = _window_spec(tmp_path / "b", "2099-01-01T08:00", "2099-01-01T09:00")
    built2 = build_class(load_specs([later]), TRAINEES, tmp_path / "lop2", mode="exam")
    code = main(["exercises", "release", str(built2.out_dir / "hoc_vien"), "--key", str(built2.key_path)])
    assert code == 2 and "còn mở" in capsys.readouterr().err
