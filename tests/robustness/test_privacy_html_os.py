"""Issue 17: pseudonymisation leaks (index, free text, column names, short keys), HTML made from data, and OS errors
(disk full, read-only) that name the path and lose nothing already saved."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pandas as pd
import pytest

from kiemtra_lib import InputError
from kiemtra_lib.datasets import Case, load, pseudonymise
from kiemtra_lib.errors import SaveError, os_error_message

KEY = "khoá của lớp K12 năm 2026, giữ kín"
REAL = "Nguyễn Văn Thật"  # stands for a real person's name in these tests (synthetic)


@pytest.fixture(scope="module")
def members():
    return load("chi_bo_9").members


def _text(df: pd.DataFrame) -> str:
    return "\n".join(map(str, [*df.index, *df.columns, *df.to_numpy().ravel(), *df.attrs.get("dropped_columns", [])]))


def test_real_ids_in_the_index_do_not_survive(members, tmp_path):
    indexed = members.set_index(members["member_id"] + "-that", drop=False)
    out = pseudonymise(indexed, KEY)
    assert list(out.index) == list(range(len(members)))
    out.to_csv(tmp_path / "an_danh.csv")
    written = (tmp_path / "an_danh.csv").read_text(encoding="utf-8")
    assert not any(i in written for i in indexed.index)


def test_a_kept_column_holding_free_text_is_refused_without_repeating_it(members):
    # «Chức vụ» is a list column: "Trưởng phòng <name>" is not one of its values and must not be copied
    raw = members.assign(role=members["role"].astype(object))
    raw.loc[2, "role"] = f"Trưởng phòng {REAL}"
    with pytest.raises(InputError) as err:
        pseudonymise(raw.rename(columns={"role": "Chức vụ"}), KEY)
    (problem,) = err.value.problems
    assert problem.field == "role" and problem.row == 3
    assert REAL not in str(err.value)


def test_free_text_columns_are_dropped_and_kept_columns_are_normalised(members):
    raw = members.assign(ghi_chu=f"Gặp {REAL} tại cơ quan", role=members["role"].map(
        {"bi_thu": "Bí thư đảng bộ, chi bộ"}.get))
    out = pseudonymise(raw, KEY)
    assert "ho_ten" in out.columns and REAL not in _text(out)
    assert set(out["role"].dropna()) <= {"bi_thu"}


def test_a_name_used_as_a_column_header_does_not_survive(members):
    out = pseudonymise(members.assign(**{REAL: 1}), KEY)
    assert REAL not in _text(out)
    assert out.attrs["dropped_columns"][-1].startswith(f"cột {len(members.columns) + 1} ")


@pytest.mark.parametrize("key", ["Z", "X" * 15, b"short", "  " + "y" * 14 + "  "])
def test_a_key_shorter_than_16_characters_is_refused(members, key):
    with pytest.raises(InputError) as err:
        pseudonymise(members, key)
    assert err.value.field == "khoá" and "16" in str(err.value)
    assert (key if isinstance(key, str) else key.decode()).strip() not in str(err.value)  # the key is not echoed


def test_a_16_character_key_is_accepted(members):
    assert len(pseudonymise(members, "x" * 16)) == len(members)


# -- HTML ---------------------------------------------------------------------------------------------------------
def test_case_repr_html_escapes_every_string_from_the_data():
    evil = "<img src=x onerror=alert(1)>"
    case = load("chi_bo_9")
    hostile = Case(evil, case.members, case.organisations, case.inspections, case.discipline_cases,
                   meta={"edge_cases": [{"mo_ta": evil, "member_ids": [evil, "DV01"]}]})
    html = hostile._repr_html_()
    assert "<img" not in html and html.count("&lt;img") == 3


# -- OS errors ------------------------------------------------------------------------------------------------
def test_os_error_message_names_the_path_in_vietnamese():
    for code, words in ((errno.ENOSPC, "đầy"), (errno.EROFS, "chỉ cho đọc"), (errno.EACCES, "quyền")):
        text = os_error_message(OSError(code, "x", "/lop/bao_cao.xlsx"))
        assert "«/lop/bao_cao.xlsx»" in text and words in text


def test_building_the_datasets_on_a_full_disk_names_the_file_and_keeps_the_old_one(tmp_path, monkeypatch):
    from kiemtra_lib.datasets import build

    build(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real_replace = os.replace
    calls = {"n": 0}

    def full_disk(src, dst):
        calls["n"] += 1
        if calls["n"] == 3:  # the third file of the rebuild finds the disk full
            raise OSError(errno.ENOSPC, "No space left on device", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(SaveError) as err:
        build(tmp_path)
    assert "Ổ đĩa đã đầy" in str(err.value) and str(tmp_path) in str(err.value)
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert after == before  # the files already there are whole, and no temporary file is left behind


def test_the_cli_names_the_path_of_a_read_only_folder(monkeypatch, capsys):
    from kiemtra_lib import cli

    def read_only(args):
        raise OSError(errno.EROFS, "Read-only file system", "/srv/lop/bao_cao/bao_cao.xlsx")

    monkeypatch.setattr(cli, "_list", read_only)
    code = cli.main(["exercises", "list", "x.yaml"])
    err = capsys.readouterr().err
    assert code == 1 and "«/srv/lop/bao_cao/bao_cao.xlsx»" in err and "chỉ cho đọc" in err
    assert "không mong đợi" not in err and "Traceback" not in err


def test_the_cli_names_a_full_gradebook(monkeypatch, capsys):
    import sqlite3

    from kiemtra_lib import cli

    def full(args):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(cli, "_list", full)
    assert cli.main(["exercises", "list", "x.yaml"]) == 1
    assert "Ổ đĩa đã đầy" in capsys.readouterr().err


EVIL = "<img src=x onerror=alert(1)>"


def _hostile_case():
    case = load("chi_bo_9")
    members = case.members.copy()
    orgs = case.organisations.copy()
    members.loc[0, "member_id"] = EVIL
    members["chi_bo_id"] = EVIL + "CB"
    orgs["org_id"] = EVIL + "CB"
    orgs["ten"] = EVIL
    return case, members, orgs


def test_the_html_of_results_escapes_ids_and_names_from_the_data():
    from kiemtra_lib import rating, review, timeline

    case, members, orgs = _hostile_case()
    result = rating.rate_organisation(members, orgs, review_date=case.review_date)
    inspections = case.inspections.assign(org_id=EVIL + "CB")
    shown = [result._repr_html_(), result.member(EVIL)._repr_html_() if hasattr(result.member(EVIL), "_repr_html_")
             else "", review.plan_review(members, meeting_date=case.review_date)._repr_html_(),
             timeline.term_coverage(inspections, orgs, case.meta["term_start"], case.meta["term_end"])._repr_html_()]
    for html in shown:
        assert "<img" not in html
    assert any("&lt;img" in html for html in shown)
