"""The verification benchmark keeps working at a tiny size: it finds exactly the planted errors (timings are never
asserted; they are figures in benchmarks/README.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_verification.py"


def test_the_benchmark_finds_exactly_the_planted_errors():
    proc = subprocess.run([sys.executable, str(BENCH), "--chi-bo", "12", "--dang-bo", "2", "--members", "10",
                           "--planted", "7"], cwd=BENCH.parents[1], text=True, capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (r,) = [json.loads(line[7:]) for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    assert r["exact"] is True and r["found"] == r["planted"] == 7 and r["members"] == 120
    assert r["peak_mb"] > 0 and r["read_s"] > 0
