#!/usr/bin/env python3
"""Calendar: ``add_working_days_series`` over a column of 1,000,000 dates against the scalar loop.

    python benchmarks/bench_calendar.py                       # 1,000,000 rows, scalar timed on 20,000 and scaled
    python benchmarks/bench_calendar.py --rows 2000 --sample 200   # the tiny run of tests/test_benchmarks.py

Dates are spread over 2015-2030 (Tết, swapped Saturdays, year ends), steps from -30 to 90 working days (zero
included). The scalar ``add_working_days`` is timed on a random sample of the same rows and scaled to the full
column; the sample's answers must be identical in both forms (the run fails otherwise). Both forms are warmed first
(``holidays`` fills its years lazily; the vectorised form caches its sorted working days per year span).
Target (issue 9): at least 50x faster than the scalar loop. Wall and CPU time are both printed: on a busy machine the
CPU time of this (single-threaded) process is the better estimate of an idle machine's wall time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

import numpy as np
import pandas as pd

from _bench import best_of, fail, machine, result

TARGET_SPEEDUP = 50.0


def make_column(rows: int, seed: int) -> tuple[pd.Series, np.ndarray]:
    rng = np.random.default_rng(seed)
    start = np.datetime64("2015-01-01")
    span = (np.datetime64("2030-12-31") - start).astype(int)
    days = start + rng.integers(0, span + 1, rows).astype("timedelta64[D]")
    steps = rng.integers(-30, 91, rows)
    return pd.Series(days.astype("datetime64[ns]"), name="ngay"), steps


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    from kiemtra_lib.calendar import add_working_days, add_working_days_series

    dates, steps = make_column(args.rows, args.seed)
    sample_idx = np.random.default_rng(args.seed + 1).choice(args.rows, min(args.sample, args.rows), replace=False)
    sample_dates = [d.date() for d in dates.iloc[sample_idx]]
    sample_steps = [int(n) for n in steps[sample_idx]]

    # Warm both forms: holidays fills each year on first look-up; the vectorised form caches its span.
    add_working_days_series(dates.iloc[:1000], steps[:1000])
    for d, n in zip(sample_dates[:200], sample_steps[:200]):
        add_working_days(d, n)

    c0 = time.process_time()
    vec_s, out = best_of(lambda: add_working_days_series(dates, steps), args.repeat)
    vec_cpu = (time.process_time() - c0) / max(1, args.repeat)  # mean CPU time per run
    t0, c0 = time.perf_counter(), time.process_time()
    scalar = [add_working_days(d, n) for d, n in zip(sample_dates, sample_steps)]
    scalar_sample_s, scalar_sample_cpu = time.perf_counter() - t0, time.process_time() - c0
    scalar_s = scalar_sample_s * args.rows / len(sample_dates)
    scalar_cpu = scalar_sample_cpu * args.rows / len(sample_dates)

    vec_sample = [d.date() for d in out.iloc[sample_idx]]
    mismatches = [i for i, (a, b) in enumerate(zip(vec_sample, scalar)) if a != b]
    # A column of Python dates (object dtype) goes through as_date per row first: shown for information.
    obj_dates = pd.Series([d.date() for d in dates.iloc[: min(args.rows, 200_000)]])
    obj_s, _ = best_of(lambda: add_working_days_series(obj_dates, steps[: len(obj_dates)]), 1)
    obj_s_scaled = obj_s * args.rows / len(obj_dates)

    speedup = scalar_s / vec_s
    m = machine()
    print(f"calendar: add_working_days over {args.rows:,} rows ({m['cores']} cores, Python {m['python']}, {m['cpu']})")
    print(f"  vectorised (datetime64 column), best of {args.repeat}: {vec_s:8.3f} s wall ({vec_cpu:.3f} s CPU per run)")
    print(f"  scalar loop on {len(sample_dates):,} rows: {scalar_sample_s:8.3f} s -> scaled to {args.rows:,}: "
          f"{scalar_s:8.1f} s wall ({scalar_cpu:.1f} s CPU)")
    print(f"  speed-up: {speedup:,.0f}x (target >= {TARGET_SPEEDUP:.0f}x: "
          f"{'met' if speedup >= TARGET_SPEEDUP else 'MISSED'})")
    print(f"  for information, a column of datetime.date objects: {obj_s_scaled:.2f} s per {args.rows:,} rows "
          f"({scalar_s / obj_s_scaled:,.0f}x the scalar loop)")
    print(f"  identical results on the {len(sample_dates):,}-row sample: "
          f"{'yes' if not mismatches else f'NO ({len(mismatches)} differ)'}")
    result("calendar", rows=args.rows, sample=len(sample_dates), vectorised_s=round(vec_s, 4),
           vectorised_cpu_s=round(vec_cpu, 4), scalar_scaled_cpu_s=round(scalar_cpu, 2),
           speedup_cpu=round(scalar_cpu / vec_cpu, 1) if vec_cpu else None,
           figure=f"{args.rows:,} rows: {vec_s:.2f} s vectorised vs {scalar_s:,.0f} s scalar (scaled), "
                  f"{speedup:,.0f}x ({scalar_cpu / max(vec_cpu, 1e-9):,.0f}x on CPU time)",
           scalar_scaled_s=round(scalar_s, 2), speedup=round(speedup, 1), target=f">= {TARGET_SPEEDUP:.0f}x",
           met=speedup >= TARGET_SPEEDUP, identical=not mismatches, object_column_s=round(obj_s_scaled, 3))
    if mismatches:
        i = mismatches[0]
        fail(f"add_working_days({sample_dates[i]}, {sample_steps[i]}): scalar {scalar[i]}, vectorised {vec_sample[i]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
