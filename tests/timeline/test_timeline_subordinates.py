"""T6 over a đảng bộ (001 §II.2: "mỗi tổ chức, đơn vị trực thuộc"): only the subordinate chi bộ count, only
inspections inside the term, and ``completed_only`` keeps the completed ones. A hand-made term of 4 organisations."""

import pandas as pd

from kiemtra_lib.timeline import subordinate_coverage, subordinates

ORGS = pd.DataFrame({"org_id": ["DB", "C1", "C2", "C3"], "ten": ["Đảng bộ", "Chi bộ 1", "Chi bộ 2", "Chi bộ 3"],
                     "kind": ["dang_bo", "chi_bo", "chi_bo", "chi_bo"]})
INSP = pd.DataFrame([
    {"org_id": "DB", "date": "2021-05-01", "kind": "kiem_tra", "completed": True},   # the đảng bộ itself
    {"org_id": "C1", "date": "2021-06-01", "kind": "kiem_tra", "completed": True},
    {"org_id": "C2", "date": "2025-09-30", "kind": "giam_sat", "completed": False},  # last day of the term
    {"org_id": "C3", "date": "2019-01-01", "kind": "giam_sat", "completed": True},   # before the term
])
TERM = ("01/10/2020", "30/09/2025")


def test_the_dang_bo_is_not_its_own_subordinate():
    assert list(subordinates(ORGS)["org_id"]) == ["C1", "C2", "C3"]
    lone = ORGS[ORGS["org_id"] == "C1"]
    assert list(subordinates(lone)["org_id"]) == ["C1"]  # a chi bộ cơ sở alone is taken as it is


def test_only_subordinates_inside_the_term_count():
    cov = subordinate_coverage(INSP, ORGS, *TERM)
    assert sorted(cov.table["org_id"]) == ["C1", "C2", "C3"]
    assert list(cov.uncovered["org_id"]) == ["C3"]
    assert cov.share == 2 / 3


def test_completed_only_leaves_out_an_inspection_not_completed():
    cov = subordinate_coverage(INSP, ORGS, *TERM, completed_only=True)
    assert list(cov.uncovered["org_id"]) == ["C2", "C3"] and cov.share == 1 / 3
