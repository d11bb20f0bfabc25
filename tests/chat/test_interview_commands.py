"""Commands, stale buttons and odd messages in the chat interview (issue 13)."""

from webapp.channels.interview_chat import postbacks
from webapp.store.db import connect

from .conftest import line_postback
from .people import LinePerson, MessengerPerson, stored, user_key
from .speech import question_text, say


def started(talk, line_api, language="en", label="English"):
    person = LinePerson(talk, line_api, language=language)
    person.follow()
    return person, person.tap(label)


def answer_rows(app) -> int:
    db = connect(app.extensions["kenri"].settings.database)
    try:
        return db.execute("SELECT count(*) FROM answers").fetchone()[0]
    finally:
        db.close()


def test_a_button_from_an_earlier_interview_only_brings_the_current_question_back(talk, line_api):
    person, first = started(talk, line_api)
    old_yes = [d for _, d in first.quick if d.endswith("|passport-held-by-other|yes")][0]
    second = person.tap(data=[d for _, d in first.quick if d.endswith("|no")][0])
    assert second.question == "wages-pay-ok"
    # When they start again and then tap the "Yes" of the first interview's first question
    restarted = person.type("start again")
    assert restarted.question == "passport-held-by-other"
    rows = answer_rows(talk.app)
    stale = person.tap(data=old_yes)
    # Then nothing is answered and the question they are on comes back, with a word why
    assert say(talk.app, "en", "That button was from an earlier message.") in stale.text
    assert stale.question == "passport-held-by-other"
    assert answer_rows(talk.app) == rows


def test_a_forged_or_garbled_button_answers_nothing(talk, line_api):
    person, first = started(talk, line_api)
    rows = answer_rows(talk.app)
    forged = postbacks.encode("a", "0" * 10, "passport-held-by-other", "yes")
    for data in (forged, "a|x", "z|1|2|3", "a|" + "9" * 300):
        turn = person.press(data)
        assert turn.question == "passport-held-by-other"
    assert person.press("l|xx").quick[0] == ("English", "l|en")  # not a language: the menu
    assert answer_rows(talk.app) == rows


def test_an_old_button_of_an_answered_question_changes_that_answer(talk, line_api):
    person, first = started(talk, line_api)
    no = [d for _, d in first.quick if d.endswith("|passport-held-by-other|no")][0]
    yes = [d for _, d in first.quick if d.endswith("|passport-held-by-other|yes")][0]
    person.tap(data=no)
    turn = person.tap(data=yes)  # the same interview: a change of answer
    assert turn.question == "passport-which"
    _, answers = stored(talk.app, user_key(talk.app, "line", person.user))
    assert answers["passport-held-by-other"] == "yes"


def test_back_on_the_first_question_says_so_and_help_and_menu_answer(talk, line_api):
    person, first = started(talk, line_api)
    assert "c|back" not in [d for _, d in first.quick]
    back = person.type("back")
    assert say(talk.app, "en", "This is the first question.") in back.text
    helped = person.type("HELP")
    assert "“back”" in helped.text and "“delete”" in helped.text
    assert "c|result" not in [d for _, d in helped.quick]  # nothing to show yet
    early = person.press("c|result")
    assert say(talk.app, "en", "You have not answered every question yet.") in early.text
    nothing = person.press("c|change")
    assert say(talk.app, "en", "You have not answered any question yet.") in nothing.text


def test_what_is_not_an_answer_gets_the_question_again(talk, line_api):
    person, first = started(talk, line_api)
    puzzled = person.type("purple elephant")
    assert "help" in puzzled.text and puzzled.question == "passport-held-by-other"
    sticker = person.send_sticker()
    assert say(talk.app, "en", "I can only read text.") in sticker.text
    typed_label = person.type("no, I KEEP both myself")  # an option's label, typed
    assert typed_label.question == "wages-pay-ok"
    by_number = person.type("２")  # the second option, in full-width digits
    assert by_number.question == "wages-paid-in-full"


def test_words_of_every_language_work_in_any_chat(talk, line_api):
    person, first = started(talk, line_api, language="vi", label="Tiếng Việt")
    # The Burmese and Khmer words for "Language" open the language menu in a Vietnamese chat
    for code in ("my", "km"):
        menu = person.type(say(talk.app, code, "Language"))
        assert menu.quick[0] == ("Tiếng Việt", "l|vi")
    # A language typed by its English name switches the chat
    switched = person.type("Japanese")
    assert question_text(talk.app, "ja", "passport-held-by-other") in switched.text


def test_a_redelivered_answer_is_recorded_once(talk, line_api):
    person, first = started(talk, line_api)
    data = [d for _, d in first.quick if d.endswith("|passport-held-by-other|no")][0]
    event = line_postback(person.user, line_api.issue_reply_token(person.user), data)
    talk.line([event])
    talk.line([dict(event, deliveryContext={"isRedelivery": True})])
    talk.settle()
    assert answer_rows(talk.app) == 1


def test_get_started_again_keeps_the_interview_and_offers_the_languages(talk, meta_api):
    person = MessengerPerson(talk, meta_api)
    person.follow()
    first = person.tap(data="l|id")
    second = person.tap(data=first.answer_buttons()[0][1])
    menu = person.follow()
    assert menu.quick[0][1] == "l|id"
    again = person.tap(data="l|id")
    assert again.question == second.question


def test_a_number_questions_options_are_bulleted_so_a_typed_1_is_an_amount(talk, line_api):
    person, turn = started(talk, line_api, language="vi", label="Tiếng Việt")
    while turn.question != "wages-hourly-rate":
        buttons = turn.answer_buttons()
        tokyo = [d for _, d in buttons if d.endswith(("|kanto", "|tokyo"))]
        turn = person.tap(data=(tokyo or [buttons[0][1]])[0])
    assert "• " in turn.text and "\n1. " not in turn.text
    assert not any(label.startswith("1.") for label, _ in turn.quick)
    person.type("1")
    _, answers = stored(talk.app, user_key(talk.app, "line", person.user))
    assert answers["wages-hourly-rate"] == 1.0


def test_after_the_result_odd_messages_get_the_menu_not_the_result_again(talk, line_api):
    from testkit.answer_sets import ALL_CLEAR

    from .people import walk

    person, first = started(talk, line_api)
    old = first.answer_buttons()[0][1]
    walk(person, first, ALL_CLEAR)
    person.type("start again")
    again = person.tap(data=[d for _, d in person.last.quick if d.startswith("a|")][0])
    last, _ = walk(person, again, ALL_CLEAR)
    assert say(talk.app, "en", "Your result") in last.text
    stale = person.tap(data=old)  # from the first interview
    assert len(stale.messages) == 1 and "c|result" in [d for _, d in stale.quick]
    puzzled = person.type("purple elephant")
    assert len(puzzled.messages) == 1 and "help" in puzzled.text
    shown = person.type("result")
    assert say(talk.app, "en", "Your result") in shown.text
