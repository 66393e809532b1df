"""Driving a course page in Voilà with Playwright: open it, find widgets by their Vietnamese labels, check it is clean.

Waiting follows ECOSYSTEM.md: `#loading` detached, `#rendered_cells` visible, then widget selectors, all through
Playwright's auto-retrying `expect`; nothing sleeps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "screenshots"

# A notebook runs every cell before the page shows (VoilaExecutor.timeout=60 per cell); a kernel start on a busy
# 2-core machine takes a few seconds more.
PAGE_TIMEOUT_MS = 120_000
WIDGET_TIMEOUT_MS = 30_000

# Messages from the browser console that mean a widget or an asset failed (voila #1472, ECOSYSTEM.md).
CONSOLE_FAILURES = re.compile(r"not registered|Failed to load|Error displaying widget|Could not create|"
                              r"Uncaught|ChunkLoadError|Cannot read|is not defined", re.IGNORECASE)

ERROR_SELECTORS = (
    ".jupyter-widgets-error-widget",
    "[data-mime-type='application/vnd.jupyter.stderr']",
    ".kiemtra-cell-error",
)


@dataclass
class ConsoleLog:
    """Everything the page said on the console, and the uncaught exceptions."""
    messages: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> "ConsoleLog":
        page.on("console", lambda msg: self.messages.append(f"{msg.type}: {msg.text}"))
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        page.on("requestfailed", self._request_failed)
        page.on("response", lambda res: res.status >= 400 and self.failed_requests.append(f"{res.url} ({res.status})"))
        return self

    def _request_failed(self, request) -> None:
        # Leaving a page, Voilà posts the kernel's shutdown as a beacon; the browser reports the unload as aborting
        # it even when the server got it (a refused one still shows as a >= 400 response below).
        if "/voila/api/shutdown/" in request.url and "ERR_ABORTED" in str(request.failure):
            return
        self.failed_requests.append(f"{request.url} ({request.failure})")

    def failures(self) -> list[str]:
        bad = [m for m in self.messages if m.startswith("error:") or CONSOLE_FAILURES.search(m)]
        bad += [f"pageerror: {e}" for e in self.page_errors]
        return bad + [f"request failed: {r}" for r in self.failed_requests] if bad or self.failed_requests else []


def open_page(page: Page, url: str):
    """Open a notebook page and wait until Voilà has run every cell and shown them; returns the response."""
    response = page.goto(url, wait_until="commit", timeout=PAGE_TIMEOUT_MS)
    assert response is not None and response.status == 200, f"{url} answered {response and response.status}"
    wait_until_rendered(page)
    return response


def wait_until_rendered(page: Page) -> None:
    """Voilà streams the page: #rendered_cells arrives before the cells run, #loading goes when they all ran."""
    expect(page.locator("#rendered_cells")).to_be_attached(timeout=PAGE_TIMEOUT_MS)
    expect(page.locator("#loading")).to_have_count(0, timeout=PAGE_TIMEOUT_MS)
    expect(page.locator("#rendered_cells")).to_be_visible(timeout=WIDGET_TIMEOUT_MS)


def wait_for_widgets(page: Page, count: int = 1) -> None:
    """Wait until at least `count` widget views are rendered (the kernel's comms are then connected)."""
    expect(page.locator("#rendered_cells .jupyter-widgets").nth(count - 1)).to_be_attached(
        timeout=WIDGET_TIMEOUT_MS)


def assert_clean(page: Page, console: ConsoleLog) -> None:
    """No error widget, no stderr or traceback output in any cell, no failing console message."""
    for selector in ERROR_SELECTORS:
        found = page.locator(selector)
        assert found.count() == 0, f"{selector} on the page:\n" + "\n---\n".join(found.all_inner_texts())
    text = page.locator("body").inner_text()
    for marker in ("Error displaying widget", "Traceback (most recent call last)", "There was an error when executing"):
        assert marker not in text, f"the page shows {marker!r}"
    assert not console.failures(), "browser console:\n" + "\n".join(console.failures())


MAX_SCREENSHOT_HEIGHT = 16_000


def screenshot(page: Page, name: str) -> Path:
    """The whole page as build/screenshots/<name>.png.

    Voilà's lab page scrolls inside `#rendered_cells` (a Lumino panel as tall as the window), so a "full page"
    screenshot would show one window's worth: the window is made as tall as the content for the shot, then restored.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    original = page.viewport_size
    height = page.evaluate("() => { const e = document.querySelector('#rendered_cells');"
                           " return Math.max(document.documentElement.scrollHeight, e ? e.scrollHeight : 0); }")
    height = min(max(height, original["height"]), MAX_SCREENSHOT_HEIGHT)
    page.set_viewport_size({"width": original["width"], "height": height})
    page.wait_for_function("h => { const e = document.querySelector('#rendered_cells');"
                           " return !e || e.scrollHeight <= e.clientHeight + 2 || e.clientHeight >= h - 2; }",
                           arg=height)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(original)
    return path


# --- widgets, found by the label a trainee reads -------------------------------------------------------------------

def _labelled(scope: Page | Locator, widget_class: str, label: str) -> Locator:
    page = scope if isinstance(scope, Page) else scope.page
    return scope.locator(f".{widget_class}").filter(has=page.locator(".widget-label", has_text=label))


def dropdown(scope: Page | Locator, label: str) -> Locator:
    """The <select> of the Dropdown whose description contains `label`."""
    return _labelled(scope, "widget-dropdown", label).locator("select")


def date_input(scope: Page | Locator, label: str) -> Locator:
    return _labelled(scope, "widget-datepicker", label).locator("input")


def button(scope: Page | Locator, text: str) -> Locator:
    return scope.locator("button.widget-button", has_text=text)


def set_date(field: Locator, value) -> None:
    """Type an ISO date into a DatePicker (Chromium's date input takes yyyy-mm-dd through fill)."""
    field.fill(value.isoformat())
    field.dispatch_event("change")
