"""The spec keys of issue 16: exam window and deadline, attempt policy, practice tries, conditional hints, fixed
answers, multi-select scoring, rule set, and the kind of day an official event is drawn on."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from kiemtra_lib.calendar import is_working_day
from kiemtra_lib.errors import InputError
from kiemtra_lib.exercises.spec import COURSE_TZ, draw_params, spec_from_dict

BASE = {
    "id": "x02_thu", "title": "Bài thử", "objective": "Thử khoá mới", "difficulty": "de", "topic": "thoi_han",
    "scenario": {"generator": "inspection_plan",
                 "params": {"level": "co_so", "start": {"from": "2026-01-01", "to": "2026-12-31"}}},
    "questions": [{"id": "han", "kind": "date", "prompt": "Hạn?", "answer": "deadline", "points": 2},
                  {"id": "qt", "kind": "rules", "prompt": "Quy tắc?", "answer": "rules", "points": 1}],
}


def spec(**top):
    data = yaml.safe_load(yaml.safe_dump(BASE))
    data.update(top)
    return spec_from_dict(data, source="x.yaml")


def test_defaults():
    s = spec()
    assert (s.opens, s.closes, s.deadline) == (None, None, None)
    assert s.attempt_policy == "latest_on_time" and s.max_tries == 3 and s.show_answer is True
    assert s.ruleset == "hcm-2014"
    assert s.questions[1].scoring == "per_option" and s.questions[0].scoring is None
    assert s.questions[0].fixed is None and s.questions[0].hints == ()


def test_window_and_deadline_are_aware_moments_in_vietnam_time_unless_a_zone_is_given():
    s = spec(opens="2026-12-02T08:00", closes="2026-12-02T09:30:00+00:00", deadline="2026-12-02T16:00")
    assert s.opens == dt.datetime(2026, 12, 2, 8, 0, tzinfo=COURSE_TZ)
    assert s.closes == dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.timezone.utc)
    # a bare date as a deadline means until the end of that day; it may not fall after closing time
    with pytest.raises(InputError, match="deadline"):
        spec(opens="2026-12-02T08:00", closes="2026-12-02T09:30", deadline="2026-12-02")
    s = spec(deadline=dt.date(2026, 12, 5))
    assert s.deadline == dt.datetime(2026, 12, 5, 23, 59, 59, tzinfo=COURSE_TZ)
    assert s.schedule()["deadline"] == "2026-12-05T23:59:59+07:00"


@pytest.mark.parametrize("top, field", [
    ({"opens": "2026-12-02T10:00", "closes": "2026-12-02T09:00"}, "closes"),
    ({"opens": "hôm nay"}, "opens"),
    ({"closes": "3000-01-01"}, "closes"),
    ({"attempt_policy": "cao_nhat"}, "attempt_policy"),
    ({"max_tries": 0}, "max_tries"),
    ({"max_tries": True}, "max_tries"),
    ({"show_answer": "co"}, "show_answer"),
    ({"ruleset": "khong_co"}, "ruleset"),
])
def test_bad_values_name_their_field(top, field):
    with pytest.raises(InputError) as err:
        spec(**top)
    assert field in err.value.field


def test_question_keys_hints_fixed_scoring():
    data = yaml.safe_load(yaml.safe_dump(BASE))
    data["questions"][0].update(hints=["Đếm từ ngày sau ngày triển khai.", {"text": "Xem T3.", "when": "T3"}],
                                feedback={"lech_mot_ngay": {"text": "Ngày đầu không tính.", "when": ["T3"]}})
    data["questions"][1].update(fixed="mọi cuộc kiểm tra cấp cơ sở đều theo T3", scoring="all_or_nothing")
    s = spec_from_dict(data)
    q0, q1 = s.questions
    assert [h.when for h in q0.hints] == [(), ("T3",)]
    assert q0.feedback == {"lech_mot_ngay": "Ngày đầu không tính."} and q0.feedback_when == {"lech_mot_ngay": ("T3",)}
    assert q1.fixed.startswith("mọi cuộc") and q1.scoring == "all_or_nothing"
    # exam notebooks get neither the fact name nor feedback nor hints
    assert set(q0.exam_public()) == {"id", "kind", "prompt", "points"}
    assert "generator" not in s.exam_public()


@pytest.mark.parametrize("qi, key, value", [
    (0, "hints", [{"text": "x", "when": "khong_co_dac_diem"}]),   # neither a feature nor a rule id
    (0, "scoring", "per_option"),                                  # only multi-select questions are scored so
    (1, "scoring", "mot_nua"),
    (0, "hints", "một chuỗi"),
])
def test_bad_question_keys(qi, key, value):
    data = yaml.safe_load(yaml.safe_dump(BASE))
    data["questions"][qi][key] = value
    with pytest.raises(InputError) as err:
        spec_from_dict(data)
    assert f"questions[{qi}].{key}" in err.value.field


def test_official_dates_are_drawn_on_working_days_and_a_spec_may_ask_for_days_off():
    s = spec()
    days = {draw_params(s, 7, f"HV{i:03d}")["start"] for i in range(300)}
    assert len(days) > 100 and all(is_working_day(dt.date.fromisoformat(d)) for d in days)
    data = yaml.safe_load(yaml.safe_dump(BASE))
    data["scenario"]["params"]["start"] = {"from": "2026-01-01", "to": "2026-12-31", "day": "nghi"}
    off = spec_from_dict(data)
    days = {draw_params(off, 7, f"HV{i:03d}")["start"] for i in range(100)}
    assert days and not any(is_working_day(dt.date.fromisoformat(d)) for d in days)


def test_a_fixed_official_date_on_a_sunday_is_refused():
    data = yaml.safe_load(yaml.safe_dump(BASE))
    data["scenario"]["params"]["start"] = "2026-03-01"  # a Sunday
    with pytest.raises(InputError, match="ngày làm việc"):
        spec_from_dict(data)
    data["scenario"]["params"]["start"] = {"from": "2026-03-01", "to": "2026-03-01", "day": "nghi"}
    assert draw_params(spec_from_dict(data), 1, "HV1")["start"] == "2026-03-01"
