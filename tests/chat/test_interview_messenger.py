"""Whole interviews over Messenger, with the real conversation and Meta's Send API stand-in
(issue 13): Get Started, a typed language, the prefecture picker, typed names and numbers,
phone buttons in the result, and the quick replies within Meta's limits."""

from testkit.answer_sets import ALL_CLEAR, PROBLEMS

from .people import MessengerPerson, first_question, stored, user_key, walk
from .speech import graphemes, question_text, say


def test_burmese_after_get_started_with_a_typed_language_and_the_two_step_prefecture(
    talk, meta_api
):
    # Given a person presses Get Started (Messenger gives no language)
    person = MessengerPerson(talk, meta_api)
    menu = person.follow()
    assert len(menu.quick) == 11 and menu.quick[0][1] == "l|en"
    # When they type the name of their language instead of tapping
    first = person.type("မြန်မာ")
    # Then the interview starts in Burmese
    assert question_text(talk.app, "my", first_question(talk.app)) in first.text
    turn, _ = walk(person, first, PROBLEMS, stop_at="wages-prefecture")
    # The prefecture question: eight regions, "not sure", "rather not say", Back, Menu
    regions = [data.split("|")[3] for _, data in turn.quick if data[:2] in ("r|", "a|")]
    assert regions == [
        "hokkaido",
        "tohoku",
        "kanto",
        "chubu",
        "kinki",
        "chugoku",
        "shikoku",
        "kyushu",
        "not-sure",
        "rather-not-say",
    ]
    assert [data for _, data in turn.quick[-2:]] == ["c|back", "c|menu"]
    assert say(talk.app, "my", "Tokyo") in turn.text  # every prefecture listed by region
    # When they tap Chubu, its nine prefectures come as buttons, with "Other regions"
    chubu = person.tap(data=[d for _, d in turn.quick if d.endswith("|chubu")][0])
    assert len([d for _, d in chubu.quick if d.startswith("a|")]) == 9
    other = person.tap(data=[d for _, d in chubu.quick if d.startswith("q|")][0])
    assert other.quick == turn.quick  # back to the regions
    # When they tap Kanto then Tokyo, and finish
    last, _ = walk(person, other, PROBLEMS)
    _, answers = stored(talk.app, user_key(talk.app, "messenger", person.psid))
    assert answers["wages-prefecture"] == "tokyo"
    # Then the result is in Burmese, with a phone button Messenger can dial and web links
    assert say(talk.app, "my", "Your pay is below the minimum wage") in last.text
    assert "tel:+81120811610" in last.calls
    labels = [say(talk.app, "my", m) for m in ("My summary", "My full result")]
    assert [label for label, _ in last.links][:2] == labels
    assert all(graphemes(label) <= 20 for label, _ in last.quick)
    assert set(talk.statuses()) == {"sent"}


def test_vietnamese_with_prefecture_and_month_typed_in_japanese(talk, meta_api):
    person = MessengerPerson(talk, meta_api)
    person.follow()
    turn = person.tap("Tiếng Việt")
    last, asked = walk(
        person,
        turn,
        PROBLEMS,
        typed={
            "wages-prefecture": "東京",
            "wages-hourly-rate": "1.000 yên",
            "wages-work-month": "２０２６年１１月",
        },
    )
    assert "wages-work-month" in asked
    _, answers = stored(talk.app, user_key(talk.app, "messenger", person.psid))
    # "1.000" in Vietnamese is one thousand (the full stop groups digits there)
    assert answers["wages-prefecture"] == "tokyo"
    assert answers["wages-hourly-rate"] == 1000.0
    assert answers["wages-work-month"] == "2026-11"
    assert say(talk.app, "vi", "Your result") in last.text


def test_japanese_all_clear_offers_help_and_the_region_by_typed_name(talk, meta_api):
    person = MessengerPerson(talk, meta_api)
    person.follow()
    turn, _ = walk(person, person.tap("日本語"), ALL_CLEAR, stop_at="wages-prefecture")
    # A region typed by name opens its prefectures
    kanto = person.type("関東")
    assert any(d.endswith("|tokyo") for _, d in kanto.quick)
    last, _ = walk(person, kanto, ALL_CLEAR)
    assert say(talk.app, "ja", "We did not find a problem in your answers") in last.text
    assert last.calls  # the all-clear helpers, with a number to call
