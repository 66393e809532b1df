"""The inputs of rule set ``qd366-2025`` for a generated case, consistent with its ``hcm-2014`` inputs, so one
situation can be rated under both (``kiemtra_lib.rating.compare_rulesets``).

What follows from what (synthetic data; the choices are the course's, not rules):
- points: the band of the chi bộ's assessment (xuất sắc 90–100, tốt 70–89,5, hoàn thành 50–69,5, không hoàn thành
  30–49,5), placed inside the band by the member's share of votes for that level or above — a member with many
  votes has high points; split 30/70 into the two groups of criteria (N1);
- tasks: xuất sắc — all on time, at least 30% beyond; tốt — all on time, mostly under 30% beyond; hoàn thành — all
  done, at most 20% behind; không hoàn thành — more than half not done; shortcomings remedied in full from tốt up;
- cases of N7: a fault "vi phạm điều cấm" is ``vi_pham_dieu_cam``; a discipline in force (12 months) is
  ``ky_luat_cong_vu``; the posts of R-M6 are leaders (``lanh_dao_quan_ly``), whose units follow their own result;
- a few members exempted from Party work (the very long-standing) or suspended: N9, new under qd366-2025;
- organisations: the same points; tasks done = assigned − failed tasks; a committee not united is ``mat_doan_ket``;
  a member disciplined for corruption is a subordinate disciplined, a disciplined head a leadership member.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .case import Case

__all__ = ["add_qd366_inputs"]

_BANDS = {"xuat_sac": (90.0, 100.0), "tot": (70.0, 89.5), "hoan_thanh": (50.0, 69.5),
          "khong_hoan_thanh": (30.0, 49.5)}
_LEADER_ROLES = ("bi_thu", "truong_phong", "cap_uy_cap_tren")


def _half(x: np.ndarray) -> np.ndarray:
    return np.round(x * 2) / 2


def _vote_share(m: pd.DataFrame, task: np.ndarray) -> np.ndarray:
    """The share of a member's votes for the chi bộ's assessed level or above (0.5 where no votes were cast)."""
    xs, tot, ht, kht = (m[c].to_numpy(dtype="float64") for c in ("votes_xuat_sac", "votes_tot", "votes_hoan_thanh",
                                                                 "votes_khong_hoan_thanh"))
    total = xs + tot + ht + kht
    at_or_above = np.select([task == "xuat_sac", task == "tot", task == "hoan_thanh"], [xs, xs + tot, xs + tot + ht],
                            kht)
    return np.where(total > 0, at_or_above / np.maximum(total, 1), 0.5)


def _tasks(rng: np.random.Generator, result: np.ndarray) -> dict[str, np.ndarray]:
    n = len(result)
    a = rng.integers(6, 16, n)
    need30 = -(-a * 3 // 10)  # the fewest beyond that make 30%
    xs, tot, ht, kht = (result == r for r in ("xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh"))
    done = np.where(kht, (a - 1) // 2 - rng.integers(0, 2, n), a)  # more than half not done
    done = np.clip(done, 0, a)
    max_behind = a * 2 // 10
    behind = np.where(ht, rng.integers(0, max_behind + 1), 0)
    on_time = np.where(kht, done, done - behind)
    beyond = np.where(xs, np.minimum(need30 + rng.integers(0, 3, n), a),
                      np.where(tot, np.where(rng.random(n) < 0.85, rng.integers(0, need30, n), need30), 0))
    prev = rng.integers(0, 4, n)
    fixed = np.where(xs | tot, prev, np.minimum(prev, rng.integers(0, 4, n)))
    return {"tasks_assigned": a, "tasks_done": done, "tasks_on_time": on_time, "tasks_beyond": beyond,
            "shortcomings_previous": prev, "shortcomings_fixed": fixed}


def add_qd366_inputs(case: Case, *, seed: int = 0) -> Case:
    """``case`` with the members' and organisations' columns of qd366-2025 added (the hcm-2014 columns unchanged).

    >>> from kiemtra_lib.datasets.generate import generate
    >>> both = add_qd366_inputs(generate(3, chi_bo=2, members_per_chi_bo=(8, 10)))
    >>> {"points", "tasks_assigned", "kht_cases"} <= set(both.members.columns)
    True
    """
    rng = np.random.default_rng([int(seed), 366])
    m = case.members.copy()
    n = len(m)
    task = m["task_result"].to_numpy(dtype=object)
    lo = np.array([_BANDS[t][0] for t in task])
    hi = np.array([_BANDS[t][1] for t in task])
    share = _vote_share(m, task)
    points = _half(np.clip(lo + (hi - lo) * np.clip(share + rng.normal(0, 0.08, n), 0, 1), lo, hi))
    common = np.minimum(30.0, _half(points * 0.3))
    m["points"] = points
    m["points_common"] = common
    m["points_tasks"] = points - common
    for k, v in _tasks(rng, task).items():
        m[k] = v.astype("int64")
    role = m["role"].to_numpy(dtype=object)
    leader = np.isin(role, _LEADER_ROLES)
    civil = m["civil_servant_rating"].notna().to_numpy()
    outside = ~leader & ~civil & (rng.random(n) < 0.4)
    m["role_kind"] = np.where(leader, "lanh_dao_quan_ly", np.where(outside, "ngoai_he_thong", "khong_chuc_vu"))
    m["led_units_all_done"] = leader & np.isin(task, ["xuat_sac", "tot"])
    m["led_units_beyond_30"] = leader & (task == "xuat_sac")
    review = pd.Timestamp(case.review_date) if case.review_date is not None else None
    disc = m["discipline_date"]
    in_force = (disc.notna() & (disc > review - pd.DateOffset(months=12))).to_numpy() if review is not None \
        else np.zeros(n, bool)
    faults = m["faults"].fillna("").astype(str).to_numpy(dtype=object)
    forbidden = np.array(["vi_pham_dieu_cam" in f for f in faults])
    cases = np.where(forbidden & in_force, "ky_luat_cong_vu;vi_pham_dieu_cam",
                     np.where(forbidden, "vi_pham_dieu_cam", np.where(in_force, "ky_luat_cong_vu", "")))
    m["kht_cases"] = cases.astype(object)
    m["mitigation"] = (cases != "") & (rng.random(n) < 0.2)
    joined = m["joined_on"]
    long_standing = (joined.notna() & (joined < (review - pd.DateOffset(years=40)))).to_numpy() if review is not None \
        else np.zeros(n, bool)
    m["exempt"] = long_standing & (rng.random(n) < 0.5)
    m["suspended"] = in_force & ~m["exempt"].to_numpy() & (rng.random(n) < 0.1)
    m["peer_group"] = np.where(leader, "lanh_dao_quan_ly", "dang_vien").astype(object)

    o = case.organisations.copy()
    result = o["committee_result"].to_numpy(dtype=object)
    t = _tasks(rng, result)
    failed = o["failed_tasks"].to_numpy(dtype="int64")
    t["tasks_done"] = np.maximum(t["tasks_assigned"] - np.maximum(failed, t["tasks_assigned"] - t["tasks_done"]), 0)
    t["tasks_on_time"] = np.minimum(t["tasks_on_time"], t["tasks_done"])
    t["tasks_beyond"] = np.minimum(t["tasks_beyond"], t["tasks_done"])
    for key, v in t.items():
        o[key] = v.astype("int64")
    o["subordinate_disciplined"] = o["corruption_discipline"].to_numpy(dtype=bool)
    o["leadership_disciplined"] = o["leader_disciplined"].to_numpy(dtype=bool)
    o["kht_cases"] = np.where(o["committee_united"].to_numpy(dtype=bool), "", "mat_doan_ket").astype(object)
    o["mitigation"] = o["self_detected"].to_numpy(dtype=bool) & ~o["committee_united"].to_numpy(dtype=bool)
    meta = dict(case.meta, rulesets=["hcm-2014", "qd366-2025"], qd366_seed=int(seed))
    return Case(case.name, m, o, case.inspections, case.discipline_cases, case.review_date, meta)
