"""Shared helpers of the exercise, gradebook and CLI tests: a synthetic roster, a built class, answers."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from kiemtra_lib.exercises import build_class, load_specs, open_exercise, read_roster

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = ROOT / "exercises"
# one timeline, one rating (batched) and one discipline exercise
CLASS_SPECS = [EXERCISES / "t03_han_nop_ho_so.yaml", EXERCISES / "r01_xep_loai_theo_phieu.yaml",
               EXERCISES / "d02_thoi_hieu_ky_luat.yaml"]


def write_roster(path: Path, n: int) -> Path:
    """Synthetic trainees (made-up names: «Học viên Thử nghiệm N»)."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["trainee_id", "ho_ten"])
        for i in range(n):
            w.writerow([f"HV{i:03d}", f"Học viên Thử nghiệm {i}"])
    return path


def build(tmp: Path, n: int = 30, *, specs=CLASS_SPECS, seed: int = 11, mode: str = "practice"):
    tmp.mkdir(parents=True, exist_ok=True)
    roster = write_roster(tmp / "roster.csv", n)
    return build_class(load_specs(specs), read_roster(roster), tmp / "out", class_seed=seed, mode=mode)


def session_for(notebook: Path, **kw):
    """Open a built notebook's exercise the way its cells do, from its papermill parameters."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    p = nb["metadata"]["papermill"]["parameters"]
    return open_exercise(p["exercise"], p.get("scenario", {}), trainee_id=p["trainee_id"], ho_ten=p["ho_ten"],
                         mode=p["mode"], variant_digest=p["variant_digest"], submission_dir=notebook.parent, **kw)


def right_answer(kind: str, fact: dict):
    """The answer a trainee would type for the library's value (dates as dd/mm/yyyy)."""
    v = fact["value"]
    if kind == "date":
        return dt.date.fromisoformat(v).strftime("%d/%m/%Y")
    if kind in ("days", "number"):
        return str(v)
    if kind == "rules":
        return list(v)
    return v


def wrong_answer(kind: str, fact: dict):
    """A definitely wrong answer of each kind (a later date, one more, another option, a missing rule)."""
    v = fact["value"]
    if kind == "date":
        return (dt.date.fromisoformat(v) + dt.timedelta(days=10)).strftime("%d/%m/%Y")
    if kind in ("days", "number"):
        return str(v + 5)
    if kind == "rules":
        return ["T1"] if v != ["T1"] else ["T2"]
    options = [c[0] for c in fact.get("choices") or []]
    return next(o for o in options if o != v)
