"""The benchmark scripts keep working: each runs at a tiny size and its correctness check holds.

Timings are never asserted here (they are figures on a shared machine, printed by ``make bench``); what is asserted
is what each script checks against its baseline: identical results, outputs actually recomputed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def run(script: str, *args: str, timeout: int = 300) -> list[dict]:
    """Run one script; it must exit 0 (its checks passed) and print at least one RESULT line."""
    proc = subprocess.run([sys.executable, str(BENCH / script), *args], cwd=BENCH.parent, text=True,
                          capture_output=True, timeout=timeout)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    found = [json.loads(line[7:]) for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    assert found, proc.stdout[-3000:]
    return found


def test_calendar_vectorised_and_scalar_agree_on_the_sample():
    (r,) = run("bench_calendar.py", "--rows", "3000", "--sample", "300", "--repeat", "1")
    assert r["identical"] is True
    assert r["rows"] == 3000 and r["sample"] == 300


def test_rating_whole_table_and_rate_member_give_identical_levels_on_the_sample():
    found = run("bench_rating.py", "--chi-bo", "12", "--dang-bo", "2", "--sample", "40")
    assert [r["ruleset"] for r in found] == ["hcm-2014", "qd366-2025"]  # both rule sets (issue 14)
    for r in found:
        assert r["identical"] is True
        assert r["sample"] == 40 and r["members"] > 40
        assert r["peak_mb"] > 0


def test_widgets_every_change_recomputes_the_panel_output():
    found = run("bench_widgets.py", "00_gioi_thieu", "--passes", "1")
    panels = [r for r in found if "RuleBrowser" in r["panel"]]
    assert panels and all(r["recomputed_every_change"] for r in found)
    assert panels[0]["changes"] > 1


def test_widgets_check_catches_a_panel_whose_output_goes_stale():
    # The check behind "recomputed_every_change": a panel that forgets to observe its input must be caught.
    import ipywidgets as w

    from kiemtra_lib.widgets import Panel

    sys.path.insert(0, str(BENCH))
    try:
        import bench_widgets
    finally:
        sys.path.remove(str(BENCH))

    class Letters(Panel):
        def __init__(self, wired: bool) -> None:
            super().__init__()
            self.choice = w.Dropdown(options=["a", "b", "c"], value="a")
            self.controls = [self.choice]
            if wired:
                self._watch(self.choice)
            self.refresh()

        def compute(self) -> str:
            return f"<p>{self.choice.value}</p>"

    times, changes, missed, errors = bench_widgets.drive(Letters(wired=False), 1, 10.0)
    assert changes == 3 and len(missed) == 3  # b, c, then back to a: nothing recomputed
    times, changes, missed, errors = bench_widgets.drive(Letters(wired=True), 1, 10.0)
    assert changes == 3 and missed == [] and errors == []


def test_course_executes_a_notebook_and_every_code_cell_runs():
    (r,) = run("bench_course.py", "00_gioi_thieu")
    assert r["notebook"] == "00_gioi_thieu" and r["cells_ok"] is True


def test_exercises_build_and_grade_a_tiny_class():
    # bench_exercises.py (the exercises engineer's) exits non-zero unless every notebook was built and graded once.
    (r,) = run("bench_exercises.py", "--trainees", "3")
    assert r["trainees"] == 3 and r["exercises"] == 3


def test_run_all_prints_a_table_row_per_result():
    # The calendar benchmark is the quick one at full size (a few seconds): run_all must turn its RESULT into a row.
    proc = subprocess.run([sys.executable, str(BENCH / "run_all.py"), "calendar"], cwd=BENCH.parent, text=True,
                          capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| calendar |")]
    assert len(rows) == 1 and "`python benchmarks/bench_calendar.py`" in rows[0]
