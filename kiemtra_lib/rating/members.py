"""Rating of party members (004 §IV.2.2, §IV.3; RULES.md K3, K5, R-M1…R-M10), vectorised over a whole table.

Stage A (``member_stage``) is everything one member needs alone: R-M10 steps 1–4 and the absences of R-M6. It is
what ``rate_member`` runs on a one-row table, so the single-row API is the table API on one row. Stage B
(``chi_bo_stage``) needs the chi bộ and the grassroots organisation's level: R-M6 for office holders, then the
quota R-M2 (R-M10 step 5, in the order R-O8 gives).

Levels are ranks: 4 HTXS, 3 HTT, 2 HT, 1 KHT, 0 no level (not rated, or awaiting a new vote).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import InputError
from ..periods import add_months_series
from ._text import S, fmt_dates, fraction, join, needed, num, passes, patterns, slot_at
from ..rules import RuleSet
from ..schema import CIVIL_SERVANT_RATINGS, FAULTS, ROLES, TASK_RESULTS

__all__ = ["MemberStage", "member_stage", "chi_bo_stage", "LEVEL_CODES", "vote_counts"]

LEVEL_CODES = np.array([None, "KHT", "HT", "HTT", "HTXS"], dtype=object)
_NAMES = {4: "Hoàn thành xuất sắc nhiệm vụ", 3: "Hoàn thành tốt nhiệm vụ", 2: "Hoàn thành nhiệm vụ"}
_LEVEL_RULE = {4: "R-M1", 3: "R-M3", 2: "R-M4"}
_VOTE_RULE = {4: ("R-M1", "votes_over"), 3: ("R-M3", "votes_over"), 2: ("R-M4", "votes_over")}
_FRAC_TEXT = {(2, 3): "trên 2/3", (1, 2): "trên 1/2"}


def _pick(table: dict, ranks: np.ndarray, default="") -> np.ndarray:
    """Look up a small table by level rank (0…4) for a whole column at once."""
    lookup = np.empty(5, dtype=object)
    lookup[:] = [table.get(i, default) for i in range(5)]
    return lookup[np.asarray(ranks, dtype="int64")]


@dataclass
class MemberStage:
    level: np.ndarray          # int8 rank after stage A
    alt: np.ndarray            # the level when HTXS is barred (R-M6, R-M2): the highest level below HTXS
    not_rated: np.ndarray      # K3 or K5
    flag_vote: np.ndarray      # can_bo_phieu_lai
    flag_review: np.ndarray    # can_xem_xet_lai
    slots: list                # reason slots [(rule ids, texts)], stage A
    level_slot: int            # index of the slot that states the level (replaced when the level moves down)
    alt_slot: tuple            # that slot for ``alt``
    votes_htxs: np.ndarray     # votes counted for HTXS (R-M2 ranks candidates by them)


def vote_counts(m: pd.DataFrame, rs: RuleSet) -> dict[int, np.ndarray]:
    """Votes counted for each level (R-M9): with ``rm9_votes_count_downward``, a vote for a higher level also counts
    for the levels below it, among HTXS, HTT and HT only (KHT counts its own votes, RULES.md)."""
    xs = m["votes_xuat_sac"].to_numpy(dtype="int64")
    tot = m["votes_tot"].to_numpy(dtype="int64")
    ht = m["votes_hoan_thanh"].to_numpy(dtype="int64")
    if rs.param("rm9_votes_count_downward"):
        return {4: xs, 3: xs + tot, 2: xs + tot + ht, 1: m["votes_khong_hoan_thanh"].to_numpy(dtype="int64")}
    return {4: xs, 3: tot, 2: ht, 1: m["votes_khong_hoan_thanh"].to_numpy(dtype="int64")}


def _discipline(m: pd.DataFrame, review: dt.date, rs: RuleSet, row_labels) -> np.ndarray:
    """R-M5 "đang chấp hành kỷ luật trong thời hạn 1 năm": one source of truth, ``kiemtra_lib.discipline`` (DF11)."""
    from ..discipline import discipline_in_force_series

    dates = m["discipline_date"]
    late = dates.notna() & (dates > pd.Timestamp(review))
    if late.any():  # let the discipline module word the error, with our row labels
        bad = dates[late].copy()
        bad.index = [row_labels(i) for i in np.flatnonzero(late.to_numpy())]
        discipline_in_force_series(bad, review, ruleset=rs)
    return discipline_in_force_series(dates.reset_index(drop=True), review, ruleset=rs).to_numpy(dtype=bool)


def member_stage(m: pd.DataFrame, official: np.ndarray, review: dt.date, rs: RuleSet, row_labels) -> MemberStage:
    """R-M10 steps 1–4 (and R-M6's absences) for every row of a validated members table."""
    n_rows = len(m)
    n = np.asarray(official, dtype="int64")
    review_ts = pd.Timestamp(review)

    # (1) K3: "đủ 6 tháng" is the same date six months later (Art. 148); K5: only reviewed members are rated.
    joined = m["joined_on"]
    six = add_months_series(joined, int(rs.value("K3", "months")))
    six.index = joined.index
    if rs.param("k3_six_months_reached") == "same_date":
        k3 = (joined.notna() & (six > review_ts)).to_numpy()
    else:
        k3 = (joined.notna() & (six >= review_ts)).to_numpy()
    k5 = ~m["reviewed"].to_numpy(dtype=bool)
    rated = ~(k3 | k5)

    # (2) R-M5: discipline in force, or any fault; the chi bộ's "khong_hoan_thanh" is the first fault (RULES.md).
    task = m["task_result"].to_numpy(dtype=object)
    csr = m["civil_servant_rating"].to_numpy(dtype=object)
    faults = m["faults"].to_numpy(dtype=object)
    in_force = _discipline(m, review, rs, row_labels)
    fault_task = (task == "khong_hoan_thanh") & bool(rs.param("task_result_khong_hoan_thanh_is_fault"))
    fault_cs = csr == "chua_hoan_thanh"
    fault_listed = faults != ""
    rm5 = rated & (in_force | fault_task | fault_cs | fault_listed)
    votes = vote_counts(m, rs)
    kht_frac = fraction(rs, "R-M5", "votes_over")
    kht_pass = passes(votes[1], n, kht_frac)

    # (3) caps: which of HTXS (4), HTT (3), HT (2) each condition allows.
    award = m["emulation_award"].to_numpy(dtype=bool)
    civil = pd.notna(csr)  # empty: not a civil servant
    nest = bool(rs.param("award_needs_htt_civil_service"))
    cs_top, cs_good = csr == "xuat_sac", csr == "tot"
    cs_basic = (csr == "hoan_thanh") | (csr == "han_che_nang_luc")
    sick_months = m["sick_leave_months"].to_numpy(dtype="float64")
    maternity = m["maternity_leave"].to_numpy(dtype=bool)
    sick = sick_months >= float(rs.value("R-M7", "sick_leave_months"))
    if rs.param("maternity_counts_as_sick_leave"):
        sick = sick | maternity
    absences = m["absences"].to_numpy(dtype="int64")
    absent_bar = absences >= int(rs.param("rm6_absences_at_least"))
    allow = {
        "task": {4: task == "xuat_sac", 3: np.isin(task, ["xuat_sac", "tot"]),
                 2: np.isin(task, ["xuat_sac", "tot", "hoan_thanh"])},
        "cs": {4: ~civil | cs_top | (award & (cs_good if nest else (cs_good | cs_basic))),
               3: ~civil | cs_top | cs_good, 2: ~civil | cs_top | cs_good | cs_basic},
        "sick": {4: ~sick, 3: ~sick, 2: np.ones(n_rows, bool)},
        "absent": {4: ~absent_bar, 3: np.ones(n_rows, bool), 2: np.ones(n_rows, bool)},
    }
    vote_pass = {lv: passes(votes[lv], n, fraction(rs, *_VOTE_RULE[lv])) for lv in (4, 3, 2)}
    all_allow = {lv: allow["task"][lv] & allow["cs"][lv] & allow["sick"][lv] & allow["absent"][lv]
                 for lv in (4, 3, 2)}
    regular = rated & ~rm5
    level = np.zeros(n_rows, dtype="int8")
    for lv in (2, 3, 4):  # the highest level allowed by every cap whose votes pass
        level = np.where(regular & all_allow[lv] & vote_pass[lv], lv, level).astype("int8")
    level = np.where(rm5, 1, level).astype("int8")
    alt = np.zeros(n_rows, dtype="int8")
    for lv in (2, 3):
        alt = np.where(regular & all_allow[lv] & vote_pass[lv], lv, alt).astype("int8")
    awaiting = regular & (level == 0)  # (4) no level passes its votes
    flag_review = rm5 & ~kht_pass

    # Reasons, slot by slot; each slot is one rule id per row. Sentences are built only for the rows they concern.
    slots = []
    review_txt = review.strftime("%d/%m/%Y")
    slots.append(slot_at(k3, "K3", lambda i: "Kết nạp ngày " + fmt_dates(joined.iloc[i])
                         + ", chưa đủ 6 tháng đến ngày chi bộ kiểm điểm " + review_txt
                         + ": chưa kiểm điểm, chưa phân loại lần này."))
    slots.append(slot_at(k5, "K5", lambda i: "Chưa hoàn thành việc kiểm điểm: chưa phân loại; chi bộ đánh giá, phân "
                                             "loại vào cuộc họp chi bộ gần nhất."))
    fault_labels = {k: "; ".join(FAULTS[x].lower() for x in str(k).split(";") if x) for k in pd.unique(faults)}
    frac_word = _FRAC_TEXT.get(kht_frac, "")

    def rm5_text(i):
        causes = [np.where(in_force[i], "đang chấp hành kỷ luật công bố ngày "
                           + fmt_dates(m["discipline_date"].iloc[i]) + " (chưa hết 12 tháng)", "").astype(object),
                  np.where(fault_task[i], "chi bộ đánh giá không hoàn thành nhiệm vụ được giao", "").astype(object),
                  np.where(fault_cs[i], "xếp loại công chức «" + CIVIL_SERVANT_RATINGS["chua_hoan_thanh"] + "»",
                           "").astype(object),
                  pd.Series(faults[i]).map(fault_labels).fillna("").to_numpy(dtype=object)]
        v, nn = num(votes[1][i]), num(n[i])
        tail = np.where(kht_pass[i], "; có " + v + "/" + nn + " đảng viên chính thức tán thành KHT ("
                        + frac_word + ").", "; chỉ có " + v + "/" + nn + " phiếu KHT, chưa " + frac_word
                        + ".").astype(object)
        return "Thuộc diện Không hoàn thành nhiệm vụ: " + join(causes) + tail

    slots.append(slot_at(rm5, "R-M5", rm5_text))
    slots.append(slot_at(flag_review, "R-M10", lambda i: "Vẫn xếp Không hoàn thành nhiệm vụ vì có điều kiện của "
                                                         "R-M5, nhưng số phiếu chưa đủ: chi bộ cần xem xét lại."))
    ctx = _Ctx(n_rows, n, votes, vote_pass, allow, all_allow, rs, task, csr, award, civil, sick_months, maternity,
               absences)
    # The caps and the votes that kept the level below a higher one (named only when they changed the outcome).
    for name in ("task", "cs", "sick", "absent"):
        slots.append(ctx.cap_slot(name, level, regular))
    slots.append(ctx.votes_slot(level, regular))
    slots.append(slot_at(regular & maternity & ~sick, "R-M7",
                         lambda i: "Nghỉ thai sản: hoàn thành nhiệm vụ ở mức nào thì phân loại ở mức đó."))
    level_slot = len(slots)
    slots.append(ctx.level_slot(level, regular))
    alt_slot = ctx.level_slot(alt, regular & (level == 4))
    return MemberStage(level=level, alt=alt, not_rated=~rated, flag_vote=awaiting, flag_review=flag_review,
                       slots=slots, level_slot=level_slot, alt_slot=alt_slot, votes_htxs=votes[4])


@dataclass
class _Ctx:
    n_rows: int
    n: np.ndarray
    votes: dict
    vote_pass: dict
    allow: dict
    all_allow: dict
    rs: RuleSet
    task: np.ndarray
    csr: np.ndarray
    award: np.ndarray
    civil: np.ndarray
    sick_months: np.ndarray
    maternity: np.ndarray
    absences: np.ndarray

    def _frac_txt(self, lv: int) -> str:
        return _FRAC_TEXT.get(fraction(self.rs, *_VOTE_RULE[lv]), "")

    def _blocked(self, cond, level, regular):
        """The lowest level above ``level`` whose votes pass but which ``cond`` (per level) forbids, 0 if none: the
        level this condition kept the member from (for "hoàn thành" civil servants, HTT rather than HTXS)."""
        top = np.zeros(self.n_rows, dtype="int8")
        for lv in (4, 3, 2):
            hit = regular & (lv > level) & self.vote_pass[lv] & ~cond[lv]
            top = np.where(hit, lv, top).astype("int8")
        return top

    def take(self, rows: np.ndarray) -> "_Ctx":
        """The same context restricted to some rows (reasons are written only where they apply)."""
        sub = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        for key, value in sub.items():
            if isinstance(value, np.ndarray):
                sub[key] = value[rows]
            elif isinstance(value, dict):
                sub[key] = {k: (v[rows] if isinstance(v, np.ndarray) else {kk: vv[rows] for kk, vv in v.items()})
                            for k, v in value.items()}
        sub["n_rows"] = len(rows)
        return _Ctx(**sub)

    def cap_slot(self, name: str, level, regular):
        top = self._blocked(self.allow[name], level, regular)
        rids = _pick({4: "R-M1", 3: "R-M3", 2: "R-M4"}, top, None)
        if name in ("sick", "absent"):
            rids = "R-M7" if name == "sick" else "R-M6"
        return slot_at(top > 0, rids, lambda i: self.take(i)._cap_text(name, top[i]))

    def _cap_text(self, name: str, top: np.ndarray) -> np.ndarray:
        if name == "task":
            label = pd.Series(self.task).map(TASK_RESULTS).fillna("").to_numpy(dtype=object)
            need = _pick({4: "«hoàn thành xuất sắc nhiệm vụ được giao»", 3: "«hoàn thành tốt các nhiệm vụ được giao»",
                          2: "«cơ bản hoàn thành nhiệm vụ được giao»"}, top)
            return "Chi bộ đánh giá mức hoàn thành nhiệm vụ «" + label + "»: mức " + _pick(_NAMES, top) + " cần " \
                + need + "."
        if name == "cs":
            label = pd.Series(self.csr).map(CIVIL_SERVANT_RATINGS).fillna("").to_numpy(dtype=object)
            award_txt = np.where(self.award & (top == 3), " (có khen thưởng thi đua, nhưng các mức lồng nhau: HTXS "
                                 "vẫn cần điều kiện công chức của HTT)", "").astype(object)
            need = _pick({4: "HTXS cần «Hoàn thành xuất sắc chức trách, nhiệm vụ» hoặc khen thưởng thi đua (chiến sĩ "
                             "thi đua cơ sở, Bằng khen)", 3: "HTT cần «Hoàn thành tốt chức trách, nhiệm vụ» trở lên"},
                         top)
            return "Xếp loại công chức «" + label + "»" + award_txt + ": " + need + "."
        if name == "sick":
            limit_value = float(self.rs.value("R-M7", "sick_leave_months"))
            what = np.where(self.maternity & (self.sick_months < limit_value),
                            "Nghỉ thai sản (tính như nghỉ ốm theo tham số maternity_counts_as_sick_leave)",
                            "Nghỉ ốm " + num(self.sick_months) + " tháng").astype(object)
            return what + " (từ " + num([limit_value])[0] + " tháng trở lên): không phân loại «Hoàn thành tốt nhiệm " \
                "vụ» trở lên."
        if name == "absent":
            limit = str(self.rs.param("rm6_absences_at_least"))
            return "Vắng sinh hoạt chi bộ " + num(self.absences) + " lần trong năm (từ " + limit \
                + " lần): không xét «Hoàn thành xuất sắc nhiệm vụ»."
        raise AssertionError(name)

    def votes_slot(self, level, regular):
        """R-M9: a level every cap allows but whose votes do not pass (only when a lower level was reached)."""
        top = np.zeros(self.n_rows, dtype="int8")
        for lv in (2, 3, 4):
            hit = regular & (level > 0) & (lv > level) & self.all_allow[lv] & ~self.vote_pass[lv]
            top = np.where(hit, lv, top).astype("int8")
        return slot_at(top > 0, "R-M9", lambda i: self.take(i)._votes_text(top[i]))

    def _votes_text(self, top: np.ndarray) -> np.ndarray:
        got = np.select([top == 4, top == 3, top == 2], [self.votes[4], self.votes[3], self.votes[2]], 0)
        need = np.select([top == lv for lv in (4, 3, 2)],
                         [needed(self.n, fraction(self.rs, *_VOTE_RULE[lv])) for lv in (4, 3, 2)], 0)
        frac_txt = _pick({lv: self._frac_txt(lv) for lv in (4, 3, 2)}, top)
        return "Chưa đủ phiếu cho mức «" + _pick(_NAMES, top) + "»: " + num(got) + "/" + num(self.n) \
            + " phiếu (cần " + frac_txt + ", tức ít nhất " + num(need) + " phiếu)."

    def level_slot(self, level, mask):
        """The sentence stating the level reached, with its votes (R-M1, R-M3, R-M4), or R-M10 (4) if none.

        Every rated member has one, so it is written once per distinct pattern (level, votes, civil-service rating)
        and spread to the rows: a million members share a few thousand sentences."""
        mask = mask & (level != 1)
        rids = _pick({4: "R-M1", 3: "R-M3", 2: "R-M4", 0: "R-M10"}, level, None)
        idx = np.flatnonzero(mask)
        out = slot_at(mask, rids, lambda i: S(len(i), ""))
        if len(idx):
            cs_code = pd.factorize(self.csr[idx], use_na_sentinel=False)[0]
            keys = [level[idx], self.n[idx], self.votes[4][idx], self.votes[3][idx], self.votes[2][idx], cs_code,
                    self.award[idx]]
            first, inverse = patterns(keys)
            rows = idx[first]
            out[1][idx] = self.take(rows)._level_text(level[rows])[inverse]
        return out

    def _level_text(self, level: np.ndarray) -> np.ndarray:
        got = np.select([level == 4, level == 3, level == 2], [self.votes[4], self.votes[3], self.votes[2]], 0)
        downward = self.rs.param("rm9_votes_count_downward")
        scope = {4: "HTXS", 3: "từ HTT trở lên" if downward else "HTT", 2: "từ HT trở lên" if downward else "HT"}
        frac_txt = _pick({lv: self._frac_txt(lv) for lv in (4, 3, 2)}, level)
        cs_label = pd.Series(self.csr).map(CIVIL_SERVANT_RATINGS).fillna("").to_numpy(dtype=object)
        civil_txt = np.where(self.civil, "; công chức xếp loại «" + cs_label + "»", "").astype(object)
        civil_txt = np.where((level == 4) & self.award, civil_txt + "; có khen thưởng thi đua", civil_txt)
        n_txt = num(self.n)
        text = "Đạt «" + _pick(_NAMES, level) + "»: " + num(got) + "/" + n_txt + " đảng viên chính thức tán thành " \
            + _pick(scope, level) + " (" + frac_txt + ")" + civil_txt.astype(object) + "."
        none_txt = ("Không mức nào vừa đủ điều kiện vừa đủ phiếu (phiếu HTXS " + num(self.votes[4]) + ", HTT "
                    + num(self.votes[3]) + ", HT " + num(self.votes[2]) + " trên " + n_txt
                    + " đảng viên chính thức): chưa có mức, cần bỏ phiếu lại.")
        return np.where(level == 0, none_txt, text).astype(object)


def _quota(rs: RuleSet, base: np.ndarray, size: np.ndarray, outstanding: np.ndarray) -> np.ndarray:
    """R-M2 per chi bộ: 15% (20% if outstanding) of ``base`` rounded as the parameter says; under 7 members, 1."""
    num_, den = fraction(rs, "R-M2", "share")
    onum, oden = fraction(rs, "R-M2", "outstanding_share")
    # compare shares as num/den with a common denominator
    top = np.where(outstanding, onum * den, num_ * oden).astype("int64") * base
    bottom = den * oden
    if rs.param("rm2_rounding") == "floor":
        pct = top // bottom
    else:
        pct = (2 * top + bottom) // (2 * bottom)
    small = size < int(rs.value("R-M2", "small_chi_bo_below"))
    cap = int(rs.value("R-M2", "small_chi_bo_max"))
    small_quota = np.full_like(pct, cap) if rs.param("rm2_small_chi_bo_one") else np.minimum(pct, cap)
    return np.where(small, small_quota, pct)


def chi_bo_stage(stage: MemberStage, chi_index: np.ndarray, size_per: np.ndarray, outstanding_per: np.ndarray,
                 roles: np.ndarray, grassroots_tsvm: np.ndarray, grassroots_id: np.ndarray,
                 grassroots_label: np.ndarray, rs: RuleSet) -> dict:
    """R-M6 for office holders, then the quota R-M2, per chi bộ (R-M10 step 5, R-O8).

    ``chi_index`` numbers each member's chi bộ (0…k-1); ``size_per`` and ``outstanding_per`` are per chi bộ; the
    other arrays are per member row. Returns the final level, flags, slots and the quota facts per chi bộ.
    """
    n_rows = len(chi_index)
    n_groups = len(size_per)
    level = stage.level.copy()
    slots = list(stage.slots)
    lvl_rids, lvl_texts = (a.copy() for a in slots[stage.level_slot])
    flag_vote = stage.flag_vote.copy()

    def demote(mask):
        nonlocal level
        level = np.where(mask, stage.alt, level).astype("int8")
        lvl_rids[mask] = stage.alt_slot[0][mask]
        lvl_texts[mask] = stage.alt_slot[1][mask]
        flag_vote[mask & (stage.alt == 0)] = True

    # R-M6: office holders whose grassroots organisation is not TSVM (applied once its level is known, R-O8).
    role_set = list(rs.value("R-M6", "roles"))
    holder = np.isin(roles.astype(object), role_set)
    rm6 = (level == 4) & holder & ~grassroots_tsvm
    rm6_slot = slot_at(rm6, "R-M6", lambda i: pd.Series(roles[i]).map(ROLES).fillna("").to_numpy(dtype=object)
                       + "; tổ chức cơ sở đảng " + grassroots_id[i].astype(object) + " xếp loại «"
                       + grassroots_label[i].astype(object) + "», chưa đạt Trong sạch vững mạnh: không xét «Hoàn "
                       "thành xuất sắc nhiệm vụ» (áp dụng sau khi biết xếp loại tổ chức, R-O8).")
    demote(rm6)

    # R-M2: the base is the members at HTT or above before the HTXS are chosen (after R-M6).
    base_per = np.bincount(chi_index, weights=(level >= 3), minlength=n_groups).astype("int64")
    quota_per = _quota(rs, base_per, size_per, outstanding_per)
    quota = quota_per[chi_index]
    cand = level == 4
    votes = stage.votes_htxs
    rank_min = np.zeros(n_rows, dtype="int64")
    rank_max = np.zeros(n_rows, dtype="int64")
    if cand.any():
        c = pd.DataFrame({"g": chi_index[cand], "v": votes[cand]})
        rank_min[cand] = c.groupby("g")["v"].rank(method="min", ascending=False).to_numpy(dtype="int64")
        rank_max[cand] = c.groupby("g")["v"].rank(method="max", ascending=False).to_numpy(dtype="int64")
    keep = cand & (rank_max <= quota)
    tie = cand & (rank_min <= quota) & (rank_max > quota)
    out = cand & (rank_min > quota)
    below = int(rs.value("R-M2", "small_chi_bo_below"))

    def rm2_text(i):
        g = chi_index[i]
        how = np.where(size_per[g] < below, f"chi bộ dưới {below} đảng viên: không quá "
                       + str(rs.value("R-M2", "small_chi_bo_max")) + " đồng chí",
                       np.where(outstanding_per[g], _pct(rs, "outstanding_share"), _pct(rs, "share")).astype(object)
                       + " của " + num(base_per[g]) + " đảng viên đạt HTT trở lên").astype(object)
        head = "Chỉ tiêu HTXS của chi bộ: " + num(quota_per[g]) + " đồng chí (" + how + ")"
        v = num(votes[i])
        return np.where(keep[i], head + "; được chọn với " + v + " phiếu.",
                        np.where(tie[i], head + "; bằng phiếu (" + v + ") với người khác ở ranh giới chỉ tiêu: giữ "
                                 "«Hoàn thành tốt nhiệm vụ» cho tới khi bỏ phiếu lại.",
                                 head + "; " + v + " phiếu, không nằm trong số được chọn.")).astype(object)

    rm2_slot = slot_at(cand, "R-M2", rm2_text)
    demote(tie | out)
    flag_vote = flag_vote | tie
    slots[stage.level_slot] = (lvl_rids, lvl_texts)
    slots += [rm6_slot, rm2_slot]
    return {"level": level, "flag_vote": flag_vote, "slots": slots, "quota": quota_per, "base": base_per,
            "tie": tie, "rm6": rm6,
            "htxs_per": np.bincount(chi_index, weights=(level == 4), minlength=n_groups).astype("int64"),
            "tie_per": np.bincount(chi_index, weights=tie, minlength=n_groups).astype("int64")}


def _pct(rs: RuleSet, key: str) -> str:
    num_, den = fraction(rs, "R-M2", key)
    return f"{100 * num_ / den:g}%"


def check_official_members(value, *, field: str = "official_members") -> int:
    from ..schema import COUNT_MAX  # counts stay below a million, so 10**19 cannot wrap in an int64 array

    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 0 <= value <= COUNT_MAX:
        raise InputError(field, value if isinstance(value, (int, float, str, type(None))) else type(value).__name__,
                         allowed="số nguyên từ 0 đến 999.999: số đảng viên chính thức của chi bộ", rule_id="R-M9")
    return int(value)
