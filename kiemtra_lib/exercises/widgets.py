"""The answer form of a trainee's notebook: one widget per question, "Kiểm tra" (practice mode) and "Nộp bài".

All the logic is here, so it is tested in Python by setting ``.value`` and calling ``.click()``; the notebook cell
is one line (``bai.form()``). Callback errors are written into the form in Vietnamese, never lost in a log.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from ..errors import InputError
from .checking import Feedback

__all__ = ["ExerciseForm"]

_PLACEHOLDERS = {"date": "dd/mm/yyyy", "days": "số ngày", "number": "một số", "rules": "ví dụ: R-M3, R-M9"}
_NONE = "— chọn —"


def _input_for(q: dict) -> w.Widget:
    kind = q["kind"]
    layout = w.Layout(width="32em")
    if kind in ("level", "form", "choice"):
        options = [(_NONE, None)] + [(str(label), value) for value, label in q.get("options", [])]
        return w.Dropdown(options=options, value=None, layout=layout)
    if kind == "rules" and q.get("options"):
        # (label, value): the trainee chooses a clause of the document by its words; the value is the rule id
        return w.SelectMultiple(options=[(str(label), value) for value, label in q["options"]], value=(),
                                rows=min(10, len(q["options"])), layout=w.Layout(width="60em"))
    if kind == "rules" and q.get("choices"):
        return w.SelectMultiple(options=list(q["choices"]), value=(), rows=min(8, len(q["choices"])),
                                layout=layout)
    if kind == "text":
        return w.Textarea(placeholder="Lời giải thích của học viên", layout=w.Layout(width="48em", height="7em"))
    return w.Text(placeholder=_PLACEHOLDERS.get(kind, ""), layout=layout)


class ExerciseForm(w.VBox):
    """``form.inputs[qid].value = ...``; ``form.check_button.click()``; ``form.submit_button.click()``."""

    def __init__(self, session):
        self.session = session
        self.inputs: dict[str, w.Widget] = {}
        self.feedback: dict[str, w.HTML] = {}
        self.last_feedback: dict[str, Feedback] = {}
        rows: list[w.Widget] = []
        for i, q in enumerate(session.questions, start=1):
            pts = f"{q['points']:g} điểm" + (" — giảng viên chấm" if q["kind"] == "text" else "")
            if q["kind"] == "rules" and q.get("options"):
                pts += "; chọn nhiều, chấm từng lựa chọn" if q.get("scoring") == "per_option" else "; chọn nhiều"
            label = w.HTML(f"<b>Câu {i}.</b> {html.escape(q['prompt'])} <i>({pts})</i>")
            self.inputs[q["id"]] = _input_for(q)
            self.feedback[q["id"]] = w.HTML("")
            parts = [label, self.inputs[q["id"]], self.feedback[q["id"]]]
            if q["kind"] == "rules" and q.get("options"):  # the list cuts long words: the whole clause, once
                items = "".join(f"<li>{html.escape(str(text))}</li>" for _v, text in q["options"])
                parts.insert(1, w.HTML(f"<details><summary>Lời văn đầy đủ của các lựa chọn</summary><ul>{items}"
                                       "</ul></details>"))
            rows.append(w.VBox(parts))
        self.check_button = w.Button(description="Kiểm tra", icon="check", button_style="info",
                                     tooltip="Thư viện tính lại đáp án từ tình huống và cho biết đúng hay sai")
        self.submit_button = w.Button(description="Nộp bài", icon="upload", button_style="success",
                                      tooltip="Lưu câu trả lời vào tệp cạnh sổ tay")
        self.results_button = w.Button(description="Xem kết quả", icon="eye",
                                       tooltip="Kết quả và lời giải, sau khi giảng viên công bố")
        self.status = w.HTML("")
        self.check_button.on_click(self._on_check)
        self.submit_button.on_click(self._on_submit)
        self.results_button.on_click(self._on_results)
        buttons = [self.submit_button]
        if session.mode == "practice":
            buttons.insert(0, self.check_button)
        else:
            buttons.append(self.results_button)
            rows.append(w.HTML("<i>Chế độ kiểm tra: không có phản hồi trước khi nộp bài; kết quả hiện ở nút «Xem "
                               "kết quả» sau khi giảng viên công bố.</i>"))
        super().__init__(rows + [w.HBox(buttons), self.status])

    def answers(self) -> dict[str, Any]:
        out = {}
        for qid, widget in self.inputs.items():
            value = widget.value
            out[qid] = list(value) if isinstance(value, tuple) else value
        return out

    def _on_check(self, _button=None) -> None:
        if self.session.mode != "practice":
            self.status.value = "Chế độ kiểm tra không có phản hồi."
            return
        try:
            right = 0
            auto = 0
            for qid, value in self.answers().items():
                fb = self.session.check(qid, value)
                self.last_feedback[qid] = fb
                colour = {True: "#1b5e20", False: "#b71c1c", None: "#37474f"}[fb.correct]
                self.feedback[qid].value = f'<span style="color:{colour}">{html.escape(fb.message)}</span>'
                if fb.correct is not None:
                    auto += 1
                    right += bool(fb.correct)
            self.status.value = f"Đúng {right}/{auto} câu chấm tự động (đã kiểm tra mọi câu có đáp án)."
        except InputError as exc:
            self.status.value = f'<span style="color:#b71c1c">{html.escape(str(exc))}</span>'
        except Exception as exc:  # shown, never swallowed: a callback error is invisible otherwise
            self.status.value = (f'<span style="color:#b71c1c">Lỗi khi kiểm tra ({html.escape(type(exc).__name__)}); '
                                 'hãy báo giảng viên.</span>')

    def _on_results(self, _button=None) -> None:
        try:
            data = self.session.results()
        except InputError as exc:
            self.status.value = f'<span style="color:#b71c1c">{html.escape(str(exc))}</span>'
            return
        if data is None:
            self.status.value = "Giảng viên chưa công bố kết quả bài này."
            return
        for item in data.get("feedback", []):
            qid = item.get("question_id")
            if qid in self.feedback:
                colour = {True: "#1b5e20", False: "#b71c1c", None: "#37474f"}[item.get("correct")]
                self.feedback[qid].value = (f'<span style="color:{colour}">'
                                            f'{html.escape(str(item.get("message", "")))}</span>')
        self.status.value = html.escape(str(data.get("summary", "")))

    def _on_submit(self, _button=None) -> None:
        try:
            path = self.session.submit(self.answers())
            self.status.value = f"Đã nộp bài: lưu vào tệp <code>{html.escape(path.name)}</code> cạnh sổ tay."
        except InputError as exc:
            self.status.value = f'<span style="color:#b71c1c">{html.escape(str(exc))}</span>'
        except OSError as exc:
            self.status.value = (f'<span style="color:#b71c1c">Không lưu được bài nộp: '
                                 f'{html.escape(str(exc))}</span>')
