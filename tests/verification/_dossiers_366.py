"""A hand-made chi bộ cơ sở for the verification scenarios under ``qd366-2025`` (worked by hand from RULES.md N1–N9).

CB1, review 20/11/2025; every member has 10 tasks assigned. The quota N4 is counted per tổ chức cơ sở đảng (the
default; here the chi bộ cơ sở itself): 20% of the members reaching HTT or above, rounded down.

| member | inputs | level by hand |
| --- | --- | --- |
| B01 | 95 points, 10 done on time, 3 beyond (30%) | HTXS (N3), chosen by the quota (most points) |
| B02 | 93 points, the same tasks | qualifies for HTXS; N4: 20% of the 7 at HTT or above = 1,4 → 1, so HTT |
| B03, B04, B09, B10 | 80 points, 10 done on time, none beyond | HTT (N5) |
| B05 | 85 points, disciplined at khiển trách for a violation in public duties (``ky_luat_cong_vu``) | KHT (N7) |
| B06 | admitted 01/08/2025 (6 months reached 01/02/2026) | not rated (N9) |
| B07 | exempted from party work and activities | not rated (N9) |
| B08 | 80 points (a scenario writes its parts as 25 common + 50 tasks = 75) | HTT; with those parts the total is
not their sum (N1), and the level is compared on the 80 written |

CB1: 85 points, 10 tasks done on time, 1 beyond (10%): «Hoàn thành tốt nhiệm vụ» (N5: 70 to < 90, 100% on time).
"""

from __future__ import annotations

import pandas as pd

from kiemtra_lib import rating, verification

REVIEW = "20/11/2025"
RULESET = "qd366-2025"


def _member(mid, points=80, beyond=0, **kw):
    row = {"member_id": mid, "chi_bo_id": "CB1", "points": points, "tasks_assigned": 10, "tasks_done": 10,
           "tasks_on_time": 10, "tasks_beyond": beyond}
    row.update(kw)
    return row


def members() -> pd.DataFrame:
    return pd.DataFrame([
        _member("B01", 95, 3), _member("B02", 93, 3), _member("B03"), _member("B04"),
        _member("B05", 85, kht_cases="ky_luat_cong_vu"), _member("B06", joined_on="01/08/2025", official=False),
        _member("B07", exempt=True), _member("B08"),
        _member("B09"), _member("B10"),
    ])


def organisations() -> pd.DataFrame:
    return pd.DataFrame([{"org_id": "CB1", "kind": "chi_bo", "points": 85, "tasks_assigned": 10, "tasks_done": 10,
                          "tasks_on_time": 10, "tasks_beyond": 1}])


def rated():
    return rating.rate_organisation(members(), organisations(), review_date=REVIEW, ruleset=RULESET)


def dossier(*, proposed=None, org_proposed=None, written_org=None, parts=None, member_parts=None,
            dates=None) -> bytes:
    """CB1's workbook: the library's own levels as proposals, then the planted changes; ``member_parts`` writes
    (common, tasks) points beside a member's total, after rating."""
    result = rated()
    mm = members()
    for mid, (common, tasks) in (member_parts or {}).items():
        mm.loc[mm["member_id"] == mid, ["points_common", "points_tasks"]] = [common, tasks]
    mm["proposed_level"] = result.members["level"].to_numpy(dtype=object)
    oo = organisations()
    oo["proposed_level"] = result.organisations["level"].to_numpy(dtype=object)
    for mid, level in (proposed or {}).items():
        mm.loc[mm["member_id"] == mid, "proposed_level"] = level
    for oid, level in (org_proposed or {}).items():
        oo.loc[oo["org_id"] == oid, "proposed_level"] = level
    for col, value in (written_org or {}).items():
        oo[col] = value
    if parts is not None:
        oo["points_parts"] = parts
    return verification.dossier_bytes(RULESET, members=mm, organisations=oo, dates=dates)
