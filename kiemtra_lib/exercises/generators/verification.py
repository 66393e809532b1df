"""The verification exercise (thẩm định, lesson 09): each trainee gets their own dossier with their own planted
errors and must find them.

The dossier is ``verification.planted_dossier(seed, kinds=...)``: a generated đảng bộ whose proposed levels are the
library's own results, with the trainee's errors planted; the answer key is what ``verification.verify`` finds in
it (the planter refuses a dossier where the two differ). Questions: which members and organisations carry a
discrepancy (per error found, a false alarm costs as much: ``scoring: per_option``), which rules they break (the
same scoring), whether the dossier came in time (T4), and how many discrepancies are «sai quy định».
"""

from __future__ import annotations

import functools
import random

from ...dates import fmt_date
from .base import Fact, Generator, Param, register

from ...verification.planted import PLANTABLE as _KINDS  # noqa: E402  (the kinds a dossier can carry)
_RULE_CHOICES = ("K3", "K5", "R-M1", "R-M2", "R-M3", "R-M4", "R-M5", "R-M6", "R-M7", "R-O1", "R-O3", "R-O4", "R-O5",
                 "R-O7", "T4")
_CHI_BO, _SIZES = 2, 10  # a fixed size: every trainee is offered the same ids (DV01–DV20, CB01, CB02, DB01)


@functools.lru_cache(maxsize=256)
def _planted(seed: int, kinds: tuple[str, ...]):
    from ...verification import planted_dossier

    return planted_dossier(seed, kinds=kinds, chi_bo=_CHI_BO, members_per_chi_bo=_SIZES)


def _generate(params: dict, rng: random.Random) -> dict:
    # The kinds planted follow from the seed (kinds_of): the trainee's notebook carries the scenario, and a list of
    # kinds in it would tell them what to look for.
    return {"seed": rng.randrange(1_000_000), "errors": max(1, min(int(params["errors"]), len(_KINDS)))}


def kinds_of(s: dict) -> tuple[str, ...]:
    """The kinds of error planted in a scenario's dossier, drawn from its seed."""
    picked = random.Random(int(s["seed"])).sample(list(_KINDS), int(s["errors"]))
    return tuple(sorted(picked, key=_KINDS.index))


def _solve(s: dict, rs) -> dict:
    p = _planted(int(s["seed"]), kinds_of(s))
    t = p.verification.table
    v = p.verification.rating
    subjects = t[t["kind"] != "nop_ho_so_muon"]
    found = sorted(set(subjects["subject_id"]))
    ids = list(v.members["member_id"]) + list(v.organisations["org_id"])
    each = " ".join(f"{r.subject_id}: {r.message} [{r.rule_id}]" for r in t.itertuples())
    rule_ids = tuple(sorted(set(t["rule_id"]))) or ("R-O7",)
    late = bool((t["kind"] == "nop_ho_so_muon").any())
    from ... import timeline

    due = timeline.dossier_due(p.working_day)
    wrong = int((t["grade"] == "sai_quy_dinh").sum())
    return {
        "subjects": Fact(found, rule_ids, f"Các sai lệch thư viện tìm thấy: {each}",
                         choices=tuple((i, i) for i in ids)),
        "rules": Fact(sorted(set(t["rule_id"]) & set(_RULE_CHOICES)), rule_ids, f"Các sai lệch: {each}",
                      choices=tuple((r, r) for r in _RULE_CHOICES)),
        "on_time": Fact("muon" if late else "dung_han", ("T4",),
                        f"Hạn chót gửi hồ sơ: {fmt_date(due)} (3 ngày trước ngày làm việc {fmt_date(p.working_day)}, "
                        f"lùi về ngày làm việc nếu rơi vào ngày nghỉ); hồ sơ đến ngày {fmt_date(p.received)}.",
                        choices=(("dung_han", "Đúng hạn"), ("muon", "Muộn"))),
        "wrong_count": Fact(wrong, rule_ids, f"{wrong} sai lệch «sai quy định». {each}"),
    }


def _yes(v) -> str:
    return "có" if v else "không"


def _describe(s: dict) -> str:
    from ...schema import CIVIL_SERVANT_RATINGS, FAULTS, TASK_RESULTS

    p = _planted(int(s["seed"]), kinds_of(s))
    from ...verification import read_dossier

    d = read_dossier(p.data, name="ho_so.xlsx")
    m, o = d.members, d.organisations
    official = m.groupby("chi_bo_id")["official"].sum()
    lines = [f"Đoàn kiểm tra nhận hồ sơ của đảng bộ ngày **{fmt_date(p.received)}**, làm việc với đảng bộ ngày "
             f"**{fmt_date(p.working_day)}**. Các chi bộ họp kiểm điểm, đánh giá, xếp loại ngày "
             f"**{fmt_date(p.review_date)}**. Dưới đây là hồ sơ (dữ liệu giả lập); hãy thẩm định: tìm mọi mức đề "
             "nghị, điểm tự chấm, ngày gửi không đúng quy định hoặc cần xem xét.", "",
             "Số đảng viên chính thức: " + ", ".join(f"{k} {int(v)}" for k, v in official.items()) + ".", "",
             "| Mã | Chi bộ | Chính thức | Vào Đảng | Đã kiểm điểm | Kết quả nhiệm vụ | Công chức | Kỷ luật công bố | "
             "Vi phạm | Nghỉ ốm (tháng) | Phiếu HTXS/HTT/HT/KHT | Mức đề nghị |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    labels = {"HTXS": "Hoàn thành xuất sắc", "HTT": "Hoàn thành tốt", "HT": "Hoàn thành", "KHT": "Không hoàn thành"}
    for i, r in enumerate(m.itertuples()):
        joined = fmt_date(r.joined_on.date()) if r.joined_on == r.joined_on and r.joined_on is not None else ""
        disc = fmt_date(r.discipline_date.date()) if r.discipline_date == r.discipline_date else ""
        faults = "; ".join(FAULTS[f] for f in str(r.faults).split(";") if f) or ""
        cs = CIVIL_SERVANT_RATINGS.get(r.civil_servant_rating, "") if isinstance(r.civil_servant_rating, str) else ""
        prop = d.member_proposed[i]
        lines.append(f"| {r.member_id} | {r.chi_bo_id} | {_yes(r.official)} | {joined} | {_yes(r.reviewed)} | "
                     f"{TASK_RESULTS[r.task_result]} | {cs} | {disc} | {faults} | {r.sick_leave_months:g} | "
                     f"{r.votes_xuat_sac}/{r.votes_tot}/{r.votes_hoan_thanh}/{r.votes_khong_hoan_thanh} | "
                     f"{labels.get(prop, 'Chưa phân loại')} |")
    org_labels = {"TSVM": "Trong sạch vững mạnh", "HTT": "Hoàn thành tốt", "HT": "Hoàn thành", "YEU_KEM": "Yếu kém"}
    lines += ["", "| Mã tổ chức | Loại | Điểm tự chấm | Điểm các phần | Cấp ủy | Đoàn thể (thứ hạng) | Mức đề nghị |",
              "|---|---|---|---|---|---|---|"]
    for i, r in enumerate(o.itertuples()):
        parts = d.points_parts[i]
        points = d.points_raw[i]
        lines.append(f"| {r.org_id} | {'Đảng bộ' if r.kind == 'dang_bo' else 'Chi bộ'} | {points:g} | "
                     f"{' + '.join(f'{x:g}' for x in parts) if parts else ''} | {TASK_RESULTS[r.committee_result]} | "
                     f"{r.mass_org_ranks.replace(';', ', ') or 'không có'} | {org_labels.get(d.org_proposed[i], '')} |")
    lines += ["", "Quy định áp dụng: Kế hoạch 146-KH/ĐU năm 2014 (bộ quy tắc hcm-2014), không phải quy định hiện hành; "
              "chỉ tiêu Hoàn thành xuất sắc tính theo từng chi bộ (R-M2)."]
    return "\n".join(lines)


register(Generator(
    name="dossier_verification", title="Thẩm định một hồ sơ xếp loại có sai sót cài sẵn (K3, K5, R-M, R-O, T4)",
    params={"errors": Param("int", 4, "số sai sót cài vào hồ sơ", minimum=1, maximum=len(_KINDS))},
    facts={"subjects": "rules", "rules": "rules", "on_time": "choice", "wrong_count": "number"},
    generate=_generate, solve=_solve, describe=_describe, requires=("verification", "rating")))
