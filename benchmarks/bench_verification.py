#!/usr/bin/env python3
"""Verification (thẩm định): a province's dossier workbook of 150,000 members in 1,500 chi bộ, read and checked.

    python benchmarks/bench_verification.py                          # 1,500 chi bộ of 100 members, 15 đảng bộ
    python benchmarks/bench_verification.py --chi-bo 20 --dang-bo 2 --members 10 --planted 5   # the tests' size

The data is ``kiemtra_lib.datasets.generate(seed, chi_bo=..., members_per_chi_bo=..., dang_bo=...)``, rated by the
library; the dossier is ``verification.dossier_from_rating`` (the library's own results as proposals) with
``--planted`` members' proposed levels changed, written to an xlsx file (the writing is timed too, not against a
target). The figure is ``verification.verify(path, review_date=...)``: opening and reading the xlsx, checking every
cell against the data dictionary, rating through ``rating.rate_organisation``, comparing, building the table.

Baselines, in the same run: ``rate_organisation`` alone on the same tables already in memory (what the check adds
over the rating it reuses), and reading the same workbook with openpyxl's read-only mode (the reader not chosen:
``--no-openpyxl`` leaves it out). Correctness: exactly the planted members are found (the run fails otherwise).
Peak memory: VmHWM reset before the call (see _bench.py). Targets (issue 18): < 30 s and < 3 GB, reading included.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

from _bench import fail, machine, peak_rss_mb, reset_peak_rss, result, rss_mb

TARGET_S, TARGET_MB = 30.0, 3 * 1024
_OTHER = {"HTXS": "HT", "HTT": "HTXS", "HT": "HTT", "KHT": "HTT", None: "HT"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chi-bo", type=int, default=1_500)
    ap.add_argument("--dang-bo", type=int, default=15)
    ap.add_argument("--members", type=int, default=100, help="members per chi bộ")
    ap.add_argument("--planted", type=int, default=200, help="members whose proposed level is changed")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--no-openpyxl", action="store_true", help="leave out the openpyxl read-only baseline")
    args = ap.parse_args(argv)

    from kiemtra_lib import rating, verification
    from kiemtra_lib.datasets import generate

    t0 = time.perf_counter()
    case = generate(args.seed, chi_bo=args.chi_bo, members_per_chi_bo=args.members, dang_bo=args.dang_bo)
    gen_s = time.perf_counter() - t0
    n = len(case.members)
    rated = rating.rate_organisation(case.members, case.organisations, review_date=case.review_date)

    rng = np.random.default_rng(args.seed)
    picks = rng.choice(n, min(args.planted, n), replace=False)
    levels = rated.members["level"].to_numpy(dtype=object)
    ids = rated.members["member_id"].to_numpy(dtype=object)
    planted = {ids[i]: _OTHER[levels[i] if isinstance(levels[i], str) else None] for i in picks}
    t0 = time.perf_counter()
    data = verification.dossier_from_rating(rated, proposed=planted)
    write_s = time.perf_counter() - t0

    with tempfile.TemporaryDirectory(prefix="bench_tham_dinh_") as tmp:
        path = Path(tmp) / "ho_so_tinh.xlsx"
        path.write_bytes(data)
        size_mb = path.stat().st_size / 1e6
        small = generate(args.seed, chi_bo=2, members_per_chi_bo=(8, 10), dang_bo=1)  # warm-up: imports, rule set
        warm = rating.rate_organisation(small.members, small.organisations, review_date=small.review_date)
        verification.verify(verification.dossier_from_rating(warm), review_date=small.review_date)

        t0, c0 = time.perf_counter(), time.process_time()  # the baseline, warm like the check
        rating.rate_organisation(case.members, case.organisations, review_date=case.review_date)
        rate_s, rate_cpu = time.perf_counter() - t0, time.process_time() - c0

        rss_before = rss_mb()
        exact_peak = reset_peak_rss()
        t0, c0 = time.perf_counter(), time.process_time()
        check = verification.verify(path, review_date=case.review_date)
        check_s, check_cpu = time.perf_counter() - t0, time.process_time() - c0
        peak = peak_rss_mb()
        peak_how = "VmHWM reset before the call" if exact_peak else "ru_maxrss of the whole run"

        t0, c0 = time.perf_counter(), time.process_time()
        verification.read_dossier(path)
        read_s, read_cpu = time.perf_counter() - t0, time.process_time() - c0

        openpyxl_s = None
        if not args.no_openpyxl:
            import openpyxl

            t0 = time.perf_counter()
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
            for ws in wb.worksheets:
                for _ in ws.iter_rows(values_only=True):
                    pass
            wb.close()
            openpyxl_s = time.perf_counter() - t0

    found = set(check.table["subject_id"])
    m = machine()
    print(f"verification: {n:,} members in {args.chi_bo:,} chi bộ and {args.dang_bo} đảng bộ, {len(planted)} planted "
          f"errors ({m['cores']} cores, Python {m['python']}, {m['cpu']})")
    print(f"  generating the data: {gen_s:.1f} s; writing the dossier xlsx ({size_mb:.1f} MB): {write_s:.1f} s")
    print(f"  verify(path): read + check + rate + compare: {check_s:6.2f} s wall, {check_cpu:6.2f} s CPU "
          f"(target < {TARGET_S:.0f} s: {'met' if check_s < TARGET_S else 'MISSED'})")
    print(f"    read_dossier alone (calamine + data dictionary), timed after: {read_s:6.2f} s wall, "
          f"{read_cpu:6.2f} s CPU")
    print(f"  baseline rate_organisation alone, tables in memory: {rate_s:6.2f} s wall, {rate_cpu:6.2f} s CPU "
          f"-> the check costs {check_s / rate_s:.1f}x the rating it reuses")
    if openpyxl_s is not None:
        print(f"  baseline openpyxl read-only, only iterating the cells: {openpyxl_s:6.2f} s -> "
              f"read_dossier is {openpyxl_s / read_s:.1f}x faster")
    print(f"  peak memory during verify: {peak:,.0f} MB ({peak_how}; {rss_before:,.0f} MB resident before) "
          f"(target < {TARGET_MB:,} MB: {'met' if peak < TARGET_MB else 'MISSED'})")
    print(f"  discrepancies found: {len(check.table)}; exactly the planted members: {found == set(planted)}")
    met = check_s < TARGET_S and peak < TARGET_MB
    result("verification", members=n, chi_bo=args.chi_bo, planted=len(planted), found=len(check.table),
           exact=found == set(planted), check_s=round(check_s, 2), check_cpu_s=round(check_cpu, 2),
           read_s=round(read_s, 2), read_cpu_s=round(read_cpu, 2), rate_s=round(rate_s, 2),
           openpyxl_read_s=openpyxl_s and round(openpyxl_s, 2),
           write_s=round(write_s, 1), xlsx_mb=round(size_mb, 1), peak_mb=round(peak), peak_method=peak_how,
           figure=f"{n:,} members: {check_s:.1f} s wall ({check_cpu:.1f} s CPU), read {read_s:.1f} s, "
                  f"peak {peak:,.0f} MB", target="< 30 s, < 3 GB (reading included)", met=met,
           met_cpu=check_cpu < TARGET_S and peak < TARGET_MB)
    if found != set(planted):
        extra, missing = sorted(found - set(planted))[:5], sorted(set(planted) - found)[:5]
        fail(f"found is not the planted set: extra {extra}, missing {missing}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
