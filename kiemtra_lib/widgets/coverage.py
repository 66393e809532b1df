"""Notebook 07: following the targets of Kết luận 34 over a term (T6), from ``kiemtra_lib.timeline``."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd

from .. import timeline
from ..dates import as_date, fmt_date
from ..rules import RuleSet, get_ruleset
from ._panel import Panel, esc, lines_html, message_html, show, table_html
from .quiz import Question, Quiz

__all__ = ["subordinates", "coverage", "targets_table", "yearly_chart", "coverage_chart", "coverage_bar_html", "coverage_report",
           "CoveragePanel", "coverage_quiz", "show"]


subordinates = timeline.subordinates  # T6 "trực thuộc": the library decides, the panel shows


def coverage(inspections: pd.DataFrame, organisations: pd.DataFrame, term_start: Any, term_end: Any, *,
             completed_only: bool = False, ruleset: str | RuleSet = "hcm-2014") -> timeline.TermCoverage:
    return timeline.subordinate_coverage(inspections, organisations, term_start, term_end,
                                         completed_only=completed_only, ruleset=ruleset)


def _in_term(inspections: pd.DataFrame, start: Any, end: Any) -> pd.DataFrame:
    d = pd.to_datetime(inspections["date"])
    return inspections[(d >= pd.Timestamp(as_date(start))) & (d <= pd.Timestamp(as_date(end)))]


def targets_table(inspections: pd.DataFrame, organisations: pd.DataFrame, term_start: Any, term_end: Any, *,
                  ruleset: str | RuleSet = "hcm-2014") -> pd.DataFrame:
    """Where the term stands on each target of T6 (001 §II.2–3): counts and shares, no verdict beyond the data."""
    cov = coverage(inspections, organisations, term_start, term_end, ruleset=ruleset)
    t = _in_term(inspections, term_start, term_end)
    planned = t[t["planned"].astype(bool)]
    done = t[t["completed"].astype(bool)]
    n_cov, n_org = int(cov.table["da_kiem_tra_giam_sat"].sum()), len(cov.table)
    n_done_planned = int(planned["completed"].astype(bool).sum())
    n_on_time = int(done["conclusion_on_time"].astype(bool).sum())

    def pct(a: int, b: int) -> str:
        return f"{a / b:.0%}".replace(".", ",") if b else "—"

    rows = [
        ("Mỗi tổ chức trực thuộc được kiểm tra, giám sát ít nhất 1 lần trong nhiệm kỳ", n_cov, n_org),
        ("Hoàn thành 100% các cuộc kiểm tra, giám sát theo kế hoạch", n_done_planned, len(planned)),
        ("100% kết luận, kiến nghị được thực hiện đúng thời gian", n_on_time, len(done)),
    ]
    out = pd.DataFrame([{"Chỉ tiêu (T6, 001 §II.2–3)": name, "Đạt": a, "Trên tổng số": b, "Tỷ lệ": pct(a, b),
                         "Còn thiếu": b - a} for name, a, b in rows])
    extra = pd.DataFrame([{"Chỉ tiêu (T6, 001 §II.2–3)": "100% cán bộ kiểm tra được đào tạo, bồi dưỡng", "Đạt": "",
                           "Trên tổng số": "", "Tỷ lệ": "không có dữ liệu trong tình huống", "Còn thiếu": ""}])
    return pd.concat([out, extra], ignore_index=True)


def yearly_chart(inspections: pd.DataFrame, term_start: Any, term_end: Any):
    """Inspections and supervisions per year of the term (stacked bars, Vietnamese labels)."""
    from matplotlib.figure import Figure

    t = _in_term(inspections, term_start, term_end)
    years = pd.to_datetime(t["date"]).dt.year
    table = pd.crosstab(years, t["kind"]).reindex(columns=["kiem_tra", "giam_sat"], fill_value=0)
    span = range(as_date(term_start).year, as_date(term_end).year + 1)
    table = table.reindex(span, fill_value=0)
    fig = Figure(figsize=(8, 3.2), layout="constrained")
    ax = fig.add_subplot()
    ax.bar([str(y) for y in table.index], table["kiem_tra"], color="#1f5f99", label="Kiểm tra")
    ax.bar([str(y) for y in table.index], table["giam_sat"], bottom=table["kiem_tra"], color="#d6a33a",
           label="Giám sát")
    ax.set_xlabel("Năm")
    ax.set_ylabel("Số cuộc")
    ax.set_title(f"Kiểm tra, giám sát theo năm, nhiệm kỳ {fmt_date(term_start)}–{fmt_date(term_end)}")
    ax.legend()
    return fig


def coverage_chart(cov: timeline.TermCoverage):
    """Organisations covered and not covered in the term (T6: each at least once)."""
    from matplotlib.figure import Figure

    n_cov = int(cov.table["da_kiem_tra_giam_sat"].sum())
    n_not = len(cov.table) - n_cov
    fig = Figure(figsize=(8, 1.9), layout="constrained")
    ax = fig.add_subplot()
    ax.barh(["Tổ chức trực thuộc"], [n_cov], color="#1b7a35", label=f"Đã kiểm tra, giám sát ({n_cov})")
    ax.barh(["Tổ chức trực thuộc"], [n_not], left=[n_cov], color="#b00020", label=f"Chưa lần nào ({n_not})")
    ax.set_xlim(0, max(1, len(cov.table)))
    ax.set_xlabel("Số tổ chức")
    ax.set_title(f"Chỉ tiêu T6: {cov.share:.0%} tổ chức được kiểm tra, giám sát trong nhiệm kỳ".replace(".", ","))
    ax.legend(loc="lower left", bbox_to_anchor=(1.01, 0), fontsize=8)
    return fig


def coverage_bar_html(cov: timeline.TermCoverage) -> str:
    """``coverage_chart`` as an HTML bar, for the panel: drawing one bar through matplotlib took ~100 ms per change
    (issue 9); the static cell keeps the chart."""
    n_cov = int(cov.table["da_kiem_tra_giam_sat"].sum())
    n_not = len(cov.table) - n_cov
    share = n_cov / len(cov.table) if len(cov.table) else 0.0
    title = f"Chỉ tiêu T6: {cov.share:.0%} tổ chức được kiểm tra, giám sát trong nhiệm kỳ".replace(".", ",")
    return (f"<div role='img' aria-label='{esc(title)}' style='max-width:640px'><div><b>{esc(title)}</b></div>"
            "<div style='display:flex;height:22px;border:1px solid #999'>"
            f"<div style='width:{100 * share:.1f}%;background:#1b7a35'></div>"
            "<div style='flex:1;background:#b00020'></div></div>"
            f"<div style='font-size:85%'><span style='color:#1b7a35'>■</span> Đã kiểm tra, giám sát ({n_cov}) "
            f"<span style='color:#b00020'>■</span> Chưa lần nào ({n_not})</div></div>")


def coverage_report(inspections: pd.DataFrame, organisations: pd.DataFrame, term_start: Any, term_end: Any, *,
                    completed_only: bool = False, ruleset: str | RuleSet = "hcm-2014") -> str:
    cov = coverage(inspections, organisations, term_start, term_end, completed_only=completed_only,
                   ruleset=ruleset)
    return "\n".join([lines_html(cov.explain()), coverage_bar_html(cov),
                      table_html(targets_table(inspections, organisations, term_start, term_end, ruleset=ruleset))])


class CoveragePanel(Panel):
    title = "Thử: chọn khoảng thời gian của nhiệm kỳ"

    def __init__(self, inspections: pd.DataFrame, organisations: pd.DataFrame, *, term_start: Any, term_end: Any,
                 ruleset: str | RuleSet = "hcm-2014") -> None:
        super().__init__()
        self.inspections, self.organisations = inspections, organisations
        self.rs = get_ruleset(ruleset)
        style = {"description_width": "200px"}
        self.start = w.DatePicker(value=as_date(term_start), description="Đầu nhiệm kỳ:", style=style)
        self.end = w.DatePicker(value=as_date(term_end), description="Cuối nhiệm kỳ:", style=style)
        self.completed_only = w.Checkbox(value=False, description="Chỉ tính các cuộc đã hoàn thành", indent=False)
        self.controls = [self.start, self.end, self.completed_only]
        self._watch(*self.controls)
        self.refresh()

    def compute(self) -> str:
        if self.start.value is None or self.end.value is None:
            return message_html("Hãy chọn ngày đầu và ngày cuối nhiệm kỳ.", "warn")
        return coverage_report(self.inspections, self.organisations, self.start.value, self.end.value,
                               completed_only=self.completed_only.value, ruleset=self.rs)


def coverage_quiz(inspections: pd.DataFrame, organisations: pd.DataFrame, term_start: Any, term_end: Any, *,
                  ruleset: str | RuleSet = "hcm-2014") -> Quiz:
    rs = get_ruleset(ruleset)
    cov = coverage(inspections, organisations, term_start, term_end, ruleset=rs)
    n_not = len(cov.uncovered)
    years, minimum = int(rs.value("T6", "term_years")), int(rs.value("T6", "min_per_term"))
    return Quiz([
        Question("Theo chỉ tiêu Kết luận 34, trong 1 nhiệm kỳ mỗi tổ chức trực thuộc được kiểm tra, giám sát ít "
                 "nhất bao nhiêu lần?", [str(v) for v in sorted({minimum, minimum + 1, 3, 5})], str(minimum),
                 str(cov.reasons[0])),
        Question("Một nhiệm kỳ dài bao nhiêu năm?", [str(v) for v in sorted({years, 3, 4, 10})], str(years),
                 f"Nhiệm kỳ {years} năm [T6, {rs.cite('T6')}]."),
        Question(f"Trong nhiệm kỳ {fmt_date(term_start)}–{fmt_date(term_end)}, có bao nhiêu tổ chức trực thuộc chưa "
                 f"được kiểm tra, giám sát lần nào?", [str(v) for v in sorted({n_not, n_not + 1, max(n_not - 1, 0),
                                                                                n_not + 3})], str(n_not),
                 "; ".join(cov.explain()[:1 + n_not])),
    ])
