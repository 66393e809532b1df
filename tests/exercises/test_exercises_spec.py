"""The spec format and its strict loader, the roster, and the per-item seeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
import yaml

from kiemtra_lib.errors import InputError
from kiemtra_lib.exercises import item_seed, load_spec, load_specs, read_roster
from kiemtra_lib.exercises.spec import TOPICS, draw_params, spec_from_dict

from _exercises_support import EXERCISES

GOOD = {
    "id": "x01_thu",
    "title": "Bài thử",
    "objective": "Thử bộ nạp",
    "difficulty": "de",
    "topic": "thoi_han",
    "scenario": {"generator": "inspection_plan",
                 "params": {"level": "co_so", "start": {"from": "2026-01-01", "to": "2026-12-31"}}},
    "questions": [{"id": "han", "kind": "date", "prompt": "Hạn?", "answer": "deadline", "points": 2,
                   "feedback": {"lech_mot_ngay": "Ngày bắt đầu không tính."}}],
}


def write(tmp_path: Path, data, name="x01_thu.yaml") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def with_(**changes):
    data = yaml.safe_load(yaml.safe_dump(GOOD))
    for dotted, value in changes.items():
        node = data
        *head, last = dotted.split("__")
        for part in head:
            node = node[int(part)] if part.isdigit() else node[part]
        if value is ...:
            del node[last]
        else:
            node[last] = value
    return data


def test_a_good_spec_loads_with_its_questions_and_points(tmp_path):
    spec = load_spec(write(tmp_path, GOOD))
    assert spec.id == "x01_thu" and spec.generator == "inspection_plan"
    assert [q.id for q in spec.questions] == ["han"] and spec.max_points == 2.0
    assert spec.params["start"] == {"from": "2026-01-01", "to": "2026-12-31"}


@pytest.mark.parametrize("changes, field, words", [
    ({"colour": "xanh"}, "colour", "khoá không được biết"),
    ({"title": ...}, "title", "thiếu trường bắt buộc"),
    ({"questions__0__kind": "essay"}, "questions[0].kind", "essay"),
    ({"questions__0__answer": "hạn_chót"}, "questions[0].answer", "không tính kết quả này"),
    ({"questions__0__answer": "allowed_days"}, "questions[0].kind", "days"),
    ({"questions__0__feedback": {"qua_cao": "x"}}, "questions[0].feedback.qua_cao", "không có loại sai này"),
    ({"questions__0__points": -1}, "questions[0].points", "không âm"),
    ({"questions__0__hint": "x"}, "questions[0].hint", "khoá không được biết"),
    ({"scenario__params__speed": 3}, "scenario.params.speed", "không có tham số này"),
    ({"scenario__params__level": "huyen"}, "scenario.params.level", "huyen"),
    ({"scenario__params__start": {"from": "2026-05-01", "to": "2026-01-01"}}, "scenario.params.start.from", "sau"),
    ({"scenario__generator": "khong_co"}, "scenario.generator", "khong_co"),
    ({"difficulty": "vua"}, "difficulty", "de, trung_binh, kho"),
    ({"id": "Bài 1"}, "id", "chữ thường"),
])
def test_the_loader_refuses_each_fault_naming_the_file_and_the_field(tmp_path, changes, field, words):
    path = write(tmp_path, with_(**changes))
    with pytest.raises(InputError) as err:
        load_spec(path)
    message = str(err.value)
    assert str(path) in message and field in message and words in message


def test_a_duplicate_key_and_broken_yaml_are_refused_with_the_file_name(tmp_path):
    dup = write(tmp_path, "id: a\nid: b\n", "dup.yaml")
    with pytest.raises(InputError, match="hai lần") as err:
        load_spec(dup)
    assert "dup.yaml" in str(err.value)
    broken = write(tmp_path, "id: [a\n", "hong.yaml")
    with pytest.raises(InputError, match="YAML"):
        load_spec(broken)


def test_two_specs_with_one_id_are_refused(tmp_path):
    a = write(tmp_path, GOOD, "a.yaml")
    b = write(tmp_path, GOOD, "b.yaml")
    with pytest.raises(InputError, match="cùng mã"):
        load_specs([a, b])


def test_the_shipped_exercises_cover_every_topic_from_easy_to_hard():
    specs = load_specs([EXERCISES])
    assert len(specs) >= 12
    assert {s.topic for s in specs} == set(TOPICS)
    assert {s.difficulty for s in specs} == {"de", "trung_binh", "kho"}
    kinds = {q.kind for s in specs for q in s.questions}
    assert {"level", "date", "days", "rules", "form", "text"} <= kinds
    # several are built on the seeds' own situations, which they name
    assert sum(bool(s.situation) for s in specs) >= 6
    assert any("20 ngày" in s.situation for s in specs)
    assert any("2014" in s.situation for s in specs)


def test_seeds_are_stable_and_separate_per_trainee_exercise_and_item():
    a = item_seed(7, "t01", "HV001", "param:start")
    assert a == item_seed(7, "t01", "HV001", "param:start")
    others = {item_seed(7, "t01", "HV002", "param:start"), item_seed(7, "t02", "HV001", "param:start"),
              item_seed(7, "t01", "HV001", "param:level"), item_seed(8, "t01", "HV001", "param:start")}
    assert a not in others and len(others) == 4
    assert 0 <= a < 2 ** 64


def test_each_parameter_is_drawn_with_its_own_seed(tmp_path):
    spec = load_spec(write(tmp_path, GOOD))
    wider = spec_from_dict(with_(scenario__params__extension_days={"min": 0, "max": 6}), "x")
    for tid in ("HV1", "HV2", "HV3"):
        one, two = draw_params(spec, 3, tid), draw_params(wider, 3, tid)
        assert one["start"] == two["start"]  # adding a drawn parameter leaves the others' draws alone
        assert dt.date(2026, 1, 1) <= dt.date.fromisoformat(one["start"]) <= dt.date(2026, 12, 31)
    starts = {draw_params(spec, 3, f"HV{i}")["start"] for i in range(20)}
    assert len(starts) > 10


def test_roster_from_csv_keeps_ids_as_text_and_names_as_nfc(tmp_path):
    path = tmp_path / "lop.csv"
    path.write_text("trainee_id,ho_ten\n007,Nguye\u0302\u0303n Thị Thử\nHV-2,Trần Văn Mẫu\n", encoding="utf-8")
    roster = read_roster(path)
    assert [t.trainee_id for t in roster] == ["007", "HV-2"]
    assert roster[0].ho_ten == "Nguyễn Thị Thử"


def test_roster_from_excel(tmp_path):
    path = tmp_path / "lop.xlsx"
    pd.DataFrame({"trainee_id": ["A1", "A2"], "ho_ten": ["Học viên Một", "Học viên Hai"]}).to_excel(path, index=False)
    assert [t.ho_ten for t in read_roster(path)] == ["Học viên Một", "Học viên Hai"]


def test_roster_errors_name_row_column_and_value(tmp_path):
    path = tmp_path / "lop.csv"
    path.write_text("trainee_id,ho_ten\nA1,Một\nA1,Hai\nB/2,Ba\nC3,\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_roster(path)
    text = str(err.value)
    assert "Có 3 giá trị không hợp lệ" in text
    assert "dòng 3, cột «mã học viên»: «A1»" in text and "trùng với mã «A1» ở dòng 2" in text
    assert "dòng 4, cột «mã học viên»: «B/2»" in text
    assert "dòng 5, cột «họ và tên»" in text


def test_roster_without_a_column_or_of_another_format_is_refused(tmp_path):
    path = tmp_path / "lop.csv"
    path.write_text("ma,ten\nA1,Một\n", encoding="utf-8")
    with pytest.raises(InputError, match="trainee_id"):
        read_roster(path)
    other = tmp_path / "lop.txt"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=".xlsx"):
        read_roster(other)


def test_the_instructor_guide_lists_every_exercise_and_generator():
    from kiemtra_lib.exercises.generators import REGISTRY, get_generator

    guide = (EXERCISES / "README.md").read_text(encoding="utf-8")
    get_generator("inspection_plan")  # loads every generator module
    for spec in load_specs([EXERCISES]):
        assert f"`{spec.id}`" in guide
    for name in REGISTRY:
        assert f"`{name}`" in guide
