"""Course records: every assigned exercise counted, a 10-point scale, final classification bands, per-unit summaries,
a course-record workbook fit to file and a grade CSV in Moodle's import format.

- **The maximum** is the sum of the maxima of every exercise assigned to the trainee (the answer key says which):
  an exercise not submitted shows «chưa nộp» and counts 0, so a trainee who skipped work never looks better than
  one who did it.
- **The 10-point scale**: total ÷ maximum × 10, rounded to two decimals (half up), as Vietnamese courses mark.
- **Bands** are a parameter of the course (:class:`Bands`). The default, :data:`COURSE_BANDS`, is this course's
  own choice, not taken from any document, and every report that uses it says so; a course that follows a
  regulation passes its bands with ``source`` naming it.
- **Provisional**: while a free-text answer waits for the instructor, the trainee's grade is shown as «tạm tính».
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Sequence

import pandas as pd

from ..errors import InputError

__all__ = ["Band", "Bands", "COURSE_BANDS", "parse_bands", "to_ten", "course_record", "unit_summary",
           "moodle_csv", "NOT_SUBMITTED", "record_sheets", "fmt_number"]

NOT_SUBMITTED = "chưa nộp"


@dataclass(frozen=True)
class Band:
    label: str
    minimum: float  # on the 10-point scale, inclusive


@dataclass(frozen=True)
class Bands:
    """Final classification bands, highest first; the lowest band's minimum is 0."""

    bands: tuple[Band, ...]
    name: str = "thang xếp loại của khoá học"
    #: the document the bands come from; ``None``: the course's own choice (and the reports say so)
    source: str | None = None

    def __post_init__(self):
        if not self.bands:
            raise InputError("thang xếp loại", self.bands, why="cần ít nhất một mức")
        mins = [b.minimum for b in self.bands]
        if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
            raise InputError("thang xếp loại", self.describe_raw(), why="các mức phải xếp từ cao xuống thấp, không trùng")
        if mins[-1] != 0:
            raise InputError("thang xếp loại", self.describe_raw(), why="mức thấp nhất phải bắt đầu từ 0")
        if not all(0 <= m <= 10 for m in mins):
            raise InputError("thang xếp loại", self.describe_raw(), allowed="các ngưỡng từ 0 đến 10")
        if len({b.label for b in self.bands}) != len(self.bands) or not all(b.label.strip() for b in self.bands):
            raise InputError("thang xếp loại", self.describe_raw(), why="tên các mức phải khác nhau và không rỗng")

    def classify(self, score10: float) -> str:
        score10 = _finite(score10, "điểm (thang 10)")
        for b in self.bands:
            if score10 >= b.minimum - 1e-9:
                return b.label
        return self.bands[-1].label

    def describe_raw(self) -> str:
        return "; ".join(f"{b.label} từ {fmt_number(b.minimum)}" for b in self.bands)

    def describe(self) -> str:
        """The bands as the reports state them, with where they come from."""
        origin = (f"theo {self.source}" if self.source else
                  "do khoá học tự đặt, không theo văn bản nào (cần xác nhận nếu dùng cho hồ sơ chính thức)")
        return f"{self.name[:1].upper()}{self.name[1:]} ({origin}): {self.describe_raw()} (thang 10)."


#: The course's own default bands (no document sets bands for this course; see Bands.describe).
COURSE_BANDS = Bands((Band("Giỏi", 8.0), Band("Khá", 6.5), Band("Trung bình", 5.0), Band("Chưa đạt", 0.0)))


def parse_bands(text: str, *, source: str | None = None) -> Bands:
    """``"Giỏi:8; Khá:6,5; Trung bình:5; Chưa đạt:0"`` (decimal comma or point) as :class:`Bands`."""
    if not isinstance(text, str):
        raise InputError("thang xếp loại (--bands)", text, allowed="«Giỏi:8; Khá:6,5; Trung bình:5; Chưa đạt:0»")
    if source is not None and not isinstance(source, str):
        raise InputError("nguồn của thang xếp loại (--bands-source)", source, why="cần tên một văn bản")
    bands = []
    for part in re.split(r"[;\n]+", text or ""):
        if not part.strip():
            continue
        label, sep, number = part.rpartition(":")
        if not sep or not label.strip():
            raise InputError("thang xếp loại (--bands)", part.strip(), allowed="«Tên mức:ngưỡng», cách nhau bằng «;»")
        bands.append(Band(label.strip(), _number(number, "thang xếp loại (--bands)")))
    if not bands:
        raise InputError("thang xếp loại (--bands)", text, allowed="«Giỏi:8; Khá:6,5; Trung bình:5; Chưa đạt:0»")
    return Bands(tuple(bands), source=source)


def _number(text: Any, field: str) -> float:
    s = str(text).strip().replace(",", ".")
    try:
        value = float(s)
    except ValueError:
        raise InputError(field, str(text).strip(), why="không phải một số") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise InputError(field, str(text).strip(), why="không phải một số hữu hạn")
    return value


def _finite(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(field, value, why="cần một số hữu hạn")
    try:
        number = float(value)
    except OverflowError:
        raise InputError(field, value, why="số quá lớn") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise InputError(field, value, why="cần một số hữu hạn")
    return number


def fmt_number(value: float, digits: int = 2) -> str:
    """A number as shown to a Vietnamese reader: decimal comma, no useless zeros (6,5; 8; 7,25)."""
    value = _finite(value, "số")
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def to_ten(total: float, maximum: float) -> float:
    """Total on the 10-point scale, two decimals, half up (0 when nothing was assigned)."""
    total, maximum = _finite(total, "tổng điểm"), _finite(maximum, "điểm tối đa")
    if total < 0 or total > maximum * (1 + 1e-9):
        raise InputError("tổng điểm", total, allowed=f"từ 0 đến điểm tối đa ({fmt_number(maximum)})")
    if maximum <= 0:
        return 0.0
    value = min(Decimal(repr(total)) / Decimal(repr(maximum)) * 10, Decimal(10))
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def course_record(data, bands: Bands = COURSE_BANDS) -> pd.DataFrame:
    """One row per trainee: points of every assigned exercise («chưa nộp» when missing), total, maximum (all
    assigned), 10-point grade, band, counts. ``data`` is a :class:`~kiemtra_lib.exercises.reports.ClassScores`."""
    ex_ids = list(data.exercises["exercise_id"])
    maxima = dict(zip(data.exercises["exercise_id"], data.exercises["max_points"].astype(float)))
    assigned = data.assigned.groupby("trainee_id")["exercise_id"].apply(set).to_dict()
    qs = data.questions
    points = qs.groupby(["trainee_id", "exercise_id"])["final_score"].sum(min_count=1).to_dict() if len(qs) else {}
    pending = (qs[(qs["kind"] == "text") & qs["manual_score"].isna()].groupby("trainee_id").size().to_dict()
               if len(qs) else {})
    late = data.counted[data.counted["late"].notna()].groupby("trainee_id").size().to_dict() if len(data.counted) else {}
    submitted = set(zip(data.counted["trainee_id"], data.counted["exercise_id"])) if len(data.counted) else set()
    rows = []
    for i, t in enumerate(data.trainees.itertuples(index=False), start=1):
        mine = assigned.get(t.trainee_id, set())
        row: dict[str, Any] = {"STT": i, "Mã học viên": t.trainee_id, "Họ và tên": t.ho_ten, "Đơn vị": t.don_vi}
        total = 0.0
        for eid in ex_ids:
            if eid not in mine:
                row[eid] = "không giao"
            elif (t.trainee_id, eid) in submitted:
                value = float(points.get((t.trainee_id, eid)) or 0.0)
                row[eid] = round(value, 2)
                total += value
            else:
                row[eid] = NOT_SUBMITTED
        maximum = sum(maxima[e] for e in mine)
        ten = to_ten(total, maximum)
        n_pending = int(pending.get(t.trainee_id, 0))
        row.update({"Tổng điểm": round(total, 2), "Điểm tối đa": round(maximum, 2), "Điểm (thang 10)": ten,
                    "Xếp loại": bands.classify(ten) + (" (tạm tính)" if n_pending else ""),
                    "Số bài đã nộp": sum(1 for e in mine if (t.trainee_id, e) in submitted),
                    "Số bài được giao": len(mine), "Số bài nộp muộn": int(late.get(t.trainee_id, 0)),
                    "Số câu chờ chấm tay": n_pending})
        rows.append(row)
    columns = ["STT", "Mã học viên", "Họ và tên", "Đơn vị", *ex_ids, "Tổng điểm", "Điểm tối đa", "Điểm (thang 10)",
               "Xếp loại", "Số bài đã nộp", "Số bài được giao", "Số bài nộp muộn", "Số câu chờ chấm tay"]
    return pd.DataFrame(rows, columns=columns)


def unit_summary(record: pd.DataFrame, bands: Bands = COURSE_BANDS) -> pd.DataFrame:
    """Per unit (đơn vị): trainees, how many submitted everything, mean and lowest 10-point grade, trainees per band."""
    labels = [b.label for b in bands.bands]
    cols = ["Đơn vị", "Số học viên", "Nộp đủ bài", "Điểm trung bình (thang 10)", "Điểm thấp nhất", *labels]
    if record.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    rec = record.assign(**{"Đơn vị": record["Đơn vị"].replace("", "(chưa ghi đơn vị)")})
    for unit, g in rec.groupby("Đơn vị", sort=True):
        band = g["Xếp loại"].str.replace(" (tạm tính)", "", regex=False)
        rows.append([unit, len(g), int((g["Số bài đã nộp"] == g["Số bài được giao"]).sum()),
                     round(float(g["Điểm (thang 10)"].mean()), 2), float(g["Điểm (thang 10)"].min()),
                     *[int((band == lab).sum()) for lab in labels]])
    total_band = rec["Xếp loại"].str.replace(" (tạm tính)", "", regex=False)
    rows.append(["Cả lớp", len(rec), int((rec["Số bài đã nộp"] == rec["Số bài được giao"]).sum()),
                 round(float(rec["Điểm (thang 10)"].mean()), 2), float(rec["Điểm (thang 10)"].min()),
                 *[int((total_band == lab).sum()) for lab in labels]])
    return pd.DataFrame(rows, columns=cols)


def _split_name(full: str) -> tuple[str, str]:
    """Vietnamese order: family and middle names first, the given name last (Moodle's «First name»)."""
    parts = full.split()
    if len(parts) <= 1:
        return full, ""
    return parts[-1], " ".join(parts[:-1])


def moodle_csv(record: pd.DataFrame, data, *, course_item: str = "Điểm tổng kết (thang 10)") -> pd.DataFrame:
    """The grade table in the layout of Moodle's own «Plain text file» export, which its «Import → CSV file» maps
    back: «First name», «Last name», «ID number», «Department», «Email address», then one column per grade item
    (points, decimal point; an exercise not submitted is 0, as in the records). In Moodle, map «Identify user by»
    to «Email address» (or «ID number») and each column to its grade item."""
    ex_ids = list(data.exercises["exercise_id"])
    emails = dict(zip(data.trainees["trainee_id"], data.trainees["email"]))
    rows = []
    for rec in record.to_dict("records"):
        first, last = _split_name(rec["Họ và tên"])
        row = {"First name": first, "Last name": last, "ID number": rec["Mã học viên"], "Department": rec["Đơn vị"],
               "Email address": emails.get(rec["Mã học viên"], "")}
        for eid in ex_ids:
            v = rec[eid]
            row[eid] = "" if v == "không giao" else (0.0 if v == NOT_SUBMITTED else float(v))
        row[course_item] = rec["Điểm (thang 10)"]
        rows.append(row)
    return pd.DataFrame(rows, columns=["First name", "Last name", "ID number", "Department", "Email address", *ex_ids,
                                       course_item])


def record_sheets(data, bands: Bands = COURSE_BANDS, *, course: str = "", today: dt.date | None = None,
                  rulesets: Sequence[str] = ()) -> dict[str, pd.DataFrame]:
    """The sheets of the course-record workbook: the record, the per-unit summary, the exercises, and a sheet
    saying what the figures mean (date dd/mm/yyyy, bands and their origin, rule sets, time source)."""
    record = course_record(data, bands)
    units = unit_summary(record, bands)
    ex = data.exercises.rename(columns={"exercise_id": "Mã bài", "title": "Tên bài", "max_points": "Điểm tối đa"})
    ex = ex[["Mã bài", "Tên bài", "Điểm tối đa"]]
    # Vietnamese headers that fit a printed page: «Bài 1», «Bài 2», ...; the sheet «Các bài» names each
    short = {eid: f"Bài {i}" for i, eid in enumerate(ex["Mã bài"], start=1)}
    ex.insert(0, "Cột", [short[e] for e in ex["Mã bài"]])
    sheet = record.rename(columns=short)
    today = today or dt.date.today()
    notes = [("Khoá học", course or "(không ghi)"), ("Ngày lập", today.strftime("%d/%m/%Y")),
             ("Số học viên", str(len(record))), ("Số bài được giao", str(len(ex))),
             ("Điểm tối đa", "tổng điểm tối đa của mọi bài được giao; bài chưa nộp tính 0 điểm"),
             ("Thang 10", "tổng điểm ÷ điểm tối đa × 10, làm tròn 2 chữ số thập phân"),
             ("Xếp loại", bands.describe()),
             ("Tạm tính", "còn câu tự luận chờ giảng viên chấm tay")]
    if rulesets:
        notes.append(("Bộ quy tắc", ", ".join(rulesets)))
    if len(data.counted):
        sources = data.counted["time_label"].value_counts()
        notes.append(("Thời điểm nộp", "; ".join(f"{k}: {v} bài" for k, v in sources.items())))
    return {"Bảng điểm": sheet, "Theo đơn vị": units, "Các bài": ex,
            "Ghi chú": pd.DataFrame(notes, columns=["Mục", "Nội dung"])}
