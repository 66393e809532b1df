"""Manual marking through a spreadsheet: export the free-text answers of a class (one row per answer, with the
question, the answer, a rubric column and a score column), let the instructor fill the scores in Excel, import them.

Scores may be typed with a decimal comma («0,5») or point; an empty score cell is skipped (not yet marked). The
whole file is checked before anything is written: one bad row (a score above the question's points, a letter, a
row whose trainee or question is not in the gradebook) refuses the import with every bad row named, and nothing is
half-imported. Imported scores go to the gradebook's manual scores, which win over automatic ones and which no
regrading touches.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pandas as pd

from .._safe_cells import xlsx_bytes
from ..errors import InputError, Problem
from ._util import nfc

__all__ = ["export_manual", "import_manual", "parse_score", "MANUAL_COLUMNS"]

#: Columns of the marking workbook (the first five and «Điểm» are read back; others are for the instructor).
MANUAL_COLUMNS = ["Mã học viên", "Họ và tên", "Đơn vị", "Bài tập", "Câu hỏi", "Đề bài", "Câu trả lời",
                  "Hướng dẫn chấm", "Điểm tối đa", "Điểm", "Ghi chú"]
_SHEET = "Chấm tay"


def parse_score(value: Any, field: str = "điểm") -> float | None:
    """A score as typed: a number, or text with a decimal comma or point («0,5», «1.5»); blank is ``None``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise InputError(field, value, why="không phải một số")
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:
            raise InputError(field, value, why="số quá lớn") from None
    else:
        text = nfc(value)
        if text.startswith("="):
            raise InputError(field, text, why="ô chứa công thức; hãy gõ số điểm")
        if text.count(",") + text.count(".") > 1:
            raise InputError(field, text, why="không phải một số (chỉ một dấu thập phân)")
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            raise InputError(field, text, why="không phải một số", allowed="ví dụ 1 hoặc 0,5") from None
    if math.isnan(number) or math.isinf(number):
        raise InputError(field, value, why="không phải một số hữu hạn")
    return number


def export_manual(gb, data, path: str | Path, *, all_questions: bool = False) -> Path:
    """Write the marking workbook for every free-text answer of the counted attempts (``all_questions``: every
    answer, to override automatic scores too). The «Điểm» column holds the manual score already given, if any."""
    qs = data.questions
    if len(qs) and not all_questions:
        qs = qs[qs["kind"] == "text"]
    info = data.trainees.set_index("trainee_id")
    rubrics = gb.rubrics() if hasattr(gb, "rubrics") else {}
    rows = []
    for r in qs.sort_values(["exercise_id", "position", "trainee_id"]).itertuples(index=False) if len(qs) else []:
        answer = _answer_text(r.answer)
        rows.append([r.trainee_id, info.at[r.trainee_id, "ho_ten"], info.at[r.trainee_id, "don_vi"], r.exercise_id,
                     r.question_id, r.prompt, answer, rubrics.get((r.exercise_id, r.question_id), ""),
                     float(r.max_points), None if pd.isna(r.manual_score) else float(r.manual_score),
                     r.manual_note or ""])
    df = pd.DataFrame(rows, columns=MANUAL_COLUMNS)
    guide = pd.DataFrame([
        ("Cách chấm", "Gõ điểm vào cột «Điểm» (được dùng dấu phẩy thập phân: 0,5), ghi chú vào cột «Ghi chú», "
                      "lưu tệp rồi chạy «kiemtra exercises manual-import»."),
        ("Ô để trống", "chưa chấm: không ghi gì vào sổ điểm"),
        ("Không sửa", "các cột «Mã học viên», «Bài tập», «Câu hỏi» (dùng để nhận ra câu trả lời)"),
        ("Lập ngày", dt.date.today().strftime("%d/%m/%Y")),
    ], columns=["Mục", "Nội dung"])
    from .reports import _save  # an OS error names the path; an existing file is left as it was

    return _save(Path(path), xlsx_bytes({_SHEET: df, "Hướng dẫn": guide}))


def _answer_text(answer_json: Any) -> str:
    import json

    try:
        value = json.loads(answer_json) if isinstance(answer_json, str) else answer_json
    except ValueError:
        return str(answer_json)
    if value is None:
        return "(chưa trả lời)"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def import_manual(gb, path: str | Path, *, grader: str = "") -> int:
    """Read the scores back from a marking workbook into the gradebook; returns how many were written."""
    import openpyxl

    path = Path(path)
    field = "tệp chấm tay"
    if not path.is_file():
        raise InputError(field, str(path), why="không tìm thấy tệp")
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged workbook: openpyxl raises many kinds
        raise InputError(field, path.name, why=f"không đọc được tệp Excel ({type(exc).__name__}: {exc})") from None
    try:
        ws = wb[_SHEET] if _SHEET in wb.sheetnames else wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
    finally:
        wb.close()
    if not rows:
        raise InputError(field, path.name, why="tệp trống")
    header = [nfc(h) if h is not None else "" for h in rows[0]]
    need = ["Mã học viên", "Bài tập", "Câu hỏi", "Điểm"]
    missing = [c for c in need if c not in header]
    if missing:
        raise InputError(field, path.name, why=f"thiếu cột {', '.join('«' + c + '»' for c in missing)} (hãy dùng tệp "
                                               "do «kiemtra exercises manual-export» tạo)")
    col = {c: header.index(c) for c in header if c}
    points = gb.question_points()
    trainees = set(gb.trainees()["trainee_id"])
    problems: list[Problem] = []
    todo = []
    for n, values in enumerate(rows[1:], start=2):
        def cell(name):
            i = col.get(name)
            return values[i] if i is not None and i < len(values) else None

        tid, eid, qid = (nfc(cell(c)) if cell(c) is not None else "" for c in ("Mã học viên", "Bài tập", "Câu hỏi"))
        raw = cell("Điểm")
        if not tid and not eid and not qid and raw in (None, ""):
            continue
        try:
            score = parse_score(raw)
        except InputError as exc:
            problems.append(Problem("Điểm", exc.value, row=n, why=exc.why, allowed=exc.allowed))
            continue
        if score is None:
            continue
        if tid not in trainees:
            problems.append(Problem("Mã học viên", tid, row=n, why="không có trong sổ điểm"))
            continue
        if (eid, qid) not in points:
            problems.append(Problem("Câu hỏi", f"{eid}/{qid}", row=n, why="không có trong sổ điểm"))
            continue
        top = points[(eid, qid)]
        if not 0 <= score <= top:
            problems.append(Problem("Điểm", raw if isinstance(raw, str) else score, row=n,
                                    allowed=f"từ 0 đến {str(top).rstrip('0').rstrip('.').replace('.', ',')}"))
            continue
        note = cell("Ghi chú")
        todo.append((tid, eid, qid, score, "" if note is None else nfc(note)))
    if problems:
        raise InputError.many(problems)
    gb.set_manual_scores([{"trainee_id": t, "exercise_id": e, "question_id": q, "score": s, "note": note,
                           "grader": grader} for t, e, q, s, note in todo])
    return len(todo)
