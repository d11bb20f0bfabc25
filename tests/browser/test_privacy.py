"""Issue 7, row 1: what browser history and tab titles show a watcher, in Chromium at 360×640."""

import re
from urllib.parse import urlsplit

import pytest

from testkit.answer_sets import shipped_knowledge

from .steps import PROBLEMS, see_result, start, walk_to_check

pytestmark = pytest.mark.browser


@pytest.mark.browser
def test_history_and_titles_reveal_no_topic(phone, live_server, screenshot):
    kb = shipped_knowledge()
    topic_words = {word for qid in kb.questions for word in qid.split("-")} | {
        q.topic for q in kb.questions.values()
    }
    seen = []

    def record(page):
        seen.append((page.url, page.title(), page.locator("h1").first.inner_text()))

    # Given a trainee whose passport is kept and whose pay is below the minimum wage
    start(phone, live_server)
    # When they answer the whole interview on their phone
    asked = walk_to_check(phone, PROBLEMS, on_page=record)
    see_result(phone)
    screenshot(phone, full_page=False)
    # Then every question page's address is a bare number and its title "Kenri – n"
    assert len(seen) == len(asked) >= 15
    for number, (url, title, h1) in enumerate(seen, 1):
        path = urlsplit(url).path
        assert path == f"/q/{number}", url
        assert title == f"Kenri – {number}", title
        words = set(re.findall(r"[a-z]+", (path + " " + title).lower()))
        assert not words & topic_words, (url, title)
        # and the heading still reads the question out, for the trainee and screen readers
        assert h1 == kb.questions[asked[number - 1]].text
    # And what Back walks through shows the same neutral entries
    phone.go_back()
    assert urlsplit(phone.url).path == "/check"
    phone.go_back()
    assert re.fullmatch(r"Kenri – \d+", phone.title()) and re.fullmatch(
        r"/q/\d+", urlsplit(phone.url).path
    )
