"""Whole interviews over LINE, with the real conversation and the LINE stand-in (issue 13).

Every turn goes signed webhook -> worker -> interview core -> LINE messages, which the
stand-in refuses if LINE would (more than 13 quick replies, a label over 20 grapheme clusters,
more than 5 messages in a reply, a text over 5,000, a bad token): every answer reaching the
person proves the messages fit.
"""

from testkit.answer_sets import PROBLEMS, URGENT

from .people import LinePerson, first_question, path, stored, user_key, walk
from .speech import question_text, say


def test_a_whole_interview_in_vietnamese_with_the_prefecture_picker_and_a_full_width_number(
    talk, line_api
):
    # Given a trainee whose LINE is in Vietnamese adds Kenri
    person = LinePerson(talk, line_api, language="vi")
    menu = person.follow()
    # Then the first message is the language menu, Vietnamese first, asked in Vietnamese
    assert menu.quick[0] == ("Tiếng Việt", "l|vi")
    assert len(menu.quick) == 11 and all(data.startswith("l|") for _, data in menu.quick)
    assert say(talk.app, "vi", "Choose your language") in menu.text
    # When they choose Vietnamese
    first = person.tap("Tiếng Việt")
    # Then a privacy notice says what is kept and for how long, then the first question
    delete_word = say(talk.app, "vi", "delete|delete my data|erase|forget me").split("|")[0]
    assert "30" in first.text and "2" in first.text and f"“{delete_word}”" in first.text
    assert question_text(talk.app, "vi", first_question(talk.app)) in first.text
    # When they answer everything, the hourly pay typed in full-width digits with 円
    last, asked = walk(person, first, URGENT, typed={"wages-hourly-rate": "１０００円"})
    # Then the prefecture was asked in two steps (region, then prefecture) and answered
    assert "wages-prefecture" in asked and "wages-work-month" in asked
    _, answers = stored(talk.app, user_key(talk.app, "line", person.user))
    assert answers["wages-prefecture"] == "tokyo" and answers["wages-hourly-rate"] == 1000.0
    # And the result comes urgent first, with Call 110, the findings, their law and helpers
    texts = last.text
    urgent = say(talk.app, "vi", "Urgent: get help now")
    serious = say(talk.app, "vi", "Serious: likely against the law")
    assert texts.index(urgent) < texts.index(serious)
    assert say(talk.app, "vi", "Your pay is below the minimum wage") in texts  # 1000 < Tokyo's
    assert say(talk.app, "vi", "Japanese law") in texts
    assert last.calls[0] == "tel:110" and "tel:0120811610" in last.calls
    # And the hotline says whether it is open now, or when it opens, rather than its hours
    hotline = talk.app.extensions["kenri"].kb.referrals["labour-conditions-hotline"]
    assert say(talk.app, "vi", hotline.hours) not in texts
    states = (
        "Open now, until %(time)s",
        "Opens today at %(time)s",
        "Opens tomorrow at %(time)s",
        "Opens on %(day)s at %(time)s",  # over the new-year break
    )
    assert any(say(talk.app, "vi", state).split("%(")[0] in texts for state in states)
    # And links to the summary and the full result on the web, with the menu
    assert len(last.links) >= 2
    assert all(url.startswith("https://kenri.example/chat/open/") for _, url in last.links)
    assert ("c|result", "c|change") == tuple(data for _, data in last.quick[:2])
    assert set(talk.statuses()) == {"sent"}


def test_japanese_ambiguous_number_change_back_and_language_switch(talk, line_api):
    person = LinePerson(talk, line_api, language="ja")
    assert person.follow().quick[0] == ("日本語", "l|ja")
    turn, _ = walk(person, person.tap("日本語"), PROBLEMS, stop_at="wages-hourly-rate")
    # When "1.300" is typed in Japanese (one point three, or one thousand three hundred?)
    turn = person.type("1.300")
    # Then both readings are offered as buttons, and nothing is guessed
    assert say(talk.app, "ja", "Which number did you mean?") in turn.text
    readings = [(label, data) for label, data in turn.quick if data.startswith("a|")]
    assert [data.rsplit("|", 1)[1] for _, data in readings] == ["1.3", "1300.0"]
    turn = person.tap(data=readings[1][1])
    key = user_key(talk.app, "line", person.user)
    _, answers = stored(talk.app, key)
    assert answers["wages-hourly-rate"] == 1300.0
    assert turn.question == path(talk.app, answers)[1]  # 1,300 yen: above Tokyo's minimum
    # When they type "change" (English, in a Japanese chat) and pick the passport question
    listing = person.type("change")
    assert say(talk.app, "ja", "Which answer do you want to change?") in listing.text
    # (the list opens on the latest answers; earlier ones are on the pages before)
    while not any(d.endswith("|passport-held-by-other") for _, d in listing.quick):
        listing = person.tap(data=next(d for _, d in listing.quick if d.startswith("c|change|")))
    again = person.tap(
        data=next(d for _, d in listing.quick if d.endswith("|passport-held-by-other"))
    )
    # Then that question is asked again with the answer given
    assert question_text(talk.app, "ja", "passport-held-by-other") in again.text
    assert again.question == "passport-held-by-other"
    # When they change it to "no", its follow-ups drop out and the chat goes on with the next
    # unanswered question
    changed = person.tap(data=next(d for _, d in again.quick if d.endswith("|no")))
    _, answers = stored(talk.app, key)
    assert answers["passport-held-by-other"] == "no"
    asked, upcoming = path(talk.app, answers)
    assert changed.question == upcoming
    # When they type the Japanese word for Back, the question before is asked again
    back = person.type(say(talk.app, "ja", "Back"))
    assert back.question == asked[-1]
    # When they switch to Vietnamese from the menu, the same question comes in Vietnamese
    person.type("menu")
    languages = person.tap(data="c|language")
    assert languages.quick[0] == ("日本語", "l|ja")
    switched = person.tap("Tiếng Việt")
    assert switched.question == asked[-1]
    assert question_text(talk.app, "vi", asked[-1]) in switched.text
    # And the interview finishes in Vietnamese
    last, _ = walk(person, switched, PROBLEMS)
    assert say(talk.app, "vi", "Your result") in last.text
    assert set(talk.statuses()) == {"sent"}


def test_burmese_typed_prefecture_and_native_digits(talk, line_api):
    person = LinePerson(talk, line_api, language="my")
    person.follow()
    turn = person.tap("မြန်မာ")
    assert question_text(talk.app, "my", first_question(talk.app)) in turn.text
    burmese_tokyo = say(talk.app, "my", "Tokyo").split("(")[0].strip()
    last, asked = walk(
        person,
        turn,
        PROBLEMS,
        typed={
            "wages-prefecture": burmese_tokyo,
            "wages-hourly-rate": "၁၀၀၀ ယန်း",  # Burmese digits and word for yen
            "wages-work-month": "၂၀၂၆-၁၁",
        },
    )
    assert {"wages-prefecture", "wages-hourly-rate", "wages-work-month"} <= set(asked)
    _, answers = stored(talk.app, user_key(talk.app, "line", person.user))
    assert answers["wages-prefecture"] == "tokyo"
    assert answers["wages-hourly-rate"] == 1000.0
    assert answers["wages-work-month"] == "2026-11"
    assert say(talk.app, "my", "Your pay is below the minimum wage") in last.text
    assert set(talk.statuses()) == {"sent"}


def test_a_danger_answer_gets_110_and_what_to_say_at_once_then_the_questions_go_on(talk, line_api):
    # Issue 10 in chat: "yes, I am locked in" interrupts with 110 before the next question
    person = LinePerson(talk, line_api, language="vi")
    person.follow()
    first = person.tap("Tiếng Việt")
    assert first.question == "movement-locked-in"
    yes = next(data for label, data in first.answer_buttons() if data.endswith("|yes"))
    turn = person.press(yes)
    assert "tel:110" in turn.calls
    assert "助けてください。" in turn.text and "閉じ込められています。" in turn.text
    assert turn.question == "violence-hit"  # the questions go on
    # And a second danger answer does not interrupt again
    hit = next(data for label, data in turn.answer_buttons() if data.endswith("|yes"))
    again = person.press(hit)
    assert "tel:110" not in again.calls
