"""Building a class and the trainee's notebook: parameters injected without a kernel, no answer in the notebook,
reproducible; the widgets' logic driven from Python (``.value``, ``.click()``); "Nộp bài" writes atomically."""

from __future__ import annotations

import json
import os
import stat

import papermill
import pytest

from kiemtra_lib.errors import InputError
from kiemtra_lib.exercises import build_class, load_specs, read_key
from kiemtra_lib.exercises.session import submission_checksum

from _exercises_support import CLASS_SPECS, EXERCISES, build, right_answer, session_for, wrong_answer, write_roster


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lop")
    return build(tmp, n=6)


def test_a_notebook_per_trainee_and_exercise_and_a_private_key(built):
    out = built.out_dir
    assert len(built.notebooks) == 6 * 3
    assert sorted(p.name for p in (out / "hoc_vien" / "HV000").iterdir()) == sorted(
        f"{s.stem}.ipynb" for s in CLASS_SPECS)
    key = read_key(built.key_path)
    assert set(key["trainees"]) == {f"HV{i:03d}" for i in range(6)}
    assert stat.S_IMODE(os.stat(built.key_path).st_mode) == 0o600  # instructor only
    assert not list((out / "hoc_vien").rglob("dap_an*"))


def test_notebook_parameters_match_the_template_and_hold_no_answer(built):
    key = read_key(built.key_path)
    nb_path = built.out_dir / "hoc_vien" / "HV002" / "r01_xep_loai_theo_phieu.ipynb"
    declared = papermill.inspect_notebook(str(EXERCISES / "templates" / "bai_tap.ipynb"))
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    params = nb["metadata"]["papermill"]["parameters"]
    assert set(params) == set(declared)  # every injected name is a parameter of the template
    injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1 and all(c.get("outputs") == [] for c in nb["cells"] if c["cell_type"] == "code")
    entry = key["variants"]["HV002"]["r01_xep_loai_theo_phieu"]
    assert params["variant_digest"] == entry["digest"] and params["scenario"] == entry["scenario"]
    text = nb_path.read_text(encoding="utf-8")
    for fact in entry["answers"].values():
        assert fact["explanation"] not in text
    assert '"answers"' not in text and "rule_ids" not in text
    assert "Học viên Thử nghiệm 2" in "".join(nb["cells"][0]["source"])  # the title cell is filled in


def test_the_build_is_reproducible_and_depends_on_the_class_seed(tmp_path):
    a = build(tmp_path / "a", n=4, seed=5)
    b = build(tmp_path / "b", n=4, seed=5)
    c = build(tmp_path / "c", n=4, seed=6)
    ka, kb, kc = (read_key(r.key_path)["variants"] for r in (a, b, c))
    assert ka == kb and ka != kc
    rel = "hoc_vien/HV001/t03_han_nop_ho_so.ipynb"
    assert (a.out_dir / rel).read_bytes() == (b.out_dir / rel).read_bytes()


def test_build_refuses_a_bad_mode_or_seed(tmp_path):
    specs = load_specs(CLASS_SPECS[:1])
    roster = write_roster(tmp_path / "r.csv", 2)
    from kiemtra_lib.exercises import read_roster

    with pytest.raises(InputError, match="--mode"):
        build_class(specs, read_roster(roster), tmp_path / "o", mode="thi")
    with pytest.raises(InputError, match="--class-seed"):
        build_class(specs, read_roster(roster), tmp_path / "o", class_seed=-1)


def test_kiem_tra_says_right_or_wrong_with_the_rule_recomputed_not_read_from_the_key(built, tmp_path):
    nb = built.out_dir / "hoc_vien" / "HV001" / "d02_thoi_hieu_ky_luat.ipynb"
    key = read_key(built.key_path)
    answers = key["variants"]["HV001"]["d02_thoi_hieu_ky_luat"]["answers"]
    kinds = {q["id"]: q["kind"] for q in key["exercises"]["d02_thoi_hieu_ky_luat"]["questions"]}
    built.key_path.rename(tmp_path / "hidden.json")  # the notebook never reads the key
    try:
        bai = session_for(nb)
        form = bai.form()
        assert form.check_button in form.children[-2].children
        form.inputs["so_nam"].value = right_answer("number", answers["so_nam"])
        form.inputs["ngay_het"].value = wrong_answer("date", answers["ngay_het"])
        form.check_button.click()
    finally:
        (tmp_path / "hidden.json").rename(built.key_path)
    assert form.last_feedback["so_nam"].correct is True
    assert form.feedback["so_nam"].value.count("Đúng.") == 1 and "DF2" in form.feedback["so_nam"].value
    wrong = form.last_feedback["ngay_het"]
    assert wrong.correct is False and wrong.wrong_kind == "muon_hon" and "DF2" in wrong.message
    assert "Chưa đúng" in form.feedback["ngay_het"].value
    assert form.status.value.startswith("Đúng 1/4")
    assert set(kinds) == set(form.inputs)


def test_nop_bai_saves_the_answers_beside_the_notebook(built):
    nb = built.out_dir / "hoc_vien" / "HV003" / "t03_han_nop_ho_so.ipynb"
    bai = session_for(nb)
    form = bai.form()
    form.inputs["han_ho_so"].value = "05/03/2026"
    form.inputs["quy_tac"].value = ("T4",)
    form.submit_button.click()
    path = nb.parent / "t03_han_nop_ho_so.nop_bai.json"
    assert "Đã nộp bài" in form.status.value and path.is_file()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["trainee_id"] == "HV003" and data["answers"]["han_ho_so"] == "05/03/2026"
    assert data["answers"]["quy_tac"] == ["T4"] and data["answers"]["co_doi_ngay"] is None
    assert data["checksum"] == submission_checksum(data)
    assert not [p for p in nb.parent.iterdir() if p.name.endswith(".tmp")]  # no temporary file left behind


def test_a_failed_save_keeps_the_previous_submission(built, monkeypatch):
    nb = built.out_dir / "hoc_vien" / "HV004" / "t03_han_nop_ho_so.ipynb"
    bai = session_for(nb)
    first = bai.submit({"han_ho_so": "01/01/2026"})
    before = first.read_bytes()

    def boom(*a, **k):
        raise OSError("đĩa đầy")

    monkeypatch.setattr(os, "replace", boom)
    form = bai.form()
    form.inputs["han_ho_so"].value = "02/01/2026"
    form.submit_button.click()
    assert "Không lưu được bài nộp" in form.status.value
    assert first.read_bytes() == before
    assert not [p for p in nb.parent.iterdir() if p.name.endswith(".tmp")]


def test_exam_mode_has_no_feedback(tmp_path):
    r = build(tmp_path, n=2, mode="exam")
    bai = session_for(r.out_dir / "hoc_vien" / "HV000" / "t03_han_nop_ho_so.ipynb")
    form = bai.form()
    buttons = [c for c in form.children if hasattr(c, "children") and form.submit_button in c.children][0]
    assert form.check_button not in buttons.children
    form.check_button.click()  # even if reached programmatically
    assert all(fb.value == "" for fb in form.feedback.values())
    with pytest.raises(InputError, match="không có phản hồi"):
        bai.check("han_ho_so", "01/01/2026")


def test_free_text_is_saved_in_nfc(built):
    nb = built.out_dir / "hoc_vien" / "HV005" / "t03_han_nop_ho_so.ipynb"
    bai = session_for(nb)
    path = bai.submit({"han_ho_so": "Ngày mu\u0300ng 5"})
    assert json.loads(path.read_text(encoding="utf-8"))["answers"]["han_ho_so"] == "Ngày mùng 5"


def test_a_built_notebook_runs_in_a_kernel_and_shows_the_form(built, tmp_path):
    """The template's cells work end to end (papermill with a real kernel, in the notebook's own folder)."""
    import shutil

    src = built.out_dir / "hoc_vien" / "HV000" / "t03_han_nop_ho_so.ipynb"
    work = tmp_path / "HV000"
    work.mkdir()
    shutil.copy(src, work / src.name)
    nb = papermill.execute_notebook(str(work / src.name), None, cwd=str(work), execution_timeout=120,
                                    kernel_name="python3", progress_bar=False)
    code = [c for c in nb.cells if c.cell_type == "code"]
    scenario_out = code[-2].outputs[0]["data"]["text/markdown"]
    assert "Đoàn kiểm tra" in scenario_out
    assert "application/vnd.jupyter.widget-view+json" in code[-1].outputs[0]["data"]
    assert not any(o.get("output_type") == "error" for c in code for o in c.outputs)


def test_adding_trainees_later_keeps_the_earlier_variants(tmp_path):
    small = build(tmp_path / "a", n=3, seed=4)
    large = build(tmp_path / "b", n=8, seed=4)
    a, b = read_key(small.key_path)["variants"], read_key(large.key_path)["variants"]
    assert all(a[t] == b[t] for t in a) and len(b) == 8
