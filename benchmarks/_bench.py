"""Shared helpers of the benchmark scripts: timing, the machine, peak memory, and the one-line result.

Every script prints its figures for a person, then one ``RESULT {json}`` line that ``run_all.py`` turns into the
table of ``benchmarks/README.md``. Figures are ratios against a baseline timed in the same run (the machine has two
cores shared with other work), with the absolute times beside them.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python benchmarks/x.py` from a checkout
    sys.path.insert(0, str(ROOT))


def best_of(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """The fastest of ``repeat`` runs (seconds) and the last result: the least disturbed by other work."""
    best, out = float("inf"), None
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100), nearest-rank: an observed value, never an interpolation."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(-(-q * len(ordered) // 100)) - 1))
    return ordered[k]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def machine() -> dict[str, str]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cores": str(os.cpu_count()), "python": platform.python_version(), "cpu": cpu}


# -- memory ------------------------------------------------------------------------------------------------------
def reset_peak_rss() -> bool:
    """Reset the kernel's peak-RSS mark of this process (Linux >= 4.0: write 5 to /proc/self/clear_refs)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def peak_rss_mb() -> float:
    """Peak resident memory since the last ``reset_peak_rss`` (VmHWM), else of the whole process (ru_maxrss)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def rss_mb() -> float:
    """Resident memory now (VmRSS)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


# -- output ------------------------------------------------------------------------------------------------------
def result(name: str, **fields: Any) -> None:
    """The machine-readable line ``run_all.py`` reads."""
    print("RESULT " + json.dumps({"bench": name, **fields}, ensure_ascii=False, default=str), flush=True)


def fail(message: str) -> None:
    """A correctness check failed: say it and exit non-zero (timings never fail a run)."""
    print(f"CHECK FAILED: {message}", file=sys.stderr, flush=True)
    raise SystemExit(1)


def profile(fn: Callable[[], Any], top: int = 14, indent: str = "    ",
            skip: tuple[str, ...] = ("traitlets/", "ipywidgets/", "benchmarks/", "IPython/")) -> Any:
    """Run ``fn`` under cProfile and print where the time goes: the ``top`` functions by cumulative time, each with
    its share of the total (nested calls overlap, so shares add up to more than 100%), then the five with the most
    time of their own. Frames from ``skip`` (the harness, the widget plumbing) are left out of the listing."""
    import cProfile
    import pstats

    prof = cProfile.Profile()
    out = prof.runcall(fn)
    stats = pstats.Stats(prof)
    total = stats.total_tt or 1e-9

    def rows(key: int, n: int) -> None:
        shown = 0
        for (path, line, func), st in sorted(stats.stats.items(), key=lambda kv: kv[1][key], reverse=True):
            _, ncalls, tottime, cumtime = st[:4]
            if any(s in path for s in skip) or (func.startswith("<") and func not in ("<listcomp>", "<genexpr>")):
                continue
            short = path.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
            value = cumtime if key == 3 else tottime
            print(f"{indent}  {100 * value / total:5.1f}%  {value:7.3f} s  {ncalls:>8} calls  {func} ({short}:{line})")
            shown += 1
            if shown >= n:
                return

    print(f"{indent}profile (cProfile, {total:.2f} s in total); by cumulative time, share of the total:")
    rows(3, top)
    print(f"{indent}by own time:")
    rows(2, 5)
    return out
