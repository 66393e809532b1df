# At the root (not tests/) so that --doctest-modules over tests/ never imports two modules named "conftest".
import matplotlib
import pytest

# Plain unit tests draw without a screen; kernels (nbval, papermill, Voilà) keep their inline backend.
matplotlib.use("Agg")


@pytest.fixture(scope="session")
def playwright_session():
    """One Playwright for the whole run: its sync API cannot be started a second time in a process while the first
    runs, and both the browser tests and the class-server tests keep a Chromium open for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw
