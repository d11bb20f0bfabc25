"""The phone form without a browser: every bad input gets a clear page and changes nothing."""

import datetime as dt
import re

import pytest

from webapp.store import sessions as store
from webapp.store.db import connect


def csrf_of(response):
    return re.search(r'name="csrf" value="([^"]+)"', response.get_data(as_text=True)).group(1)


@pytest.fixture
def started(client):
    """A trainee who pressed Start: (client, csrf token)."""
    response = client.post("/start")
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    return client, csrf_of(page)


def answers_of(settings):
    db = connect(settings.database)
    try:
        rows = list(db["sessions"].rows)
        return store.current_answers(db, rows[0]["id"]) if rows else None
    finally:
        db.close()


def test_quick_exit_is_the_first_link_on_every_trainee_page(started):
    client, _ = started
    for path in ("/", "/q/passport-held-by-other", "/language"):
        html = client.get(path).get_data(as_text=True)
        body = html[html.index("<body>"):]
        assert re.search(r"<a [^>]*href=\"([^\"]+)\"", body).group(1) == "/exit", path


def test_the_session_cookie_is_httponly_samesite_and_secure_over_https(client):
    plain = client.post("/start").headers["Set-Cookie"]
    assert "HttpOnly" in plain and "SameSite=Lax" in plain and "Secure" not in plain
    secure = client.post("/start", base_url="https://kenri.example").headers["Set-Cookie"]
    assert "Secure" in secure


def test_a_forged_form_post_is_refused_and_changes_nothing(started, settings):
    client, _ = started
    response = client.post("/q/passport-held-by-other", data={"csrf": "forged", "answer": "no"})
    assert response.status_code == 400
    assert "This form could not be used" in response.get_data(as_text=True)
    assert answers_of(settings) == {}


def test_a_missing_answer_shows_the_error_summary_and_keeps_other_answers(started, settings):
    client, csrf = started
    client.post("/q/passport-held-by-other", data={"csrf": csrf, "answer": "no"})
    response = client.post("/q/wages-pay-ok", data={"csrf": csrf})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<title>Error: " in html and 'class="error-summary"' in html
    assert 'href="#option-yes"' in html   # the summary links to the first radio
    assert answers_of(settings) == {"passport-held-by-other": "no"}


def test_an_unknown_option_is_refused(started, settings):
    client, csrf = started
    response = client.post("/q/passport-held-by-other", data={"csrf": csrf, "answer": "perhaps"})
    assert response.status_code == 422 and answers_of(settings) == {}


def test_a_bad_number_keeps_what_was_typed(started):
    client, csrf = started
    for question, value in (("passport-held-by-other", "no"), ("wages-pay-ok", "yes"),
                            ("wages-prefecture", "tokyo")):
        client.post(f"/q/{question}", data={"csrf": csrf, "answer": value})
    response = client.post("/q/wages-hourly-rate", data={"csrf": csrf, "value": "12abc"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'value="12abc"' in html and "Enter a number between 1 and 100,000." in html


def test_a_question_out_of_order_is_refused_with_409(started, settings):
    client, csrf = started
    response = client.post("/q/money-taken", data={"csrf": csrf, "answer": "no"})
    assert response.status_code == 409 and answers_of(settings) == {}
    redirect = client.get("/q/money-taken")
    assert redirect.status_code == 303
    assert redirect.headers["Location"].endswith("/q/passport-held-by-other")


def test_an_expired_session_starts_again_with_a_notice(started, settings):
    client, csrf = started
    client.post("/q/passport-held-by-other", data={"csrf": csrf, "answer": "no"})
    db = connect(settings.database)
    old = (store.now() - dt.timedelta(minutes=45)).isoformat()
    db.execute("UPDATE sessions SET last_seen_at = ?", [old])
    db.conn.commit()
    db.close()
    assert client.get("/q/wages-pay-ok").headers["Location"].endswith("/")
    assert answers_of(settings) is None   # the expired session and its answers are gone


def test_an_oversized_post_is_413_without_a_traceback(started, settings):
    client, csrf = started
    response = client.post("/q/passport-held-by-other",
                           data={"csrf": csrf, "answer": "no", "pad": "x" * 100_000})
    assert response.status_code == 413
    assert "Traceback" not in response.get_data(as_text=True)
    assert answers_of(settings) == {}


def test_quick_exit_deletes_the_session_and_back_shows_nothing(started, settings, app):
    client, csrf = started
    client.post("/q/passport-held-by-other", data={"csrf": csrf, "answer": "yes"})
    response = client.get("/exit")
    assert response.status_code == 303
    assert response.headers["Location"] == app.config["KENRI_SETTINGS"].exit_url
    assert "kenri=;" in response.headers["Set-Cookie"]
    assert answers_of(settings) is None
    # Back to the question page: no session, so the start page, and nothing was cached
    again = client.get("/q/passport-which")
    assert again.status_code == 303 and again.headers["Location"].endswith("/")


def test_every_trainee_page_is_no_store_with_a_strict_csp(started):
    client, _ = started
    for path in ("/", "/q/passport-held-by-other", "/language"):
        response = client.get(path)
        assert response.headers["Cache-Control"] == "no-store"
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


def test_the_progress_line_counts_questions(started):
    client, _ = started
    html = client.get("/q/passport-held-by-other").get_data(as_text=True)
    assert re.search(r"Question 1 of about 1[0-9]", html)
