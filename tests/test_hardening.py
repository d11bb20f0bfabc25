"""Issue 7: what a careful stranger sends, what a proxy in front changes, what set-up forgets."""

import logging
import shutil

import pytest

from webapp import create_app
from webapp.cli import main as kenri
from webapp.config import Settings
from webapp.i18n.compiled import CataloguesUnavailable, catalogue_paths
from webapp.server_logs import QueueDepthSummary

SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy")


def assert_security_headers(response):
    for name in SECURITY_HEADERS:
        assert name in response.headers, name


# --- malformed requests: a clear 400, every header, one log line ----------------------------


@pytest.mark.parametrize("host", ["a..b", "x" * 64 + ".example", "-.."])
def test_a_malformed_host_gets_a_400_page_and_one_log_line(client, caplog, host):
    with caplog.at_level(logging.DEBUG):
        response = client.get("/", headers={"Host": host})

    assert response.status_code == 400
    assert "Bad request" in response.get_data(as_text=True)
    assert_security_headers(response)
    assert len(caplog.records) == 1
    assert caplog.records[0].exc_info is None and "Host" in caplog.records[0].getMessage()


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/evaluate", '{"answers": {"\\ud800": 1}}'),
        ("/api/v1/evaluate", '{"answers": {"passport-held-by-other": "\\udfff"}}'),
        ("/api/v1/sessions", '{"locale": "\\ud83d"}'),
    ],
)
def test_a_lone_surrogate_in_json_is_a_400_problem(client, path, body):
    response = client.post(path, data=body, content_type="application/json")

    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert "surrogate" in response.get_json()["detail"]
    assert_security_headers(response)


def test_a_lone_surrogate_in_an_answer_changes_nothing(client):
    session = client.post("/api/v1/sessions", json={}).get_json()
    response = client.post(
        f"/api/v1/sessions/{session['id']}/answers",
        data='{"question": "\\udfff", "answer": 1}',
        content_type="application/json",
    )

    assert response.status_code == 400
    assert client.get(f"/api/v1/sessions/{session['id']}").get_json()["answered"] == []


@pytest.mark.parametrize("token", ["é", "\u00e9" * 40, "💥", "%C3%A9"])
def test_a_non_ascii_csrf_token_is_refused_with_the_form_page(client, token):
    question = client.post("/start").headers["Location"]
    response = client.post(question, data={"csrf": token, "answer": "no"})

    assert response.status_code == 400
    assert "This form could not be used" in response.get_data(as_text=True)


# --- the OpenAPI document and the server agree on `locale` -----------------------------------


@pytest.mark.parametrize("query", ["locale=", "locale=klingon", "locale=tl"])
def test_a_locale_outside_the_documented_enum_is_422(client, query):
    response = client.get(f"/api/v1/questions?{query}")

    assert response.status_code == 422
    assert "vi" in response.get_json()["allowed"]


def test_every_documented_locale_spelling_is_accepted(client):
    document = client.get("/api/v1/openapi.json").get_json()
    enum = document["components"]["schemas"]["LocaleCode"]["enum"]

    assert {"vi", "zh_Hans_CN", "zh-Hans"} <= set(enum)
    for spelling in enum:
        assert client.get(f"/api/v1/questions?locale={spelling}").status_code == 200, spelling


@pytest.mark.parametrize("path", ["/api/v1/evaluate", "/api/v1/sessions"])
def test_a_null_locale_is_refused_as_the_document_says_string(client, path):
    response = client.post(path, json={"locale": None})

    assert response.status_code == 422
    assert response.get_json()["field"] == "locale"


# --- behind an HTTPS reverse proxy ---------------------------------------------------------

FORWARDED_HTTPS = {
    "X-Forwarded-Proto": "https",
    "X-Forwarded-For": "203.0.113.9",
    "X-Forwarded-Host": "kenri.example",
}


def test_behind_a_trusted_proxy_https_makes_the_cookie_secure_and_sends_hsts(tmp_path):
    app = create_app(Settings(testing=True, database=tmp_path / "k.db", behind_proxy=1))
    response = app.test_client().post("/start", headers=FORWARDED_HTTPS)

    assert "Secure" in response.headers["Set-Cookie"]
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_without_behind_proxy_forwarded_headers_are_ignored(client):
    response = client.post("/start", headers=FORWARDED_HTTPS)

    assert "Secure" not in response.headers["Set-Cookie"]
    assert "Strict-Transport-Security" not in response.headers


def test_hsts_is_sent_on_https_and_never_on_plain_http(client):
    assert "Strict-Transport-Security" in client.get("/", base_url="https://kenri.example").headers
    assert "Strict-Transport-Security" not in client.get("/").headers


# --- catalogues are never silently missing -------------------------------------------------


@pytest.fixture
def translations(tmp_path):
    copy = tmp_path / "translations"
    shutil.copytree(
        Settings().translations_dir, copy, ignore=shutil.ignore_patterns("*.mo", "glossary")
    )
    return copy


def test_uncompiled_catalogues_are_compiled_at_start_so_vietnamese_is_vietnamese(
    tmp_path, translations
):
    assert not catalogue_paths(translations, "vi")[1].exists()
    app = create_app(
        Settings(testing=True, database=tmp_path / "k.db", translations_dir=translations)
    )
    questions = app.test_client().get("/api/v1/questions?locale=vi").get_json()["questions"]
    english = app.test_client().get("/api/v1/questions?locale=en").get_json()["questions"]

    assert catalogue_paths(translations, "vi")[1].exists()
    assert questions[0]["text"] != english[0]["text"]


def test_a_shipped_locale_without_a_catalogue_stops_the_start(tmp_path, translations):
    shutil.rmtree(translations / "km")
    with pytest.raises(CataloguesUnavailable, match="km"):
        create_app(
            Settings(testing=True, database=tmp_path / "k.db", translations_dir=translations)
        )


def test_kenri_serve_refuses_to_start_and_says_how(tmp_path, translations, runner, monkeypatch):
    shutil.rmtree(translations / "th")
    bad = Settings(database=tmp_path / "k.db", translations_dir=translations)
    monkeypatch.setattr("webapp.cli._settings", lambda **_: bad)
    result = runner.invoke(kenri, ["serve", "--port", "1"])

    assert result.exit_code == 1
    assert "Kenri will not start" in result.output and "kenri i18n compile" in result.output


# --- readable logs under load --------------------------------------------------------------


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def queue_warning(depth):
    return logging.LogRecord(
        "waitress.queue", logging.WARNING, __file__, 1, "Task queue depth is %d", (depth,), None
    )


def test_a_burst_of_queue_warnings_becomes_one_line_then_a_summary():
    clock = FakeClock()
    summary = QueueDepthSummary(interval_seconds=10, clock=clock)
    passed = []
    for second in range(30):
        clock.now = float(second)
        for depth in range(1, 101):
            record = queue_warning(depth)
            if summary.filter(record):
                passed.append(record.getMessage())

    assert len(passed) == 3  # 3,000 warnings in 30 s: the first, then one per 10 s
    assert passed[0] == "Task queue depth is 1"
    assert "999 more queue warnings" in passed[1] and "deepest queue 100" in passed[1]


def test_other_waitress_warnings_pass_untouched():
    summary = QueueDepthSummary(clock=FakeClock())
    record = logging.LogRecord("waitress.queue", logging.WARNING, __file__, 1, "other", (), None)

    assert summary.filter(record) and summary.filter(record)


# --- sources a trainee may open ----------------------------------------------------------


def test_every_source_and_website_link_uses_https(kb):
    links = [p.source_url for p in kb.provisions.values()]
    links += [url for r in kb.referrals.values() for url in (r.source_url, r.website) if url]

    assert links and [url for url in links if not url.startswith("https://")] == []
