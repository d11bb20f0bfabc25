"""The JSON API as integrators and chat front ends use it: /healthz and /api/v1/."""

import datetime as dt
from pathlib import Path

import pytest
import sqlite_utils
import yaml

from testkit.answer_sets import ALL_CLEAR, EVERYTHING_WRONG, PASSPORT_KEPT
from webapp.engine import today_in_japan

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
STANDARD_OPTIONS = {"not-sure", "rather-not-say"}
TIER_RANK = {"japanese-law": 0, "ratified-treaty": 1, "not-joined-standard": 2}


def evaluate(client, answers, **extra):
    response = client.post("/api/v1/evaluate", json={"answers": answers, **extra})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response


def finding(result, rule_id):
    found = {f["id"]: f for f in result["findings"]}
    assert rule_id in found, f"{rule_id} not among {sorted(found)}"
    return found[rule_id]


def questions_in_yaml():
    """question id -> its own option ids, read straight from knowledge/questions/*.yaml."""
    questions = {}
    for path in sorted((KNOWLEDGE / "questions").glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            questions[item["id"]] = [option["id"] for option in item.get("options", [])]
    return questions


# --- health ---------------------------------------------------------------------------------


def test_healthz_says_ok(client, kb):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["knowledge_version"] == kb.version  # the key must be there, not defaulted


# --- knowledge endpoints ----------------------------------------------------------------------


def test_questions_lists_every_question_of_the_knowledge_with_its_options(client):
    expected = questions_in_yaml()

    response = client.get("/api/v1/questions")

    assert response.status_code == 200
    served = {q["id"]: q for q in response.get_json()["questions"]}
    assert set(served) == set(expected)
    for qid, option_ids in expected.items():
        served_ids = [o["id"] for o in served[qid]["options"]]
        assert set(option_ids) <= set(served_ids), qid
        assert STANDARD_OPTIONS <= set(served_ids), qid
        assert all(o["label"] for o in served[qid]["options"]), qid
        assert served[qid]["text"], qid


def test_questions_offer_prefectures_for_the_prefecture_question(client):
    questions = client.get("/api/v1/questions").get_json()["questions"]

    prefecture = [q for q in questions if q["kind"] == "prefecture"]

    assert prefecture, "the minimum-wage check needs a prefecture question"
    ids = {o["id"] for o in prefecture[0]["options"]}
    assert {"tokyo", "osaka", "okinawa"} <= ids


def test_number_questions_carry_their_range(client, kb):
    questions = client.get("/api/v1/questions").get_json()["questions"]

    numbers = [q for q in questions if q["kind"] == "number"]

    assert numbers
    for question in numbers:
        known = kb.questions[question["id"]]
        assert question["min"] == known.minimum
        assert question["max"] == known.maximum
        assert question["unit"]


def test_provisions_lists_every_provision_with_tier_dates_and_source(client, kb):
    response = client.get("/api/v1/provisions")

    assert response.status_code == 200
    provisions = response.get_json()["provisions"]
    assert sorted(p["id"] for p in provisions) == sorted(kb.provisions)
    for p in provisions:
        assert p["tier"] in TIER_RANK, p["id"]
        assert p["binding_in_japan"] is (p["tier"] == "japanese-law"), p["id"]
        assert dt.date.fromisoformat(p["in_force_from"]), p["id"]
        if p["in_force_until"] is not None:
            assert dt.date.fromisoformat(p["in_force_until"]) > dt.date.fromisoformat(
                p["in_force_from"]
            ), p["id"]
        assert p["source_url"].startswith(("https://", "http://")), p["id"]
        assert p["title"] and p["summary"], p["id"]


def test_icrmw_is_an_international_standard_japan_has_not_joined(client):
    provisions = client.get("/api/v1/provisions").get_json()["provisions"]

    icrmw = [p for p in provisions if p["instrument"] == "icrmw"]

    assert icrmw, "the ICRMW articles must be in the knowledge"
    assert {p["tier"] for p in icrmw} == {"not-joined-standard"}
    assert not any(p["binding_in_japan"] for p in icrmw)


def test_japanese_law_binds_and_includes_the_titp_act(client):
    provisions = client.get("/api/v1/provisions").get_json()["provisions"]

    binding = {p["id"] for p in provisions if p["binding_in_japan"]}

    assert {"titp-act-48-1", "lsa-24", "mwa-4"} <= binding


def test_locales_always_include_english(client):
    response = client.get("/api/v1/locales")

    assert response.status_code == 200
    codes = {loc["code"] for loc in response.get_json()["locales"]}
    assert "en" in codes


# --- evaluate -------------------------------------------------------------------------------


def test_kept_passport_cites_japanese_law_first_and_icrmw_last(client):
    # Given a trainee whose company keeps the passport and refused to return it
    # When the answers are evaluated on a date under the TITP Act
    result = evaluate(client, PASSPORT_KEPT, on="2025-11-20").get_json()

    # Then the passport finding cites the TITP Act first and ICRMW Art. 21 last
    kept = finding(result, "document-kept-by-company-or-kumiai")
    assert kept["severity"] == "serious"
    ids = [p["id"] for p in kept["provisions"]]
    assert ids[0] == "titp-act-48-1"
    assert ids[-1] == "icrmw-21"
    assert kept["provisions"][0]["binding_in_japan"] is True
    assert kept["provisions"][-1]["binding_in_japan"] is False
    # and it names who can help
    referrals = {r["id"]: r for r in kept["referrals"]}
    assert "otit" in referrals
    assert all(r["name"] and r["source_url"] for r in referrals.values())
    assert kept["title"] and kept["explanation"] and kept["actions"]


def test_kept_passport_finding_says_which_answers_raised_it(client):
    result = evaluate(client, PASSPORT_KEPT, on="2025-11-20").get_json()

    why = finding(result, "document-kept-by-company-or-kumiai")["why"]

    pairs = {(w["question"], w["answer"]) for w in why}
    assert ("passport-held-by-other", "yes") in pairs
    assert ("passport-who", "employer") in pairs
    # Answers that played no part are not listed as reasons.
    assert not any(w["question"] == "passport-which" for w in why)
    assert all(w["question_text"] and w["answer_text"] for w in why)


def test_every_finding_lists_provisions_from_binding_law_to_standards(client):
    result = evaluate(client, EVERYTHING_WRONG, on="2025-11-20").get_json()

    assert len(result["findings"]) >= 10
    for f in result["findings"]:
        ranks = [TIER_RANK[p["tier"]] for p in f["provisions"]]
        assert ranks == sorted(ranks), f["id"]
        assert f["severity"] in {"urgent", "serious", "concern"}, f["id"]


@pytest.mark.parametrize(
    "status",
    [
        pytest.param("esd", id="esd-worker"),
        pytest.param("other", id="other-status"),
    ],
)
def test_after_the_reform_a_non_titp_worker_is_not_told_about_the_titp_act(client, status):
    # Given a worker whose residence card says Employment for Skill Development (or not TITP)
    answers = {"status-residence": status, **EVERYTHING_WRONG}

    # When everything is evaluated after the ESD system starts on 2027-04-01
    result = evaluate(client, answers, on="2027-05-01").get_json()

    # Then no finding cites the TITP Act or its ordinance
    assert result["findings"]
    cited = {p["instrument"] for f in result["findings"] for p in f["provisions"]}
    assert not [i for i in cited if i.startswith("titp")]


def test_after_the_reform_an_esd_worker_is_told_about_the_esd_act(client):
    answers = {"status-residence": "esd", **EVERYTHING_WRONG}

    result = evaluate(client, answers, on="2027-05-01").get_json()

    assert result["regime"] == "esd"
    kept = finding(result, "document-kept-by-company-or-kumiai")
    assert kept["provisions"][0]["id"] == "esd-act-passport"


def test_after_the_reform_a_titp_trainee_still_gets_the_titp_act(client):
    # Transitional rule: trainees already in Japan stay under the TITP Act.
    answers = {"status-residence": "titp", **EVERYTHING_WRONG}

    result = evaluate(client, answers, on="2027-05-01").get_json()

    cited = {p["instrument"] for f in result["findings"] for p in f["provisions"]}
    assert "titp-act" in cited
    assert "esd-act" not in cited


def test_all_clear_complete_answers_give_no_findings(client):
    response = evaluate(client, ALL_CLEAR, on="2025-11-20")

    result = response.get_json()
    assert result["findings"] == []
    assert result["complete"] is True
    assert result["next_question"] is None
    assert result["evaluated_on"] == "2025-11-20"


def test_partial_answers_name_the_next_question(client):
    result = evaluate(client, {"movement-locked-in": "no"}, on="2025-11-20").get_json()

    assert result["complete"] is False
    assert result["next_question"] == "violence-hit"


def test_no_answers_at_all_is_a_valid_partial_answer_set(client):
    result = evaluate(client, {}, on="2025-11-20").get_json()

    assert result["findings"] == []
    assert result["complete"] is False
    assert result["next_question"] == "movement-locked-in"  # danger first


def test_pay_for_the_current_month_below_the_minimum_is_a_finding(client):
    answers = {
        "passport-held-by-other": "no",
        "wages-pay-ok": "yes",
        "wages-prefecture": "tokyo",
        "wages-hourly-rate": 900,
        "wages-work-month": "current",
    }

    result = evaluate(client, answers, on="2025-11-20").get_json()

    finding(result, "below-minimum-wage")
    assert result["minimum_wage"]["below_minimum"] is True
    assert result["minimum_wage"]["prefecture"] == "tokyo"


def test_numbers_must_be_json_numbers_as_the_openapi_document_says(client):
    # Reading "1.200" or "950円" is the job of a shell that knows the trainee's locale (the form,
    # a chat adapter); in JSON a number question takes a number, exactly as documented.
    as_number = evaluate(client, {**ALL_CLEAR, "wages-hourly-rate": 900}, on="2025-11-20")
    as_text = client.post(
        "/api/v1/evaluate",
        json={"answers": {**ALL_CLEAR, "wages-hourly-rate": "900"}, "on": "2025-11-20"},
    )

    assert as_number.get_json()["findings"], "900 yen an hour is below Tokyo's minimum"
    assert as_text.status_code == 422
    assert as_text.get_json()["question"] == "wages-hourly-rate"
    assert "JSON number" in as_text.get_json()["detail"]


def test_result_has_the_documented_shape(client):
    result = evaluate(client, PASSPORT_KEPT, on="2025-11-20").get_json()

    assert {"findings", "locale", "evaluated_on"} <= set(result)
    for f in result["findings"]:
        assert {
            "id",
            "severity",
            "title",
            "explanation",
            "provisions",
            "actions",
            "referrals",
        } <= set(f)
        for p in f["provisions"]:
            assert {
                "id",
                "instrument",
                "article",
                "paragraph",
                "binding_in_japan",
                "title",
                "summary",
                "source_url",
            } <= set(p)


def test_locale_en_is_accepted(client):
    response = evaluate(client, PASSPORT_KEPT, locale="en", on="2025-11-20")

    assert response.get_json()["locale"] == "en"
    assert response.headers["Content-Language"] == "en"


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/api/v1/questions?locale=en", id="questions"),
        pytest.param("/api/v1/provisions?locale=en", id="provisions"),
    ],
)
def test_knowledge_endpoints_accept_locale_en(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert response.get_json()["locale"] == "en"


def test_on_defaults_to_today_in_japan(client):
    before = today_in_japan()

    result = evaluate(client, PASSPORT_KEPT).get_json()

    after = today_in_japan()
    assert dt.date.fromisoformat(result["evaluated_on"]) in {before, after}


def test_the_date_decides_which_law_applies(client):
    # The ESD Act is not yet in force in 2025, so an ESD answer cannot bring it in.
    answers = {"status-residence": "esd", **PASSPORT_KEPT}

    result = evaluate(client, answers, on="2025-11-20").get_json()

    cited = {p["id"] for f in result["findings"] for p in f["provisions"]}
    assert "esd-act-passport" not in cited
    assert result["evaluated_on"] == "2025-11-20"


def row_counts(path) -> dict[str, int]:
    db = sqlite_utils.Database(path)
    try:
        return {table.name: table.count for table in db.tables}
    finally:
        db.close()


def test_evaluate_stores_nothing(client, settings):
    # Given the app's database as it is after start-up
    client.get("/healthz")
    before = row_counts(settings.database)
    assert "answers" in before

    # When a trainee's answers are evaluated
    evaluate(client, EVERYTHING_WRONG, on="2025-11-20")

    # Then not a row was written anywhere: evaluate is stateless
    assert row_counts(settings.database) == before
    assert before["sessions"] == 0 and before["answers"] == 0


# --- headers on every response ----------------------------------------------------------------

API_CALLS = [
    pytest.param("get", "/api/v1/locales", None, id="locales"),
    pytest.param("get", "/api/v1/questions", None, id="questions"),
    pytest.param("get", "/api/v1/provisions", None, id="provisions"),
    pytest.param("get", "/api/v1/openapi.json", None, id="openapi"),
    pytest.param("post", "/api/v1/evaluate", {"answers": PASSPORT_KEPT}, id="evaluate"),
]


API_PROBLEMS = [
    pytest.param("post", "/api/v1/evaluate", {"answers": {"nope": "x"}}, id="problem-422"),
    pytest.param("post", "/api/v1/evaluate", ["not", "an", "object"], id="problem-400"),
    pytest.param("get", "/api/v1/evaluate", None, id="problem-405"),
    pytest.param("get", "/api/v1/nothing", None, id="problem-404"),
]


@pytest.mark.parametrize(("method", "path", "body"), [*API_CALLS, *API_PROBLEMS])
def test_api_responses_carry_the_knowledge_version(client, kb, method, path, body):
    # Errors too: the ids an answer error lists as allowed depend on the knowledge version.
    response = getattr(client, method)(path, json=body)

    assert response.headers["X-Knowledge-Version"] == kb.version


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        *API_CALLS,
        *API_PROBLEMS,
        pytest.param("get", "/healthz", None, id="healthz"),
    ],
)
def test_json_responses_are_never_cached(client, method, path, body):
    response = getattr(client, method)(path, json=body)

    assert response.mimetype in {"application/json", "application/problem+json"}
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        *API_CALLS,
        *API_PROBLEMS,
        pytest.param("get", "/healthz", None, id="healthz"),
        pytest.param("get", "/no-such-page", None, id="html-404"),
    ],
)
def test_security_headers_on_every_response(client, method, path, body):
    response = getattr(client, method)(path, json=body)

    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'self'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
