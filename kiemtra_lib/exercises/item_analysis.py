"""Item analysis: which questions and rules the class gets wrong, which questions tell strong trainees from weak ones,
and who has not submitted.

- **Share correct** (difficulty index p): correct answers ÷ answers, over the counted attempts.
- **Discrimination** D = p(upper third) − p(lower third): trainees who answered the question are ranked by their
  10-point course grade (ties by trainee id, so the figure is the same on every run); the upper and lower thirds
  are ``n // 3`` trainees each. D is shown when each third has at least 2 trainees; near 0 or negative means the
  question does not separate trainees who know the course from those who do not (look at its wording or key).
- **Most chosen wrong answer**: the wrong answer given most often, as typed (a date, a level), with its count;
  questions left unanswered are counted apart («Không trả lời»).
- **Per rule**: answers resting on the rule, wrong ones, error rate, with the rule's title from the rule set.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

__all__ = ["question_table", "rule_table", "missing_table", "chart_png"]


def _shown(answer_json: Any) -> str:
    try:
        value = json.loads(answer_json) if isinstance(answer_json, str) else answer_json
    except ValueError:
        value = answer_json
    if isinstance(value, list):
        return ", ".join(map(str, value)) if value else "(không chọn gì)"
    if value is None:
        return "(không trả lời)"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"  # an ISO date as dd/mm/yyyy
    return str(value)


def _is_blank(answer_json: Any) -> bool:
    try:
        value = json.loads(answer_json) if isinstance(answer_json, str) else answer_json
    except ValueError:
        return False
    return value is None or value == "" or value == []


def question_table(data, grades: pd.Series) -> pd.DataFrame:
    """One row per auto-graded question. ``grades``: 10-point grade per trainee id."""
    cols = ["Bài tập", "Câu hỏi", "Loại", "Quy tắc", "Số bài", "Số đúng", "Tỷ lệ đúng (%)", "Độ phân biệt",
            "Câu trả lời sai hay gặp nhất", "Số lần", "Không trả lời"]
    qs = data.questions
    auto = qs[qs["correct"].notna()] if len(qs) else qs
    if auto.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for (eid, qid), g in auto.groupby(["exercise_id", "question_id"], sort=True):
        n = len(g)
        # partial credit (per-option scoring) counts as the share of the points obtained
        share = g["auto_score"].fillna(0) / g["max_points"].where(g["max_points"] > 0, 1)
        right = int((g["correct"] == 1).sum())
        ranked = g.assign(grade=g["trainee_id"].map(grades).fillna(0.0), share=share.values)
        ranked = ranked.sort_values(["grade", "trainee_id"], ascending=[False, True])
        k = n // 3
        disc = (round(float(ranked["share"].iloc[:k].mean() - ranked["share"].iloc[-k:].mean()), 2)
                if k >= 2 else None)
        wrong_rows = g[g["correct"] == 0]
        blank = wrong_rows["answer"].map(_is_blank).astype(bool)  # bool even when empty (a mask, not labels)
        # the most chosen wrong answer among answers given (blanks are counted apart)
        wrong = wrong_rows[~blank]["answer"].map(_shown).value_counts()
        rows.append([eid, qid, g["kind"].iloc[0], g["rule_ids"].iloc[0].replace(";", ", "), n, right,
                     round(100.0 * float(share.mean()), 1), disc,
                     wrong.index[0] if len(wrong) else "", int(wrong.iloc[0]) if len(wrong) else 0,
                     int(blank.sum())])
    return pd.DataFrame(rows, columns=cols)


def rule_table(data, rule_titles: dict[str, str]) -> pd.DataFrame:
    """Per rule id: answers resting on it, wrong ones, error rate, the rule's title; most wrong first."""
    cols = ["Quy tắc", "Tên quy tắc", "Số câu trả lời", "Số câu sai", "Tỷ lệ sai (%)"]
    qs = data.questions
    auto = qs[qs["correct"].notna()] if len(qs) else qs
    if auto.empty:
        return pd.DataFrame(columns=cols)
    exploded = auto.assign(rule=auto["rule_ids"].str.split(";")).explode("rule")
    exploded = exploded[exploded["rule"].notna() & (exploded["rule"] != "")]
    if exploded.empty:
        return pd.DataFrame(columns=cols)
    g = exploded.groupby("rule")["correct"].agg(["size", lambda s: int((s == 0).sum())])
    g.columns = ["Số câu trả lời", "Số câu sai"]
    g["Tỷ lệ sai (%)"] = (100.0 * g["Số câu sai"] / g["Số câu trả lời"]).round(1)
    g = g.reset_index().rename(columns={"rule": "Quy tắc"})
    g["Tên quy tắc"] = g["Quy tắc"].map(lambda r: rule_titles.get(r, "(không có trong bộ quy tắc)"))
    return g.sort_values(["Số câu sai", "Tỷ lệ sai (%)", "Quy tắc"], ascending=[False, False, True],
                         ignore_index=True)[cols]


def missing_table(data) -> pd.DataFrame:
    """Every (trainee, assigned exercise) with no counted submission."""
    cols = ["Mã học viên", "Họ và tên", "Đơn vị", "Bài tập", "Tình trạng"]
    done = set(zip(data.counted["trainee_id"], data.counted["exercise_id"])) if len(data.counted) else set()
    info = data.trainees.set_index("trainee_id")
    rows = [[t, info.at[t, "ho_ten"], info.at[t, "don_vi"], e, "chưa nộp"]
            for t, e in sorted(zip(data.assigned["trainee_id"], data.assigned["exercise_id"]))
            if (t, e) not in done and t in info.index]
    return pd.DataFrame(rows, columns=cols)


def chart_png(questions: pd.DataFrame, rules: pd.DataFrame) -> bytes:
    """Two panels: share correct and discrimination of each question; the rules the class gets wrong most."""
    import io

    from matplotlib.figure import Figure

    n = max(len(questions), 1)
    fig = Figure(figsize=(11, max(4.0, 0.28 * n + 1.5)), layout="constrained")
    ax1, ax2 = fig.subplots(1, 2)
    if len(questions):
        labels = (questions["Bài tập"] + " / " + questions["Câu hỏi"])[::-1]
        ax1.barh(labels, questions["Tỷ lệ đúng (%)"][::-1], color="#1565c0", label="Tỷ lệ đúng (%)")
        disc = pd.to_numeric(questions["Độ phân biệt"][::-1], errors="coerce")
        shown = disc.notna()
        if shown.any():  # D is blank for small classes
            ax1.scatter(list(disc[shown] * 100), list(labels[shown]), color="#ef6c00", zorder=3,
                        label="Độ phân biệt × 100")
        ax1.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2, fontsize=8, frameon=False)
    ax1.set_xlim(-100, 100)
    ax1.axvline(0, color="#555", linewidth=0.8)
    ax1.set_title("Từng câu hỏi: tỷ lệ đúng và độ phân biệt")
    ax1.tick_params(axis="y", labelsize=7)
    top = rules.head(12)
    if len(top):
        bars = ax2.barh(top["Quy tắc"][::-1], top["Tỷ lệ sai (%)"][::-1], color="#c62828")
        ax2.bar_label(bars, labels=[f"{n} câu sai" for n in top["Số câu sai"][::-1]], padding=3, fontsize=8)
    ax2.set_xlim(0, 100)
    ax2.set_xlabel("Tỷ lệ trả lời sai (%)")
    ax2.set_title("Quy tắc lớp hay sai nhất")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    return buf.getvalue()
