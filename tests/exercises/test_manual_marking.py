"""Manual marking through Excel: export the free-text answers (one row per answer), fill the scores (decimal comma
accepted), import them; manual scores win and survive regrading; a bad sheet writes nothing."""

from __future__ import annotations

import openpyxl
import pytest

from kiemtra_lib import InputError
from kiemtra_lib.cli import main
from kiemtra_lib.exercises import grade_directory
from kiemtra_lib.exercises.gradebook import Gradebook
from kiemtra_lib.exercises.marking import MANUAL_COLUMNS, export_manual, import_manual, parse_score
from kiemtra_lib.exercises.reports import class_scores

from _exercises_support import EXERCISES, build, session_for

EID = "k02_doi_tuong_kiem_diem"


@pytest.mark.parametrize("typed, value", [("0,5", 0.5), ("0.5", 0.5), (" 1 ", 1.0), (1, 1.0), (0.25, 0.25),
                                          (None, None), ("", None), ("  ", None)])
def test_parse_score(typed, value):
    assert parse_score(typed) == value


@pytest.mark.parametrize("typed", ["abc", "1,5,0", "1.000,5", "=1/2", "nan", "inf", True, float("nan")])
def test_parse_score_refuses(typed):
    with pytest.raises(InputError):
        parse_score(typed)


@pytest.fixture
def marked(tmp_path):
    built = build(tmp_path, n=3, specs=[EXERCISES / f"{EID}.yaml"])
    sub = built.out_dir / "hoc_vien"
    texts = {"HV000": "Vì vắng mặt nên chưa kiểm điểm (K5).", "HV001": "=HYPERLINK(\"http://x.example\")",
             "HV002": ""}
    for tid, text in texts.items():
        session_for(sub / tid / f"{EID}.ipynb").submit({"giai_thich": text})
    db = tmp_path / "so_diem.sqlite"
    grade_directory(sub, built.key_path, db)
    return built, sub, db, tmp_path, texts


def _fill(path, scores: dict[str, object], notes: dict[str, str] = {}):
    wb = openpyxl.load_workbook(path)
    ws = wb["Chấm tay"]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        tid = row[header.index("Mã học viên")].value
        if tid in scores:
            row[header.index("Điểm")].value = scores[tid]
        if tid in notes:
            row[header.index("Ghi chú")].value = notes[tid]
    wb.save(path)


def test_export_has_one_row_per_answer_with_question_rubric_and_score(marked):
    built, sub, db, tmp, texts = marked
    with Gradebook(db) as gb:
        path = export_manual(gb, class_scores(gb), tmp / "cham_tay.xlsx")
    ws = openpyxl.load_workbook(path)["Chấm tay"]
    assert [c.value for c in ws[1]] == MANUAL_COLUMNS
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == 3
    by_id = {r[0].value: r for r in rows}
    assert by_id["HV000"][6].value == texts["HV000"] and by_id["HV002"][6].value == "(chưa trả lời)"
    assert by_id["HV001"][6].value == texts["HV001"] and by_id["HV001"][6].data_type == "s"  # text, not a formula
    assert by_id["HV000"][4].value == "giai_thich" and by_id["HV000"][5].value.startswith("Giải thích")
    assert by_id["HV000"][8].value == 1 and by_id["HV000"][9].value is None


def test_import_with_decimal_comma_wins_and_survives_regrading(marked):
    built, sub, db, tmp, texts = marked
    with Gradebook(db) as gb:
        path = export_manual(gb, class_scores(gb), tmp / "cham_tay.xlsx")
    _fill(path, {"HV000": "0,5", "HV001": 0, "HV002": None}, {"HV000": "thiếu ý khi nào được phân loại"})
    with Gradebook(db) as gb:
        assert import_manual(gb, path, grader="GV Thử") == 2
    grade_directory(sub, built.key_path, db)  # regrade
    session_for(sub / "HV002" / f"{EID}.ipynb").submit({"giai_thich": "Nộp lại."})  # a resubmission too
    grade_directory(sub, built.key_path, db)
    with Gradebook(db) as gb:
        qs = class_scores(gb).questions
        text = qs[qs["question_id"] == "giai_thich"].set_index("trainee_id")
        assert text.at["HV000", "final_score"] == 0.5 and text.at["HV000", "manual_note"].startswith("thiếu ý")
        assert text.at["HV001", "final_score"] == 0.0
        assert text["manual_score"].isna()["HV002"]
        # exporting again shows the scores already given
        again = export_manual(gb, class_scores(gb), tmp / "lan2.xlsx")
    ws = openpyxl.load_workbook(again)["Chấm tay"]
    given = {r[0].value: r[9].value for r in ws.iter_rows(min_row=2)}
    assert given == {"HV000": 0.5, "HV001": 0, "HV002": None}


def test_a_bad_sheet_names_every_row_and_writes_nothing(marked):
    built, sub, db, tmp, texts = marked
    with Gradebook(db) as gb:
        path = export_manual(gb, class_scores(gb), tmp / "cham_tay.xlsx")
    _fill(path, {"HV000": "0,5", "HV001": "2", "HV002": "tốt"})
    with Gradebook(db) as gb:
        with pytest.raises(InputError) as err:
            import_manual(gb, path)
        assert sorted(p.row for p in err.value.problems) == [3, 4]
        assert "từ 0 đến 1" in str(err.value) and "không phải một số" in str(err.value)
        assert gb.counts()["manual_scores"] == 0  # not even HV000's good row


def test_a_row_for_an_unknown_trainee_or_question(marked):
    built, sub, db, tmp, texts = marked
    with Gradebook(db) as gb:
        path = export_manual(gb, class_scores(gb), tmp / "cham_tay.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Chấm tay"]
    ws.append(["HV999", "", "", EID, "giai_thich", "", "", "", 1, 1, ""])
    ws.append(["HV000", "", "", EID, "khong_co", "", "", "", 1, 1, ""])
    wb.save(path)
    with Gradebook(db) as gb, pytest.raises(InputError) as err:
        import_manual(gb, path)
    assert sorted(p.row for p in err.value.problems) == [5, 6]


def test_through_the_command_line(marked, capsys):
    built, sub, db, tmp, texts = marked
    out = tmp / "cham_tay.xlsx"
    assert main(["exercises", "manual-export", "--db", str(db), "--out", str(out)]) == 0
    _fill(out, {"HV000": "1"})
    assert main(["exercises", "manual-import", "--db", str(db), str(out), "--grader", "GV"]) == 0
    assert "Đã ghi 1 điểm chấm tay" in capsys.readouterr().out
    assert main(["exercises", "manual-score", "--db", str(db), "HV001", EID, "giai_thich", "0,5"]) == 0
    assert "0,5" in capsys.readouterr().out
    assert main(["exercises", "manual-score", "--db", str(db), "HV001", EID, "giai_thich", "1,5"]) == 2
    assert "từ 0 đến 1" in capsys.readouterr().err
    assert main(["exercises", "records", "--db", str(db), "--out", str(tmp / "so"), "--course", "K12"]) == 0
    assert (tmp / "so" / "so_diem_khoa_hoc.xlsx").is_file() and (tmp / "so" / "diem_moodle.csv").is_file()
    assert "do khoá học tự đặt" in capsys.readouterr().out
    with Gradebook(db) as gb:
        m = gb.dump()["manual_scores"]
    assert [(r[0], r[3]) for r in m] == [("HV000", 1.0), ("HV001", 0.5)]


def test_export_to_a_full_disk_names_the_path_and_keeps_the_old_file(marked, monkeypatch):
    import errno

    from kiemtra_lib.exercises import reports

    built, sub, db, tmp, texts = marked
    out = tmp / "cham_tay.xlsx"
    out.write_bytes(b"ban cu")

    def full(path, data, **kw):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(reports, "atomic_write_bytes", full)
    with Gradebook(db) as gb, pytest.raises(InputError) as err:
        export_manual(gb, class_scores(gb), out)
    assert "cham_tay.xlsx" in str(err.value) and "đầy" in str(err.value)
    assert out.read_bytes() == b"ban cu"
