"""Hypothesis over the phone form's posts and query strings (issue 7, part 4).

Whatever a stranger sends to a trainee page — forged or missing CSRF tokens, non-ASCII tokens,
random fields, huge values, odd query strings, malformed Host headers — the answer is never a
500, always carries the security headers, and a refused request changes no answer.
"""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from webapp import create_app
from webapp.config import Settings
from webapp.store.db import connect

FIELDS = ["csrf", "question", "answer", "value", "return", "lang", "text", "page", "next", "change"]
TEXT = st.text(st.characters(codec="utf-8"), max_size=120) | st.sampled_from(
    [
        "",
        "é",
        "\u00e9" * 40,
        "no",
        "yes",
        "not-sure",
        "1.200",
        "950円",
        "-1",
        "1e308",
        "NaN",
        "/\\evil.example",
        "//evil.example",
        "/%09/evil",
        "javascript:alert(1)",
        "x" * 5000,
    ]
)
FORMS = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), TEXT, max_size=6)
FUZZ = settings(
    max_examples=100,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy")


@pytest.fixture(scope="module")
def app(tmp_path_factory, kb, locales):
    database = tmp_path_factory.mktemp("fuzz") / "k.db"
    return create_app(Settings(testing=True, database=database), kb=kb, locales=locales)


def all_answers(app):
    db = connect(app.extensions["kenri"].settings.database)
    try:
        return db.execute("SELECT session_id, question, value FROM answers ORDER BY id").fetchall()
    finally:
        db.close()


def trainee_with_one_answer(app):
    """A fresh browser that started and answered the first question: (client, its pages)."""
    client = app.test_client()
    first = client.post("/start").headers["Location"]
    html = client.get(first).get_data(as_text=True)
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    csrf = hidden["csrf"]
    option = re.search(r'name="answer" value="([^"]+)"', html).group(1)
    second = client.post(first, data={**hidden, "answer": option}).headers["Location"]
    return client, {"first": first, "current": second, "csrf": csrf}


def assert_safe(response):
    assert response.status_code < 500, response.get_data(as_text=True)[:300]
    for name in HEADERS:
        assert name in response.headers, name
    assert "Traceback" not in response.get_data(as_text=True)


@given(
    form=FORMS,
    target=st.sampled_from(
        ["first", "current", "/start", "/check", "/delete", "/report-translation", "/result"]
    ),
    token=st.none() | st.just("real") | TEXT,
)
@FUZZ
def test_fuzzed_form_posts_never_fail_and_refusals_change_nothing(app, form, target, token):
    client, pages = trainee_with_one_answer(app)
    if token is not None:
        form = {**form, "csrf": pages["csrf"] if token == "real" else token}
    before = all_answers(app)
    response = client.post(pages.get(target, target), data=form)
    assert_safe(response)
    if response.status_code >= 400:
        assert all_answers(app) == before


@given(
    query=st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), TEXT, max_size=4),
    path=st.sampled_from(
        [
            "/",
            "/language",
            "/report-translation",
            "first",
            "current",
            "/check",
            "/result",
            "/summary",
        ]
    ),
)
@FUZZ
def test_fuzzed_query_strings_never_fail(app, query, path):
    client, pages = trainee_with_one_answer(app)
    before = all_answers(app)
    response = client.get(pages.get(path, path), query_string=query)
    assert_safe(response)
    assert all_answers(app) == before
    location = response.headers.get("Location", "")
    assert (
        not re.match(r"^(https?:)?[/\\\\]{2}|^[a-z]+:", location, re.I)
        or location == app.extensions["kenri"].settings.exit_url
    ), location


@given(
    host=st.text(st.characters(codec="ascii", exclude_characters="\r\n"), max_size=80)
    | st.sampled_from(["a..b", "x" * 64 + ".example", ".", "-", "[::1", "a:b:c", "é.example"])
)
@FUZZ
def test_fuzzed_host_headers_get_a_clear_400_at_worst(app, host):
    response = app.test_client().get("/", headers={"Host": host})
    assert_safe(response)
