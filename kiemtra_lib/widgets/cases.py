"""Lessons 13 and 14 (case studies of seeds 003 and 004): the review campaign's windows (T7 top down, T8 the dated
plan of 2014), a panel that checks a date against a window, and quizzes drawn from the rule data."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import ipywidgets as w
import pandas as pd

from .. import review, timeline
from ..dates import as_date, fmt_date
from ..rules import RuleSet, get_ruleset
from ._panel import Panel, esc, message_html, reasons_html, show
from .quiz import Question, Quiz

__all__ = ["window_options", "campaign_table", "check_html", "CampaignPanel", "campaign_quiz", "k1_quiz",
           "followup_table", "residence_quiz", "capstone", "capstone_html", "capstone_quiz", "show"]


def window_options(year: int | None = None, *, ruleset: str | RuleSet = "hcm-2014") -> list[tuple[str, str]]:
    """(label shown, window code) of the T7 windows (of ``year``) and the T8 windows of the 2014 plan."""
    rs = get_ruleset(ruleset)
    out = [(f"{w['label']} (tháng {w['first_month']}–{w['last_month']})", key)
           for key, w in rs.value("T7", "windows").items()] if year is not None else []
    for key, w in rs.value("T8", "windows").items():
        out.append((f"Đợt {fmt_date(w['first'])}–{fmt_date(w['last'])}", key))
    out += [("Hạn hoàn thành kiểm điểm", "reviews_before"), ("Hạn báo cáo cấp trên", "report_before")]
    return out


def campaign_table(year: int | None = None, *, ruleset: str | RuleSet = "hcm-2014") -> pd.DataFrame:
    """The campaign's windows as a table a trainee reads (rule, what, from, to)."""
    df = timeline.review_calendar(year, ruleset=ruleset)
    return pd.DataFrame({"Quy tắc": df["quy_tac"], "Nội dung": df["noi_dung"],
                         "Từ ngày": df["tu_ngay"].map(fmt_date), "Đến ngày": df["den_ngay"].map(fmt_date)})


def check_html(day: Any, window: str, *, ruleset: str | RuleSet = "hcm-2014") -> str:
    check = timeline.check_review_date(day, window, ruleset=ruleset)
    return (message_html(("Đúng đợt. " if check.ok else "Ngoài đợt. ") + check.message, "ok" if check.ok else "warn")
            + reasons_html(check.reasons))


class CampaignPanel(Panel):
    """Choose a window of the campaign and a planned date: inside the window or not, by how many days, and why."""

    title = "Kiểm tra ngày dự kiến theo lịch kiểm điểm"

    def __init__(self, day: Any, window: str, *, year: int | None = None,
                 ruleset: str | RuleSet = "hcm-2014") -> None:
        super().__init__()
        self.rs = get_ruleset(ruleset)
        self.window = w.Dropdown(options=window_options(year, ruleset=self.rs), value=window, description="Đợt",
                                 layout=w.Layout(width="34em"))
        self.day = w.DatePicker(value=as_date(day), description="Ngày dự kiến")
        self.controls = [self.window, self.day]
        self._watch(self.window, self.day)
        self.refresh()

    def compute(self) -> str:
        return check_html(self.day.value, self.window.value, ruleset=self.rs)


def campaign_quiz(year: int, *, seed: int = 0, ruleset: str | RuleSet = "hcm-2014") -> Quiz:
    """Which window holds a task of the 2014 plan (T8), and who reviews first (T7): answers read from the rules."""
    rs = get_ruleset(ruleset)
    rng = random.Random(seed)
    t8 = rs.value("T8", "windows")
    labels = {key: f"{fmt_date(w['first'])}–{fmt_date(w['last'])}" for key, w in t8.items()}
    questions = []
    for key in rng.sample(list(t8), 2):
        task = t8[key]["tasks"].split(";")[0].strip()
        questions.append(Question(f"Theo kế hoạch năm 2014, việc «{task}» làm trong đợt nào?",
                                  tuple(labels.values()), labels[key],
                                  f"Đợt {labels[key]}: {t8[key]['tasks']}."))
    t7 = rs.value("T7", "windows")
    first = next(iter(t7.values()))
    questions.append(Question(f"Trong đợt kiểm điểm năm {year}, cấp nào kiểm điểm trước tiên?",
                              tuple(w["label"] for w in t7.values()), first["label"],
                              f"{first['label']} kiểm điểm trước (tháng {first['first_month']}–"
                              f"{first['last_month']}), rồi đến cấp dưới: kiểm điểm từ trên xuống (T7)."))
    end = rs.value("T8", "reviews_before")
    last = end - dt.timedelta(days=0 if rs.param("t8_before_inclusive") else 1)
    questions.append(Question(f"Hoàn thành kiểm điểm «trước ngày {fmt_date(end)}»: ngày cuối còn kịp là ngày nào?",
                              tuple(fmt_date(end + dt.timedelta(days=k)) for k in (-2, -1, 0, 1)), fmt_date(last),
                              "Diễn giải của khóa học: «trước ngày» là trước hẳn ngày đó (giảng viên có thể đổi)."))
    return Quiz(questions, title="Tự kiểm tra: lịch kiểm điểm")


def k1_quiz(*, seed: int = 0, ruleset: str | RuleSet = "hcm-2014", n: int = 4) -> Quiz:
    """Practise the three steps (K1): for a task of the campaign, which step is it in? Tasks read from the rules."""
    steps = review.steps(ruleset)
    name_col, task_col = steps.columns[1], steps.columns[-1]  # «Tên bước», «Việc cần làm»
    names = list(dict.fromkeys(steps[name_col]))
    rng = random.Random(seed)
    rows = steps.sample(n=min(n, len(steps)), random_state=rng.randrange(2**31))
    return Quiz([Question(f"Việc «{task}» thuộc bước nào?", tuple(names), step,
                          f"Việc này thuộc «{step}» (K1, văn bản 003).")
                 for step, task in zip(rows[name_col], rows[task_col])],
                title="Thực hành: ba bước kiểm điểm")


def followup_table(meetings: dict, window: str = "kiem_diem_chi_bo", *,
                   ruleset: str | RuleSet = "hcm-2014") -> pd.DataFrame:
    """What an inspection committee member following the campaign (004 §VI.3) writes down: each chi bộ's planned
    meeting date against the window of the plan, and by how many days it is early or late."""
    rows = []
    for org, day in meetings.items():
        check = timeline.check_review_date(day, window, ruleset=ruleset)
        rows.append({"Chi bộ": org, "Ngày họp dự kiến": fmt_date(as_date(day)),
                     "Kết quả": ("Đúng đợt" if check.ok else "Ngoài đợt") + f" ({check.message.split(': ', 1)[1].rstrip('.')})"})
    return pd.DataFrame(rows)


def residence_quiz() -> Quiz:
    """The residence committee's comments (004 §V.1, §V.3, §VI.1): when they are asked for and when they are read."""
    return Quiz([
        Question("Ai lấy ý kiến nhận xét của cấp ủy nơi đảng viên cư trú?",
                 ("Cấp ủy chi bộ", "Ủy ban kiểm tra Đảng ủy", "Đảng viên tự xin", "Ban Thường vụ Đảng ủy Khối"),
                 "Cấp ủy chi bộ", "«Cấp ủy chi bộ thực hiện lấy ý kiến nhận xét của cấp ủy nơi cư trú theo Quy định 76 "
                 "của Trung ương» (văn bản 004, mục V.1)."),
        Question("Bản nhận xét của cấp ủy nơi cư trú được đọc lúc nào?",
                 ("Tại hội nghị chi bộ, khi kiểm điểm từng đảng viên, trước khi đảng viên trong chi bộ góp ý",
                  "Tại hội nghị Đảng ủy thẩm định xếp loại", "Không đọc, chỉ lưu hồ sơ",
                  "Sau khi chi bộ đã bỏ phiếu xếp loại"),
                 "Tại hội nghị chi bộ, khi kiểm điểm từng đảng viên, trước khi đảng viên trong chi bộ góp ý",
                 "Mục V.3: sau khi từng cá nhân trình bày bản kiểm điểm, Bí thư chi bộ «đọc bản nhận xét của cấp ủy "
                 "địa phương nơi cư trú», rồi đảng viên trong chi bộ đóng góp ý kiến, cuối cùng chi bộ bỏ phiếu."),
    ], title="Tự kiểm tra: nhận xét của cấp ủy nơi cư trú")


def capstone(year: int, start: Any, announced: Any, form: str, meeting: Any, review: Any,
             earlier_announced: Any = None, *, ruleset: str | RuleSet = "hcm-2014") -> tuple[str, dict]:
    """The capstone exercise's situation (generator ``capstone_year``) for the lesson's own dates, and the library's
    answers to it: the worked example of lesson 15 is exactly what the exercise asks."""
    from ..exercises.generators import get_generator

    gen = get_generator("capstone_year")
    scenario = {"year": int(year), "start": as_date(start).isoformat(), "announced": as_date(announced).isoformat(),
                "form": form, "review": as_date(review).isoformat(), "meeting": as_date(meeting).isoformat(),
                "earlier_announced": as_date(earlier_announced).isoformat() if earlier_announced else None}
    return gen.describe(scenario), gen.solve(scenario, get_ruleset(ruleset))


def capstone_html(facts: dict) -> str:
    labels = {"deadline": "Hạn hoàn thành cuộc kiểm tra", "self_report": "Hạn nộp báo cáo tự kiểm tra",
              "sync": "Hạn xem xét kỷ luật hành chính", "meeting_in_window": "Ngày họp kiểm điểm đúng đợt",
              "in_force": "Ngày xếp loại còn đang chấp hành kỷ luật"}
    rows = []
    for key, label in labels.items():
        f = facts[key]
        value = fmt_date(f.value) if key in ("deadline", "self_report", "sync") else dict(f.choices)[f.value]
        rows.append(f"<li><b>{esc(label)}: {esc(value)}</b> — {esc(f.explanation)}</li>")
    return "<ul>" + "".join(rows) + "</ul>"


def capstone_quiz(facts: dict) -> Quiz:
    """The capstone's dates and yes/no answers as questions (the choices around the library's date)."""
    def near(iso: str) -> tuple[str, ...]:
        d = dt.date.fromisoformat(iso)
        return tuple(fmt_date(d + dt.timedelta(days=k)) for k in (-3, -1, 0, 2))

    yes_no = ("Có", "Không")
    return Quiz([
        Question("Cuộc kiểm tra phải xong chậm nhất ngày nào?", near(facts["deadline"].value),
                 fmt_date(facts["deadline"].value), facts["deadline"].explanation),
        Question("Cơ quan nơi đảng viên công tác phải xem xét kỷ luật hành chính chậm nhất ngày nào?",
                 near(facts["sync"].value), fmt_date(facts["sync"].value), facts["sync"].explanation),
        Question("Vào ngày xếp loại, đảng viên còn đang chấp hành kỷ luật không?", yes_no,
                 dict(facts["in_force"].choices)[facts["in_force"].value], facts["in_force"].explanation),
    ], title="Tự kiểm tra: tình huống trọn năm")
