"""Browser tests of the course app: Debian's Chromium driven by Playwright, pages served by Voilà on 127.0.0.1.

Chromium is installed by scripts/ensure_chromium.sh (apt, as root) the first time a browser test needs it; the tests
skip, saying why, only when it is absent and cannot be installed. Playwright's own browser download is never used.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from kiemtra_lib.course.app import VoilaServer

from app_page import ConsoleLog

ROOT = Path(__file__).resolve().parents[2]

# Notebooks used to test the harness itself; they are not part of the course and nbval must not run them.
collect_ignore_glob = ["fixtures/*"]

CHROMIUM = "/usr/bin/chromium"
# Playwright adds --headless itself. Without the background-networking flags Chromium keeps dialling Google's hosts,
# which this machine's closed network refuses (/work/.library/env/machines/python.md).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    script = ROOT / "scripts" / "ensure_chromium.sh"
    done = subprocess.run([str(script)], capture_output=True, text=True, timeout=900)
    if done.returncode == 2:
        pytest.skip(f"Không chạy được kiểm thử trình duyệt: {done.stderr.strip()}")
    assert done.returncode == 0, f"{script} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    version = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    print(f"browser tests use {version}")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_executable, playwright_session):
    from playwright.sync_api import expect

    # Every expect() retries until the page shows the text; a kernel's answer on a loaded 2-core machine can take
    # longer than Playwright's default 5 s.
    expect.set_options(timeout=30_000)

    # A Vietnamese browser, as the trainees': date fields read dd/mm/yyyy (needs chromium-l10n, see the script).
    env = dict(os.environ, LANG="vi_VN.UTF-8", LANGUAGE="vi")
    browser = playwright_session.chromium.launch(executable_path=chromium_executable, args=CHROMIUM_ARGS, env=env)
    yield browser
    browser.close()


@pytest.fixture
def page(browser):
    """A fresh page (own context: no shared storage between tests), Vietnamese locale, console recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.console_log = ConsoleLog().attach(page)
    yield page
    context.close()


@pytest.fixture(scope="session")
def course_server():
    """Voilà serving the course (notebooks/), as `make app` does."""
    with VoilaServer(ROOT / "notebooks") as server:
        yield server


@pytest.fixture(scope="session")
def fixture_server():
    """Voilà serving the harness's own fixture notebooks."""
    with VoilaServer(Path(__file__).parent / "fixtures" / "course") as server:
        yield server
