"""Issue 4: questions and results come back in every shipped locale through the API."""

import re

import pytest

from testkit.answer_sets import ALL_CLEAR, PASSPORT_KEPT, asked_in_order
from webapp.config import Settings
from webapp.i18n.locales import read_locales

LOCALES = [code for code in read_locales(Settings().translations_dir) if code != "en"]
NON_LATIN = {"ja", "zh_Hans_CN", "my", "km", "th", "ne", "mn"}
KEPT = {"passport-held-by-other": "yes", "passport-which": "passport", "passport-who": "employer"}


@pytest.fixture(scope="module")
def english(shared_app):
    return shared_app.test_client().get("/api/v1/questions?locale=en").json["questions"]


@pytest.fixture
def app_module_client(client):
    return client


@pytest.mark.parametrize("code", LOCALES)
def test_every_question_and_option_is_translated(app_module_client, english, code):
    body = app_module_client.get(f"/api/v1/questions?locale={code}").json
    assert body["locale"] == code
    for source, translated in zip(english, body["questions"], strict=True):
        assert translated["id"] == source["id"]
        assert translated["text"] != source["text"], (code, source["id"])
        if code in NON_LATIN:
            assert re.search(r"[^\x00-\x7f]", translated["text"]), (code, source["id"])
        labels = {o["id"]: o["label"] for o in translated["options"]}
        assert labels["not-sure"] != "I'm not sure"


@pytest.mark.parametrize("code", LOCALES)
def test_a_result_comes_back_in_the_locale_with_japanese_beside_it(app_module_client, code):
    body = app_module_client.post(
        "/api/v1/evaluate", json={"answers": KEPT, "locale": code, "on": "2026-06-01"}
    ).json
    finding = body["findings"][0]
    assert body["locale"] == code
    assert (
        finding["title"] != "Your company or supervising organisation is keeping your "
        "passport or residence card"
    )
    assert finding["provisions"][0]["citation"] != "TITP Act Art. 48(1)" or code == "fil"
    assert all(action for action in finding["actions"])


def test_the_session_api_returns_two_locales_at_once(app_module_client):
    state = app_module_client.post("/api/v1/sessions", json={"locale": "vi"}).json
    for question, value in asked_in_order(dict(ALL_CLEAR, **PASSPORT_KEPT, **{"needs-now": "yes"})):
        response = app_module_client.post(
            f"/api/v1/sessions/{state['id']}/answers", json={"question": question, "answer": value}
        )
        assert response.status_code == 200
    body = app_module_client.get(f"/api/v1/sessions/{state['id']}/result?also=ja").json
    assert body["locale"] == "vi" and body["also"]["locale"] == "ja"
    citations = [p["citation"] for p in body["also"]["findings"][0]["provisions"]]
    assert "技能実習法第48条第1項" in citations
