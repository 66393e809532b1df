"""chi_bo_posts (K4): every member's posts from the table (role or posts column), the given holders on top; one
secretary and one deputy per chi bộ."""

import pandas as pd
import pytest

from kiemtra_lib import InputError
from kiemtra_lib.review import assign_posts, chi_bo_posts

MEMBERS = pd.DataFrame({"member_id": ["A", "B", "C", "D"], "role": [None, "bi_thu", None, None],
                        "posts": [None, None, None, "chi_uy_vien;lanh_dao_quan_ly"]})


def test_assign_posts_skips_empty_holders():
    assert assign_posts("A", None, ["B", None], ["C"]) == {"A": ["bi_thu_chi_bo"], "B": ["chi_uy_vien"],
                                                            "C": ["lanh_dao_quan_ly"]}


def test_posts_come_from_the_table_then_the_given_holders():
    assert chi_bo_posts(MEMBERS, deputy="C") == {"A": [], "B": ["bi_thu_chi_bo"], "C": ["pho_bi_thu_chi_bo"],
                                                 "D": ["chi_uy_vien", "lanh_dao_quan_ly"]}


def test_a_given_secretary_replaces_the_tables_one():
    posts = chi_bo_posts(MEMBERS, secretary="A")
    assert posts["A"] == ["bi_thu_chi_bo"] and posts["B"] == []


def test_a_holder_not_in_the_chi_bo_is_an_input_error():
    with pytest.raises(InputError, match="Z"):
        chi_bo_posts(MEMBERS, leaders=["Z"])
