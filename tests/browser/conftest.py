"""Browser fixtures: one live server and one Chromium per session, a fresh phone per test.

TESTING.md §2: Debian's /usr/bin/chromium driven by Playwright (never `playwright install`),
trainee pages at 360×640. Quick exit points at the server's own /healthz so no test ever
leaves 127.0.0.1.
"""

import re
from pathlib import Path

import pytest

from testkit.live_server import serving
from webapp import create_app
from webapp.config import Settings

from .steps import ANSWER_SETS, PHONE, Walk, look, see_result, walk_to_check

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, kb, locales):
    """The real app on a real SQLite file, served on a free port of 127.0.0.1."""
    database = tmp_path_factory.mktemp("db") / "kenri.db"
    with serving(
        lambda base: create_app(
            Settings(testing=True, database=database, exit_url=base + "/healthz"),
            kb=kb,
            locales=locales,
        )
    ) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (scripts/system-deps installs it)")
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


@pytest.fixture(scope="session")
def finished(browser, live_server):
    """finished(name, js=True) -> Walk: a trainee who answered ANSWER_SETS[name] and saw the
    result, walked once per session and shared by tests that only look (GET pages). The Walk
    keeps every request URL and each page's lang and viewport, for the privacy tests."""
    made = {}

    def get(name, js=True):
        if (name, js) not in made:
            ctx, page = _page(browser, java_script_enabled=js)
            walk = Walk(ctx, [])
            page.on("request", lambda r: walk.requests.append(r.url))
            page.goto(live_server + "/")
            walk.pages.append(look(page))
            page.get_by_role("button", name="Start").click()
            page.wait_for_url(re.compile("/q/"))
            walk.asked = walk_to_check(
                page, ANSWER_SETS[name], on_page=lambda p: walk.pages.append(look(p))
            )
            walk.pages.append(look(page))
            see_result(page)
            walk.pages.append(look(page))
            page.close()
            made[name, js] = walk
        return made[name, js]

    try:
        yield get
    finally:
        for walk in made.values():
            walk.context.close()


@pytest.fixture
def screenshot(request):
    """shot(page_or_locator, suffix="") saves test-output/screenshots/<test-name>[-suffix].png;
    shot.path_for(suffix) names such a file for other tools (pdftoppm)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")

    def path_for(suffix=""):
        return SCREENSHOTS / (f"{name}-{suffix}.png" if suffix else f"{name}.png")

    def shot(target, suffix="", full_page=True):
        """Save a page (whole length by default) or one element (a Locator)."""
        path = path_for(suffix)
        if hasattr(target, "goto"):
            # whole pages at CSS pixels: 4× fewer pixels, quicker, still readable
            target.screenshot(
                path=str(path), full_page=full_page, scale="css" if full_page else "device"
            )
        else:
            target.screenshot(path=str(path))
        return path

    shot.path_for = path_for
    return shot
