"""Discipline scenarios (DF1, DF2, DF4, DF8–DF10): forms, limitation periods and the direction of circumstances come
from ``kiemtra_lib.discipline``. The library recommends; the competent body decides, and the scenarios say so."""

from __future__ import annotations

import datetime as dt
import random

from ...dates import fmt_date
from .base import Fact, Generator, Param, register

_D = dt.date
_SUBJECT = {"dang_vien": "một đảng viên", "to_chuc": "một tổ chức đảng (chi bộ)"}


def _form_facts(subject: str, official: bool, holds_post: bool, rs):
    """Every form of the subject as the widget's options; the applicable ones, lightest first, as the order."""
    from ...discipline.forms import forms, subject_forms

    labels = rs.value("DF1", "labels")
    every = subject_forms(rs, subject, official=True)
    choices = tuple((slug, labels[slug]) for slug in every)
    order = tuple(f.slug for f in forms(subject, official=official, holds_post=holds_post, ruleset=rs))
    return choices, order


def _case_generate(p: dict, rng: random.Random) -> dict:
    from ...discipline.assess import circumstances

    subject = p["subject"]
    decision = dt.date.fromisoformat(p["decision_date"])
    violation = decision - dt.timedelta(days=rng.randint(60, 4 * 365))
    severity = p["severity"]
    holds_post = subject == "dang_vien" and severity == "it_nghiem_trong" and rng.random() < 0.5
    pool = sorted(circumstances(subject))
    k = min(int(p["circumstances"]), len(pool))
    chosen = sorted(rng.sample(pool, k))
    return {"subject": subject, "severity": severity, "violation_date": violation.isoformat(),
            "decision_date": p["decision_date"], "holds_post": holds_post, "circumstances": chosen}


def _assess(s: dict, rs):
    from ...discipline import assess

    case = {"subject": s["subject"], "violation_date": s["violation_date"], "decision_date": s["decision_date"],
            "severity": s["severity"], "circumstances": list(s["circumstances"])}
    if s["subject"] == "dang_vien":
        case["holds_post"] = bool(s["holds_post"])
    return assess(case, ruleset=rs)


def _case_solve(s: dict, rs) -> dict:
    from ...discipline.assess import DIRECTIONS, OUTCOMES

    a = _assess(s, rs)
    choices, order = _form_facts(s["subject"], True, bool(s["holds_post"]), rs)
    sev = [r for r in a.reasons if r.rule_id in ("DF1", "DF10")]
    sev_text = " ".join(r.text for r in sev)
    circ = [r for r in a.reasons if r.rule_id in ("DF8", "DF9")]
    circ_text = " ".join(r.text for r in circ) or "Không có tình tiết tăng nặng hay giảm nhẹ."
    directions = tuple(DIRECTIONS.items()) + (("khong_co", "không có tình tiết tăng nặng, giảm nhẹ"),)
    lim = [r for r in a.reasons if r.rule_id in ("DF2", "DF4", "DF5")]
    return {
        "form": Fact(a.form.slug, tuple(sorted({"DF1", "DF10"})), sev_text, choices=choices, order=order),
        "direction": Fact(a.direction or "khong_co", tuple(sorted({r.rule_id for r in circ})) or ("DF8", "DF9"),
                          circ_text, choices=directions),
        "outcome": Fact(a.outcome, tuple(a.rule_ids), OUTCOMES[a.outcome] + ". " + " ".join(
            r.text for r in a.reasons if r.rule_id in ("DF6", "DF2")), choices=tuple(OUTCOMES.items())),
        "limitation_end": Fact(a.limitation_end.isoformat() if a.limitation_end else "", ("DF2",),
                               " ".join(r.text for r in lim)),
        "rules": Fact(sorted({r.rule_id for r in circ} | {"DF10"}), tuple(sorted({r.rule_id for r in circ} | {"DF10"})),
                      f"Mức độ hậu quả: DF10; tình tiết: {', '.join(sorted({r.rule_id for r in circ})) or 'không có'}.",
                      choices=tuple((r, r) for r in ("D1", "D3", "DF1", "DF2", "DF4", "DF7", "DF8", "DF9", "DF10",
                                                      "DF11"))),
    }


def _case_describe(s: dict) -> str:
    from ...discipline.assess import circumstances
    from ...discipline.forms import severity_info
    from ...rules import get_ruleset

    rs = get_ruleset("hcm-2014")
    circ = circumstances(s["subject"], ruleset=rs)
    who = _SUBJECT[s["subject"]]
    if s["subject"] == "dang_vien":
        who += " chính thức, " + ("đang giữ chức vụ" if s["holds_post"] else "không giữ chức vụ")
    lines = [f"Vi phạm của {who}, xảy ra ngày **{fmt_date(s['violation_date'])}**; cơ quan có thẩm quyền xem xét "
             f"ngày **{fmt_date(s['decision_date'])}**. Hậu quả: **{severity_info(rs, s['severity'])['label'].lower()}**"
             " (vi phạm lần đầu)."]
    if s["circumstances"]:
        lines += ["", "Tình tiết:"] + [f"- {circ[c]['label']}" for c in s["circumstances"]]
    else:
        lines += ["", "Không có tình tiết tăng nặng, giảm nhẹ nào."]
    lines += ["", "Thư viện chỉ gợi ý theo quy định; hình thức kỷ luật do cơ quan có thẩm quyền biểu quyết, quyết định."]
    return "\n".join(lines)


_CASE_FEATURES = {"dang_vien": "đối tượng là đảng viên", "to_chuc": "đối tượng là tổ chức đảng",
                  "giu_chuc_vu": "đảng viên đang giữ chức vụ", "it_nghiem_trong": "hậu quả ít nghiêm trọng",
                  "nghiem_trong": "hậu quả nghiêm trọng", "co_tinh_tiet": "có tình tiết tăng nặng hoặc giảm nhẹ"}


def _case_features(s: dict) -> set:
    out = {s["subject"], s["severity"]}
    if s.get("holds_post"):
        out.add("giu_chuc_vu")
    if s.get("circumstances"):
        out.add("co_tinh_tiet")
    return out & set(_CASE_FEATURES)


register(Generator(
    name="discipline_case", title="Hình thức kỷ luật theo mức độ hậu quả và tình tiết (DF1, DF8–DF10)",
    params={"subject": Param("choice", "dang_vien", "đối tượng", allowed=("dang_vien", "to_chuc")),
            "severity": Param("choice", "it_nghiem_trong", "mức độ hậu quả",
                              allowed=("it_nghiem_trong", "nghiem_trong")),
            "circumstances": Param("int", 0, "số tình tiết", minimum=0, maximum=3),
            "decision_date": Param("date", _D(2025, 12, 1), "ngày xem xét", minimum=_D(2023, 1, 1),
                                   maximum=_D(2030, 12, 31), day="lam_viec")},
    facts={"form": "form", "direction": "choice", "outcome": "choice", "limitation_end": "date", "rules": "rules"},
    generate=_case_generate, solve=_case_solve, describe=_case_describe, requires=("discipline",),
    features=_CASE_FEATURES, scenario_features=_case_features))


# -- limitation periods ------------------------------------------------------------------------------------------

def _lim_generate(p: dict, rng: random.Random) -> dict:
    violation = dt.date.fromisoformat(p["violation_date"])
    later = []
    if p["new_violation"]:
        later.append((violation + dt.timedelta(days=rng.randint(200, 1500))).isoformat())
    return {"subject": p["subject"], "form": p["form"], "violation_date": p["violation_date"],
            "later_violation_dates": later}


def _lim_solve(s: dict, rs) -> dict:
    from ...discipline import limitation

    lim = limitation(s["subject"], s["form"], s["violation_date"],
                     later_violation_dates=list(s["later_violation_dates"]), ruleset=rs)
    text = " ".join(r.text for r in lim.reasons)
    rule_ids = tuple(sorted({r.rule_id for r in lim.reasons}))
    return {"years": Fact(int(lim.years), ("DF2",), text),
            "end": Fact(lim.end.isoformat(), rule_ids, text),
            "restarted": Fact("co" if lim.restarted_from else "khong", ("DF4",), text,
                              choices=(("co", "Có"), ("khong", "Không"))),
            "rules": Fact(list(rule_ids), rule_ids, f"Các lý do của thư viện viện dẫn: {', '.join(rule_ids)}.",
                          choices=tuple((r, r) for r in ("DF2", "DF3", "DF4", "DF5", "DF11", "T5")))}


def _lim_describe(s: dict) -> str:
    from ...rules import get_ruleset

    label = get_ruleset("hcm-2014").value("DF1", "labels")[s["form"]]
    who = _SUBJECT[s["subject"]]
    lines = [f"Vi phạm của {who} xảy ra ngày **{fmt_date(s['violation_date'])}**, đến mức phải kỷ luật bằng hình "
             f"thức **{label.lower()}**. Vi phạm không thuộc loại không áp dụng thời hiệu; không có khoảng thời gian "
             "nào không tính vào thời hiệu."]
    for d in s["later_violation_dates"]:
        lines.append(f"Ngày **{fmt_date(d)}**, đối tượng lại có vi phạm mới.")
    return "\n\n".join(lines)


register(Generator(
    name="discipline_limitation", title="Thời hiệu kỷ luật (DF2, DF4)",
    params={"subject": Param("choice", "dang_vien", "đối tượng", allowed=("dang_vien", "to_chuc")),
            "form": Param("choice", "khien_trach", "hình thức", allowed=("khien_trach", "canh_cao")),
            "violation_date": Param("date", _D(2021, 3, 10), "ngày vi phạm", minimum=_D(2010, 1, 1),
                                    maximum=_D(2026, 12, 31)),
            "new_violation": Param("bool", False, "có vi phạm mới")},
    facts={"years": "number", "end": "date", "restarted": "choice", "rules": "rules"},
    generate=_lim_generate, solve=_lim_solve, describe=_lim_describe, requires=("discipline",)))
