#!/usr/bin/env python3
"""The class server under a class's load (issue 15): N trainees log in and open lesson 03 at the same time.

    python benchmarks/bench_class.py                  # 30 trainees (as root; builds /opt/kiemtra if needed)
    python benchmarks/bench_class.py --trainees 5

A real JupyterHub with its proxy on free ports (tests/class/class_support.py), the class created from a roster of
N synthetic trainees; each trainee's first-login password change is done before the clock starts. Then, per
trainee in its own thread (HTTP clients, as a browser does it): log in, start the server, open lesson 03 in Voilà
(the page streams until every cell ran in the trainee's kernel), and ask the server for that kernel until it is idle.
Baseline: one trainee alone, in the same run. Prints p50/p95 of login → kernel ready, errors, memory per trainee
(PSS of every process of that Unix user: the server and its kernel), the hub's and the proxy's CPU time. Everything
made (servers, hub, proxy, users) is removed at the end.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _bench import ROOT, machine, median, percentile, result

sys.path.insert(0, str(ROOT / "tests" / "class"))

LESSON = "03_xep_loai_dang_vien.ipynb"
PASSWORD = "Mat-khau-bench-2026"
TARGET_P95_S = 30.0
HARD_LIMIT_S = 400.0
INSTRUCTOR = "gvbench"


def _pss_mb(uid: int) -> tuple[float, int]:
    """Proportional memory of every process of that user (shared libraries counted once overall), and how many."""
    total, count = 0, 0
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            if p.stat().st_uid != uid:
                continue
            for line in (p / "smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    count += 1
                    break
        except OSError:
            pass
    return total / 1024, count


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _proxy_pid(state: Path) -> int:
    return int((state / "jupyterhub-proxy.pid").read_text().strip())


def _session(hub, user: str, password: str):
    import requests

    s = requests.Session()
    s.get(hub.url + "/hub/login", timeout=60)
    r = s.post(hub.url + "/hub/login", data={"username": user, "password": password,
                                             "_xsrf": s.cookies.get("_xsrf")}, allow_redirects=False, timeout=120)
    if r.status_code != 302:
        raise RuntimeError(f"{user}: login answered {r.status_code}")
    return s


def first_login(hub, user: str, initial: str) -> None:
    """What each trainee does once, before the class starts: the handout password for their own."""
    s = _session(hub, user, initial)
    r = s.post(hub.url + "/hub/change-password", timeout=120, data={
        "old_password": initial, "new_password": PASSWORD, "new_password_confirmation": PASSWORD,
        "_xsrf": s.cookies.get("_xsrf")})
    if "kiemtra-password-result" not in r.text or "alert-success" not in r.text:
        raise RuntimeError(f"{user}: password not changed")


def open_lesson(hub, user: str, timeout: float = 180) -> float:
    """Seconds from the login form's post to lesson 03's kernel idle with every cell run."""
    t0 = time.perf_counter()
    s = _session(hub, user, PASSWORD)
    s.get(hub.url + "/hub/spawn", timeout=timeout)  # follows spawn-pending until the server answers (or not)
    deadline = t0 + timeout
    while True:  # the server's pages answer once it is up and the login redirect is done
        r = s.get(f"{hub.url}/user/{user}/voila/tree/", timeout=timeout)
        if r.status_code == 200 and f"/user/{user}/voila/tree/" in r.url:
            break
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{user}: server not up ({r.status_code} {r.url})")
        time.sleep(0.5)  # polling the spawn
    r = s.get(f"{hub.url}/user/{user}/voila/render/{LESSON}", timeout=timeout)  # streams until every cell ran
    page = r.content.decode("utf-8", errors="replace")
    if r.status_code != 200 or "rendered_cells" not in page:
        raise RuntimeError(f"{user}: lesson answered {r.status_code}")
    for marker in ("Traceback (most recent call last)", "There was an error when executing"):
        if marker in page:
            raise RuntimeError(f"{user}: the lesson shows {marker!r}")
    while True:
        kernels = s.get(f"{hub.url}/user/{user}/api/kernels", timeout=60).json()
        if kernels and all(k["execution_state"] == "idle" for k in kernels):
            return time.perf_counter() - t0
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{user}: kernel not idle: {kernels}")
        time.sleep(0.2)  # polling the kernel's state


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--trainees", type=int, default=30)
    args = ap.parse_args(argv)
    if os.geteuid() != 0:
        print("bench_class: cần quyền root (tạo tài khoản Unix cho học viên); bỏ qua.")
        result("class", skipped="không phải root")
        return 0
    done = subprocess.run(["sh", str(ROOT / "class" / "install.sh")], capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stderr)
        result("class", skipped=f"class/install.sh: exit {done.returncode}")
        return 0 if done.returncode == 2 else 1

    import pandas as pd

    from class_support import Hub, remove_leftover_users, run_class

    names = [f"BN{i:03d}" for i in range(1, args.trainees + 2)]  # one more: the baseline trainee alone
    users = [n.lower() for n in names]
    remove_leftover_users([INSTRUCTOR] + users)
    base = Path(tempfile.mkdtemp(prefix="kiemtra-bench-lop-"))
    state = base / "state"
    roster = base / "lop.csv"
    pd.DataFrame({"trainee_id": names, "ho_ten": [f"Học Viên Thử {i}" for i in range(len(names))]}).to_csv(
        roster, index=False)
    hub = None
    try:
        t = time.perf_counter()
        run_class("create", "--roster", str(roster), "--instructor", INSTRUCTOR, state=state, timeout=900)
        create_s = time.perf_counter() - t
        (handout,) = (Path(pwd.getpwnam(INSTRUCTOR).pw_dir) / "lop").glob("*.xlsx")
        df = pd.read_excel(handout, dtype=str, engine="openpyxl")
        initial = dict(zip(df["Tên đăng nhập"], df["Mật khẩu ban đầu"]))
        hub = Hub(state).start()
        with cf.ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda u: first_login(hub, u, initial[u]), users))

        baseline = open_lesson(hub, users[0])
        alone_mb, alone_procs = _pss_mb(pwd.getpwnam(users[0]).pw_uid)
        print(f"baseline: one trainee alone, login → lesson 03 kernel ready {baseline:.1f} s; "
              f"{alone_mb:.0f} MB in {alone_procs} processes")

        crowd = users[1:]
        hub_cpu0, proxy_cpu0 = _cpu_s(hub.proc.pid), _cpu_s(_proxy_pid(state))
        times, errors = {}, {}
        barrier = threading.Barrier(len(crowd))

        def one(user):
            barrier.wait()  # all at the same moment, as a class told "log in now"
            try:
                times[user] = open_lesson(hub, user)
            except Exception as exc:  # a failed trainee is a figure (errors), not the end of the run
                errors[user] = f"{type(exc).__name__}: {exc}"

        t = time.perf_counter()
        pool = cf.ThreadPoolExecutor(len(crowd))
        futures = {pool.submit(one, u): u for u in crowd}
        # a page that never finishes is an error, not a hung benchmark (its thread ends when the hub stops)
        cf.wait(futures, timeout=HARD_LIMIT_S)
        for fut, user in futures.items():
            if not fut.done() and user not in errors:
                errors[user] = f"not ready after {HARD_LIMIT_S:.0f} s"
        pool.shutdown(wait=False, cancel_futures=True)
        wall = time.perf_counter() - t
        hub_cpu = _cpu_s(hub.proc.pid) - hub_cpu0
        proxy_cpu = _cpu_s(_proxy_pid(state)) - proxy_cpu0
        per = [_pss_mb(pwd.getpwnam(u).pw_uid)[0] for u in crowd if u in times]
        hub_mb = sum(_pss_mb_of(pid) for pid in (hub.proc.pid, _proxy_pid(state)))
        values = sorted(times.values())
        p50, p95 = median(values), percentile(values, 95)
        mem = median(per) if per else float("nan")
        # what a 24 GB server holds: memory left after the hub, the proxy and 2 GB for the system, per trainee
        capacity = int((24 * 1024 - 2048 - hub_mb) // mem) if per else 0
        print(f"{len(crowd)} trainees at once: ready {len(times)}, errors {len(errors)}, wall {wall:.1f} s")
        print(f"  login → lesson 03 kernel ready: p50 {p50:.1f} s, p95 {p95:.1f} s "
              f"({p95 / baseline:.1f}× one trainee alone); target p95 < {TARGET_P95_S:.0f} s")
        print(f"  memory per trainee (server + lesson kernel, PSS): median {mem:.0f} MB, max {max(per, default=0):.0f} MB")
        print(f"  hub + proxy memory {hub_mb:.0f} MB; hub CPU {hub_cpu:.1f} s ({100 * hub_cpu / wall:.0f}% of one core "
              f"over the wall time), proxy CPU {proxy_cpu:.1f} s")
        print(f"  class created ({len(names)} accounts, bcrypt) in {create_s:.1f} s")
        print(f"  → a 24 GB server holds about {capacity} trainees each with one lesson open (memory bound); "
              f"CPU: {machine()['cores']} cores")
        for user, err in sorted(errors.items())[:10]:
            print(f"  error {user}: {err}")
        if errors:  # why, in the hub's words
            seen = []
            for line in hub.log_path.read_text(encoding="utf-8", errors="replace").splitlines():
                if ("[E " in line or "Timeout" in line) and line[40:160] not in seen:
                    seen.append(line[40:160])
            print("  hub log:\n    " + "\n    ".join(seen[:8]))
        result("class", trainees=len(crowd), ready=len(times), errors=len(errors),
               p50_s=round(p50, 1), p95_s=round(p95, 1), baseline_s=round(baseline, 1),
               p95_vs_alone=round(p95 / baseline, 2), mem_per_trainee_mb=round(mem), hub_proxy_mb=round(hub_mb),
               hub_cpu_s=round(hub_cpu, 1), proxy_cpu_s=round(proxy_cpu, 1), wall_s=round(wall, 1),
               capacity_24gb=capacity, target=f"all ready, 0 errors, p95 < {TARGET_P95_S:.0f} s",
               met=bool(len(times) == len(crowd) and not errors and p95 < TARGET_P95_S))
        return 0
    finally:
        if hub is not None:
            hub.stop()
        run_class("remove", state=state, check=False, timeout=900)
        remove_leftover_users([INSTRUCTOR] + users)
        shutil.rmtree(base, ignore_errors=True)


def _pss_mb_of(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


if __name__ == "__main__":
    sys.exit(main())
