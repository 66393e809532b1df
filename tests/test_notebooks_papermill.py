"""Every course notebook runs under papermill with NON-default parameters, and what those parameters change shows.

papermill only warns on an unknown parameter name, so names are first checked against ``inspect_notebook``; it runs
the kernel in the caller's folder and has no timeout unless told, so ``cwd`` and ``execution_timeout`` are set.
Each case says which text must appear in the outputs with the new parameters, and which text of the default run
must be gone: a notebook that ignored a parameter would fail.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import papermill as pm
import pytest
from jupyter_client.kernelspec import KernelSpecManager

from kiemtra_lib.course.lessons import notebook_paths

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

# name -> (parameters, texts that must appear, texts of the default run that must not appear)
CASES = {
    "00_gioi_thieu": (
        {"rule_id": "D1", "seed": 7, "case": "dang_bo_6_chi_bo"},
        # the worked example is now rule D1 (discipline.yaml) and the data the 6-chi-bộ case
        ["D1 — Căn cứ quyết định hình thức kỷ luật", "Tình huống «đảng bộ 6 chi bộ»"],
        ["K2 — Trình tự kiểm điểm", "Tình huống «chi bộ 9 đảng viên»"],
    ),
    "01_quy_trinh_kiem_tra": (
        {"level": "tinh", "start": "01/06/2026", "extension_days": 5, "today": "10/06/2026", "seed": 9,
         "case": "chi_bo_9"},
        # 45 days for the provincial level from 01/06/2026 -> 16/07/2026; 5 days of extension -> 21/07/2026 (T3)
        ["Cấp tỉnh/thành: thời gian kiểm tra không quá 45 ngày", "hạn mới 21/07/2026", "Ngày xem xét 10/06/2026"],
        ["hạn 22/03/2026", "Ngày xem xét 16/03/2026"],
    ),
    "02_kiem_diem": (
        {"case": "dang_bo_6_chi_bo", "seed": 6, "chi_bo_id": "CB02", "deputy": "", "leaders": [],
         "committee": ["DV022"]},
        # Another chi bộ; no deputy: the chair of the secretary's turn is left open (K2); a committee member makes
        # the chi bộ have a committee, so the secretary is also reviewed before it (K4, 004 §II.1.2).
        ["Hội nghị kiểm điểm Chi bộ Khu phố 2", "(chưa xác định)", "Tập thể cấp ủy chi bộ"],
        ["Hội nghị kiểm điểm Chi bộ Trạm Y tế Hòa Bình"],
    ),
    "03_xep_loai_dang_vien": (
        {"case": "dang_bo_6_chi_bo", "seed": 6, "member_id": "DV003", "what_if_member": "DV005",
         "what_if_votes": {"votes_xuat_sac": 18, "votes_tot": 0}},
        # DV003 ties with DV004 (17/18) at the boundary of the quota of 2 (datasets edge case): HTT, new vote.
        # Giving DV005 all 18 votes: 18, 18 (DV002, DV005) fill the quota of 2 ahead of 17, 17 -> DV005 is HTXS.
        ["Đảng viên DV003: Hoàn thành tốt nhiệm vụ", "Đảng viên DV005: Hoàn thành xuất sắc nhiệm vụ"],
        ["Đảng viên DV02:", "Đảng viên DV04:"],
    ),
    "04_xep_loai_to_chuc": (
        {"org_id": "CB04", "what_if_changes": {"points": 92.0, "committee_result": "xuat_sac"}, "seed": 60},
        # CB04 (84 points, committee "tốt", united, meets, remedy done, mass organisations 1;1, 17/17 members at HT or
        # above): HTT. With 92 points and an excellent committee every R-O1 condition holds: TSVM.
        ["CB04: Hoàn thành tốt nhiệm vụ", "CB04: Trong sạch vững mạnh"],
        ["CB02: Hoàn thành tốt nhiệm vụ"],
    ),
    "05_ky_luat": (
        {"violation_date": "15/06/2020", "decision_date": "01/07/2025", "severity": "it_nghiem_trong",
         "circumstances": [], "sync_event": "ky_luat_chinh_quyen_doan_the", "sync_date": "02/03/2026",
         "effects_review_date": "01/07/2026"},
        # Khiển trách: 5 years (DF2) from 15/06/2020 is Sunday 15/06/2025 -> Monday 16/06/2025; considered on
        # 01/07/2025 it is time-barred. A state discipline on 02/03/2026: notice within 5 days -> Saturday 07/03
        # -> Monday 09/03/2026 (T5). Announced 01/07/2025, rated 01/07/2026: the anniversary, no longer in force.
        ["Ngày vi phạm: 15/06/2020", "16/06/2025", "Hết thời hiệu", "Hạn thông báo cho tổ chức đảng: 09/03/2026",
         "Còn trong thời hạn: không"],
        ["Ngày vi phạm: 10/03/2024", "Sự kiện: 10/02/2026", "Còn trong thời hạn: có"],
    ),
    "07_theo_doi_ket_luan_34": (
        {"case": "dang_bo_lon", "seed": 1, "term_start": "01/10/2021", "term_end": "30/09/2026"},
        # The large case and another term: the term and the case's own uncovered chi bộ show.
        ["Nhiệm kỳ 01/10/2021–30/09/2026", "Chi bộ Khu phố 80"],
        ["Nhiệm kỳ 01/10/2020–30/09/2025"],
    ),
    "06_tinh_huong_tong_hop": (
        {"violation_date": "15/01/2024", "decision_date": "01/11/2024", "announced": "10/11/2024",
         "decided_form": "canh_cao", "corruption": True},
        # Announced 10/11/2024: at the review of 20/11/2025 the 12 months (DF11) ended on 10/11/2025, so the member
        # is no longer serving it (R-M5 does not apply); the violation was corruption, so the chi bộ is Yếu kém (R-O5).
        ["Ngày vi phạm: 15/01/2024", "Còn trong thời hạn: không", "<td>Yếu kém</td>"],
        ["Ngày vi phạm: 15/01/2025", "Còn trong thời hạn: có"],
    ),
    "08_quy_dinh_366": (
        {"seed": 4, "member_id": "DV11", "panel_member": "DV05"},
        # Another generated chi bộ: DV11 is exempted from Party work, so not rated this time (N9); 4 of its 18
        # members change level between the rule sets (default run: DV05 held back by the quota N4, 5 of 18).
        ["Đảng viên DV11: hiện tại «Chưa xếp loại lần này»", "Được miễn công tác và sinh hoạt đảng",
         "4/18 đảng viên đổi mức"],
        ["Đảng viên DV05: hiện tại", "5/18 đảng viên đổi mức"],
    ),
    "09_tham_dinh_xep_loai": (
        {"seed": 12, "working_day": "05/12/2025", "received": "02/12/2025", "member_id": "DV05"},
        # Working day Friday 05/12/2025: due 3 days before, Tuesday 02/12/2025 (T4); received 02/12 is on time, so
        # the late-dossier discrepancy of the default run (working day Tuesday 02/12: Saturday 29/11 rolls back to
        # Friday 28/11; received Monday 01/12) is gone.
        ["Hạn gửi hồ sơ cho đoàn kiểm tra: 02/12/2025", "(đối chiếu 71 đảng viên"],
        ["Hạn gửi hồ sơ cho đoàn kiểm tra: 28/11/2025", "hồ sơ gửi đoàn muộn: 1", "(đối chiếu 68 đảng viên"],
    ),
    "10_thuat_ngu": (
        {"entry": "UBKT", "lesson": "14", "seed": 3},
        # Another entry, and the lesson filter of the panel; the quiz is drawn with another number.
        ["<b>UBKT</b>: Ủy ban kiểm tra"],
        ["<b>TSVM</b>: Trong sạch vững mạnh"],
    ),
    "11_tinh_huong_quy_trinh_331": (
        {"org_id": "CB05", "level": "tinh", "start": "01/06/2026", "extension_days": 5, "seed": 12},
        # Another chi bộ; the provincial level: 45 days from 01/06/2026 -> 16/07/2026, 5 days more -> 21/07/2026 (T3).
        ["Chi bộ Khu phố 5", "hạn mới 21/07/2026"],
        ["hạn 24/05/2026", "Chi bộ Khu phố 3"],
    ),
    "12_tinh_huong_ket_luan_34": (
        {"term_start": "01/10/2021", "term_end": "30/09/2026", "sync_date": "27/04/2026", "seed": 2},
        # Another term; a prosecution on 27/04/2026: 3 days -> 30/04 (a holiday) -> the next working day (T5).
        ["Nhiệm kỳ 01/10/2021–30/09/2026", "27/04/2026"],
        ["Nhiệm kỳ 01/10/2020–30/09/2025"],
    ),
    "13_tinh_huong_kiem_diem": (
        {"year": 2024, "meeting_date": "15/10/2024", "seed": 5},
        # 15/10/2024 is inside the grassroots' months 9-11 of 2024 (T7); the table shows 2024's windows.
        ["Ngày 15/10/2024: trong thời hạn", "01/07/2024"],
        ["Ngày 15/08/2025: sớm", "01/07/2025"],
    ),
    "14_tinh_huong_ke_hoach_2014": (
        {"planned_date": "25/11/2014", "meetings": {"CB01": "01/12/2014"}, "seed": 4},
        # 25/11 is inside 20-28/11/2014 (T8); a chi bộ meeting on 01/12 is 3 days late.
        ["Ngày 25/11/2014: trong thời hạn", "muộn 3 ngày"],
        ["Ngày 18/11/2014: sớm 2 ngày"],
    ),
    "15_tinh_huong_tron_nam": (
        {"start": "06/04/2026", "announced": "23/04/2026", "meeting": "31/08/2026", "form": "canh_cao", "seed": 2027},
        # An inspection from 06/04/2026: 20 days -> 26/04/2026 (T3); 30 working days after 23/04/2026 step over
        # 27/04 (Giỗ Tổ in lieu), 30/04, 01/05 -> 09/06/2026 (T5); a meeting on 31/08 is before September (T7).
        ["hạn 26/04/2026", "09/06/2026", "Ngày 31/08/2026: sớm 1 ngày"],
        ["hạn 29/03/2026", "01/07/2026"],
    ),
}


def _kernel() -> str:
    return "kiemtra" if "kiemtra" in KernelSpecManager().find_kernel_specs() else "python3"


def _text(nb: nbformat.NotebookNode) -> str:
    """Everything a reader sees in the outputs (plain text, HTML, printed text), as one string."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if "text" in out:
                parts.append(out["text"])
            for mime in ("text/plain", "text/html"):
                if mime in out.get("data", {}):
                    parts.append(out["data"][mime] if isinstance(out["data"][mime], str)
                                 else "".join(out["data"][mime]))
    return "\n".join(parts)


def test_every_notebook_has_a_papermill_case():
    names = sorted(p.stem for p in notebook_paths(NOTEBOOKS))
    assert names, "no course notebook found"
    assert sorted(CASES) == names


@pytest.mark.parametrize("name", sorted(CASES))
def test_notebook_runs_with_non_default_parameters(name, tmp_path):
    path = NOTEBOOKS / f"{name}.ipynb"
    params, present, absent = CASES[name]
    declared = pm.inspect_notebook(str(path))
    assert {"seed", "case", "ruleset"} <= set(declared), f"{name}: parameters cell lacks seed/case/ruleset"
    unknown = set(params) - set(declared)
    assert not unknown, f"{name}: unknown parameters {unknown} (papermill would only warn)"
    for key, value in params.items():
        assert json.dumps(value) != declared[key]["default"], f"{name}: {key}={value!r} is the default"

    default_text = _text(nbformat.read(path, as_version=4))
    for text in absent:
        assert text in default_text, f"{name}: the committed (default) run should show {text!r}"

    out = tmp_path / f"{name}.ipynb"
    pm.execute_notebook(str(path), str(out), parameters=params, cwd=str(NOTEBOOKS), kernel_name=_kernel(),
                        execution_timeout=120, progress_bar=False, log_output=False)
    text = _text(nbformat.read(out, as_version=4))
    for expected in present:
        assert expected in text, f"{name}: {expected!r} not in the outputs with {params}"
    for gone in absent:
        assert gone not in text, f"{name}: {gone!r} still in the outputs with {params}"
