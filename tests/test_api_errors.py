"""Every bad request to the API is answered with application/problem+json, never a 500."""

import datetime as dt

import pytest
from flask import json

PROBLEM = "application/problem+json"
EVALUATE = "/api/v1/evaluate"
VALID = {
    "answers": {"passport-held-by-other": "yes", "passport-who": "employer"},
    "locale": "en",
    "on": "2025-11-20",
}


def assert_problem(response, status: int) -> dict:
    """The response is RFC 9457 problem details with this status, and shows no internals."""
    text = response.get_data(as_text=True)
    assert response.status_code == status, text
    assert response.mimetype == PROBLEM
    body = json.loads(text)
    assert body["status"] == status
    assert isinstance(body["title"], str) and body["title"]
    assert body["type"] == "about:blank"  # present, not defaulted by the test
    assert "Traceback" not in text
    return body


def post_raw(client, data, content_type="application/json"):
    return client.post(EVALUATE, data=data, content_type=content_type)


# --- 400: the body is not a JSON object ---------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("{", id="truncated-object"),
        pytest.param("{'answers': {}}", id="single-quotes"),
        pytest.param('{"answers": {},}', id="trailing-comma"),
        pytest.param("", id="empty-body"),
        pytest.param(b"\xff\xfe\x00{", id="not-utf8"),
        pytest.param("NaN-ish", id="bare-word"),
    ],
)
def test_malformed_json_is_400(client, data):
    assert_problem(post_raw(client, data), 400)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("[]", id="empty-list"),
        pytest.param('[{"answers": {}}]', id="list-of-object"),
        pytest.param('"answers"', id="string"),
        pytest.param("42", id="number"),
        pytest.param("null", id="null"),
        pytest.param("true", id="boolean"),
    ],
)
def test_json_that_is_not_an_object_is_400(client, data):
    body = assert_problem(post_raw(client, data), 400)

    assert "object" in body["detail"]


def test_deeply_nested_json_is_400_not_500(client):
    # Regression: json.loads raises RecursionError (not ValueError) on deep nesting, and a
    # 50 kB body of "[" used to escape common.json_body as a 500.
    data = "[" * 50_000

    assert_problem(post_raw(client, data), 400)


# --- 415: not JSON at all -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    [
        pytest.param("text/plain", id="text-plain"),
        pytest.param("application/x-www-form-urlencoded", id="form"),
        pytest.param("multipart/form-data; boundary=x", id="multipart"),
        pytest.param("application/xml", id="xml"),
    ],
)
def test_wrong_content_type_is_415(client, content_type):
    response = post_raw(client, json.dumps(VALID), content_type=content_type)

    assert_problem(response, 415)


def test_missing_content_type_is_415(client):
    response = client.post(EVALUATE, data=json.dumps(VALID))

    assert_problem(response, 415)


# --- 422: a JSON object with content that does not fit ------------------------------------------


def test_unknown_question_is_422_listing_every_question(client, kb):
    response = client.post(EVALUATE, json={"answers": {"passport-colour": "blue"}})

    body = assert_problem(response, 422)
    assert body["question"] == "passport-colour"
    assert sorted(body["allowed"]) == sorted(kb.questions)


@pytest.mark.parametrize(
    ("question", "value"),
    [
        pytest.param("passport-held-by-other", "maybe", id="choice-unknown-word"),
        pytest.param("passport-who", "YES", id="choice-wrong-case"),
        pytest.param("passport-held-by-other", None, id="choice-null"),
        pytest.param("passport-held-by-other", 1, id="choice-number"),
        pytest.param("passport-held-by-other", ["yes"], id="choice-list"),
        pytest.param("passport-held-by-other", True, id="choice-boolean"),
        pytest.param("wages-prefecture", "atlantis", id="prefecture-unknown"),
    ],
)
def test_unknown_option_is_422_listing_that_questions_options(client, kb, question, value):
    response = client.post(EVALUATE, json={"answers": {question: value}})

    body = assert_problem(response, 422)
    assert body["question"] == question
    assert body["allowed"] == list(kb.questions[question].option_ids())
    assert {"not-sure", "rather-not-say"} <= set(body["allowed"])


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(0, id="below-minimum"),
        pytest.param(-5, id="negative"),
        pytest.param(100_001, id="above-maximum"),
        pytest.param("1e400", id="infinite-text"),
        pytest.param("NaN", id="nan-text"),
        pytest.param("twelve hundred", id="words"),
        pytest.param("", id="empty-string"),
        pytest.param(True, id="boolean"),
        pytest.param(None, id="null"),
        pytest.param([900], id="list"),
        pytest.param({"yen": 900}, id="object"),
    ],
)
def test_bad_number_answer_is_422(client, value):
    response = client.post(EVALUATE, json={"answers": {"wages-hourly-rate": value}})

    body = assert_problem(response, 422)
    assert body["question"] == "wages-hourly-rate"
    assert "monthly" in body["allowed"]


def test_huge_integer_answer_is_422_not_500(client):
    # Regression: float() of a 400-digit JSON integer raises OverflowError, which used to
    # escape the answer check as a 500.
    data = '{"answers": {"wages-hourly-rate": 1' + "0" * 400 + "}}"

    body = assert_problem(post_raw(client, data), 422)
    assert body["question"] == "wages-hourly-rate"


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("2025-13", id="month-13"),
        pytest.param("2025-00", id="month-0"),
        pytest.param("2025-1", id="one-digit-month"),
        pytest.param("10/2025", id="slashes"),
        pytest.param("2025-10-01", id="a-full-date"),
        pytest.param("1850-01", id="before-1900"),
        pytest.param("october", id="a-word"),
        pytest.param(202510, id="a-number"),
    ],
)
def test_bad_month_is_422(client, value):
    response = client.post(EVALUATE, json={"answers": {"wages-work-month": value}})

    body = assert_problem(response, 422)
    assert body["question"] == "wages-work-month"
    assert "current" in body["allowed"]


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param([], id="list"),
        pytest.param([["passport-held-by-other", "yes"]], id="list-of-pairs"),
        pytest.param("passport-held-by-other=yes", id="string"),
        pytest.param(None, id="null"),
        pytest.param(3, id="number"),
    ],
)
def test_answers_that_are_not_an_object_are_422(client, answers):
    response = client.post(EVALUATE, json={"answers": answers})

    body = assert_problem(response, 422)
    assert body["field"] == "answers"


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param({"answer": {}}, id="typo-of-answers"),
        pytest.param({"session": "abc"}, id="session"),
        pytest.param({"date": "2025-11-20"}, id="date-instead-of-on"),
    ],
)
def test_unknown_top_level_field_is_422(client, extra):
    response = client.post(EVALUATE, json={"answers": {}, **extra})

    body = assert_problem(response, 422)
    (name,) = extra
    assert name in body["detail"]
    assert set(body["allowed"]) == {"answers", "locale", "on"}


@pytest.mark.parametrize(
    "on",
    [
        pytest.param("2025-13-01", id="month-13"),
        pytest.param("2025-02-30", id="february-30"),
        pytest.param("yesterday", id="a-word"),
        pytest.param(20250101, id="a-number"),
        pytest.param("20250101", id="no-dashes"),
        pytest.param("2025-11-20T10:00", id="a-datetime"),
        pytest.param("20-11-2025", id="day-first"),
        pytest.param("", id="empty"),
        pytest.param(["2025-11-20"], id="a-list"),
        # Regression: Python 3.11's date.fromisoformat takes ISO week dates, so this used to be
        # read as 2024-12-30 although the API promises YYYY-MM-DD (OpenAPI format: date).
        pytest.param("2025-W01-1", id="iso-week-date"),
    ],
)
def test_bad_on_date_is_422(client, on):
    response = client.post(EVALUATE, json={"answers": {}, "on": on})

    body = assert_problem(response, 422)
    assert body["field"] == "on"


@pytest.mark.parametrize(
    "locale",
    [
        pytest.param("xx", id="unknown-code"),
        pytest.param("klingon", id="a-word"),
        pytest.param("", id="empty"),
        pytest.param(7, id="a-number"),
        pytest.param(["en"], id="a-list"),
    ],
)
def test_unknown_locale_in_evaluate_is_422_listing_the_locales(client, locale):
    response = client.post(EVALUATE, json={"answers": {}, "locale": locale})

    body = assert_problem(response, 422)
    assert body["field"] == "locale"
    assert "en" in body["allowed"]


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/api/v1/questions?locale=xx", id="questions"),
        pytest.param("/api/v1/provisions?locale=xx", id="provisions"),
    ],
)
def test_unknown_locale_in_query_is_422_listing_the_locales(client, path):
    body = assert_problem(client.get(path), 422)

    assert body["field"] == "locale"
    assert "en" in body["allowed"]


def test_answer_errors_carry_the_knowledge_version(client, kb):
    # STYLE.md §6: every API response carries the knowledge version, and the `allowed` ids of an
    # answer error depend on it. Regression: problem responses used to go without the header.
    response = client.post(EVALUATE, json={"answers": {"passport-colour": "blue"}})

    assert_problem(response, 422)
    assert response.headers.get("X-Knowledge-Version") == kb.version


# --- 413, 404, 405 ------------------------------------------------------------------------------


def test_body_over_the_size_limit_is_413(client, app):
    limit = app.config["MAX_CONTENT_LENGTH"]
    assert limit, "the app must limit request bodies"
    padding = "x" * limit
    data = json.dumps({"answers": {}, "locale": padding})
    assert len(data) > limit

    assert_problem(post_raw(client, data), 413)


def test_body_just_under_the_size_limit_is_read(client, app):
    # A body inside the limit is parsed: it gets the 422 for its bad locale, not a 413.
    limit = app.config["MAX_CONTENT_LENGTH"]
    data = json.dumps({"answers": {}, "locale": "x" * (limit - 100)})
    assert len(data) <= limit

    assert_problem(post_raw(client, data), 422)


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        pytest.param("get", EVALUATE, "POST", id="get-evaluate"),
        pytest.param("put", EVALUATE, "POST", id="put-evaluate"),
        pytest.param("delete", EVALUATE, "POST", id="delete-evaluate"),
        pytest.param("post", "/api/v1/questions", "GET", id="post-questions"),
        pytest.param("post", "/api/v1/provisions", "GET", id="post-provisions"),
    ],
)
def test_wrong_method_is_405_with_allow_header(client, method, path, allowed):
    response = getattr(client, method)(path)

    assert_problem(response, 405)
    methods = {m.strip() for m in response.headers["Allow"].split(",")}
    assert allowed in methods


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/api/v1/nothing", id="unknown-endpoint"),
        pytest.param("/api/v1/", id="api-root"),
        pytest.param("/api/v2/questions", id="unknown-version"),
        pytest.param("/api/v1/questions/passport-who", id="no-single-question-endpoint"),
    ],
)
def test_unknown_api_path_is_404_problem(client, path):
    assert_problem(client.get(path), 404)


# --- nothing breaks after a rejected request ----------------------------------------------------


def test_a_valid_request_still_works_after_rejected_ones(client, app):
    # Given a valid request and its result
    first = client.post(EVALUATE, json=VALID)
    assert first.status_code == 200

    # When a run of bad requests is rejected
    post_raw(client, "{")
    post_raw(client, "x" * (app.config["MAX_CONTENT_LENGTH"] + 1))
    client.post(EVALUATE, json={"answers": {"passport-held-by-other": "maybe"}})
    client.post(EVALUATE, json={"answers": {}, "on": "yesterday"})
    client.get(EVALUATE)

    # Then the same valid request gets the same answer
    again = client.post(EVALUATE, json=VALID)
    assert again.status_code == 200
    assert again.get_json() == first.get_json()


# --- 500: an unexpected failure shows no internals ----------------------------------------------


def test_unexpected_exception_is_500_problem_without_the_exception_text(fresh_app, caplog):
    app = fresh_app

    @app.get("/api/v1/boom")
    def boom():
        raise RuntimeError("secret detail")

    response = app.test_client().get("/api/v1/boom")

    body = assert_problem(response, 500)
    assert "secret detail" not in response.get_data(as_text=True)
    assert "RuntimeError" not in response.get_data(as_text=True)
    assert body["title"] == "Internal Server Error"
    # The log names the kind of failure, but not its message either.
    assert "RuntimeError" in caplog.text
    assert "secret detail" not in caplog.text


def test_unexpected_exception_outside_the_api_is_a_plain_page(fresh_app):
    app = fresh_app

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail")

    response = app.test_client().get("/boom")

    assert response.status_code == 500
    assert response.mimetype == "text/html"
    assert "secret detail" not in response.get_data(as_text=True)


# --- property test: real question ids with any mix of answers (hypothesis, optional) -------------


def test_any_mix_of_valid_answers_on_any_date_is_answered(app, kb):
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    def answer_to(question):
        options = st.sampled_from(question.option_ids())
        if question.kind == "number":
            return (
                options
                | st.integers(int(question.minimum), int(question.maximum))
                | st.floats(question.minimum, question.maximum)
            )
        if question.kind == "month":
            return options | st.builds(
                "{}-{:02d}".format, st.integers(1900, 2099), st.integers(1, 12)
            )
        return options

    answer_sets = st.fixed_dictionaries(
        {}, optional={qid: answer_to(q) for qid, q in kb.questions.items()}
    )
    dates = st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31)) | st.dates(
        dt.date(2024, 1, 1), dt.date(2029, 12, 31)
    )
    client = app.test_client()

    @hypothesis.given(answers=answer_sets, on=dates)
    @hypothesis.settings(max_examples=150, deadline=None, database=None)
    def check(answers, on):
        response = client.post(EVALUATE, json={"answers": answers, "on": on.isoformat()})
        assert response.status_code == 200, (answers, on, response.get_data(as_text=True))
        assert response.get_json()["evaluated_on"] == on.isoformat()

    check()
