"""A hand-made chi bộ cơ sở for the verification scenarios (every level worked out by hand from RULES.md).

CB1 has 12 members, 11 of them official (A07 was admitted on 01/08/2025 and is probationary), review 20/11/2025:
HTXS needs more than 2/3 of 11 (8 votes), HTT and HT more than 1/2 (6 votes), KHT more than 1/2 (6 votes).

| member | inputs | level by hand |
| --- | --- | --- |
| A01 | task xuất sắc, 11 votes HTXS | HTXS (R-M1), chosen by the quota (most votes) |
| A02 | task xuất sắc, 10 HTXS + 1 HTT | qualifies for HTXS; quota R-M2: 15% of the 8 at HTT or above = 1,2 → 1: HTT |
| A03 | task xuất sắc, 6 HTXS + 5 HTT | 6/11 is not more than 2/3: HTT (R-M3) |
| A04, A09, A10, A11 | task tốt, 11 HTT | HTT |
| A05 | task tốt, 11 HTT | HTT |
| A06 | discipline announced 01/03/2025 (in force until 01/03/2026), 7 KHT + 4 HTT | KHT (R-M5) |
| A07 | admitted 01/08/2025 (6 months reached 01/02/2026) | not rated (K3) |
| A08 | not reviewed | not rated (K5) |
| A12 | task hoàn thành, 11 HT | HT (R-M4) |

CB1: 85 points, committee «tốt», no mass organisation, one member KHT: not TSVM (R-O1 needs 100% at HT or above),
«Hoàn thành tốt nhiệm vụ» (R-O3). Dossier dates: working day Friday 14/11/2025, so due Tuesday 11/11/2025 (T4).
"""

from __future__ import annotations

import pandas as pd

from kiemtra_lib import rating, verification

REVIEW = "20/11/2025"
ON_TIME = [{"org_id": "CB1", "received": "10/11/2025", "working_day": "14/11/2025"}]


def _member(mid, task="tot", xs=0, tot=0, ht=0, kht=0, **kw):
    row = {"member_id": mid, "chi_bo_id": "CB1", "task_result": task, "votes_xuat_sac": xs, "votes_tot": tot,
           "votes_hoan_thanh": ht, "votes_khong_hoan_thanh": kht}
    row.update(kw)
    return row


def members() -> pd.DataFrame:
    return pd.DataFrame([
        _member("A01", "xuat_sac", xs=11), _member("A02", "xuat_sac", xs=10, tot=1),
        _member("A03", "xuat_sac", xs=6, tot=5), _member("A04", tot=11), _member("A05", tot=11),
        _member("A06", tot=4, kht=7, discipline_date="01/03/2025"),
        _member("A07", joined_on="01/08/2025", official=False), _member("A08", tot=11, reviewed=False),
        _member("A09", tot=11), _member("A10", tot=11), _member("A11", tot=11),
        _member("A12", "hoan_thanh", ht=11),
    ])


def organisations(**changes) -> pd.DataFrame:
    row = {"org_id": "CB1", "kind": "chi_bo", "points": 85, "committee_result": "tot"}
    row.update(changes)
    return pd.DataFrame([row])


def dossier(*, member_changes=None, org_changes=None, proposed=None, org_proposed=None, dates=ON_TIME,
            written_org=None, parts=None) -> bytes:
    """The workbook of CB1: proposals from the library's own rating of the (changed) inputs, then ``proposed`` and
    ``org_proposed`` planted on top; ``written_org`` changes the organisation row as written after rating (a
    self-score the rating could not read), ``parts`` fills «Điểm các phần»."""
    m = members()
    for mid, values in (member_changes or {}).items():
        for col, value in values.items():
            if col not in m:
                m[col] = None
            m.loc[m["member_id"] == mid, col] = value
    o = organisations(**(org_changes or {}))
    result = rating.rate_organisation(m, o, review_date=REVIEW)
    mm = result._inputs["members"].copy()
    oo = result._inputs["organisations"].copy()
    mm["proposed_level"] = result.members["level"].to_numpy(dtype=object)
    oo["proposed_level"] = result.organisations["level"].to_numpy(dtype=object)
    for mid, level in (proposed or {}).items():
        mm.loc[mm["member_id"] == mid, "proposed_level"] = level
    for oid, level in (org_proposed or {}).items():
        oo.loc[oo["org_id"] == oid, "proposed_level"] = level
    for col, value in (written_org or {}).items():
        oo[col] = value
    if parts is not None:
        oo["points_parts"] = parts
    return verification.dossier_bytes("hcm-2014", members=mm, organisations=oo, dates=dates)
