"""The class server end to end (issue 15), as the people of a course use it, in Chromium against a real JupyterHub.

The instructor creates the class from a roster of three (the command `make class` runs) and releases one exercise;
trainee 1 logs in with the handout password, must set a new one, lands on the course as an app, changes a panel of
lesson 03 (the page's text compared with the library's for the same inputs), opens their exercise, answers and
submits; the server collects the submission without anyone's help, with its own clock; trainee 2 is refused trainee
1's files, submission and the key, over HTTP and as their own Unix user; the instructor grades, and the gradebook
holds trainee 1's score with the server's time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import pwd
import re
import sqlite3
import stat
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest
import requests

from class_support import INSTRUCTOR, ROOT, TRAINEES, Hub, run_class

EXERCISE = ROOT / "exercises" / "t01_thoi_han_kiem_tra_co_so.yaml"
LESSON = "03_xep_loai_dang_vien.ipynb"
NEW_PASSWORD = {"hv901": "Mat-khau-moi-901", "hv902": "Mat-khau-moi-902", INSTRUCTOR: "Mat-khau-giang-vien"}


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def _handout(home: Path) -> dict[str, str]:
    (path,) = sorted((home / "lop").glob("*mat_khau_ban_dau.xlsx"))
    df = pd.read_excel(path, dtype=str, engine="openpyxl")
    return dict(zip(df["Tên đăng nhập"], df["Mật khẩu ban đầu"]))


def _as_user(user: str, *cmd: str) -> subprocess.CompletedProcess:
    """A command run as that Unix user (what their kernel or terminal could do)."""
    return subprocess.run(["setpriv", f"--reuid={user}", f"--regid={pwd.getpwnam(user).pw_gid}", "--init-groups",
                           "--", *cmd], capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin:/bin"})


def _login(page, hub: Hub, username: str, password: str) -> None:
    from playwright.sync_api import expect

    page.goto(hub.url + "/hub/login")
    expect(page.locator(".auth-form-header")).to_have_text("Đăng nhập lớp học")
    page.locator("#username_input").fill(username)
    page.locator("#password_input").fill(password)
    page.locator("#login_submit").click()


def _change_password(page, old: str, new: str) -> None:
    from playwright.sync_api import expect

    expect(page).to_have_url(re.compile(r".*/hub/change-password$"))
    expect(page.locator("h1")).to_contain_text("Đổi mật khẩu")
    page.locator("#old_password_input").fill(old)
    page.locator("#new_password_input").fill(new)
    page.locator("#new_password_confirmation_input").fill(new)
    page.locator("#signup_submit").click()
    expect(page.locator("#kiemtra-password-result")).to_contain_text("Đã đổi mật khẩu")


def _answers(session) -> dict:
    """The right answer to every question, typed as a trainee types it."""
    answers = {}
    for q in session.questions:
        value = session.facts()[q["id"]].value
        if q["kind"] == "date":
            answers[q["id"]] = dt.date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        elif q["kind"] in ("days", "number"):
            answers[q["id"]] = str(value)
        elif q["kind"] == "rules" and (q.get("options") or q.get("choices")):
            answers[q["id"]] = tuple(value)
        elif q["kind"] == "rules":
            answers[q["id"]] = ", ".join(value)
        elif q["kind"] == "text":
            answers[q["id"]] = "Ngày triển khai cộng thời gian cho phép."
        else:
            answers[q["id"]] = value
    return answers


def _fill(form, session, answers: dict) -> None:
    from playwright.sync_api import expect

    rows = form.locator(":scope > .widget-vbox")
    expect(rows).to_have_count(len(session.questions))
    for i, q in enumerate(session.questions):
        row, value = rows.nth(i), answers[q["id"]]
        if q["kind"] == "text":
            row.locator("textarea").fill(value)
        elif q["kind"] == "rules" and q.get("options"):  # chosen by the clause's words, the value is the rule id
            labels = [str(lab) for v, lab in q["options"] if v in set(value)]
            row.locator(".widget-select-multiple select").select_option(label=labels)
        elif q["kind"] == "rules" and q.get("choices"):
            row.locator(".widget-select-multiple select").select_option(list(value))
        elif q["kind"] in ("level", "form", "choice"):
            label = next(str(lab) for v, lab in q["options"] if v == value)
            row.locator(".widget-dropdown select").select_option(label=label)
        else:
            row.locator("input[type='text']").fill(value)


def _injected(path: Path) -> dict:
    import ast

    import nbformat

    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    return {n.targets[0].id: ast.literal_eval(n.value) for n in ast.parse(cell.source).body
            if isinstance(n, ast.Assign)}


RELOADS: list[str] = []


def _rendered_or_reloaded(page) -> None:
    """Wait for the Voilà page; if it has not finished in 90 s, reload it (at most twice), as a trainee would.

    Known and not diagnosed (closing note of issue 15): now and then a Voilà page under the hub never finishes
    (its kernel is up, the page stays on its spinner); it normally renders in 3 s. A third hang fails the test; every reload is printed and counted."""
    from playwright.sync_api import expect

    from app_page import wait_until_rendered

    for _ in range(2):  # up to two reloads: a hang was seen in 2 of 12 loads, and CI must not fail on it
        try:
            expect(page.locator("#rendered_cells")).to_be_attached(timeout=120_000)
            expect(page.locator("#loading")).to_have_count(0, timeout=90_000)
            break
        except AssertionError:
            RELOADS.append(page.url)
            print(f"reloaded: {page.url}")
            page.reload(wait_until="commit")
    wait_until_rendered(page)


def _http_login(hub: Hub, username: str, password: str) -> requests.Session:
    s = requests.Session()
    s.get(hub.url + "/hub/login", timeout=30)
    r = s.post(hub.url + "/hub/login", data={"username": username, "password": password,
                                             "_xsrf": s.cookies.get("_xsrf")}, allow_redirects=False, timeout=60)
    assert r.status_code == 302, f"login of {username} answered {r.status_code}"  # Native answers a refusal with 200
    return s


def test_a_class_from_roster_to_gradebook(class_dirs, new_page, monkeypatch):
    from playwright.sync_api import expect

    from app_page import assert_clean, screenshot, wait_for_widgets
    from lessons import NOTEBOOKS
    from mirror import Driver, cell_objects, notebook_namespace

    from kiemtra_lib.widgets import _panel

    monkeypatch.setattr(_panel, "display", lambda *a, **k: None)  # the mirrored panels have no page
    state, base = class_dirs
    roster = base / "lop.xlsx"
    pd.DataFrame(TRAINEES, columns=["trainee_id", "ho_ten"]).to_excel(roster, index=False)

    # --- the instructor creates the class (make class runs the same command) and releases one exercise
    done = run_class("create", "--roster", str(roster), "--instructor", INSTRUCTOR, state=state)
    assert "Lớp có 3 học viên" in done.stdout
    assert _mode(state) == 0o700 and _mode(state / "jupyterhub.sqlite") == 0o600
    homes = {t.lower(): Path(pwd.getpwnam(t.lower()).pw_dir) for t, _ in TRAINEES}
    inst_home = Path(pwd.getpwnam(INSTRUCTOR).pw_dir)
    for home in [*homes.values(), inst_home]:
        assert _mode(home) == 0o700, home
    handout = _handout(inst_home)
    assert set(handout) == {INSTRUCTOR, *homes}
    run_class("release", str(EXERCISE), "--seed", "15", state=state)
    key = inst_home / "lop" / "giang_vien" / "dap_an.json"
    assert _mode(key) == 0o600 and _mode(key.parent) == 0o700 and key.stat().st_uid == pwd.getpwnam(INSTRUCTOR).pw_uid
    exercise_nb = homes["hv901"] / "bai_tap" / "t01_thoi_han_kiem_tra_co_so.ipynb"
    assert exercise_nb.stat().st_uid == pwd.getpwnam("hv901").pw_uid and _mode(exercise_nb.parent) == 0o700
    params = _injected(exercise_nb)
    assert params["trainee_id"] == "HV901"  # trainee 1's own variant, not another's

    hub = Hub(state).start()
    try:
        # --- the instructor logs in, sets a password, sees the class
        teacher = new_page()
        _login(teacher, hub, INSTRUCTOR, handout[INSTRUCTOR])
        _change_password(teacher, handout[INSTRUCTOR], NEW_PASSWORD[INSTRUCTOR])
        teacher.goto(hub.url + "/hub/admin")
        for t, _ in TRAINEES:
            expect(teacher.get_by_text(t.lower(), exact=True).first).to_be_visible()
        screenshot(teacher, "lop_giang_vien_quan_tri")

        # --- trainee 1: handout password, forced change, the course as an app
        t1 = new_page()
        t1.goto(hub.url + "/hub/login")
        screenshot(t1, "lop_dang_nhap")
        _login(t1, hub, "HV901", handout["hv901"])
        _change_password(t1, handout["hv901"], NEW_PASSWORD["hv901"])
        t1.locator("#kiemtra-go-course").click()
        expect(t1).to_have_url(re.compile(r".*/user/hv901/voila/tree/$"), timeout=120_000)
        lessons = t1.locator(".kiemtra-lesson .kiemtra-lesson-number")
        expect(lessons.first).to_have_text("Bài 00")
        numbers = lessons.all_inner_texts()
        assert numbers == sorted(numbers) and "Bài 03" in numbers
        expect(t1.locator(".kiemtra-exercise")).to_have_count(1)
        expect(t1.locator(".kiemtra-exercise")).to_contain_text(params["exercise"]["title"])
        expect(t1.locator("#kiemtra-open-lab")).to_have_attribute("href", "/user/hv901/lab")
        screenshot(t1, "lop_trang_khoa_hoc")
        # the hub's spawn-pending page streams progress events; leaving it for the course aborts that stream
        log = t1.console_log
        log.failed_requests[:] = [r for r in log.failed_requests if "/server/progress" not in r]

        t1.locator(".kiemtra-lesson", has_text="Bài 03").locator("a").click()
        _rendered_or_reloaded(t1)
        wait_for_widgets(t1)
        ns = notebook_namespace(NOTEBOOKS / LESSON)
        (rating, *_) = [Driver(t1, p) for p in cell_objects(NOTEBOOKS / LESSON, ns, r"\.[A-Z]\w*(Panel|Browser)\(")]
        rating.expect_same()
        rating.select(rating.mirror.member, ns["what_if_member"])
        rating.select(rating.mirror.task, "hoan_thanh")
        rating.expect_same()  # the text recomputed by trainee 1's kernel = the library's, for the same inputs
        assert_clean(t1, t1.console_log)

        # --- trainee 1's exercise, answered and submitted
        from kiemtra_lib.exercises import open_exercise

        session = open_exercise(params["exercise"], params["scenario"], trainee_id=params["trainee_id"],
                                ho_ten=params["ho_ten"], mode=params["mode"],
                                variant_digest=params["variant_digest"], submission_dir=base)
        answers = _answers(session)
        t1.goto(hub.url + "/user/hv901/voila/tree/")
        t1.locator(".kiemtra-exercise a").click()
        _rendered_or_reloaded(t1)
        wait_for_widgets(t1)
        form = t1.locator(".widget-vbox").filter(has=t1.locator("button", has_text="Nộp bài")).last
        _fill(form, session, answers)
        before_submit = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        form.locator("button", has_text="Nộp bài").click()
        submission = homes["hv901"] / "bai_tap" / "t01_thoi_han_kiem_tra_co_so.nop_bai.json"
        expect(form.locator(":scope > .widget-html").last).to_contain_text("Đã nộp")
        assert submission.stat().st_uid == pwd.getpwnam("hv901").pw_uid
        screenshot(t1, "lop_bai_tap")

        # --- the server collects it by itself (the collector service, every 10 s), with its own clock
        collected = inst_home / "lop" / "bai_nop" / "HV901" / submission.name
        sidecar = collected.with_name(collected.name + ".server.json")
        deadline = time.monotonic() + 60
        while not sidecar.exists() and time.monotonic() < deadline:
            time.sleep(1)  # polling the collector's output
        assert sidecar.exists(), f"not collected within 60 s:\n{hub.log()}"
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        data = collected.read_bytes()
        assert data == submission.read_bytes()  # the trainee's file, unchanged
        assert meta["sha256"] == hashlib.sha256(data).hexdigest()
        assert meta["trainee_id"] == "HV901" and meta["source"] == str(submission)
        received = dt.datetime.fromisoformat(meta["received_at"])
        assert received.tzinfo is not None
        assert before_submit <= received <= dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=1)
        assert _mode(collected) == 0o600 and collected.stat().st_uid == pwd.getpwnam(INSTRUCTOR).pw_uid

        # --- trainee 2 is refused trainee 1's files, submission and the key: over HTTP ...
        s2 = _http_login(hub, "HV902", handout["hv902"])
        for path in ("/user/hv901/api/contents/bai_tap", f"/user/hv901/files/bai_tap/{submission.name}",
                     f"/user/hv901/voila/render/bai_tap/{exercise_nb.name}"):
            r = s2.get(hub.url + path, allow_redirects=True, timeout=60)
            assert r.status_code == 403, f"trainee 2 got {r.status_code} for {path}"
        assert s2.get(hub.url + "/hub/api/users", timeout=30).status_code == 403
        # trainee 2 has not changed the handout password yet: no server, sent to the change-password page
        r = s2.get(hub.url + "/hub/", allow_redirects=False, timeout=30)
        assert r.headers["location"].endswith("/hub/change-password")
        r = s2.post(hub.url + "/hub/change-password", timeout=60,
                    data={"old_password": handout["hv902"], "new_password": NEW_PASSWORD["hv902"],
                          "new_password_confirmation": NEW_PASSWORD["hv902"], "_xsrf": s2.cookies.get("_xsrf")})
        assert "Đã đổi mật khẩu" in r.content.decode()
        r = s2.get(hub.url + "/hub/spawn", timeout=120)  # their own server; its API answers after this page
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            r = s2.get(hub.url + "/user/hv902/lab", timeout=60)
            if r.status_code == 200 and "/user/hv902/lab" in r.url:
                break
            time.sleep(1)  # polling the spawn
        own = s2.get(hub.url + "/user/hv902/api/contents/", timeout=60)
        assert own.status_code == 200 and {c["name"] for c in own.json()["content"]} >= {LESSON}
        for path in ("../hv901/bai_tap", f"../{INSTRUCTOR}/lop/giang_vien/dap_an.json"):
            r = s2.get(hub.url + "/user/hv902/api/contents/" + path, timeout=60)
            assert r.status_code in (400, 403, 404), f"{path}: {r.status_code}"
        # ... and on the file system, as their own Unix user (what their kernel or a terminal can do)
        for target in (submission, exercise_nb, key, collected, state / "jupyterhub.sqlite",
                       state / "lop.json"):
            done = _as_user("hv902", "cat", str(target))
            assert done.returncode != 0 and "Permission denied" in done.stderr, target
        for folder in (homes["hv901"], inst_home / "lop", state):
            assert _as_user("hv902", "ls", str(folder)).returncode != 0, folder

        # --- the instructor grades; the gradebook has trainee 1's score at the server's time
        done = run_class("grade", state=state)
        db = inst_home / "lop" / "giang_vien" / "so_diem.sqlite"
        assert db.stat().st_uid == pwd.getpwnam(INSTRUCTOR).pw_uid
        with sqlite3.connect(db) as con:
            con.row_factory = sqlite3.Row
            rows = con.execute("SELECT * FROM attempts WHERE trainee_id = 'HV901'").fetchall()
            assert len(rows) == 1, done.stdout
            assert rows[0]["time_source"] == "may_chu"
            assert dt.datetime.fromisoformat(rows[0]["received_at"]) == received
            scores = con.execute("SELECT SUM(auto_score), SUM(max_points) FROM scores WHERE attempt_id = ?",
                                 (rows[0]["attempt_id"],)).fetchone()
        total = sum(q["points"] for q in session.questions)
        assert tuple(scores) == (total, total), (tuple(scores), done.stdout)
        teacher.goto(hub.url + f"/hub/spawn?next=/user/{INSTRUCTOR}/lab/tree/lop/giang_vien")
        expect(teacher.get_by_text("so_diem.sqlite").first).to_be_visible(timeout=120_000)
        screenshot(teacher, "lop_giang_vien_so_diem")
    finally:
        hub.stop()
    # No server of any trainee outlives the hub. A kernel notices its parent has gone within a few seconds
    # (ipykernel's parent poller: "Parent appears to have exited, shutting down"), so wait that long, not forever.
    uids = {pwd.getpwnam(t.lower()).pw_uid for t, _ in TRAINEES}
    deadline = time.monotonic() + 30
    while (left := [p for p in Path("/proc").iterdir() if p.name.isdigit() and _uid(p) in uids]) and \
            time.monotonic() < deadline:
        time.sleep(0.5)
    assert not left, [_cmdline(p) for p in left]


def _cmdline(p: Path) -> str:
    try:
        return (p / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return p.name


def _uid(p: Path) -> int | None:
    try:
        return p.stat().st_uid
    except OSError:
        return None
