"""Timeline scenarios (T1–T5, T8): every date and number is asked of ``kiemtra_lib.timeline``."""

from __future__ import annotations

import datetime as dt

from ...dates import fmt_date
from .base import Fact, Generator, Param, official_day, register

_D = dt.date
_YES_NO = (("co", "Có"), ("khong", "Không"))


def _reasons_text(reasons) -> str:
    return " ".join(r.text for r in reasons)


def _rule_ids(reasons) -> tuple[str, ...]:
    return tuple(sorted({r.rule_id for r in reasons}))


# -- T3: time allowed for an inspection --------------------------------------------------------------------------

def _plan_generate(p: dict, rng) -> dict:
    return {"level": p["level"], "start": p["start"], "extension_days": p["extension_days"]}


def _plan_solve(s: dict, rs) -> dict:
    from ...timeline import LEVELS, plan_inspection

    plan = plan_inspection(s["level"], s["start"], extension_days=int(s["extension_days"]), ruleset=rs)
    t3 = [r for r in plan.reasons if r.rule_id == "T3"]
    why = " ".join(plan.explain()[:2])
    return {
        "allowed_days": Fact(plan.allowed_days, ("T3",), t3[0].text),
        "max_extension_days": Fact(plan.max_extension_days, ("T3",), t3[0].text),
        "base_deadline": Fact(plan.base_deadline.isoformat(), ("T3",), t3[1].text),
        "deadline": Fact(plan.deadline.isoformat(), ("T3",), why),
        "latest_deadline": Fact(plan.latest_deadline.isoformat(), ("T3",),
                                f"Với gia hạn tối đa {plan.max_extension_days} ngày: {fmt_date(plan.latest_deadline)}. "
                                + t3[0].text),
        "rules": Fact(["T3"], ("T3",), "Thời hạn một cuộc kiểm tra và việc gia hạn là quy tắc T3.",
                      choices=tuple((r, r) for r in ("T1", "T2", "T3", "T4", "T5"))),
        "level": Fact(plan.level, ("T3",), plan.level_label,
                      choices=tuple(LEVELS.items())),
    }


def _plan_describe(s: dict) -> str:
    from ...timeline import LEVELS

    ext = (f" Cấp có thẩm quyền đồng ý **gia hạn {s['extension_days']} ngày**." if s["extension_days"] else
           " Cuộc kiểm tra **không được gia hạn**.")
    return (f"Cơ quan tham mưu của cấp ủy tiến hành một cuộc kiểm tra ở **{LEVELS[s['level']].lower()}**. "
            f"Quyết định kiểm tra được triển khai với đối tượng kiểm tra (việc II.1) ngày "
            f"**{fmt_date(s['start'])}**.{ext}")


register(Generator(
    name="inspection_plan", title="Thời hạn một cuộc kiểm tra (T3)",
    params={"level": Param("choice", "co_so", "cấp kiểm tra", allowed=("trung_uong", "tinh", "co_so")),
            "start": Param("date", _D(2026, 3, 2), "ngày triển khai quyết định", minimum=_D(2015, 1, 1),
                           maximum=_D(2030, 12, 31), day="lam_viec"),
            "extension_days": Param("int", 0, "số ngày gia hạn", minimum=0, maximum=6)},
    facts={"allowed_days": "days", "max_extension_days": "days", "base_deadline": "date", "deadline": "date",
           "latest_deadline": "date", "rules": "rules", "level": "choice"},
    generate=_plan_generate, solve=_plan_solve, describe=_plan_describe, requires=("timeline",)))


# -- T4: the dossier before the working day with the team --------------------------------------------------------

def _dossier_solve(s: dict, rs) -> dict:
    from ...timeline import dossier_due

    due = dossier_due(s["meeting"], ruleset=rs)
    text = _reasons_text(due.reasons)
    return {"due": Fact(due.date.isoformat(), ("T4",), text),
            "moved": Fact("co" if due.moved else "khong", ("T4",), text, choices=_YES_NO),
            "rules": Fact(["T4"], ("T4",), "Hạn gửi hồ sơ trước ngày làm việc với đoàn là quy tắc T4.",
                          choices=tuple((r, r) for r in ("T2", "T3", "T4", "T5")))}


def _dossier_describe(s: dict) -> str:
    return ("Đoàn kiểm tra của đảng ủy cấp trên sẽ làm việc trực tiếp với một đảng bộ cơ sở để thẩm định kết quả "
            f"tự đánh giá, xếp loại vào ngày **{fmt_date(s['meeting'])}**. Đảng bộ cơ sở phải gửi hồ sơ phục vụ "
            "kiểm tra về Đoàn kiểm tra trước để Đoàn nghiên cứu, thẩm định.")


register(Generator(
    name="dossier_due", title="Hạn gửi hồ sơ cho đoàn kiểm tra (T4)",
    params={"meeting": Param("date", _D(2021, 12, 10), "ngày làm việc với đoàn", minimum=_D(2015, 1, 1),
                             maximum=_D(2030, 12, 31), day="lam_viec")},
    facts={"due": "date", "moved": "choice", "rules": "rules"},
    generate=lambda p, rng: {"meeting": p["meeting"]}, solve=_dossier_solve, describe=_dossier_describe,
    requires=("timeline",)))


# -- T5: synchronising party and state discipline ----------------------------------------------------------------

def _sync_solve(s: dict, rs) -> dict:
    from ...timeline import sync_deadline

    due = sync_deadline(s["event"], s["event_date"], ruleset=rs)
    spec = rs.value("T5", "events")[s["event"]]
    text = _reasons_text(due.reasons)
    kinds = (("calendar", "Ngày lịch"), ("working", "Ngày làm việc"))
    return {"due": Fact(due.date.isoformat(), ("T5",), text),
            "limit_days": Fact(int(spec["days"]), ("T5",), text),
            "day_kind": Fact(spec["kind"], ("T5",), text, choices=kinds),
            "rules": Fact(["T5"], ("T5",), "Thời hạn đồng bộ kỷ luật đảng với kỷ luật chính quyền, đoàn thể là T5 "
                                           "(cũng là D5).",
                          choices=tuple((r, r) for r in ("T3", "T4", "T5", "DF2", "DF11")))}


_EVENT_TEXT = {
    "bat_giu_khoi_to": "Cơ quan điều tra khởi tố một đảng viên",
    "ky_luat_chinh_quyen_doan_the": "Cơ quan nhà nước nơi một đảng viên công tác quyết định đình chỉ công tác đảng "
                                    "viên đó",
    "xem_xet_ky_luat_dang": "Chi bộ nhận được thông báo của cơ quan nhà nước về việc kỷ luật hành chính một đảng viên",
    "ky_luat_dang_cong_bo": "Quyết định kỷ luật đảng đối với một đảng viên là công chức được công bố",
}


def _sync_describe(s: dict) -> str:
    return (f"Ngày **{fmt_date(s['event_date'])}**: {_EVENT_TEXT[s['event']]}. Theo yêu cầu đồng bộ giữa kỷ luật "
            "đảng với kỷ luật chính quyền, đoàn thể, việc tiếp theo phải làm trong một thời hạn nhất định.")


register(Generator(
    name="sync_deadline", title="Thời hạn đồng bộ kỷ luật (T5)",
    params={"event": Param("choice", "bat_giu_khoi_to", "sự kiện",
                           allowed=("bat_giu_khoi_to", "ky_luat_chinh_quyen_doan_the", "xem_xet_ky_luat_dang",
                                    "ky_luat_dang_cong_bo")),
            "event_date": Param("date", _D(2026, 3, 2), "ngày của sự kiện", minimum=_D(2015, 1, 1),
                                maximum=_D(2030, 12, 31), day="lam_viec")},
    facts={"due": "date", "limit_days": "days", "day_kind": "choice", "rules": "rules"},
    generate=lambda p, rng: {"event": p["event"], "event_date": p["event_date"]}, solve=_sync_solve,
    describe=_sync_describe, requires=("timeline",)))


# -- T2: how far back an inspection may look ---------------------------------------------------------------------

def _lookback_generate(p: dict, rng) -> dict:
    start = dt.date.fromisoformat(p["start"])
    # the period the team proposes to inspect starts some days either side of the 5-year mark
    proposed = start.replace(year=start.year - 5, day=28 if (start.month, start.day) == (2, 29) else start.day)
    proposed = proposed + dt.timedelta(days=rng.randint(-60, 60))
    return {"start": p["start"], "period_start": proposed.isoformat()}


def _lookback_solve(s: dict, rs) -> dict:
    from ...timeline import check_lookback, lookback_start

    earliest = lookback_start(s["start"], ruleset=rs)
    chk = check_lookback(s["period_start"], s["start"], ruleset=rs)
    text = _reasons_text(earliest.reasons)
    return {"earliest": Fact(earliest.date.isoformat(), ("T2",), text),
            "within": Fact("co" if chk.ok else "khong", ("T2",), chk.message + " " + text, choices=_YES_NO),
            "days_outside": Fact(int(chk.days_outside), ("T2",), chk.message + " " + text)}


def _lookback_describe(s: dict) -> str:
    return (f"Một cuộc kiểm tra bắt đầu ngày **{fmt_date(s['start'])}**. Dự thảo kế hoạch đề xuất kiểm tra "
            f"việc thực hiện nhiệm vụ của tổ chức đảng từ ngày **{fmt_date(s['period_start'])}** đến nay.")


register(Generator(
    name="lookback", title="Thời gian được kiểm tra (T2)",
    params={"start": Param("date", _D(2026, 3, 10), "ngày kiểm tra", minimum=_D(2015, 1, 1),
                           maximum=_D(2030, 12, 31), day="lam_viec")},
    facts={"earliest": "date", "within": "choice", "days_outside": "days"},
    generate=_lookback_generate, solve=_lookback_solve, describe=_lookback_describe, requires=("timeline",)))


# -- T8: the 2014 review plan's windows --------------------------------------------------------------------------

_T8_WINDOWS = ("trien_khai", "thong_qua_du_thao", "kiem_diem_dang_uy", "kiem_diem_chi_bo", "xep_loai")


def _plan2014_generate(p: dict, rng) -> dict:
    day = dt.date(2014, 11, 1) + dt.timedelta(days=rng.randint(0, 37))  # 01/11 to 08/12/2014
    return {"window": p["window"], "day": official_day(day)}  # a unit's planned meeting: a working day


def _plan2014_solve(s: dict, rs) -> dict:
    from ...timeline import check_review_date

    chk = check_review_date(s["day"], s["window"], ruleset=rs)
    windows = rs.value("T8", "windows")
    w = windows[s["window"]]
    text = chk.message + " " + _reasons_text(chk.reasons)
    return {"within": Fact("co" if chk.ok else "khong", ("T8",), text, choices=_YES_NO),
            "days_outside": Fact(int(chk.days_outside), ("T8",), text),
            "window_last": Fact(dt.date.fromisoformat(str(w["last"])).isoformat(), ("T8",), _reasons_text(chk.reasons)),
            "reviews_end": Fact(_last_day(rs, "reviews_before"), ("T8",),
                                _reasons_text(check_review_date(_last_day(rs, "reviews_before"), "reviews_before",
                                                                ruleset=rs).reasons))}


def _last_day(rs, which: str) -> str:
    """The last day allowed by a T8 hard end, from the library's check: the latest day for which it holds."""
    from ...timeline import check_review_date

    end = rs.value("T8", which)
    end = end if isinstance(end, dt.date) else dt.date.fromisoformat(str(end))
    for back in range(0, 3):
        d = end - dt.timedelta(days=back)
        if check_review_date(d, which, ruleset=rs).ok:
            return d.isoformat()
    raise AssertionError(which)


def _plan2014_describe(s: dict) -> str:
    from ...rules import get_ruleset

    w = get_ruleset("hcm-2014").value("T8", "windows")[s["window"]]
    return ("Theo Kế hoạch 146-KH/ĐU năm 2014 của Đảng ủy (kiểm điểm, đánh giá, phân loại chất lượng tổ chức cơ "
            f"sở đảng và đảng viên), có đợt công việc: *{w['tasks']}*. Một đơn vị dự kiến làm việc này vào ngày "
            f"**{fmt_date(s['day'])}**.")


register(Generator(
    name="review_plan_2014", title="Các đợt của kế hoạch kiểm điểm năm 2014 (T8)",
    params={"window": Param("choice", "kiem_diem_chi_bo", "đợt", allowed=_T8_WINDOWS)},
    facts={"within": "choice", "days_outside": "days", "window_last": "date", "reviews_end": "date"},
    generate=_plan2014_generate, solve=_plan2014_solve, describe=_plan2014_describe, requires=("timeline",)))


# -- T1: the 13 steps --------------------------------------------------------------------------------------------

def _steps_generate(p: dict, rng) -> dict:
    from ...rules import get_ruleset

    codes = list(get_ruleset("hcm-2014").value("T1", "steps"))
    return {"step": codes[rng.randrange(len(codes))]}


def _steps_solve(s: dict, rs) -> dict:
    steps = rs.value("T1", "steps")
    phases = rs.value("T1", "phases")
    code = s["step"]
    phase_key = code.split(".")[0]
    codes = list(steps)
    i = codes.index(code)
    nxt = codes[i + 1] if i + 1 < len(codes) else None
    source = rs.cite("T1")
    phase_text = f"Việc {code} «{steps[code]}» thuộc giai đoạn {phases[phase_key]} ({source})."
    from ...timeline import plan_inspection

    counted = plan_inspection("co_so", "2026-03-02", ruleset=rs).step(code).counted  # the library's T3 span
    return {
        "phase": Fact(phase_key, ("T1",), phase_text, choices=tuple((k, v) for k, v in phases.items())),
        "counted": Fact("co" if counted else "khong", ("T1", "T3"),
                        phase_text + (" Thời gian kiểm tra (T3) tính từ việc II.1 đến hết việc II.5"
                                      + (", nên việc này nằm trong thời hạn." if counted
                                         else ", nên việc này nằm ngoài thời hạn.")), choices=_YES_NO),
        "next_step": Fact(nxt or "het", ("T1",),
                          (f"Sau việc {code} là việc {nxt} «{steps[nxt]}» ({source})." if nxt else
                           f"Việc {code} là việc cuối cùng của quy trình ({source})."),
                          choices=tuple((c, f"{c}. {n}") for c, n in steps.items()) + (("het", "Không còn việc nào"),)),
    }


def _steps_describe(s: dict) -> str:
    from ...rules import get_ruleset

    name = get_ruleset("hcm-2014").value("T1", "steps")[s["step"]]
    return (f"Trong quy trình mẫu kiểm tra của cơ quan tham mưu, giúp việc cấp ủy (Quyết định 331-QĐ/TW), xét "
            f"việc: **{name}**.")


register(Generator(
    name="inspection_steps", title="Các bước của quy trình kiểm tra (T1)",
    params={}, facts={"phase": "choice", "counted": "choice", "next_step": "choice"},
    generate=_steps_generate, solve=_steps_solve, describe=_steps_describe, requires=("timeline",)))
