"""What would have to change for the next level up under qd366-2025: the points needed, the condition that fails
(tasks on time, the share beyond the requirement, shortcomings remedied, tasks behind schedule or not done), the
case of N7 that stops everything, and the quota N4 of the member's group. And N17: a rating redone on corrected data.

One subject at a time, plain Python over one row; every number comes from the rule data.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from ..explanation import Explanation
from ..results import MemberLevel
from ...errors import InputError
from ...rules import RuleSet, get_ruleset
from ._util import frac, pct, show
from .levels import LEVEL_NAMES
from .rate import RatingResult366, _one_row, rate_member, rate_organisation
from ._inputs import members_table

__all__ = ["explain", "revise", "RULES"]

RULES = ()


def _ceil_share(whole: int, f: tuple[int, int]) -> int:
    """The fewest of ``whole`` that make "at least num/den"."""
    return -(-whole * f[0] // f[1])


def _needs(row, target: int, rs: RuleSet) -> list[tuple[str, str]]:
    p = float(row["points"])
    a, done, on_time, beyond = (int(row[c]) for c in ("tasks_assigned", "tasks_done", "tasks_on_time",
                                                       "tasks_beyond"))
    leader = row.get("role_kind") == "lanh_dao_quan_ly"
    collective = "subordinate_disciplined" in row
    out: list[tuple[str, str]] = []
    rule = {4: "N3", 3: "N5", 2: "N6"}[target]
    minimum = float(rs.value(rule, "min_points"))
    if p < minimum:
        out.append((rule, f"tổng điểm từ {show(minimum)} trở lên (thêm {show(minimum - p)} điểm)"))
    if target >= 3:
        if on_time < a:
            out.append((rule, f"mọi nhiệm vụ hoàn thành đúng tiến độ (thêm {a - on_time} nhiệm vụ, hiện {on_time}/{a})"))
        if leader and not bool(row.get("led_units_all_done", False)):
            out.append((rule, "cơ quan, đơn vị trực tiếp lãnh đạo hoàn thành 100% nhiệm vụ"))
    if target == 4:
        f_b = frac(rs, "N3", "beyond_share")
        need = _ceil_share(a, f_b)
        if beyond < need:
            out.append(("N3", f"ít nhất {pct(f_b)} nhiệm vụ vượt mức yêu cầu: {need}/{a} (thêm {need - beyond})"))
        sp, sf = int(row["shortcomings_previous"]), int(row["shortcomings_fixed"])
        if sf < sp:
            out.append(("N3", f"khắc phục hết hạn chế, khuyết điểm kỳ trước (còn {sp - sf}/{sp})"))
        if leader and not bool(row.get("led_units_beyond_30", False)):
            out.append(("N3", f"ít nhất {pct(frac(rs, 'N3', 'led_units_beyond_share'))} nhiệm vụ của đơn vị trực tiếp "
                              "lãnh đạo vượt mức yêu cầu"))
        if collective and (bool(row["subordinate_disciplined"]) or bool(row["leadership_disciplined"])):
            out.append(("N3", "không có đơn vị cấp dưới, thành viên tập thể lãnh đạo bị kỷ luật (không thay đổi được "
                              "bằng điểm)"))
    if target == 2:
        if done < a:
            out.append(("N6", f"hoàn thành mọi nhiệm vụ được giao (còn {a - done}/{a} chưa hoàn thành)"))
        f_behind = frac(rs, "N6", "behind_max_share")
        allowed = a * f_behind[0] // f_behind[1]
        behind = done - on_time
        if behind > allowed:
            out.append(("N6", f"không quá {pct(f_behind)} nhiệm vụ chậm tiến độ: tối đa {allowed}/{a} (hiện "
                              f"{behind})"))
    return out


def _explain_row(row, decision, rs: RuleSet, group=None) -> Explanation:
    level = decision.level.rank if decision.level is not None else 0
    cases = str(row.get("kht_cases") or "")
    if decision.level is None and "N9" in decision.rule_ids:
        return Explanation(decision, None, (("N9", "Chưa xếp loại lần này: " + decision.reasons[0].text),))
    if cases:
        labels = rs.value("N7", "cases")
        text = ("Không mức nào cao hơn khi còn trường hợp của N7: " + "; ".join(
            f"«{labels[c]['label']}»" for c in cases.split(";")) + ". Tình tiết (thừa nhận, tự phát hiện và khắc "
            "phục) chỉ để cấp có thẩm quyền xem xét, không tự động bỏ.")
        return Explanation(decision, None, (("N7", text),))
    if level == 4:
        return Explanation(decision, None, (("N3", "Đã ở mức cao nhất."),))
    target = 2 if level <= 1 else level + 1
    changes = []
    if level == 1:
        below = float(rs.value("N7", "points_below"))
        a, done = int(row["tasks_assigned"]), int(row["tasks_done"])
        if float(row["points"]) < below:
            changes.append(("N7", f"tổng điểm không dưới {show(below)}"))
        f_nd = frac(rs, "N7", "not_completed_over_share")
        if (a - done) * f_nd[1] > a * f_nd[0]:
            changes.append(("N7", f"không quá {pct(f_nd)} nhiệm vụ không hoàn thành (hiện {a - done}/{a})"))
    changes += _needs(row, target, rs)
    if target == 3 and level == 0:  # no level: HT first
        changes = _needs(row, 2, rs) or changes
        target = 2
    if target == 4 and group is not None:
        changes += group
    elif target == 4:
        changes.append(("N4", "trong tỷ lệ Hoàn thành xuất sắc của nhóm (tối đa "
                              f"{pct(frac(rs, 'N4', 'share'))} số đạt Hoàn thành tốt trở lên; xét khi xếp loại cả nhóm)"))
    return Explanation(decision, MemberLevel.from_rank(target), tuple(changes))


def _quota_changes(result: RatingResult366, i: int, rs: RuleSet) -> list[tuple[str, str]]:
    g, names, out = result._inputs["member_groups"]
    q = result._inputs["member_quota"]
    gi = int(g[i])
    quota, base, chosen = int(q.quota[gi]), int(q.base[gi]), int(q.chosen[gi])
    share = frac(rs, "N4", "outstanding_share" if out[gi] else "share")
    name = names[gi]
    if result._inputs["member_stage"].level[i] == 4:  # met N3, stopped by the quota
        if quota == 0:
            return [("N4", f"nhóm «{name}» có {base} người đạt Hoàn thành tốt trở lên: {pct(share)} làm tròn xuống là "
                           "0 suất, nên không thể đạt Hoàn thành xuất sắc trong nhóm này dù đủ điều kiện")]
        if q.tie[i]:
            return [("N4", f"bằng điểm ở ranh giới tỷ lệ của nhóm «{name}» ({quota} suất): cấp có thẩm quyền quyết định")]
        pts = result.members["points"].to_numpy()
        lv = result.members["level"].to_numpy(dtype=object)
        in_group = (g == gi) & (lv == "HTXS")
        lowest = float(pts[in_group].min()) if in_group.any() else float("nan")
        return [("N4", f"tỷ lệ của nhóm «{name}» đã đủ ({chosen}/{quota} suất); cần tổng điểm cao hơn {show(lowest)}")]
    return [("N4", f"trong tỷ lệ của nhóm «{name}»: tối đa {quota} Hoàn thành xuất sắc ({pct(share)} của {base}, "
                   f"đã chọn {chosen})")]


def explain(subject: Any, key: str | None = None, *, ruleset: "str | RuleSet" = "qd366-2025",
            review_date: Any = None, **_: Any) -> Explanation:
    """``explain(result, "DV03")`` for a member of a qd366-2025 result (its quota included), ``explain(result,
    "CB1")`` for an organisation; ``explain(member_row, review_date=...)`` for one member alone."""
    rs = get_ruleset(ruleset)
    if isinstance(subject, RatingResult366):
        if key is None:
            raise InputError("key", None, allowed="mã đảng viên hoặc mã tổ chức có trong kết quả")
        m = subject._inputs["members"]
        hits = np.flatnonzero((m["member_id"] == str(key)).to_numpy())
        if len(hits):
            i = int(hits[0])
            return _explain_row(m.iloc[i], subject.member(str(key)), rs, group=_quota_changes(subject, i, rs))
        o = subject._inputs["organisations"]
        hits = np.flatnonzero((o["org_id"] == str(key)).to_numpy())
        if len(hits):
            return _explain_row(o.iloc[int(hits[0])], subject.organisation(str(key)), rs)
        raise InputError("key", key, why="Không có đảng viên hay tổ chức nào mang mã này trong kết quả")
    if review_date is None:
        raise InputError("review_date", None, why="Giải thích một đảng viên riêng lẻ cần ngày đánh giá")
    decision = rate_member(subject, review_date=review_date, ruleset=rs)
    row = members_table(_one_row(subject), rs)[0].iloc[0]
    return _explain_row(row, decision, rs)


def revise(previous: RatingResult366, members: Any, organisations: Any, *, ruleset: "str | RuleSet | None" = None,
           review_date: Any = None, **_: Any) -> RatingResult366:
    """N17: a rating later found wrong is adjusted or annulled and redone; members and organisations whose level
    changed carry an N17 reason and their ``previous_level``."""
    rs = get_ruleset(ruleset if ruleset is not None else previous._rs)
    new = rate_organisation(members, organisations, review_date=review_date or previous.review_date, ruleset=rs)
    tables, details = {}, {}
    cite = f" [N17, {rs.cite('N17')}]"
    for name, key, detail in (("members", "member_id", new._member_detail),
                              ("organisations", "org_id", new._org_detail)):
        table = getattr(new, name).copy()
        before = getattr(previous, name).set_index(key)
        prev = table[key].map(before["level"])
        prev_label = table[key].map(before["label"]).fillna("chưa xếp loại").to_numpy(dtype=object)
        changed = ((prev.fillna("∅") != table["level"].fillna("∅")).to_numpy()
                   & table[key].isin(before.index).to_numpy())
        text = np.where(changed, "Kết quả trước («" + prev_label + "») được điều chỉnh, xếp loại lại.", "")
        text = text.astype(object)
        rids = np.where(changed, "N17", None).astype(object)
        table["previous_level"] = prev.to_numpy(dtype=object)
        table.loc[changed, "reasons"] = table.loc[changed, "reasons"] + "\n" + text[changed] + cite
        table.loc[changed, "rule_ids"] = table.loc[changed, "rule_ids"].map(lambda t: (*t, "N17"))
        tables[name] = table
        details[name] = dataclasses.replace(detail, slots=detail.slots + ((rids, text),))
    return dataclasses.replace(new, members=tables["members"], organisations=tables["organisations"],
                               _member_detail=details["members"], _org_detail=details["organisations"])
