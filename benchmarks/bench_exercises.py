#!/usr/bin/env python3
"""Exercises: build a class of 200 trainees × 3 exercises, answer, grade into the gradebook, regrade.

    python benchmarks/bench_exercises.py                         # 200 trainees, the 3 default exercises
    python benchmarks/bench_exercises.py --trainees 10           # a tiny run
    python benchmarks/bench_exercises.py --specs exercises/*.yaml

The default exercises are one of each kind of generator cost: a timeline (t01), a member rating computed through
the library's vectorised ``rate_organisation`` (r01) and a discipline case (d01). The build is timed from the loaded
specs and roster to the last notebook and the key on disk (as ``kiemtra exercises build`` does it, without the
interpreter's start-up). Every trainee then submits (half the answers right), the submissions are graded into a new
gradebook with reports, and graded again (nothing changes: the idempotent path). Target (issue 7): the build under
20 s.
"""

from __future__ import annotations

import argparse
import csv
import json
import tempfile
import time
from pathlib import Path

from _bench import ROOT, fail, machine, result

TARGET_BUILD_S = 20.0
DEFAULT_SPECS = ["exercises/t01_thoi_han_kiem_tra_co_so.yaml", "exercises/r01_xep_loai_theo_phieu.yaml",
                 "exercises/d01_hinh_thuc_ky_luat.yaml"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trainees", type=int, default=200)
    ap.add_argument("--specs", nargs="+", default=DEFAULT_SPECS)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args(argv)

    from kiemtra_lib.exercises import build_class, grade_directory, load_specs, open_exercise, read_roster

    with tempfile.TemporaryDirectory(prefix="bench_exercises_") as tmp:
        tmp = Path(tmp)
        roster_path = tmp / "lop.csv"
        with roster_path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["trainee_id", "ho_ten"])
            for i in range(args.trainees):
                w.writerow([f"HV{i:04d}", f"Học viên Thử nghiệm {i}"])
        load_specs([ROOT / s for s in args.specs[:1]])  # warm: rule set, generators, papermill imports
        t0 = time.perf_counter()
        specs = load_specs([ROOT / s for s in args.specs])
        trainees = read_roster(roster_path)
        built = build_class(specs, trainees, tmp / "lop", class_seed=args.seed)
        build_s = time.perf_counter() - t0

        key = json.loads(built.key_path.read_text(encoding="utf-8"))
        t0 = time.perf_counter()
        for n, nb_path in enumerate(built.notebooks):
            p = json.loads(nb_path.read_text(encoding="utf-8"))["metadata"]["papermill"]["parameters"]
            bai = open_exercise(p["exercise"], p["scenario"], trainee_id=p["trainee_id"], mode=p["mode"],
                                variant_digest=p["variant_digest"], submission_dir=nb_path.parent)
            stored = key["variants"][p["trainee_id"]][p["exercise_id"]]["answers"]
            bai.submit({qid: (fact["value"] if (n + j) % 2 else None) for j, (qid, fact) in enumerate(stored.items())})
        submit_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        run = grade_directory(built.out_dir / "hoc_vien", built.key_path, tmp / "so_diem.sqlite", tmp / "bao_cao")
        grade_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = grade_directory(built.out_dir / "hoc_vien", built.key_path, tmp / "so_diem.sqlite")
        regrade_s = time.perf_counter() - t0

    expected = args.trainees * len(args.specs)
    if len(built.notebooks) != expected or run.graded != expected or run.problems or again.graded != 0:
        fail(f"built {len(built.notebooks)}, graded {run.graded}, problems {len(run.problems)}, regraded "
             f"{again.graded} (expected {expected}, {expected}, 0, 0)")
    m = machine()
    print(f"exercises: {args.trainees} trainees × {len(args.specs)} exercises ({m['cores']} cores, Python "
          f"{m['python']}, {m['cpu']})")
    print(f"  build (notebooks + key):   {build_s:7.2f} s  ({1000 * build_s / expected:.1f} ms per notebook; "
          f"target < {TARGET_BUILD_S:.0f} s: {'met' if build_s < TARGET_BUILD_S else 'MISSED'})")
    print(f"  submit (Nộp bài, atomic):  {submit_s:7.2f} s")
    print(f"  grade + reports:           {grade_s:7.2f} s  ({run.graded} submissions)")
    print(f"  regrade (nothing changes): {regrade_s:7.2f} s")
    result("exercises", trainees=args.trainees, exercises=len(args.specs), build_s=round(build_s, 3),
           grade_s=round(grade_s, 3), regrade_s=round(regrade_s, 3), submit_s=round(submit_s, 3),
           target_build_s=TARGET_BUILD_S, met=build_s < TARGET_BUILD_S)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
