"""Issue 7: what a watcher or a stranger could learn or do through the phone form.

Rows of the issue's table: 1 (history and titles), 2 (session fixation), 3 (open redirects),
7 (translation reports), 8 (idle expiry).
"""

import datetime as dt
import html as html_lib
import re

import pytest

from testkit.answer_sets import PROBLEMS
from testkit.form_posts import form_steps
from webapp.clock import utc_now
from webapp.store.answers import current_answers
from webapp.store.db import connect

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(response):
    return CSRF.search(response.get_data(as_text=True)).group(1)


def kenri_cookie(client):
    cookie = client.get_cookie("kenri")
    return cookie.value if cookie else None


def walk(client, answers):
    """Start and answer every question the form asks; return the pages seen (url, html)."""
    seen = []
    response = client.post("/start")
    token = None
    for number, _question, fields in form_steps(answers):
        assert response.headers["Location"] == f"/q/{number}"
        page = client.get(f"/q/{number}")
        seen.append((f"/q/{number}", page.get_data(as_text=True)))
        token = token or csrf_of(page)
        response = client.post(f"/q/{number}", data={**fields, "csrf": token})
        assert response.status_code == 303, response.get_data(as_text=True)
    return seen


# --- row 1: history and tab titles reveal nothing -------------------------------------------------


def test_question_urls_and_titles_carry_no_topic_words(client, kb):
    # Given a trainee whose passport is kept and whose pay is low
    pages = walk(client, PROBLEMS)
    # Then every question page's address and title are a number, and the h1 is the question
    topic_words = {word for qid in kb.questions for word in qid.split("-")} - {"q"}
    for number, (url, html) in enumerate(pages, 1):
        assert re.fullmatch(r"/q/\d+", url) and url == f"/q/{number}"
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        assert title == f"Kenri – {number}", title
        assert not topic_words & set(re.findall(r"[a-z]+", title.lower()))
        h1 = re.search(r"<legend><h1>(.*?)</h1></legend>", html, re.S).group(1)
        assert html_lib.unescape(h1) in {q.text for q in kb.questions.values()}


def test_an_error_title_stays_neutral(client):
    client.post("/start")
    token = csrf_of(client.get("/q/1"))
    html = client.post("/q/1", data={"csrf": token, "question": "movement-locked-in"}).get_data(
        as_text=True
    )
    assert re.search(r"<title>(.*?)</title>", html).group(1) == "Error: Kenri – 1"


# --- row 2: form and API sessions are different kinds; ids are never adopted ---------------------


def test_an_api_session_id_is_never_adopted_by_the_form(client, settings):
    # Given a session made through the API (an attacker can make one and plant its id)
    api_id = client.post("/api/v1/sessions", json={}).json["id"]
    client.set_cookie("kenri", api_id)
    # Then the form does not treat it as an interview
    assert client.get("/q/1").headers["Location"] == "/"
    # And Start issues a fresh id of the form's own
    client.post("/start")
    form_id = kenri_cookie(client)
    assert form_id and form_id != api_id
    token = csrf_of(client.get("/q/1"))
    client.post("/q/1", data={"csrf": token, "question": "movement-locked-in", "answer": "yes"})
    # And the trainee's answers cannot be read through the planted id
    planted = client.get(f"/api/v1/sessions/{api_id}").json
    assert planted["answered"] == []
    db = connect(settings.database)
    assert current_answers(db, form_id) == {"movement-locked-in": "yes"}
    db.close()


@pytest.mark.parametrize(
    "method, path",
    [
        pytest.param("get", "/api/v1/sessions/{id}", id="state"),
        pytest.param("get", "/api/v1/sessions/{id}/result", id="result"),
        pytest.param("post", "/api/v1/sessions/{id}/answers", id="answer"),
        pytest.param("delete", "/api/v1/sessions/{id}", id="delete"),
    ],
)
def test_a_form_session_id_is_unknown_to_the_api(client, method, path):
    client.post("/start")
    form_id = kenri_cookie(client)
    response = getattr(client, method)(
        path.format(id=form_id), json={"question": "movement-locked-in", "answer": "no"}
    )
    assert response.status_code == 404 and response.content_type == "application/problem+json"
    assert client.get("/q/1").status_code == 200  # and the form's interview is untouched


def test_start_always_issues_a_fresh_id_and_the_old_one_dies(client, settings):
    client.post("/start")
    first = kenri_cookie(client)
    token = csrf_of(client.get("/q/1"))
    client.post("/q/1", data={"csrf": token, "question": "movement-locked-in", "answer": "no"})
    # When the trainee presses Start again (from the start page)
    response = client.post("/start")
    second = kenri_cookie(client)
    # Then they continue where they were, under a new id, and the old id works no more
    assert second != first and response.headers["Location"] == "/q/2"
    client.set_cookie("kenri", first)
    assert client.get("/q/1").headers["Location"] == "/"
    db = connect(settings.database)
    assert db["sessions"].count_where("id = ?", [first]) == 0
    assert current_answers(db, second) == {"movement-locked-in": "no"}
    db.close()


# --- row 3: "next" and "page" only ever lead to Kenri's own pages ---------------------------------

OFF_SITE = [
    "/%5Cevil.example/phish",
    "/%09/evil.example",
    "/%0a/evil.example",
    "//evil.example/",
    "https://evil.example/",
    "/\\evil.example",
    "javascript:alert(1)",
    "/no-such-page",
    "/checkout",
    "/exit",
    "/api/v1/locales",
    "/healthz",
]


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_language_picker_only_links_to_kenris_own_pages(client, target):
    html = client.get(f"/language?next={target}").get_data(as_text=True)
    links = re.findall(r'<li><a href="([^"]+)"', html)
    assert links and all(link.startswith("/?lang=") for link in links), links
    assert "evil" not in html


@pytest.mark.parametrize("target", ["/q/3", "/check", "/result", "/"])
def test_the_language_picker_keeps_the_trainees_page(client, target):
    html = client.get(f"/language?next={target}").get_data(as_text=True)
    assert f'href="{target}?lang=vi"' in html


def report_token(client):
    return csrf_of(client.get("/report-translation"))


@pytest.mark.parametrize("target", OFF_SITE)
def test_go_back_after_a_report_only_leads_to_kenri(client, target):
    token = report_token(client)
    html = client.post(
        "/report-translation", data={"csrf": token, "page": target, "text": "wrong word"}
    ).get_data(as_text=True)
    assert re.search(r'<a class="button" href="([^"]+)"', html).group(1) == "/"


# --- row 7: translation reports are CSRF-protected, rate-limited and hold no address -----------


def test_a_report_without_the_forms_token_is_refused(client, settings):
    forged = client.post("/report-translation", data={"page": "/", "text": "spam"})
    assert forged.status_code == 400
    # a token from the form is useless without the browser's own cookie (a cross-site post)
    token = report_token(client)
    client.delete_cookie("kenri_report")
    assert client.post("/report-translation", data={"csrf": token, "text": "x"}).status_code == 400
    db = connect(settings.database)
    assert db["translation_reports"].count == 0
    db.close()


def test_a_report_is_stored_without_any_address(client, settings):
    token = report_token(client)
    response = client.post(
        "/report-translation?lang=vi",
        data={"csrf": token, "page": "/q/2", "text": "wrong word"},
        environ_base={"REMOTE_ADDR": "203.0.113.7"},
        headers={"User-Agent": "Phone/1.0"},
    )
    assert response.status_code == 200
    db = connect(settings.database)
    rows = list(db["translation_reports"].rows)
    db.close()
    assert [(r["locale"], r["page"], r["text"]) for r in rows] == [("vi", "/q/2", "wrong word")]
    assert set(rows[0]) == {"id", "locale", "page", "text", "created_at"}
    assert "203.0.113.7" not in repr(rows) and "Phone/1.0" not in repr(rows)


def test_reports_are_rate_limited_across_everyone(client, settings, app):
    from webapp.loaded import loaded
    from webapp.store.reports import record_report

    with app.app_context():
        limit = loaded().settings.reports_per_hour
    db = connect(settings.database)
    for _ in range(limit):
        record_report(db, "vi", "/", "earlier report", utc_now())
    db.close()
    token = report_token(client)
    response = client.post("/report-translation", data={"csrf": token, "text": "one more"})
    assert response.status_code == 429
    assert "Too many reports right now" in response.get_data(as_text=True)
    db = connect(settings.database)
    assert db["translation_reports"].count == limit
    db.close()


# --- row 8: after idle expiry the start page says why, and the cookie is cleared ---------------


NOTICE = "For your safety, your earlier answers were deleted"


def expire_everything(settings):
    db = connect(settings.database)
    old = (utc_now() - dt.timedelta(minutes=31)).isoformat()
    db.execute("UPDATE sessions SET last_seen_at = ?", [old])
    db.conn.commit()
    db.close()


def test_after_idle_expiry_a_question_page_leads_to_a_start_page_that_says_why(client, settings):
    client.post("/start")
    expire_everything(settings)
    response = client.get("/q/1")
    assert response.status_code == 303
    assert "kenri=;" in response.headers["Set-Cookie"]  # the stale cookie is cleared
    start = client.get(response.headers["Location"])
    assert NOTICE in start.get_data(as_text=True)
    assert kenri_cookie(client) is None


def test_the_start_page_itself_says_so_and_clears_the_cookie(client, settings):
    client.post("/start")
    expire_everything(settings)
    response = client.get("/")
    assert NOTICE in response.get_data(as_text=True)
    assert "kenri=;" in response.headers["Set-Cookie"]
    # and a fresh visitor sees no such notice
    client.delete_cookie("kenri")
    assert NOTICE not in client.get("/").get_data(as_text=True)
