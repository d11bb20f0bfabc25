"""A `multi` question (tick every answer that applies): engine, JSON and session API, form."""

import re

import pytest
from test_trainee_form import answers_of, csrf_of

from webapp.knowledge.answers import InvalidAnswer, UnknownOption, normalise_answer
from webapp.knowledge.conditions import AnswerIn, Context

DEDUCTIONS = "wages-deductions-what"
TO_DEDUCTIONS = {
    "movement-locked-in": "no",
    "violence-hit": "no",
    "violence-threatened": "no",
    "violence-forced-work": "no",
    "passport-held-by-other": "no",
    "wages-pay-ok": "no",
    "wages-paid-in-full": "yes",
    "wages-japanese-coworkers": "no",
    "wages-deductions": "yes",
}


@pytest.mark.parametrize(
    "raw, expected",
    [
        pytest.param(["loan", "housing"], ("housing", "loan"), id="in-question-order"),
        pytest.param(["fines", "fines"], ("fines",), id="duplicates-once"),
        pytest.param("fines", ("fines",), id="single-id-is-a-list-of-one"),
        pytest.param(["not-sure"], "not-sure", id="standard-option-in-a-list"),
        pytest.param("rather-not-say", "rather-not-say", id="standard-option-alone"),
    ],
)
def test_multi_answers_are_normalised(kb, raw, expected):
    assert normalise_answer(kb.questions[DEDUCTIONS], raw) == expected


@pytest.mark.parametrize(
    "raw, error",
    [
        pytest.param([], InvalidAnswer, id="nothing-ticked"),
        pytest.param(["not-sure", "loan"], InvalidAnswer, id="standard-with-others"),
        pytest.param(["loan", "bribes"], UnknownOption, id="unknown-option"),
        pytest.param([7], UnknownOption, id="not-a-string"),
        pytest.param({"loan": True}, InvalidAnswer, id="an-object"),
        pytest.param(12, InvalidAnswer, id="a-number"),
    ],
)
def test_bad_multi_answers_are_refused_with_the_allowed_ids(kb, raw, error):
    with pytest.raises(error) as caught:
        normalise_answer(kb.questions[DEDUCTIONS], raw)
    assert "housing" in caught.value.allowed and "not-sure" in caught.value.allowed


def test_a_condition_holds_when_any_ticked_option_is_listed():
    condition = AnswerIn(DEDUCTIONS, frozenset({"loan"}), 1)
    ctx = lambda answer: Context({DEDUCTIONS: answer}, None)  # noqa: E731
    assert condition.holds(ctx(("housing", "loan")))
    assert condition.holds(ctx(["loan"]))  # as stored in the session (JSON list)
    assert not condition.holds(ctx(("housing",)))
    assert not condition.holds(ctx("not-sure"))


def test_the_json_api_takes_a_list_of_option_ids(client):
    answers = dict(
        TO_DEDUCTIONS,
        **{
            DEDUCTIONS: ["supervision-fee", "loan"],
            "wages-loan-lender": "employer",
            "wages-deductions-agreement": "no",
        },
    )
    result = client.post("/api/v1/evaluate", json={"answers": answers, "on": "2026-12-01"}).json
    found = {f["id"]: f for f in result["findings"]}
    assert {
        "supervision-fee-from-pay",
        "loan-from-employer-repaid-from-pay",
        "deductions-without-agreement",
    } <= set(found)
    why = {w["question"]: w for w in found["supervision-fee-from-pay"]["why"]}
    assert why[DEDUCTIONS]["answer"] == ["supervision-fee", "loan"]
    assert why[DEDUCTIONS]["answer_text"] == (
        "Fees for the supervising organisation (kumiai), Paying back money I borrowed"
    )


def test_a_bad_list_is_a_422_naming_the_question_and_the_options(client):
    answers = dict(TO_DEDUCTIONS, **{DEDUCTIONS: ["not-sure", "loan"]})
    response = client.post("/api/v1/evaluate", json={"answers": answers})
    assert response.status_code == 422
    assert response.json["question"] == DEDUCTIONS and "loan" in response.json["allowed"]


def test_the_session_api_takes_a_list_and_goes_on_to_the_follow_up(client):
    session = client.post("/api/v1/sessions", json={}).json["id"]
    for question, value in TO_DEDUCTIONS.items():
        state = client.post(
            f"/api/v1/sessions/{session}/answers", json={"question": question, "answer": value}
        ).json
    assert state["question"]["id"] == DEDUCTIONS and state["question"]["kind"] == "multi"
    state = client.post(
        f"/api/v1/sessions/{session}/answers",
        json={"question": DEDUCTIONS, "answer": ["food", "loan"]},
    ).json
    assert state["question"]["id"] == "wages-loan-lender"
    assert {"question": DEDUCTIONS, "answer": ["food", "loan"]} in state["answered"]


@pytest.fixture
def at_deductions(client):
    """A trainee on the phone form who has reached the deductions checkboxes: (client, csrf,
    the deductions page's address; pages are numbered, never named)."""
    response = client.post("/start")
    csrf = csrf_of(client.get(response.headers["Location"]))
    for number, (question, value) in enumerate(TO_DEDUCTIONS.items(), 1):
        data = {"csrf": csrf, "question": question, "answer": value}
        assert client.post(f"/q/{number}", data=data).status_code == 303
    return client, csrf, f"/q/{len(TO_DEDUCTIONS) + 1}"


def post_ticks(client, csrf, url, ticked):
    return client.post(url, data={"csrf": csrf, "question": DEDUCTIONS, "answer": ticked})


def test_the_form_shows_checkboxes_that_work_without_javascript(at_deductions):
    client, _, url = at_deductions
    html = client.get(url).get_data(as_text=True)
    boxes = re.findall(r'<input type="checkbox" id="option-([\w-]+)" name="answer"', html)
    assert boxes[:3] == ["housing", "utilities", "food"] and "not-sure" in boxes
    assert 'type="radio"' not in html
    assert not re.search(
        r"<script(?![^>]*\bsrc=)", html
    )  # no inline script; the page works without JS


def test_ticking_several_boxes_stores_a_list_and_goes_on(at_deductions, settings):
    client, csrf, url = at_deductions
    response = post_ticks(client, csrf, url, ["loan", "food"])
    assert response.status_code == 303
    following = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'name="question" value="wages-loan-lender"' in following
    assert answers_of(settings, client)[DEDUCTIONS] == ["food", "loan"]
    # Going back shows the boxes ticked
    html = client.get(url).get_data(as_text=True)
    assert 'value="food" checked' in html and 'value="loan" checked' in html
    assert 'value="housing" checked' not in html


@pytest.mark.parametrize(
    "ticked",
    [
        pytest.param([], id="none"),
        pytest.param(["not-sure", "food"], id="not-sure-and-more"),
        pytest.param(["bribes"], id="unknown"),
    ],
)
def test_a_bad_tick_shows_the_error_keeps_the_ticks_and_stores_nothing(
    at_deductions, settings, ticked
):
    client, csrf, url = at_deductions
    response = post_ticks(client, csrf, url, ticked)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'class="error-summary"' in html and 'href="#option-housing"' in html
    if "food" in ticked:
        assert 'value="food" checked' in html
    assert DEDUCTIONS not in answers_of(settings, client)
