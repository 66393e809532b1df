"""Collection keeps every attempt: a resubmission is written beside the earlier one, never over it (issue 15/16).

No hub is needed: this is the naming rule `collect()` applies in the instructor's folder, and the check that grading
reads every name it writes."""

from __future__ import annotations

import json

from kiemtra_lib.classroom.exchange import SIDECAR_SUFFIX, _version_for
from kiemtra_lib.exercises.collection import exercise_of_name, is_submission_name


def _keep(path, sha):
    path.write_text("{}", encoding="utf-8")
    path.with_name(path.name + SIDECAR_SUFFIX).write_text(json.dumps({"sha256": sha}), encoding="utf-8")


def test_each_new_content_gets_the_next_free_name_and_a_collected_content_none(tmp_path):
    first = _version_for(tmp_path, "t01.nop_bai.json", "a")
    assert first == tmp_path / "t01.nop_bai.json"
    _keep(first, "a")
    assert _version_for(tmp_path, "t01.nop_bai.json", "a") is None          # the same content: collected once
    second = _version_for(tmp_path, "t01.nop_bai.json", "b")
    assert second == tmp_path / "t01.nop_bai (2).json"                       # a resubmission: beside the first
    _keep(second, "b")
    assert _version_for(tmp_path, "t01.nop_bai.json", "a") is None          # the first again: still known
    assert _version_for(tmp_path, "t01.nop_bai.json", "c") == tmp_path / "t01.nop_bai (3).json"


def test_a_version_whose_sidecar_is_unreadable_is_left_alone(tmp_path):
    (tmp_path / "t01.nop_bai.json").write_text("{}", encoding="utf-8")
    (tmp_path / ("t01.nop_bai.json" + SIDECAR_SUFFIX)).write_text("{not json", encoding="utf-8")
    assert _version_for(tmp_path, "t01.nop_bai.json", "a") == tmp_path / "t01.nop_bai (2).json"


def test_grading_reads_every_name_collection_writes():
    for name in ("t01.nop_bai.json", "t01.nop_bai (2).json", "t01.nop_bai (17).json"):
        assert is_submission_name(name) and exercise_of_name(name) == "t01"
    assert not is_submission_name("t01.nop_bai (2).json" + SIDECAR_SUFFIX)
