#!/usr/bin/env python3
"""Rating: ``rate_organisation`` over ~1,000,000 generated members in 40,000 chi bộ vs ``rate_member`` row by row.

    python benchmarks/bench_rating.py                                  # 40,000 chi bộ of 10-40, 400 đảng bộ
    python benchmarks/bench_rating.py --ruleset qd366-2025             # one rule set only (default: both)
    python benchmarks/bench_rating.py --chi-bo 40 --dang-bo 2 --sample 100   # the tiny run of the tests
    python benchmarks/bench_rating.py --profile                        # and where rate_organisation spends its time

The data is ``kiemtra_lib.datasets.generate(seed, chi_bo=..., members_per_chi_bo=(10, 40), dang_bo=...)``. The
whole-table call rates members, chi bộ and đảng bộ with the quotas (R-M2, R-O2), R-M6 and every reason, and the
figure includes building the result tables (``reasons``, ``rule_ids``, ``flags`` columns). The baseline is
``rate_member`` called row by row on a random sample of the same members (each with its chi bộ's number of official
members), timed and scaled to the whole table. ``rate_member`` rates a member alone (no quota, no organisation's
level), so its level is compared with the result's ``member_level`` column (the level before R-M6 and the quota):
they must be identical on the whole sample (the run fails otherwise).

Times are wall clock (the target) and CPU time of this process (``time.process_time``): the rating is single-threaded,
so on a busy machine the CPU time is the better estimate of the wall time on an idle one.

Peak memory: the kernel's peak resident set size of this process (VmHWM), reset just before the call by writing 5
to /proc/self/clear_refs, so it is the peak during rating, input tables included (they are resident already).
Where the reset is not allowed, the figure is ``ru_maxrss`` of the whole run (said in the output).
Targets (issue 9): at least 30x faster than row by row, under 10 s, under 3 GB peak, identical levels.

Both rule sets are measured on the same generated members (``generate(..., qd366=True)``), each given only the
columns it reads: ``hcm-2014`` (votes, the chi bộ's assessment) and ``qd366-2025`` (points, task counts, the cases
of N7; issue 14), with the same targets. Under qd366-2025 ``rate_member`` needs no vote denominator.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from _bench import fail, machine, peak_rss_mb, profile, reset_peak_rss, result, rss_mb

TARGET_SPEEDUP, TARGET_S, TARGET_MB = 30.0, 10.0, 3 * 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chi-bo", type=int, default=40_000)
    ap.add_argument("--dang-bo", type=int, default=400)
    ap.add_argument("--members-min", type=int, default=10)
    ap.add_argument("--members-max", type=int, default=40)
    ap.add_argument("--sample", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--profile", action="store_true", help="cProfile a second whole-table call")
    ap.add_argument("--ruleset", choices=("both", "hcm-2014", "qd366-2025"), default="both")
    args = ap.parse_args(argv)

    from kiemtra_lib.datasets import generate

    t0 = time.perf_counter()
    case = generate(args.seed, chi_bo=args.chi_bo, members_per_chi_bo=(args.members_min, args.members_max),
                    dang_bo=args.dang_bo, qd366=True)
    gen_s = time.perf_counter() - t0
    warm = generate(args.seed, chi_bo=3, members_per_chi_bo=(8, 10), dang_bo=1, qd366=True)
    for ruleset in (("hcm-2014", "qd366-2025") if args.ruleset == "both" else (args.ruleset,)):
        _one(args, ruleset, case, warm, gen_s)
    return 0


def _columns(frame: pd.DataFrame, table) -> pd.DataFrame:
    """The columns a rule set reads (its schema's), so each side validates and keeps only its own."""
    return frame[[c.name for c in table.columns if c.name in frame.columns]].copy()


def _one(args, ruleset: str, case, warm, gen_s: float) -> None:
    from kiemtra_lib.rating import rate_member, rate_organisation
    from kiemtra_lib.schema import MEMBERS, MEMBERS_366, ORGANISATIONS, ORGANISATIONS_366

    qd366 = ruleset == "qd366-2025"
    mt, ot = (MEMBERS_366, ORGANISATIONS_366) if qd366 else (MEMBERS, ORGANISATIONS)
    members, orgs, review = _columns(case.members, mt), _columns(case.organisations, ot), case.review_date
    n = len(members)

    # Warm-up on a small slice (rule set loading, lazy imports), so neither side pays it in its timing.
    rate_organisation(_columns(warm.members, mt), _columns(warm.organisations, ot), review_date=warm.review_date,
                      ruleset=ruleset)

    rss_before = rss_mb()
    exact_peak = reset_peak_rss()
    t0, c0 = time.perf_counter(), time.process_time()
    res = rate_organisation(members, orgs, review_date=review, ruleset=ruleset)
    table_s, table_cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = peak_rss_mb()
    peak_how = "VmHWM reset before the call" if exact_peak else "ru_maxrss of the whole run"

    # The baseline: rate_member row by row on a sample of the same members.
    official = members.groupby("chi_bo_id")["official"].sum()
    rng = np.random.default_rng(args.seed + 1)
    idx = np.sort(rng.choice(n, min(args.sample, n), replace=False))
    rows = members.iloc[idx]
    records = rows.to_dict("records")
    denominators = official.reindex(rows["chi_bo_id"]).to_numpy()
    def one(r, k):
        if qd366:  # no vote threshold (N15): no denominator
            return rate_member(r, review_date=review, ruleset=ruleset)
        return rate_member(r, official_members=int(k), review_date=review, ruleset=ruleset)

    one(records[0], denominators[0])  # warm
    t0, c0 = time.perf_counter(), time.process_time()
    single = [one(r, k) for r, k in zip(records, denominators)]
    sample_s, sample_cpu = time.perf_counter() - t0, time.process_time() - c0
    row_s = sample_s * n / len(records)

    # "not rated" is None in a Decision and missing (None or NaN, as pandas stores it) in the table.
    expected = np.array([None if pd.isna(v) else v for v in res.members["member_level"].to_numpy(dtype=object)[idx]],
                        dtype=object)
    got = np.array([d.level.value if d.level is not None else None for d in single], dtype=object)
    differ = np.flatnonzero(expected != got)
    has_reasons = bool((res.members["reasons"].str.len() > 0).any())

    speedup = row_s / table_s
    m = machine()
    print(f"rating under {ruleset}: {n:,} members in {args.chi_bo:,} chi bộ and {args.dang_bo} đảng bộ ({m['cores']} cores, "
          f"Python {m['python']}, {m['cpu']})")
    print(f"  generating the data (not timed against anything): {gen_s:.1f} s")
    print(f"  rate_organisation, whole table with quotas and reasons: {table_s:6.2f} s wall, {table_cpu:6.2f} s CPU "
          f"(target < {TARGET_S:.0f} s: {'met' if table_s < TARGET_S else 'MISSED'} on wall time)")
    print(f"  rate_member row by row on {len(records):,} members: {sample_s:6.2f} s wall, {sample_cpu:6.2f} s CPU "
          f"-> scaled to {n:,}: {row_s:,.0f} s")
    print(f"  speed-up: {speedup:,.0f}x (target >= {TARGET_SPEEDUP:.0f}x: "
          f"{'met' if speedup >= TARGET_SPEEDUP else 'MISSED'})")
    print(f"  peak memory during the call: {peak:,.0f} MB ({peak_how}; {rss_before:,.0f} MB resident before it) "
          f"(target < {TARGET_MB:,} MB: {'met' if peak < TARGET_MB else 'MISSED'})")
    print(f"  identical levels on the {len(records):,}-member sample: "
          f"{'yes' if len(differ) == 0 else f'NO ({len(differ)} differ)'}; reasons present: {has_reasons}")
    met = speedup >= TARGET_SPEEDUP and table_s < TARGET_S and peak < TARGET_MB
    result("rating" if not qd366 else "rating qd366-2025", ruleset=ruleset, members=n, chi_bo=args.chi_bo, sample=len(records), table_s=round(table_s, 2),
           table_cpu_s=round(table_cpu, 2), speedup_cpu=round(sample_cpu * n / len(records) / table_cpu, 1),
           row_by_row_scaled_s=round(row_s, 1), speedup=round(speedup, 1), peak_mb=round(peak), peak_method=peak_how,
           rss_before_mb=round(rss_before), generate_s=round(gen_s, 1),
           figure=f"{n:,} members: {table_s:.1f} s wall ({table_cpu:.1f} s CPU), {speedup:,.0f}x row by row, "
                  f"peak {peak:,.0f} MB",
           target=f">= {TARGET_SPEEDUP:.0f}x, < {TARGET_S:.0f} s, < 3 GB", met=met,
           met_cpu=speedup >= TARGET_SPEEDUP and table_cpu < TARGET_S and peak < TARGET_MB, identical=len(differ) == 0)
    if args.profile:
        profile(lambda: rate_organisation(members, orgs, review_date=review, ruleset=ruleset), top=25,
                skip=("benchmarks/",))
    if len(differ):
        i = int(idx[differ[0]])
        fail(f"member {members['member_id'].iat[i]}: rate_member {got[differ[0]]}, rate_organisation "
             f"member_level {expected[differ[0]]}")
    if not has_reasons:
        fail("no member has a reason in the result")


if __name__ == "__main__":
    raise SystemExit(main())
