"""assess(): forms (DF1), the form the severity points to (DF10), the direction of the circumstances (DF8, DF9),
DF7 situations, the limitation period (DF2–DF6) and D1–D4, each case worked out by hand from RULES.md.

Calendar facts used: 10/03/2029 is a Saturday (→ Monday 12/03/2029); 10/03/2024 a Sunday (→ Monday 11/03/2024);
10/03/2026 a Tuesday; 10/03/2031 a Monday.
"""

import datetime as dt

import pytest

from kiemtra_lib import InputError
from kiemtra_lib.discipline import DisciplineAssessment, DisciplineCase, assess, circumstances

D = dt.date
BASE = {"subject": "dang_vien", "violation_date": D(2024, 3, 10), "decision_date": D(2025, 12, 1),
        "severity": "it_nghiem_trong"}


def case(**changes):
    return {**BASE, **changes}


def slugs(forms):
    return [f.slug for f in forms]


# -- DF10: the form the severity points to ----------------------------------------------------------------------
@pytest.mark.parametrize("name, changes, expected_forms, confirmed", [
    ("ít nghiêm trọng → khiển trách", {}, ["khien_trach"], True),
    ("nghiêm trọng, không chức vụ → cảnh cáo", {"severity": "nghiem_trong"}, ["canh_cao"], True),
    ("nghiêm trọng, có chức vụ → cảnh cáo hoặc cách chức",
     {"severity": "nghiem_trong", "holds_post": True}, ["canh_cao", "cach_chuc"], True),
    ("đã bị khiển trách mà tái phạm, ít nghiêm trọng → cảnh cáo (bậc 2)",
     {"prior_form": "khien_trach"}, ["canh_cao"], True),
    ("rất nghiêm trọng, đảng viên → khai trừ (bậc 3: cần xác nhận)",
     {"severity": "rat_nghiem_trong"}, ["khai_tru"], False),
    ("đặc biệt nghiêm trọng → khai trừ (diễn giải, cần xác nhận)",
     {"severity": "dac_biet_nghiem_trong"}, ["khai_tru"], False),
    ("rất nghiêm trọng, tổ chức → cảnh cáo, nặng nhất dưới giải tán (cần xác nhận, RULES.md DF10)",
     {"subject": "to_chuc", "severity": "rat_nghiem_trong"}, ["canh_cao"], False),
    ("đặc biệt nghiêm trọng, tổ chức → giải tán (QĐ 69 Điều 8 khoản 3, đã xác nhận)",
     {"subject": "to_chuc", "severity": "dac_biet_nghiem_trong"}, ["giai_tan"], True),
    ("tổ chức, nghiêm trọng → cảnh cáo", {"subject": "to_chuc", "severity": "nghiem_trong"}, ["canh_cao"], True),
    ("đảng viên dự bị, rất nghiêm trọng → cảnh cáo, nặng nhất có được",
     {"official": False, "severity": "rat_nghiem_trong"}, ["canh_cao"], False),
])
def test_the_severity_points_to_a_form(name, changes, expected_forms, confirmed):
    a = assess(case(**changes))
    assert slugs(a.severity_forms) == expected_forms, name
    assert a.form.slug == expected_forms[0]
    assert ("can_xac_nhan" not in a.flags) == confirmed, name
    assert "DF10" in a.rule_ids and "DF1" in a.rule_ids


def test_a_member_with_a_post_leaves_the_choice_between_canh_cao_and_cach_chuc_to_the_body():
    a = assess(case(severity="nghiem_trong", holds_post=True))
    assert "chon_canh_cao_hay_cach_chuc" in a.flags
    assert "chon_canh_cao_hay_cach_chuc" not in assess(case(severity="nghiem_trong")).flags


def test_a_probationary_member_cannot_be_expelled_so_striking_off_is_flagged():
    a = assess(case(official=False, severity="rat_nghiem_trong"))
    assert slugs(a.forms) == ["khien_trach", "canh_cao"]
    assert "xem_xet_xoa_ten_dang_vien_du_bi" in a.flags


def test_a_repeat_after_a_heavier_form_is_left_to_the_body():
    # DF10's pattern only names a repeat after khiển trách; after cảnh cáo the body weighs it
    a = assess(case(prior_form="canh_cao"))
    assert a.form.slug == "khien_trach" and "tai_pham" in a.flags


# -- DF8, DF9: the direction, never a number of steps -----------------------------------------------------------
@pytest.mark.parametrize("name, changes, direction, neighbours, tbc", [
    ("đảng viên tự giác báo cáo (DF8 a): được xem xét giảm nhẹ; không có hình thức nhẹ hơn khiển trách",
     {"circumstances": ("tu_giac_bao_cao",)}, "giam_nhe", [], False),
    ("đảng viên cung cấp thông tin (DF8 b), nghiêm trọng: giảm nhẹ về phía khiển trách",
     {"severity": "nghiem_trong", "circumstances": ("cung_cap_thong_tin",)}, "giam_nhe", ["khien_trach"], False),
    ("đảng viên chủ động khắc phục (DF8, điểm cần xác nhận): giảm nhẹ",
     {"severity": "nghiem_trong", "circumstances": ("chu_dong_khac_phuc",)}, "giam_nhe", ["khien_trach"], True),
    ("đảng viên vi phạm khi thí điểm (DF8, cần xác nhận): giảm nhẹ",
     {"severity": "nghiem_trong", "circumstances": ("vi_pham_khi_thi_diem",)}, "giam_nhe", ["khien_trach"], True),
    ("đảng viên không thừa nhận (DF9, danh sách cần xác nhận): phải xem xét tăng nặng về phía cảnh cáo",
     {"circumstances": ("khong_thua_nhan",)}, "tang_nang", ["canh_cao"], True),
    ("đảng viên không bồi thường (DF9, cần xác nhận)", {"circumstances": ("khong_boi_thuong",)},
     "tang_nang", ["canh_cao"], True),
    ("đảng viên không nộp lại (DF9, cần xác nhận)", {"circumstances": ("khong_nop_lai",)},
     "tang_nang", ["canh_cao"], True),
    ("đảng viên có chức vụ, nghiêm trọng, tăng nặng: liền kề trên cách chức là khai trừ",
     {"severity": "nghiem_trong", "holds_post": True, "circumstances": ("khong_thua_nhan",)},
     "tang_nang", ["khai_tru"], True),
    ("đảng viên, rất nghiêm trọng, tăng nặng: không có hình thức nặng hơn khai trừ",
     {"severity": "rat_nghiem_trong", "circumstances": ("khong_thua_nhan",)}, "tang_nang", [], True),
    ("cả giảm nhẹ và tăng nặng: hai phía",
     {"severity": "nghiem_trong", "circumstances": ("tu_giac_bao_cao", "khong_thua_nhan")},
     "ca_hai", ["khien_trach", "khai_tru"], True),
])
def test_member_circumstances_push_in_a_direction(name, changes, direction, neighbours, tbc):
    a = assess(case(**changes))
    assert a.direction == direction, name
    assert slugs(a.direction_forms) == neighbours, name
    assert "can_nhac_muc_tang_giam" in a.flags
    assert ("can_xac_nhan" in a.flags) == tbc, name


@pytest.mark.parametrize("slug, letter, direction", [
    ("tu_giac_bao_cao", "a", "giam_nhe"), ("cung_cap_thong_tin", "b", "giam_nhe"),
    ("chu_dong_khac_phuc", "c", "giam_nhe"), ("giup_xu_ly_nguoi_khac", "d", "giam_nhe"),
    ("khong_sua_chua", "a", "tang_nang"), ("tru_dap_che_giau", "b", "tang_nang"),
    ("bao_cao_sai_tieu_huy", "c", "tang_nang"), ("loi_dung_khan_cap", "d", "tang_nang"),
    ("vi_pham_nhieu_lan", "đ", "tang_nang"),
])
def test_each_organisation_circumstance_is_confirmed_with_its_letter(slug, letter, direction):
    # organisation, khiển trách level: mitigating has nothing lighter; aggravating points to cảnh cáo
    a = assess(case(subject="to_chuc", circumstances=(slug,)))
    assert a.direction == direction
    assert slugs(a.direction_forms) == ([] if direction == "giam_nhe" else ["canh_cao"])
    reason = next(r for r in a.reasons if r.fact == slug)
    assert reason.rule_id == ("DF8" if direction == "giam_nhe" else "DF9")
    assert f"(điểm {letter})" in reason.source and reason.status == "confirmed"
    effect = "được xem xét, giảm nhẹ" if direction == "giam_nhe" else "phải xem xét, tăng nặng"
    assert effect in reason.text
    assert "can_xac_nhan" not in a.flags


def test_the_circumstance_lists_differ_by_subject():
    assert circumstances("to_chuc")["vi_pham_nhieu_lan"]["kind"] == "tang_nang"
    assert "vi_pham_nhieu_lan" not in circumstances("dang_vien")
    with pytest.raises(InputError, match="tình tiết.*khong_thua_nhan"):
        assess(case(subject="to_chuc", circumstances=("khong_thua_nhan",)))


# -- DF7: not yet considered, not considered, waived, exempt ----------------------------------------------------
@pytest.mark.parametrize("situation, severity, outcome, flag, tbc", [
    ("thai_san", "nghiem_trong", "chua_xem_xet", "chua_xem_xet_ky_luat", False),
    ("om_nang_noi_tru", "nghiem_trong", "chua_xem_xet", "chua_xem_xet_ky_luat", False),
    ("mat_tich", "nghiem_trong", "chua_xem_xet", "chua_xem_xet_ky_luat", False),
    # died: concluded, no decision — unless the violation is đặc biệt nghiêm trọng
    ("da_tu_tran", "rat_nghiem_trong", "khong_quyet_dinh_ky_luat", "khong_quyet_dinh_ky_luat", True),
    ("da_tu_tran", "dac_biet_nghiem_trong", "xem_xet_ky_luat", None, True),
    # authorised innovation: may be waived or reduced — the body decides, the direction is towards lighter
    ("doi_moi_sang_tao", "nghiem_trong", "xem_xet_ky_luat", "co_the_mien_hoac_giam", True),
    # carried out a wrong order after objecting in writing: exempt
    ("thi_hanh_chi_dao_sai_da_bao_cao", "nghiem_trong", "mien_ky_luat", "mien_ky_luat", True),
])
def test_df7_situations(situation, severity, outcome, flag, tbc):
    a = assess(case(severity=severity, situations=(situation,)))
    assert a.outcome == outcome
    if flag:
        assert flag in a.flags
    assert ("can_xac_nhan" in a.flags) == tbc
    assert any(r.rule_id == "DF7" and r.fact == situation for r in a.reasons)


def test_innovation_points_towards_a_lighter_form():
    a = assess(case(severity="nghiem_trong", situations=("doi_moi_sang_tao",)))
    assert a.direction == "giam_nhe" and slugs(a.direction_forms) == ["khien_trach"]


def test_df7_situations_are_for_members_only():
    with pytest.raises(InputError, match="chỉ áp dụng với đảng viên"):
        assess(case(subject="to_chuc", situations=("thai_san",)))


# -- DF2–DF6: time-barred or not ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name, changes, end, barred, outcome", [
    ("khiển trách, 5 năm từ 10/03/2024 → thứ Bảy 10/03/2029 → thứ Hai 12/03/2029",
     {}, D(2029, 3, 12), False, "xem_xet_ky_luat"),
    ("vi phạm 10/03/2019, khiển trách: hết ngày 11/03/2024 (10/03 là Chủ nhật); xem xét 01/12/2025 → hết thời hiệu",
     {"violation_date": D(2019, 3, 10)}, D(2024, 3, 11), True, "het_thoi_hieu"),
    ("xem xét đúng ngày cuối 10/03/2026: còn thời hiệu",
     {"violation_date": D(2021, 3, 10), "decision_date": D(2026, 3, 10)}, D(2026, 3, 10), False, "xem_xet_ky_luat"),
    ("xem xét ngày hôm sau 11/03/2026: hết thời hiệu",
     {"violation_date": D(2021, 3, 10), "decision_date": D(2026, 3, 11)}, D(2026, 3, 10), True, "het_thoi_hieu"),
    ("cảnh cáo, 10 năm: vi phạm 10/03/2019 còn thời hiệu đến 12/03/2029",
     {"violation_date": D(2019, 3, 10), "severity": "nghiem_trong"}, D(2029, 3, 12), False, "xem_xet_ky_luat"),
    ("khai trừ: không áp dụng thời hiệu, vi phạm năm 2000 vẫn xem xét",
     {"violation_date": D(2000, 1, 1), "severity": "rat_nghiem_trong"}, None, False, "xem_xet_ky_luat"),
    ("chính trị nội bộ: không áp dụng thời hiệu ở mọi mức",
     {"violation_date": D(2000, 1, 1), "exempt_kind": "chinh_tri_noi_bo"}, None, False, "xem_xet_ky_luat"),
    ("vi phạm mới 01/02/2024 trong thời hiệu: tính lại → 01/02/2029",
     {"violation_date": D(2021, 3, 10), "decision_date": D(2026, 6, 1), "later_violation_dates": (D(2024, 2, 1),)},
     D(2029, 2, 1), False, "xem_xet_ky_luat"),
    ("khoảng không tính tháng 1/2022 (31 ngày): 10/03/2026 → 10/04/2026; xem xét 01/04/2026 còn thời hiệu",
     {"violation_date": D(2021, 3, 10), "decision_date": D(2026, 4, 1),
      "not_counted_periods": ((D(2022, 1, 1), D(2022, 1, 31)),)}, D(2026, 4, 10), False, "xem_xet_ky_luat"),
])
def test_time_barred_or_not(name, changes, end, barred, outcome):
    a = assess(case(**changes))
    assert a.limitation_end == end, name
    assert a.time_barred is barred, name
    assert a.outcome == outcome, name
    assert ("het_thoi_hieu" in a.flags) == barred


def test_the_body_votes_first_then_compares_so_every_forms_end_is_given():
    # violation 10/03/2019: khiển trách ended 11/03/2024, cảnh cáo runs to 12/03/2029, khai trừ has no period
    a = assess(case(violation_date=D(2019, 3, 10)))
    assert dict(a.limitation_by_form) == {"khien_trach": D(2024, 3, 11), "canh_cao": D(2029, 3, 12),
                                          "khai_tru": None}
    assert "DF6" in a.rule_ids and "doi_chieu_thoi_hieu_sau_bieu_quyet" in a.flags


def test_the_diploma_exemption_is_confirmed_by_qd69_article_4_2_b():
    # RULES.md DF3 (corrected row): QĐ 69 Điều 4 khoản 2 điểm b keeps unlawful diplomas out of the limitation.
    a = assess(case(violation_date=D(2000, 1, 1), exempt_kind="van_bang_chung_chi_bat_hop_phap"))
    assert a.limitation_end is None and not a.time_barred
    assert "can_xac_nhan" not in a.flags
    df3 = [r for r in a.reasons if r.rule_id == "DF3"]
    assert df3 and all(r.status == "confirmed" for r in df3)
    assert any("Điều 4 khoản 2 điểm b" in r.source for r in df3)


def test_an_organisation_at_rat_nghiem_trong_gets_canh_cao_flagged_and_says_why():
    a = assess(case(subject="to_chuc", severity="rat_nghiem_trong"))
    assert a.form.slug == "canh_cao" and "can_xac_nhan" in a.flags
    texts = [r.text for r in a.reasons if r.rule_id == "DF10"]
    assert any("giải tán là ở mức «đặc biệt nghiêm trọng»" in t for t in texts)
    assert all(r.status == "to_be_confirmed" for r in a.reasons if r.rule_id == "DF10" and "bậc" in r.text)


# -- D1–D4 -------------------------------------------------------------------------------------------------------
def test_every_assessment_says_people_decide_and_why():
    a = assess(case())
    assert a.flags[0] == "co_quan_co_tham_quyen_quyet_dinh"
    assert {"D1", "DF1", "DF10", "DF2", "DF6", "DF13"} <= set(a.rule_ids)


def test_an_organisation_case_asks_for_each_members_responsibility():
    a = assess(case(subject="to_chuc"))
    assert "D2" in a.rule_ids and "xem_xet_trach_nhiem_tung_dang_vien" in a.flags


def test_a_prosecuted_member_is_examined_without_waiting_for_the_court():
    a = assess(case(criminal_proceedings=True))
    assert "D4" in a.rule_ids and "khong_cho_ban_an" in a.flags
    assert "D4" not in assess(case()).rule_ids


def test_d3_considerations_become_reasons_for_the_body():
    a = assess(case(considerations=("co_he_thong", "doi_moi_sang_tao")))
    d3 = [r for r in a.reasons if r.rule_id == "D3"]
    assert [r.fact for r in d3] == ["co_he_thong", "doi_moi_sang_tao"]
    assert "bảo vệ, khuyến khích" in d3[1].text and "can_phan_biet_d3" in a.flags


# -- input ------------------------------------------------------------------------------------------------------
def test_a_dict_and_a_dataclass_give_the_same_assessment():
    assert assess(case(severity="nghiem_trong")) == assess(DisciplineCase(**case(severity="nghiem_trong")))


@pytest.mark.parametrize("changes, words", [
    ({"violation_date": D(2026, 1, 1)}, "Sau ngày xem xét, quyết định 01/12/2025"),
    ({"severity": "vua_phai"}, "mức độ hậu quả"),
    ({"subject": "chi_bo"}, "đối tượng kỷ luật"),
    ({"circumstances": ("an_nan",)}, "tình tiết"),
    ({"situations": ("nghi_phep",)}, "trường hợp chưa/không xem xét"),
    ({"considerations": ("khac",)}, "điều cần phân biệt"),
    ({"exempt_kind": "tham_nhung"}, "loại vi phạm không áp dụng thời hiệu"),
    ({"prior_form": "giai_tan"}, "hình thức đã bị kỷ luật trước"),
    ({"later_violation_dates": (D(2026, 1, 1),)}, "ngày vi phạm mới"),
    ({"violation_date": "30/02/2024"}, "ngày vi phạm"),
    ({"holds_post": "có"}, "có chức vụ"),
    ({"hinh_thuc": "x"}, "trường của vụ việc"),
    ({"criminal_proceedings": True, "subject": "to_chuc"}, "D4"),
])
def test_bad_input_is_an_input_error_in_vietnamese(changes, words):
    with pytest.raises(InputError) as err:
        assess(case(**changes))
    assert words in str(err.value)


def test_a_missing_field_is_named():
    with pytest.raises(InputError, match="severity"):
        assess({k: v for k, v in BASE.items() if k != "severity"})


# -- display ----------------------------------------------------------------------------------------------------
def test_the_text_is_vietnamese_with_dates_dd_mm_yyyy_and_marks_what_is_to_be_confirmed():
    a = assess(case(severity="rat_nghiem_trong", circumstances=("khong_thua_nhan",)))
    text = str(a)
    assert "Ngày vi phạm: 10/03/2024" in text and "Khai trừ" in text
    tbc_lines = [line for line in text.splitlines() if "[DF9" in line or "[DF10" in line and "bậc 3" in line]
    assert tbc_lines and all("cần xác nhận" in line for line in tbc_lines)
    html = a._repr_html_()
    # DF10 twice and DF9 are to be confirmed: each of the three reasons carries the renderer's mark, once
    assert len(a.to_be_confirmed) == 3 and html.count('class="kiemtra-can-xac-nhan"') == 3


@pytest.mark.parametrize("changes, marks", [
    ({}, 0),                                                            # all confirmed: no badge
    ({"severity": "rat_nghiem_trong"}, 2),                              # DF10 step 3, twice (step and form)
    ({"circumstances": ("khong_thua_nhan", "khong_nop_lai")}, 2),      # two member DF9 circumstances
])
def test_one_badge_per_to_be_confirmed_reason_in_html(changes, marks):
    a = assess(case(**changes))
    assert len(a.to_be_confirmed) == marks
    assert a._repr_html_().count("#fff3cd") == marks


def test_the_assessment_is_frozen():
    a = assess(case())
    assert isinstance(a, DisciplineAssessment)
    with pytest.raises(AttributeError):
        a.outcome = "mien_ky_luat"


# -- a table of cases -------------------------------------------------------------------------------------------
def test_a_table_of_cases_gives_one_row_each_like_assess():
    import pandas as pd

    from kiemtra_lib.discipline import assess_table

    cases = pd.DataFrame([
        # organisation, khiển trách: 15/06/2025 is a Sunday → 16/06/2025; decided 01/07/2025 → time-barred
        {"subject": "to_chuc", "violation_date": "15/06/2020", "decision_date": "01/07/2025",
         "severity": "it_nghiem_trong", "circumstances": None, "holds_post": False},
        # member with a post, nghiêm trọng, one mitigating circumstance given as text in a cell
        {"subject": "dang_vien", "violation_date": "10/03/2021", "decision_date": "01/07/2025",
         "severity": "nghiem_trong", "circumstances": "tu_giac_bao_cao", "holds_post": True},
    ], index=["vu_1", "vu_2"])
    t = assess_table(cases)
    assert t.loc["vu_1", "limitation_end"] == "16/06/2025" and bool(t.loc["vu_1", "time_barred"])
    assert t.loc["vu_2", "severity_forms"] == "canh_cao;cach_chuc" and t.loc["vu_2", "direction"] == "giam_nhe"
    assert t.loc["vu_2", "limitation_end"] == "10/03/2031"


def test_a_table_reports_every_bad_row_with_its_label():
    from kiemtra_lib.discipline import assess_table

    with pytest.raises(InputError) as err:
        assess_table([case(severity="vua_phai"), case(), case(violation_date=D(2026, 1, 1))])
    assert [p.row for p in err.value.problems] == [0, 2]


def test_a_table_keeps_other_columns_out_and_uses_the_default_decision_date_for_open_cases():
    from kiemtra_lib.discipline import assess_table

    rows = [
        # decided on 20/03/2025: 5 years from 25/08/2024 → 25/08/2029 (Saturday) → Monday 27/08/2029
        {"case_id": "KL01", "summary": "…", "form": "khien_trach", "subject": "dang_vien",
         "violation_date": "2024-08-25", "decision_date": "2025-03-20", "severity": "it_nghiem_trong"},
        # still open: assessed on the default date; 21/12/2024 + 5 years = Friday 21/12/2029
        {"case_id": "KL02", "summary": "…", "form": None, "subject": "dang_vien",
         "violation_date": "2024-12-21", "decision_date": None, "severity": "it_nghiem_trong"},
    ]
    t = assess_table(rows, decision_date="01/12/2025")
    assert t["limitation_end"].tolist() == ["27/08/2029", "21/12/2029"]
    assert t["time_barred"].tolist() == [False, False]
    with pytest.raises(InputError, match="decision_date"):
        assess_table(rows)


def test_a_table_read_from_csv_as_text_reads_yes_and_no():
    from kiemtra_lib.discipline import assess_table

    row = {"subject": "dang_vien", "violation_date": "2021-03-10", "decision_date": "2025-07-01",
           "severity": "nghiem_trong", "official": "True", "holds_post": "có"}
    assert assess_table([row]).loc[0, "severity_forms"] == "canh_cao;cach_chuc"
    with pytest.raises(InputError, match="có chức vụ"):
        assess_table([{**row, "holds_post": "hơi hơi"}])
