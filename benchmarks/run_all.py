#!/usr/bin/env python3
"""Run every benchmark (``make bench``), each in its own process, and print the summary table for README.md.

    python benchmarks/run_all.py                 # all of them, at full size (several minutes on 2 cores)
    python benchmarks/run_all.py calendar rating # only some (bench_NAME.py)

Each script prints its own figures; the summary lists, per script, the figure, the target, whether it was met and
the command. A script whose correctness check fails (results differ from the baseline) makes the run fail; a missed
speed target is reported, not failed (timings on a shared machine are figures, not tests).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["calendar", "rating", "exercises", "widgets", "course"]


def scripts(names: list[str]) -> list[Path]:
    found = {p.stem.removeprefix("bench_"): p for p in HERE.glob("bench_*.py")}
    chosen = names or [n for n in ORDER if n in found] + sorted(set(found) - set(ORDER))
    missing = [n for n in chosen if n not in found]
    if missing:
        raise SystemExit(f"no benchmarks/bench_{missing[0]}.py")
    return [found[n] for n in chosen]


def main(argv: list[str] | None = None) -> int:
    names = list(sys.argv[1:] if argv is None else argv)
    rows, failed = [], []
    for path in scripts(names):
        print(f"\n$ python benchmarks/{path.name}", flush=True)
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, str(path)], cwd=HERE.parent, text=True, capture_output=True)
        sys.stdout.write(proc.stdout)
        sys.stderr.write(proc.stderr)
        found = [json.loads(line[7:]) for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
        if proc.returncode != 0:
            failed.append(path.name)
        rows.append((path.name, found, proc.returncode, time.perf_counter() - t0))
    print("\n| benchmark | figure | target | met | command |\n|---|---|---|---|---|")
    for name, found, code, seconds in rows:
        if not found:
            print(f"| {name} | (no RESULT line; exit {code}, {seconds:.0f} s) | | | `python benchmarks/{name}` |")
        for r in found:
            figure = r.get("figure") or ", ".join(f"{k}={v}" for k, v in r.items()
                                                  if k not in ("bench", "target", "met", "met_cpu")
                                                  and not k.startswith("target_"))
            met = {True: "yes", False: "NO"}.get(r.get("met"), "?")
            if "met_cpu" in r and r["met_cpu"] != r.get("met"):  # on a busy machine: what CPU time says
                met += f" (on CPU time: {'yes' if r['met_cpu'] else 'NO'})"
            target = r.get("target") or ", ".join(f"{k.removeprefix('target_')} {v}" for k, v in r.items()
                                                  if k.startswith("target_"))
            print(f"| {r.get('bench', name)} | {figure} | {target} | {met} | `python benchmarks/{name}` |")
    if failed:
        print(f"\nCorrectness check failed in: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
