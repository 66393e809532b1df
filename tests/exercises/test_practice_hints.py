"""Practice teaches: a wrong answer gets hints that fit the trainee's scenario and the source's own words, one more
hint per wrong try, and the answer only after max_tries distinct wrong answers (a spec setting)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml

from kiemtra_lib.exercises import build_class, load_specs, read_key
from kiemtra_lib.exercises.roster import Trainee
from kiemtra_lib.exercises.variants import make_variants

from _exercises_support import EXERCISES, session_for

R02 = EXERCISES / "r02_gioi_han_muc_xep_loai.yaml"
T03 = EXERCISES / "t03_han_nop_ho_so.yaml"
THAI_SAN = "Nghỉ thai sản theo chế độ không phải nghỉ ốm"


def _class(tmp_path, spec_paths, n=40, **spec_changes):
    paths = []
    for p in spec_paths:
        if spec_changes:
            data = yaml.safe_load(p.read_text(encoding="utf-8"))
            data.update(spec_changes, template=str(EXERCISES / "templates" / "bai_tap.ipynb"))
            p = tmp_path / p.name
            p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        paths.append(p)
    trainees = [Trainee(f"HV{i:03d}", f"Học viên Thử {i}") for i in range(n)]
    built = build_class(load_specs(paths), trainees, tmp_path / "lop", class_seed=5, mode="practice")
    return built, read_key(built.key_path)


def _wrong_level(fact: dict) -> str:
    return next(v for v, _ in fact["choices"] if v != fact["value"])


def test_a_hint_about_maternity_leave_only_where_there_is_maternity_leave(tmp_path):
    built, key = _class(tmp_path, [R02])
    with_leave, without = [], []
    for tid, entries in key["variants"].items():
        (with_leave if entries["r02_gioi_han_muc_xep_loai"]["scenario"]["member"]["maternity_leave"] else
         without).append(tid)
    assert with_leave and without
    seen = {}
    for tid in with_leave[:3] + without[:3]:
        bai = session_for(built.out_dir / "hoc_vien" / tid / "r02_gioi_han_muc_xep_loai.ipynb")
        fact = key["variants"][tid]["r02_gioi_han_muc_xep_loai"]["answers"]["muc"]
        # enough distinct wrong answers that every hint whose condition holds is shown (but not the answer)
        for i, (value, _label) in enumerate([c for c in fact["choices"] if c[0] != fact["value"]][:2]):
            fb = bai.check("muc", value)
        seen[tid] = fb.message
        assert "Liệt kê các giới hạn" in fb.message  # the unconditional hint is shown to everyone
    assert all(THAI_SAN in seen[t] for t in with_leave[:3])
    assert not any(THAI_SAN in seen[t] for t in without[:3])
    # the spec's own feedback no longer says anything about maternity leave unconditionally
    assert "thai sản" not in yaml.safe_load(R02.read_text(encoding="utf-8"))["questions"][0]["feedback"]["qua_cao"]


def test_the_answer_comes_only_after_max_tries_distinct_wrong_answers(tmp_path):
    built, key = _class(tmp_path, [T03], n=3, max_tries=2)
    tid = "HV001"
    bai = session_for(built.out_dir / "hoc_vien" / tid / "t03_han_nop_ho_so.ipynb")
    fact = key["variants"][tid]["t03_han_nop_ho_so"]["answers"]["han_ho_so"]
    right = dt.date.fromisoformat(fact["value"])
    shown = right.strftime("%d/%m/%Y")
    wrong1, wrong2 = (right + dt.timedelta(days=1)).strftime("%d/%m/%Y"), (right - dt.timedelta(days=9)).strftime(
        "%d/%m/%Y")
    first = bai.check("han_ho_so", wrong1)
    assert first.correct is False and shown not in first.message and "Đáp án" not in first.message
    assert fact["explanation"][:40] not in first.message  # the library's explanation states the answer
    assert "lệch một ngày" in first.message and "Lần sai thứ 1/2" in first.message
    # the source's own words (seed 002) for T4, not only the course's id
    assert "gửi hồ sơ phục vụ kiểm tra về Đoàn Kiểm tra trước ngày kiểm tra chậm nhất là 03 ngày" in first.message
    again = bai.check("han_ho_so", wrong1)  # the same wrong answer again is not a new try
    assert bai.tries("han_ho_so") == 1 and "Đáp án" not in again.message
    assert bai.check("han_ho_so", "").wrong_kind == "khong_tra_loi" and bai.tries("han_ho_so") == 1
    last = bai.check("han_ho_so", wrong2)
    assert bai.tries("han_ho_so") == 2 and f"Đáp án: {shown}" in last.message
    ok = bai.check("han_ho_so", shown)
    assert ok.correct is True and ok.message.startswith("Đúng.")
    saved = json.loads(bai.submit({"han_ho_so": shown}).read_text(encoding="utf-8"))
    assert saved["practice"] == {"wrong_tries": {"han_ho_so": 2}, "answer_shown": ["han_ho_so"]}


def test_show_answer_false_never_shows_it(tmp_path):
    built, key = _class(tmp_path, [T03], n=2, max_tries=1, show_answer=False)
    bai = session_for(built.out_dir / "hoc_vien" / "HV000" / "t03_han_nop_ho_so.ipynb")
    fact = key["variants"]["HV000"]["t03_han_nop_ho_so"]["answers"]["han_ho_so"]
    right = dt.date.fromisoformat(fact["value"])
    for k in range(1, 5):
        fb = bai.check("han_ho_so", (right + dt.timedelta(days=k * 3)).strftime("%d/%m/%Y"))
        assert "Đáp án" not in fb.message and right.strftime("%d/%m/%Y") not in fb.message


def test_the_form_follows_the_same_policy(tmp_path):
    built, key = _class(tmp_path, [T03], n=2)
    bai = session_for(built.out_dir / "hoc_vien" / "HV000" / "t03_han_nop_ho_so.ipynb")
    form = bai.form()
    right = dt.date.fromisoformat(key["variants"]["HV000"]["t03_han_nop_ho_so"]["answers"]["han_ho_so"]["value"])
    for k in (1, 2):
        form.inputs["han_ho_so"].value = (right + dt.timedelta(days=k)).strftime("%d/%m/%Y")
        form.check_button.click()
        assert "Đáp án" not in form.feedback["han_ho_so"].value
    form.inputs["han_ho_so"].value = (right + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    form.check_button.click()
    assert "Đáp án: " + right.strftime("%d/%m/%Y") in form.feedback["han_ho_so"].value


def test_practice_scores_are_not_free_a_class_guessing_once_gets_few_answers(tmp_path):
    """A trainee who checks one wrong answer per question sees no answer (the old checker showed every one)."""
    spec = load_specs([T03])[0]
    variants = make_variants(spec, [f"HV{i}" for i in range(20)], 3)
    from kiemtra_lib.exercises.checking import practice_feedback
    from kiemtra_lib.exercises.generators.base import Fact

    for v in variants:
        q = next(q for q in v.questions if q["id"] == "han_ho_so")
        fact = v.answers["han_ho_so"]
        wrong = (dt.date.fromisoformat(fact.value) + dt.timedelta(days=2)).strftime("%d/%m/%Y")
        fb = practice_feedback(q, fact, wrong, wrong_tries=1, max_tries=spec.max_tries, features=set())
        assert dt.date.fromisoformat(fact.value).strftime("%d/%m/%Y") not in fb.message
        assert isinstance(fact, Fact)


@pytest.mark.parametrize("when, features, rule_ids, shown", [
    ((), set(), (), True),
    (("nghi_thai_san",), {"nghi_thai_san"}, (), True),
    (("nghi_thai_san",), {"nghi_om"}, (), False),
    (("R-M7",), set(), ("R-M7", "R-M3"), True),
    (("R-M7", "nghi_om"), {"nghi_om"}, ("R-M3",), False),
])
def test_conditions(when, features, rule_ids, shown):
    from kiemtra_lib.exercises.checking import conditions_hold
    from kiemtra_lib.exercises.generators.base import Fact

    assert conditions_hold(when, Fact("HT", rule_ids, ""), features) is shown


def test_discipline_feedback_fits_the_case(tmp_path):
    """d01: the hint «hậu quả ít nghiêm trọng: hình thức nhẹ nhất» only for a case whose consequence is «ít nghiêm
    trọng»; d02: «vi phạm mới… tính lại» only where there is a new violation (DF4 in the library's answer)."""
    built, key = _class(tmp_path, [EXERCISES / "d01_hinh_thuc_ky_luat.yaml", EXERCISES / "d02_thoi_hieu_ky_luat.yaml"],
                        n=30)
    light = "hậu quả ít nghiêm trọng: hình thức nhẹ nhất"
    seen = {"it_nghiem_trong": 0, "nghiem_trong": 0}
    for tid, entries in key["variants"].items():
        entry = entries["d01_hinh_thuc_ky_luat"]
        fact = entry["answers"]["hinh_thuc"]
        heavier = [v for v, _ in fact["choices"] if v in fact["order"] and
                   fact["order"].index(v) > fact["order"].index(fact["value"])]
        if not heavier:
            continue
        bai = session_for(built.out_dir / "hoc_vien" / tid / "d01_hinh_thuc_ky_luat.ipynb")
        fb = bai.check("hinh_thuc", heavier[0])
        severity = entry["scenario"]["severity"]
        seen[severity] += 1
        assert (light in fb.message) is (severity == "it_nghiem_trong"), (tid, severity, fb.message)
    assert all(seen.values()), seen
    renewed = {True: 0, False: 0}
    for tid, entries in key["variants"].items():
        entry = entries["d02_thoi_hieu_ky_luat"]
        end = dt.date.fromisoformat(entry["answers"]["ngay_het"]["value"])
        bai = session_for(built.out_dir / "hoc_vien" / tid / "d02_thoi_hieu_ky_luat.ipynb")
        fb = bai.check("ngay_het", (end - dt.timedelta(days=40)).strftime("%d/%m/%Y"))
        new = bool(entry["scenario"]["later_violation_dates"])
        renewed[new] += 1
        assert ("tính lại từ ngày vi phạm mới" in fb.message) is new, (tid, fb.message)
    assert all(renewed.values()), renewed
