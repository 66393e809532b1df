"""A lesson's parameters, checked before the lesson uses them: a bad value gives one Vietnamese message naming the
parameter, what it means, the value received and what is allowed — never a traceback.

An instructor changes a lesson through its first cell (papermill's ``parameters``); a typo there (an unknown member
id, a date out of range, ``leaders="DV03"`` where a list is expected) must not reach the library as something else
(a text is a sequence of letters: ``"DV03"`` would be read as the four members «D», «V», «0», «3»).

>>> check({"leaders": "DV03"}, leaders=ListOf(["DV01", "DV03"], "cán bộ lãnh đạo, quản lý"))
Traceback (most recent call last):
...
kiemtra_lib.errors.InputError: Giá trị không hợp lệ ở trường «leaders (cán bộ lãnh đạo, quản lý)»: «DV03». Cần một danh sách trong ngoặc vuông, ví dụ ["DV03"], không phải một chữ. Giá trị cho phép: danh sách gồm các giá trị DV01, DV03.
>>> check({"leaders": ["DV03"], "meeting_date": "20/11/2025"}, leaders=ListOf(["DV01", "DV03"], "lãnh đạo"),
...       meeting_date=Date("ngày họp", "01/01/2014", "31/12/2030"))
{'leaders': ['DV03'], 'meeting_date': datetime.date(2025, 11, 20)}

In a notebook, ``kiemtra_lib.widgets.setup()`` makes an ``InputError`` show as that message only (no traceback),
and the lesson stops there, as «Run All» stops at an error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from ..dates import as_date, fmt_date
from ..errors import InputError, Problem

__all__ = ["check", "lesson_parameters", "LESSON_SPECS", "show_input_errors", "Date", "OneOf", "ListOf", "Number", "Flag", "Dict", "Text"]

_MAX_LISTED = 12  # a list of 80 chi bộ ids is cut, with how many there are


def _listed(options: Iterable[Any]) -> str:
    items = [str(o) for o in options]
    head = ", ".join(items[:_MAX_LISTED])
    return head + (f", … ({len(items)} giá trị)" if len(items) > _MAX_LISTED else "")


@dataclass(frozen=True)
class Date:
    """A date (dd/mm/yyyy or yyyy-mm-dd), between ``lo`` and ``hi`` when given."""

    label: str
    lo: Any = None
    hi: Any = None

    def check(self, name: str, value: Any) -> dt.date:
        try:
            day = as_date(value, name)
        except InputError as exc:
            raise InputError(_field(name, self.label), value, allowed=exc.allowed, why=exc.why) from None
        lo = as_date(self.lo) if self.lo is not None else None
        hi = as_date(self.hi) if self.hi is not None else None
        if (lo and day < lo) or (hi and day > hi):
            span = f"từ {fmt_date(lo) if lo else '…'} đến {fmt_date(hi) if hi else '…'}"
            raise InputError(_field(name, self.label), value, allowed=f"một ngày {span}",
                             why="Ngày nằm ngoài khoảng bài học dùng được")
        return day


@dataclass(frozen=True)
class OneOf:
    """One of the allowed values (a member id of the case, a level code); ``blank`` also allows ``""``."""

    options: Iterable[Any]
    label: str
    blank: bool = False

    def check(self, name: str, value: Any) -> Any:
        options = list(self.options)
        if (self.blank and value in ("", None)) or value in options:
            return value
        allowed = _listed(options) + (" (hoặc để trống \"\")" if self.blank else "")
        raise InputError(_field(name, self.label), value, allowed=allowed)


@dataclass(frozen=True)
class ListOf:
    """A list (or tuple) whose items are all allowed values; a bare text is refused, never split into letters."""

    options: Iterable[Any]
    label: str

    def check(self, name: str, value: Any) -> list:
        options = list(self.options)
        if isinstance(value, str) or not isinstance(value, (list, tuple)):
            example = f'["{value}"]' if isinstance(value, str) and value else '["..."]'
            raise InputError(_field(name, self.label), value, allowed=f"danh sách gồm các giá trị {_listed(options)}",
                             why=f"Cần một danh sách trong ngoặc vuông, ví dụ {example}, không phải một chữ")
        bad = [v for v in value if v not in options]
        if bad:
            raise InputError(_field(name, self.label), bad[0], allowed=_listed(options),
                             why="Giá trị này không có trong danh sách của bài")
        return list(value)


@dataclass(frozen=True)
class Number:
    """A number between ``lo`` and ``hi`` (an integer when ``integer``)."""

    label: str
    lo: float | None = None
    hi: float | None = None
    integer: bool = False

    def check(self, name: str, value: Any) -> float | int:
        ok_type = isinstance(value, int) if self.integer else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok_type:
            raise InputError(_field(name, self.label), value,
                             allowed="một số nguyên" if self.integer else "một số",
                             why="Cần một số, không phải chữ" if isinstance(value, str) else None)
        if (self.lo is not None and value < self.lo) or (self.hi is not None and value > self.hi):
            raise InputError(_field(name, self.label), value,
                             allowed=f"từ {_num(self.lo)} đến {_num(self.hi)}")
        return value


@dataclass(frozen=True)
class Flag:
    """``True`` or ``False``."""

    label: str

    def check(self, name: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise InputError(_field(name, self.label), value, allowed="True (có) hoặc False (không)")
        return value


@dataclass(frozen=True)
class Text:
    """Any non-empty text."""

    label: str

    def check(self, name: str, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise InputError(_field(name, self.label), value, allowed="một đoạn chữ, không để trống")
        return value


@dataclass(frozen=True)
class Dict:
    """A dictionary whose keys are among ``keys``, each value checked by its own kind."""

    keys: Mapping[str, Any]
    label: str
    required: tuple[str, ...] = field(default=())

    def check(self, name: str, value: Any) -> dict:
        if not isinstance(value, dict):
            raise InputError(_field(name, self.label), value, allowed="một từ điển {\"tên\": giá trị, ...} với các "
                             f"tên {_listed(self.keys)}")
        out = {}
        for key, v in value.items():
            if key not in self.keys:
                raise InputError(_field(name, self.label), key, allowed=_listed(self.keys),
                                 why="Tên này không có trong các thay đổi bài học dùng được")
            out[key] = self.keys[key].check(f"{name}[{key}]", v)
        missing = [k for k in self.required if k not in value]
        if missing:
            raise InputError(_field(name, self.label), value, why=f"Thiếu {', '.join(missing)}")
        return out


def _num(v: float | None) -> str:
    return "…" if v is None else (str(v).replace(".", ",") if isinstance(v, float) else str(v))


def _field(name: str, label: str) -> str:
    # The parameter as the instructor typed it, then what it means to a reader.
    return f"{name} ({label})" if label else name


def check(values: Mapping[str, Any], **kinds: Any) -> dict:
    """Check ``values[name]`` with ``kinds[name]`` for each name; return the checked values (dates as dates).

    Every bad parameter is reported at once, in one ``InputError``.
    """
    out, problems = {}, []
    for name, kind in kinds.items():
        if name not in values:
            problems.append(Problem(name, "(không có)", why="Ô tham số của bài thiếu tham số này"))
            continue
        try:
            out[name] = kind.check(name, values[name])
        except InputError as exc:
            problems.extend(exc.problems)
    if len(problems) == 1:
        p = problems[0]
        raise InputError(p.field, p.value, allowed=p.allowed, why=p.why)
    if problems:
        raise InputError.many(problems)
    return out


def show_input_errors(shell: Any = None) -> bool:
    """Make every ``InputError`` raised in a cell of this kernel show as its Vietnamese message only (a red box,
    no traceback); the cell still fails, so «Run All», papermill and Voilà stop there. Returns whether a kernel
    was found (outside IPython there is nothing to do)."""
    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    if shell is None:
        return False

    def _handler(_shell, etype, value, tb, tb_offset=None):  # IPython's custom-exception signature
        from IPython.display import HTML, display

        from ..widgets._panel import error_html  # the panels' own error box: the same words in cells and panels

        display(HTML(error_html(value)))
        return None

    shell.set_custom_exc((InputError,), _handler)
    return True


# -- each lesson's parameters: what each one means and what it may be ----------------------------------------------

_D0, _D1 = "01/01/2010", "31/12/2031"  # the years the course's calendar and cases are made for


def _ids(frame: Any, column: str) -> list[str]:
    return [str(v) for v in frame[column].tolist()]


def _common() -> dict:
    from ..rules import available_rulesets

    spec = {"seed": Number("số thứ tự của tình huống", 0, 2**31 - 1, integer=True),
            "ruleset": OneOf(available_rulesets(), "bộ quy tắc")}
    from ..datasets.shipped import SHIPPED

    spec["case"] = OneOf(list(SHIPPED) + ["generated"], "tình huống")
    return spec


def _step_codes() -> list[str]:
    from .. import timeline

    return [s.code for s in timeline.plan_inspection("co_so", "02/03/2026").steps]


def _spec_00(ns, data):
    from ..widgets import intro

    return {"rule_id": OneOf(intro.rule_ids(ns.get("ruleset", "hcm-2014")), "quy tắc làm ví dụ")}


def _spec_01(ns, data):
    from .. import timeline

    return {"level": OneOf(timeline.LEVELS, "cấp kiểm tra"), "start": Date("ngày triển khai quyết định", _D0, _D1),
            "extension_days": Number("số ngày gia hạn", 0, 20, integer=True),
            "today": Date("ngày xem xét tiến độ", _D0, _D1), "late_step": OneOf(_step_codes(), "việc bị chậm"),
            "days_late": Number("số ngày chậm", 0, 90, integer=True),
            "visit_date": Date("ngày đoàn thẩm định làm việc", _D0, _D1)}


def _spec_02(ns, data):
    chi_bo = _ids(data.organisations[data.organisations["kind"] == "chi_bo"], "org_id")
    members = data.members
    if ns.get("chi_bo_id") in chi_bo:  # the posts are members of the chosen chi bộ
        members = members[members["chi_bo_id"] == ns["chi_bo_id"]]
    ids = _ids(members, "member_id")
    return {"chi_bo_id": OneOf(chi_bo, "chi bộ"), "meeting_date": Date("ngày họp chi bộ", _D0, _D1),
            "secretary": OneOf(ids, "Bí thư chi bộ", blank=True), "deputy": OneOf(ids, "Phó Bí thư", blank=True),
            "committee": ListOf(ids, "chi ủy viên"), "leaders": ListOf(ids, "cán bộ lãnh đạo, quản lý")}


_VOTES = ("votes_xuat_sac", "votes_tot", "votes_hoan_thanh", "votes_khong_hoan_thanh")


def _spec_03(ns, data):
    ids = _ids(data.members, "member_id")
    votes = Number("số phiếu", 0, 10_000, integer=True)
    return {"member_id": OneOf(ids, "đảng viên cần giải thích"), "what_if_member": OneOf(ids, "đảng viên đổi phiếu"),
            "what_if_votes": Dict({v: votes for v in _VOTES}, "số phiếu thay đổi")}


def _spec_04(ns, data):
    from .. import schema

    results = list(schema.ORGANISATIONS.column("committee_result").allowed)
    return {"org_id": OneOf(_ids(data.organisations, "org_id"), "tổ chức"),
            "what_if_changes": Dict({"points": Number("điểm", 0, 100), "committee_result": OneOf(results, "mức của cấp ủy"),
                                     "failed_tasks": Number("số nhiệm vụ không hoàn thành", 0, 50, integer=True)},
                                    "các thay đổi")}


def _discipline_spec(ns) -> dict:
    from .. import discipline

    return {"violation_date": Date("ngày vi phạm", "01/01/1990", _D1), "decision_date": Date("ngày xem xét", _D0, _D1),
            "circumstances": ListOf(list(discipline.circumstances("dang_vien")), "tình tiết")}


def _spec_05(ns, data):
    from .. import timeline

    return {**_discipline_spec(ns), "sync_event": OneOf(timeline.SYNC_EVENTS, "sự kiện đồng bộ"),
            "sync_date": Date("ngày của sự kiện", _D0, _D1), "effects_review_date": Date("ngày xếp loại", _D0, _D1),
            "limitation_example": Date("ngày vi phạm của ví dụ thời hiệu", "01/01/1990", _D1)}


def _spec_06(ns, data):
    from .. import timeline

    return {**_discipline_spec(ns), "chi_bo_count": Number("số chi bộ", 1, 40, integer=True),
            "year": Number("năm", 2015, 2030, integer=True), "level": OneOf(timeline.LEVELS, "cấp kiểm tra"),
            "inspected_org": OneOf(_ids(data.organisations, "org_id"), "tổ chức được kiểm tra"),
            "inspection_start": Date("ngày triển khai quyết định", _D0, _D1),
            "member_id": OneOf(_ids(data.members, "member_id"), "đảng viên vi phạm"),
            "announced": Date("ngày công bố kỷ luật", _D0, _D1), "corruption": Flag("vi phạm là tham nhũng, tiêu cực")}


def _spec_07(ns, data):
    return {"term_start": Date("ngày đầu nhiệm kỳ", _D0, _D1), "term_end": Date("ngày cuối nhiệm kỳ", _D0, _D1)}


def _spec_10(ns, data):
    from ..widgets import glossary as g

    return {"entry": OneOf([k for _l, k in g.entry_options()], "mục từ"),
            "lesson": OneOf([k for _l, k in g.lesson_options()], "bài")}


def _spec_11(ns, data):
    spec = {k: v for k, v in _spec_01(ns, data).items() if k != "visit_date"}
    return {**spec, "org_id": OneOf(_ids(data.organisations[data.organisations["kind"] == "chi_bo"], "org_id"),
                                    "chi bộ được kiểm tra")}


def _spec_12(ns, data):
    from .. import timeline

    return {**_spec_07(ns, data), "sync_event": OneOf(timeline.SYNC_EVENTS, "sự kiện đồng bộ"),
            "sync_date": Date("ngày của sự kiện", _D0, _D1)}


def _spec_15(ns, data):
    return {"year": Number("năm", 2016, 2030, integer=True), "start": Date("ngày triển khai quyết định", _D0, _D1),
            "member_id": OneOf(_ids(data.members, "member_id"), "đảng viên vi phạm"),
            "form": OneOf(["khien_trach", "canh_cao"], "hình thức kỷ luật"),
            "announced": Date("ngày công bố kỷ luật", _D0, _D1), "meeting": Date("ngày họp kiểm điểm", _D0, _D1),
            "corruption": Flag("vi phạm là tham nhũng, tiêu cực")}


def _windows(ns, year=None):
    from ..widgets import cases

    return [k for _l, k in cases.window_options(year, ruleset=ns.get("ruleset", "hcm-2014"))]


def _spec_13(ns, data):
    year = ns.get("year") if isinstance(ns.get("year"), int) else 2012
    return {"year": Number("năm của đợt kiểm điểm", 2010, 2031, integer=True),
            "meeting_date": Date("ngày họp chi bộ", _D0, _D1), "window": OneOf(_windows(ns, year), "đợt")}


def _spec_14(ns, data):
    chi_bo = _ids(data.organisations[data.organisations["kind"] == "chi_bo"], "org_id")
    day = Date("ngày họp dự kiến", _D0, _D1)
    return {"window": OneOf(_windows(ns), "đợt"), "planned_date": day,
            "meetings": Dict({c: day for c in chi_bo}, "ngày họp dự kiến của các chi bộ")}


#: lesson number -> spec(values, data) for the parameters that lesson has beside seed/case/ruleset.
def _spec_08(ns, data):
    # Lesson 08 (H14) needs the columns of both rule sets: a generated case (generate(..., qd366=True)).
    ids = _ids(data.members, "member_id")
    return {"case": OneOf(["generated"], "tình huống (bài 08 dùng dữ liệu sinh có cột của cả hai bộ quy tắc)"),
            "ruleset": OneOf(["qd366-2025"], "bộ quy tắc của bài"),
            "member_id": OneOf(ids, "đảng viên cần giải thích"), "panel_member": OneOf(ids, "đảng viên của bảng thử")}


LESSON_SPECS: dict[str, Any] = {"00": _spec_00, "01": _spec_01, "02": _spec_02, "03": _spec_03, "04": _spec_04,
                                "05": _spec_05, "06": _spec_06, "07": _spec_07, "08": _spec_08, "10": _spec_10,
                                "11": _spec_11, "12": _spec_12, "13": _spec_13, "14": _spec_14,
                                "15": _spec_15}


def lesson_parameters(number: str, values: Mapping[str, Any], data: Any = None) -> dict:
    """Check a lesson's parameters (``values``: the notebook's ``globals()``) against what the lesson allows;
    ``data``: the lesson's case, for the member and organisation ids. Raises one ``InputError`` for all bad ones."""
    if number not in LESSON_SPECS:
        raise InputError("bài", number, allowed=sorted(LESSON_SPECS))
    # The common ones first: a bad rule set or case makes the lesson's own lists meaningless.
    check(values, **{k: v for k, v in _common().items() if k in values})
    kinds = LESSON_SPECS[number](values, data)
    return check(values, **{k: v for k, v in kinds.items() if k in values})
