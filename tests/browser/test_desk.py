"""The NGO desk in Chromium, at laptop size (1280×800) and on a tablet: a new staff member
enrols their authenticator app, finds the urgent case first, reads it in Japanese beside
Vietnamese, shows the contact details, adds a note and closes it; a coordinator exports and
reads suppressed statistics. Cases are shared through the store API with findings from the
real engine."""

import csv
import datetime as dt
import io
import logging
import re
import threading

import pytest
from desk_support import ALL_CLEAR, PHONE, PROBLEMS, URGENT, code_at, make_account, make_org, share
from werkzeug.serving import make_server

from webapp import create_app
from webapp.config import Settings
from webapp.store import audit, case_work
from webapp.store.db import connect
from webapp.store.staff_accounts import add_staff

from .steps import axe_violations

pytestmark = pytest.mark.browser

LAPTOP = {"viewport": {"width": 1280, "height": 800}}
TABLET = {"viewport": {"width": 820, "height": 1180}, "is_mobile": True, "has_touch": True}


class DeskServer:
    """A live app on its own SQLite file, with what the desk tests need to set up data."""

    def __init__(self, tmp_path_factory):
        folder = tmp_path_factory.mktemp("desk")
        self.app = create_app(Settings(testing=True, database=folder / "kenri.db"))
        self.db = connect(folder / "kenri.db")
        self.sealer = self.app.extensions["kenri_sealer"]
        self.kb = self.app.extensions["kenri"].kb
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def share(self, answers, locale="vi", **kwargs):
        return share(self.db, self.sealer, self.kb, "tokyo-help", answers, locale=locale, **kwargs)


@pytest.fixture(scope="module")
def desk_server(tmp_path_factory):
    quiet = logging.getLogger("werkzeug")
    level = quiet.level
    quiet.setLevel(logging.WARNING)
    server = DeskServer(tmp_path_factory)
    make_org(server.db, "tokyo-help", languages=("vi", "id", "ja", "en"))
    server.thread.start()
    try:
        yield server
    finally:
        server.server.shutdown()
        server.server.server_close()
        server.thread.join(5)
        server.db.close()
        quiet.setLevel(level)


def new_page(browser, size, **extra):
    context = browser.new_context(**size, **extra)
    context.set_default_timeout(8000)
    return context, context.new_page()


def read(download) -> str:
    with open(download.path(), encoding="utf-8-sig") as handle:
        return handle.read()


def sign_in(page, base, email, password, secret):
    page.goto(base + "/staff/login?lang=ja")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile("/staff/login/code"))
    page.locator("#code").fill(code_at(secret, dt.datetime.now(dt.UTC)))
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/staff/$"))


def test_a_new_staff_member_enrols_and_works_an_urgent_vietnamese_case(
    browser, desk_server, screenshot
):
    server = desk_server
    server.db.execute("UPDATE cases SET status = 'closed'")  # only this test's cases open
    for _ in range(2):
        server.share(PROBLEMS, locale="id")  # serious, older
    urgent = server.share(URGENT, locale="vi")  # urgent, newest: still first
    member, one_time = add_staff(server.db, "tokyo-help", "lan@tokyo.example", "intake")
    context, page = new_page(browser, LAPTOP, java_script_enabled=False)
    try:
        page.goto(server.base + "/staff/login")
        screenshot(page, "login")
        page.get_by_label("E-mail address").fill("lan@tokyo.example")
        page.get_by_label("Password").fill(one_time)
        page.get_by_role("button", name="Continue").click()

        # enrolment: a QR code made on the server, and the key as text
        page.wait_for_url(re.compile("/staff/enrol"))
        assert page.locator(".qr svg").count() == 1
        secret = page.locator("code.secret").inner_text().replace(" ", "")
        screenshot(page, "enrol")
        page.get_by_label("6-digit code").fill(code_at(secret, dt.datetime.now(dt.UTC)))
        page.get_by_role("button", name="Confirm").click()
        assert page.locator("ul.codes li").count() == 10
        screenshot(page, "recovery-codes")
        page.get_by_role("link", name="I have kept these codes").click()

        # a one-time password must be replaced
        page.wait_for_url(re.compile("/staff/password"))
        page.get_by_label("Current password").fill(one_time)
        page.get_by_label("New password", exact=True).fill("lotus river morning tea")
        page.get_by_label("New password again").fill("lotus river morning tea")
        page.get_by_role("button", name="Change the password").click()
        page.get_by_role("link", name="Go to the queue").click()

        # the urgent case is first in the queue
        first = page.locator("table.queue tbody tr").first
        assert first.locator("th a").inner_text() == urgent.reference
        assert "Urgent" in first.inner_text()
        screenshot(page, "queue")

        # read it in Japanese beside Vietnamese
        first.locator("th a").click()
        page.get_by_role("link", name="日本語").click()
        sides = page.locator(".finding-pair").first.locator(".side")
        assert sides.nth(0).get_attribute("lang") == "ja"
        assert sides.nth(1).get_attribute("lang") == "vi"
        assert "刑法" in sides.nth(0).inner_text()
        assert "Bộ luật Hình sự" in sides.nth(1).inner_text()
        assert PHONE not in page.content()
        screenshot(page, "case-ja-vi")

        # show the contact details: a deliberate click, written to the audit log
        page.locator("#contact button").click()
        assert PHONE in page.locator(".contact-details").inner_text()
        shown = [
            e
            for e in audit.entries(server.db, "tokyo-help")
            if e.action == "contact-shown" and e.case_reference == urgent.reference
        ]
        assert [e.staff_id for e in shown] == [member.id]
        screenshot(page, "contact-shown", full_page=False)

        # a note, then close the case
        page.goto(server.base + f"/staff/cases/{urgent.reference}")
        page.locator("#note-text").fill("Called during the lunch break. Safe to talk.")
        page.locator("#note-text").locator("xpath=..").locator("button").click()
        assert "Called during the lunch break" in page.locator(".note").first.inner_text()
        page.locator("#status-select").select_option("closed")
        page.locator("#status-select").locator("xpath=..").locator("button").click()
        assert case_work.get_case(server.db, "tokyo-help", urgent.reference).status == "closed"
        screenshot(page, "closed")
        page.goto(server.base + "/staff/")
        assert urgent.reference not in page.locator("table.queue").inner_text()
    finally:
        context.close()


def test_the_case_page_works_on_a_tablet(browser, desk_server, screenshot):
    server = desk_server
    account = make_account(server.db, server.sealer, "tokyo-help", "tablet@tokyo.example")
    case = server.share(URGENT, locale="vi")
    context, page = new_page(browser, TABLET)
    try:
        sign_in(page, server.base, account.email, account.password, account.secret)
        screenshot(page, "queue-tablet")
        page.goto(server.base + f"/staff/cases/{case.reference}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 820, f"the case page scrolls sideways on a tablet ({width}px)"
        # the actions come right after the findings, before the long answer table
        actions = page.locator(".case-side").bounding_box()["y"]
        answers = page.locator(".case-answers").bounding_box()["y"]
        assert actions < answers
        screenshot(page, "case-tablet")
        assert axe_violations(page) == []
    finally:
        context.close()


def test_a_coordinator_exports_and_reads_suppressed_statistics(browser, desk_server, screenshot):
    server = desk_server
    for _ in range(6):
        server.share(PROBLEMS, locale="vi")
    server.share(ALL_CLEAR, locale="ja")
    account = make_account(
        server.db, server.sealer, "tokyo-help", "coord@tokyo.example", "coordinator"
    )
    context, page = new_page(browser, LAPTOP)
    try:
        sign_in(page, server.base, account.email, account.password, account.secret)
        # signed in in Japanese; this coordinator works in English (the choice is remembered)
        page.goto(server.base + "/staff/?lang=en")
        page.get_by_role("link", name="Statistics").click()
        cells = page.locator("td.num").all_inner_texts()
        assert "<5" in cells
        assert page.locator("svg[role=img]").count() >= 4
        assert page.locator(".bar-small rect").count() >= 1
        assert axe_violations(page) == []
        screenshot(page, "statistics")

        with page.expect_download() as download:
            page.get_by_role("link", name="Download as CSV").click()
        rows = list(csv.reader(io.StringIO(read(download.value))))
        assert rows[0] == ["table", "row", "column", "count"]
        assert any(row[-1] == "<5" for row in rows)

        page.get_by_role("link", name="Export").click()
        page.get_by_label("CSV (spreadsheet)").check()
        with page.expect_download() as download:
            page.get_by_role("button", name="Download").click()
        exported = read(download.value)
        assert "reference,received_at,status" in exported and PHONE not in exported
        entries = audit.entries(server.db, "tokyo-help")
        assert ("cases-exported", "csv, without contact details") in [
            (e.action, e.detail) for e in entries if e.staff_id == account.id
        ]

        page.get_by_role("link", name="Audit log").click()
        assert "Exported cases" in page.locator("table.log").inner_text()
        assert axe_violations(page) == []
        screenshot(page, "audit-log", full_page=False)
    finally:
        context.close()


def test_the_desk_pages_pass_axe(browser, desk_server):
    server = desk_server
    account = make_account(server.db, server.sealer, "tokyo-help", "axe@tokyo.example")
    case = server.share(URGENT, locale="vi")
    context, page = new_page(browser, LAPTOP)
    try:
        page.goto(server.base + "/staff/login")
        assert axe_violations(page) == []
        sign_in(page, server.base, account.email, account.password, account.secret)
        for path in (
            "/staff/",
            f"/staff/cases/{case.reference}",
            "/staff/account",
            "/staff/password",
        ):
            page.goto(server.base + path)
            assert axe_violations(page) == [], path
    finally:
        context.close()
