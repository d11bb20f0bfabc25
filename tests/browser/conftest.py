"""Browser fixtures: one live server and one Chromium per session, a fresh phone per test.

TESTING.md §2: Debian's /usr/bin/chromium driven by Playwright (never `playwright install`),
trainee pages at 360×640. Quick exit points at the server's own /healthz so no test ever
leaves 127.0.0.1.
"""

import re
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from webapp import create_app
from webapp.config import Settings

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"viewport": {"width": 360, "height": 640}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The real app on a real SQLite file, served on a free port of 127.0.0.1."""
    holder = {}
    srv = make_server("127.0.0.1", 0, lambda environ, respond: holder["app"](environ, respond),
                      threaded=True)
    base = f"http://127.0.0.1:{srv.server_port}"
    holder["app"] = create_app(Settings(testing=True,
                                        database=tmp_path_factory.mktemp("db") / "kenri.db",
                                        exit_url=base + "/healthz"))
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(5)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


def _page(browser, **extra):
    ctx = browser.new_context(**PHONE, **extra)
    ctx.set_default_timeout(5000)
    return ctx, ctx.new_page()


@pytest.fixture
def phone(browser):
    """A phone-sized page with JavaScript on."""
    ctx, page = _page(browser)
    yield page
    ctx.close()


@pytest.fixture
def phone_no_js(browser):
    """The same phone with JavaScript off: the form must work without it."""
    ctx, page = _page(browser, java_script_enabled=False)
    yield page
    ctx.close()


@pytest.fixture
def screenshot(request):
    """shot(page, suffix="") saves test-output/screenshots/<test-name>[-suffix].png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")

    def shot(page, suffix="", full_page=True):
        path = SCREENSHOTS / (f"{name}-{suffix}.png" if suffix else f"{name}.png")
        page.screenshot(path=str(path), full_page=full_page)
        return path
    return shot
