"""The input tables of ``qd366-2025`` and the checks across columns of a row (N1: points 0–100, or 0–30 + 0–70 whose
sum is the total; task counts that agree with each other; case codes the person can have).

The column contracts (``MEMBERS_366``, ``ORGANISATIONS_366``) live in ``kiemtra_lib.schema`` with the other tables;
this module reads what ``Table.validate`` cannot see alone: the blanks of the points columns (a missing total is
not 0 points), and the relations between columns. Every bad value is reported at once, naming row, column and value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...errors import InputError, Problem
from ...rules import RuleSet
from ...schema import MEMBERS_366, ORGANISATIONS_366

__all__ = ["members_table", "organisations_table", "LEADER", "RULES"]

RULES = ("N1",)

LEADER = "lanh_dao_quan_ly"
_TASKS = ("tasks_assigned", "tasks_done", "tasks_on_time", "tasks_beyond")


def _present(raw: pd.DataFrame, column: str) -> np.ndarray:
    """Rows where a number column was filled (the schema turns a blank into its default, 0)."""
    if column not in raw.columns:
        return np.zeros(len(raw), dtype=bool)
    values = raw[column]
    text = values.astype(str).str.strip() if values.dtype == object else None
    filled = values.notna().to_numpy().copy()
    if text is not None:
        filled &= (text != "").to_numpy()
    return filled


def _frame(data) -> pd.DataFrame:
    df = data.copy() if isinstance(data, pd.DataFrame) else pd.DataFrame(list(data))
    return df.reset_index(drop=True)


def _task_problems(t: pd.DataFrame, row, problems: list[Problem]) -> None:
    a, d, o, b = (t[c].to_numpy(dtype="int64") for c in _TASKS)
    checks = [
        (a < 1, "tasks_assigned", a, "Chưa ghi nhiệm vụ được giao: xếp loại theo qd366-2025 cần số nhiệm vụ (RULES.md)"),
        (d > a, "tasks_done", d, "Số nhiệm vụ đã hoàn thành vượt số nhiệm vụ được giao"),
        (o > d, "tasks_on_time", o, "Số nhiệm vụ đúng tiến độ vượt số nhiệm vụ đã hoàn thành"),
        (b > d, "tasks_beyond", b, "Số nhiệm vụ vượt mức yêu cầu vượt số nhiệm vụ đã hoàn thành"),
    ]
    sp, sf = t["shortcomings_previous"].to_numpy(dtype="int64"), t["shortcomings_fixed"].to_numpy(dtype="int64")
    checks.append((sf > sp, "shortcomings_fixed", sf, "Số hạn chế đã khắc phục vượt số hạn chế được chỉ ra ở kỳ trước"))
    for bad, column, values, why in checks:
        problems.extend(Problem(column, int(values[i]), row=row(i), why=why) for i in np.flatnonzero(bad))


def _case_problems(t: pd.DataFrame, who: np.ndarray, rs: RuleSet, row, problems: list[Problem]) -> None:
    """A case code of N7 that this kind of person (or a collective) cannot have."""
    cases = rs.value("N7", "cases")
    codes, uniq = pd.factorize(t["kht_cases"].to_numpy(dtype=object))
    for j, text in enumerate(uniq):
        if not text:
            continue
        for code in str(text).split(";"):
            allowed_for = set(cases[code]["for"])
            rows = np.flatnonzero((codes == j) & ~np.isin(who, list(allowed_for)))
            problems.extend(Problem("kht_cases", code, row=row(i),
                                    why=f"Trường hợp này không áp dụng cho {_WHO.get(who[i], who[i])}")
                            for i in rows)


_WHO = {"khong_chuc_vu": "đảng viên không giữ chức vụ lãnh đạo, quản lý",
        "ngoai_he_thong": "đảng viên không làm việc trong hệ thống chính trị",
        "lanh_dao_quan_ly": "cán bộ lãnh đạo, quản lý", "tap_the": "tập thể"}


def _points(raw: pd.DataFrame, t: pd.DataFrame, rs: RuleSet, row, problems: list[Problem], *, parts: bool):
    """The total of each row: ``points``, or the sum of its two parts (N1); a row with neither is refused."""
    has_total = _present(raw, "points")
    points = t["points"].to_numpy(dtype="float64").copy()
    if not parts:
        for i in np.flatnonzero(~has_total):
            problems.append(Problem("points", "(trống)", row=row(i), why="Cần tổng điểm (0–100) của tập thể (N1)"))
        return points, np.zeros(len(t), bool)
    has_c, has_t = _present(raw, "points_common"), _present(raw, "points_tasks")
    both = has_c & has_t
    common = t["points_common"].to_numpy(dtype="float64")
    tasks = t["points_tasks"].to_numpy(dtype="float64")
    total = common + tasks
    mismatch = has_total & both & (np.abs(points - total) > 1e-9)
    for i in np.flatnonzero(mismatch):
        problems.append(Problem("points", _show(points[i]), row=row(i),
                                why=f"Tổng điểm phải bằng điểm tiêu chí chung ({_show(common[i])}) cộng điểm kết quả "
                                    f"thực hiện nhiệm vụ ({_show(tasks[i])}) = {_show(total[i])} (N1)"))
    one_part = ~has_total & (has_c ^ has_t)
    for i in np.flatnonzero(one_part):
        missing = "points_tasks" if has_c[i] else "points_common"
        problems.append(Problem(missing, "(trống)", row=row(i),
                                why="Có một phần điểm thì cần cả phần kia (30 + 70 điểm, N1), hoặc ghi tổng điểm"))
    for i in np.flatnonzero(~has_total & ~has_c & ~has_t):
        problems.append(Problem("points", "(trống)", row=row(i),
                                why="Cần tổng điểm (0–100), hoặc điểm tiêu chí chung (0–30) và điểm kết quả thực hiện "
                                    "nhiệm vụ (0–70) (N1)"))
    points = np.where(has_total, points, total)
    return points, both


def _show(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _labeler(ids: np.ndarray):
    return lambda i: f"{i + 1} ({ids[i]})"


def members_table(data, rs: RuleSet) -> tuple[pd.DataFrame, np.ndarray]:
    """The members table normalised, with ``points`` the total of each row; (table, mask of rows whose total was
    given as its two parts)."""
    raw = _frame(data)
    t = MEMBERS_366.validate(raw)
    row = _labeler(t["member_id"].to_numpy(dtype=object))
    problems: list[Problem] = []
    points, parts = _points(raw, t, rs, row, problems, parts=True)
    _task_problems(t, row, problems)
    who = t["role_kind"].to_numpy(dtype=object)
    _case_problems(t, who, rs, row, problems)
    leader = who == LEADER
    for column in ("led_units_all_done", "led_units_beyond_30"):
        for i in np.flatnonzero(t[column].to_numpy(dtype=bool) & ~leader):
            problems.append(Problem(column, True, row=row(i),
                                    why="Chỉ ghi với cán bộ lãnh đạo, quản lý (role_kind = lanh_dao_quan_ly)"))
    if problems:
        raise InputError.many(problems)
    t["points"] = points
    return t, parts


def organisations_table(data, rs: RuleSet) -> pd.DataFrame:
    raw = _frame(data)
    t = ORGANISATIONS_366.validate(raw)
    row = _labeler(t["org_id"].to_numpy(dtype=object))
    problems: list[Problem] = []
    points, _ = _points(raw, t, rs, row, problems, parts=False)
    _task_problems(t, row, problems)
    _case_problems(t, np.full(len(t), "tap_the", dtype=object), rs, row, problems)
    if problems:
        raise InputError.many(problems)
    t["points"] = points
    return t
