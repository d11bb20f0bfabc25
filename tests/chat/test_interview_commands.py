"""Commands, stale buttons and odd messages in the chat interview (issue 13). The questions
come from the shipped knowledge (people.path), so these tests follow it as it changes."""

from testkit.answer_sets import ALL_CLEAR
from webapp.channels.interview_chat import postbacks
from webapp.store.db import connect

from .conftest import line_postback
from .people import LinePerson, MessengerPerson, first_question, path, stored, user_key, walk
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


def button(turn, question: str, option: str) -> str:
    return next(d for _, d in turn.quick if d.endswith(f"|{question}|{option}"))


def other_option(turn, question: str, but: str) -> str:
    """An option of `question` other than `but` (and not a standard one)."""
    return next(
        d.rsplit("|", 1)[1]
        for _, d in turn.answer_buttons()
        if not d.endswith(("|" + but, "|not-sure", "|rather-not-say"))
    )


def test_a_button_from_an_earlier_interview_only_brings_the_current_question_back(talk, line_api):
    person, first = started(talk, line_api)
    q1 = first_question(talk.app)
    old = button(first, q1, other_option(first, q1, ALL_CLEAR[q1]))
    second = person.tap(data=button(first, q1, ALL_CLEAR[q1]))
    assert second.question == path(talk.app, {q1: ALL_CLEAR[q1]})[1]
    # When they start again and then tap a button of the first interview's first question
    restarted = person.type("start again")
    assert restarted.question == q1
    rows = answer_rows(talk.app)
    stale = person.tap(data=old)
    # Then nothing is answered and the question they are on comes back, with a word why
    assert say(talk.app, "en", "That button was from an earlier message.") in stale.text
    assert stale.question == q1
    assert answer_rows(talk.app) == rows


def test_a_forged_or_garbled_button_answers_nothing(talk, line_api):
    person, first = started(talk, line_api)
    q1 = first_question(talk.app)
    rows = answer_rows(talk.app)
    forged = postbacks.encode("a", "0" * 10, q1, ALL_CLEAR[q1])
    for data in (forged, "a|x", "z|1|2|3", "a|" + "9" * 300):
        turn = person.press(data)
        assert turn.question == q1
    assert person.press("l|xx").quick[0] == ("English", "l|en")  # not a language: the menu
    assert answer_rows(talk.app) == rows


def test_an_old_button_of_an_answered_question_changes_that_answer(talk, line_api):
    person, first = started(talk, line_api)
    q1 = first_question(talk.app)
    other = other_option(first, q1, ALL_CLEAR[q1])
    person.tap(data=button(first, q1, ALL_CLEAR[q1]))
    turn = person.tap(data=button(first, q1, other))  # the same interview: a change of answer
    assert turn.question == path(talk.app, {q1: other})[1]
    _, answers = stored(talk.app, user_key(talk.app, "line", person.user))
    assert answers[q1] == other


def test_back_on_the_first_question_says_so_and_help_and_menu_answer(talk, line_api):
    person, first = started(talk, line_api)
    assert "c|back" not in [d for _, d in first.quick]
    back = person.type("back")
    assert say(talk.app, "en", "This is the first question.") in back.text
    helped = person.type("HELP")
    assert "“back”" in helped.text and "“delete”" in helped.text
    # "help" may come from someone in danger: the police number comes before anything else
    assert helped.text.startswith(say(talk.app, "en", "If you are in danger now, call the police"))
    assert "110" in helped.text.split("\n")[0]
    assert "c|result" not in [d for _, d in helped.quick]  # nothing to show yet
    early = person.press("c|result")
    assert say(talk.app, "en", "You have not answered every question yet.") in early.text
    nothing = person.press("c|change")
    assert say(talk.app, "en", "You have not answered any question yet.") in nothing.text


def test_what_is_not_an_answer_gets_the_question_again(talk, line_api, kb):
    person, first = started(talk, line_api)
    q1 = first_question(talk.app)
    puzzled = person.type("purple elephant")
    assert "help" in puzzled.text and puzzled.question == q1
    sticker = person.send_sticker()
    assert say(talk.app, "en", "I can only read text.") in sticker.text
    # An option's label, typed in capitals, answers
    label = next(o.label for o in kb.questions[q1].options if o.id == ALL_CLEAR[q1])
    q2 = person.type(label.upper()).question
    assert q2 == path(talk.app, {q1: ALL_CLEAR[q1]})[1]
    # The second button's number, in full-width digits, answers too
    second_option = kb.questions[q2].options[1].id
    person.type("２")
    _, answers = stored(talk.app, user_key(talk.app, "line", person.user))
    assert answers == {q1: ALL_CLEAR[q1], q2: second_option}


def test_words_of_every_language_work_in_any_chat(talk, line_api):
    person, first = started(talk, line_api, language="vi", label="Tiếng Việt")
    # The Burmese and Khmer words for "Language" open the language menu in a Vietnamese chat
    for code in ("my", "km"):
        menu = person.type(say(talk.app, code, "Language"))
        assert menu.quick[0] == ("Tiếng Việt", "l|vi")
    # A language typed by its English name switches the chat
    switched = person.type("Japanese")
    assert question_text(talk.app, "ja", first_question(talk.app)) in switched.text


def test_a_redelivered_answer_is_recorded_once(talk, line_api):
    person, first = started(talk, line_api)
    q1 = first_question(talk.app)
    event = line_postback(
        person.user, line_api.issue_reply_token(person.user), button(first, q1, ALL_CLEAR[q1])
    )
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
    person, first = started(talk, line_api, language="vi", label="Tiếng Việt")
    turn, _ = walk(person, first, ALL_CLEAR, stop_at="wages-hourly-rate")
    assert turn.question == "wages-hourly-rate"
    assert "• " in turn.text and "\n1. " not in turn.text
    assert not any(label.startswith("1.") for label, _ in turn.quick)
    person.type("1")
    _, answers = stored(talk.app, user_key(talk.app, "line", person.user))
    assert answers["wages-hourly-rate"] == 1.0


def test_after_the_result_odd_messages_get_the_menu_not_the_result_again(talk, line_api):
    person, first = started(talk, line_api)
    old = first.answer_buttons()[0][1]
    walk(person, first, ALL_CLEAR)
    restarted = person.type("start again")
    last, _ = walk(person, restarted, ALL_CLEAR)
    assert say(talk.app, "en", "Your result") in last.text
    stale = person.tap(data=old)  # from the first interview
    assert len(stale.messages) == 1 and "c|result" in [d for _, d in stale.quick]
    puzzled = person.type("purple elephant")
    assert len(puzzled.messages) == 1 and "help" in puzzled.text
    shown = person.type("result")
    assert say(talk.app, "en", "Your result") in shown.text
