"""The phone form without a browser: every bad input gets a clear page and changes nothing."""

import datetime as dt
import re

import pytest

from webapp.clock import utc_now
from webapp.loaded import loaded
from webapp.store.answers import current_answers
from webapp.store.db import connect


def csrf_of(response):
    return re.search(r'name="csrf" value="([^"]+)"', response.get_data(as_text=True)).group(1)


def cookie_of(client, name="kenri"):
    cookie = client.get_cookie(name)
    return cookie.value if cookie else None


def answer(client, csrf, number, question, **data):
    return client.post(f"/q/{number}", data={"csrf": csrf, "question": question, **data})


@pytest.fixture
def started(client):
    """A trainee who pressed Start: (client, csrf token)."""
    response = client.post("/start")
    assert response.status_code == 303 and response.headers["Location"] == "/q/1"
    page = client.get(response.headers["Location"])
    return client, csrf_of(page)


def answers_of(settings, client):
    """The answers stored under the trainee's cookie; None when their session is gone."""
    db = connect(settings.database)
    try:
        session_id = cookie_of(client)
        if not session_id or not list(db["sessions"].rows_where("id = ?", [session_id])):
            return None
        return current_answers(db, session_id)
    finally:
        db.close()


def test_quick_exit_is_the_first_link_on_every_trainee_page(started):
    client, _ = started
    for path in ("/", "/q/1", "/language"):
        html = client.get(path).get_data(as_text=True)
        body = html[html.index("<body>") :]
        assert re.search(r"<a [^>]*href=\"([^\"]+)\"", body).group(1) == "/exit", path


def test_the_session_cookie_is_httponly_samesite_and_secure_over_https(client):
    plain = client.post("/start").headers["Set-Cookie"]
    assert "HttpOnly" in plain and "SameSite=Lax" in plain and "Secure" not in plain
    secure = client.post("/start", base_url="https://kenri.example").headers["Set-Cookie"]
    assert "Secure" in secure


def test_a_forged_form_post_is_refused_and_changes_nothing(started, settings):
    client, _ = started
    response = answer(client, "forged", 1, "movement-locked-in", answer="no")
    assert response.status_code == 400
    assert "This form could not be used" in response.get_data(as_text=True)
    assert answers_of(settings, client) == {}


def test_a_missing_answer_shows_the_error_summary_and_keeps_other_answers(started, settings):
    client, csrf = started
    answer(client, csrf, 1, "movement-locked-in", answer="no")
    response = answer(client, csrf, 2, "wages-pay-ok")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<title>Error: " in html and 'class="error-summary"' in html
    assert 'href="#option-yes"' in html  # the summary links to the first radio
    assert answers_of(settings, client) == {"movement-locked-in": "no"}


def test_an_unknown_option_is_refused(started, settings):
    client, csrf = started
    response = answer(client, csrf, 1, "movement-locked-in", answer="perhaps")
    assert response.status_code == 422 and answers_of(settings, client) == {}


def test_a_bad_number_keeps_what_was_typed(started):
    client, csrf = started
    for number, (question, value) in enumerate(
        (("movement-locked-in", "no"), ("wages-pay-ok", "yes"), ("wages-prefecture", "tokyo")),
        1,
    ):
        answer(client, csrf, number, question, answer=value)
    response = answer(client, csrf, 4, "wages-hourly-rate", value="12abc")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'value="12abc"' in html and "Enter a number between 1 and 100,000." in html


def test_a_question_out_of_order_is_refused_with_409(started, settings):
    client, csrf = started
    response = answer(client, csrf, 1, "money-taken", answer="no")
    assert response.status_code == 409 and answers_of(settings, client) == {}
    unknown = answer(client, csrf, 1, "no-such-question", answer="no")
    assert unknown.status_code == 409 and answers_of(settings, client) == {}
    redirect = client.get("/q/7")
    assert redirect.status_code == 303
    assert redirect.headers["Location"] == "/q/1"


def test_an_expired_session_starts_again_with_a_notice(started, settings):
    client, csrf = started
    answer(client, csrf, 1, "movement-locked-in", answer="no")
    db = connect(settings.database)
    old = (utc_now() - dt.timedelta(minutes=45)).isoformat()
    db.execute("UPDATE sessions SET last_seen_at = ?", [old])
    db.conn.commit()
    db.close()
    response = client.get("/q/2")
    assert response.status_code == 303 and response.headers["Location"].startswith("/?")
    assert answers_of(settings, client) is None  # the expired session and its answers are gone


def test_an_oversized_post_is_413_without_a_traceback(started, settings):
    client, csrf = started
    response = answer(client, csrf, 1, "movement-locked-in", answer="no", pad="x" * 100_000)
    assert response.status_code == 413
    assert "Traceback" not in response.get_data(as_text=True)
    assert answers_of(settings, client) == {}


def test_quick_exit_deletes_the_session_and_back_shows_nothing(started, settings, app):
    client, csrf = started
    answer(client, csrf, 1, "movement-locked-in", answer="yes")
    session_id = cookie_of(client)
    response = client.get("/exit")
    assert response.status_code == 303
    with app.app_context():
        assert response.headers["Location"] == loaded().settings.exit_url
    assert "kenri=;" in response.headers["Set-Cookie"]
    db = connect(settings.database)
    assert db["sessions"].count_where("id = ?", [session_id]) == 0
    assert db["answers"].count == 0
    db.close()
    # Back to the question page: no session, so the start page, and nothing was cached
    again = client.get("/q/2")
    assert again.status_code == 303 and again.headers["Location"] == "/"


def test_every_trainee_page_is_no_store_with_a_strict_csp(started):
    client, _ = started
    for path in ("/", "/q/1", "/language", "/q/9"):
        response = client.get(path)
        assert response.headers["Cache-Control"] == "no-store", path
        csp = response.headers["Content-Security-Policy"]
        # default-src 'self' governs scripts too: no inline script can run
        assert "frame-ancestors 'none'" in csp and csp.startswith("default-src 'self'")
        assert "script-src" not in csp or "script-src 'self'" in csp
        assert "unsafe-inline" not in csp


def test_the_stylesheet_is_fingerprinted_gzipped_and_cached_for_a_year(client):
    html = client.get("/").get_data(as_text=True)
    href = re.search(r'<link rel="stylesheet" href="([^"]+)"', html).group(1)
    response = client.get(href, headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "immutable" in response.headers["Cache-Control"]
    assert client.get(href.replace(href.split("/")[2], "0" * 12)).status_code == 404


def test_the_progress_line_counts_parts_and_never_moves_its_goalposts(started):
    # Issue 10: "Question 1 of about 11" climbed to "20 of about 21". Parts are the topics of
    # the interview: a "yes" adds questions inside a part, never parts.
    client, csrf = started
    from testkit.answer_sets import MANY_PROBLEMS
    from testkit.form_posts import form_steps

    seen = []
    for number, _question, fields in form_steps(MANY_PROBLEMS):
        html = client.get(f"/q/{number}").get_data(as_text=True)
        part, parts = map(int, re.search(r"Part (\d+) of (\d+)", html).groups())
        seen.append((part, parts))
        client.post(f"/q/{number}", data={"csrf": csrf, **fields})
    assert len({parts for _, parts in seen}) == 1, seen
    assert [part for part, _ in seen] == sorted(part for part, _ in seen)
    assert seen[0][0] == 1 and seen[-1][0] == seen[-1][1]  # this trainee reached every part


def test_the_result_and_the_summary_are_recorded_once_per_interview(started, settings):
    # Issue 9: results counted page views. Given a trainee who finished the interview
    client, csrf = started
    from testkit.answer_sets import ALL_CLEAR, asked_in_order

    for number, (question, value) in enumerate(asked_in_order(ALL_CLEAR), 1):
        field = "value" if question == "wages-hourly-rate" else "answer"
        assert answer(client, csrf, number, question, **{field: value}).status_code == 303
    # When they look at the result three times and the summary once
    for path in ("/result", "/result", "/summary", "/result"):
        assert client.get(path).status_code == 200, path
    # Then one result and one tally row were written
    db = connect(settings.database)
    try:
        assert db["results"].count == 1 and db["result_tally"].count == 1
        assert list(db["result_tally"].rows)[0]["kind"] == "form"
    finally:
        db.close()
