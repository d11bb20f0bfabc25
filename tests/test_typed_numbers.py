"""Numbers as trainees type them (issue 10): locale-aware, with units and any digits, and
an ambiguous "1.200" confirmed back to the trainee instead of guessed."""

import re

import pytest

from testkit.answer_sets import ALL_CLEAR
from webapp.i18n.numbers import read_number
from webapp.store.answers import current_answers
from webapp.store.db import connect


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        pytest.param("1.200", "vi", (1200,), id="vi-full-stop-groups"),
        pytest.param("1.200", "id", (1200,), id="id-full-stop-groups"),
        pytest.param("1,200", "en", (1200,), id="en-comma-groups"),
        pytest.param("1,200", "vi", (1.2, 1200), id="vi-comma-could-be-either"),
        pytest.param("1.200", "en", (1.2, 1200), id="en-full-stop-could-be-either"),
        pytest.param("950円", "ja", (950,), id="yen-sign-ja"),
        pytest.param("¥950", "en", (950,), id="yen-symbol"),
        pytest.param("￥９５０", "ja", (950,), id="full-width-yen-and-digits"),
        pytest.param("950 yen", "vi", (950,), id="yen-word"),
        pytest.param("950 yên", "vi", (950,), id="yen-word-vi"),
        pytest.param("１，２００", "ja", (1200,), id="full-width-comma"),
        pytest.param("1 200", "fil", (1200,), id="spaces"),
        pytest.param("1\u202f200", "fil", (1200,), id="narrow-nbsp"),
        pytest.param("1.200.000", "vi", (1200000,), id="groups-twice"),
        pytest.param("1.234,56", "id", (1234.56,), id="both-marks"),
        pytest.param("1,5", "vi", (1.5,), id="decimal-comma"),
        pytest.param("1200.50", "en", (1200.5,), id="decimal-point"),
        pytest.param("၁၂၀၀", "my", (1200,), id="burmese-digits"),
        pytest.param("១២០០ យ៉េន", "km", (1200,), id="khmer-digits-and-yen"),
        pytest.param("๑๒๐๐", "th", (1200,), id="thai-digits"),
        pytest.param("१२००", "ne", (1200,), id="devanagari-digits"),
    ],
)
def test_typed_numbers_are_read_as_the_trainee_writes_them(text, locale, expected):
    assert read_number(text, locale).readings == tuple(float(e) for e in expected)


@pytest.mark.parametrize("text", ["", "abc", "1.2.3,4,5", "12..0", "-5", "1,20,0", "0x10"])
def test_text_that_is_not_a_number_is_refused(text):
    assert read_number(text, "en") is None


def test_the_range_settles_an_ambiguity_when_one_reading_is_impossible():
    assert read_number("1.200", "en", minimum=100, maximum=100000).readings == (1200.0,)
    assert read_number("1,5", "vi", minimum=0, maximum=400).readings == (1.5,)


# --- the phone form ------------------------------------------------------------------------


def hidden_fields(html):
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


def walk_to(client, question_id, lang):
    """Start in `lang` and answer ALL_CLEAR until `question_id` is asked: (url, page html)."""
    page = client.get(client.post("/start", data={"lang": lang}).headers["Location"])
    for _ in range(40):
        html = page.get_data(as_text=True)
        fields = hidden_fields(html)
        if fields["question"] == question_id:
            return page.request.path, html
        value = ALL_CLEAR[fields["question"]]
        field = "value" if isinstance(value, int) else "answer"
        response = client.post(page.request.path, data={**fields, field: str(value)})
        assert response.status_code == 303, html
        page = client.get(response.headers["Location"])
    pytest.fail(f"{question_id} was never asked")


def stored(settings, question_id):
    db = connect(settings.database)
    try:
        (session_id,) = db.execute("SELECT id FROM sessions").fetchone()
        return current_answers(db, session_id).get(question_id)
    finally:
        db.close()


@pytest.mark.parametrize(
    ("lang", "typed"),
    [("vi", "1.200"), ("id", "1.200"), ("ja", "1200円"), ("en", "¥1,200"), ("my", "၁၂၀၀")],
)
def test_the_form_stores_what_the_trainee_meant(client, settings, lang, typed):
    url, html = walk_to(client, "wages-hourly-rate", lang)
    response = client.post(url, data={**hidden_fields(html), "value": typed})

    assert response.status_code == 303
    assert stored(settings, "wages-hourly-rate") == 1200.0


def test_an_ambiguous_number_is_confirmed_back_and_the_choice_is_stored(client, settings):
    url, html = walk_to(client, "wages-hourly-rate", "vi")
    page = client.post(url, data={**hidden_fields(html), "value": "1,200"})
    text = page.get_data(as_text=True)

    assert page.status_code == 200 and stored(settings, "wages-hourly-rate") is None
    offered = dict(re.findall(r'name="confirmed" value="([^"]+)"[^>]*><label[^>]*>([^<]+)<', text))
    assert sorted(offered) == ["1.2", "1200.0"]
    assert offered["1200.0"].startswith("1.200")  # shown as Vietnamese writes it
    response = client.post(
        url, data={**hidden_fields(text), "value": "1,200", "confirmed": "1200.0"}
    )
    assert response.status_code == 303
    assert stored(settings, "wages-hourly-rate") == 1200.0


def test_typing_a_new_number_on_the_confirmation_page_wins(client, settings):
    url, html = walk_to(client, "wages-hourly-rate", "vi")
    text = client.post(url, data={**hidden_fields(html), "value": "1,200"}).get_data(as_text=True)
    response = client.post(url, data={**hidden_fields(text), "value": "1.300", "confirmed": "1.2"})

    assert response.status_code == 303
    assert stored(settings, "wages-hourly-rate") == 1300.0


def test_the_check_page_shows_numbers_as_the_locale_writes_them(client):
    url, html = walk_to(client, "wages-hourly-rate", "vi")
    response = client.post(url, data={**hidden_fields(html), "value": "1.350"})
    page = client.get(response.headers["Location"])
    while "/check" not in page.request.path:
        fields = hidden_fields(page.get_data(as_text=True))
        value = ALL_CLEAR[fields["question"]]
        response = client.post(page.request.path, data={**fields, "answer": value})
        page = client.get(response.headers["Location"])

    text = page.get_data(as_text=True)
    assert "1.350" in text and "1,350" not in text


def test_a_typed_text_that_is_no_number_gets_the_range_error(client, settings):
    url, html = walk_to(client, "wages-hourly-rate", "en")
    response = client.post(url, data={**hidden_fields(html), "value": "about a thousand"})

    assert response.status_code == 422
    assert "Enter a number between 1 and 100,000" in response.get_data(as_text=True)
    assert stored(settings, "wages-hourly-rate") is None
