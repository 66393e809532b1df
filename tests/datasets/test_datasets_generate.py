"""The synthetic đảng bộ: reproducible, valid against the column contracts, structurally sound, realistic in its
distributions, with its edge cases where the design puts them."""

import datetime as dt
import glob
import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kiemtra_lib import InputError
from kiemtra_lib.datasets import generate
from kiemtra_lib.datasets._names import all_possible_names
from kiemtra_lib.datasets.shipped import to_csv_bytes
from kiemtra_lib.periods import add_months
from kiemtra_lib.schema import DISCIPLINE_CASES, INSPECTIONS, MEMBERS, ORGANISATIONS

SEEDS_DIR = Path("/work/shared/seeds")


@pytest.fixture(scope="module")
def dang_bo():
    return generate(11, chi_bo=6, members_per_chi_bo=(14, 26))


@pytest.fixture(scope="module")
def big():
    return generate(5, chi_bo=400, members_per_chi_bo=(15, 35), dang_bo=4)


def test_the_same_seed_gives_byte_identical_tables_and_another_seed_does_not():
    a, b = generate(3, chi_bo=3), generate(3, chi_bo=3)
    for table in ("members", "organisations", "inspections", "discipline_cases"):
        assert to_csv_bytes(getattr(a, table)) == to_csv_bytes(getattr(b, table)), table
    assert to_csv_bytes(generate(4, chi_bo=3).members) != to_csv_bytes(a.members)


def test_generation_does_not_touch_or_depend_on_global_random_state():
    np.random.seed(1)
    a = generate(8, chi_bo=2).members
    np.random.seed(2)
    b = generate(8, chi_bo=2).members
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize("table, name", [(MEMBERS, "members"), (ORGANISATIONS, "organisations"),
                                         (INSPECTIONS, "inspections"), (DISCIPLINE_CASES, "discipline_cases")])
def test_generated_tables_pass_validation_and_are_already_in_normalised_form(big, table, name):
    df = getattr(big, name)  # large enough to hold every kind of value (two faults, open cases, gaps)
    assert_same_table(table.validate(df), df)


def assert_same_table(left, right):
    """Equal values and dtypes; an empty enum may be None or NaN (validate gives NaN, the docs say None)."""
    def missing_as_none(df):
        df = df.copy()
        for c in df.columns:
            if df[c].dtype == object:
                df[c] = df[c].where(df[c].notna(), None)
        return df
    pd.testing.assert_frame_equal(missing_as_none(left), missing_as_none(right))


def test_structure_holds_as_the_rating_requires(big):
    m, o = big.members, big.organisations
    chi_bo = o[o["kind"] == "chi_bo"]
    dang_bo = o[o["kind"] == "dang_bo"]
    assert set(m["chi_bo_id"]) == set(chi_bo["org_id"])  # every member in an existing chi bộ, no empty chi bộ
    assert set(chi_bo["parent_id"]) == set(dang_bo["org_id"])  # every đảng bộ has chi bộ under it
    assert dang_bo["parent_id"].isna().all()  # no đảng bộ under a đảng bộ
    official = m.groupby("chi_bo_id")["official"].sum()
    assert official.min() >= 3
    votes = m[["votes_xuat_sac", "votes_tot", "votes_hoan_thanh", "votes_khong_hoan_thanh"]].sum(axis=1)
    assert (votes <= m["chi_bo_id"].map(official)).all()
    assert m["member_id"].is_unique and o["org_id"].is_unique


def test_distributions_follow_the_profile_design(big):
    m, o = big.members, big.organisations
    share = m["task_result"].value_counts(normalize=True)
    # binh_thuong: 72% tốt, 12% xuất sắc, 13% hoàn thành, 3% không hoàn thành (plus disciplined members moved down)
    assert 0.65 < share["tot"] < 0.78 and share.idxmax() == "tot"
    assert 0.01 < share["khong_hoan_thanh"] < 0.08
    # points ~ N(85, 6): the middle 80% lies between about 77 and 93
    q10, q90 = o["points"].quantile([0.1, 0.9])
    assert 75 <= q10 <= 80 and 90 <= q90 <= 95
    new = m["joined_on"] > pd.Timestamp(add_months(big.review_date, -6))
    assert 0.005 < new.mean() < 0.04


def test_disciplined_members_have_a_decided_case_with_that_date(dang_bo):
    m, cases = dang_bo.members, dang_bo.discipline_cases
    disciplined = m.dropna(subset=["discipline_date"]).set_index("member_id")["discipline_date"]
    decided = cases.dropna(subset=["decision_date"]).set_index("member_id")["decision_date"]
    assert len(disciplined) > 0
    assert disciplined.sort_index().equals(decided.sort_index())
    assert (cases["violation_date"] <= cases["decision_date"].fillna(pd.Timestamp(dang_bo.review_date))).all()


def _edge(case, scenario):
    found = [e for e in case.meta["edge_cases"] if e["scenario"] == scenario]
    assert len(found) == 1, scenario
    return found[0]


def test_the_chi_bo_of_nine_has_its_edge_cases_worked_out_by_hand():
    case = generate(9, chi_bo=1, members_per_chi_bo=9)
    m = case.members.set_index("member_id")
    # 9 members: 1 admitted 5 months ago, 2 probationary so that 6 official members vote (a multiple of 3).
    assert m["official"].sum() == 6
    tie = m.loc[_edge(case, "hoa_phieu_ranh_gioi_chi_tieu")["member_ids"]]
    assert len(tie) == 2 and (tie["votes_xuat_sac"] == 6).all() and (tie["task_result"] == "xuat_sac").all()
    two_thirds = m.loc[_edge(case, "dung_2_3_phieu")["member_ids"][0]]
    assert two_thirds["votes_xuat_sac"] == 4 and two_thirds["votes_tot"] == 2
    new = m.loc[_edge(case, "ket_nap_duoi_6_thang")["member_ids"][0]]
    assert new["joined_on"].date() == dt.date(2025, 6, 20) and not new["official"]
    disciplined = m.loc[_edge(case, "ky_luat_duoi_1_nam")["member_ids"][0]]
    assert disciplined["discipline_date"].date() == dt.date(2025, 3, 20)
    assert disciplined["votes_khong_hoan_thanh"] == 4
    # 7 members reach HTT or above (9 less the new one and the disciplined one): quota floor(15% of 7) = 1, so the
    # two tied members sit exactly on the boundary; no chi bộ-level "outstanding" raises it to 20%.
    reach = m.drop(index=[new.name, disciplined.name])
    assert len(reach) == 7 and not case.organisations["outstanding"].any()


def test_the_dang_bo_places_every_edge_case(dang_bo):
    scenarios = {e["scenario"] for e in dang_bo.meta["edge_cases"]}
    assert scenarios >= {"hoa_phieu_ranh_gioi_chi_tieu", "dung_2_3_phieu", "ket_nap_duoi_6_thang",
                         "ky_luat_duoi_1_nam", "nghi_om_3_thang", "chua_kiem_tra_trong_nhiem_ky",
                         "vi_pham_qua_thoi_hieu"}
    sick = dang_bo.members.set_index("member_id").loc[_edge(dang_bo, "nghi_om_3_thang")["member_ids"][0]]
    assert sick["sick_leave_months"] == 3.0
    gap = _edge(dang_bo, "chua_kiem_tra_trong_nhiem_ky")["org_id"]
    assert gap in set(dang_bo.organisations["org_id"]) and gap not in set(dang_bo.inspections["org_id"])
    barred = dang_bo.discipline_cases.set_index("member_id").loc[_edge(dang_bo, "vi_pham_qua_thoi_hieu")["member_ids"]]
    assert (barred["violation_date"] < pd.Timestamp(dt.date(2020, 11, 20))).all()


def test_inspections_lie_within_the_term(dang_bo):
    start, end = (pd.Timestamp(dang_bo.meta[k]) for k in ("term_start", "term_end"))
    assert dang_bo.inspections["date"].between(start, end).all()
    assert set(dang_bo.inspections["kind"]) == {"kiem_tra", "giam_sat"}


def test_names_are_vietnamese_with_diacritics_and_three_or_more_words(big):
    names = big.members["ho_ten"]
    assert (names.str.split().str.len() >= 3).all()
    assert names.map(lambda s: s == unicodedata.normalize("NFC", s)).all()
    assert names.str.contains("[^\x00-\x7f]").mean() > 0.9
    assert names.nunique() > len(names) / 10


@pytest.mark.skipif(not SEEDS_DIR.exists(), reason="the source documents are not on this machine")
def test_no_name_phrase_of_the_source_documents_can_be_generated():
    phrases = set()
    for path in glob.glob(str(SEEDS_DIR / "*.txt")):
        text = Path(path).read_text(encoding="utf-8")
        phrases |= set(re.findall(r"(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\s){1,3}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+", text))
        phrases |= {p.title() for p in re.findall(r"(?:[A-ZĐÀ-Ỹ]{2,}\s){1,3}[A-ZĐÀ-Ỹ]{2,}", text)}
    assert len(phrases) > 100  # the extraction works
    everything = "\n".join(sorted(all_possible_names()))
    assert [p for p in phrases if p in everything] == []


@pytest.mark.parametrize("kwargs, field", [
    ({"seed": -1}, "seed"), ({"seed": "a"}, "seed"), ({"chi_bo": 0}, "chi_bo"),
    ({"members_per_chi_bo": (2, 5)}, "members_per_chi_bo"), ({"members_per_chi_bo": (9, 5)}, "members_per_chi_bo"),
    ({"year": 1990}, "year"), ({"profile": "tot"}, "profile"), ({"chi_bo": 2, "dang_bo": 3}, "dang_bo"),
])
def test_bad_parameters_raise_input_error_naming_the_parameter(kwargs, field):
    args = {"seed": 1, **kwargs}
    seed = args.pop("seed")
    with pytest.raises(InputError) as err:
        generate(seed, **args)
    assert err.value.field == field


@pytest.mark.parametrize("profile", ["vung_manh", "yeu_kem"])
def test_profiles_move_the_distributions_the_documented_way(profile, big):
    other = generate(5, chi_bo=400, members_per_chi_bo=(15, 35), dang_bo=4, profile=profile)
    kht = (other.members["task_result"] == "khong_hoan_thanh").mean()
    base_kht = (big.members["task_result"] == "khong_hoan_thanh").mean()
    points, base_points = other.organisations["points"].mean(), big.organisations["points"].mean()
    if profile == "yeu_kem":
        assert kht > base_kht and points < base_points
    else:
        assert kht < base_kht and points > base_points


@pytest.mark.parametrize("chi_bo, size", [(1, 3), (1, 4), (1, 5), (1, 6), (1, 7), (1, 8), (1, 10), (1, 12), (2, 3),
                                          (2, 5), (3, (3, 8)), (5, (3, 40))])
def test_every_size_keeps_the_structure_and_the_scripted_votes_consistent(chi_bo, size):
    case = generate(13, chi_bo=chi_bo, members_per_chi_bo=size)
    m = case.members
    official = m.groupby("chi_bo_id")["official"].sum()
    assert official.min() >= 3
    votes = m[["votes_xuat_sac", "votes_tot", "votes_hoan_thanh", "votes_khong_hoan_thanh"]].sum(axis=1)
    assert (votes <= m["chi_bo_id"].map(official)).all()
    assert_same_table(MEMBERS.validate(m), m)
    by_id = m.set_index("member_id")
    for edge in case.meta["edge_cases"]:
        if edge["scenario"] == "dung_2_3_phieu":
            row = by_id.loc[edge["member_ids"][0]]
            assert 3 * row["votes_xuat_sac"] == 2 * official[row["chi_bo_id"]]
        if edge["scenario"] == "hoa_phieu_ranh_gioi_chi_tieu":
            tied = by_id.loc[edge["member_ids"]]
            assert tied["votes_xuat_sac"].nunique() == 1
            assert 3 * tied["votes_xuat_sac"].iloc[0] > 2 * official[tied["chi_bo_id"].iloc[0]]
