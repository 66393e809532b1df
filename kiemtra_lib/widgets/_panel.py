"""What every course panel shares: an Output area that shows the library's explanation, and Vietnamese messages
instead of tracebacks.

A panel is a small class: ``compute()`` turns the current widget values into HTML using the library only; the
wiring (``observe``, ``on_click``) calls ``refresh()``, which writes into the panel's ``Output`` widget. In Voilà a
callback's error is invisible unless it is written into an Output widget, so ``refresh`` catches it and shows a
Vietnamese message (an ``InputError`` names the field and the value). ``last_html`` keeps what was last shown, so
unit tests can set ``.value`` or ``click()`` and read the result without a browser.
"""

from __future__ import annotations

import contextlib
import html
import warnings
from typing import Any, Iterable, Iterator

import ipywidgets as w
from IPython.display import HTML, display

from ..errors import InputError
from ..vocabulary import yes_no

__all__ = ["Panel", "setup", "show", "load_case", "vn_dates", "table", "Table", "figure_html", "lines_html", "message_html", "error_html", "table_html", "reasons_html", "esc"]

esc = html.escape


def setup() -> None:
    """The notebooks' setup: no library warnings in the pages, Vietnamese-capable chart font, fixed figure size."""
    warnings.filterwarnings("ignore")
    import matplotlib as mpl
    import pandas as pd

    mpl.rcParams.update({"font.family": "DejaVu Sans", "figure.figsize": (8, 3.6), "figure.dpi": 80,
                         "axes.titlesize": 11, "axes.labelsize": 10, "svg.hashsalt": "kiemtra"})
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None and hasattr(shell, "kernel"):
        # The library's charts are bare Figures (no pyplot); the inline backend's PNG formatter shows them.
        shell.run_line_magic("matplotlib", "inline")
        # A bad parameter or value shows as its Vietnamese message only, never a traceback (issues 17, 19).
        from ..course.parameters import show_input_errors

        show_input_errors(shell)
    pd.set_option("display.max_colwidth", 120)
    pd.set_option("display.width", 160)


def load_case(case: str, seed: int, **generate_args: Any) -> Any:
    """The data of a notebook: a shipped case by name, or ``"generated"`` from ``seed`` (``generate_args`` go to
    ``kiemtra_lib.datasets.generate``)."""
    import importlib

    from .. import datasets

    if case == "generated":
        return datasets.generate(int(seed), **generate_args)
    return importlib.import_module("kiemtra_lib.datasets.load").load(case)


def vn_dates(df: Any) -> Any:
    """A copy of a table with every date column written dd/mm/yyyy (empty where there is no date), for display."""
    import pandas as pd

    from ..dates import fmt_date

    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].map(lambda d: fmt_date(d) if pd.notna(d) else "")
    return out


def vn_labels(df: Any) -> Any:
    """A copy with the shared tables' columns (``kiemtra_lib.schema``) under their Vietnamese headers, their
    categories under their Vietnamese labels and yes/no as «có»/«không»; other columns are left alone."""
    from .. import schema

    out = df.copy()
    names = {}
    # The table the frame comes from is the one sharing most columns with it ("kind" differs between tables).
    tables = sorted(schema.TABLES.values(), key=lambda t: -len({c.name for c in t.columns} & set(out.columns)))
    for col in out.columns:
        column = next((t.column(col) for t in tables if col in {c.name for c in t.columns}), None)
        if column is None:
            continue
        names[col] = column.label
        if column.kind == "bool":
            out[col] = out[col].map(lambda v: yes_no(v) if v is True or v is False or v in (0, 1) else v)
        elif column.kind == "enum" and column.allowed:
            out[col] = out[col].map(lambda v: column.allowed.get(v, v) if isinstance(v, str) else v)
    return out.rename(columns=names)


class Table:
    """A table as a reader sees it: no row numbers, text aligned left, dates dd/mm/yyyy, the shared tables' columns
    and categories in Vietnamese (plain text for a console, HTML for JupyterLab and Voilà)."""

    def __init__(self, df: Any) -> None:
        self.df = vn_labels(vn_dates(df)).reset_index(drop=True).astype(object)
        self.df = self.df.where(self.df.notna(), "")
        # Numbers as a Vietnamese reader writes them: the decimal comma (86,5 điểm), no «.0» on whole numbers.
        self.df = self.df.map(lambda v: f"{v:g}".replace(".", ",") if isinstance(v, float) else v)

    def _repr_html_(self) -> str:
        body = self.df.to_html(index=False, escape=True, border=0, classes="kiemtra-table", na_rep="")
        return ('<div class="kiemtra-table-wrap"><style>.kiemtra-table td, .kiemtra-table th '
                '{text-align: left !important; vertical-align: top;}</style>' + body + "</div>")

    def __repr__(self) -> str:
        return self.df.to_string(index=False)


def table(df: Any) -> Table:
    """``Table(df)``: how the notebooks show a DataFrame to non-programmers."""
    return Table(df)


def show(html_text: str) -> HTML:
    """Library HTML as a cell's result (compared by nbval like any other output)."""
    return HTML(html_text)


def figure_html(fig: Any) -> str:
    """A matplotlib figure as an inline PNG, so a panel's chart lives in its HTML (Voilà, tests, handouts)."""
    import base64
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    alt = esc(fig.axes[0].get_title()) if fig.axes else "biểu đồ"
    return f'<img alt="{alt}" src="data:image/png;base64,{data}" style="max-width:100%">'


def lines_html(lines: Iterable[str]) -> str:
    return "".join(f"<div>{esc(str(line))}</div>" for line in lines)


def message_html(text: str, kind: str = "info") -> str:
    colours = {"info": "#1f5f99", "ok": "#1b7a35", "warn": "#a15c00", "error": "#b00020"}
    body = "<br>".join(esc(line) for line in str(text).splitlines())
    return f'<div style="border-left:4px solid {colours[kind]};padding:4px 10px;margin:4px 0">{body}</div>'


def error_html(exc: BaseException) -> str:
    if isinstance(exc, InputError):
        return message_html("Dữ liệu chưa hợp lệ — " + str(exc), "error")
    return message_html(f"Không tính được kết quả với các lựa chọn này ({type(exc).__name__}: {exc}). "
                        "Hãy đổi lựa chọn hoặc báo giảng viên.", "error")


def table_html(df: Any) -> str:
    return Table(df)._repr_html_()


def reasons_html(reasons: Iterable[Any]) -> str:
    items = "".join(f"<li>{esc(str(r))}</li>" for r in reasons)
    return f"<ul>{items}</ul>" if items else ""


class Panel:
    """Base of the course panels: subclasses build ``self.controls`` and implement ``compute() -> str``."""

    title = ""

    def __init__(self) -> None:
        self.out = w.Output()
        self.last_html = ""
        self.last_error: BaseException | None = None
        self._loading = False

    # -- wiring -----------------------------------------------------------------------------------------------
    def _watch(self, *controls: w.Widget) -> None:
        for c in controls:
            if isinstance(c, w.Button):
                c.on_click(self.refresh)
            else:
                c.observe(self.refresh, names="value")

    @contextlib.contextmanager
    def loading(self) -> Iterator[None]:
        """Set several inputs at once (e.g. a chosen member's own values) and recompute once, at the end."""
        self._loading = True
        try:
            yield
        finally:
            self._loading = False
        self.refresh()

    def refresh(self, *_: Any) -> str:
        if self._loading:
            return self.last_html
        try:
            text = self.compute()
            self.last_error = None
        except Exception as exc:  # a callback's error would be invisible in Voilà: show it in Vietnamese
            self.last_error = exc
            text = error_html(exc)
        self.last_html = text
        self.out.clear_output(wait=True)
        with self.out:
            display(HTML(text))
        return text

    def compute(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- display ----------------------------------------------------------------------------------------------
    @property
    def widget(self) -> w.Widget:
        if getattr(self, "_box", None) is None:
            head = [w.HTML(f"<h4>{esc(self.title)}</h4>")] if self.title else []
            self._box = w.VBox(head + list(self.controls) + [self.out])
        return self._box

    def _ipython_display_(self) -> None:
        display(self.widget)
