"""A chat user opens their result from the chat's link on a phone (issue 13): no login, the
summary and the result in their language, axe-clean, and the link's clear pages when it has
expired or been changed."""

import datetime as dt

import pytest

from testkit.answer_sets import URGENT, asked_in_order
from testkit.live_server import serving
from webapp import create_app
from webapp.channels.result_links import KEY_SECRET, LinkSealer
from webapp.config import Settings
from webapp.interview import Interviews
from webapp.store.db import connect, server_secret

from .steps import axe_violations, path_of

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chat_server(tmp_path_factory, kb, locales):
    """A server, and a Burmese chat interview finished in its database (as the chat leaves
    it): (base URL, link(purpose, minutes) -> URL)."""
    database = tmp_path_factory.mktemp("chat-db") / "kenri.db"
    settings = Settings(testing=True, database=database)
    with serving(lambda base: create_app(settings, kb=kb, locales=locales)) as base:
        db = connect(database)
        core = Interviews(kb, db, settings.session_limits, locales, "en")
        interview = core.start("chat", explicit_locale="my")
        for question, value in asked_in_order(URGENT, kb=kb):
            interview = core.answer(interview, question, value)
        sealer = LinkSealer(server_secret(db, KEY_SECRET))
        db.close()

        def link(purpose: str, minutes: int = 30) -> str:
            expires = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=minutes)
            return f"{base}/chat/open/{sealer.seal(purpose, interview.id, expires)}"

        yield base, link


def test_the_summary_link_opens_on_a_phone_in_burmese(phone, chat_server, screenshot):
    base, link = chat_server
    # Given a Burmese trainee taps "My summary" in the chat
    phone.goto(link("summary"))
    # Then the bilingual summary opens, Burmese beside Japanese, with no login
    assert path_of(phone) == "/chat/summary"
    sides = phone.locator("section.summary-side")
    assert [sides.nth(i).get_attribute("lang") for i in range(2)] == ["my", "ja"]
    assert axe_violations(phone) == []
    screenshot(phone, "summary")
    # And the full result is a tap away, in Burmese, with Call 110 (an urgent finding)
    phone.goto(link("result"))
    assert path_of(phone) == "/chat/result"
    assert phone.locator("html").get_attribute("lang") == "my"
    assert phone.locator('a[href="tel:110"]').count() >= 1
    assert axe_violations(phone) == []
    screenshot(phone, "result")


def test_an_expired_or_changed_link_gets_a_clear_page(phone, chat_server, screenshot):
    base, link = chat_server
    response = phone.goto(link("summary", minutes=-1))
    assert response.status == 410
    assert phone.locator("html").get_attribute("lang") == "my"
    assert axe_violations(phone) == []
    screenshot(phone, "expired")
    token = link("summary").rsplit("/", 1)[1]
    changed = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    assert phone.goto(f"{base}/chat/open/{changed}").status == 404
    assert phone.locator("h1").inner_text() == "This link does not work"
