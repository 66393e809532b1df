"""The list of lessons in kiemtra_lib/course/lessons.py is the course: every lesson has its notebook and its source,
every lesson-shaped file belongs to a lesson, and each title is the one its notebook shows."""

from __future__ import annotations

import re

import nbformat
import pytest

from kiemtra_lib import cli
from kiemtra_lib.course.lessons import LESSON_FILE, LESSONS, NOTEBOOKS, SOURCES, lesson, lesson_number


def test_lesson_numbers_are_distinct_two_digit_and_in_order():
    numbers = [ls.number for ls in LESSONS]
    assert len(set(numbers)) == len(numbers)
    assert all(re.fullmatch(r"\d{2}", n) for n in numbers)
    assert numbers == sorted(numbers)


def test_every_lesson_shaped_file_is_a_lesson_and_every_lesson_has_its_files():
    known = {ls.name for ls in LESSONS}
    on_disk = {p.stem for p in NOTEBOOKS.glob("*.ipynb") if LESSON_FILE.match(p.name)}
    sources = {p.stem for p in SOURCES.glob("*.txt") if LESSON_FILE.match(p.name)}
    assert on_disk == known
    assert sources == known


@pytest.mark.parametrize("ls", LESSONS, ids=lambda ls: ls.name)
def test_the_title_is_the_notebooks_first_heading(ls):
    first = nbformat.read(NOTEBOOKS / ls.notebook, as_version=4).cells[0].source.splitlines()[0]
    assert first == f"# Bài {ls.number}. {ls.title}"


def test_a_lesson_is_found_by_name_number_or_file_name():
    assert lesson("03").name == lesson("03_xep_loai_dang_vien.ipynb").name == "03_xep_loai_dang_vien"
    assert lesson_number("05_ky_luat.ipynb") == "05"
    assert lesson_number("bai_tap.ipynb") is None
    with pytest.raises(KeyError):
        lesson("99")


def test_course_build_refuses_an_unknown_lesson_in_vietnamese(capsys):
    assert cli.main(["course", "build", "99_khong_co"]) == 2
    assert "Không có bài học '99_khong_co'" in capsys.readouterr().err


def test_datasets_build_writes_the_files_shipped_in_datasets(tmp_path):
    shipped = {p.name for p in (NOTEBOOKS.parent / "datasets").iterdir() if p.suffix in (".csv", ".json")}
    assert cli.main(["datasets", "build", str(tmp_path)]) == 0
    assert {p.name for p in tmp_path.iterdir() if p.suffix in (".csv", ".json")} == shipped
