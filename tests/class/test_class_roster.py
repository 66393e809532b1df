"""A roster the server cannot use is refused whole, with a Vietnamese message naming the row, and nothing is made:
no Unix user, no hub database, no handout (scenario table: roster rows → the row and words of the message)."""

from __future__ import annotations

import os
import pwd
from pathlib import Path

import pandas as pd
import pytest

from kiemtra_lib import InputError
from kiemtra_lib.classroom import accounts

ROWS_OK = [("HV911", "Nguyễn Văn Thử"), ("HV912", "Trần Thị Mẫu")]

CASES = [
    # (case, rows, instructor, expected words of the message)
    ("trùng mã", ROWS_OK + [("HV911", "Lê Văn Ví Dụ")], "gvkiemthu", ["dòng 4", "HV911"]),
    ("trùng khi viết thường", ROWS_OK + [("hv912", "Lê Văn Ví Dụ")], "gvkiemthu", ["dòng 4", "hv912", "dòng 3"]),
    ("tài khoản của máy", ROWS_OK + [("root", "Lê Văn Ví Dụ")], "gvkiemthu", ["dòng 4", "root", "tài khoản của máy chủ"]),
    ("bắt đầu bằng số", ROWS_OK + [("007", "Lê Văn Ví Dụ")], "gvkiemthu", ["dòng 4", "007", "bắt đầu bằng chữ cái"]),
    ("có dấu chấm", ROWS_OK + [("hv.913", "Lê Văn Ví Dụ")], "gvkiemthu", ["dòng 4", "hv.913"]),
    ("tên là HTML", ROWS_OK + [("HV913", "<script>alert(1)</script>")], "gvkiemthu", ["dòng 4", "mã HTML"]),
    ("tên là HTML, dòng 2", [("HV913", "Lê <b>Văn</b>")] + ROWS_OK, "gvkiemthu", ["dòng 2", "mã HTML"]),
    ("giảng viên là root", ROWS_OK, "root", ["tài khoản giảng viên", "root"]),
    ("giảng viên trùng học viên", ROWS_OK, "hv911", ["dòng 2", "tài khoản giảng viên"]),
]


def _write(path: Path, rows, columns=("trainee_id", "ho_ten")) -> Path:
    pd.DataFrame(rows, columns=list(columns)).to_excel(path, index=False)
    return path


def _nothing_made(state: Path, names) -> None:
    assert not state.exists() or not any(state.iterdir()), list(state.iterdir())
    for name in names:
        with pytest.raises(KeyError):
            pwd.getpwnam(name)


@pytest.mark.parametrize("case, rows, instructor, words", CASES, ids=[c[0] for c in CASES])
def test_a_bad_roster_is_refused_naming_the_row(tmp_path, case, rows, instructor, words):
    roster = _write(tmp_path / "lop.xlsx", rows)
    with pytest.raises(InputError) as err:
        accounts.check_accounts(roster, instructor=instructor)
    for word in words:
        assert word in str(err.value), (word, str(err.value))


def test_a_missing_column_is_named(tmp_path):
    roster = _write(tmp_path / "lop.xlsx", [("HV911",), ("HV912",)], columns=("trainee_id",))
    with pytest.raises(InputError) as err:
        accounts.check_accounts(roster)
    assert "họ và tên" in str(err.value)


def test_a_good_roster_gives_lower_case_unix_names_and_one_instructor(tmp_path):
    roster = _write(tmp_path / "lop.xlsx", ROWS_OK)
    got = accounts.check_accounts(roster, instructor="gvkiemthu")
    assert [(a.username, a.trainee_id, a.role) for a in got] == [
        ("gvkiemthu", "gvkiemthu", "giang_vien"), ("hv911", "HV911", "hoc_vien"), ("hv912", "HV912", "hoc_vien")]


@pytest.mark.skipif(os.geteuid() != 0, reason="Tạo lớp cần quyền root (tạo tài khoản Unix); CI chạy bằng root.")
@pytest.mark.parametrize("case, rows, instructor, words", CASES[:6], ids=[c[0] for c in CASES[:6]])
def test_creating_a_class_from_a_bad_roster_makes_nothing(tmp_path, case, rows, instructor, words):
    roster = _write(tmp_path / "lop.xlsx", rows)
    state = tmp_path / "state"
    with pytest.raises(InputError):
        accounts.create_class(roster, state, instructor=instructor)
    _nothing_made(state, [instructor, "hv911", "hv912", "hv913"])
