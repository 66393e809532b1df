"""Issue 17 on the trainee's side: «Kiểm tra» gives a Vietnamese message for any answer whatever it holds, «Nộp bài»
saves it, and every string from data (roster names, ids) is escaped wherever the builder writes it into the
notebook's Markdown — live neither in the nbconvert handout nor in the page Voilà serves."""

from __future__ import annotations

import datetime as dt
import json
import re

import nbformat
import pytest

from kiemtra_lib.exercises import build_class, load_specs
from kiemtra_lib.exercises.build import markdown_text
from kiemtra_lib.exercises.checking import check_answer
from kiemtra_lib.exercises.generators.base import Fact
from kiemtra_lib.exercises.roster import Trainee

from _exercises_support import EXERCISES, session_for


class _Odd:
    def __repr__(self):
        raise RuntimeError("repr hỏng")

    def __str__(self):
        raise RuntimeError("str hỏng")


def _deep(n):
    v: list = []
    for _ in range(n):
        v = [v]
    return v


HOSTILE = [float("inf"), float("-inf"), float("nan"), "1e999", "Infinity", "-Infinity", "NaN", 10 ** 5000,
           "9" * 5000, -(2 ** 63), 2 ** 63, 1e30, "1e30", True, [1, 2], {"a": 1}, ("T4", 5), _deep(50_000),
           _Odd(), b"\xff\xfe", dt.datetime(9999, 12, 31), "01/01/9999", "31/02/2026", "\x00", "x" * 1_000_000,
           object(), ["R-M3", None], -1, 0.5]

QUESTIONS = {
    "date": Fact("2026-03-05", ("T4",), "Hạn là 05/03/2026."),
    "days": Fact(20, ("T3",), "20 ngày."),
    "number": Fact(3, ("R-M2",), "3 người."),
    "level": Fact("HTT", ("R-M3",), "HTT.", choices=(("HTXS", "Xuất sắc"), ("HTT", "Tốt")), order=("HTT", "HTXS")),
    "form": Fact("canh_cao", ("DF1",), "Cảnh cáo.", choices=(("khien_trach", "Khiển trách"), ("canh_cao", "Cảnh cáo")),
                 order=("khien_trach", "canh_cao")),
    "choice": Fact("co", ("T4",), "Có.", choices=(("co", "Có"), ("khong", "Không"))),
    "rules": Fact(["T4"], ("T4",), "T4.", choices=(("T3", "T3"), ("T4", "T4"))),
    "text": None,
}


@pytest.mark.parametrize("kind", sorted(QUESTIONS))
@pytest.mark.parametrize("value", HOSTILE, ids=[f"{i}-{type(v).__name__}" for i, v in enumerate(HOSTILE)])
def test_any_answer_gets_a_vietnamese_message(kind, value):
    q = {"id": "c", "kind": kind, "prompt": "?", "points": 1.0, "feedback": {},
         "scoring": "per_option" if kind == "rules" else None}
    fb = check_answer(q, QUESTIONS[kind], value, ruleset="hcm-2014")
    assert isinstance(fb.message, str) and fb.message
    assert re.match(r"^(Đúng|Chưa đúng|Đúng một phần|Đã ghi nhận|Chưa có)", fb.message), fb.message
    assert "Error" not in fb.message and "Traceback" not in fb.message
    assert fb.score in (None, 0.0, 1.0) or 0 < fb.score < 1
    assert len(fb.message) < 5_000
    if kind != "text":  # free text is kept whole for the marker; anything else is cut or refused
        assert fb.given is None or len(str(fb.given)) < 5_000
    json.dumps(fb.as_dict(), ensure_ascii=False)  # a feedback is always storable


def test_hostile_answers_through_the_form_and_the_submission(tmp_path):
    built = build_class(load_specs([EXERCISES / "t03_han_nop_ho_so.yaml"]), [Trainee("HV001", "Học viên Thử")],
                        tmp_path / "lop", mode="practice")
    bai = session_for(built.out_dir / "hoc_vien" / "HV001" / "t03_han_nop_ho_so.ipynb")
    for value in HOSTILE:
        for q in bai.questions:
            fb = bai.check(q["id"], value)
            assert fb.message.startswith(("Chưa đúng", "Đúng")), (value, fb.message)
        path = bai.submit({q["id"]: value for q in bai.questions})
        saved = json.loads(path.read_text(encoding="utf-8"))  # strict JSON: no Infinity, NaN, 5,000-digit numbers
        assert json.dumps(saved, allow_nan=False)
    form = bai.form()
    form.inputs["han_ho_so"].value = "9" * 5000
    form.check_button.click()
    assert "Lỗi" not in form.status.value and "không đọc được ngày" in form.feedback["han_ho_so"].value


NAMES = ['<img src=x onerror=alert(1)>', '<script>alert("x")</script>', "[bấm vào](javascript:alert(1))",
         "![ảnh](http://x.example/a.png)", "www.x.example thu@x.example", "**đậm** _nghiêng_ `mã`", "{{trainee_id}}", "a\n\n# Tiêu đề giả"]


def test_markdown_text_is_inert():
    for name in NAMES:
        text = markdown_text(name)
        assert "<" not in text and ">" not in text
        marks = re.sub(r"&#?\w+;", "", text)  # entities are inert text
        assert not re.search(r"(?<!\\)[\[\]()*_`#!{}]", marks), text
        assert "http:" not in text and "javascript:" not in text  # no bare link to find
        assert "\n" not in text


@pytest.mark.parametrize("mode", ["practice", "exam"])
def test_roster_names_are_escaped_in_the_notebook_and_its_html(tmp_path, mode):
    from nbconvert import HTMLExporter

    trainees = [Trainee(f"HV{i:03d}", name) for i, name in enumerate(NAMES)]
    built = build_class(load_specs([EXERCISES / "t03_han_nop_ho_so.yaml"]), trainees, tmp_path / "lop", mode=mode)
    exporter = HTMLExporter()
    for t in trainees:
        nb = nbformat.read(built.out_dir / "hoc_vien" / t.trainee_id / "t03_han_nop_ho_so.ipynb", as_version=4)
        header = nb.cells[0].source
        assert "{{" not in header and t.trainee_id in header
        body, _ = exporter.from_notebook_node(nb)
        name_html = body.split("Học viên:</strong>", 1)[1].split(f"(mã {t.trainee_id}", 1)[0]
        for live in ("<img", "<script", "<a ", "href", "<strong", "<em", "<code", "<h1"):
            assert live not in name_html, (live, name_html)
    # the name stays readable as text
    nb = nbformat.read(built.out_dir / "hoc_vien" / "HV000" / "t03_han_nop_ho_so.ipynb", as_version=4)
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in nb.cells[0].source
