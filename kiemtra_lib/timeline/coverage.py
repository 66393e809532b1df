"""T6: which organisations were inspected or supervised at least once in a term."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..dates import as_date, fmt_date
from ..errors import InputError, Problem
from ..periods import add_years
from ..rules import Reason, RuleSet, get_ruleset
from ..schema import _as_frame
from ._common import _reasons_html

__all__ = ["RULES", "TermCoverage", "term_coverage", "subordinates", "subordinate_coverage"]

#: The rule ids this module implements (tests/test_rule_declarations.py).
RULES = ("T6",)


# -- T6 -----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TermCoverage:
    """T6 over one term: ``table`` has one row per organisation, ``uncovered`` the ones never inspected or
    supervised in the term, ``share`` the covered share (0–1)."""

    term_start: dt.date
    term_end: dt.date
    table: Any
    share: float
    reasons: tuple[Reason, ...]

    @property
    def uncovered(self):
        return self.table[~self.table["da_kiem_tra_giam_sat"]].reset_index(drop=True)

    def explain(self) -> list[str]:
        n = len(self.table)
        covered = int(self.table["da_kiem_tra_giam_sat"].sum())
        return [f"Nhiệm kỳ {fmt_date(self.term_start)}–{fmt_date(self.term_end)}: {covered}/{n} tổ chức được kiểm "
                f"tra hoặc giám sát ít nhất 1 lần ({self.share:.0%}).",
                *(f"Chưa được kiểm tra, giám sát: {r.org_id} {r.ten}".rstrip() for r in self.uncovered.itertuples()),
                *(str(r) for r in self.reasons)]

    def __str__(self) -> str:
        return "\n".join(self.explain())

    def to_frame(self):
        """``table`` with Vietnamese column labels."""
        out = self.table.rename(columns=_COVERAGE_LABELS).copy()
        out["Lần gần nhất"] = [fmt_date(d) if d is not None else "" for d in self.table["lan_gan_nhat"]]
        out["Đã kiểm tra/giám sát"] = out["Đã kiểm tra/giám sát"].map({True: "có", False: "chưa"})
        return out

    def _repr_html_(self) -> str:
        return _reasons_html(self.explain()[0], [], self.reasons) + self.to_frame().to_html(index=False)


_COVERAGE_LABELS = {"org_id": "Mã tổ chức", "ten": "Tên tổ chức", "so_lan_kiem_tra": "Số lần kiểm tra",
                    "so_lan_giam_sat": "Số lần giám sát", "lan_gan_nhat": "Lần gần nhất",
                    "da_kiem_tra_giam_sat": "Đã kiểm tra/giám sát"}


def term_coverage(inspections: Any, organisations: Any, term_start: Any, term_end: Any, *,
                  ruleset: "str | RuleSet" = "hcm-2014") -> TermCoverage:
    """Which organisations were inspected or supervised at least once in the term (T6), and the share covered.

    Column contract: ``inspections`` has ``org_id``, ``date`` (a date) and ``kind`` (``"kiem_tra"`` or
    ``"giam_sat"``), one row per inspection or supervision; ``organisations`` has ``org_id`` and, optionally, a name
    in ``ten`` (or ``name``). Only inspections dated from ``term_start`` to ``term_end`` (both included) count.
    The result's ``table`` columns: ``org_id``, ``ten``, ``so_lan_kiem_tra``, ``so_lan_giam_sat``,
    ``lan_gan_nhat`` (date or None), ``da_kiem_tra_giam_sat`` (bool).
    """
    rs = get_ruleset(ruleset)
    first, last = as_date(term_start, "đầu nhiệm kỳ"), as_date(term_end, "cuối nhiệm kỳ")
    if last < first:
        raise InputError("cuối nhiệm kỳ", fmt_date(last), why=f"trước đầu nhiệm kỳ {fmt_date(first)}", rule_id="T6")

    orgs = _as_frame(organisations, "tổ chức")
    insp = _as_frame(inspections, "cuộc kiểm tra")
    for frame, cols, name in ((orgs, ("org_id",), "tổ chức"), (insp, ("org_id", "date", "kind"), "cuộc kiểm tra")):
        missing = [c for c in cols if c not in frame.columns]
        if missing:
            raise InputError(f"bảng {name}", ", ".join(missing), why="thiếu cột", allowed=list(cols), rule_id="T6")
    name_col = "ten" if "ten" in orgs.columns else ("name" if "name" in orgs.columns else None)
    orgs = pd.DataFrame({"org_id": orgs["org_id"].astype(str),
                         "ten": orgs[name_col].fillna("").astype(str) if name_col else ""})
    if orgs["org_id"].duplicated().any():
        dup = orgs.loc[orgs["org_id"].duplicated(), "org_id"].iloc[0]
        raise InputError("org_id", dup, why="mã tổ chức lặp lại", rule_id="T6")
    kinds = tuple(rs.value("T6", "kinds"))
    known = set(orgs["org_id"])
    problems, dates = [], []
    for i, row in enumerate(insp.itertuples(index=False), start=1):
        org, kind = str(row.org_id), row.kind
        if org not in known:
            problems.append(Problem("org_id", org, row=i, why="không có trong bảng tổ chức"))
        if kind not in kinds:
            problems.append(Problem("kind", kind, row=i, allowed=kinds))
        try:
            dates.append(as_date(row.date, "date", row=i))
        except InputError as exc:
            problems.extend(exc.problems)
            dates.append(None)
    if problems:
        raise InputError.many(problems, rule_id="T6")
    insp = pd.DataFrame({"org_id": insp["org_id"].astype(str), "kind": insp["kind"], "date": dates})
    insp = insp[(insp["date"] >= first) & (insp["date"] <= last)] if len(insp) else insp
    counts = insp.groupby(["org_id", "kind"]).size().unstack(fill_value=0) if len(insp) else pd.DataFrame()
    latest = insp.groupby("org_id")["date"].max() if len(insp) else pd.Series(dtype=object)
    table = orgs.copy()
    table["so_lan_kiem_tra"] = table["org_id"].map(counts.get("kiem_tra", pd.Series(dtype=int))).fillna(0).astype(int)
    table["so_lan_giam_sat"] = table["org_id"].map(counts.get("giam_sat", pd.Series(dtype=int))).fillna(0).astype(int)
    table["lan_gan_nhat"] = [latest.get(o) for o in table["org_id"]]
    minimum = int(rs.value("T6", "min_per_term"))
    table["da_kiem_tra_giam_sat"] = (table["so_lan_kiem_tra"] + table["so_lan_giam_sat"]) >= minimum
    share = float(table["da_kiem_tra_giam_sat"].mean()) if len(table) else 0.0
    years = int(rs.value("T6", "term_years"))
    reasons = [rs.reason("T6", f"Trong 1 nhiệm kỳ ({years} năm) mỗi tổ chức trực thuộc được kiểm tra, giám sát ít "
                               f"nhất {minimum} lần; chỉ tính các cuộc từ {fmt_date(first)} đến {fmt_date(last)}.",
                         fact=f"{int(table['da_kiem_tra_giam_sat'].sum())}/{len(table)} tổ chức")]
    if add_years(first, years) < last:
        reasons.append(rs.reason("T6", f"Khoảng thời gian đã cho dài hơn {years} năm.", fact=fmt_date(last)))
    return TermCoverage(first, last, table, share, tuple(reasons))


def subordinates(organisations: Any):
    """The organisations under a đảng bộ (its chi bộ): T6 counts "mỗi tổ chức, đơn vị trực thuộc"; a table without a
    chi bộ is taken as it is."""

    from ..schema import _as_frame

    orgs = _as_frame(organisations, "tổ chức")
    if "org_id" not in orgs.columns:
        raise InputError("bảng tổ chức", "org_id", why="thiếu cột", rule_id="T6")
    chi = orgs[orgs["kind"] == "chi_bo"] if "kind" in orgs.columns else orgs
    return chi if len(chi) else orgs


def subordinate_coverage(inspections: Any, organisations: Any, term_start: Any, term_end: Any, *,
                         completed_only: bool = False, ruleset: "str | RuleSet" = "hcm-2014") -> TermCoverage:
    """T6 over a đảng bộ: only its subordinate organisations count (the đảng bộ's own inspections are not of a unit
    "trực thuộc"); ``completed_only`` keeps the inspections whose ``completed`` column is true (the 100% target of
    planned inspections completed)."""

    from ..schema import _as_frame

    subs = subordinates(organisations)
    insp = _as_frame(inspections, "cuộc kiểm tra")
    for col in ("org_id",) + (("completed",) if completed_only else ()):
        if col not in insp.columns:
            raise InputError("bảng cuộc kiểm tra", col, why="thiếu cột", rule_id="T6")
    insp = insp[insp["org_id"].isin(subs["org_id"])]
    if completed_only:
        from ..schema import INSPECTIONS, _coerce

        # "x", "có", 1 as a CSV gives them: read as the dictionary reads yes/no
        done, bad = _coerce(INSPECTIONS.column("completed"), insp["completed"].astype(object))
        if bad.any():
            i = int(bad.to_numpy().argmax())  # the first bad row
            raise InputError("completed", insp["completed"].iloc[i], row=i + 1,
                             allowed=INSPECTIONS.column("completed").allowed_text(), rule_id="T6")
        insp = insp[done.to_numpy(dtype=bool)]
    return term_coverage(insp, subs, term_start, term_end, ruleset=ruleset)
