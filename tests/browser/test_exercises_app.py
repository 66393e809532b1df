"""A trainee's exercise notebook in Voilà: answer every question, press «Kiểm tra», then «Nộp bài», read the file.

The notebooks are built with the instructor's command (`kiemtra exercises build`) into a temporary folder and served
from there, as a class would be. The exercises chosen are the fewest that together ask every kind of question in
exercises/*.yaml. The expected feedback comes from the library's own form (`ExerciseSession.form()`) given the same
answers in Python; the saved file must hold exactly what the library saves for those answers.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from playwright.sync_api import Page, expect

from app_page import assert_clean, button, open_page, screenshot, wait_for_widgets
from lessons import ROOT, html_text
from kiemtra_lib.course.app import VoilaServer

SPECS = ROOT / "exercises"
TRAINEE = ("HV01", "Nguyễn Thị Ánh Tuyết")


def _kinds(spec: Path) -> set[str]:
    return {q["kind"] for q in yaml.safe_load(spec.read_text(encoding="utf-8")).get("questions", [])}


def _covering_specs() -> list[Path]:
    """Greedy: the fewest exercise specs that together use every question kind."""
    specs = {p: _kinds(p) for p in sorted(SPECS.glob("*.yaml"))}
    wanted = set().union(*specs.values()) if specs else set()
    chosen: list[Path] = []
    while wanted:
        best = max(specs, key=lambda p: len(specs[p] & wanted))
        chosen.append(best)
        wanted -= specs.pop(best)
    return chosen


def _injected(path: Path) -> dict:
    """The papermill parameters the build wrote into a trainee's notebook."""
    import ast

    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    return {n.targets[0].id: ast.literal_eval(n.value) for n in ast.parse(cell.source).body
            if isinstance(n, ast.Assign)}


@pytest.fixture(scope="module")
def trainee_class(tmp_path_factory):
    specs = COVERING
    if not specs:
        pytest.skip("exercises/ chưa có đặc tả bài tập nào")
    work = tmp_path_factory.mktemp("lop")
    roster = work / "roster.csv"
    roster.write_text(f"trainee_id,ho_ten\n{TRAINEE[0]},{TRAINEE[1]}\n", encoding="utf-8")
    kiemtra = Path(sys.executable).with_name("kiemtra")
    done = subprocess.run([str(kiemtra), "exercises", "build", *map(str, specs), "--roster", str(roster),
                           "--out", str(work / "out")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    folder = work / "out" / "hoc_vien" / TRAINEE[0]
    with VoilaServer(folder) as server:
        yield server, folder


def _answers_for(session) -> dict:
    """One answer per question as a trainee types it: right for odd-numbered questions, wrong for even ones."""
    facts = session.facts()
    answers = {}
    for i, q in enumerate(session.questions):
        right = i % 2 == 0
        if q["kind"] == "text":
            answers[q["id"]] = "Tôi lấy ngày triển khai, cộng thời gian cho phép và số ngày gia hạn."
            continue
        value = facts[q["id"]].value
        if q["kind"] == "date":
            day = dt.date.fromisoformat(str(value))
            answers[q["id"]] = (day if right else day + dt.timedelta(days=1)).strftime("%d/%m/%Y")
        elif q["kind"] in ("days", "number"):
            answers[q["id"]] = str(value if right else value + 1)
        elif q["kind"] == "rules" and q.get("choices"):
            others = [c for c in q["choices"] if c not in value]
            # A multiple-choice list gives its value in the order of its options, whatever the clicks.
            chosen = set(value) if right or not others else {others[0]}
            answers[q["id"]] = tuple(c for c in q["choices"] if c in chosen)
        elif q["kind"] == "rules":
            answers[q["id"]] = ", ".join(value)
        else:  # level, form, choice: a Dropdown of (value, label)
            options = [v for v, _label in q["options"]]
            answers[q["id"]] = value if right else next(v for v in options if v != value)
    return answers


def _fill(page: Page, form, session, answers: dict) -> None:
    rows = form.locator(":scope > .widget-vbox")
    expect(rows).to_have_count(len(session.questions))
    for i, q in enumerate(session.questions):
        row, value = rows.nth(i), answers[q["id"]]
        expect(row.locator(".widget-html").first).to_contain_text(f"Câu {i + 1}.")
        if q["kind"] == "text":
            row.locator("textarea").fill(value)
        elif q["kind"] == "rules" and q.get("options"):  # options shown by the clause's words: select by label
            labels = dict((v, str(lab)) for v, lab in q["options"])
            row.locator(".widget-select-multiple select").select_option(label=[labels[v] for v in value])
        elif q["kind"] == "rules" and q.get("choices"):
            row.locator(".widget-select-multiple select").select_option(list(value))
        elif q["kind"] in ("level", "form", "choice"):
            label = next(str(lab) for v, lab in q["options"] if v == value)
            row.locator(".widget-dropdown select").select_option(label=label)
        else:
            row.locator("input[type='text']").fill(value)


COVERING = _covering_specs()


def test_the_chosen_exercises_ask_every_kind_of_question():
    every = set().union(*(_kinds(p) for p in SPECS.glob("*.yaml")))
    assert every and set().union(*(_kinds(p) for p in COVERING)) == every


@pytest.mark.parametrize("spec", COVERING, ids=lambda p: p.stem)
def test_exercise_notebook_checks_and_submits_in_the_browser(page, trainee_class, spec, tmp_path):
    from kiemtra_lib.exercises import open_exercise
    from kiemtra_lib.exercises.session import submission_checksum

    server, folder = trainee_class
    notebook = folder / f"{yaml.safe_load(spec.read_text(encoding='utf-8'))['id']}.ipynb"
    params = _injected(notebook)
    session = open_exercise(params["exercise"], params["scenario"], trainee_id=params["trainee_id"],
                            ho_ten=params["ho_ten"], mode=params["mode"],
                            variant_digest=params["variant_digest"], submission_dir=tmp_path)
    answers = _answers_for(session)
    expected = session.form()  # the library's own form, given the same answers in Python
    for qid, value in answers.items():
        expected.inputs[qid].value = value
    expected.check_button.click()
    checked_status = expected.status.value
    expected.submit_button.click()
    saved_by_library = json.loads(session.submission_path.read_text(encoding="utf-8"))

    open_page(page, server.notebook_url(notebook.name))
    wait_for_widgets(page)
    expect(page.locator("#rendered_cells")).to_contain_text(params["exercise"]["title"])
    form = page.locator(".widget-vbox").filter(has=page.locator("button", has_text="Nộp bài")).last
    _fill(page, form, session, answers)

    button(form, "Kiểm tra").click()
    rows = form.locator(":scope > .widget-vbox")
    for i, q in enumerate(session.questions):
        expect(rows.nth(i).locator(".widget-html").last).to_have_text(
            html_text(page, expected.feedback[q["id"]].value))
    status = form.locator(":scope > .widget-html").last
    expect(status).to_have_text(html_text(page, checked_status))  # "Đúng k/n câu ...": the check ran in the kernel

    submission = folder / session.submission_path.name
    assert not submission.exists()
    button(form, "Nộp bài").click()
    expect(status).to_have_text(html_text(page, expected.status.value))
    saved = json.loads(submission.read_text(encoding="utf-8"))
    assert saved["checksum"] == submission_checksum(saved)
    for key in ("format", "version", "exercise_id", "trainee_id", "variant_digest", "answers"):
        assert saved[key] == saved_by_library[key], key
    assert saved["trainee_id"] == TRAINEE[0]

    assert_clean(page, page.console_log)
    screenshot(page, f"bai_tap_{session.exercise_id}")
