"""Notebook 02: the review meeting of a chi bộ (K1–K5), recomputed from ``kiemtra_lib.review`` as posts change."""

from __future__ import annotations

from typing import Any, Mapping

import ipywidgets as w
import pandas as pd

from .. import review
from ..dates import as_date, fmt_date
from ..rules import RuleSet, get_ruleset
from ._panel import Panel, esc, message_html, show, table_html
from .quiz import Question, Quiz

__all__ = ["assign_posts", "chi_bo_posts", "review_report", "ReviewPanel", "review_quiz", "show"]

NONE = "(không có)"


def _holder(mid: Any) -> Any:
    return None if mid == NONE else mid  # the dropdown's "(không có)": nobody holds the post


def assign_posts(secretary: str | None = None, deputy: str | None = None, committee: Any = (),
                 leaders: Any = ()) -> dict[str, list[str]]:
    """``kiemtra_lib.review.assign_posts`` with the dropdown's "(không có)" read as nobody."""
    return review.assign_posts(_holder(secretary), _holder(deputy), [_holder(m) for m in committee],
                               [_holder(m) for m in leaders])


def chi_bo_posts(members: pd.DataFrame, *, secretary: str | None = None, deputy: str | None = None,
                 committee: Any = (), leaders: Any = ()) -> dict[str, list[str]]:
    """``kiemtra_lib.review.chi_bo_posts`` with the dropdown's "(không có)" read as nobody."""
    return review.chi_bo_posts(members, secretary=_holder(secretary), deputy=_holder(deputy),
                               committee=[_holder(m) for m in committee], leaders=[_holder(m) for m in leaders])


def review_report(members: pd.DataFrame, *, meeting_date: Any, posts: Mapping[str, Any], has_committee: bool,
                  explain: str | None = None, chi_bo: str | None = None,
                  ruleset: str | RuleSet = "hcm-2014") -> str:
    """The plan as HTML: summary, agenda, places, exclusions, flags, and one member's explanation."""
    everyone = {str(m): [] for m in members["member_id"]}
    plan = review.plan_review(members, meeting_date=meeting_date, posts={**everyone, **posts},
                              has_committee=has_committee, chi_bo=chi_bo, ruleset=ruleset)
    parts = [f"<p><b>{esc(plan.summary())}</b></p>", "<p>Trình tự hội nghị (K2):</p>", table_html(plan.to_frame()),
             "<p>Nơi kiểm điểm của từng đảng viên (K4):</p>", table_html(plan.places_frame())]
    for ex in plan.not_reviewed + plan.absent:
        parts.append(message_html(f"{ex.name} ({ex.member_id}): {ex.reason}", "warn"))
    for flag in plan.flags:
        parts.append(message_html(f"Cần quyết định: {flag}", "warn"))
    if explain:
        parts.append(message_html(plan.explain(explain), "info"))
    return "\n".join(parts)


class ReviewPanel(Panel):
    """Choose the meeting date and who holds which post; the order, chairs and places are recomputed."""

    title = "Thử: sắp xếp hội nghị kiểm điểm của chi bộ"

    def __init__(self, members: pd.DataFrame, *, meeting_date: Any, posts: Mapping[str, Any] | None = None,
                 has_committee: bool | None = None, chi_bo: str | None = None,
                 ruleset: str | RuleSet = "hcm-2014") -> None:
        super().__init__()
        posts = posts if posts is not None else chi_bo_posts(members)

        def holders(post: str) -> list[str]:
            return [m for m, held in posts.items() if post in held]

        secretary, deputy = (holders("bi_thu_chi_bo") or [None])[0], (holders("pho_bi_thu_chi_bo") or [None])[0]
        committee, leaders = holders("chi_uy_vien"), holders("lanh_dao_quan_ly")
        self.other_posts = {m: [p for p in held if p not in ("bi_thu_chi_bo", "pho_bi_thu_chi_bo", "chi_uy_vien",
                                                             "lanh_dao_quan_ly")] for m, held in posts.items()}
        self.members = members.reset_index(drop=True)
        self.rs = get_ruleset(ruleset)
        self.chi_bo = chi_bo
        options = [(f"{r.ho_ten} ({r.member_id})", r.member_id) for r in self.members.itertuples()]
        with_none = [(NONE, NONE)] + options
        style = {"description_width": "190px"}
        layout = w.Layout(width="520px")
        self.date = w.DatePicker(value=as_date(meeting_date), description="Ngày họp chi bộ:", style=style)
        self.secretary = w.Dropdown(options=with_none, value=secretary or NONE, description="Bí thư chi bộ:",
                                    style=style, layout=layout)
        self.deputy = w.Dropdown(options=with_none, value=deputy or NONE, description="Phó Bí thư:", style=style,
                                 layout=layout)
        self.committee = w.SelectMultiple(options=options, value=tuple(committee), description="Chi ủy viên:",
                                          style=style, layout=layout, rows=4)
        self.leaders = w.SelectMultiple(options=options, value=tuple(leaders),
                                        description="Cán bộ lãnh đạo, quản lý:", style=style, layout=layout, rows=4)
        self.has_committee = w.Checkbox(value=bool(committee) if has_committee is None else has_committee,
                                        description="Chi bộ có cấp ủy (chi ủy)")
        self.explain = w.Dropdown(options=options, value=options[0][1], description="Giải thích cho:", style=style,
                                  layout=layout)
        self.controls = [self.date, self.secretary, self.deputy, self.committee, self.leaders, self.has_committee,
                         self.explain]
        self._watch(*self.controls)
        self.refresh()

    def compute(self) -> str:
        if self.date.value is None:
            return message_html("Hãy chọn ngày họp chi bộ.", "warn")
        posts = {m: list(held) for m, held in self.other_posts.items()}
        for mid, held in assign_posts(self.secretary.value, self.deputy.value, self.committee.value,
                                      self.leaders.value).items():
            posts.setdefault(mid, []).extend(held)
        return review_report(self.members, meeting_date=self.date.value, posts=posts,
                             has_committee=self.has_committee.value, explain=self.explain.value,
                             chi_bo=self.chi_bo, ruleset=self.rs)


def review_quiz(plan: review.ReviewPlan) -> Quiz:
    """Questions on a plan; every answer is read from the plan the library computed."""
    names = {p.member_id: p.name for p in plan.places} | {e.member_id: e.name for e in plan.not_reviewed}
    people = [i for i in plan.agenda if i.kind == "ca_nhan"]
    first = names[people[0].member_id]
    pool = list(dict.fromkeys([first] + [names[i.member_id] for i in people[-3:]]))
    questions = [Question("Trong phần kiểm điểm cá nhân, ai trình bày bản kiểm điểm đầu tiên?", pool, first,
                          f"{first}: {people[0].reasons[0].text}")]
    head = next((i for i in people if i.tier == "bi_thu"), None)
    if head is not None:
        chairs = list(dict.fromkeys([head.chair, plan.agenda[0].chair, "(chưa xác định)",
                                     "Ủy viên thường vụ Đảng ủy phụ trách chi bộ"]))
        questions.append(Question("Khi Bí thư chi bộ trình bày bản kiểm điểm cá nhân, ai chủ trì phần đó?", chairs,
                                  head.chair, "004 §V.3: khi kiểm điểm cá nhân Bí thư thì Phó Bí thư chủ trì; nếu "
                                  "chi bộ không có Phó Bí thư, nguồn không nói, chi bộ quyết định."))
    first_part = {"tap_the": "Phần kiểm điểm tập thể", "ca_nhan": "Cá nhân Bí thư chi bộ"}[plan.agenda[0].kind]
    questions.append(Question("Phần nào được kiểm điểm trước?",
                              ["Phần kiểm điểm tập thể", "Cá nhân Bí thư chi bộ", "Các đảng viên theo danh sách"],
                              first_part,
                              "Tập thể kiểm điểm trước, cá nhân kiểm điểm sau (003 Bước 2; 004 §V.3)."))
    if plan.not_reviewed:
        ex = plan.not_reviewed[0]
        questions.append(Question(f"{ex.name} có kiểm điểm ở hội nghị ngày {fmt_date(plan.meeting_date)} không?",
                                  ["Có", "Không"], "Không", str(ex.reason)))
    return Quiz(questions)
