"""The benchmark scripts keep working: each runs at a tiny size and its correctness check holds.

Timings are never asserted here (they are figures on a shared machine, printed by ``make bench``); what is asserted
is what each script checks against its baseline: identical results, outputs actually recomputed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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
