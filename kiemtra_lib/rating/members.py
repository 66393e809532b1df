"""Rating of party members (004 §IV.2.2, §IV.3; RULES.md R-M1, R-M3, R-M4, R-M5, R-M7, R-M10, K5), vectorised over
a whole table; K3 comes from ``kiemtra_lib.review``, the votes from ``votes`` (R-M9), the bars of R-M6 from
``office_holders``, the quota from ``quota`` (R-M2).

Stage A (``member_stage``) is everything one member needs alone: R-M10 steps 1–4 and the absences of R-M6. It is
what ``rate_member`` runs on a one-row table, so the single-row API is the table API on one row, and what
``explain`` reads its conditions from. Stage B (``chi_bo_stage``) needs the chi bộ and the grassroots
organisation's level: R-M6 for office holders, then the quota (R-M10 step 5, in the order R-O8 gives).

Levels are ranks: 4 HTXS, 3 HTT, 2 HT, 1 KHT, 0 no level (not rated, or awaiting a new vote).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..discipline import discipline_in_force_series
from ..review import k3_not_reviewed
from ..rules import RuleSet
from ..schema import CIVIL_SERVANT_RATINGS, FAULTS, TASK_RESULTS
from . import office_holders, quota
from ._text import S, fmt_dates, join, num, patterns, slot_at
from .votes import needed, over_text, passes, vote_counts, vote_fraction

__all__ = ["RULES", "MemberStage", "member_stage", "chi_bo_stage", "LEVEL_CODES", "CAPS"]

# R-M8 (several posts: rated on the main and highest one) is the chi bộ's task_result, read here as the first cap.
RULES = ("R-M1", "R-M3", "R-M4", "R-M5", "R-M7", "R-M8", "R-M10", "K5")

LEVEL_CODES = np.array([None, "KHT", "HT", "HTT", "HTXS"], dtype=object)
_NAMES = {4: "Hoàn thành xuất sắc nhiệm vụ", 3: "Hoàn thành tốt nhiệm vụ", 2: "Hoàn thành nhiệm vụ"}
_LEVEL_RULE = {4: "R-M1", 3: "R-M3", 2: "R-M4"}
#: The caps of R-M10 step 3, each allowing some of HTXS (4), HTT (3), HT (2), and the rule a blocked level cites.
CAPS = {"task": _LEVEL_RULE, "cs": _LEVEL_RULE, "sick": {4: "R-M7", 3: "R-M7", 2: "R-M7"},
        "absent": {4: "R-M6", 3: "R-M6", 2: "R-M6"}}


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
    ctx: "_Ctx"                # the conditions per level (caps, votes) that ``explain`` reads
    level_slot: int            # index of the slot that states the level (replaced when the level moves down)
    alt_slot: tuple            # that slot for ``alt``
    votes_htxs: np.ndarray     # votes counted for HTXS (R-M2 ranks candidates by them)


def _discipline(m: pd.DataFrame, review: dt.date, rs: RuleSet, row_labels) -> np.ndarray:
    """R-M5 "đang chấp hành kỷ luật trong thời hạn 1 năm": one source of truth, ``kiemtra_lib.discipline`` (DF11)."""
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

    # (1) K3 (kiemtra_lib.review); K5: only reviewed members are rated.
    joined = m["joined_on"]
    k3 = k3_not_reviewed(joined, review, rs)
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
    kht_frac = vote_fraction(rs, 1)
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
    absent_bar = office_holders.absence_bar(absences, rs)
    allow = {
        "task": {4: task == "xuat_sac", 3: np.isin(task, ["xuat_sac", "tot"]),
                 2: np.isin(task, ["xuat_sac", "tot", "hoan_thanh"])},
        "cs": {4: ~civil | cs_top | (award & (cs_good if nest else (cs_good | cs_basic))),
               3: ~civil | cs_top | cs_good, 2: ~civil | cs_top | cs_good | cs_basic},
        "sick": {4: ~sick, 3: ~sick, 2: np.ones(n_rows, bool)},
        "absent": {4: ~absent_bar, 3: np.ones(n_rows, bool), 2: np.ones(n_rows, bool)},
    }
    vote_pass = {lv: passes(votes[lv], n, vote_fraction(rs, lv)) for lv in (4, 3, 2)}
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
                         + f", chưa đủ {int(rs.value('K3', 'months'))} tháng đến ngày chi bộ kiểm điểm " + review_txt
                         + ": chưa kiểm điểm, chưa phân loại lần này."))
    slots.append(slot_at(k5, "K5", lambda i: "Chưa hoàn thành việc kiểm điểm: chưa phân loại; chi bộ đánh giá, phân "
                                             "loại vào cuộc họp chi bộ gần nhất."))
    fault_labels = {k: "; ".join(FAULTS[x].lower() for x in str(k).split(";") if x) for k in pd.unique(faults)}
    frac_word = over_text(kht_frac)

    def rm5_text(i):
        causes = [np.where(in_force[i], "đang chấp hành kỷ luật công bố ngày "
                           + fmt_dates(m["discipline_date"].iloc[i]) + f" (chưa hết {int(rs.value('DF11', 'months'))} tháng)",
                           "").astype(object),
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
                       slots=slots, ctx=ctx, level_slot=level_slot, alt_slot=alt_slot, votes_htxs=votes[4])


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
        return over_text(vote_fraction(self.rs, lv))

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
        rids = _pick(CAPS[name], top, None)
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
                         [needed(self.n, vote_fraction(self.rs, lv)) for lv in (4, 3, 2)], 0)
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


def chi_bo_stage(stage: MemberStage, chi_index: np.ndarray, size_per: np.ndarray, outstanding_per: np.ndarray,
                 roles: np.ndarray, grassroots_tsvm: np.ndarray, grassroots_id: np.ndarray,
                 grassroots_label: np.ndarray, rs: RuleSet) -> dict:
    """R-M6 for office holders, then the quota R-M2, per chi bộ (R-M10 step 5, R-O8).

    ``chi_index`` numbers each member's chi bộ (0…k-1); ``size_per`` and ``outstanding_per`` are per chi bộ; the
    other arrays are per member row. Returns the final level, flags, slots and the quota facts per chi bộ.
    """
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
    rm6 = office_holders.office_bar(level, roles, grassroots_tsvm, rs)
    rm6_slot = office_holders.office_slot(rm6, roles, grassroots_id, grassroots_label)
    demote(rm6)

    # R-M2 over the candidates left after R-M6.
    choice = quota.choose(level, stage.votes_htxs, chi_index, size_per, outstanding_per, rs)
    demote(choice.tie | choice.out)
    flag_vote = flag_vote | choice.tie
    slots[stage.level_slot] = (lvl_rids, lvl_texts)
    slots += [rm6_slot, choice.slot]
    return {"level": level, "flag_vote": flag_vote, "slots": slots, "quota": choice.quota_per,
            "base": choice.base_per, "tie": choice.tie, "rm6": rm6,
            "htxs_per": np.bincount(chi_index, weights=(level == 4), minlength=n_groups).astype("int64"),
            "tie_per": np.bincount(chi_index, weights=choice.tie, minlength=n_groups).astype("int64")}
