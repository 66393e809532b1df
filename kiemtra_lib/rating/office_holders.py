"""R-M6, who may not be rated «Hoàn thành xuất sắc nhiệm vụ»: office holders whose grassroots organisation is not
«Trong sạch vững mạnh» (applied once that organisation's level is known, R-O8), and members absent from chi bộ
meetings ``rm6_absences_at_least`` times in the year. The ``role`` column is the member's main and highest post
(R-M8), the one R-M6 reads."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..rules import RuleSet
from ..schema import ROLES
from ._text import slot_at

__all__ = ["RULES", "absence_bar", "holds_office", "grassroots_org", "office_bar", "office_slot", "role_label"]

RULES = ("R-M6",)


def absence_bar(absences, rs: RuleSet) -> np.ndarray:
    """Absent from chi bộ meetings at least ``rm6_absences_at_least`` times: no HTXS."""
    return np.asarray(absences, dtype="int64") >= int(rs.param("rm6_absences_at_least"))


def holds_office(roles, rs: RuleSet) -> np.ndarray:
    """The member's main post (R-M8) is one of R-M6's ``roles``."""
    return np.isin(np.asarray(roles, dtype=object), list(rs.value("R-M6", "roles")))


def grassroots_org(has_parent: np.ndarray, chi_parent: np.ndarray, chi_level: np.ndarray, db_level: np.ndarray,
                   chi_ids: np.ndarray, db_ids: np.ndarray, rs: RuleSet) -> tuple[np.ndarray, np.ndarray]:
    """(level rank, id) per chi bộ of "their grassroots organisation": the đảng bộ cơ sở of a chi bộ trực thuộc, the
    chi bộ itself for a chi bộ cơ sở (parameter ``rm6_grassroots_org``)."""
    use_parent = has_parent & (rs.param("rm6_grassroots_org") == "dang_bo_co_so")
    parent = np.maximum(chi_parent, 0)
    kd = len(db_level)
    g_level = np.where(use_parent, db_level[parent] if kd else 0, chi_level)
    g_id = np.where(use_parent, db_ids[parent] if kd else "", chi_ids).astype(object)
    return g_level, g_id


def office_bar(level: np.ndarray, roles: np.ndarray, grassroots_tsvm: np.ndarray, rs: RuleSet) -> np.ndarray:
    """Candidates for HTXS barred because they hold an office and their grassroots organisation is not TSVM."""
    return (level == 4) & holds_office(roles, rs) & ~np.asarray(grassroots_tsvm, dtype=bool)


def role_label(role) -> str:
    return ROLES.get(role, "") if isinstance(role, str) else ""


def office_slot(bar: np.ndarray, roles: np.ndarray, grassroots_id: np.ndarray, grassroots_label: np.ndarray):
    return slot_at(bar, "R-M6", lambda i: pd.Series(roles[i]).map(ROLES).fillna("").to_numpy(dtype=object)
                   + "; tổ chức cơ sở đảng " + grassroots_id[i].astype(object) + " xếp loại «"
                   + grassroots_label[i].astype(object) + "», chưa đạt Trong sạch vững mạnh: không xét «Hoàn "
                   "thành xuất sắc nhiệm vụ» (áp dụng sau khi biết xếp loại tổ chức, R-O8).")
