"""Rating under ``qd366-2025`` (Quy định 366-QĐ/TW, Hướng dẫn 43-HD/BTCTW): one member, or a whole table of members and
organisations, with the same ``Decision`` / ``RatingResult`` shapes as ``hcm-2014``.

Order (QĐ 366 Điều 13, N13): members first (N9 who is rated, then their level, ``levels.py``), then the quota N4 in
each group of members, then the organisations (their own points and collective conditions, N14) and the quota among
organisations of the same kind under the same parent. The result is a proposal: the competent level decides (N13).

>>> d = rate_member({"points": 92, "tasks_assigned": 10, "tasks_done": 10, "tasks_on_time": 10, "tasks_beyond": 3},
...                 review_date="15/12/2025")
>>> d.level.label, d.rule_ids
('Hoàn thành xuất sắc nhiệm vụ', ('N3',))
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._text import S, assemble
from ..results import NO_MEMBER_ID, Decision, MemberLevel, RatingResult, _Detail, one_member_row
from ...dates import as_date, fmt_date
from ...errors import InputError, Problem
from ...periods import add_months_series
from ...rules import RuleSet, get_ruleset
from ._inputs import members_table, organisations_table
from ._util import sentences
from .levels import LEVEL_NAMES, level_stage
from .quota import apply_quota

__all__ = ["rate_member", "rate_organisation", "RatingResult366", "Decision366", "FLAG", "FLAG_LABEL",
           "NO_LEVEL_LABEL", "LEVEL_CODES", "RULESET", "RULES"]

RULES = ("N9", "N11", "N12", "N13", "N14", "N15", "N17")

RULESET = "qd366-2025"
FLAG = "can_cap_tham_quyen_xem_xet"
FLAG_LABEL = "Cấp có thẩm quyền cần xem xét"
NO_LEVEL_LABEL = "Chưa có mức: cấp có thẩm quyền xem xét"
NOT_RATED = "Chưa xếp loại lần này"
LEVEL_CODES = np.array([None, "KHT", "HT", "HTT", "HTXS"], dtype=object)
_LABELS = np.array([NOT_RATED] + [LEVEL_NAMES[r] for r in (1, 2, 3, 4)], dtype=object)
_FLAG_TUPLES = np.empty(2, dtype=object)
_FLAG_TUPLES[0], _FLAG_TUPLES[1] = (), (FLAG,)
_REVIEW_FIELD = "ngày đánh giá (review_date)"
_NO_ID = NO_MEMBER_ID


class Decision366(Decision):
    """A ``Decision`` whose missing level reads as "not rated this time" or "no level: the competent level decides"."""

    def __post_init__(self) -> None:
        if self.level is not None:
            label = self.level.label
        elif FLAG in self.flags:
            label = NO_LEVEL_LABEL
        else:
            label = NOT_RATED
        object.__setattr__(self, "label", label)


@dataclass(frozen=True, eq=False)
class RatingResult366(RatingResult):
    """``RatingResult`` under qd366-2025: organisations have the four levels of members (N2)."""

    def _decision366(self, table, key, value, detail, what):
        hits = np.flatnonzero((table[key] == str(value)).to_numpy())
        if len(hits) == 0:
            raise InputError(key, value, why=f"Không có {what} này trong kết quả")
        i = int(hits[0])
        row = table.iloc[i]
        return Decision366(level=MemberLevel.parse(row["level"]), reasons=detail.reasons(i, self._rs),
                           flags=tuple(row["flags"]), ruleset=self.ruleset, ruleset_label=self.ruleset_label,
                           subject=f"{what.capitalize()} {value}")

    def member(self, member_id: str) -> Decision:
        return self._decision366(self.members, "member_id", member_id, self._member_detail, "đảng viên")

    def organisation(self, org_id: str) -> Decision:
        kind = self.organisations.loc[self.organisations["org_id"] == str(org_id), "kind"]
        what = "đảng bộ" if len(kind) and kind.iloc[0] == "dang_bo" else "chi bộ"
        return self._decision366(self.organisations, "org_id", org_id, self._org_detail, what)

    def summary(self) -> pd.DataFrame:
        order = [LEVEL_NAMES[r] for r in (4, 3, 2, 1)] + [NO_LEVEL_LABEL, NOT_RATED]
        table = pd.crosstab(self.members["chi_bo_id"], self.members["label"])
        return table.reindex(columns=[c for c in order if c in table.columns], fill_value=0)


def _review(rs: RuleSet, review_date: Any) -> dt.date:
    review = as_date(review_date, _REVIEW_FIELD)
    if rs.effective_from is not None and review < rs.effective_from:
        raise InputError(_REVIEW_FIELD, fmt_date(review), rule_id="N17",
                         why=f"Bộ quy tắc {rs.name} có hiệu lực từ {fmt_date(rs.effective_from)}; trước ngày đó dùng "
                             "quy định khi ấy (bộ hcm-2014 là kế hoạch năm 2014 của khóa học)")
    return review


def _not_rated(t: pd.DataFrame, review: dt.date, rs: RuleSet):
    """N9: exempt, suspended, admitted less than 6 months before the review (same day number six months later is
    "đủ", parameter ``n9_six_months_reached``), and not reviewed: not rated this time, each with its reason."""
    n = len(t)
    exempt = t["exempt"].to_numpy(dtype=bool)
    suspended = t["suspended"].to_numpy(dtype=bool)
    joined = t["joined_on"]
    months = int(rs.value("N9", "months"))
    six = add_months_series(joined, months)
    six.index = joined.index
    review_ts = pd.Timestamp(review)
    if rs.param("n9_six_months_reached") == "same_date":
        young = (joined.notna() & (six > review_ts)).to_numpy()
    else:
        young = (joined.notna() & (six >= review_ts)).to_numpy()
    not_reviewed = ~t["reviewed"].to_numpy(dtype=bool)
    when = fmt_date(review)
    # Object columns filled by mask (np.where on Python strings would build a fixed-width unicode array per row).
    text = S(n, "")
    text[suspended] = "Đang bị đình chỉ sinh hoạt đảng: không kiểm điểm, xếp loại lần này."
    text[exempt] = "Được miễn công tác và sinh hoạt đảng: không kiểm điểm, xếp loại lần này."
    y = young & ~exempt & ~suspended
    # Each distinct admission date is formatted once (sentences), not the whole column.
    text[y] = sentences(y, [joined.to_numpy(dtype="datetime64[D]")], lambda j: (
        f"Kết nạp ngày {fmt_date(pd.Timestamp(j).date())}, chưa đủ {months} tháng đến ngày đánh giá {when}: chưa "
        "kiểm điểm, xếp loại lần này."))[y]
    r = not_reviewed & ~exempt & ~suspended & ~young
    text[r] = "Chưa kiểm điểm lần này: đã kiểm điểm thì phải xếp loại, nên đảng viên được xếp loại sau khi kiểm điểm."
    mask = exempt | suspended | young | not_reviewed
    rids = np.empty(n, dtype=object)
    rids[:] = None
    rids[mask] = "N9"
    return mask, (rids, text)


def _members_stage(t: pd.DataFrame, parts: np.ndarray, review: dt.date, rs: RuleSet):
    excluded, n9_slot = _not_rated(t, review, rs)
    stage = level_stage(t, rs, who=t["role_kind"].to_numpy(dtype=object), rated=~excluded, parts=parts)
    stage.slots.insert(0, n9_slot)
    return excluded, stage


def _one_row(member: Any) -> list[dict]:
    return [one_member_row(member)]


def rate_member(member: Any, *, review_date: Any, ruleset: "str | RuleSet" = RULESET,
                official_members: int | None = None) -> Decision:
    """Rate one member alone under qd366-2025: N9, the points and conditions of N3–N7, N10; the quota N4 needs the
    group (``rate_organisation``). ``official_members`` is accepted for the same call as ``hcm-2014`` and not
    used: QĐ 366 has no vote threshold (N15)."""
    rs = get_ruleset(ruleset)
    review = _review(rs, review_date)
    t, parts = members_table(_one_row(member), rs)
    excluded, stage = _members_stage(t, parts, review, rs)
    reasons = tuple(rs.reason(rids[0], texts[0]) for rids, texts in stage.slots if rids[0] is not None)
    level = int(stage.level[0])
    flags = (FLAG,) if stage.flag[0] else ()
    member_id = t["member_id"].iat[0]
    return Decision366(level=MemberLevel.from_rank(level), reasons=reasons, flags=flags, ruleset=rs.name,
                       ruleset_label=rs.label(),
                       subject="Đảng viên" if member_id == _NO_ID else f"Đảng viên {member_id}")


def _check_structure(m: pd.DataFrame, o: pd.DataFrame) -> None:
    """A member belongs to one chi bộ of the table; a chi bộ has members and at most a đảng bộ above it; a đảng bộ
    has chi bộ (several grassroots organisations may be given together, each with no parent)."""
    problems: list[Problem] = []
    ids = o["org_id"].to_numpy(dtype=object)
    kinds = o["kind"].to_numpy(dtype=object)
    parent = o["parent_id"].to_numpy(dtype=object)
    kind_of = pd.Series(kinds, index=ids)
    has_parent = pd.notna(parent)
    parent_kind = pd.Series(parent).map(kind_of).to_numpy(dtype=object)
    for i in np.flatnonzero(has_parent & ((kinds == "dang_bo") | (parent_kind != "dang_bo"))):
        why = ("Đảng bộ cơ sở không trực thuộc một tổ chức khác trong bảng" if kinds[i] == "dang_bo" else
               "Không có đảng bộ mang mã này trong bảng tổ chức" if pd.isna(parent_kind[i]) else
               "Chi bộ chỉ trực thuộc một đảng bộ, không trực thuộc một chi bộ")
        problems.append(Problem("parent_id", parent[i], row=f"{i + 1} ({ids[i]})", why=why))
    for i in np.flatnonzero((kinds == "dang_bo") & ~pd.Series(ids).isin(pd.unique(parent[has_parent])).to_numpy()):
        problems.append(Problem("org_id", ids[i], row=f"{i + 1} ({ids[i]})",
                                why="Đảng bộ phải có ít nhất một chi bộ trực thuộc trong bảng tổ chức"))
    for i in np.flatnonzero((kinds == "chi_bo") & ~pd.Series(ids).isin(pd.unique(m["chi_bo_id"])).to_numpy()):
        problems.append(Problem("org_id", ids[i], row=f"{i + 1} ({ids[i]})",
                                why="Chi bộ phải có ít nhất một đảng viên trong bảng đảng viên"))
    member_kind = m["chi_bo_id"].map(kind_of).to_numpy(dtype=object)
    mids = m["member_id"].to_numpy(dtype=object)
    for i in np.flatnonzero(member_kind != "chi_bo"):
        why = ("Mã này là một đảng bộ: đảng viên sinh hoạt ở một chi bộ" if member_kind[i] == "dang_bo"
               else "Không có chi bộ mang mã này trong bảng tổ chức")
        problems.append(Problem("chi_bo_id", m["chi_bo_id"].iat[i], row=f"{i + 1} ({mids[i]})", why=why))
    if problems:
        raise InputError.many(problems, rule_id="N13")


def _groups(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    codes, uniq = pd.factorize(keys)
    return codes.astype("int64"), np.asarray(uniq, dtype=object)


def _member_groups(m: pd.DataFrame, o: pd.DataFrame, rs: RuleSet):
    """(group of each member, names, outstanding per group) for the quota (parameter ``n4_quota_group``)."""
    how = rs.param("n4_quota_group")
    by_id = o.set_index("org_id")
    chi = m["chi_bo_id"].to_numpy(dtype=object)
    if how == "peer_group":
        peer = m["peer_group"].to_numpy(dtype=object)
        blank = pd.isna(peer)
        if blank.any():
            raise InputError.many([Problem("peer_group", "(trống)", row=f"{i + 1} ({m['member_id'].iat[i]})",
                                           why="Tỷ lệ tính theo nhóm peer_group (n4_quota_group): mỗi đảng viên cần "
                                               "một nhóm") for i in np.flatnonzero(blank)], rule_id="N4")
        g, names = _groups(peer)
        out = np.bincount(g, weights=m["outstanding"].to_numpy(dtype=bool), minlength=len(names)) > 0
        return g, names, out
    if how == "chi_bo":
        keys = chi
    else:  # to_chuc_co_so: the đảng bộ cơ sở of a chi bộ trực thuộc, the chi bộ itself for a chi bộ cơ sở
        parent = by_id["parent_id"].reindex(chi).to_numpy(dtype=object)
        keys = np.where(pd.isna(parent), chi, parent).astype(object)
    g, names = _groups(keys)
    out = by_id["outstanding"].reindex(names).to_numpy(dtype=bool)
    return g, names, out


def _org_groups(o: pd.DataFrame, rs: RuleSet):
    """Organisations of the same kind under the same parent (or by ``peer_group``); a group of one has no peer."""
    if rs.param("n4_org_quota_group") == "peer_group":
        peer = o["peer_group"].to_numpy(dtype=object)
        blank = pd.isna(peer)
        keys = np.where(blank, o["org_id"].to_numpy(dtype=object), peer).astype(object)
        g, names = _groups(keys)
        out = np.bincount(g, weights=o["outstanding"].to_numpy(dtype=bool), minlength=len(names)) > 0
    else:
        parent = o["parent_id"].to_numpy(dtype=object)
        keys = (o["kind"].astype(str) + "|" + pd.Series(parent).fillna("").astype(str)).to_numpy(dtype=object)
        g, _ = _groups(keys)
        first = pd.Series(np.arange(len(o))).groupby(g).first().to_numpy()
        par = parent[first]
        names = np.array([f"tổ chức trực thuộc {p}" if pd.notna(p) else "tổ chức cơ sở cùng cấp trên"
                          for p in par], dtype=object)
        out_of = o.set_index("org_id")["outstanding"]
        out = np.array([bool(out_of.get(p, False)) if pd.notna(p) else False for p in par], dtype=bool)
    size = np.bincount(g, minlength=len(names))
    alone = size[g] == 1
    return np.where(alone, -1, g), names, out, alone


def rate_organisation(members: Any, organisations: Any, *, review_date: Any,
                      ruleset: "str | RuleSet" = RULESET) -> RatingResult:
    """Rate members and organisations under qd366-2025 (members, the quota N4 in their groups, then the
    organisations and the quota among them). Bad values and broken structure: one ``InputError`` naming each."""
    rs = get_ruleset(ruleset)
    review = _review(rs, review_date)
    m, parts = members_table(members, rs)
    o = organisations_table(organisations, rs)
    _check_structure(m, o)

    excluded, stage = _members_stage(m, parts, review, rs)
    g, g_names, g_out = _member_groups(m, o, rs)
    quota = apply_quota(stage.level, m["points"].to_numpy(dtype="float64"), g, len(g_names), g_out, g_names, rs)
    level = quota.level
    m_flag = stage.flag | quota.tie
    m_slots = stage.slots + quota.slots
    m_rids, m_reasons = assemble(m_slots, rs, len(m))
    labels = _LABELS[level].copy()
    labels[(level == 0) & m_flag] = NO_LEVEL_LABEL
    members_out = pd.DataFrame({
        "member_id": m["member_id"].to_numpy(dtype=object), "chi_bo_id": m["chi_bo_id"].to_numpy(dtype=object),
        "official": m["official"].to_numpy(dtype=bool), "level": pd.Series(LEVEL_CODES[level], dtype=object),
        "label": labels, "rule_ids": m_rids, "reasons": m_reasons, "flags": _FLAG_TUPLES[m_flag.astype("int64")],
        "member_level": pd.Series(LEVEL_CODES[stage.level], dtype=object),
        "points": m["points"].to_numpy(dtype="float64"), "quota_group": g_names[g],
    })

    # Organisations: their own points and collective conditions (N14), members' results beside.
    ostage = level_stage(o, rs, who=np.full(len(o), "tap_the", dtype=object), rated=np.ones(len(o), bool))
    og, og_names, og_out, alone = _org_groups(o, rs)
    oquota = apply_quota(ostage.level, o["points"].to_numpy(dtype="float64"), og, len(og_names), og_out, og_names,
                         rs, what="tổ chức")
    o_level = oquota.level
    no_peer = alone & (o_level == 4)
    o_flag = ostage.flag | oquota.tie | no_peer
    ids = o["org_id"].to_numpy(dtype=object)
    parent = o["parent_id"].to_numpy(dtype=object)
    # Each member counts for its chi bộ and for the đảng bộ above it.
    pos = pd.Index(ids)
    chi_pos = pos.get_indexer(m["chi_bo_id"])
    par_pos = pos.get_indexer(pd.Series(parent).where(pd.notna(parent), None))
    up = par_pos[chi_pos]
    k = len(o)

    def per_org(mask):
        mask = np.asarray(mask, dtype="float64")
        c = np.bincount(chi_pos, weights=mask, minlength=k)
        has = up >= 0
        c += np.bincount(up[has], weights=mask[has], minlength=k)
        return c.astype("int64")

    counts = {"n_members": per_org(np.ones(len(m))), "n_rated": per_org(~excluded),
              "n_htxs": per_org(level == 4), "n_htt": per_org(level == 3), "n_ht": per_org(level == 2),
              "n_kht": per_org(level == 1), "n_no_level": per_org((level == 0) & ~excluded),
              "n_not_rated": per_org(excluded)}
    n14 = sentences(np.ones(k, bool), [counts[c] for c in ("n_rated", "n_htxs", "n_htt", "n_ht", "n_kht",
                                                           "n_no_level")],
                    lambda r, a, b, c, d, e: (
                        f"Đảng viên được xếp loại: {r} ({a} Hoàn thành xuất sắc, {b} Hoàn thành tốt, {c} Hoàn thành, "
                        f"{d} Không hoàn thành" + (f", {e} chưa có mức" if e else "") + "); mức của tổ chức ở đây "
                        "theo tổng điểm và điều kiện tập thể, cách kết hợp kết quả đảng viên và tổ chức trực thuộc "
                        "vào mức của tổ chức: cần xác nhận."))
    n14_rids = np.full(k, "N14", dtype=object)
    peer_rids = np.where(no_peer, "N4", None).astype(object)
    peer_text = np.where(no_peer, "Không có tổ chức tương đồng trong bảng: giữ mức theo điểm và điều kiện; cấp có "
                                  "thẩm quyền áp tỷ lệ trên các tổ chức tương đồng.", "").astype(object)
    o_slots = ostage.slots + oquota.slots + [(peer_rids, peer_text), (n14_rids, n14)]
    o_rids, o_reasons = assemble(o_slots, rs, k)
    o_labels = _LABELS[o_level].copy()
    o_labels[(o_level == 0) & o_flag] = NO_LEVEL_LABEL
    organisations_out = pd.concat([
        o[["org_id", "kind", "parent_id", "points"]].reset_index(drop=True),
        pd.DataFrame({"level": pd.Series(LEVEL_CODES[o_level], dtype=object), "label": o_labels,
                      "rule_ids": o_rids, "reasons": o_reasons, "flags": _FLAG_TUPLES[o_flag.astype("int64")],
                      "org_level": pd.Series(LEVEL_CODES[ostage.level], dtype=object), **counts,
                      "htxs_quota": np.where(og >= 0, oquota.quota[np.maximum(og, 0)], -1)}),
    ], axis=1)
    notes = _notes(rs)
    return RatingResult366(members=members_out, organisations=organisations_out, ruleset=rs.name,
                           ruleset_label=rs.label(), review_date=review, notes=notes,
                           _member_detail=_Detail(tuple(m_slots)), _org_detail=_Detail(tuple(o_slots)), _rs=rs,
                           _inputs={"members": m, "organisations": o, "member_groups": (g, g_names, g_out),
                                    "member_quota": quota, "member_stage": stage})


def _notes(rs: RuleSet):
    return (
        rs.reason("N13", "Kết quả là đề xuất theo quy tắc từ điểm tự chấm đã thẩm định; cấp có thẩm quyền quyết định "
                         "(chi bộ trực thuộc: đảng ủy cơ sở; chi bộ cơ sở, đảng bộ cơ sở: ban thường vụ cấp ủy cấp "
                         "trên trực tiếp). Có đơn thư khiếu nại, tố cáo thì cấp ủy cấp trên kiểm tra lại trước."),
        rs.reason("N12", "Đảng viên được xếp loại ở chi bộ trên kết quả thực hiện nhiệm vụ; kết quả xếp loại cán bộ, "
                         "công chức, viên chức là căn cứ (ghi vào tổng điểm và số nhiệm vụ)."),
        rs.reason("N11", "Đảng viên sinh hoạt tạm thời nơi khác được xếp loại ở nơi sinh hoạt chính thức (cột "
                         "chi_bo_id), có ý kiến bằng văn bản của chi bộ nơi sinh hoạt tạm thời."),
        rs.reason("N15", "Không xét ngưỡng phiếu: văn bản đọc được không nêu ngưỡng phiếu (cần xác nhận)."),
        rs.reason("N17", f"Quy định 366-QĐ/TW có hiệu lực từ {fmt_date(rs.value('N17', 'qd366_from'))}, Hướng dẫn "
                         f"43-HD/BTCTW áp dụng từ {fmt_date(rs.value('N17', 'hd43_from'))} (thay "
                         f"{', '.join(rs.value('N17', 'replaces'))}); kết quả sau đó phát hiện sai thì điều chỉnh "
                         "hoặc hủy và xếp loại lại."),
    )
