"""Execute the course notebooks and store their outputs (``kiemtra course build``).

    kiemtra course build                          # execute every lesson's notebook in place (what is committed)
    kiemtra course build 02_kiem_diem             # only some lessons (name without .ipynb, or the number "02")
    kiemtra course build --from-source 02_kiem_diem
                                                  # rebuild the notebook from scripts/course_src/ first
    kiemtra course build --out-dir build/course --html
                                                  # `make course`: executed copies + HTML for handouts
    kiemtra course build --out-dir build/course --html --pdf
                                                  # ... and one PDF handout per lesson (Chromium's print to PDF)

Every notebook runs in the project's ``kiemtra`` kernel (``make`` installs it; falls back to ``python3``), from the
``notebooks/`` folder, with a per-cell timeout, and widget state stored so the HTML shows the panels' first state.
The time each notebook takes is printed (the course asks for < 15 s each on the 2-core machine).

The course sources in ``scripts/course_src/*.txt`` are plain text, one cell after each marker line:
``#%% md``, ``#%% code``, or ``#%% code tags=parameters,nbval-ignore-output``.

Code cells are collapsed in JupyterLab (``metadata.jupyter.source_hidden``): a lesson reads as prose there too. A
code cell whose first line is ``# nbval-ignore-output: <why>`` keeps the tag and gets the reason in its metadata
(``metadata.kiemtra.nbval_ignore_output``), not in the code a trainee could open.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

from .lessons import LESSONS, NOTEBOOKS, SOURCES, lesson

__all__ = ["parse_source", "execute", "to_html", "to_pdf", "kernel_name", "main", "KERNEL", "CELL_TIMEOUT",
           "NBVAL_REASON", "CHROMIUM"]

KERNEL = "kiemtra"
CELL_TIMEOUT = 120
NBVAL_REASON = "# nbval-ignore-output:"
CHROMIUM = "/usr/bin/chromium"  # Debian's, with Vietnamese fonts (scripts/ensure_chromium.sh installs both)


def kernel_name() -> str:
    specs = KernelSpecManager().find_kernel_specs()
    return KERNEL if KERNEL in specs else "python3"


def parse_source(text: str) -> nbformat.NotebookNode:
    """A notebook from the course source format (see the module docstring)."""
    nb = nbformat.v4.new_notebook()
    kind, tags, lines = None, [], []

    def flush() -> None:
        if kind is None:
            return
        body = "\n".join(lines).strip("\n")
        reason = None
        if kind == "code" and body.startswith(NBVAL_REASON):
            first, _, body = body.partition("\n")
            reason = first[len(NBVAL_REASON):].strip()
        cell = nbformat.v4.new_markdown_cell(body) if kind == "md" else nbformat.v4.new_code_cell(body)
        if tags:
            cell.metadata["tags"] = list(tags)
        if kind == "code":
            cell.metadata["jupyter"] = {"source_hidden": True}
        if reason:
            cell.metadata["kiemtra"] = {"nbval_ignore_output": reason}
        nb.cells.append(cell)

    for line in text.splitlines():
        if line.startswith("#%% "):
            flush()
            head = line[4:].split()
            kind, tags, lines = head[0], [], []
            if kind not in ("md", "code"):
                raise SystemExit(f"unknown cell kind {kind!r} in line {line!r}")
            for part in head[1:]:
                if part.startswith("tags="):
                    tags = [t for t in part[5:].split(",") if t]
        else:
            lines.append(line)
    flush()
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3 (kiemtra)", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for i, cell in enumerate(nb.cells):  # stable ids keep diffs of re-executed notebooks small
        cell["id"] = f"cell-{i:02d}"
    return nb


def execute(nb: nbformat.NotebookNode, *, kernel: str) -> float:
    start = time.perf_counter()
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name=kernel, store_widget_state=True,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    return time.perf_counter() - start


WIDGET_NOTE = ("<p><i>Phần tương tác: mở bài này trong ứng dụng của khóa học (hoặc JupyterLab) để chọn, kéo, bấm "
               "và xem kết quả được tính lại.</i></p>")


def _handout(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy for paper: a panel or a quiz (a widget, drawn by JavaScript the page cannot load offline) becomes a
    sentence saying where to use it."""
    import copy

    out = copy.deepcopy(nb)
    for cell in out.cells:
        if cell.cell_type == "code" and any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                                            for o in cell.get("outputs", [])):
            cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": WIDGET_NOTE})]
    return out


def to_html(nb: nbformat.NotebookNode, path: Path) -> None:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(_handout(nb))
    path.write_text(body, encoding="utf-8")


def to_pdf(html_path: Path, pdf_path: Path, *, chromium: str = CHROMIUM, timeout: float = 120) -> None:
    """A handout: the lesson's HTML printed to PDF by headless Chromium (its fonts carry the Vietnamese letters)."""
    exe = chromium if Path(chromium).exists() else shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        raise FileNotFoundError(chromium)
    with tempfile.TemporaryDirectory() as profile:  # a profile of its own: a running Chromium is not disturbed
        subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
                        "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri()],
                       check=True, capture_output=True, timeout=timeout)
    if not pdf_path.exists() or pdf_path.stat().st_size == 0:
        raise RuntimeError(f"Chromium không tạo được {pdf_path}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="kiemtra course build", description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", help="lesson names (without .ipynb) or numbers; default: every lesson")
    ap.add_argument("--from-source", action="store_true", help="rebuild from scripts/course_src/NAME.txt first")
    ap.add_argument("--out-dir", type=Path, help="write executed copies here instead of in place")
    ap.add_argument("--html", action="store_true", help="also write NAME.html (code hidden) next to each copy")
    ap.add_argument("--pdf", action="store_true", help="also write NAME.pdf, a handout (needs --html and Chromium)")
    args = ap.parse_args(argv)

    try:
        names = [lesson(n).name for n in args.names] if args.names else [ls.name for ls in LESSONS]
    except KeyError as exc:
        print(f"Không có bài học {exc.args[0]!r} trong kiemtra_lib/course/lessons.py", file=sys.stderr)
        return 2
    out_dir = args.out_dir or NOTEBOOKS
    out_dir.mkdir(parents=True, exist_ok=True)
    kernel = kernel_name()
    failed = 0
    for name in names:
        if args.from_source:
            nb = parse_source((SOURCES / lesson(name).source).read_text(encoding="utf-8"))
        else:
            nb = nbformat.read(NOTEBOOKS / lesson(name).notebook, as_version=4)
        try:
            seconds = execute(nb, kernel=kernel)
        except Exception as exc:  # report every notebook, then fail
            print(f"{name}: LỖI {type(exc).__name__}: {str(exc)[-2000:]}", file=sys.stderr)
            failed += 1
            continue
        nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3 (kiemtra)", "language": "python"}
        nbformat.write(nb, out_dir / lesson(name).notebook)
        if args.html or args.pdf:
            to_html(nb, out_dir / f"{name}.html")
        if args.pdf:
            try:
                to_pdf(out_dir / f"{name}.html", out_dir / f"{name}.pdf")
            except (OSError, RuntimeError, subprocess.SubprocessError) as exc:
                print(f"{name}: LỖI khi in PDF: {exc}", file=sys.stderr)
                failed += 1
                continue
        print(f"{name}: {seconds:.1f} s")
    return 1 if failed else 0
