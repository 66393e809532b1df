"""Reports from the gradebook, for the instructor: the course record (every assigned exercise counted, 10-point
scale, bands, units), item analysis (per question, per rule, who has not submitted), the problem files; as CSV
(UTF-8 with BOM, so Excel reads Vietnamese), Excel workbooks, a Moodle grade CSV and charts with Vietnamese labels.

Every text cell goes through :mod:`kiemtra_lib._safe_cells` (a name such as ``=HYPERLINK(...)`` stays text). Each
file is written atomically: a disk that fills up or a folder that turns read-only leaves the previous reports and
the gradebook as they were, and the error names the path.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import pandas as pd

from .._safe_cells import safe_csv_bytes, xlsx_bytes
from ..errors import InputError
from . import item_analysis, records
from ._util import atomic_write_bytes
from .collection import TIME_SOURCES, choose_counted, lateness, parse_moment
from .gradebook import Gradebook

__all__ = ["ClassScores", "class_scores", "per_trainee", "per_question", "per_rule", "write_reports",
           "write_records", "REPORT_FILES", "RECORD_FILES"]

REPORT_FILES = {"per_trainee": "theo_hoc_vien.csv", "per_question": "theo_cau_hoi.csv",
                "per_rule": "theo_quy_tac.csv", "missing": "chua_nop.csv", "per_unit": "theo_don_vi.csv",
                "problems": "bai_nop_loi.csv", "excel": "bao_cao.xlsx", "chart": "bieu_do.png",
                "item_chart": "phan_tich_cau_hoi.png"}
RECORD_FILES = {"workbook": "so_diem_khoa_hoc.xlsx", "moodle": "diem_moodle.csv"}


@dataclass
class ClassScores:
    """What every report reads: one consistent snapshot of the gradebook, with the counted attempt of each
    (trainee, exercise) chosen by the exercise's attempt policy and its lateness."""

    trainees: pd.DataFrame      # trainee_id, ho_ten, don_vi, email
    exercises: pd.DataFrame     # exercise_id, title, max_points, opens, closes, deadline, attempt_policy, ruleset
    assigned: pd.DataFrame      # trainee_id, exercise_id
    counted: pd.DataFrame       # one row per counted attempt: attempt_id, trainee_id, exercise_id, at, time_source,
    #                             time_label, late, attempts (how many distinct attempts), source_file
    questions: pd.DataFrame     # the counted attempts' question rows (final score: manual wins)
    problems: pd.DataFrame


def class_scores(gb: Gradebook) -> ClassScores:
    trainees = gb.trainees()
    exercises = gb.exercises()
    attempts = gb.attempts()
    qs = gb.all_question_scores()
    totals = qs.groupby("attempt_id")["final_score"].sum(min_count=1).to_dict() if len(qs) else {}
    ex = exercises.set_index("exercise_id")
    schedules = {eid: {k: parse_moment(ex.at[eid, k]) for k in ("opens", "closes", "deadline")} for eid in ex.index}
    chosen = []
    for (tid, eid), g in attempts.groupby(["trainee_id", "exercise_id"], sort=True):
        items = []
        for a in g.itertuples(index=False):
            server = a.time_source == "may_chu" and a.received_at
            at = parse_moment(a.received_at if server else a.submitted_at)
            source = "may_chu" if server else "bai_nop"
            if at is None:  # cannot happen for graded attempts (checked on the way in); keep the run going
                at = dt.datetime.min.replace(tzinfo=dt.timezone.utc)
            items.append({"attempt_id": a.attempt_id, "trainee_id": tid, "exercise_id": eid, "at": at,
                          "time_source": source, "time_label": TIME_SOURCES[source],
                          "late": lateness(at, schedules.get(eid, {})), "score": totals.get(a.attempt_id),
                          "sha256": a.submission_sha256, "source_file": a.source_file})
        policy = ex.at[eid, "attempt_policy"] if eid in ex.index else "latest_on_time"
        pick = dict(choose_counted(items, policy))
        pick["attempts"] = len(items)
        chosen.append(pick)
    counted = pd.DataFrame(chosen, columns=["attempt_id", "trainee_id", "exercise_id", "at", "time_source",
                                            "time_label", "late", "score", "sha256", "source_file", "attempts"])
    ids = set(counted["attempt_id"])
    questions = qs[qs["attempt_id"].isin(ids)].reset_index(drop=True) if len(qs) else qs
    return ClassScores(trainees, exercises, gb.assignments(), counted, questions, gb.problems())


def _grades(data: ClassScores, bands: records.Bands) -> pd.Series:
    rec = records.course_record(data, bands)
    return pd.Series(rec["Điểm (thang 10)"].values, index=rec["Mã học viên"])


def per_trainee(gb: Gradebook | ClassScores, bands: records.Bands = records.COURSE_BANDS) -> pd.DataFrame:
    """The course record: one row per trainee, every assigned exercise in the maximum."""
    data = gb if isinstance(gb, ClassScores) else class_scores(gb)
    return records.course_record(data, bands)


def per_question(gb: Gradebook | ClassScores, bands: records.Bands = records.COURSE_BANDS) -> pd.DataFrame:
    data = gb if isinstance(gb, ClassScores) else class_scores(gb)
    return item_analysis.question_table(data, _grades(data, bands))


def _rule_titles(data: ClassScores) -> dict[str, str]:
    from ..rules import available_rulesets, get_ruleset

    titles: dict[str, str] = {}
    names = [r for r in dict.fromkeys(data.exercises["ruleset"]) if r] if len(data.exercises) else []
    for name in names or ["hcm-2014"]:
        if name not in available_rulesets():
            continue
        rs = get_ruleset(name)
        for rid in getattr(rs, "rules", {}):
            titles.setdefault(rid, rs.rule(rid).title)
    return titles


def per_rule(gb: Gradebook | ClassScores) -> pd.DataFrame:
    data = gb if isinstance(gb, ClassScores) else class_scores(gb)
    return item_analysis.rule_table(data, _rule_titles(data))


def problems(gb: Gradebook | ClassScores) -> pd.DataFrame:
    df = gb.problems if isinstance(gb, ClassScores) else gb.problems()
    trainees = gb.trainees if isinstance(gb, ClassScores) else gb.trainees()
    units = dict(zip(trainees["trainee_id"], trainees["don_vi"]))
    df = df.copy()
    df.insert(df.columns.get_loc("trainee_id") + 1, "don_vi", df["trainee_id"].map(units).fillna(""))
    return df.rename(columns={"don_vi": "Đơn vị", "source_file": "Tệp", "kind": "Loại lỗi", "message": "Mô tả",
                              "trainee_id": "Mã học viên", "exercise_id": "Bài tập", "first_seen": "Phát hiện lúc"})


def attempts_table(data: ClassScores) -> pd.DataFrame:
    """The counted attempt of each trainee and exercise: when (dd/mm/yyyy HH:MM, Vietnam's time), by whose clock,
    on time or not, how many distinct attempts."""
    if data.counted.empty:
        return pd.DataFrame(columns=["Mã học viên", "Đơn vị", "Bài tập", "Thời điểm nộp", "Theo giờ", "Đúng hạn",
                                     "Số lần nộp khác nhau", "Tệp"])
    c = data.counted
    tz = dt.timezone(dt.timedelta(hours=7))
    units = dict(zip(data.trainees["trainee_id"], data.trainees["don_vi"]))
    return pd.DataFrame({"Mã học viên": c["trainee_id"], "Đơn vị": c["trainee_id"].map(units).fillna(""),
                         "Bài tập": c["exercise_id"],
                         "Thời điểm nộp": [a.astimezone(tz).strftime("%d/%m/%Y %H:%M") for a in c["at"]],
                         "Theo giờ": c["time_label"], "Đúng hạn": c["late"].fillna("đúng hạn"),
                         "Số lần nộp khác nhau": c["attempts"], "Tệp": c["source_file"]})


def _chart(rules: pd.DataFrame, record: pd.DataFrame) -> bytes:
    from matplotlib.figure import Figure  # no pyplot: no global state, no display needed
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(10, 4.8), layout="constrained")
    ax1, ax2 = fig.subplots(1, 2)
    top = rules.head(12)
    if len(top):
        bars = ax1.barh(top["Quy tắc"][::-1], top["Tỷ lệ sai (%)"][::-1], color="#c62828")
        ax1.bar_label(bars, labels=[f"{n} câu sai" for n in top["Số câu sai"][::-1]], padding=3, fontsize=8)
    ax1.set_xlabel("Tỷ lệ trả lời sai (%)")
    ax1.set_title("Quy tắc lớp hay sai nhất")
    ax1.set_xlim(0, 100)
    if len(record):
        ax2.hist(record["Điểm (thang 10)"], bins=[i / 2 for i in range(21)], color="#1565c0", edgecolor="white")
    ax2.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax2.set_xlim(0, 10)
    ax2.set_xlabel("Điểm (thang 10; bài chưa nộp tính 0)")
    ax2.set_ylabel("Số học viên")
    ax2.set_title("Phân bố điểm của lớp")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    return buf.getvalue()


def _save(path: Path, data: bytes) -> Path:
    """One report file, atomically; an OS error (disk full, read-only) names the path and leaves the old file."""
    try:
        return atomic_write_bytes(path, data)
    except OSError as exc:
        from .. import errors

        if hasattr(errors, "SaveError"):
            raise errors.SaveError(exc, path) from None
        raise InputError("tệp báo cáo", str(path), why=f"không ghi được ({exc.strerror or exc})") from None


def write_reports(gb: Gradebook, report_dir: str | Path, *,
                  bands: records.Bands = records.COURSE_BANDS) -> dict[str, Path]:
    """Write every report (each file atomically) and return their paths."""
    report_dir = Path(report_dir)
    data = class_scores(gb)
    record = records.course_record(data, bands)
    grades = pd.Series(record["Điểm (thang 10)"].values, index=record["Mã học viên"])
    tables = {"per_trainee": record, "per_question": item_analysis.question_table(data, grades),
              "per_rule": item_analysis.rule_table(data, _rule_titles(data)),
              "missing": item_analysis.missing_table(data), "per_unit": records.unit_summary(record, bands),
              "problems": problems(data)}
    out: dict[str, Path] = {}
    for name, df in tables.items():
        out[name] = _save(report_dir / REPORT_FILES[name], safe_csv_bytes(df))
    sheets = {"Theo học viên": tables["per_trainee"], "Theo câu hỏi": tables["per_question"],
              "Theo quy tắc": tables["per_rule"], "Chưa nộp": tables["missing"], "Theo đơn vị": tables["per_unit"],
              "Các lần nộp": attempts_table(data), "Bài nộp lỗi": tables["problems"],
              "Ghi chú": pd.DataFrame([("Xếp loại", bands.describe()),
                                       ("Độ phân biệt", "tỷ lệ đúng của 1/3 học viên điểm cao nhất trừ 1/3 thấp "
                                                        "nhất (trống khi mỗi nhóm dưới 2 người)")],
                                      columns=["Mục", "Nội dung"])}
    out["excel"] = _save(report_dir / REPORT_FILES["excel"], xlsx_bytes(sheets))
    out["chart"] = _save(report_dir / REPORT_FILES["chart"], _chart(tables["per_rule"], record))
    out["item_chart"] = _save(report_dir / REPORT_FILES["item_chart"],
                              item_analysis.chart_png(tables["per_question"], tables["per_rule"]))
    return out


def write_records(gb: Gradebook, out_dir: str | Path, *, bands: records.Bands = records.COURSE_BANDS,
                  course: str = "", today: dt.date | None = None) -> Mapping[str, Path]:
    """The course-record workbook (xlsx, Vietnamese headers, dd/mm/yyyy) and the Moodle grade-import CSV."""
    out_dir = Path(out_dir)
    data = class_scores(gb)
    rulesets = [r for r in dict.fromkeys(data.exercises["ruleset"]) if r] if len(data.exercises) else []
    sheets = records.record_sheets(data, bands, course=course, today=today, rulesets=rulesets)
    moodle = records.moodle_csv(records.course_record(data, bands), data)
    return {"workbook": _save(out_dir / RECORD_FILES["workbook"], xlsx_bytes(sheets)),
            # Moodle reads UTF-8 (a BOM is stripped) with a decimal point
            "moodle": _save(out_dir / RECORD_FILES["moodle"], safe_csv_bytes(moodle, lineterminator="\n"))}
