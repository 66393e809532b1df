#!/usr/bin/env python3
"""The course: executing every notebook in the ``kiemtra`` kernel, against an empty notebook run the same way.

    python benchmarks/bench_course.py                    # every lesson (kiemtra_lib/course/lessons.py)
    python benchmarks/bench_course.py 00_gioi_thieu      # only some (name without .ipynb)

Each notebook is executed as ``make course`` does (``kiemtra_lib.course.build``: nbclient, the ``kiemtra``
kernel, from ``notebooks/``), outputs kept in memory only. The baseline is a notebook of one trivial cell executed
the same way in the same run: kernel start-up and shutdown, which every notebook pays. Printed per notebook: the
wall time, the time over the baseline, and the slowest cells (from nbclient's per-cell timestamps).
Target (issue 6 and 9): under 15 s each. The check: every code cell ran (has an execution count) without error.
"""

from __future__ import annotations

import argparse
import datetime as dt

import nbformat

from _bench import fail, machine, result

from kiemtra_lib.course.build import execute, kernel_name  # the course's own runner
from kiemtra_lib.course.lessons import LESSONS, NOTEBOOKS, lesson

TARGET_S = 15.0


def cell_seconds(cell) -> float:
    timing = cell.get("metadata", {}).get("execution", {})
    try:
        start = dt.datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))
        end = dt.datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
    except (KeyError, ValueError):
        return float("nan")
    return (end - start).total_seconds()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", help="notebook names (without .ipynb); default: all")
    args = ap.parse_args(argv)
    names = [lesson(n).name for n in args.names] if args.names else [ls.name for ls in LESSONS]
    if not names:
        fail("no notebook in notebooks/")
    kernel = kernel_name()

    empty = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    baseline = min(execute(empty, kernel=kernel) for _ in range(2))
    m = machine()
    print(f"course: executing {len(names)} notebook(s) in kernel {kernel!r} ({m['cores']} cores, Python "
          f"{m['python']}, {m['cpu']})")
    print(f"  baseline (empty notebook: kernel start + one cell), best of 2: {baseline:.2f} s")
    problems, worst = [], 0.0
    for name in names:
        nb = nbformat.read(NOTEBOOKS / lesson(name).notebook, as_version=4)
        try:
            seconds = execute(nb, kernel=kernel)
        except Exception as exc:  # report, then fail the run at the end
            problems.append(f"{name}: {type(exc).__name__}: {str(exc)[-500:]}")
            print(f"  {name}: ERROR {type(exc).__name__}")
            continue
        code = [c for c in nb.cells if c.cell_type == "code"]
        not_run = [i for i, c in enumerate(code) if c.get("execution_count") is None]
        errors = [i for i, c in enumerate(code) if any(o.get("output_type") == "error" for o in c.get("outputs", []))]
        if not_run or errors:
            problems.append(f"{name}: code cells not run {not_run}, with errors {errors}")
        slow = sorted(((cell_seconds(c), i) for i, c in enumerate(nb.cells) if c.cell_type == "code"),
                      reverse=True)[:3]
        worst = max(worst, seconds)
        flag = "met" if seconds < TARGET_S else "MISSED"
        print(f"  {name}: {seconds:5.1f} s ({seconds - baseline:+5.1f} s over the baseline, "
              f"{seconds / baseline:4.1f}x) [{flag}]; slowest cells: "
              + ", ".join(f"#{i} {s:.2f} s" for s, i in slow))
        result("course", notebook=name, seconds=round(seconds, 2), baseline_s=round(baseline, 2),
               figure=f"{name}: {seconds:.1f} s (empty notebook {baseline:.1f} s)", target=f"< {TARGET_S:.0f} s",
               met=seconds < TARGET_S, cells_ok=not (not_run or errors))
    if problems:
        fail("; ".join(problems))
    print(f"  slowest notebook: {worst:.1f} s (target < {TARGET_S:.0f} s each)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
