"""Collection: copies count once, a different content is a resubmission, deadlines by the server's clock (the
sidecar of the class server) or, failing it, the submission's own time (said so), the counted attempt by policy."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import openpyxl
import pandas as pd
import pytest

from kiemtra_lib.exercises import grade_directory, read_key
from kiemtra_lib.exercises.collection import choose_counted, is_submission_name, lateness, parse_moment
from kiemtra_lib.exercises.gradebook import Gradebook
from kiemtra_lib.exercises.reports import class_scores

from _exercises_support import build, right_answer, session_for

EID = "t03_han_nop_ho_so"
ICT = dt.timezone(dt.timedelta(hours=7))


@pytest.mark.parametrize("name, ok", [
    ("t03.nop_bai.json", True), ("t03.nop_bai (1).json", True), ("t03.nop_bai(12).json", True),
    ("t03.nop_bai - Copy.json", True), ("t03.nop_bai - Copy (2).json", True), ("t03.nop_bai 2.json", True),
    ("t03.nop_bai - Sao chép.json", True), ("=2+5.nop_bai.json", True),
    ("t03.nop_bai.json.server.json", False), (".t03.nop_bai.json.tmp", False), ("t03.nop_bai.bak.json", False),
    ("t03.ipynb", False), ("t03.json", False), (".t03.nop_bai.json", False),
])
def test_submission_names(name, ok):
    assert is_submission_name(name) == ok


def _at(h, m=0, day=10):
    return dt.datetime(2026, 3, day, h, m, tzinfo=ICT)


SCHEDULE = {"opens": _at(8), "closes": _at(11), "deadline": _at(10)}


@pytest.mark.parametrize("at, words", [
    (_at(7, 59), "trước giờ mở bài"), (_at(8), None), (_at(10), None), (_at(10, 1), "nộp muộn"),
    (_at(11, 1), "sau giờ đóng bài"),
])
def test_lateness(at, words):
    why = lateness(at, SCHEDULE)
    assert (why is None) if words is None else (words in why)


def test_no_schedule_is_never_late():
    assert lateness(_at(23), {"opens": None, "closes": None, "deadline": None}) is None


def _attempt(name, h, late, score):
    return {"name": name, "at": _at(h), "late": "nộp muộn" if late else None, "score": score, "sha256": name}


A = [_attempt("a", 8, False, 2.0), _attempt("b", 9, False, 5.0), _attempt("c", 10, False, 3.0),
     _attempt("d", 12, True, 9.0)]


@pytest.mark.parametrize("policy, attempts, chosen", [
    ("latest_on_time", A, "c"),          # the latest on time, not the later late one
    ("latest", A, "d"),
    ("first", A, "a"),
    ("best", A, "b"),                    # the best on time (d is late)
    ("latest_on_time", A[3:], "d"),      # none on time: the latest, still flagged late
    ("best", [_attempt("x", 8, False, 4.0), _attempt("y", 9, False, 4.0)], "x"),  # tie: the earlier
])
def test_counted_attempt_policy(policy, attempts, chosen):
    assert choose_counted(attempts, policy)["name"] == chosen


def test_parse_moment():
    assert parse_moment("2026-03-10T10:00:00+07:00") == _at(10)
    assert parse_moment("2026-03-10T03:00:00Z") == _at(10)
    assert parse_moment("2026-03-10T10:00:00") == _at(10)  # no zone: Vietnam's time
    assert parse_moment("10/03/2026") is None and parse_moment(12) is None and parse_moment("9999-01-01T00:00") is None


# --- end to end --------------------------------------------------------------------------------------------------

def _sidecar(path, received: dt.datetime, trainee_id: str, sha: str | None = None):
    sha = sha or hashlib.sha256(path.read_bytes()).hexdigest()
    path.with_name(path.name + ".server.json").write_text(json.dumps(
        {"received_at": received.isoformat(), "sha256": sha, "trainee_id": trainee_id,
         "source": f"/home/{trainee_id}/bai_tap/{path.name}"}), encoding="utf-8")


@pytest.fixture
def klass(tmp_path):
    built = build(tmp_path, n=4, specs=[__import__("_exercises_support").EXERCISES / f"{EID}.yaml"])
    key = read_key(built.key_path)
    key["exercises"][EID].update({"deadline": _at(10).isoformat(), "opens": None, "closes": None})
    return built, key, built.out_dir / "hoc_vien", tmp_path


def _answers(key, tid, right=True):
    fact = key["variants"][tid][EID]["answers"]["han_ho_so"]
    return {"han_ho_so": right_answer("date", fact) if right else "01/01/2000"}


def test_copies_count_once_and_a_new_content_is_a_resubmission(klass):
    built, key, sub, tmp = klass
    folder = sub / "HV000"
    bai = session_for(folder / f"{EID}.ipynb")
    first = bai.submit(_answers(key, "HV000"), now=_at(9))
    (folder / f"{EID}.nop_bai (1).json").write_bytes(first.read_bytes())       # the e-mail copy
    (folder / f"{EID}.nop_bai - Copy.json").write_bytes(first.read_bytes())    # and Windows' copy
    run = grade_directory(sub, key, tmp / "so_diem.sqlite")
    assert run.files == 3 and run.graded == 1 and run.unchanged == 2 and not run.problems
    (folder / f"{EID}.nop_bai (1).json").write_bytes(first.read_bytes())
    bai.submit(_answers(key, "HV000", right=False), now=_at(9, 30))            # a real resubmission
    run = grade_directory(sub, key, tmp / "so_diem.sqlite")
    assert run.graded == 1
    with Gradebook(tmp / "so_diem.sqlite") as gb:
        assert gb.counts()["attempts"] == 2
        data = class_scores(gb)
    row = data.counted.set_index("trainee_id").loc["HV000"]
    assert row["attempts"] == 2 and row["at"] == _at(9, 30)  # the latest on time counts


def test_server_time_decides_lateness_and_the_on_time_attempt_counts(klass):
    built, key, sub, tmp = klass
    folder = sub / "HV001"
    bai = session_for(folder / f"{EID}.ipynb")
    on_time = bai.submit(_answers(key, "HV001"), now=_at(9))
    on_time = on_time.rename(folder / f"{EID}.nop_bai (1).json")
    _sidecar(on_time, _at(9, 1), "HV001")
    # the second says 09:50 on the trainee's clock, but the server received it at 10:30: late
    late = bai.submit(_answers(key, "HV001", right=False), now=_at(9, 50))
    _sidecar(late, _at(10, 30), "HV001")
    # HV002 has no sidecar: its own time is used, and the report says so
    session_for(sub / "HV002" / f"{EID}.ipynb").submit(_answers(key, "HV002"), now=_at(11))
    run = grade_directory(sub, key, tmp / "so_diem.sqlite", tmp / "bao_cao")
    assert (run.server_timed, run.file_timed) == (2, 1)
    assert "1 bài không có xác nhận của máy chủ lớp học" in run.summary()
    with Gradebook(tmp / "so_diem.sqlite") as gb:
        data = class_scores(gb)
        points = data.questions.groupby("trainee_id")["final_score"].sum()
    c = data.counted.set_index("trainee_id")
    assert c.at["HV001", "at"] == _at(9, 1) and pd.isna(c.at["HV001", "late"]) and c.at["HV001", "attempts"] == 2
    assert c.at["HV001", "time_source"] == "may_chu"
    assert c.at["HV002", "time_source"] == "bai_nop" and "nộp muộn" in c.at["HV002", "late"]
    assert points["HV001"] == max(points)  # the right (on time) answers count, not the late wrong ones
    ws = openpyxl.load_workbook(tmp / "bao_cao" / "bao_cao.xlsx")["Các lần nộp"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["HV001"][3] == "10/03/2026 09:01" and rows["HV001"][4] == "giờ máy chủ lớp học"
    assert rows["HV002"][4].startswith("theo giờ trong bài nộp") and rows["HV002"][5].startswith("nộp muộn")


def test_latest_policy_counts_the_late_one(klass):
    built, key, sub, tmp = klass
    key["exercises"][EID]["attempt_policy"] = "latest"
    folder = sub / "HV001"
    bai = session_for(folder / f"{EID}.ipynb")
    bai.submit(_answers(key, "HV001"), now=_at(9)).rename(folder / f"{EID}.nop_bai (1).json")
    bai.submit(_answers(key, "HV001", right=False), now=_at(10, 30))
    grade_directory(sub, key, tmp / "so_diem.sqlite")
    with Gradebook(tmp / "so_diem.sqlite") as gb:
        data = class_scores(gb)
    c = data.counted.set_index("trainee_id")
    assert c.at["HV001", "at"] == _at(10, 30) and c.at["HV001", "late"]


@pytest.mark.parametrize("bad", ["sha", "trainee", "time", "garbage"])
def test_a_sidecar_that_does_not_match_is_a_problem(klass, bad):
    built, key, sub, tmp = klass
    path = session_for(sub / "HV003" / f"{EID}.ipynb").submit(_answers(key, "HV003"), now=_at(9))
    if bad == "sha":
        _sidecar(path, _at(9), "HV003", sha="0" * 64)
    elif bad == "trainee":
        _sidecar(path, _at(9), "HV002")
    elif bad == "time":
        _sidecar(path, _at(9), "HV003")
        side = path.with_name(path.name + ".server.json")
        side.write_text(side.read_text(encoding="utf-8").replace("+07:00", ""), encoding="utf-8")
    else:
        path.with_name(path.name + ".server.json").write_text("{", encoding="utf-8")
    run = grade_directory(sub, key, tmp / "so_diem.sqlite")
    assert [p.kind for p in run.problems] == ["sai_xac_nhan"] and run.graded == 0
