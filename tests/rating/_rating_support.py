"""Builders shared by the rating tests (no tests here): small synthetic members and organisations.

Every builder states its inputs fully in the test that uses it, so each expected level can be worked out by hand
from RULES.md and seed 004 §IV.
"""

from __future__ import annotations

import pandas as pd

REVIEW = "25/11/2014"  # inside the chi bộ review window 20–28/11/2014 of 004 §VI
HTXS, HTT, HT = "HTXS", "HTT", "HT"


def member(member_id: str = "M01", chi_bo_id: str = "CB", **kw) -> dict:
    """One member row: task completed well, no fault, no vote yet (each test gives the votes)."""
    row = {"member_id": member_id, "chi_bo_id": chi_bo_id, "official": True, "reviewed": True, "task_result": "tot",
           "votes_xuat_sac": 0, "votes_tot": 0, "votes_hoan_thanh": 0, "votes_khong_hoan_thanh": 0}
    row.update(kw)
    return row


def voted(kind: str, n: int, member_id: str, chi_bo_id: str = "CB", **kw) -> dict:
    """A member whom all ``n`` official members vote for one level, with the matching assessment.

    kind: "HTXS" (xuất sắc, n votes HTXS), "HTT", "HT", "KHT" (a fault and n KHT votes), "VOTE" (no level passes:
    zero votes), "K5" (absent from the review).
    """
    if kind == "HTXS":
        row = member(member_id, chi_bo_id, task_result="xuat_sac", votes_xuat_sac=n)
    elif kind == "HTT":
        row = member(member_id, chi_bo_id, votes_tot=n)
    elif kind == "HT":
        row = member(member_id, chi_bo_id, task_result="hoan_thanh", votes_hoan_thanh=n)
    elif kind == "KHT":
        row = member(member_id, chi_bo_id, faults="vi_pham_dieu_cam", votes_khong_hoan_thanh=n)
    elif kind == "VOTE":
        row = member(member_id, chi_bo_id)
    elif kind == "K5":
        row = member(member_id, chi_bo_id, reviewed=False)
    else:
        raise ValueError(kind)
    row.update(kw)
    return row


def org(org_id: str = "CB", kind: str = "chi_bo", parent_id=None, points: float = 95, **kw) -> dict:
    """An organisation meeting every condition of R-O1 except what the test changes: united, excellent committee,
    regular meetings, remedy plan done, no mass organisation, nothing disciplined."""
    row = {"org_id": org_id, "kind": kind, "parent_id": parent_id, "points": points, "failed_tasks": 0,
           "committee_united": True, "committee_result": "xuat_sac", "meets_regularly": True,
           "remedy_plan_done": True, "mass_org_ranks": "", "leader_disciplined": False, "self_detected": False,
           "corruption_discipline": False, "agency_lowest": False, "outstanding": False}
    row.update(kw)
    return row


def chi_bo_members(levels: list[str], chi_bo_id: str = "CB", prefix: str = "") -> list[dict]:
    """Members of one chi bộ, all official, each voted unanimously for the given level code."""
    n = sum(1 for _ in levels)
    return [voted(kind, n, f"{prefix or chi_bo_id}-{i:02d}", chi_bo_id) for i, kind in enumerate(levels, 1)]


def frames(members: list[dict], organisations: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    return pd.DataFrame(members), pd.DataFrame(organisations)


def cand(mid: str, v: int, n: int, chi_bo: str = "CB", **kw) -> dict:
    """An HTXS candidate: tasks completed excellently, ``v`` of the ``n`` official votes for HTXS, the rest HTT."""
    return member(mid, chi_bo, task_result="xuat_sac", votes_xuat_sac=v, votes_tot=n - v, **kw)


def plain(mid: str, n: int, chi_bo: str = "CB", level: str = HTT) -> dict:
    """A member all ``n`` official members vote HTT (or HT)."""
    if level == HT:
        return member(mid, chi_bo, task_result="hoan_thanh", votes_hoan_thanh=n)
    return member(mid, chi_bo, votes_tot=n)
