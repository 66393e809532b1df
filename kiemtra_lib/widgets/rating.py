"""Notebook 03: the rating of party members (R-M, K3, K5), recomputed from ``kiemtra_lib.rating`` as votes change."""

from __future__ import annotations

from typing import Any, Mapping

import ipywidgets as w
import pandas as pd

from .. import rating
from ..rating.explanation import min_votes_for
from ..rating.votes import over_text, vote_fraction
from ..rating.results import NEW_VOTE_LABEL, NOT_RATED_LABEL
from ..dates import as_date, fmt_date
from ..rules import RuleSet, get_ruleset
from ..schema import CIVIL_SERVANT_RATINGS, MEMBERS, TASK_RESULTS
from ._panel import Panel, esc, message_html, show
from .quiz import Question, Quiz

__all__ = ["LEVEL_ORDER", "member_table", "level_chart", "decision_html", "explain_html", "member_report", "min_votes_for", "MemberRatingPanel",
           "rating_quiz", "with_changes", "show"]

#: Member labels in the order of the levels (best first), then the two "no level" labels.
LEVEL_ORDER = [lv.label for lv in sorted(rating.MemberLevel, key=lambda lv: -lv.rank)]
_COLOURS = ["#1b7a35", "#4f9a5a", "#d6a33a", "#b00020", "#7a7a7a", "#9a9a9a"]
VOTE_FIELDS = {"votes_xuat_sac": "Phiếu HTXS:", "votes_tot": "Phiếu HTT:", "votes_hoan_thanh": "Phiếu HT:",
               "votes_khong_hoan_thanh": "Phiếu KHT:"}


def _all_labels(result: rating.RatingResult) -> list[str]:
    present = set(result.members["label"])
    return LEVEL_ORDER + [lbl for lbl in (NEW_VOTE_LABEL, NOT_RATED_LABEL) if lbl in present]


def member_table(result: rating.RatingResult, members: pd.DataFrame) -> pd.DataFrame:
    """Each member's level, the rules that decided it, and what is left for the chi bộ to decide."""
    names = members.set_index("member_id")["ho_ten"] if "ho_ten" in members else pd.Series(dtype=object)
    out = result.members[["member_id", "chi_bo_id", "label", "rule_ids", "flags"]].copy()
    out.insert(1, "ho_ten", out["member_id"].map(names))
    out["rule_ids"] = out["rule_ids"].map(", ".join)
    out["flags"] = out["flags"].map(lambda fs: "; ".join(rating.FLAGS.get(f, f) for f in fs))
    return out.rename(columns={"member_id": "Mã", "ho_ten": "Họ và tên", "chi_bo_id": "Chi bộ", "label": "Xếp loại",
                               "rule_ids": "Quy tắc", "flags": "Cần quyết định"})


def level_chart(result: rating.RatingResult, title: str = ""):
    """Members per level (bar chart, Vietnamese labels), titled with the review date and the rule set."""
    from matplotlib.figure import Figure

    labels = _all_labels(result)
    counts = result.members["label"].value_counts().reindex(labels, fill_value=0)
    fig = Figure(figsize=(8, 3.4), layout="constrained")
    ax = fig.add_subplot()
    bars = ax.barh(labels[::-1], counts.to_numpy()[::-1], color=_COLOURS[:len(labels)][::-1])
    ax.bar_label(bars, padding=3)
    ax.set_xlabel("Số đảng viên")
    ax.set_title(title or f"Xếp loại đảng viên ngày {fmt_date(result.review_date)} — bộ quy tắc «{result.ruleset}»")
    ax.set_xlim(0, max(1, counts.max()) * 1.15)
    return fig


def with_changes(members: pd.DataFrame, member_id: str, changes: Mapping[str, Any]) -> pd.DataFrame:
    """A copy of the members table with one member's values changed (what a trainee tries)."""
    out = members.copy()
    hit = out["member_id"] == member_id
    if not hit.any():
        from ..errors import InputError

        raise InputError("mã đảng viên", member_id, allowed=list(out["member_id"]))
    for key, value in changes.items():
        out[key] = out[key].astype(object)
        out.loc[hit, key] = value
    return out


def decision_html(result: rating.RatingResult, kind: str, key: str, subject: str = "") -> str:
    """One row of a result (members or organisations) as HTML: level, reasons with their rules, flags, rule set.

    Read from the result's table, so members not rated this time (K3, K5) show like everyone else."""
    table = result.members if kind == "members" else result.organisations
    id_col = "member_id" if kind == "members" else "org_id"
    row = table.loc[table[id_col] == str(key)].iloc[0]
    reasons = "".join(f"<li>{esc(line)}</li>" for line in str(row["reasons"]).splitlines() if line.strip())
    flags = "".join(message_html(rating.FLAGS.get(f, f), "warn") for f in row["flags"])
    return (f"<div><p><b>{esc(subject or str(key))}: {esc(row['label'])}</b></p><ul>{reasons}</ul>{flags}"
            f"<p><small>Theo {esc(result.ruleset_label)}.</small></p></div>")


def explain_html(result: rating.RatingResult, key: str) -> str:
    """What would have to change for the next level up (``rating.explain``), as HTML; a subject the library cannot
    explain gets a Vietnamese note instead of an error."""
    try:
        return rating.explain(result, key)._repr_html_()
    except Exception as exc:  # e.g. a member not rated this time: nothing to reach at this meeting
        return message_html(f"Không có giải thích «cần thay đổi gì» cho {key}: {exc}", "info")


def member_report(members: pd.DataFrame, organisations: pd.DataFrame, *, review_date: Any, member_id: str,
                  changes: Mapping[str, Any] | None = None, ruleset: str | RuleSet = "hcm-2014") -> str:
    """One member's decision (and their chi bộ's) after ``changes``, as HTML, with the rule set named."""
    table = with_changes(members, member_id, changes or {})
    result = rating.rate_organisation(table, organisations, review_date=review_date, ruleset=ruleset)
    chi_bo = str(table.loc[table["member_id"] == member_id, "chi_bo_id"].iloc[0])
    row = result.organisations.set_index("org_id").loc[chi_bo]
    quota = (f"Chi bộ {chi_bo}: {int(row['n_official'])} đảng viên chính thức; chỉ tiêu Hoàn thành xuất sắc "
             f"{int(row['htxs_quota'])} người, đã chọn {int(row['n_htxs'])}.")
    return "\n".join([decision_html(result, "members", member_id, f"Đảng viên {member_id}"),
                      explain_html(result, member_id),
                      message_html(quota, "info"), decision_html(result, "organisations", chi_bo, f"Chi bộ {chi_bo}")])





class MemberRatingPanel(Panel):
    """Pick a member, change their votes, the chi bộ's assessment or their civil-service rating: see the new level,
    why, and what it does to the chi bộ's quota."""

    title = "Thử: thay đổi phiếu và điều kiện của một đảng viên"

    def __init__(self, members: pd.DataFrame, organisations: pd.DataFrame, *, review_date: Any,
                 member_id: str | None = None, ruleset: str | RuleSet = "hcm-2014") -> None:
        super().__init__()
        self.members, self.organisations = MEMBERS.validate(members), organisations  # defaults for missing columns
        self.review_date = as_date(review_date, "ngày đánh giá")
        self.rs = get_ruleset(ruleset)
        style = {"description_width": "220px"}
        options = [(f"{r.ho_ten} ({r.member_id})", r.member_id) for r in self.members.itertuples()]
        n = int(self.members.groupby("chi_bo_id")["official"].sum().max())
        self.member = w.Dropdown(options=options, value=member_id or options[0][1], description="Đảng viên:",
                                 style=style, layout=w.Layout(width="560px"))
        self.votes = {k: w.IntSlider(min=0, max=n, description=label, style=style) for k, label in VOTE_FIELDS.items()}
        self.task = w.Dropdown(options=[(v, k) for k, v in TASK_RESULTS.items()],
                               description="Chi bộ đánh giá nhiệm vụ:", style=style)
        self.civil = w.Dropdown(options=[("(không phải công chức)", None)] +
                                [(v, k) for k, v in CIVIL_SERVANT_RATINGS.items()],
                                description="Xếp loại công chức:", style=style, layout=w.Layout(width="560px"))
        self.sick = w.FloatSlider(min=0, max=12, step=0.5, description="Số tháng nghỉ ốm:", style=style)
        self.absences = w.IntSlider(min=0, max=12, description="Số buổi vắng sinh hoạt:", style=style)
        self.member.observe(self._load, names="value")
        self.controls = [self.member, *self.votes.values(), self.task, self.civil, self.sick, self.absences]
        self._watch(*self.votes.values(), self.task, self.civil, self.sick, self.absences)
        self._load()

    def _load(self, *_: Any) -> None:
        """Show the chosen member's own values, then recompute once."""
        row = self.members.loc[self.members["member_id"] == self.member.value].iloc[0]
        with self.loading():
            for k, s in self.votes.items():
                s.value = int(row[k])
            self.task.value = row["task_result"]
            civil = row.get("civil_servant_rating")
            self.civil.value = civil if isinstance(civil, str) and civil else None
            self.sick.value = float(row.get("sick_leave_months", 0) or 0)
            self.absences.value = int(row.get("absences", 0) or 0)

    def changes(self) -> dict:
        out = {k: s.value for k, s in self.votes.items()}
        out.update(task_result=self.task.value, civil_servant_rating=self.civil.value,
                   sick_leave_months=self.sick.value, absences=self.absences.value)
        return out

    def compute(self) -> str:
        return member_report(self.members, self.organisations, review_date=self.review_date,
                             member_id=self.member.value, changes=self.changes(), ruleset=self.rs)


def rating_quiz(result: rating.RatingResult, members: pd.DataFrame, *, member_id: str,
                ruleset: str | RuleSet = "hcm-2014") -> Quiz:
    """Questions whose answers the library computes: a member's level, vote thresholds, why one is not rated."""
    rs = get_ruleset(ruleset)
    members = MEMBERS.validate(members)
    choices = LEVEL_ORDER + [NOT_RATED_LABEL]
    row = result.members.set_index("member_id").loc[member_id]
    chi_bo = str(members.loc[members["member_id"] == member_id, "chi_bo_id"].iloc[0])
    n = int(members.loc[members["chi_bo_id"] == chi_bo, "official"].sum())
    htt = min_votes_for("Hoàn thành tốt nhiệm vụ", n, task_result="tot", review_date=result.review_date, ruleset=rs)
    htxs = min_votes_for("Hoàn thành xuất sắc nhiệm vụ", n, task_result="xuat_sac", review_date=result.review_date,
                         ruleset=rs)
    questions = [
        Question(f"Đảng viên {member_id} được xếp loại gì (bộ quy tắc «{rs.name}»)?",
                 list(dict.fromkeys(choices + [row["label"]])), row["label"], str(row["reasons"])),
        Question(f"Chi bộ có {n} đảng viên chính thức, chi bộ đánh giá một đảng viên hoàn thành tốt nhiệm vụ. Ít "
                 f"nhất bao nhiêu phiếu tán thành để đạt Hoàn thành tốt nhiệm vụ?",
                 [str(v) for v in sorted({max(htt - 1, 0), htt, htt + 1, n})], str(htt),
                 f"Phải có {over_text(vote_fraction(rs, 3))} số đảng viên chính thức tán thành "
                 f"[R-M3, {rs.cite('R-M3')}]."),
        Question(f"Cũng chi bộ {n} đảng viên chính thức: ít nhất bao nhiêu phiếu để đạt Hoàn thành xuất sắc "
                 f"(chưa tính chỉ tiêu)?", [str(v) for v in sorted({max(htxs - 1, 0), htxs, htxs + 1, n})],
                 str(htxs), f"Phải có {over_text(vote_fraction(rs, 4))} số đảng viên chính thức tán thành "
                            f"[R-M1, {rs.cite('R-M1')}]; vừa đúng {'/'.join(map(str, vote_fraction(rs, 4)))} là chưa đủ."),
    ]
    not_rated = result.members[result.members["level"].isna() & result.members["flags"].map(len).eq(0)]
    if len(not_rated):
        first = not_rated.iloc[0]
        rule_id = first["rule_ids"][0]
        questions.append(Question(f"Đảng viên {first['member_id']} chưa được phân loại lần này theo quy tắc nào?",
                                  sorted({"K3", "K5", "R-M2", "R-M5"} | {rule_id}), rule_id, str(first["reasons"])))
    return Quiz(questions)
