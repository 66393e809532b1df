"""The verification page (Voilà): the team uploads the dossier workbook, chooses the rule set and the review date,
presses «Thẩm định», reads the report and downloads it (xlsx, HTML to print).

All the work is the library's (``verify``, ``report_html``, ``report_xlsx``); the panel only wires widgets to it and
shows a bad workbook's Vietnamese message (sheet, row, column) instead of a traceback. ``load()`` and ``run()`` are
what the upload and the button call, so the panel is tested in Python without a browser (``last_html``).
"""

from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..errors import InputError

__all__ = ["VerificationPanel"]

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class VerificationPanel:
    """``VerificationPanel().widget`` is the page's whole interface."""

    def __init__(self, *, ruleset: str | None = None, review_date: str = ""):
        from ._sheets import supported_rulesets

        self.upload = w.FileUpload(accept=".xlsx", multiple=False, description="Chọn tệp hồ sơ (.xlsx)",
                                   layout=w.Layout(width="260px"))
        # "as the template says": the workbook's hidden marker names its rule set (a wrong choice is refused)
        choices = [("Theo mẫu của tệp", None)] + [(name, name) for name in supported_rulesets()]
        self.ruleset = w.Dropdown(options=choices, value=ruleset, description="Bộ quy tắc",
                                  style={"description_width": "190px"}, layout=w.Layout(width="420px"))
        self.review_date = w.Text(value=review_date, placeholder="dd/mm/yyyy",
                                  description="Ngày đánh giá, xếp loại", style={"description_width": "190px"},
                                  layout=w.Layout(width="420px"))
        self.run_button = w.Button(description="Thẩm định", button_style="primary", icon="check")
        self.status = w.HTML("<p>Chưa có tệp hồ sơ.</p>")
        self.result = w.HTML("")
        self.downloads = w.HTML("")
        self.widget = w.VBox([self.upload, self.ruleset, self.review_date, self.run_button, self.status,
                              self.downloads, self.result], layout=w.Layout(width="100%"))
        self._name: str | None = None
        self._data: bytes | None = None
        self.verification = None
        self.last_html = ""
        self.upload.observe(self._on_upload, names="value")
        self.run_button.on_click(lambda _: self.run())

    def _on_upload(self, change) -> None:
        files = change["new"]
        if files:
            f = files[0]
            self.load(f["name"], bytes(f["content"]))

    def load(self, name: str, data: bytes) -> None:
        """A workbook chosen (by the upload, or a test)."""
        self._name, self._data = Path(name).name, bytes(data)
        self.verification = None
        self.downloads.value = ""
        self.result.value = ""
        self.status.value = (f"<p>Đã nhận tệp <b>{html.escape(self._name)}</b> ({len(self._data):,} byte)."
                             .replace(",", ".") + " Ghi ngày đánh giá rồi bấm «Thẩm định».</p>")

    def run(self) -> str:
        """Check the workbook; show the report, or the Vietnamese message of what is wrong with it."""
        from .check import verify
        from .report import report_html, report_xlsx

        if self._data is None:
            return self._show_error("Chưa chọn tệp hồ sơ: bấm «Chọn tệp hồ sơ (.xlsx)».")
        try:
            v = verify(self._data, review_date=self.review_date.value.strip() or None, ruleset=self.ruleset.value,
                       name=self._name)
        except InputError as err:
            return self._show_error(str(err))
        self.verification = v
        stem = Path(self._name).stem + ".tham_dinh"
        xlsx = base64.b64encode(report_xlsx(v)).decode("ascii")
        page = base64.b64encode(report_html(v).encode("utf-8")).decode("ascii")
        self.downloads.value = (
            f'<p><a class="kt-download" download="{html.escape(stem)}.xlsx" href="data:{_XLSX};base64,{xlsx}">'
            f"Tải báo cáo Excel ({html.escape(stem)}.xlsx)</a> · "
            f'<a class="kt-download" download="{html.escape(stem)}.html" href="data:text/html;base64,{page}">'
            f"Tải báo cáo để in ({html.escape(stem)}.html)</a></p>")
        self.status.value = f"<p><b>{html.escape(v.verdict())}</b></p>"
        self.result.value = report_html(v, standalone=False)
        self.last_html = self.status.value + self.result.value
        return self.last_html

    def _show_error(self, message: Any) -> str:
        lines = "<br>".join(html.escape(line) for line in str(message).split("\n"))
        self.status.value = (f'<div class="kt-error" style="color:#a00;border:1px solid #a00;padding:6px">'
                             f"<b>Không thẩm định được tệp này.</b><br>{lines}</div>")
        self.result.value = ""
        self.downloads.value = ""
        self.last_html = self.status.value
        return self.last_html
