"""The check (thẩm định): what the dossier proposes against what the rules give.

The rules are never re-implemented here. The library rates the dossier's own inputs (``rating.rate_organisation``
with the rule set named), and this module compares, row by row, the level proposed with the level computed, then
says which kind of discrepancy it is, from the rule ids and flags of the library's decision:

===========================  ==========================================================  ========================
kind                         when                                                        rule (hcm-2014)
===========================  ==========================================================  ========================
``khong_thuoc_dien``         a level proposed for a member the rules leave unrated       K3, K5
``ky_luat_con_hieu_luc``     a member serving a discipline proposed above KHT            R-M5 (D6)
``vuot_chi_tieu``            HTXS proposed beyond the chi bộ's quota (or at a tie)       R-M2
``muc_chua_du_dieu_kien``    a member's proposed level above what the rules give         R-M1, R-M3, R-M4, R-M5…
``to_chuc_chua_du_dieu_kien`` an organisation's proposed level above what the rules give  R-O1, R-O3, R-O4, R-O5
``muc_thap_hon``             a proposed level below what the rules give                  the rule of that level
``chua_de_nghi``             no level proposed where the rules give one                  R-M10, R-O7
``diem_ngoai_thang``         a self-score outside the 100-point scale                    R-O7
``diem_khong_bang_tong``     a self-score that is not the sum of its parts               R-O7
``nop_ho_so_muon``           the dossier received after its deadline                     T4
===========================  ==========================================================  ========================

Each is graded «sai quy định» (the rules decide otherwise) or «cần xem xét» (the competent level must weigh it:
a flag of the rating, a tie, a proposal below what the rules allow). A dossier with no discrepancy says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..dates import as_date, fmt_date
from ..errors import InputError
from ..rules import get_ruleset
from ._sheets import DATES_SHEET, MEMBERS_SHEET, ORGS_SHEET, layout
from .workbook import Dossier, read_dossier

__all__ = ["check_dossier", "verify", "Verification", "KINDS", "GRADES", "COLUMNS"]

GRADES = {"sai_quy_dinh": "Sai quy định", "can_xem_xet": "Cần xem xét"}
KINDS = {
    "khong_thuoc_dien": "Đảng viên không thuộc diện xếp loại lần này",
    "ky_luat_con_hieu_luc": "Đảng viên đang chấp hành kỷ luật",
    "vuot_chi_tieu": "Vượt tỷ lệ Hoàn thành xuất sắc nhiệm vụ",
    "muc_chua_du_dieu_kien": "Mức đề nghị của đảng viên chưa đủ điều kiện",
    "to_chuc_chua_du_dieu_kien": "Tổ chức đảng chưa đủ điều kiện của mức đề nghị",
    "muc_thap_hon": "Mức đề nghị thấp hơn mức theo quy định",
    "chua_de_nghi": "Chưa có mức đề nghị",
    "diem_ngoai_thang": "Điểm tự chấm ngoài thang điểm",
    "diem_khong_bang_tong": "Điểm tự chấm không bằng tổng các phần",
    "nop_ho_so_muon": "Hồ sơ gửi đoàn muộn",
}
#: The discrepancy table's columns (English names; the report shows the Vietnamese headers beside them).
COLUMNS = {"grade": "Mức độ", "kind": "Loại sai lệch", "subject": "Đối tượng", "subject_id": "Mã", "org_id": "Chi bộ",
           "sheet": "Trang", "row": "Dòng", "proposed": "Mức đề nghị", "computed": "Mức theo quy định",
           "rule_id": "Quy tắc", "source": "Căn cứ", "message": "Nhận xét", "reasons": "Lý do theo thư viện"}

# Which rule each kind cites under each rule set. The ids are the rule set's own (RULES.md); nothing here decides a
# level, it only names the rule the library's decision rests on.
_RULES = {
    "hcm-2014": {"member_level": {"HTXS": "R-M1", "HTT": "R-M3", "HT": "R-M4", "KHT": "R-M5"},
                 "org_level": {"TSVM": "R-O1", "HTT": "R-O3", "HT": "R-O4", "YEU_KEM": "R-O5"},
                 "not_rated": ("K3", "K5"), "discipline": "R-M5", "quota": "R-M2", "caps": ("R-M6", "R-M7"),
                 "worst_org": "R-O5", "no_level": "R-M10", "org_unproposed": "R-O7", "score": "R-O7",
                 "dates": "T4"},
    "qd366-2025": {"member_level": {"HTXS": "N3", "HTT": "N5", "HT": "N6", "KHT": "N7"},
                   "org_level": {"HTXS": "N3", "HTT": "N5", "HT": "N6", "KHT": "N7"},
                   "not_rated": ("N9",), "discipline": "N7", "quota": "N4", "caps": (),
                   "worst_org": "N7", "no_level": "N6", "org_unproposed": "N9", "score": "N1", "dates": "T4"},
}
_FLAG_VOTE, _FLAG_REVIEW, _FLAG_COMPETENT = "can_bo_phieu_lai", "can_xem_xet_lai", "can_cap_tham_quyen_xem_xet"


@dataclass(frozen=True, eq=False)
class Verification:
    """The result of a check: ``table`` (one row per discrepancy, columns ``COLUMNS``), ``attention`` (decisions
    the rating flags for the chi bộ or the competent level where the proposal agrees with the rules), the rating
    it was compared with, and what was checked."""

    table: pd.DataFrame
    attention: pd.DataFrame
    rating: Any
    ruleset: str
    ruleset_label: str
    review_date: dt.date
    source: str
    n_members: int
    n_organisations: int
    dates_checked: int
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """True when the dossier has no discrepancy at all."""
        return len(self.table) == 0

    def summary(self) -> pd.DataFrame:
        """Discrepancies per kind and grade (every kind listed, zeros included), Vietnamese headers."""
        rows = []
        for kind, label in KINDS.items():
            sub = self.table[self.table["kind"] == kind]
            rows.append({"Loại sai lệch": label,
                         **{g_label: int((sub["grade"] == g).sum()) for g, g_label in GRADES.items()},
                         "Cộng": len(sub)})
        out = pd.DataFrame(rows)
        total = {"Loại sai lệch": "Tổng cộng", **{c: int(out[c].sum()) for c in out.columns[1:]}}
        return pd.concat([out, pd.DataFrame([total])], ignore_index=True)

    def verdict(self) -> str:
        """One Vietnamese sentence: «không có sai lệch», or how many of each grade."""
        if self.ok:
            return (f"Không có sai lệch: {self.n_members} đảng viên và {self.n_organisations} tổ chức đảng đã đối "
                    f"chiếu, mức đề nghị đúng với mức theo {self.ruleset_label}.")
        n = self.table["grade"].value_counts()
        return (f"Có {len(self.table)} sai lệch: {int(n.get('sai_quy_dinh', 0))} «sai quy định», "
                f"{int(n.get('can_xem_xet', 0))} «cần xem xét» (đối chiếu {self.n_members} đảng viên, "
                f"{self.n_organisations} tổ chức đảng theo {self.ruleset_label}).")

    def minutes_paragraph(self) -> str:
        """A draft paragraph for the «biên bản thẩm định» (the team edits it; the standing committee decides)."""
        from .report import minutes_paragraph

        return minutes_paragraph(self)

    def __str__(self) -> str:
        lines = [self.verdict()]
        for r in self.table.itertuples():
            lines.append(f"- [{GRADES[r.grade]}] {r.message} [{r.rule_id}, {r.source}]")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from .report import report_html

        return report_html(self, standalone=False)


def verify(source: Any, *, review_date: Any, ruleset: Any = None, name: str | None = None) -> Verification:
    """Read a dossier workbook and check it (``kiemtra tham-dinh kiem-tra``)."""
    return check_dossier(read_dossier(source, ruleset=ruleset, name=name), review_date=review_date)


def check_dossier(dossier: Dossier, *, review_date: Any, ruleset: Any = None) -> Verification:
    """Compare every proposed level of ``dossier`` with what ``rating.rate_organisation`` gives under its rule set
    (the template's, or ``ruleset``), on ``review_date`` (the chi bộ's review meeting)."""
    from .. import rating

    rs = get_ruleset(ruleset if ruleset is not None else dossier.ruleset)
    if ruleset is not None and rs.name != dossier.ruleset:
        raise InputError("bộ quy tắc", rs.name, allowed=[dossier.ruleset],
                         why="Hồ sơ được đọc theo một bộ quy tắc khác")
    layout(rs)
    review = as_date(review_date, "ngày đánh giá, xếp loại")
    rules = _RULES.get(rs.name, _RULES["hcm-2014"])
    found: list[dict] = []
    attention: list[dict] = []
    members = _member_scores(dossier, rs, rules, found)
    result = rating.rate_organisation(members, dossier.organisations, review_date=review, ruleset=rs)
    _members(dossier, result, rs, rules, review, found, attention)
    points_bad = _scores(dossier, rs, rules, found)
    _organisations(dossier, result, rs, rules, points_bad, found, attention)
    n_dates = _dates(dossier, rs, rules, review, found)
    notes = []
    if rules["dates"] not in rs.rules:
        notes.append(f"Bộ quy tắc «{rs.name}» không có quy định về hạn gửi hồ sơ cho đoàn kiểm tra (T4 là của văn bản "
                     "nguồn 002, bộ quy tắc hcm-2014): chưa kiểm tra ngày gửi hồ sơ — cần xác nhận.")
    elif n_dates == 0:
        notes.append(f"Trang «{DATES_SHEET}» chưa ghi ngày nhận hồ sơ: chưa kiểm tra được thời hạn gửi hồ sơ "
                     f"({rules['dates']}).")
    table = pd.DataFrame(found, columns=list(COLUMNS))
    if len(table):
        order = {"sai_quy_dinh": 0, "can_xem_xet": 1}
        table = table.assign(_g=table["grade"].map(order), _k=table["kind"].map({k: i for i, k in enumerate(KINDS)}))
        table = table.sort_values(["_g", "_k", "sheet", "row"], kind="stable").drop(columns=["_g", "_k"])
        table = table.reset_index(drop=True)
    return Verification(table=table, attention=pd.DataFrame(attention, columns=list(COLUMNS)), rating=result,
                        ruleset=rs.name, ruleset_label=rs.label(), review_date=review, source=dossier.source,
                        n_members=len(dossier.members), n_organisations=len(dossier.organisations),
                        dates_checked=n_dates, notes=tuple(notes))


def _labels(enum_cls) -> dict:
    return {lv.value: lv.label for lv in enum_cls}


def _rank(enum_cls) -> dict:
    return {lv.value: lv.rank for lv in enum_cls}


def _row(grade, kind, subject, sid, org, sheet, row, proposed, computed, rule_id, rs, message, reasons) -> dict:
    return {"grade": grade, "kind": kind, "subject": subject, "subject_id": sid, "org_id": org, "sheet": sheet,
            "row": int(row), "proposed": proposed, "computed": computed, "rule_id": rule_id,
            "source": rs.cite(rule_id), "message": message, "reasons": reasons}


def _members(d: Dossier, result, rs, rules, review, found, attention) -> None:
    from .. import discipline, rating

    lay = layout(rs)
    labels = dict(lay.member_levels)
    rank = _rank(rating.MemberLevel)
    out = result.members
    comp = out["level"].to_numpy(dtype=object)
    prop = d.member_proposed
    prop_rank = np.array([rank.get(p, 0) if p else 0 for p in prop])
    comp_rank = np.array([rank.get(c, 0) if c else 0 for c in comp])
    flags = out["flags"].to_numpy(dtype=object)
    differs = prop_rank != comp_rank
    flagged = np.array([bool(f) for f in flags]) & ~differs
    idx = np.flatnonzero(differs | flagged)
    if not len(idx):
        return
    in_force = np.zeros(len(out), bool)
    if rs.name == "hcm-2014":  # R-M5: a discipline within its year (DF11), as the rating itself decides it
        in_force = discipline.discipline_in_force_series(d.members["discipline_date"].reset_index(drop=True),
                                                         review, ruleset=rs).to_numpy(dtype=bool)
    elif "kht_cases" in d.members:  # N7: a violation in public duties disciplined at khiển trách or above
        in_force = d.members["kht_cases"].fillna("").astype(str).str.contains("ky_luat_cong_vu").to_numpy(bool)
    chi = result.organisations.set_index("org_id")
    # The quota's group: the chi bộ (hcm-2014, R-M2), or the group the rating used (qd366-2025, N4 parameter)
    groups = (out["quota_group"].astype(str).to_numpy(dtype=object) if "quota_group" in out
              else out["chi_bo_id"].to_numpy(dtype=object))
    rids_col = out["rule_ids"].to_numpy(dtype=object)
    reasons_col = out["reasons"].to_numpy(dtype=object)
    member_level = out["member_level"].to_numpy(dtype=object)
    ids = out["member_id"].to_numpy(dtype=object)
    chis = out["chi_bo_id"].to_numpy(dtype=object)
    for i in idx:
        mid, cb, p, c, rids, fl = ids[i], chis[i], prop[i], comp[i], tuple(rids_col[i]), tuple(flags[i])
        p_text = labels.get(p, "Chưa phân loại") if p else "Chưa phân loại"
        c_text = labels.get(c) if c else ("Chưa đủ phiếu cho mức nào" if _FLAG_VOTE in fl else "Chưa phân loại")
        who = f"Đảng viên {mid} (chi bộ {cb})"
        base = dict(subject="Đảng viên", sid=mid, org=cb, sheet=MEMBERS_SHEET, row=d.member_rows[i], proposed=p_text,
                    computed=c_text, rs=rs, reasons=reasons_col[i])
        said = f"{who}: đề nghị «{p_text}», theo quy định «{c_text}»"
        if not differs[i]:
            what = "; ".join(rating.FLAGS.get(f, f) for f in fl)
            attention.append(_attention(base, who, c_text, what, rids, rules))
            continue
        if c is None and p is not None and any(r in rids for r in rules["not_rated"]):
            rule = next(r for r in rules["not_rated"] if r in rids)
            found.append(_row("sai_quy_dinh", "khong_thuoc_dien", rule_id=rule, message=said
                              + ": đảng viên không thuộc diện xếp loại lần này (" + _first_reason(reasons_col[i], rule)
                              + ").", **base))
        elif c is None and p is not None:
            why = ("chưa mức nào đủ phiếu, chi bộ cần bỏ phiếu lại trước khi đề nghị" if _FLAG_VOTE in fl else
                   "không mức nào đủ điều kiện, cấp có thẩm quyền xem xét (" + _first_reason(reasons_col[i],
                                                                                     rules["no_level"]) + ")")
            found.append(_row("can_xem_xet", "muc_chua_du_dieu_kien", rule_id=rules["no_level"], message=said
                              + ": " + why + ".", **base))
        elif p is None:
            rule = rules["member_level"][c]
            found.append(_row("can_xem_xet", "chua_de_nghi", rule_id=rule, message=f"{who}: chưa ghi mức đề nghị, "
                              f"theo quy định đảng viên được xếp «{c_text}».", **base))
        elif prop_rank[i] < comp_rank[i]:
            rule = rules["member_level"][c]
            found.append(_row("can_xem_xet", "muc_thap_hon", rule_id=rule, message=said
                              + ": mức đề nghị thấp hơn mức các điều kiện cho phép; cần làm rõ lý do.", **base))
        elif c == "KHT" and in_force[i]:
            rule = rules["discipline"]
            grade = "can_xem_xet" if (_FLAG_REVIEW in fl or _FLAG_COMPETENT in fl) else "sai_quy_dinh"
            found.append(_row(grade, "ky_luat_con_hieu_luc", rule_id=rule, message=said
                              + ": đảng viên đang chấp hành kỷ luật công bố ngày "
                              + (fmt_date(d.members["discipline_date"].iloc[i]) + ", chưa hết thời hạn một năm, nên "
                                 "thuộc diện Không hoàn thành nhiệm vụ (D6)." if rs.name == "hcm-2014" else
                                 "(vi phạm trong thực thi công vụ, kỷ luật từ khiển trách trở lên): Không hoàn thành "
                                 "nhiệm vụ dù điểm cao.")
                              + (" Số phiếu KHT chưa đủ: chi bộ cần xem xét lại." if _FLAG_REVIEW in fl else
                                 " Có tình tiết giảm nhẹ: cấp có thẩm quyền xem xét." if _FLAG_COMPETENT in fl else ""),
                              **base))
        elif (p == "HTXS" and member_level[i] == "HTXS" and rules["quota"] in rids
              and not set(rules["caps"]) & set(rids)):
            group = groups[i]
            tie = _FLAG_VOTE in fl or _FLAG_COMPETENT in fl
            grade = "can_xem_xet" if tie else "sai_quy_dinh"
            where = "chi bộ" if group == cb else f"nhóm {group}"
            quota = f"{int(chi.loc[group, 'htxs_quota'])} đồng chí" if group in chi.index else "đã vượt"
            more = "phiếu" if rs.name == "hcm-2014" else "điểm"
            # The library's own sentence says the quota, its base and why this member is not within it.
            text = (f"{said}: vượt chỉ tiêu Hoàn thành xuất sắc của {where} ({quota}). "
                    + _first_reason(reasons_col[i], rules["quota"]))
            text += (f"; đồng chí bằng {more} với người khác ở ranh giới chỉ tiêu: "
                     + ("chi bộ cần bỏ phiếu lại." if rs.name == "hcm-2014" else "cấp có thẩm quyền quyết định.")
                     if tie else ".")
            found.append(_row(grade, "vuot_chi_tieu", rule_id=rules["quota"], message=text, **base))
        else:
            cap = next((r for r in rules["caps"] if r in rids), None)
            rule = cap or (rules["member_level"]["KHT"] if c == "KHT" else rules["member_level"][p])
            grade = "can_xem_xet" if (_FLAG_REVIEW in fl or _FLAG_COMPETENT in fl) else "sai_quy_dinh"
            found.append(_row(grade, "muc_chua_du_dieu_kien", rule_id=rule, message=said + ": chưa đủ điều kiện của "
                              + rs.rule(rule).title + " (" + rule + "); " + _first_reason(reasons_col[i], rule)
                              + ".", **base))


def _attention(base: dict, who: str, c_text: str, what: str, rids, rules) -> dict:
    rule = rids[-1] if rids else rules["no_level"]
    b = {k: v for k, v in base.items()}
    return _row("can_xem_xet", "luu_y", rule_id=rule,
                message=f"{who}: mức «{c_text}» đúng với đề nghị; còn phải quyết định: {what.lower()}.", **b)


def _first_reason(reasons: str, rule: str) -> str:
    """The library's own sentence for ``rule`` (without its citation), to say why in the rule's words."""
    for line in str(reasons).split("\n"):
        if f"[{rule}," in line or f"[{rule}]" in line:
            return line.split(" [", 1)[0].rstrip(".")
    first = str(reasons).split("\n", 1)[0]
    return first.split(" [", 1)[0].rstrip(".")


def _member_scores(d: Dossier, rs, rules, found) -> pd.DataFrame:
    """N1 (qd366-2025): a member's total equals the common criteria plus the results of the tasks. A row where it
    does not is a finding; the rating then reads the total as written (its parts left out)."""
    m = d.members
    if not {"points", "points_common", "points_tasks"} <= set(m.columns):
        return m
    num = {c: pd.to_numeric(m[c], errors="coerce").to_numpy(dtype="float64")
           for c in ("points", "points_common", "points_tasks")}
    both = ~np.isnan(num["points"]) & ~np.isnan(num["points_common"]) & ~np.isnan(num["points_tasks"])
    total = num["points_common"] + num["points_tasks"]
    bad = both & (np.abs(num["points"] - total) > 1e-9)
    if not bad.any():
        return m
    rule = rules["score"]
    for i in np.flatnonzero(bad):
        mid, cb = m["member_id"].iat[i], m["chi_bo_id"].iat[i]
        found.append(_row("sai_quy_dinh", "diem_khong_bang_tong", subject="Đảng viên", sid=mid, org=cb,
                          sheet=MEMBERS_SHEET, row=d.member_rows[i], proposed=_num(num["points"][i]),
                          computed=_num(total[i]), rule_id=rule, rs=rs, reasons="",
                          message=f"Đảng viên {mid} (chi bộ {cb}): tổng điểm {_num(num['points'][i])} không bằng điểm "
                                  f"tiêu chí chung {_num(num['points_common'][i])} cộng điểm kết quả thực hiện nhiệm "
                                  f"vụ {_num(num['points_tasks'][i])} = {_num(total[i])}; mức được đối chiếu theo tổng "
                                  "điểm đã ghi."))
    out = m.copy()
    for c in ("points_common", "points_tasks"):
        col = out[c].astype(object).to_numpy().copy()
        col[bad] = None
        out[c] = col
    return out


def _scores(d: Dossier, rs, rules, found) -> np.ndarray:
    """R-O7 (hcm-2014) / N1 (qd366-2025): the self-score on the 100-point scale, and equal to the sum of its parts."""
    o = d.organisations
    bad = np.zeros(len(o), bool)
    rule = rules["score"]
    for i in range(len(o)):
        raw = d.points_raw[i]
        oid = o["org_id"].iat[i]
        base = dict(subject=_org_word(o["kind"].iat[i]), sid=oid, org=oid, sheet=ORGS_SHEET, row=d.org_rows[i],
                    proposed=_num(raw), computed="0–100", rs=rs, reasons="")
        if not np.isnan(raw) and (raw < 0 or raw > 100):
            bad[i] = True
            found.append(_row("sai_quy_dinh", "diem_ngoai_thang", rule_id=rule, message=f"{base['subject']} {oid}: "
                              f"điểm tự chấm {_num(raw)} nằm ngoài thang 100 điểm (từ 0 đến 100); chưa đối chiếu "
                              "được mức xếp loại của tổ chức.", **base))
            continue
        parts = d.points_parts[i] if i < len(d.points_parts) else None
        if parts:
            total = round(sum(parts), 6)
            if abs(total - float(raw)) > 1e-6:
                bad[i] = True
                base.update(computed=_num(total))
                found.append(_row("sai_quy_dinh", "diem_khong_bang_tong", rule_id=rule,
                                  message=f"{base['subject']} {oid}: điểm tự chấm {_num(raw)} không bằng tổng các "
                                          f"phần ({' + '.join(_num(x) for x in parts)} = {_num(total)}); chưa đối "
                                          "chiếu được mức xếp loại của tổ chức.", **base))
    return bad


def _organisations(d: Dossier, result, rs, rules, points_bad, found, attention) -> None:
    from .. import rating

    lay = layout(rs)
    labels = dict(lay.org_levels)
    enum_cls = rating.OrgLevel if rs.name == "hcm-2014" else rating.MemberLevel
    rank = _rank(enum_cls)
    out = result.organisations
    for i in range(len(out)):
        if points_bad[i]:
            continue
        p, c = d.org_proposed[i], out["level"].iat[i]
        c = None if c is None or (isinstance(c, float) and np.isnan(c)) else c
        oid, kind = out["org_id"].iat[i], out["kind"].iat[i]
        rids, fl, reasons = tuple(out["rule_ids"].iat[i]), tuple(out["flags"].iat[i]), out["reasons"].iat[i]
        word = _org_word(kind)
        p_text = labels.get(p, "Chưa đề nghị") if p else "Chưa đề nghị"
        c_text = labels.get(c, "Chưa xếp loại") if c else "Chưa xếp loại"
        base = dict(subject=word, sid=oid, org=oid, sheet=ORGS_SHEET, row=d.org_rows[i], proposed=p_text,
                    computed=c_text, rs=rs, reasons=reasons)
        said = f"{word} {oid}: đề nghị «{p_text}», theo quy định «{c_text}»"
        pr, cr = rank.get(p, 0) if p else 0, rank.get(c, 0) if c else 0
        if pr == cr:
            if fl:
                what = "; ".join(rating.FLAGS.get(f, f) for f in fl).lower()
                attention.append(_row("can_xem_xet", "luu_y", rule_id=rids[-1] if rids else
                                      rules["org_unproposed"], message=f"{said}; còn phải quyết định: {what}.",
                                      **base))
            continue
        if p is None:
            found.append(_row("can_xem_xet", "chua_de_nghi", rule_id=rules["org_unproposed"],
                              message=f"{word} {oid}: chưa ghi mức đề nghị, theo quy định «{c_text}».", **base))
        elif pr < cr:
            found.append(_row("can_xem_xet", "muc_thap_hon", rule_id=rules["org_level"].get(c, rules["org_unproposed"]),
                              message=said + ": mức đề nghị thấp hơn mức các điều kiện cho phép; cần làm rõ lý do.",
                              **base))
        else:
            worst = rules["worst_org"]
            rule = worst if (worst in rids and cr == 1) else rules["org_level"][p]
            # A pending decision can change the organisation's level only when members still await a vote (they
            # count in R-O1's denominator) or the rating asks for the competent level; a tie at the quota cannot.
            pending = _FLAG_REVIEW in fl or _FLAG_COMPETENT in fl or (
                _FLAG_VOTE in fl and int(out["n_awaiting_vote"].iat[i]) > 0)
            grade = "can_xem_xet" if pending else "sai_quy_dinh"
            found.append(_row(grade, "to_chuc_chua_du_dieu_kien", rule_id=rule,
                              message=said + ": " + _first_reason(reasons, rule) + ".", **base))


def _dates(d: Dossier, rs, rules, review: dt.date, found) -> int:
    """T4 (hcm-2014): the dossier reaches the team at least 3 days before the working day, through the library's
    ``timeline.dossier_due``. Returns how many dossier dates were checked."""
    if rules["dates"] != "T4" or "T4" not in rs.rules:
        return 0  # qd366-2025: N16's dates are added with the rule set's own calendar (see the closing note)
    from .. import timeline

    n = 0
    for r in d.dates.itertuples():
        if r.received is None or r.working_day is None:
            continue
        n += 1
        due = timeline.dossier_due(r.working_day, ruleset=rs)
        if r.received > due:
            late = (r.received - due.date).days
            who = f"Hồ sơ của tổ chức {r.org_id}" if r.org_id else "Hồ sơ"
            found.append(_row("sai_quy_dinh", "nop_ho_so_muon", subject="Hồ sơ", sid=r.org_id or "", org=r.org_id or "",
                              sheet=DATES_SHEET, row=r.row, proposed=fmt_date(r.received), computed=fmt_date(due),
                              rule_id="T4", rs=rs, reasons="\n".join(str(x) for x in due.reasons),
                              message=f"{who} đến đoàn ngày {fmt_date(r.received)}, muộn {late} ngày: hạn "
                                      f"chậm nhất là {fmt_date(due)} (làm việc với đoàn ngày "
                                      f"{fmt_date(r.working_day)})."))
    return n


def _org_word(kind: str) -> str:
    return "Đảng bộ" if kind == "dang_bo" else "Chi bộ"


def _num(x: float) -> str:
    """A number as the report shows it: decimal comma, no trailing zeros."""
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return "(trống)"
    text = f"{float(x):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
