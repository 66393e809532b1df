"""``rate_member`` and ``rate_organisation`` of ``hcm-2014``: the whole rating run over the members and organisations
tables, in the order of R-O8 (members, chi bộ, đảng bộ, then R-M6 and the quotas), plus R-O2 (which chi bộ may be
proposed "TSVM tiêu biểu") and the note of R-O7 (the result is a proposal; the upper standing committee decides)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..dates import as_date
from ..rules import DEFAULT_RULESET, RuleSet, get_ruleset
from ..schema import MEMBERS, ORGANISATIONS
from . import office_holders, quota
from ._text import assemble, fraction, slot
from .members import LEVEL_CODES, chi_bo_stage, member_stage
from .organisations import ORG_CODES, check_structure, org_stage
from .results import (NEW_VOTE_LABEL, NO_MEMBER_ID, NOT_RATED_LABEL, Decision, MemberLevel, OrgLevel, RatingResult,
                      _Detail, one_member_row)
from .votes import check_official_members, check_votes

__all__ = ["RULES", "rate_member", "rate_organisation", "one_member"]

RULES = ("R-O2", "R-O7")

_REVIEW_FIELD = "ngày đánh giá (review_date)"
_NO_ID = NO_MEMBER_ID
_FLAG_TUPLES = np.empty(4, dtype=object)
for _i, _t in enumerate([(), ("can_bo_phieu_lai",), ("can_xem_xet_lai",), ("can_bo_phieu_lai", "can_xem_xet_lai")]):
    _FLAG_TUPLES[_i] = _t
_MEMBER_LABELS = np.array([NOT_RATED_LABEL] + [MemberLevel.from_rank(r).label for r in (1, 2, 3, 4)], dtype=object)
_ORG_LABELS = np.array([""] + [OrgLevel.from_rank(r).label for r in (1, 2, 3, 4)], dtype=object)


def _labeler(ids: np.ndarray, base: int = 1):
    return lambda i: f"{i + base} ({ids[i]})"


def _flags(vote: np.ndarray, review: np.ndarray) -> np.ndarray:
    return _FLAG_TUPLES[vote.astype("int64") + 2 * review.astype("int64")]


def _obj(values: np.ndarray) -> pd.Series:
    """A level column keeps ``None`` for "no level" (pandas 3 would turn it into NaN in a string column)."""
    return pd.Series(values, dtype=object)


def one_member(member: Any) -> pd.DataFrame:
    """One member (dict, Series or one-row table) as a validated one-row members table."""
    return MEMBERS.validate([one_member_row(member)])


def rate_member(member: Any, *, official_members: int, review_date: Any,
                ruleset: "str | RuleSet" = DEFAULT_RULESET) -> Decision:
    """Rate one member alone: every rule that needs no other member and no organisation's level.

    ``member`` is one row of the members table (a dict or Series; missing optional columns take their defaults);
    ``official_members`` is the chi bộ's number of official members, the vote denominator (R-M9). R-M6 for office
    holders and the quota R-M2 need the whole chi bộ: use ``rate_organisation``.
    """
    rs = get_ruleset(ruleset)
    review = as_date(review_date, _REVIEW_FIELD)
    n = check_official_members(official_members)
    m = one_member(member)
    official = np.array([n], dtype="int64")
    row = _labeler(m["member_id"].to_numpy(dtype=object))
    check_votes(m, official, row)
    stage = member_stage(m, official, review, rs, row)
    reasons = tuple(rs.reason(rids[0], texts[0]) for rids, texts in stage.slots if rids[0] is not None)
    flags = _flags(stage.flag_vote, stage.flag_review)[0]
    return Decision(level=MemberLevel.from_rank(int(stage.level[0])), reasons=reasons, flags=flags,
                    ruleset=rs.name, ruleset_label=rs.label(), subject=_subject(m["member_id"].iat[0]))


def _subject(member_id: str) -> str:
    return "Đảng viên" if member_id == _NO_ID else f"Đảng viên {member_id}"


def rate_organisation(members: Any, organisations: Any, *, review_date: Any,
                      ruleset: "str | RuleSet" = DEFAULT_RULESET) -> RatingResult:
    """Rate a whole đảng bộ (or a single chi bộ) and its members, in the order of R-O8.

    A chi bộ's official members (the vote denominator) are its rows with ``official`` true. Bad values, votes over
    the official count and broken structure raise one ``InputError`` naming every row and column at fault.
    """
    rs = get_ruleset(ruleset)
    review = as_date(review_date, _REVIEW_FIELD)
    m = MEMBERS.validate(members)
    o = ORGANISATIONS.validate(organisations)
    mrow = _labeler(m["member_id"].to_numpy(dtype=object))
    orow = _labeler(o["org_id"].to_numpy(dtype=object))
    check_structure(m, o, mrow, orow)

    # Chi bộ numbering follows the organisations table; per-chi-bộ facts are arrays indexed by it.
    chi = o[o["kind"] == "chi_bo"].reset_index(drop=True)
    chi_pos = pd.Index(chi["org_id"])
    chi_index = chi_pos.get_indexer(m["chi_bo_id"])
    k = len(chi)
    official_per = np.bincount(chi_index, weights=m["official"].to_numpy(dtype=bool), minlength=k).astype("int64")
    size_per = np.bincount(chi_index, minlength=k).astype("int64")
    official = official_per[chi_index]
    check_votes(m, official, mrow)
    stage = member_stage(m, official, review, rs, mrow)

    # Chi bộ (R-O1, R-O5 counts: members not rated this time are left out; awaiting a new vote counts, RULES.md).
    lv = stage.level
    counted = ~stage.not_rated

    def per(mask):
        return np.bincount(chi_index, weights=mask, minlength=k).astype("int64")

    chi_stats = {"rated": per(counted), "ht_plus": per(lv >= 2), "kht": per(lv == 1), "awaiting": per(stage.flag_vote),
                 "children": np.zeros(k, "int64"), "children_ok": np.zeros(k, "int64"),
                 "children_yk": np.zeros(k, "int64"), "is_dang_bo": np.zeros(k, bool)}
    chi_res = org_stage(chi, chi_stats, rs)

    db = o[o["kind"] == "dang_bo"].reset_index(drop=True)
    db_pos = pd.Index(db["org_id"])
    chi_parent = db_pos.get_indexer(chi["parent_id"].where(chi["parent_id"].notna(), None))
    has_parent = chi_parent >= 0
    kd = len(db)

    def per_db(mask):
        return np.bincount(chi_parent[has_parent], weights=np.asarray(mask)[has_parent], minlength=kd).astype("int64")

    db_stats = {"rated": np.zeros(kd, "int64"), "ht_plus": np.zeros(kd, "int64"), "kht": np.zeros(kd, "int64"),
                "awaiting": np.zeros(kd, "int64"), "children": per_db(np.ones(k)),
                "children_ok": per_db(chi_res["level"] >= 2), "children_yk": per_db(chi_res["level"] == 1),
                "is_dang_bo": np.ones(kd, bool)}
    db_res = org_stage(db, db_stats, rs)

    # R-M6 after the organisations' levels (R-O8): the grassroots organisation of a chi bộ trực thuộc is its đảng
    # bộ, of a chi bộ cơ sở the chi bộ itself (parameter rm6_grassroots_org).
    g_level, g_id = office_holders.grassroots_org(has_parent, chi_parent, chi_res["level"], db_res["level"],
                                                  chi["org_id"].to_numpy(dtype=object),
                                                  db["org_id"].to_numpy(dtype=object), rs)
    parent_out = has_parent & (db["outstanding"].to_numpy(dtype=bool)[np.maximum(chi_parent, 0)] if kd else False)
    out_chi = quota.outstanding_chi_bo(chi["outstanding"].to_numpy(dtype=bool), parent_out, rs)
    quota_size = quota.quota_size(official_per, size_per, rs)
    final = chi_bo_stage(stage, chi_index, quota_size, out_chi, m["role"].to_numpy(dtype=object),
                         (g_level == 4)[chi_index], g_id[chi_index],
                         pd.Series(g_level).map(dict(enumerate(_ORG_LABELS))).to_numpy(dtype=object)[chi_index], rs)

    # R-O2: "TSVM tiêu biểu" at most 20% of the đảng bộ's chi bộ rated TSVM (which ones: the committee decides).
    tsvm_children = per_db(chi_res["level"] == 4)
    enum_, eden = fraction(rs, "R-O2", "share")
    exemplary = tsvm_children * enum_ // eden
    pct = f"{enum_ * 100 / eden:g}".replace(".", ",")
    # A quota of 0 says why (too few TSVM chi bộ for one at the share, rounded down), not "không quá 0 chi bộ".
    share_of = (tsvm_children * enum_ * 100 // eden).astype(object)
    share_text = np.array([f"{v // 100}" + (f",{v % 100:02d}".rstrip("0") if v % 100 else "") for v in share_of],
                          dtype=object) if len(share_of) else share_of
    head = "Có " + tsvm_children.astype(str).astype(object) + " chi bộ trực thuộc đạt «Trong sạch vững mạnh»: "
    db_slot = slot(tsvm_children > 0, "R-O2", np.where(
        exemplary > 0,
        head + "đề xuất «Trong sạch vững mạnh tiêu biểu» không quá " + exemplary.astype(str).astype(object)
        + f" chi bộ ({pct}%, làm tròn xuống); cấp ủy chọn chi bộ nào.",
        head + f"{pct}% của số đó là " + share_text + f", làm tròn xuống là 0, nên chưa đề xuất chi bộ nào "
        f"«Trong sạch vững mạnh tiêu biểu» (cần ít nhất {-(-eden // enum_)} chi bộ đạt để có 1)."))
    chi_ex = np.where(has_parent, exemplary[np.maximum(chi_parent, 0)] if kd else 0, 0)
    parent_ids = chi["parent_id"].fillna("").to_numpy(dtype=object)
    chi_slot = slot(has_parent & (chi_res["level"] == 4) & (chi_ex > 0), "R-O2",
                    "Có thể được đề xuất «Trong sạch vững mạnh tiêu biểu», trong giới hạn "
                    + chi_ex.astype(str).astype(object) + " chi bộ của đảng bộ " + parent_ids + ".")

    tie_per = final["tie_per"]
    chi_tie_slot = quota.tie_slot(tie_per)

    # Members table.
    m_level = final["level"]
    m_rids, m_reasons = assemble(final["slots"], rs, len(m))
    m_flags = _flags(final["flag_vote"], stage.flag_review)
    labels = _MEMBER_LABELS[m_level]
    labels = np.where((m_level == 0) & final["flag_vote"], NEW_VOTE_LABEL, labels)
    members_out = pd.DataFrame({
        "member_id": m["member_id"].to_numpy(dtype=object), "chi_bo_id": m["chi_bo_id"].to_numpy(dtype=object),
        "official": m["official"].to_numpy(dtype=bool), "level": _obj(LEVEL_CODES[m_level]), "label": labels,
        "rule_ids": m_rids, "reasons": m_reasons, "flags": m_flags, "member_level": _obj(LEVEL_CODES[stage.level]),
    })

    # Organisations table, in the order of the input.
    chi_slots = chi_res["slots"] + [chi_slot, chi_tie_slot]
    db_slots = db_res["slots"] + [db_slot]
    c_rids, c_reasons = assemble(chi_slots, rs, k)
    d_rids, d_reasons = assemble(db_slots, rs, kd)
    chi_flag = chi_res["flag_vote"] | (tie_per > 0)
    org_frame = pd.concat([
        pd.DataFrame({"org_id": chi["org_id"], "level": ORG_CODES[chi_res["level"]], "rule_ids": c_rids,
                      "reasons": c_reasons, "flags": _flags(chi_flag, np.zeros(k, bool)),
                      "n_members": size_per, "n_official": official_per, "n_rated": chi_stats["rated"],
                      "n_ht_or_above": chi_stats["ht_plus"], "n_kht": chi_stats["kht"],
                      "n_awaiting_vote": chi_stats["awaiting"], "n_htxs": final["htxs_per"],
                      "htxs_quota": final["quota"], "n_chi_bo": 0, "n_chi_bo_yeu_kem": 0, "n_chi_bo_tsvm": 0,
                      "exemplary_quota": 0}),
        pd.DataFrame({"org_id": db["org_id"], "level": ORG_CODES[db_res["level"]], "rule_ids": d_rids,
                      "reasons": d_reasons, "flags": _flags(np.zeros(kd, bool), np.zeros(kd, bool)),
                      "n_members": per_db(size_per), "n_official": per_db(official_per),
                      "n_rated": per_db(chi_stats["rated"]), "n_ht_or_above": per_db(chi_stats["ht_plus"]),
                      "n_kht": per_db(chi_stats["kht"]), "n_awaiting_vote": per_db(chi_stats["awaiting"]),
                      "n_htxs": per_db(final["htxs_per"]), "htxs_quota": per_db(final["quota"]),
                      "n_chi_bo": db_stats["children"], "n_chi_bo_yeu_kem": db_stats["children_yk"],
                      "n_chi_bo_tsvm": tsvm_children, "exemplary_quota": exemplary}),
    ], ignore_index=True)
    order = pd.Index(org_frame["org_id"]).get_indexer(o["org_id"])
    org_frame = org_frame.iloc[order].reset_index(drop=True)
    base = o[["org_id", "kind", "parent_id", "points"]].reset_index(drop=True)
    organisations_out = pd.concat([base, org_frame.drop(columns="org_id")], axis=1)
    organisations_out.insert(5, "label", pd.Series(organisations_out["level"]).map(
        {lv.value: lv.label for lv in OrgLevel}).to_numpy(dtype=object))
    org_detail = _stacked(chi_slots, db_slots, k, kd, order)
    notes = (rs.reason("R-O7", "Kết quả là đề xuất theo quy tắc từ điểm tự chấm đã được đoàn kiểm tra thẩm định; "
                                "Ban Thường vụ cấp ủy cấp trên xem xét, bỏ phiếu kín quyết định xếp loại."),
             rs.reason("R-O8", "Thứ tự tính: đảng viên, chi bộ, đảng bộ, rồi R-M6 và tỷ lệ R-M2, R-O2."),
             rs.reason("R-O6", "Nếu sau khi công nhận phát hiện khuyết điểm hoặc điều kiện không bảo đảm, hủy kết quả "
                               "và xếp loại lại với dữ liệu đã sửa."))
    return RatingResult(members=members_out, organisations=organisations_out, ruleset=rs.name,
                        ruleset_label=rs.label(), review_date=review, notes=notes,
                        _member_detail=_Detail(tuple(final["slots"])), _org_detail=org_detail, _rs=rs,
                        _inputs={"members": m, "organisations": o})


def _stacked(chi_slots, db_slots, k, kd, order):
    """The organisations' reason slots as one table: chi bộ rows then đảng bộ rows, put back in input order."""
    width = max(len(chi_slots), len(db_slots))

    def pad(slots, n):
        return list(slots) + [(np.full(n, None, dtype=object), np.full(n, "", dtype=object))] * (width - len(slots))

    return _Detail(tuple((np.concatenate([c[0], d[0]])[order], np.concatenate([c[1], d[1]])[order])
                         for c, d in zip(pad(chi_slots, k), pad(db_slots, kd))))

