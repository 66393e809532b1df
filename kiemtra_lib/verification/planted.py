"""Synthetic dossiers with planted errors, for lesson 09 and the verification exercise.

A dossier starts from what the rules give (the library's own rating of a generated đảng bộ: no discrepancy, the
property the tests prove), then errors are planted one by one, each chosen where the data makes it unambiguous (a
member over the chi bộ's quota, a member serving a discipline, a member not rated this time, ...). The dossier is
then checked, and it must give exactly the planted errors: the list of planted errors is an answer key the check
itself confirms, never a list typed by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
import pandas as pd

from ..dates import as_date
from ..errors import InputError

__all__ = ["PlantedDossier", "planted_dossier", "PLANTABLE"]

#: The kinds a planted dossier can carry, in the order they are tried.
PLANTABLE = ("vuot_chi_tieu", "khong_thuoc_dien", "ky_luat_con_hieu_luc", "muc_chua_du_dieu_kien",
             "to_chuc_chua_du_dieu_kien", "muc_thap_hon", "diem_ngoai_thang", "diem_khong_bang_tong",
             "nop_ho_so_muon")


@dataclass(frozen=True, eq=False)
class PlantedDossier:
    """The workbook (``data``), its review date, the dossier's dates, the planted errors (``answers``: kind,
    subject id, rule id, grade, as the check finds them) and the check itself (``verification``)."""

    data: bytes
    review_date: dt.date
    received: dt.date
    working_day: dt.date
    answers: pd.DataFrame
    verification: Any
    case: Any


def planted_dossier(seed: int, *, kinds: Sequence[str] = PLANTABLE, chi_bo: int = 4,
                    members_per_chi_bo: Any = (12, 20), working_day: Any = None, received: Any = None,
                    name: str = "ho_so_tham_dinh.xlsx", ruleset: str = "hcm-2014") -> PlantedDossier:
    """A generated đảng bộ's dossier (``datasets.generate(seed, ...)``) under ``ruleset`` with one error of each kind
    in ``kinds`` planted. ``working_day`` defaults to 11 days after the review date; ``received`` to 4 days before
    the working day (on time), or the working day itself when ``nop_ho_so_muon`` is planted (``hcm-2014`` only:
    ``qd366-2025`` has no deadline for the dossier, so that kind is not planted under it)."""
    from .. import rating
    from ..datasets import generate
    from .check import _RULES, verify
    from .template import dossier_bytes

    unknown = [k for k in kinds if k not in PLANTABLE]
    if unknown:
        raise InputError("loại sai lệch", unknown[0], allowed=PLANTABLE)
    hcm = ruleset == "hcm-2014"
    if not hcm:
        kinds = [k for k in kinds if k != "nop_ho_so_muon"]
    rng = np.random.default_rng(seed)
    case = generate(seed, chi_bo=chi_bo, members_per_chi_bo=members_per_chi_bo, **({} if hcm else {"qd366": True}))
    orgs = case.organisations.copy()
    chi = np.flatnonzero((orgs["kind"] == "chi_bo").to_numpy())
    score_row = int(rng.choice(chi))
    if "diem_ngoai_thang" in kinds:
        # At 90 points and above the level bands are the same up to 100, so the rating reads the clipped score as
        # it reads 95: the planted score changes nothing else.
        orgs.loc[score_row, "points"] = 95.0
    result = rating.rate_organisation(case.members, orgs, review_date=case.review_date, ruleset=ruleset)
    m = result._inputs["members"].copy()
    o = result._inputs["organisations"].copy()
    out = result.members
    m["proposed_level"] = out["level"].to_numpy(dtype=object)
    o["proposed_level"] = result.organisations["level"].to_numpy(dtype=object)
    o["points_parts"] = None
    taken: set[str] = set()
    plan: list[tuple[str, str]] = []

    def pick(mask: np.ndarray) -> int | None:
        rows = [i for i in np.flatnonzero(mask) if out["member_id"].iat[i] not in taken]
        return int(rng.choice(rows)) if rows else None

    levels = out["level"].to_numpy(dtype=object)
    flags = out["flags"].to_numpy(dtype=object)
    rids = out["rule_ids"].to_numpy(dtype=object)
    plain = np.array([not f for f in flags])
    from .. import discipline

    if hcm:
        in_force = discipline.discipline_in_force_series(m["discipline_date"].reset_index(drop=True),
                                                         case.review_date).to_numpy(dtype=bool)
    else:  # N7: disciplined for a violation in public duties
        in_force = m["kht_cases"].fillna("").astype(str).str.contains("ky_luat_cong_vu").to_numpy(bool)
    quota_rule = "R-M2" if hcm else "N4"
    # The same test as the check's: held back by the quota alone, no cap (R-M6, R-M7) among the member's rules.
    caps = set(_RULES[ruleset]["caps"])
    choices = {
        "vuot_chi_tieu": (plain & (out["member_level"].to_numpy(dtype=object) == "HTXS") & (levels == "HTT")
                          & np.array([quota_rule in r and not caps & set(r) for r in rids]), "HTXS"),
        "khong_thuoc_dien": (plain & pd.isna(out["level"]).to_numpy(), "HT"),
        "ky_luat_con_hieu_luc": (plain & (levels == "KHT") & in_force, "HTT"),
        "muc_chua_du_dieu_kien": (plain & (levels == "HT"), "HTT"),
        "muc_thap_hon": (plain & (levels == "HTT"), "HT"),
    }
    for kind in (k for k in PLANTABLE if k in kinds):  # one order whatever the caller's
        if kind in choices:
            mask, level = choices[kind]
            i = pick(mask)
            if i is None:
                continue
            mid = out["member_id"].iat[i]
            taken.add(mid)
            m.loc[m["member_id"] == mid, "proposed_level"] = level
            plan.append((kind, mid))
        elif kind == "to_chuc_chua_du_dieu_kien":
            top = "TSVM" if hcm else "HTXS"
            ranks = {"YEU_KEM" if hcm else "KHT": 1, "HT": 2, "HTT": 3, top: 4}
            up = {1: "HT", 2: "HTT", 3: top}
            cands = [i for i in chi if i != score_row and ranks.get(o["proposed_level"].iat[i], 4) < 4
                     and not result.organisations["flags"].iat[i] and o["org_id"].iat[i] not in {p[1] for p in plan}]
            if not cands:
                continue
            i = int(rng.choice(cands))
            o.loc[i, "proposed_level"] = up[ranks[o["proposed_level"].iat[i]]]
            plan.append((kind, o["org_id"].iat[i]))
        elif kind == "diem_ngoai_thang":
            o.loc[score_row, "points"] = 105.0
            plan.append((kind, o["org_id"].iat[score_row]))
        elif kind == "diem_khong_bang_tong":
            rows = [i for i in chi if i != score_row and o["org_id"].iat[i] not in {p[1] for p in plan}]
            if not rows:
                continue
            i = int(rng.choice(rows))
            total = float(o["points"].iat[i])
            wrong = total - float(rng.choice([2, 3, 5]))
            parts = [round(wrong * f, 1) for f in (0.3, 0.3, 0.2)]
            parts.append(round(wrong - sum(parts), 1))
            o.loc[i, "points_parts"] = "; ".join(f"{p:g}".replace(".", ",") for p in parts)
            plan.append((kind, o["org_id"].iat[i]))
    work = as_date(working_day, "ngày làm việc với đoàn") if working_day is not None else \
        case.review_date + dt.timedelta(days=11)
    late = "nop_ho_so_muon" in kinds
    # Both official days: on time, the Thursday before a Monday working day; late, handed in on the working day.
    got = as_date(received, "ngày nhận hồ sơ") if received is not None else \
        work - dt.timedelta(days=0 if late else 4)
    db = o.loc[o["kind"] == "dang_bo", "org_id"]
    dossier_org = db.iat[0] if len(db) else o["org_id"].iat[0]
    data = dossier_bytes(ruleset, members=m, organisations=o,
                         dates=[{"org_id": dossier_org, "received": got, "working_day": work}])
    v = verify(data, review_date=case.review_date, name=name)
    if late and any(v.table["kind"] == "nop_ho_so_muon"):
        plan.append(("nop_ho_so_muon", dossier_org))
    found = sorted(zip(v.table["kind"], v.table["subject_id"]))
    if found != sorted(plan):  # the answer key must be what the check finds, or the exercise would lie
        raise AssertionError(f"planted {sorted(plan)} but the check found {found}")
    answers = v.table[["kind", "subject_id", "rule_id", "grade", "sheet", "row"]].reset_index(drop=True)
    return PlantedDossier(data=data, review_date=case.review_date, received=got, working_day=work,
                          answers=answers, verification=v, case=case)
