"""Every discipline fact with its source and status: for the notebook and the closing note (RULES.md DF table).

One row per rule (D1–D6, DF1–DF13), then one row per part whose status is its own (an exempt kind, a situation of
DF7, a circumstance of DF8/DF9, a step of DF10, the unit of DF12, the clause of DF13).
"""

from __future__ import annotations

import pandas as pd

from ..rules import RuleSet, STATUS_LABELS, get_ruleset

__all__ = ["RULES", "facts", "FACT_RULE_IDS"]

#: The rule ids this module implements (tests/test_rule_declarations.py).
RULES = ("DF12",)

FACT_RULE_IDS = tuple(f"D{i}" for i in range(1, 7)) + tuple(f"DF{i}" for i in range(1, 14))
_SUBJECT = {"to_chuc": "tổ chức", "dang_vien": "đảng viên"}


def _row(rule_id: str, part: str, fact: str, source: str, status: str) -> dict:
    return {"rule_id": rule_id, "part": part, "fact": fact, "source": source, "status": status,
            "trang_thai": STATUS_LABELS[status]}


def facts(*, ruleset: "str | RuleSet" = "hcm-2014"):
    """A ``pandas.DataFrame``: rule_id, part, fact, source, status (confirmed | to_be_confirmed), trang_thai.

    >>> t = facts()
    >>> sorted(set(t.rule_id)) == sorted(FACT_RULE_IDS)
    True
    >>> t.set_index("part").loc["van_bang_chung_chi_bat_hop_phap", "status"]  # DF3 as corrected in RULES.md
    'confirmed'
    >>> t[(t.rule_id == "DF10") & (t.status == "to_be_confirmed")].part.tolist()
    ['rat_nghiem_trong', 'rat_nghiem_trong:to_chuc', 'dac_biet_nghiem_trong']
    """

    rs = get_ruleset(ruleset)
    rows = []
    for rid in FACT_RULE_IDS:
        rule = rs.rule(rid)
        rows.append(_row(rid, "", f"{rule.title}. {rule.summary}", rule.cite(), rule.status))
        main = rule.sources[0].cite()
        if rid == "DF3":
            for slug, k in rule.values["exempt_kinds"].items():
                rows.append(_row(rid, slug, k["label"], k["clause"], k["status"]))
        elif rid == "DF7":
            for slug, s in rule.values["situations"].items():
                rows.append(_row(rid, slug, f"{s['letter']}) {s['label']}", s["clause"], s["status"]))
        elif rid in ("DF8", "DF9"):
            for subject, items in rule.values["circumstances"].items():
                for slug, c in items.items():
                    where = f"điểm {c['letter']}" if c["letter"] not in ("?", "—") else "điểm: cần xác nhận"
                    rows.append(_row(rid, f"{subject}:{slug}", f"{_SUBJECT[subject]}: {c['label']}",
                                     f"{main} ({where})", c["status"]))
        elif rid == "DF10":
            # A member's step cites the member pattern (second source); an organisation's own step the first.
            member_src, org_src = rule.sources[-1].cite(), main
            for slug, s in rule.values["severities"].items():
                rows.append(_row(rid, slug, f"Hậu quả {s['label'].lower()}: bậc {s['step']}", member_src, s["status"]))
                for subject, own in (s.get("by_subject") or {}).items():
                    rows.append(_row(rid, f"{slug}:{subject}", f"{_SUBJECT[subject]}, hậu quả {s['label'].lower()}: "
                                                                f"bậc {own['step']}", org_src, own["status"]))
        elif rid == "DF12":
            rows.append(_row(rid, "don_vi_thoi_han", "Thời hạn khiếu nại: «một tháng» hay «30 ngày»", main,
                             rule.values["unit_status"]))
        elif rid == "DF13":
            rows.append(_row(rid, "dieu_khoan", "Điều, khoản của nguyên tắc «một vi phạm, một hình thức»", main,
                             rule.values["clause_status"]))
    return pd.DataFrame(rows, columns=["rule_id", "part", "fact", "source", "status", "trang_thai"])
