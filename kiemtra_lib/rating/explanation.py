"""What would have to change for the next level up ("cần thêm 2 phiếu", "điểm từ 90 trở lên"), and R-O6: a rating
revoked and redone on corrected data.

``explain`` implements no rule of its own: for a member it runs the rating's own stage A on the member's row (its
caps and votes, ``members``, ``votes``) and asks ``office_holders`` (R-M6) and ``quota`` (R-M2) what the chi bộ adds;
every obstacle to the next level is named, and ``votes_enough`` says whether more votes alone would reach it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import pandas as pd

from ..dates import as_date, fmt_date
from ..discipline import discipline_end_date, discipline_in_force
from ..errors import InputError
from ..review import k3_reviewed_from
from ..render import card
from ..rules import DEFAULT_RULESET, Reason, RuleSet, get_ruleset
from ..schema import CIVIL_SERVANT_RATINGS, FAULTS, TASK_RESULTS
from . import office_holders, quota
from ._text import fraction
from .members import CAPS, member_stage
from .rate import one_member, rate_member, rate_organisation
from .results import Decision, MemberLevel, OrgLevel, RatingResult, _Detail
from .votes import VOTE_COLUMNS, needed, over_text, vote_fraction

__all__ = ["RULES", "Explanation", "explain", "revise", "min_votes_for"]

RULES = ("R-O6",)


@dataclass(frozen=True)
class Explanation:
    """The current decision, the next level up (``None`` at the top or when not rated) and, in Vietnamese, each
    thing that would have to change to reach it, with the rule it comes from."""

    decision: Decision
    target: MemberLevel | OrgLevel | None
    changes: tuple[tuple[str, str], ...]  # (rule id, what must change)
    votes_short: int = 0  # votes for the target level still missing (a member)
    votes_enough: bool = False  # True when those votes alone reach the target: nothing else stands in the way

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(rid for rid, _ in self.changes))

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(text for _, text in self.changes)

    def __str__(self) -> str:
        head = f"{self.decision.subject}: hiện tại «{self.decision.label}»."
        if self.target is None:
            lines = [head] + [f"- {t} [{r}]" for r, t in self.changes]
            return "\n".join(lines)
        lines = [head, f"Để đạt «{self.target.label}» cần:"] + [f"- {t} [{r}]" for r, t in self.changes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rs = get_ruleset(self.decision.ruleset)
        changes = [rs.reason(r, t) if r in rs.rules else Reason(r, t, "") for r, t in self.changes]
        goal = f"Để đạt «{self.target.label}» cần:" if self.target is not None else ""
        return card(f"{self.decision.subject}: {self.decision.label}", changes, reasons_title=goal or "Ghi chú",
                    css_class="kiemtra-giai-thich")


def explain(subject: Any, key: str | None = None, *, official_members: int | None = None, review_date: Any = None,
            ruleset: "str | RuleSet" = DEFAULT_RULESET) -> Explanation:
    """What would have to change for the next level up.

    - ``explain(result, "M07")`` or ``explain(result, "CB1")``: a member or an organisation of a ``RatingResult``
      (quota, R-M6 and the organisations' counts included);
    - ``explain(member_row, official_members=9, review_date="25/11/2014")``: one member alone, as ``rate_member``.
    """
    if isinstance(subject, RatingResult):
        if key is None:
            raise InputError("key", None, allowed="mã đảng viên hoặc mã tổ chức có trong kết quả")
        if (subject.members["member_id"] == str(key)).any():
            return _explain_member_in(subject, str(key))
        if (subject.organisations["org_id"] == str(key)).any():
            return _explain_org(subject, str(key))
        raise InputError("key", key, why="Không có đảng viên hay tổ chức nào mang mã này trong kết quả")
    if official_members is None or review_date is None:
        raise InputError("official_members, review_date", None,
                         why="Giải thích một đảng viên riêng lẻ cần số đảng viên chính thức và ngày đánh giá")
    rs = get_ruleset(ruleset)
    decision = rate_member(subject, official_members=official_members, review_date=review_date, ruleset=rs)
    return _explain_member(one_member(subject), decision, int(official_members), as_date(review_date), rs,
                           chi_bo=None)


# --- members -------------------------------------------------------------------------------------------------


def _explain_member_in(result: RatingResult, member_id: str) -> Explanation:
    rs = result._rs
    m = result._inputs["members"]
    i = int(np.flatnonzero((m["member_id"] == member_id).to_numpy())[0])
    frame = m.iloc[[i]].reset_index(drop=True)
    chi_bo_id = frame["chi_bo_id"].iat[0]
    n = int(result.organisations.set_index("org_id").loc[chi_bo_id, "n_official"])
    decision = result.member(member_id)
    return _explain_member(frame, decision, n, result.review_date, rs, chi_bo=(result, chi_bo_id))


def _cap_change(name: str, target: int, row, rs: RuleSet) -> str:
    """What a cap of R-M10 step 3 needs for the target level, in the words of the rating's own reasons."""
    if name == "task":
        need = {4: "xuat_sac", 3: "tot", 2: "hoan_thanh"}[target]
        return f"chi bộ đánh giá từ «{TASK_RESULTS[need]}» trở lên"
    if name == "cs":
        if target == 4:
            award = "" if rs.param("award_needs_htt_civil_service") else " hoặc thấp hơn"
            return (f"xếp loại công chức «{CIVIL_SERVANT_RATINGS['xuat_sac']}», hoặc «{CIVIL_SERVANT_RATINGS['tot']}»"
                    f"{award} kèm đề nghị chiến sĩ thi đua cơ sở, Bằng khen")
        need = {3: "tot", 2: "hoan_thanh"}[target]
        return f"xếp loại công chức từ «{CIVIL_SERVANT_RATINGS[need]}» trở lên"
    if name == "sick":
        limit = float(rs.value("R-M7", "sick_leave_months"))
        what = (" (nghỉ thai sản đang được tính như nghỉ ốm)" if bool(row["maternity_leave"])
                and rs.param("maternity_counts_as_sick_leave") else "")
        return f"nghỉ ốm dưới {limit:g} tháng trong năm (hiện {float(row['sick_leave_months']):g}){what}"
    if name == "absent":
        limit = int(rs.param("rm6_absences_at_least"))
        return f"vắng sinh hoạt chi bộ dưới {limit} lần trong năm (hiện {int(row['absences'])})"
    raise AssertionError(name)


def _explain_member(frame: pd.DataFrame, decision: Decision, n: int, review, rs: RuleSet, chi_bo) -> Explanation:
    """``frame``: the member's validated row as a one-row table; ``chi_bo``: (result, chi bộ id) or None."""
    row = frame.iloc[0]
    changes: list[tuple[str, str]] = []
    ids = decision.rule_ids
    if decision.level is None and ("K3" in ids or "K5" in ids):
        if "K3" in ids:
            since = k3_reviewed_from(as_date(row["joined_on"]), rs)
            changes.append(("K3", f"đủ {int(rs.value('K3', 'months'))} tháng kể từ ngày kết nạp: được kiểm điểm, "
                                  "phân loại từ ngày " + fmt_date(since)))
        if "K5" in ids:
            changes.append(("K5", "hoàn thành việc kiểm điểm; chi bộ phân loại vào cuộc họp gần nhất"))
        return Explanation(decision, None, tuple(changes))
    level = decision.level
    if level is MemberLevel.HTXS:
        return Explanation(decision, None, (("R-M1", "đã ở mức cao nhất"),))
    target = 2 if level is None else level.rank + 1
    stage = member_stage(frame, np.array([n], dtype="int64"), review, rs, lambda i: str(row["member_id"]))
    ctx = stage.ctx
    if level is MemberLevel.KHT:
        changes += _rm5_changes(row, review, rs)
    # The caps of the target level, as the rating computed them (R-M1, R-M3, R-M4, R-M7, R-M6 absences).
    for name in CAPS:
        if not bool(ctx.allow[name][target][0]):
            changes.append((CAPS[name][target], _cap_change(name, target, row, rs)))
    # The chi bộ: R-M6 for office holders, then the quota R-M2 (only a result knows them).
    frac = vote_fraction(rs, target)
    threshold = int(needed(n, frac))
    required, quota_why = threshold, ""
    if target == 4 and chi_bo is not None:
        blocked, quota_need, why = _chi_bo_changes(row, chi_bo, rs, changes)
        if quota_need is not None and quota_need > threshold:
            required, quota_why = quota_need, why
    have = int(ctx.votes[target][0])
    short = max(required - have, 0)
    others = list(changes)  # what no number of votes changes
    label = MemberLevel.from_rank(target).label
    if short and required > n:
        changes.append(("R-M9", f"số phiếu không đủ để đạt «{label}»: cần ít nhất {required} phiếu, chi bộ có {n} "
                                "đảng viên chính thức"))
    elif short and quota_why:
        changes.append(("R-M2", f"cần thêm {short} phiếu HTXS (hiện {have}/{n}): {quota_why}"))
    elif short:
        changes.append(("R-M9", f"cần thêm {short} phiếu tán thành mức «{label}» (hiện {have}/{n}, cần "
                                f"{over_text(frac)}, tức ít nhất {threshold})"))
    if not changes:  # a member kept at a level by nothing of its own: say so rather than invent a condition
        changes.append(("R-M10", "không có điều kiện riêng nào còn thiếu: xem lý do của quyết định"))
    return Explanation(decision, MemberLevel.from_rank(target), tuple(changes), votes_short=short,
                       votes_enough=bool(short) and required <= n and not others)


def _rm5_changes(row, review, rs: RuleSet) -> list[tuple[str, str]]:
    out = []
    if pd.notna(row["discipline_date"]) and discipline_in_force(row["discipline_date"], review, ruleset=rs):
        end = discipline_end_date(row["discipline_date"], ruleset=rs)
        out.append(("R-M5", f"hết thời hạn kỷ luật: kỷ luật tự chấm dứt ngày {fmt_date(end)} (DF11)"))
    if row["task_result"] == "khong_hoan_thanh" and rs.param("task_result_khong_hoan_thanh_is_fault"):
        out.append(("R-M5", f"chi bộ đánh giá từ «{TASK_RESULTS['hoan_thanh']}» trở lên"))
    if row["civil_servant_rating"] == "chua_hoan_thanh":
        out.append(("R-M5", f"xếp loại công chức từ «{CIVIL_SERVANT_RATINGS['hoan_thanh']}» trở lên"))
    for fault in (f for f in str(row["faults"]).split(";") if f):
        out.append(("R-M5", f"không có khuyết điểm «{FAULTS[fault]}»"))
    return out


def _chi_bo_changes(row, chi_bo, rs: RuleSet, changes: list) -> tuple[bool, int | None, str]:
    """HTXS within the chi bộ: R-M6 for office holders, then the quota R-M2. Appends what no vote can change;
    returns (something no vote can change stands in the way, the HTXS votes the quota asks for, why)."""
    result, chi_bo_id = chi_bo
    orgs = result.organisations.set_index("org_id")
    blocked = False
    if bool(office_holders.holds_office([row["role"]], rs)[0]):
        g_id = chi_bo_id
        parent = orgs.loc[chi_bo_id, "parent_id"]
        if pd.notna(parent) and rs.param("rm6_grassroots_org") == "dang_bo_co_so":
            g_id = parent
        if orgs.loc[g_id, "level"] != OrgLevel.TSVM.value:
            changes.append(("R-M6", f"tổ chức cơ sở đảng {g_id} đạt «{OrgLevel.TSVM.label}» (hiện "
                                    f"«{orgs.loc[g_id, 'label']}»; {office_holders.role_label(row['role']).lower()} "
                                    "không được xét HTXS khi tổ chức chưa đạt)"))
            blocked = True
    q = int(orgs.loc[chi_bo_id, "htxs_quota"])
    members, inputs = result.members, result._inputs["members"]
    others = ((members["chi_bo_id"] == chi_bo_id) & (members["member_id"] != row["member_id"])).to_numpy() \
        & members["rule_ids"].map(lambda t: "R-M2" in t).to_numpy()  # the other candidates: each has an R-M2 reason
    need = quota.votes_to_be_chosen(q, inputs.loc[others, VOTE_COLUMNS[4]].to_numpy())
    if need is None:
        changes.append(("R-M2", "chỉ tiêu HTXS của chi bộ lớn hơn 0 (hiện 0: cần thêm đảng viên đạt HTT trở lên); "
                                "khi chỉ tiêu là 0, không số phiếu nào đủ"))
        return True, None, ""
    tied = "can_bo_phieu_lai" in members.loc[members["member_id"] == row["member_id"], "flags"].iloc[0]
    why = (f"chỉ tiêu HTXS của chi bộ là {q} đồng chí"
           + (": đang bằng phiếu ở ranh giới chỉ tiêu (chi bộ bỏ phiếu lại)" if tied else "")
           + f"; cần nhiều hơn {need - 1} phiếu HTXS, số phiếu của người thứ {q} trong những người khác đủ điều kiện"
           if need else "")
    if need > int(orgs.loc[chi_bo_id, "n_official"]):
        changes.append(("R-M2", why + ": không thể, vì vượt số đảng viên chính thức"))
        return True, None, ""
    return blocked, need, why


def min_votes_for(level: "str | MemberLevel", official: int, *, task_result: str, review_date: Any,
                  ruleset: "str | RuleSet" = DEFAULT_RULESET) -> int | None:
    """The fewest votes for ``level`` (a ``MemberLevel`` or its label) with which a member assessed ``task_result``
    reaches it when every other official member votes one level lower; None when no count does (a cap of R-M10).
    The threshold is the rating's own (``votes.needed``), checked by ``rate_member``."""
    rs = get_ruleset(ruleset)
    lv = level if isinstance(level, MemberLevel) else next((x for x in MemberLevel if x.label == level), None)
    if lv is None or lv is MemberLevel.KHT:
        raise InputError("mức", level, allowed=[x.label for x in MemberLevel if x is not MemberLevel.KHT])
    votes = int(needed(official, vote_fraction(rs, lv.rank)))
    if votes > official:
        return None
    below = VOTE_COLUMNS[max(lv.rank - 1, 2)]
    row = {"task_result": task_result, **{VOTE_COLUMNS[r]: 0 for r in (4, 3, 2, 1)}}
    row[VOTE_COLUMNS[lv.rank]] = votes
    if below != VOTE_COLUMNS[lv.rank]:
        row[below] += official - votes
    got = rate_member(row, official_members=official, review_date=review_date, ruleset=rs)
    return votes if got.level is lv else None


# --- organisations ---------------------------------------------------------------------------------------------


def _explain_org(result: RatingResult, org_id: str) -> Explanation:
    rs = result._rs
    o = result._inputs["organisations"].set_index("org_id").loc[org_id]
    stats = result.organisations.set_index("org_id").loc[org_id]
    decision = result.organisation(org_id)
    level = decision.level
    dang_bo = o["kind"] == "dang_bo"
    if level is OrgLevel.TSVM:
        return Explanation(decision, None, (("R-O1", "đã ở mức cao nhất"),))
    target = OrgLevel.from_rank(level.rank + 1)
    p = float(o["points"])
    ranks = [int(x) for x in str(o["mass_org_ranks"]).split(";") if x]
    changes: list[tuple[str, str]] = []
    r5, r3, r1 = (rs.rules[r].values for r in ("R-O5", "R-O3", "R-O1"))
    if level is OrgLevel.YEU_KEM:
        if p < float(r5["min_points"]):
            changes.append(("R-O5", f"điểm từ {r5['min_points']} trở lên (hiện {p:g})"))
        if int(o["failed_tasks"]) >= int(r5["failed_tasks"]):
            changes.append(("R-O5", f"không hoàn thành dưới {r5['failed_tasks']} nhiệm vụ "
                                    f"(hiện {int(o['failed_tasks'])})"))
        if not o["committee_united"]:
            changes.append(("R-O5", "cấp ủy đoàn kết"))
        if o["corruption_discipline"]:
            changes.append(("R-O5", "không để xảy ra tham nhũng, tiêu cực đến mức có đảng viên phải kỷ luật"))
        if o["agency_lowest"]:
            changes.append(("R-O5", "cơ quan, đơn vị không xếp loại mức thấp nhất"))
        lowest = sum(r == int(r5["mass_org_lowest_rank"]) for r in ranks)
        if lowest >= int(r5["mass_org_lowest_count"]):
            changes.append(("R-O5", f"dưới {r5['mass_org_lowest_count']} đoàn thể xếp loại mức thấp nhất "
                                    f"(hiện {lowest})"))
        if dang_bo:
            num_, den = fraction(rs, "R-O5", "chi_bo_yeu_kem_over")
            total, yk = int(stats["n_chi_bo"]), int(stats["n_chi_bo_yeu_kem"])
            allowed = total * num_ // den
            if yk > allowed:
                changes.append(("R-O5", f"bớt {yk - allowed} chi bộ Yếu kém (không quá {num_}/{den} của {total}: "
                                        f"tối đa {allowed})"))
        else:
            num_, den = fraction(rs, "R-O5", "members_kht_over")
            total, kht = int(stats["n_rated"]), int(stats["n_kht"])
            allowed = total * num_ // den
            if kht > allowed:
                changes.append(("R-O5", f"bớt {kht - allowed} đảng viên KHT (không quá {num_}/{den} của {total}: "
                                        f"tối đa {allowed})"))
    if target is OrgLevel.HTT:
        if p < float(r3["min_points"]):
            changes.append(("R-O3", f"điểm từ {r3['min_points']} trở lên (hiện {p:g})"))
        changes += _ro3_changes(o, ranks, rs)
    if target is OrgLevel.TSVM:
        if p < float(r1["min_points"]):
            changes.append(("R-O1", f"điểm từ {r1['min_points']} trở lên (hiện {p:g})"))
        if o["committee_result"] != r1["committee_result"]:
            changes.append(("R-O1", "cấp ủy hoàn thành xuất sắc nhiệm vụ"))
        if not o["meets_regularly"]:
            changes.append(("R-O1", "sinh hoạt đúng quy định"))
        if not o["remedy_plan_done"]:
            changes.append(("R-O1", "xây dựng và thực hiện tốt kế hoạch khắc phục hạn chế, khuyết điểm"))
        no_mass_fails = not ranks and not rs.param("ro_no_mass_org_holds")
        if (ranks and max(ranks) > int(r1["mass_org_max_rank"])) or no_mass_fails:
            changes.append(("R-O1", "các đoàn thể đạt mức cao nhất"))
        if int(o["failed_tasks"]) == 1 and rs.param("ro_one_failed_task_caps_at_ht"):
            changes.append(("R-O1", "hoàn thành mọi nhiệm vụ được giao"))
        if dang_bo:
            short = int(stats["n_chi_bo_yeu_kem"])
            if short:
                changes.append(("R-O1", f"100% chi bộ trực thuộc đạt «Hoàn thành nhiệm vụ» trở lên (còn {short} "
                                        "chi bộ Yếu kém)"))
        else:
            short = int(stats["n_rated"]) - int(stats["n_ht_or_above"])
            if short:
                changes.append(("R-O1", f"100% đảng viên đạt «Hoàn thành nhiệm vụ» trở lên (còn {short} đảng viên "
                                        "chưa đạt hoặc chờ bỏ phiếu lại)"))
    if not changes:
        changes.append(("R-O8", "không có điều kiện nào còn thiếu: xem lý do của quyết định"))
    return Explanation(decision, target, tuple(changes))


def _ro3_changes(o, ranks, rs: RuleSet) -> list[tuple[str, str]]:
    r3 = rs.rules["R-O3"].values
    out = []
    if o["committee_result"] not in r3["committee_results"]:
        out.append(("R-O3", "cấp ủy hoàn thành tốt nhiệm vụ trở lên"))
    if o["leader_disciplined"] and not o["self_detected"]:
        out.append(("R-O3", "không có cấp ủy viên là cán bộ trưởng, phó bị kỷ luật (trừ khi tổ chức đảng tự phát "
                            "hiện, xử lý)"))
    if (ranks and max(ranks) > int(r3["mass_org_max_rank"])) or (not ranks and not rs.param("ro_no_mass_org_holds")):
        out.append(("R-O3", "các đoàn thể đạt mức cao thứ hai trở lên"))
    if int(o["failed_tasks"]) == 1 and rs.param("ro_one_failed_task_caps_at_ht"):
        out.append(("R-O3", "hoàn thành mọi nhiệm vụ được giao (không nhiệm vụ nào không hoàn thành)"))
    return out


# --- R-O6 ------------------------------------------------------------------------------------------------------


def revise(previous: RatingResult, members: Any, organisations: Any, *, review_date: Any = None,
           ruleset: "str | RuleSet | None" = None) -> RatingResult:
    """R-O6: a rating already recognised is revoked and redone when a fault or an unmet condition is found later.

    Rates the corrected tables again (same review date and rule set unless given) and marks every member and
    organisation whose level changed with an R-O6 reason and its ``previous_level``.
    """
    rs = get_ruleset(ruleset if ruleset is not None else previous._rs)
    new = rate_organisation(members, organisations, review_date=review_date or previous.review_date, ruleset=rs)
    tables, details = {}, {}
    for name, key, detail in (("members", "member_id", new._member_detail),
                              ("organisations", "org_id", new._org_detail)):
        table = getattr(new, name).copy()
        before = getattr(previous, name).set_index(key)["level"]
        prev = table[key].map(before)
        changed = (prev.fillna("∅") != table["level"].fillna("∅")).to_numpy() & table[key].isin(before.index).to_numpy()
        labels = prev.map(_label_of(name)).fillna("chưa phân loại").to_numpy(dtype=object)
        text = np.where(changed, "Kết quả trước («" + labels + "») bị hủy bỏ và phân loại lại.", "").astype(object)
        rids = np.where(changed, "R-O6", None).astype(object)
        cite = f" [R-O6, {rs.cite('R-O6')}]"
        table["previous_level"] = prev.to_numpy(dtype=object)
        table.loc[changed, "reasons"] = table.loc[changed, "reasons"] + "\n" + text[changed] + cite
        table.loc[changed, "rule_ids"] = table.loc[changed, "rule_ids"].map(lambda t: (*t, "R-O6"))
        tables[name] = table
        details[name] = _Detail(detail.slots + ((rids, text),))
    return dataclasses.replace(new, members=tables["members"], organisations=tables["organisations"],
                               _member_detail=details["members"], _org_detail=details["organisations"])


def _label_of(name: str) -> Mapping[str, str]:
    levels = MemberLevel if name == "members" else OrgLevel
    return {lv.value: lv.label for lv in levels}
