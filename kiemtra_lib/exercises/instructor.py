"""The instructor's page (``apps/giang_vien.ipynb``, Voilà, Vietnamese): roster → build → hand out / release →
who has submitted → grade → reports and charts, with no terminal.

Every step calls the exercises' public functions (``read_roster``, ``load_specs``, ``build_class``,
``release_results``, ``grade_directory``, the gradebook and its reports); the panel only wires widgets to them, so it
is tested in Python by setting ``.value`` and calling ``.click()``. Every message is Vietnamese; an ``InputError``
is shown as it is, anything else as one Vietnamese line naming the step (never a traceback in the page). Every
string from data is escaped before it becomes HTML.
"""

from __future__ import annotations

import base64
import html
import os
from pathlib import Path
from typing import Any, Callable

import ipywidgets as w

from ..errors import InputError

__all__ = ["InstructorPanel", "default_specs_dir", "default_class_dir"]

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_ERR = '<p class="kt-loi" style="color:#b71c1c">{}</p>'
_OK = '<p class="kt-xong" style="color:#1b5e20">{}</p>'


def default_specs_dir() -> Path:
    """``KIEMTRA_EXERCISES``, else the course's ``exercises/`` folder beside the package."""
    env = os.environ.get("KIEMTRA_EXERCISES")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "exercises"


def default_class_dir() -> Path:
    """``KIEMTRA_CLASS_DIR``, else ``~/lop_hoc`` (on the class server: the instructor's home)."""
    return Path(os.environ.get("KIEMTRA_CLASS_DIR") or Path.home() / "lop_hoc")


def _table(df, max_rows: int = 60) -> str:
    """A DataFrame as an escaped HTML table (names from a roster are data, never markup)."""
    shown = df.head(max_rows)
    out = shown.to_html(index=False, escape=True, border=0, classes="kt-bang", na_rep="")
    if len(df) > max_rows:
        out += f"<p><i>… và {len(df) - max_rows} dòng nữa (xem tệp Excel).</i></p>"
    return out


def _download(path: Path, label: str, mime: str) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return (f'<a class="kt-download" download="{html.escape(path.name)}" href="data:{mime};base64,{data}">'
            f'{html.escape(label)}</a>')


class InstructorPanel:
    """``panel.widget`` is what the page shows; ``panel.<step>_button.click()`` runs a step."""

    def __init__(self, class_dir: str | os.PathLike | None = None, specs_dir: str | os.PathLike | None = None):
        wide = w.Layout(width="48em")
        style = {"description_width": "12em"}
        self.class_dir = w.Text(value=str(class_dir or default_class_dir()), description="Thư mục lớp",
                                layout=wide, style=style)
        self.specs_dir = w.Text(value=str(specs_dir or default_specs_dir()), description="Thư mục đặc tả",
                                layout=wide, style=style)
        # 1. roster
        self.roster_upload = w.FileUpload(accept=".csv,.xlsx", multiple=False, description="Chọn danh sách lớp")
        self.roster_button = w.Button(description="Đọc danh sách", icon="users", button_style="info")
        self.roster_out = w.HTML("<p>Chưa có danh sách lớp.</p>")
        # 2. build
        self.specs = w.SelectMultiple(options=[], rows=8, description="Bài tập", layout=w.Layout(width="60em"),
                                      style=style)
        self.mode = w.Dropdown(options=[("Luyện tập (có «Kiểm tra», gợi ý)", "practice"),
                                        ("Kiểm tra (không có phản hồi đến khi công bố)", "exam")],
                               value="practice", description="Chế độ", style=style, layout=wide)
        self.class_seed = w.BoundedIntText(value=2026, min=0, max=10 ** 9, description="Hạt giống của lớp",
                                           style=style)
        self.build_button = w.Button(description="Tạo bài", icon="cogs", button_style="primary")
        self.build_out = w.HTML("")
        # 3. hand out / release
        self.submissions_dir = w.Text(value="", placeholder="mặc định: <thư mục lớp>/hoc_vien",
                                      description="Thư mục bài nộp", layout=wide, style=style)
        self.release_button = w.Button(description="Công bố kết quả", icon="bullhorn", button_style="warning",
                                       tooltip="Sau giờ đóng bài kiểm tra: học viên xem kết quả bằng «Xem kết quả»")
        self.release_out = w.HTML("")
        # 4. who has submitted
        self.status_button = w.Button(description="Xem ai đã nộp", icon="list", button_style="info")
        self.status_out = w.HTML("")
        # 5-6. grade, reports
        self.grade_button = w.Button(description="Chấm bài", icon="check", button_style="success")
        self.grade_out = w.HTML("")
        self.chart = w.Image(format="png", layout=w.Layout(max_width="60em", display="none"))
        self.reports_out = w.HTML("")

        self.roster_button.on_click(self._guard("Đọc danh sách", self._on_roster))
        self.roster_upload.observe(lambda _c: self._guard("Đọc danh sách", self._on_roster)(None), "value")
        self.build_button.on_click(self._guard("Tạo bài", self._on_build))
        self.release_button.on_click(self._guard("Công bố kết quả", self._on_release))
        self.status_button.on_click(self._guard("Xem ai đã nộp", self._on_status))
        self.grade_button.on_click(self._guard("Chấm bài", self._on_grade))
        self.specs_dir.observe(lambda _c: self._guard("Đọc đặc tả", self._list_specs)(None), "value")
        self._trainees = None
        self._list_specs()

        def step(title: str, *children) -> w.VBox:
            return w.VBox([w.HTML(f"<h3>{html.escape(title)}</h3>"), *children])

        self.widget = w.VBox([
            w.HTML("<style>.kt-bang td, .kt-bang th {border-bottom: 1px solid #ddd; padding: 2px 8px}</style>"),
            w.VBox([self.class_dir, self.specs_dir]),
            step("1. Danh sách lớp", w.HTML("<p>Tệp Excel hoặc CSV, cột «Mã học viên», «Họ và tên» (có thể thêm "
                                            "«Đơn vị», «Email»).</p>"), w.HBox([self.roster_upload,
                                                                              self.roster_button]),
                 self.roster_out),
            step("2. Tạo bài", self.specs, self.mode, self.class_seed, self.build_button, self.build_out),
            step("3. Phát bài, công bố kết quả",
                 w.HTML("<p>Máy chủ lớp học phát thư mục <code>hoc_vien/&lt;mã học viên&gt;</code> cho từng học "
                        "viên và thu bài về thư mục bài nộp. Sau giờ đóng bài kiểm tra, bấm «Công bố kết quả».</p>"),
                 self.submissions_dir, self.release_button, self.release_out),
            step("4. Ai đã nộp", self.status_button, self.status_out),
            step("5. Chấm bài và báo cáo", self.grade_button, self.grade_out, self.chart, self.reports_out),
        ])

    # -- paths -------------------------------------------------------------------------------------------------

    @property
    def out_dir(self) -> Path:
        text = self.class_dir.value.strip()
        if not text:
            raise InputError("thư mục lớp", text, why="cần ghi thư mục của lớp")
        return Path(text).expanduser()

    @property
    def key_path(self) -> Path:
        from .build import KEY_DIR, KEY_FILE

        path = self.out_dir / KEY_DIR / KEY_FILE
        if not path.is_file():
            raise InputError("tệp đáp án", str(path), why="chưa tạo bài cho lớp này (bước 2)")
        return path

    @property
    def sub_dir(self) -> Path:
        from .build import TRAINEE_DIR

        text = self.submissions_dir.value.strip()
        return Path(text).expanduser() if text else self.out_dir / TRAINEE_DIR

    # -- steps -------------------------------------------------------------------------------------------------

    def _guard(self, step: str, fn: Callable[[Any], None]) -> Callable[[Any], None]:
        outputs = {"Đọc danh sách": "roster_out", "Tạo bài": "build_out", "Công bố kết quả": "release_out",
                   "Xem ai đã nộp": "status_out", "Chấm bài": "grade_out", "Đọc đặc tả": "build_out"}

        def run(_button=None) -> None:
            out = getattr(self, outputs[step])
            try:
                fn(_button)
            except InputError as exc:
                out.value = _ERR.format(html.escape(str(exc)))
            except OSError as exc:
                out.value = _ERR.format(html.escape(f"{step}: không đọc hoặc ghi được tệp "
                                                    f"{getattr(exc, 'filename', '') or ''} ({exc.strerror or exc})."))
            except Exception as exc:  # one Vietnamese line in the page; the traceback would help nobody here
                out.value = _ERR.format(html.escape(f"{step}: lỗi không mong đợi ({type(exc).__name__}). Hãy báo "
                                                    "người phụ trách kỹ thuật."))
        return run

    def _list_specs(self, _button=None) -> None:
        from .spec import load_specs

        folder = Path(self.specs_dir.value.strip() or ".")
        specs = load_specs([folder]) if folder.is_dir() else []
        self._spec_paths = {s.id: s.path for s in specs}
        self.specs.options = [(f"{s.id} — {s.title}", s.id) for s in specs]

    def _on_roster(self, _button=None) -> None:
        from ._util import atomic_write_bytes
        from .roster import read_roster

        uploads = self.roster_upload.value
        if uploads:
            item = uploads[0] if isinstance(uploads, (list, tuple)) else next(iter(uploads.values()))
            name = Path(str(item["name"])).name or "danh_sach.csv"
            if Path(name).suffix.lower() not in (".csv", ".xlsx"):
                raise InputError("tệp danh sách lớp", name, allowed=[".csv", ".xlsx"])
            atomic_write_bytes(self.out_dir / "danh_sach" / name, bytes(item["content"]))
            self._roster_path = self.out_dir / "danh_sach" / name
        path = getattr(self, "_roster_path", None)
        if path is None:
            raise InputError("danh sách lớp", "(chưa chọn)", why="hãy chọn tệp danh sách lớp")
        trainees = read_roster(path)
        self._trainees = trainees
        import pandas as pd

        df = pd.DataFrame([{"Mã học viên": t.trainee_id, "Họ và tên": t.ho_ten, "Đơn vị": t.don_vi}
                           for t in trainees])
        units = sorted({t.don_vi for t in trainees if t.don_vi})
        self.roster_out.value = (_OK.format(html.escape(f"Đã đọc {len(trainees)} học viên từ «{path.name}»"
                                                        + (f", {len(units)} đơn vị." if units else ".")))
                                 + _table(df, 15))

    def _on_build(self, _button=None) -> None:
        from .build import build_class
        from .spec import load_specs

        if not self._trainees:
            raise InputError("danh sách lớp", "(chưa đọc)", why="hãy đọc danh sách lớp trước (bước 1)")
        if not self.specs.value:
            raise InputError("bài tập", "(chưa chọn)", why="hãy chọn ít nhất một bài tập")
        specs = load_specs([self._spec_paths[i] for i in self.specs.value])
        result = build_class(specs, self._trainees, self.out_dir, class_seed=int(self.class_seed.value),
                             mode=self.mode.value)
        windows = [f"{s.id}: đóng lúc {s.closes:%H:%M %d/%m/%Y}" for s in specs if s.closes is not None]
        self.build_out.value = _OK.format(html.escape(result.summary())) + (
            "<p>" + html.escape("; ".join(windows)) + "</p>" if windows else "")

    def _on_release(self, _button=None) -> None:
        from .release import release_results

        run = release_results(self.sub_dir, self.key_path)
        self.release_out.value = "".join(
            (_OK if i == 0 else "<p>{}</p>").format(html.escape(line))
            for i, line in enumerate(run.summary().splitlines()))

    def submission_status(self):
        """Who has submitted what (a DataFrame: one row per trainee, one column per exercise, «đã nộp» or «chưa
        nộp»), from the files in the submissions folder — before any grading."""
        import pandas as pd

        from .build import read_key
        from .collection import exercise_of_name, find_submissions

        key = read_key(self.key_path)
        found: set[tuple[str, str]] = set()
        root = self.sub_dir
        if not root.is_dir():
            raise InputError("thư mục bài nộp", str(root), why="không tìm thấy thư mục")
        for path in find_submissions(root):
            eid = exercise_of_name(path.name)
            folders = [p for p in path.relative_to(root).parts[:-1] if p in key["trainees"]]
            if eid and folders:
                found.add((folders[-1], eid))
        rows = []
        for tid, info in key["trainees"].items():
            row = {"Mã học viên": tid, "Họ và tên": info.get("ho_ten", "")}
            for eid in key["exercises"]:
                row[eid] = "đã nộp" if (tid, eid) in found else "chưa nộp"
            rows.append(row)
        return pd.DataFrame(rows)

    def _on_status(self, _button=None) -> None:
        df = self.submission_status()
        cells = df.drop(columns=["Mã học viên", "Họ và tên"])
        done = int((cells == "đã nộp").sum().sum())
        self.status_out.value = (_OK.format(html.escape(f"{done}/{cells.size} bài đã nộp ({len(df)} học viên, "
                                                        f"{cells.shape[1]} bài).")) + _table(df))

    def _on_grade(self, _button=None) -> None:
        from .grading import grade_directory

        key = self.key_path
        run = grade_directory(self.sub_dir, key, report_dir=key.parent / "bao_cao")
        lines = run.summary().splitlines()
        self.grade_out.value = _OK.format(html.escape(lines[0])) + "".join(
            f"<p>{html.escape(line)}</p>" for line in lines[1:])
        self._show_reports(run.reports)

    def _show_reports(self, reports) -> None:
        import pandas as pd

        parts = []
        table = reports.get("per_trainee")
        if table is not None and Path(table).is_file():
            df = pd.read_csv(table, encoding="utf-8-sig", dtype=str, keep_default_na=False)
            parts.append("<h4>Điểm theo học viên</h4>" + _table(df))
        missing = reports.get("missing")
        if missing is not None and Path(missing).is_file():
            df = pd.read_csv(missing, encoding="utf-8-sig", dtype=str, keep_default_na=False)
            if len(df):
                parts.append("<h4>Chưa nộp</h4>" + _table(df))
        links = [_download(Path(p), label, mime) for name, label, mime in
                 (("excel", "Tải báo cáo Excel", _XLSX), ("chart", "Tải biểu đồ", "image/png"),
                  ("item_chart", "Tải biểu đồ phân tích câu hỏi", "image/png"))
                 if (p := reports.get(name)) is not None and Path(p).is_file()]
        if links:
            parts.append("<p>" + " · ".join(links) + "</p>")
        chart = reports.get("chart")
        if chart is not None and Path(chart).is_file():
            self.chart.value = Path(chart).read_bytes()
            self.chart.layout.display = ""
        self.reports_out.value = "".join(parts)
