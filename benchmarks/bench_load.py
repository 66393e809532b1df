#!/usr/bin/env python3
"""Loading a members CSV with a bad value on every row: time, peak memory and size of the ``InputError``.

    python benchmarks/bench_load.py                      # a 200 MB file; this code and the code before issue 17
    python benchmarks/bench_load.py --mb 1 --before ""   # the tiny run of tests/test_benchmarks.py (no "before")

The file is written once (cached in the system's temporary folder by size and seed): a members table in the
dictionary's columns, every row with one bad value, in turn a count that is not a number (``nhiều``), a count of
``1e30`` (which used to load as a negative number), an unknown task result, and a date with month 13. Each
measurement runs in its own process, so its peak memory (``VmHWM``) is its own:

- ``read``: the baseline of the same run, ``pandas.read_csv(dtype=str)`` of the file and nothing else;
- ``after``: ``kiemtra_lib.datasets.load`` of this checkout;
- ``before``: the same call with ``kiemtra_lib`` as it was at ``--before`` (default: the commit before issue 17's
  work, extracted with ``git archive``; pass ``--before ""`` to skip it: it takes minutes and gigabytes).

Target (issue 17): the error lists at most 50 problems with the total, and costs little more than reading the file:
at most ``TARGET_OVER_READ`` (5) times ``read``, on wall time and on CPU time. Check (the run fails otherwise): the error of this checkout is an ``InputError``
whose total is the number of rows and that shows at most 50 problems.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _bench import ROOT, fail, machine, result

BEFORE = "9884915"  # main when issue 17's work began
TARGET_OVER_READ = 5.0  # "little more than reading the file": validating costs at most 5 plain reads
ROWS_PER_MB = 13_700  # about 73 bytes a row


def make_file(mb: float, seed: int) -> tuple[Path, int]:
    import numpy as np
    import pandas as pd

    rows = max(8, int(mb * ROWS_PER_MB))
    path = Path(tempfile.gettempdir()) / f"kiemtra_bench_load_{rows}_{seed}.csv"
    if path.is_file():
        return path, rows
    rng = np.random.default_rng(seed)
    i = np.arange(rows)
    chi_bo = rng.integers(1, rows // 30 + 2, rows)
    df = pd.DataFrame({
        "member_id": [f"DV{k:07d}" for k in i],
        "chi_bo_id": [f"CB{k:05d}" for k in chi_bo],
        "ho_ten": "Đảng viên tổng hợp",
        "joined_on": "05/03/2010",
        "task_result": "tot",
        "votes_xuat_sac": rng.integers(0, 5, rows).astype(str),
        "votes_tot": rng.integers(0, 20, rows).astype(str),
        "votes_hoan_thanh": rng.integers(0, 5, rows).astype(str),
        "votes_khong_hoan_thanh": "0",
        "sick_leave_months": "0",
    })
    kind = i % 4
    df.loc[kind == 0, "votes_tot"] = "nhiều"
    df.loc[kind == 1, "votes_hoan_thanh"] = "1e30"
    df.loc[kind == 2, "task_result"] = "gioi"
    df.loc[kind == 3, "joined_on"] = [f"{d:02d}/13/2010" for d in (i[kind == 3] % 28 + 1)]
    tmp = path.with_suffix(".tmp")
    df.to_csv(tmp, index=False)
    os.replace(tmp, path)
    return path, rows


WORKER = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
mode, path = sys.argv[3], sys.argv[4]
import pandas as pd
if mode != "read":  # imported before _bench, which puts this checkout first on sys.path
    import kiemtra_lib
    from kiemtra_lib.datasets import load
    assert kiemtra_lib.__file__.startswith(sys.argv[1]), kiemtra_lib.__file__
sys.path.insert(0, sys.argv[2])
from _bench import peak_rss_mb, reset_peak_rss, rss_mb
before = rss_mb()
reset_peak_rss()
t0, c0 = time.perf_counter(), time.process_time()
out = {"error": None, "message_chars": 0, "message_lines": 0, "problems": 0, "total": None}
if mode == "read":
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    out["rows"] = len(df)
else:
    try:
        load(path)
    except Exception as exc:
        text = str(exc)
        out.update(error=type(exc).__name__, message_chars=len(text), message_lines=text.count("\n") + 1,
                   problems=len(getattr(exc, "problems", ())), total=getattr(exc, "total", None),
                   head=text[:300])
out.update(seconds=time.perf_counter() - t0, cpu_seconds=time.process_time() - c0, peak_mb=peak_rss_mb(),
           rss_before_mb=before)
print("WORKER " + json.dumps(out, ensure_ascii=False))
"""


def measure(mode: str, lib_root: Path, path: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", WORKER, str(lib_root), str(ROOT / "benchmarks"), mode, str(path)],
                          text=True, capture_output=True, env={**os.environ, "PYTHONUTF8": "1"})
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("WORKER ")]
    if proc.returncode != 0 or not lines:
        fail(f"{mode} run failed: {proc.stderr[-2000:]}")
    return json.loads(lines[-1][7:])


def extract(rev: str, into: Path) -> Path:
    """``kiemtra_lib`` as it was at ``rev`` (``git archive``; the working tree is not touched)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "kiemtra_lib"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def show(name: str, r: dict, base: dict) -> None:
    print(f"  {name:7s} {r['seconds']:8.2f} s wall  {r['cpu_seconds']:8.2f} s CPU  ({r['seconds'] / base['seconds']:5.1f}x"
          f" read)  peak {r['peak_mb']:8.0f} MB  error {r['error']}: {r['message_chars']:,} characters,"
          f" {r['message_lines']:,} lines, {r['problems']:,} problems kept, total {r['total']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=200.0, help="size of the file in MB (default 200)")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--before", default=BEFORE, help='git revision of the "before" code ("" to skip)')
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    path, rows = make_file(args.mb, args.seed)
    size_mb = path.stat().st_size / 1e6
    print(f"file {path}: {size_mb:.1f} MB, {rows:,} rows, one bad value each (made or found in "
          f"{time.perf_counter() - t0:.1f} s); machine {machine()}, load average {os.getloadavg()[0]:.1f}")
    read = measure("read", ROOT, path)
    after = measure("after", ROOT, path)
    runs = {"read": read, "after": after}
    if args.before:
        with tempfile.TemporaryDirectory() as tmp:
            runs["before"] = measure("before", extract(args.before, Path(tmp)), path)
    for name in ("read", "before", "after"):
        if name in runs:
            show(name, runs[name], read)
    if after["error"] != "InputError" or after["total"] != rows or not 0 < after["problems"] <= 50:
        fail(f"this checkout's error: {after}")
    fields = {f"{k}_{m}": runs[k][m] for k in runs for m in ("seconds", "cpu_seconds", "peak_mb")}
    fields.update({f"{k}_message_chars": runs[k]["message_chars"] for k in runs if k != "read"})
    wall, cpu = after["seconds"] / read["seconds"], after["cpu_seconds"] / max(read["cpu_seconds"], 1e-9)
    figure = (f"{size_mb:.0f} MB, {rows:,} bad rows: {after['seconds']:.1f} s wall / {after['cpu_seconds']:.1f} s CPU "
              f"({wall:.1f}x / {cpu:.1f}x read_csv), peak {after['peak_mb']:.0f} MB, message "
              f"{after['message_chars']:,} characters")
    if "before" in runs:
        b = runs["before"]
        figure += (f"; before: {b['seconds']:.0f} s wall / {b['cpu_seconds']:.0f} s CPU, peak {b['peak_mb']:.0f} MB, "
                   f"message {b['message_chars']:,} characters")
    result("load", figure=figure, target=f"at most 50 problems with the total; at most {TARGET_OVER_READ:g}x read_csv",
           met=wall <= TARGET_OVER_READ, met_cpu=cpu <= TARGET_OVER_READ,
           file_mb=round(size_mb, 1), rows=rows, after_over_read=wall, after_over_read_cpu=cpu,
           problems_shown=after["problems"], total=after["total"], before_rev=args.before or None,
           load_average=os.getloadavg()[0], **fields)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
