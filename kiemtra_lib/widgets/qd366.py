"""Notebook 08: the rating under Quy định 366-QĐ/TW (rule set ``qd366-2025``), and what changed from ``hcm-2014``.
Every figure and sentence comes from ``kiemtra_lib.rating`` and the rule data; the panel only builds inputs."""

from __future__ import annotations

from typing import Any, Mapping

import ipywidgets as w
import pandas as pd

from .. import rating
from ..rating.qd366.levels import LEVEL_NAMES
from ..rating.qd366.quota import quota_of
from ..rules import STATUS_LABELS, RuleSet, get_ruleset
from ..schema import KHT_CASES_MEMBER, ROLE_KINDS
from ._panel import Panel, esc, message_html, show
from .quiz import Question, Quiz

__all__ = ["member_table", "changes_table", "differences_table", "decision_html", "Member366Panel", "qd366_quiz",
           "show", "RULESET"]

RULESET = "qd366-2025"
_LEVELS = [LEVEL_NAMES[r] for r in (4, 3, 2, 1)]


def _frac(rs: RuleSet, rule_id: str, key: str) -> str:
    num, den = rs.value(rule_id, key)
    return f"{num * 100 // den}%"


def member_table(result: rating.RatingResult, members: pd.DataFrame) -> pd.DataFrame:
    """Each member under qd366-2025: points, tasks, the level, the rules behind it, what the competent level decides."""
    names = members.set_index("member_id")["ho_ten"] if "ho_ten" in members else pd.Series(dtype=object)
    m = members.set_index("member_id")
    out = result.members[["member_id", "points", "label", "rule_ids", "flags"]].copy()
    out.insert(1, "ho_ten", out["member_id"].map(names))
    tasks = m.reindex(out["member_id"])
    out.insert(3, "tasks", (tasks["tasks_on_time"].astype(str) + "/" + tasks["tasks_assigned"].astype(str)
                            + " đúng hạn, " + tasks["tasks_beyond"].astype(str) + " vượt mức").to_numpy())
    out["points"] = out["points"].map(lambda x: f"{x:g}".replace(".", ","))
    out["rule_ids"] = out["rule_ids"].map(", ".join)
    out["flags"] = out["flags"].map(lambda fs: "; ".join(rating.FLAGS.get(f, f) for f in fs))
    return out.rename(columns={"member_id": "Mã", "ho_ten": "Họ và tên", "points": "Tổng điểm", "tasks": "Nhiệm vụ",
                               "label": "Xếp loại", "rule_ids": "Quy tắc", "flags": "Cần quyết định"})


def decision_html(result: rating.RatingResult, member_id: str) -> str:
    """One member's decision as HTML: level, each reason with its rule, clause and status, flags, the rule set."""
    return result.member(member_id)._repr_html_()


def changes_table(comparison: "rating.RulesetComparison", members: pd.DataFrame | None = None) -> pd.DataFrame:
    """The members whose level differs between the two rule sets, with the rule behind each level and why."""
    out = comparison.members.loc[comparison.members["changed"],
                                 ["member_id", "label_hcm", "rule_hcm", "label_qd366", "rule_qd366", "why"]]
    return out.rename(columns={"member_id": "Mã", "label_hcm": "Theo hcm-2014", "rule_hcm": "Quy tắc (2014)",
                               "label_qd366": "Theo qd366-2025", "rule_qd366": "Quy tắc (366)", "why": "Vì sao khác"})


def differences_table() -> pd.DataFrame:
    """What changed from the 2014 city plan to QĐ 366, each value read from the two rule sets' data."""
    old, new = get_ruleset("hcm-2014"), get_ruleset(RULESET)
    rows = [
        ("Tỷ lệ Hoàn thành xuất sắc",
         f"không quá {_frac(old, 'R-M2', 'share')} số HTT ({_frac(old, 'R-M2', 'outstanding_share')} nếu đặc biệt "
         f"xuất sắc); chi bộ dưới {old.value('R-M2', 'small_chi_bo_below')} đảng viên được 1", "R-M2",
         f"không quá {_frac(new, 'N4', 'share')} số HTT trở lên trong nhóm tương đồng "
         f"({_frac(new, 'N4', 'outstanding_share')} nếu nổi trội), làm tròn xuống, không có suất cho nhóm nhỏ", "N4"),
        ("Nghỉ ốm", f"từ {old.value('R-M7', 'sick_leave_months')} tháng: tối đa Hoàn thành nhiệm vụ", "R-M7",
         f"từ {new.value('N10', 'sick_leave_months')} tháng (hoặc thai sản): theo kết quả công việc thực tế, "
         "không giới hạn mức", "N10"),
        ("Ai chưa xếp loại", f"kết nạp chưa đủ {old.value('K3', 'months')} tháng; chưa kiểm điểm", "K3, K5",
         f"thêm: miễn công tác và sinh hoạt đảng; đình chỉ sinh hoạt đảng (chưa đủ {new.value('N9', 'months')} "
         "tháng vẫn như cũ)", "N9"),
        ("Phiếu biểu quyết", "HTXS cần trên {}/{}, các mức khác trên {}/{} số đảng viên chính thức".format(
            *old.value("R-M1", "votes_over"), *old.value("R-M3", "votes_over")), "R-M1, R-M3, R-M9",
         f"văn bản đọc được không nêu ngưỡng phiếu ({STATUS_LABELS['to_be_confirmed']})", "N15"),
        ("Căn cứ của mức", "đánh giá nhiệm vụ của chi bộ, xếp loại công chức và số phiếu", "R-M1, R-M3, R-M4",
         f"tổng điểm ({new.value('N3', 'min_points')}/{new.value('N5', 'min_points')}/"
         f"{new.value('N6', 'min_points')}) và số nhiệm vụ: 100% đúng tiến độ, ít nhất "
         f"{_frac(new, 'N3', 'beyond_share')} vượt mức, không quá {_frac(new, 'N6', 'behind_max_share')} chậm",
         "N3, N5, N6"),
        ("Không hoàn thành nhiệm vụ", "kỷ luật trong 1 năm hoặc một khuyết điểm, và trên 1/2 số phiếu", "R-M5",
         f"dưới {new.value('N7', 'points_below')} điểm, hoặc một trường hợp của N7 dù điểm bao nhiêu", "N7"),
        ("Thời gian", f"kiểm điểm xong trước {old.value('T8', 'reviews_before'):%d/%m/%Y} (kế hoạch 2014)", "T8",
         f"kiểm điểm, xếp loại xong trước {new.value('N16', 'review_before')} hằng năm", "N16"),
        ("Mức của tổ chức", "Trong sạch vững mạnh, Hoàn thành tốt, Hoàn thành, Yếu kém", "R-O1–R-O5",
         ", ".join(new.value("N2", "levels").values()) + " (không còn TSVM, Yếu kém)", "N2"),
    ]
    return pd.DataFrame(rows, columns=["Nội dung", "Kế hoạch 2014 (hcm-2014)", "Quy tắc 2014",
                                       "Quy định 366 (qd366-2025)", "Quy tắc 366"])


def _member_row(values: Mapping[str, Any]) -> dict:
    row = dict(values)
    row["kht_cases"] = ";".join(row.get("kht_cases") or ())
    return row


class Member366Panel(Panel):
    """Points, tasks and cases of one member → the level under qd366-2025, its reasons, and what would change it."""

    title = "Thử: điểm, nhiệm vụ, trường hợp → mức xếp loại theo Quy định 366"

    def __init__(self, member: Mapping[str, Any], *, review_date: Any, ruleset: str | RuleSet = RULESET) -> None:
        super().__init__()
        self.rs = get_ruleset(ruleset)
        self.review_date = review_date
        m = dict(member)
        self.member_id = str(m.get("member_id", ""))
        style = {"description_width": "190px"}
        wide = w.Layout(width="520px")

        def ints(desc, value, hi):
            return w.IntSlider(value=int(value), min=0, max=hi, description=desc, style=style, layout=wide)

        self.points = w.FloatSlider(value=float(m.get("points", 80)), min=0, max=100, step=0.5,
                                    description="Tổng điểm:", style=style, layout=wide)
        self.assigned = ints("Nhiệm vụ được giao:", m.get("tasks_assigned", 10), 30)
        self.done = ints("Đã hoàn thành:", m.get("tasks_done", 10), 30)
        self.on_time = ints("Hoàn thành đúng tiến độ:", m.get("tasks_on_time", 10), 30)
        self.beyond = ints("Vượt mức yêu cầu:", m.get("tasks_beyond", 0), 30)
        self.previous = ints("Hạn chế kỳ trước:", m.get("shortcomings_previous", 0), 10)
        self.fixed = ints("Đã khắc phục:", m.get("shortcomings_fixed", 0), 10)
        self.role = w.Dropdown(options=[(v, k) for k, v in ROLE_KINDS.items()],
                               value=m.get("role_kind", "khong_chuc_vu"), description="Nhóm đối tượng:",
                               style=style, layout=wide)
        cases = [c for c in str(m.get("kht_cases") or "").split(";") if c]
        self.cases = w.SelectMultiple(options=[(v, k) for k, v in KHT_CASES_MEMBER.items()], value=tuple(cases),
                                      description="Trường hợp của N7:", style=style,
                                      layout=w.Layout(width="720px", height="150px"))
        self.mitigation = w.Checkbox(value=bool(m.get("mitigation", False)),
                                     description="Thừa nhận, tự phát hiện và khắc phục", style=style)
        self.sick = w.FloatSlider(value=float(m.get("sick_leave_months", 0)), min=0, max=12, step=0.5,
                                  description="Số tháng nghỉ ốm:", style=style, layout=wide)
        self.controls = [self.points, self.assigned, self.done, self.on_time, self.beyond, self.previous, self.fixed,
                         self.role, self.cases, self.mitigation, self.sick]
        self._watch(*self.controls)
        self.refresh()

    def values(self) -> dict:
        role = self.role.value
        return _member_row({
            "member_id": self.member_id or "(không mã)", "points": self.points.value,
            "tasks_assigned": self.assigned.value, "tasks_done": self.done.value,
            "tasks_on_time": self.on_time.value, "tasks_beyond": self.beyond.value,
            "shortcomings_previous": self.previous.value, "shortcomings_fixed": self.fixed.value,
            "role_kind": role, "kht_cases": self.cases.value, "mitigation": self.mitigation.value,
            "sick_leave_months": self.sick.value,
            "led_units_all_done": role == "lanh_dao_quan_ly", "led_units_beyond_30": False,
        })

    def compute(self) -> str:
        row = self.values()
        decision = rating.rate_member(row, review_date=self.review_date, ruleset=self.rs)
        explanation = rating.explain(row, review_date=self.review_date, ruleset=self.rs)
        note = ""
        if row["role_kind"] == "lanh_dao_quan_ly":
            note = message_html("Với cán bộ lãnh đạo, quản lý, bảng thử coi đơn vị trực tiếp lãnh đạo đã hoàn thành "
                                "100% nhiệm vụ, chưa đủ 30% vượt mức.", "info")
        return decision._repr_html_() + note + explanation._repr_html_()


def qd366_quiz(*, review_date: Any, ruleset: str | RuleSet = RULESET) -> Quiz:
    """Five questions whose answers the library computes (levels from rate_member, quotas from the rule data)."""
    rs = get_ruleset(ruleset)

    def level(**row) -> str:
        base = dict(tasks_assigned=10, tasks_done=10, tasks_on_time=10, tasks_beyond=3, points=92)
        return rating.rate_member({**base, **row}, review_date=review_date, ruleset=rs).label

    share, top = _frac(rs, "N4", "share"), _frac(rs, "N4", "outstanding_share")
    q4 = str(int(quota_of(rs, [4], [False])[0]))
    q8 = str(int(quota_of(rs, [8], [True])[0]))
    return Quiz([
        Question("Đảng viên 92 điểm, 10/10 nhiệm vụ đúng tiến độ nhưng chỉ 2/10 vượt mức yêu cầu: xếp loại?",
                 tuple(_LEVELS), level(tasks_beyond=2),
                 f"Khung 90 điểm đạt, nhưng Hoàn thành xuất sắc cần ít nhất {_frac(rs, 'N3', 'beyond_share')} "
                 "nhiệm vụ vượt mức (N3); mọi nhiệm vụ đúng tiến độ nên đạt Hoàn thành tốt (N5)."),
        Question("Đảng viên 95 điểm, đủ mọi điều kiện, nhưng vi phạm những điều đảng viên không được làm: xếp loại?",
                 tuple(_LEVELS), level(points=95, kht_cases="vi_pham_dieu_cam"),
                 "Một trường hợp của N7 cho Không hoàn thành nhiệm vụ dù điểm bao nhiêu."),
        Question(f"Nhóm có 4 người đạt Hoàn thành tốt trở lên, cả 4 đủ điều kiện Hoàn thành xuất sắc. Tỷ lệ {share}: "
                 "tối đa bao nhiêu người Hoàn thành xuất sắc?", ("0", "1", "2"), q4,
                 f"{share} của 4 là 0,8, làm tròn xuống là {q4}; QĐ 366 không có quy tắc «nhóm nhỏ được 1» (N4)."),
        Question(f"Nhóm có thành tích nổi trội ({top}), 8 người đạt Hoàn thành tốt trở lên: tối đa bao nhiêu người "
                 "Hoàn thành xuất sắc?", ("1", "2", "3"), q8, f"{top} của 8 là {q8} (N4)."),
        Question("Đảng viên nghỉ ốm 4 tháng, 85 điểm, 10/10 nhiệm vụ đúng tiến độ: theo Quy định 366 xếp loại?",
                 tuple(_LEVELS), level(points=85, tasks_beyond=1, sick_leave_months=4),
                 "Nghỉ ốm từ 3 tháng không còn bị giới hạn ở Hoàn thành nhiệm vụ như R-M7 của kế hoạch 2014: xếp "
                 "theo kết quả thực tế (N10)."),
    ], title="Tự kiểm tra: xếp loại theo Quy định 366-QĐ/TW")
