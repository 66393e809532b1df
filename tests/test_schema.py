"""The shared column contracts: normalisation, defaults, Vietnamese aliases, and every bad value reported at once."""

import datetime as dt

import pandas as pd
import pytest

from kiemtra_lib import InputError
from kiemtra_lib.schema import MEMBERS, ORGANISATIONS

VOTES = dict(votes_xuat_sac=0, votes_tot=6, votes_hoan_thanh=1, votes_khong_hoan_thanh=0)


def member(**kw):
    return {"member_id": "DV01", "chi_bo_id": "CB1", "task_result": "tot", **VOTES, **kw}


def test_missing_optional_columns_take_their_documented_defaults():
    out = MEMBERS.validate([member()])
    row = out.iloc[0]
    assert row["official"] is True or row["official"] == True  # noqa: E712 (numpy bool)
    assert bool(row["reviewed"]) and not bool(row["maternity_leave"]) and not bool(row["emulation_award"])
    assert row["absences"] == 0 and row["sick_leave_months"] == 0.0
    assert row["faults"] == "" and row["role"] is None and row["civil_servant_rating"] is None
    assert pd.isna(row["discipline_date"])


def test_vietnamese_headers_and_labels_are_accepted_as_aliases():
    raw = pd.DataFrame([{"Mã đảng viên": "DV01", "Mã chi bộ": "CB1", "Kết quả thực hiện nhiệm vụ": "Hoàn thành",
                         "Phiếu Hoàn thành xuất sắc": 0, "Phiếu Hoàn thành tốt": 2, "Phiếu Hoàn thành": 5,
                         "Phiếu Không hoàn thành": 0, "Đảng viên chính thức": "không",
                         "Ngày quyết định kỷ luật": "05/03/2025", "Vi phạm": "Gây mất đoàn kết nội bộ"}])
    row = MEMBERS.validate(raw).iloc[0]
    assert row["task_result"] == "hoan_thanh" and not bool(row["official"])
    assert row["discipline_date"].date() == dt.date(2025, 3, 5)
    assert row["faults"] == "gay_mat_doan_ket"


def test_decomposed_unicode_from_excel_is_read_as_the_same_label():
    import unicodedata
    label = unicodedata.normalize("NFD", "Hoàn thành tốt chức trách, nhiệm vụ")
    assert MEMBERS.validate([member(civil_servant_rating=label)]).iloc[0]["civil_servant_rating"] == "tot"


def test_faults_are_a_canonical_sorted_set_whether_list_or_string():
    a = MEMBERS.validate([member(faults=["vi_pham_dieu_cam", "gay_mat_doan_ket", "vi_pham_dieu_cam"])])
    b = MEMBERS.validate([member(faults="gay_mat_doan_ket; vi_pham_dieu_cam")])
    assert a.iloc[0]["faults"] == b.iloc[0]["faults"] == "gay_mat_doan_ket;vi_pham_dieu_cam"


def test_every_bad_value_is_reported_at_once_with_row_column_and_value():
    rows = [member(member_id="DV01", votes_tot=-1), member(member_id="DV02", task_result="gioi"),
            member(member_id="DV01", absences=1.5)]
    with pytest.raises(InputError) as err:
        MEMBERS.validate(rows, row_base=2)
    found = {(p.row, p.field, p.value) for p in err.value.problems}
    assert found == {("2 (DV01)", "votes_tot", -1), ("3 (DV02)", "task_result", "gioi"),
                     ("4 (DV01)", "absences", 1.5), ("4", "member_id", "DV01")}
    text = str(err.value)
    assert text.startswith("Có 4 giá trị không hợp lệ") and "dòng 3 (DV02), cột «task_result»: «gioi»" in text


def test_a_missing_required_column_is_named():
    with pytest.raises(InputError, match="votes_tot.*Phiếu Hoàn thành tốt"):
        MEMBERS.validate(pd.DataFrame([member()]).drop(columns=["votes_tot"]))


@pytest.mark.parametrize("points, ok", [(0, True), (100, True), (100.5, False), (-1, False), ("chín mươi", False)])
def test_points_must_lie_between_0_and_100(points, ok):
    rows = [{"org_id": "CB1", "kind": "chi_bo", "points": points, "committee_result": "tot"}]
    if ok:
        assert ORGANISATIONS.validate(rows).iloc[0]["points"] == float(points)
    else:
        with pytest.raises(InputError, match="points"):
            ORGANISATIONS.validate(rows)


@pytest.mark.parametrize("ranks, expected", [("1;2", "1;2"), ([4, 1], "4;1"), ("", ""), (None, "")])
def test_mass_organisation_ranks_are_read_as_a_list(ranks, expected):
    rows = [{"org_id": "CB1", "kind": "chi_bo", "points": 80, "committee_result": "tot", "mass_org_ranks": ranks}]
    assert ORGANISATIONS.validate(rows).iloc[0]["mass_org_ranks"] == expected


def test_a_rank_outside_1_to_4_is_refused():
    rows = [{"org_id": "CB1", "kind": "chi_bo", "points": 80, "committee_result": "tot", "mass_org_ranks": "1;5"}]
    with pytest.raises(InputError, match="mass_org_ranks"):
        ORGANISATIONS.validate(rows)


def test_the_data_dictionary_documents_every_column_in_vietnamese():
    for table in (MEMBERS, ORGANISATIONS):
        d = table.dictionary()
        assert list(d["Cột"]) == [c.name for c in table.columns]
        assert list(d["Tên tiếng Việt"]) == [c.label for c in table.columns]
        assert list(d["Ý nghĩa"]) == [c.description for c in table.columns]
        assert d["Ý nghĩa"].str.len().min() > 5 and d["Tên tiếng Việt"].str.len().min() > 2


def test_an_empty_nullable_enum_is_none_not_nan():
    out = MEMBERS.validate([member(civil_servant_rating=""), member(member_id="DV02", role=float("nan"))])
    assert out["civil_servant_rating"].tolist() == [None, None] and out["role"].tolist() == [None, None]


def test_a_blank_key_is_reported_without_a_stray_nan_label():
    with pytest.raises(InputError) as err:
        MEMBERS.validate([member(), member(member_id=None, task_result="gioi")], row_base=2)
    rows = {p.row for p in err.value.problems}
    assert rows == {"3"} and "nan" not in str(err.value)


def test_distinct_values_are_checked_once_but_every_bad_row_is_still_named():
    # 3 identical bad rows among many good ones: each is reported with its own row number.
    rows = [member(member_id=f"DV{i:02d}", task_result="gioi" if i in (3, 7, 11) else "tot") for i in range(20)]
    with pytest.raises(InputError) as err:
        MEMBERS.validate(rows, row_base=2)
    assert [p.row for p in err.value.problems] == ["5 (DV03)", "9 (DV07)", "13 (DV11)"]


def test_a_row_that_leaves_out_a_yes_no_value_takes_the_documented_default():
    # reviewed defaults to "có" (K5): a blank cell must not silently make the member "not reviewed".
    out = MEMBERS.validate([member(reviewed=False, official=True), member(member_id="DV02"),
                            member(member_id="DV03", reviewed="")])
    assert out["reviewed"].tolist() == [False, True, True]
    assert out["official"].tolist() == [True, True, True]
