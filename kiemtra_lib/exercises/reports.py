"""Reports from the gradebook, for the instructor: per trainee, per question, per rule (which rules the class gets
wrong most), and the problem files; as CSV (UTF-8 with BOM, so Excel reads Vietnamese), one Excel workbook, and a
chart with Vietnamese labels."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from .gradebook import Gradebook
from ._util import atomic_write_bytes
from .spec import WRONG_KINDS

__all__ = ["per_trainee", "per_question", "per_rule", "write_reports", "REPORT_FILES"]

REPORT_FILES = {"per_trainee": "theo_hoc_vien.csv", "per_question": "theo_cau_hoi.csv",
                "per_rule": "theo_quy_tac.csv", "problems": "bai_nop_loi.csv", "excel": "bao_cao.xlsx",
                "chart": "bieu_do.png"}


def per_trainee(gb: Gradebook) -> pd.DataFrame:
    """One row per trainee: points per exercise (final scores: manual wins), total, maximum, free-text questions
    still waiting for the instructor."""
    qs = gb.question_scores()
    trainees = gb.trainees()
    exercises = gb.exercises()
    out = trainees.rename(columns={"trainee_id": "Mã học viên", "ho_ten": "Họ và tên"})
    if qs.empty:
        out["Tổng điểm"] = 0.0
        out["Điểm tối đa"] = 0.0
        out["Số câu chờ chấm tay"] = 0
        return out
    pts = qs.pivot_table(index="trainee_id", columns="exercise_id", values="final_score", aggfunc="sum")
    pts = pts.reindex(columns=exercises["exercise_id"])
    submitted = qs.groupby("trainee_id")["exercise_id"].unique()
    maxima = dict(zip(exercises["exercise_id"], exercises["max_points"]))
    out = out.set_index("Mã học viên")
    for eid in exercises["exercise_id"]:
        out[eid] = pts[eid].reindex(out.index) if eid in pts else float("nan")
    out["Tổng điểm"] = pts.sum(axis=1, min_count=1).reindex(out.index).fillna(0.0)
    out["Điểm tối đa"] = [sum(maxima[e] for e in submitted.get(t, [])) for t in out.index]
    pending = qs[(qs["kind"] == "text") & qs["manual_score"].isna()].groupby("trainee_id").size()
    out["Số câu chờ chấm tay"] = pending.reindex(out.index).fillna(0).astype(int)
    out["Số bài đã nộp"] = [len(submitted.get(t, [])) for t in out.index]
    return out.reset_index()


def _wrong_label(kind: str, wk: str) -> str:
    return WRONG_KINDS.get(kind, {}).get(wk, wk)


def per_question(gb: Gradebook) -> pd.DataFrame:
    qs = gb.question_scores()
    cols = ["Bài tập", "Câu hỏi", "Loại", "Quy tắc", "Số bài", "Số đúng", "Tỷ lệ đúng (%)", "Lỗi thường gặp",
            "Điểm trung bình", "Điểm tối đa"]
    if qs.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for (eid, qid), g in qs.groupby(["exercise_id", "question_id"], sort=True):
        kind = g["kind"].iloc[0]
        auto = g[g["correct"].notna()]
        wrong = auto[auto["correct"] == 0]["wrong_kind"].value_counts()
        common = f"{_wrong_label(kind, wrong.index[0])} ({int(wrong.iloc[0])})" if len(wrong) else ""
        n_right = int((auto["correct"] == 1).sum())
        rows.append([eid, qid, kind, g["rule_ids"].iloc[0].replace(";", ", "), len(g),
                     n_right if kind != "text" else None,
                     round(100.0 * n_right / len(auto), 1) if len(auto) else None, common,
                     round(float(g["final_score"].mean()), 2) if g["final_score"].notna().any() else None,
                     float(g["max_points"].iloc[0])])
    return pd.DataFrame(rows, columns=cols)


def per_rule(gb: Gradebook) -> pd.DataFrame:
    """For each rule id: how many answers rested on it, how many were wrong; sorted by wrong answers (most first)."""
    qs = gb.question_scores()
    cols = ["Quy tắc", "Số câu trả lời", "Số câu sai", "Tỷ lệ sai (%)"]
    auto = qs[qs["correct"].notna()] if not qs.empty else qs
    if auto.empty:
        return pd.DataFrame(columns=cols)
    exploded = auto.assign(rule=auto["rule_ids"].str.split(";")).explode("rule")
    exploded = exploded[exploded["rule"].notna() & (exploded["rule"] != "")]
    g = exploded.groupby("rule")["correct"].agg(["size", lambda s: int((s == 0).sum())])
    g.columns = ["Số câu trả lời", "Số câu sai"]
    g["Tỷ lệ sai (%)"] = (100.0 * g["Số câu sai"] / g["Số câu trả lời"]).round(1)
    g = g.reset_index().rename(columns={"rule": "Quy tắc"})
    return g.sort_values(["Số câu sai", "Tỷ lệ sai (%)", "Quy tắc"], ascending=[False, False, True],
                         ignore_index=True)[cols]


def problems(gb: Gradebook) -> pd.DataFrame:
    return gb.problems().rename(columns={"source_file": "Tệp", "kind": "Loại lỗi", "message": "Mô tả",
                                         "trainee_id": "Mã học viên", "exercise_id": "Bài tập",
                                         "first_seen": "Phát hiện lúc"})


def _chart(rules: pd.DataFrame, trainees: pd.DataFrame) -> bytes:
    from matplotlib.figure import Figure  # no pyplot: no global state, no display needed

    fig = Figure(figsize=(10, 4.8), layout="constrained")
    ax1, ax2 = fig.subplots(1, 2)
    top = rules.head(12)
    if len(top):
        ax1.barh(top["Quy tắc"][::-1], top["Tỷ lệ sai (%)"][::-1], color="#c62828")
    ax1.set_xlabel("Tỷ lệ trả lời sai (%)")
    ax1.set_title("Quy tắc lớp hay sai nhất")
    ax1.set_xlim(0, 100)
    if len(trainees) and trainees["Điểm tối đa"].gt(0).any():
        pct = 100.0 * trainees["Tổng điểm"] / trainees["Điểm tối đa"].where(trainees["Điểm tối đa"] > 0)
        ax2.hist(pct.dropna(), bins=range(0, 101, 10), color="#1565c0", edgecolor="white")
    from matplotlib.ticker import MaxNLocator

    ax2.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax2.set_xlabel("Tỷ lệ điểm đạt được (%)")
    ax2.set_ylabel("Số học viên")
    ax2.set_title("Phân bố điểm của lớp")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    return buf.getvalue()


def write_reports(gb: Gradebook, report_dir: str | Path) -> dict[str, Path]:
    """Write every report (each file atomically) and return their paths."""
    report_dir = Path(report_dir)
    tables = {"per_trainee": per_trainee(gb), "per_question": per_question(gb), "per_rule": per_rule(gb),
              "problems": problems(gb)}
    out: dict[str, Path] = {}
    for name, df in tables.items():
        out[name] = atomic_write_bytes(report_dir / REPORT_FILES[name],
                                       df.to_csv(index=False).encode("utf-8-sig"))
    buf = io.BytesIO()
    sheets = {"per_trainee": "Theo học viên", "per_question": "Theo câu hỏi", "per_rule": "Theo quy tắc",
              "problems": "Bài nộp lỗi"}
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for name, sheet in sheets.items():
            tables[name].to_excel(xw, sheet_name=sheet, index=False)
    out["excel"] = atomic_write_bytes(report_dir / REPORT_FILES["excel"], buf.getvalue())
    out["chart"] = atomic_write_bytes(report_dir / REPORT_FILES["chart"],
                                      _chart(tables["per_rule"], tables["per_trainee"]))
    return out
