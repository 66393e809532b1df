"""benchmarks/bench_load.py keeps working at a tiny size: its check (an InputError with the total and at most 50
problems) holds. Timings are never asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_load_tiny_run_reports_a_bounded_error():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_load.py"), "--mb", "0.2", "--before", ""],
                          cwd=ROOT, text=True, capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    (line,) = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    r = json.loads(line[7:])
    assert r["total"] == r["rows"] > 0 and 0 < r["problems_shown"] <= 50
    assert r["after_message_chars"] < 20_000
