"""Notebook 05's panels. Expected values worked out by hand from RULES.md DF1, DF2 (5 years at khiển trách, 10 at
cảnh cáo), DF10 (ít nghiêm trọng -> khiển trách, nghiêm trọng -> cảnh cáo), T5 and "Counting days"."""

import datetime as dt

from kiemtra_lib.widgets import discipline as panels


def test_forms_table_lists_the_forms_lightest_first():
    table = panels.forms_table().set_index("Đối tượng")
    assert table.loc["Tổ chức đảng"].item() == "Khiển trách, Cảnh cáo, Giải tán"
    assert table.loc["Đảng viên dự bị"].item() == "Khiển trách, Cảnh cáo"
    assert "Cách chức" in table.loc["Đảng viên chính thức có chức vụ"].item()
    assert "Cách chức" not in table.loc["Đảng viên chính thức không giữ chức vụ"].item()


def test_unconfirmed_facts_are_all_marked():
    table = panels.unconfirmed_facts()
    assert len(table) > 0
    assert table["Trạng thái"].str.contains("cần xác nhận").all()
    assert "DF10" in set(table["Quy tắc"])  # "rất nghiêm trọng" -> third step is to be confirmed (RULES.md DF10)


def test_assess_panel_recomputes_form_and_limitation():
    panel = panels.AssessPanel(violation_date="10/03/2024", decision_date="01/12/2025", severity="it_nghiem_trong")
    assert "Hình thức theo mức độ hậu quả: Khiển trách" in panel.last_html
    panel.severity.value = "nghiem_trong"
    assert "Hình thức theo mức độ hậu quả: Cảnh cáo" in panel.last_html
    assert "10/03/2034" in panel.last_html  # cảnh cáo: 10 years; 10/03/2034 is a Friday
    panel.severity.value = "rat_nghiem_trong"  # the third step is to be confirmed: it must say so
    assert "Cần xác nhận" in panel.last_html


def test_time_barred_case():
    panel = panels.AssessPanel(violation_date="15/06/2020", decision_date="01/07/2025", severity="it_nghiem_trong")
    # 5 years -> Sunday 15/06/2025 -> Monday 16/06/2025, before 01/07/2025
    assert "16/06/2025" in panel.last_html and "Hết thời hiệu" in panel.last_html
    panel.decision.value = dt.date(2025, 6, 16)  # on the last day it is still within the period
    assert "Kết luận gợi ý: Xem xét kỷ luật" in panel.last_html


def test_subject_change_refills_circumstances():
    panel = panels.AssessPanel()
    member_options = set(v for _, v in panel.circumstances.options)
    panel.subject.value = "to_chuc"
    org_options = set(v for _, v in panel.circumstances.options)
    assert member_options != org_options
    assert "Tổ chức đảng" in panel.last_html or "tổ chức đảng" in panel.last_html
    panel.violation.value = None
    assert "Hãy chọn ngày vi phạm" in panel.last_html


def test_sync_panel_moves_a_notice_off_the_weekend():
    panel = panels.SyncPanel("ky_luat_chinh_quyen_doan_the", "02/03/2026")
    assert "Hạn thông báo cho tổ chức đảng: 09/03/2026" in panel.last_html  # 07/03 is a Saturday
    panel.event.value = "bat_giu_khoi_to"
    assert "Hạn thông báo cho tổ chức đảng: 05/03/2026" in panel.last_html  # 3 days, a Thursday


def test_discipline_quiz_answers_from_the_library():
    case = {"subject": "dang_vien", "violation_date": "10/03/2024", "decision_date": "01/12/2025",
            "severity": "nghiem_trong"}
    quiz = panels.discipline_quiz(case, sync_event="bat_giu_khoi_to", sync_date="10/02/2026")
    # Khiển trách; 10 years of cảnh cáo -> 10/03/2034; notice 13/02, then 30 working days across Tết 2026 ->
    # 03/04/2026 (library doctest); 364 days after the announcement the discipline is still in force -> KHT.
    assert [q.answer for q in quiz.questions] == ["Khiển trách", "10/03/2034", "03/04/2026",
                                                  "Không hoàn thành nhiệm vụ"]


def test_exempt_kind_removes_the_limitation_period():
    panel = panels.AssessPanel(violation_date="15/06/2010", decision_date="01/07/2025", severity="it_nghiem_trong")
    assert panel.exempt.value == "" and "Hết thời hiệu" in panel.last_html  # 15 years after: time-barred
    panel.exempt.value = "chinh_tri_noi_bo"  # DF3: no limitation for internal-politics violations
    assert "Kết luận gợi ý: Xem xét kỷ luật" in panel.last_html
