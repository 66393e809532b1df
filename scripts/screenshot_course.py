#!/usr/bin/env python3
"""Screenshots of every course notebook as a Voilà app (code hidden), for checking by eye.

    python scripts/screenshot_course.py                 # all notebooks -> build/course/screenshots/NN_name.png
    python scripts/screenshot_course.py 02_kiem_diem    # some

Starts Voilà the way the app does (``kiemtra_lib.course.app``), opens each page in Debian's headless Chromium through
Playwright, waits until every cell ran (``#loading`` gone, ``#rendered_cells`` shown) and the widgets rendered, and
saves a full-page screenshot. It reports any error widget or stderr output found on the page.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from kiemtra_lib.course.app import VoilaServer
from kiemtra_lib.course.lessons import LESSONS, NOTEBOOKS, ROOT, lesson

OUT = ROOT / "build" / "course" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
ERRORS = (".jupyter-widgets-error-widget", "[data-mime-type='application/vnd.jupyter.stderr']")


def main(argv: list[str]) -> int:
    if not CHROMIUM.exists():
        print(f"Không có {CHROMIUM}: chạy scripts/ensure_chromium.sh trước.", file=sys.stderr)
        return 2
    names = [lesson(n).name for n in argv] if argv else [ls.name for ls in LESSONS]
    OUT.mkdir(parents=True, exist_ok=True)
    problems = 0
    with VoilaServer(NOTEBOOKS) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--lang=vi-VN"])
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")  # dd/mm/yyyy pickers
        for name in names:
            page.goto(server.notebook_url(lesson(name).notebook), wait_until="commit", timeout=180_000)
            expect(page.locator("#loading")).to_have_count(0, timeout=180_000)
            expect(page.locator("#rendered_cells")).to_be_visible(timeout=60_000)
            expect(page.locator("#rendered_cells .jupyter-widgets").first).to_be_attached(timeout=60_000)
            page.wait_for_load_state("networkidle", timeout=60_000)
            path = OUT / f"{name}.png"
            # Voilà's page scrolls inside #rendered_cells: make the window as tall as the content for the shot.
            height = page.evaluate("() => { const e = document.querySelector('#rendered_cells');"
                                   " return Math.max(document.documentElement.scrollHeight, e ? e.scrollHeight : 0); }")
            page.set_viewport_size({"width": 1280, "height": min(max(height, 900), 30000)})
            page.wait_for_timeout(500)  # one layout pass after the resize; the content is already rendered
            page.screenshot(path=str(path), full_page=True)
            page.set_viewport_size({"width": 1280, "height": 900})
            found = sum(page.locator(s).count() for s in ERRORS)
            problems += found
            print(f"{name}: {path.relative_to(ROOT)}" + (f" — {found} lỗi trên trang" if found else ""))
        browser.close()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
