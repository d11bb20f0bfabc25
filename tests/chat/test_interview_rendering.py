"""Every question of the shipped knowledge, in every shipped language, renders into messages
LINE and Messenger accept (issue 13): at most 13 quick replies with labels of at most 20
grapheme clusters, texts within limits. The stand-ins' validators are the judge. Results too:
the heaviest answer set, in every language."""

import datetime as dt

from flask_babel import force_locale

from testkit.answer_sets import ALL_CLEAR, EVERYTHING_WRONG
from webapp.channels.interview_chat.prefectures import regions
from webapp.channels.interview_chat.questions import Asked, question_reply, region_reply
from webapp.channels.interview_chat.results import result_replies
from webapp.channels.line.outbound import line_batches
from webapp.channels.messenger.outbound import messenger_messages
from webapp.engine import evaluate, normalise_answers
from webapp.views.open_now import mark_open
from webapp.views.translated import evaluation_json, referral_json

from .standins import _line_messages_errors, _meta_message_problem


def accepted(replies) -> None:
    for batch in line_batches(replies):
        assert _line_messages_errors(batch) == [], batch
    for message in messenger_messages(replies):
        assert _meta_message_problem(message) is None, message


def test_every_question_fits_both_platforms_in_every_language(app, kb, locales):
    with app.app_context():
        for code in locales:
            with force_locale(code):
                for question in kb.questions.values():
                    asked = Asked(question, "g" * 10, 30, 31, None, True)
                    accepted([question_reply(asked, note="A note")])
                    for group in regions(question):
                        accepted([region_reply(asked, group.id)])


def test_the_heaviest_result_fits_both_platforms_in_every_language(app, kb, locales):
    answers = normalise_answers(
        kb, {q: v for q, v in EVERYTHING_WRONG.items() if q in kb.questions}
    )
    evaluation = evaluate(kb, answers, dt.date(2026, 12, 1))
    assert len(evaluation.findings) > 10
    with app.app_context():
        for code in locales:
            with force_locale(code):
                data = evaluation_json(kb, evaluation, code)
                clear = [referral_json(kb.referrals[r]) for r in kb.meta.all_clear_referrals]
                friday_night = dt.datetime(2026, 12, 4, 14, tzinfo=dt.UTC)  # opens on Saturday
                mark_open(kb, [r for f in data["findings"] for r in f["referrals"]], friday_night)
                replies = result_replies(
                    data, clear, code, lambda p: f"https://kenri.example/chat/open/{'x' * 102}", 30
                )
                accepted(replies)
                # four findings in full, the rest by title, one "Call for help": the whole
                # result in one LINE reply (free; pushes are not)
                assert len(replies) == 1 + 4 + 1 + 1 + 1
                assert len(line_batches(replies)) == 1
                calls = [call.tel for reply in replies for call in reply.calls]
                assert calls[0] == "tel:110" and len(calls) == len(set(calls)) <= 5


def test_a_helper_with_known_hours_says_when_it_is_open(app, kb):
    evaluation = evaluate(kb, normalise_answers(kb, dict(ALL_CLEAR)), dt.date(2026, 12, 2))
    hotline = kb.referrals["labour-conditions-hotline"]
    with app.app_context(), force_locale("en"):
        data = evaluation_json(kb, evaluation, "en")
        assert data["findings"] == []
        offered = [referral_json(kb.referrals[r]) for r in kb.meta.all_clear_referrals]
        wednesday_morning = dt.datetime(2026, 12, 2, 1, tzinfo=dt.UTC)  # 10:00 in Japan
        mark_open(kb, offered, wednesday_morning)
        text = "\n".join(r.text for r in result_replies(data, offered, "en", lambda p: None, 30))

    assert f"{hotline.name} — {hotline.phone.number} — Opens today at 17:00" in text
    assert hotline.hours not in text  # the open state says what the trainee needs now
