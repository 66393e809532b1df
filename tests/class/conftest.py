"""A real class server for the tests: the class environment built by class/install.sh, a hub and its proxy on free
ports, Chromium through Playwright. Everything made (hub, proxy, servers, Unix users, state) is removed at the end,
also when a test fails. Root only (CI runs as root): the hub creates Unix users and runs servers as them."""

from __future__ import annotations

import os
import pwd
import subprocess
import tempfile
from pathlib import Path

import pytest

from class_support import (CHROMIUM, CHROMIUM_ARGS, INSTRUCTOR, PREFIX, ROOT, TRAINEES, remove_leftover_users,
                           run_class)


@pytest.fixture(scope="session")
def class_env() -> Path:
    if os.geteuid() != 0:
        pytest.skip("Kiểm thử máy chủ lớp học cần quyền root (tạo tài khoản Unix cho học viên); CI chạy bằng root.")
    done = subprocess.run(["sh", str(ROOT / "class" / "install.sh")], capture_output=True, text=True, timeout=1500)
    if done.returncode == 2:
        pytest.skip(f"Không cài được môi trường lớp học: {done.stderr.strip()}")
    assert done.returncode == 0, f"class/install.sh failed:\n{done.stdout}\n{done.stderr}"
    return PREFIX


@pytest.fixture(scope="module")
def class_dirs(class_env):
    """A state folder and a work folder; at the end every Unix user the class created is gone."""
    remove_leftover_users([INSTRUCTOR] + [t.lower() for t, _ in TRAINEES])
    base = Path(tempfile.mkdtemp(prefix="kiemtra-lop-test-"))
    state = base / "state"
    yield state, base
    run_class("remove", state=state, check=False)
    remove_leftover_users([INSTRUCTOR] + [t.lower() for t, _ in TRAINEES])
    for name in [INSTRUCTOR] + [t.lower() for t, _ in TRAINEES]:
        try:
            pwd.getpwnam(name)
            raise AssertionError(f"Unix user {name} is still there after the class was removed")
        except KeyError:
            pass
        assert not (Path("/home") / name).exists(), f"/home/{name} is still there after the class was removed"
    subprocess.run(["rm", "-rf", str(base)])


@pytest.fixture(scope="session")
def browser(class_env, playwright_session):
    script = ROOT / "scripts" / "ensure_chromium.sh"
    done = subprocess.run([str(script)], capture_output=True, text=True, timeout=900)
    if done.returncode == 2:
        pytest.skip(f"Không chạy được kiểm thử trình duyệt: {done.stderr.strip()}")
    assert done.returncode == 0, f"{script} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    from playwright.sync_api import expect

    expect.set_options(timeout=60_000)  # a spawn and a kernel start on a busy 2-core machine
    env = dict(os.environ, LANG="vi_VN.UTF-8", LANGUAGE="vi")
    b = playwright_session.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, env=env)
    yield b
    b.close()


@pytest.fixture
def new_page(browser):
    """Pages in their own contexts (one per person: no shared cookies), console recorded, closed at the end."""
    from app_page import ConsoleLog

    contexts = []

    def make():
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        contexts.append(context)
        page = context.new_page()
        page.console_log = ConsoleLog().attach(page)
        return page

    yield make
    for c in contexts:
        c.close()
