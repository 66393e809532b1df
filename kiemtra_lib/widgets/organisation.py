"""Notebook 04: the rating of grassroots party organisations (R-O), recomputed from ``kiemtra_lib.rating``."""

from __future__ import annotations

from typing import Any, Mapping

import ipywidgets as w
import pandas as pd

from .. import rating
from ..dates import as_date, fmt_date
from ..errors import InputError
from ..rules import RuleSet, get_ruleset
from ..schema import ORGANISATIONS, TASK_RESULTS
from ._panel import Panel, show
from .quiz import Question, Quiz
from .rating import decision_html, explain_html

__all__ = ["ORG_LEVELS", "org_table", "points_chart", "org_report", "OrgPanel", "org_quiz", "show", "decision_html",
           "explain_html"]

ORG_LEVELS = [lv.label for lv in sorted(rating.OrgLevel, key=lambda lv: -lv.rank)]
_COLOURS = dict(zip(ORG_LEVELS, ["#1b7a35", "#4f9a5a", "#d6a33a", "#b00020"]))
#: The conditions a trainee can switch in the panel (column -> Vietnamese label from the shared schema).
SWITCHES = ("committee_united", "meets_regularly", "remedy_plan_done", "leader_disciplined", "self_detected",
            "corruption_discipline", "agency_lowest", "outstanding")


def _pct(share) -> str:
    return f"{100 * int(share[0]) / int(share[1]):g}%".replace(".", ",")


def org_table(result: rating.RatingResult) -> pd.DataFrame:
    """Each organisation: kind, points, level, rules, the counts the conditions read, flags."""
    o = result.organisations
    out = pd.DataFrame({
        "Mã": o["org_id"], "Loại": o["kind"].map({"chi_bo": "Chi bộ", "dang_bo": "Đảng bộ"}),
        "Điểm": o["points"], "Xếp loại": o["label"], "Quy tắc": o["rule_ids"].map(", ".join),
        "Đảng viên HT trở lên / được xếp loại": [f"{a}/{b}" if k == "chi_bo" else "" for a, b, k in
                                                 zip(o["n_ht_or_above"], o["n_rated"], o["kind"])],
        "Chi bộ TSVM": [int(v) if k == "dang_bo" else "" for v, k in zip(o["n_chi_bo_tsvm"], o["kind"])],
        "Cần quyết định": o["flags"].map(lambda fs: "; ".join(rating.FLAGS.get(f, f) for f in fs)),
    })
    return out


def points_chart(result: rating.RatingResult, ruleset: str | RuleSet = "hcm-2014"):
    """Points of every organisation, coloured by level, with the point thresholds of the rule set."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    rs = get_ruleset(ruleset)
    o = result.organisations
    fig = Figure(figsize=(9.5, 3.6), layout="constrained")
    ax = fig.add_subplot()
    ax.bar(o["org_id"], o["points"], color=[_COLOURS.get(lbl, "#7a7a7a") for lbl in o["label"]])
    for rule_id, name in (("R-O1", "TSVM"), ("R-O3", "Hoàn thành tốt"), ("R-O4", "Hoàn thành")):
        y = float(rs.value(rule_id, "min_points"))
        ax.axhline(y, color="#555555", linestyle="--", linewidth=0.8)
        ax.text(len(o) - 0.5, y + 0.5, f"{y:g} điểm ({name}, {rule_id})", ha="right", va="bottom", fontsize=8)
    ax.set_ylim(max(0.0, min(40.0, float(o["points"].min()) - 10)), 100)
    ax.set_ylabel("Điểm tự chấm (đã thẩm định)")
    ax.set_xlabel("Tổ chức đảng")
    ax.set_title(f"Xếp loại tổ chức ngày {fmt_date(result.review_date)} — bộ quy tắc «{result.ruleset}»")
    ax.legend(handles=[Patch(color=_COLOURS[lbl], label=lbl) for lbl in ORG_LEVELS], fontsize=8,
              loc="upper left", bbox_to_anchor=(1.01, 1))
    return fig


def with_org_changes(organisations: pd.DataFrame, org_id: str, changes: Mapping[str, Any]) -> pd.DataFrame:
    out = ORGANISATIONS.validate(organisations)
    hit = out["org_id"] == org_id
    if not hit.any():
        raise InputError("mã tổ chức", org_id, allowed=list(out["org_id"]))
    for key, value in changes.items():
        out[key] = out[key].astype(object)
        out.loc[hit, key] = value
    return out


def org_report(members: pd.DataFrame, organisations: pd.DataFrame, *, review_date: Any, org_id: str,
               changes: Mapping[str, Any] | None = None, ruleset: str | RuleSet = "hcm-2014") -> str:
    """The organisation's level after ``changes``, why, what would lift it, and its đảng bộ's level."""
    orgs = with_org_changes(organisations, org_id, changes or {})
    result = rating.rate_organisation(members, orgs, review_date=review_date, ruleset=ruleset)
    row = result.organisations.set_index("org_id").loc[org_id]
    parts = [decision_html(result, "organisations", org_id), explain_html(result, org_id)]
    parent = row["parent_id"]
    if isinstance(parent, str) and parent:
        parts.append(decision_html(result, "organisations", parent, f"Đảng bộ {parent} (tổng hợp)"))
    return "\n".join(parts)


class OrgPanel(Panel):
    """Pick a chi bộ (or the đảng bộ), change its points and conditions: its level and the đảng bộ's follow."""

    title = "Thử: thay đổi điểm và điều kiện của một tổ chức"

    def __init__(self, members: pd.DataFrame, organisations: pd.DataFrame, *, review_date: Any,
                 org_id: str | None = None, ruleset: str | RuleSet = "hcm-2014") -> None:
        super().__init__()
        self.members, self.organisations = members, ORGANISATIONS.validate(organisations)
        self.review_date = as_date(review_date, "ngày đánh giá")
        self.rs = get_ruleset(ruleset)
        style = {"description_width": "260px"}
        options = [(f"{r.ten} ({r.org_id})", r.org_id) for r in self.organisations.itertuples()]
        self.org = w.Dropdown(options=options, value=org_id or options[0][1], description="Tổ chức:", style=style,
                              layout=w.Layout(width="620px"))
        self.points = w.FloatSlider(min=0, max=100, step=0.5, description="Điểm:", style=style)
        self.failed = w.IntSlider(min=0, max=5, description="Số nhiệm vụ không hoàn thành:", style=style)
        self.committee = w.Dropdown(options=[(v, k) for k, v in TASK_RESULTS.items()],
                                    description="Cấp ủy hoàn thành nhiệm vụ:", style=style)
        self.switches = {c: w.Checkbox(description=ORGANISATIONS.column(c).label, indent=False) for c in SWITCHES}
        self.org.observe(self._load, names="value")
        self.controls = [self.org, self.points, self.failed, self.committee, *self.switches.values()]
        self._watch(self.points, self.failed, self.committee, *self.switches.values())
        self._load()

    def _load(self, *_: Any) -> None:
        row = self.organisations.loc[self.organisations["org_id"] == self.org.value].iloc[0]
        with self.loading():
            self.points.value = float(row["points"])
            self.failed.value = int(row["failed_tasks"])
            self.committee.value = row["committee_result"]
            for c, box in self.switches.items():
                box.value = bool(row[c])

    def changes(self) -> dict:
        out = {"points": self.points.value, "failed_tasks": self.failed.value,
               "committee_result": self.committee.value}
        out.update({c: box.value for c, box in self.switches.items()})
        return out

    def compute(self) -> str:
        return org_report(self.members, self.organisations, review_date=self.review_date, org_id=self.org.value,
                          changes=self.changes(), ruleset=self.rs)


def org_quiz(result: rating.RatingResult, *, ruleset: str | RuleSet = "hcm-2014") -> Quiz:
    """Answers from the library: an organisation's level, the point thresholds, the TSVM tiêu biểu quota."""
    rs = get_ruleset(ruleset)
    o = result.organisations
    chi = o[o["kind"] == "chi_bo"]
    first = chi.iloc[0] if len(chi) else o.iloc[0]
    tsvm = float(rs.value("R-O1", "min_points"))
    questions = [
        Question(f"{first['org_id']} ({first['points']:g} điểm) được xếp loại gì?", ORG_LEVELS, first["label"],
                 str(first["reasons"])),
        Question("Tổ chức cần ít nhất bao nhiêu điểm để có thể đạt «Trong sạch vững mạnh»?",
                 [f"{v:g}" for v in sorted({tsvm - 10, tsvm, tsvm + 5, 100.0})], f"{tsvm:g}",
                 f"Từ {tsvm:g} điểm trở lên và đủ các điều kiện [R-O1, {rs.cite('R-O1')}]."),
    ]
    db = o[o["kind"] == "dang_bo"]
    if len(db):
        d = db.iloc[0]
        quota = int(d["exemplary_quota"])
        questions.append(Question(
            f"Đảng bộ {d['org_id']} có {int(d['n_chi_bo_tsvm'])} chi bộ đạt «Trong sạch vững mạnh». Được đề xuất "
            f"tối đa bao nhiêu chi bộ «Trong sạch vững mạnh tiêu biểu»?",
            [str(v) for v in sorted({quota, quota + 1, int(d['n_chi_bo_tsvm'])} | {max(quota - 1, 0)})], str(quota),
            f"Không vượt quá {_pct(rs.value('R-O2', 'share'))} số chi bộ trực thuộc đạt «Trong sạch vững mạnh», làm "
            f"tròn xuống [R-O2, {rs.cite('R-O2')}]."))
    return Quiz(questions)
