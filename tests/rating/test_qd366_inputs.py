"""The input tables of qd366-2025: the case codes of the schema are those of the rule data, and the Vietnamese data
dictionary documents every new column with the rules that read it."""

from kiemtra_lib import load_ruleset
from kiemtra_lib.schema import KHT_CASES_MEMBER, KHT_CASES_ORG, MEMBERS_366, ORGANISATIONS_366, TABLES, TABLES_QD366

CASES = load_ruleset("qd366-2025").value("N7", "cases")


def test_the_case_codes_of_the_schema_are_those_of_n7():
    assert set(KHT_CASES_MEMBER) == {k for k, v in CASES.items() if set(v["for"]) - {"tap_the"}}
    assert set(KHT_CASES_ORG) == {k for k, v in CASES.items() if "tap_the" in v["for"]}


def test_the_dictionary_documents_the_new_columns_in_vietnamese_with_their_rules():
    members = MEMBERS_366.dictionary().set_index("Cột")
    assert members.loc["tasks_assigned", "Tên tiếng Việt"] == "Số nhiệm vụ được giao"
    assert members.loc["tasks_assigned", "Bắt buộc"] == "có"
    assert members.loc["exempt", "Quy tắc"] == "N9" and members.loc["sick_leave_months", "Quy tắc"] == "N10"
    assert members.loc["points_common", "Giá trị cho phép"] == "số từ 0 đến 30"
    assert members.loc["role_kind", "Mặc định khi thiếu cột"] == "khong_chuc_vu"
    orgs = ORGANISATIONS_366.dictionary().set_index("Cột")
    assert orgs.loc["leadership_disciplined", "Quy tắc"] == "N3"
    assert "cần xác nhận" in orgs.loc["points", "Ý nghĩa"]
    assert set(TABLES_QD366) == {"members_qd366", "organisations_qd366"} and not set(TABLES_QD366) & set(TABLES)


def test_columns_shared_with_hcm_2014_keep_their_names_and_headers():
    for name in ("member_id", "chi_bo_id", "official", "joined_on", "reviewed", "sick_leave_months",
                 "maternity_leave"):
        assert MEMBERS_366.column(name).label == TABLES["members"].column(name).label
