"""Pseudonymisation: none of the input's names or ids survive, pseudonyms are stable per key, tables still join."""

import pandas as pd
import pytest

from kiemtra_lib import InputError
from kiemtra_lib.datasets import load, pseudonymise
from kiemtra_lib.schema import MEMBERS

K1, K2 = "khoá của lớp K1 năm 2026", "khoá của lớp K2 năm 2026"  # keys of at least 16 characters


@pytest.fixture(scope="module")
def case():
    return load("dang_bo_6_chi_bo")


def _all_text(df):
    return "\n".join(map(str, df.to_numpy().ravel()))


def test_the_output_contains_none_of_the_input_names_or_ids(case):
    secret = pseudonymise(case, "khoá lớp K12, năm học 2026")
    originals = set()
    for df, cols in ((case.members, ("member_id", "chi_bo_id", "ho_ten")), (case.organisations, ("org_id", "ten")),
                     (case.inspections, ("inspection_id", "org_id")), (case.discipline_cases, ("case_id",))):
        for c in cols:
            originals |= set(df[c].dropna().astype(str))
    assert len(originals) > 200
    for name in ("members", "organisations", "inspections", "discipline_cases"):
        text = _all_text(getattr(secret, name))
        leaked = [o for o in originals if o in text]
        assert leaked == [], (name, leaked[:5])


def test_the_same_key_gives_the_same_pseudonym_and_another_key_does_not(case):
    a, b = pseudonymise(case.members, K1), pseudonymise(case.members, K1)
    c = pseudonymise(case.members, K2)
    assert a["member_id"].tolist() == b["member_id"].tolist()
    assert not (a["member_id"] == c["member_id"]).any()
    assert a["member_id"].is_unique  # distinct people stay distinct


def test_ids_shared_between_tables_still_join(case):
    secret = pseudonymise(case, K1)
    chi_bo = secret.organisations[secret.organisations["kind"] == "chi_bo"]
    assert set(secret.members["chi_bo_id"]) == set(chi_bo["org_id"])
    assert set(chi_bo["parent_id"]) <= set(secret.organisations["org_id"])
    assert set(secret.discipline_cases["member_id"].dropna()) <= set(secret.members["member_id"])
    # the counts per chi bộ are those of the original
    before = case.members.groupby("chi_bo_id").size().sort_values().tolist()
    assert secret.members.groupby("chi_bo_id").size().sort_values().tolist() == before


def test_free_text_and_unknown_columns_are_dropped_and_listed(case):
    raw = case.inspections.assign(**{"Số điện thoại": "0900000000"})
    out = pseudonymise(raw, K1)
    assert "topic" not in out.columns and "Số điện thoại" not in out.columns
    assert out.attrs["dropped_columns"] == ["topic", "cột 9 (không có trong từ điển dữ liệu)"]
    assert "0900000000" not in _all_text(out)


def test_facts_that_the_rating_reads_are_kept_and_still_valid(case):
    out = pseudonymise(case.members, K1)
    for col in ("votes_tot", "task_result", "joined_on", "official"):
        assert out[col].tolist() == case.members[col].tolist()
    assert len(MEMBERS.validate(out)) == len(case.members)


def test_vietnamese_headers_are_read_and_a_name_maps_the_same_way_whatever_its_unicode_form():
    import unicodedata
    name = "Đỗ Thị Huyền"
    df = pd.DataFrame({"Mã đảng viên": ["A1", "A2"], "Họ và tên": [name, unicodedata.normalize("NFD", name) + " "]})
    out = pseudonymise(df, K1)
    assert list(out.columns) == ["member_id", "ho_ten"]
    assert out["ho_ten"][0] == out["ho_ten"][1] and out["member_id"][0] != out["member_id"][1]
    assert "Huyền" not in _all_text(out)


@pytest.mark.parametrize("key", ["", "   ", None, b"", 12])
def test_an_empty_or_missing_key_is_refused(case, key):
    with pytest.raises(InputError) as err:
        pseudonymise(case.members, key)
    assert err.value.field == "khoá"
