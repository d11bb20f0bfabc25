"""Links from the chat to the trainee's result on the web: sealed, short-lived, no login
(issue 13). Valid, expired, altered, and for a deleted interview; and the web pages they open
are the phone form's pages, for that chat interview."""

import base64
import datetime as dt
from urllib.parse import urlsplit

import pytest

from testkit.answer_sets import PROBLEMS
from webapp.channels.result_links import KEY_SECRET, LinkInvalid, LinkSealer
from webapp.store.db import connect, server_secret

from .people import LinePerson, stored, user_key, walk
from .speech import say

SESSION = "S" * 43
NOW = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)


def test_a_sealed_link_opens_to_what_was_sealed_and_hides_the_session_id():
    sealer = LinkSealer("ab" * 32)
    token = sealer.seal("summary", SESSION, NOW)
    opened = sealer.open(token)
    assert (opened.purpose, opened.session_id, opened.expires) == ("summary", SESSION, NOW)
    assert opened.expired(NOW) and not opened.expired(NOW - dt.timedelta(seconds=1))
    assert len(token) < 120 and token.isascii() and "/" not in token and "+" not in token
    assert "SSSS" not in token and b"SSSS" not in base64.urlsafe_b64decode(token + "==")
    assert sealer.seal("summary", SESSION, NOW) != token  # a fresh nonce every time


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),
        lambda t: t[:30] + ("x" if t[30] != "x" else "y") + t[31:],
        lambda t: t[:40],
        lambda t: "",
        lambda t: "!" * 50,
        lambda t: t + "AAAA",
        lambda t: "é" + t,
        lambda t: t * 3,
    ],
    ids=["last", "middle", "cut", "empty", "junk", "longer", "non-ascii", "too-long"],
)
def test_an_altered_link_is_refused(change):
    sealer = LinkSealer("ab" * 32)
    with pytest.raises(LinkInvalid):
        sealer.open(change(sealer.seal("result", SESSION, NOW)))


def test_a_link_made_with_another_key_is_refused():
    token = LinkSealer("cd" * 32).seal("result", SESSION, NOW)
    with pytest.raises(LinkInvalid):
        LinkSealer("ab" * 32).open(token)


# -- the web pages ------------------------------------------------------------------------


@pytest.fixture
def finished(talk, line_api):
    """A Vietnamese trainee who finished the interview over LINE: (person, last turn)."""
    person = LinePerson(talk, line_api, language="vi")
    person.follow()
    last, _ = walk(person, person.tap("Tiếng Việt"), PROBLEMS)
    return person, last


def finding_titles(app, answers: dict) -> list[str]:
    """The titles (msgids) of the findings these answers give today."""
    from webapp.clock import day_in_japan, utc_now
    from webapp.engine import evaluate, normalise_answers

    kb = app.extensions["kenri"].kb
    given = normalise_answers(kb, {q: v for q, v in answers.items() if q in kb.questions})
    findings = evaluate(kb, given, day_in_japan(utc_now())).findings
    return [f.rule.title for f in findings if "%(" not in f.rule.title]  # no filled-in values


def path_of(url: str) -> str:
    return urlsplit(url).path


def test_the_summary_link_opens_the_bilingual_summary_without_a_login(talk, finished):
    person, last = finished
    summary_url, result_url = (url for _, url in last.links[:2])
    assert summary_url.startswith("https://kenri.example/chat/open/")
    browser = talk.app.test_client()  # a browser that has never seen Kenri
    opened = browser.get(path_of(summary_url))
    assert opened.status_code == 303 and opened.headers["Location"] == "/chat/summary"
    assert opened.headers["Cache-Control"] == "no-store"
    session_id, _ = stored(talk.app, user_key(talk.app, "line", person.user))
    cookie = browser.get_cookie("kenri_chat", path="/chat")
    assert cookie.http_only and session_id not in cookie.value
    page = browser.get("/chat/summary")
    html = page.get_data(as_text=True)
    # (the summary's own wording is the phone form's; here: both languages, that trainee's)
    assert page.status_code == 200 and 'lang="vi"' in html and 'lang="ja"' in html
    assert session_id not in html
    # The full-result link opens the result page with the same findings
    other = talk.app.test_client()
    assert other.get(path_of(result_url)).headers["Location"] == "/chat/result"
    result = other.get("/chat/result").get_data(as_text=True)
    for title in finding_titles(talk.app, PROBLEMS):
        assert say(talk.app, "vi", title) in result


def test_an_expired_link_gets_a_clear_page_in_the_trainees_language(talk, finished):
    person, _ = finished
    session_id, _ = stored(talk.app, user_key(talk.app, "line", person.user))
    db = connect(talk.app.extensions["kenri"].settings.database)
    sealer = LinkSealer(server_secret(db, KEY_SECRET))
    db.close()
    past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    browser = talk.app.test_client()
    page = browser.get(f"/chat/open/{sealer.seal('summary', session_id, past)}")
    assert page.status_code == 410
    html = page.get_data(as_text=True)
    assert say(talk.app, "vi", "This link has expired") in html and 'lang="vi"' in html
    assert browser.get_cookie("kenri_chat", path="/chat") is None
    assert browser.get("/chat/summary").status_code == 303  # no way in without a good link


def test_an_altered_link_gets_a_clear_page(talk, finished):
    _, last = finished
    token = path_of(last.links[0][1]).rsplit("/", 1)[1]
    altered = token[:20] + ("A" if token[20] != "A" else "B") + token[21:]
    page = talk.app.test_client().get(f"/chat/open/{altered}")
    assert page.status_code == 404
    assert "This link does not work" in page.get_data(as_text=True)
    assert page.headers["Content-Security-Policy"] and page.headers["Referrer-Policy"]


def test_a_link_to_deleted_answers_says_they_are_no_longer_kept(talk, finished):
    person, last = finished
    person.type("delete")
    page = talk.app.test_client().get(path_of(last.links[0][1]))
    assert page.status_code == 410
    assert "Your answers are no longer kept" in page.get_data(as_text=True)


def test_quick_exit_on_the_web_deletes_the_chat_interview(talk, finished):
    person, last = finished
    key = user_key(talk.app, "line", person.user)
    browser = talk.app.test_client()
    browser.get(path_of(last.links[1][1]))
    assert browser.get("/chat/exit").status_code == 303
    assert stored(talk.app, key) == (None, {})
    # and the chat starts afresh
    assert person.type("hello").quick[0][1].startswith("l|")


def test_no_interview_starts_on_the_chat_pages(talk):
    browser = talk.app.test_client()
    assert browser.get("/chat/").headers["Location"] == "/"
    assert browser.post("/chat/start").headers["Location"] == "/"
    assert browser.get("/chat/?expired=1").headers["Location"] == "/?expired=1"
    forged_cookie = LinkSealer("ab" * 32).seal("cookie", SESSION, NOW + dt.timedelta(days=9999))
    browser.set_cookie("kenri_chat", forged_cookie, path="/chat")
    assert browser.get("/chat/result").status_code == 303


def test_ask_an_organisation_is_offered_where_the_trainee_shell_has_that_page(talk, finished):
    # Issue 11's handoff ("share") in the trainee shell: the chat links to it where it exists.
    _, last = finished
    has_handoff = "chat_web.share" in talk.app.view_functions
    assert len(last.links) == (3 if has_handoff else 2)
    if has_handoff:
        browser = talk.app.test_client()
        opened = browser.get(path_of(last.links[2][1]))
        assert opened.headers["Location"] == "/chat/share"
        assert browser.get("/chat/share").status_code == 200
