"""Deleting, expiring and forgetting in the chat (issue 13): "delete my data" leaves nothing
of the person in the database files, LINE's unfollow does the same, an expired interview is
gone and the person is told so, and the chat session is a kind of its own."""

import datetime as dt

from webapp.store.db import connect

from .people import LinePerson, MessengerPerson, first_question, stored, user_key, walk
from .speech import say

SECRET_PAY = "4321.5"  # typed as the hourly pay: stored as the JSON text 4321.5
NEEDLE = SECRET_PAY.encode()


def raw_files(app) -> bytes:
    database = app.extensions["kenri"].settings.database
    return b"".join(
        path.read_bytes()
        for suffix in ("", "-wal", "-shm")
        if (path := database.with_name(database.name + suffix)).exists()
    )


def until_the_pay_is_typed(person, turn):
    from testkit.answer_sets import ALL_CLEAR

    turn, _ = walk(person, turn, ALL_CLEAR, stop_at="wages-hourly-rate")
    return person.type(SECRET_PAY)


def test_delete_my_data_leaves_no_byte_of_the_person(talk, line_api):
    person = LinePerson(talk, line_api, language="en")
    person.follow()
    until_the_pay_is_typed(person, person.tap("English"))
    key = user_key(talk.app, "line", person.user)
    session_id, answers = stored(talk.app, key)
    assert answers["wages-hourly-rate"] == 4321.5
    # The control: while the interview lives, the files hold its answer, id and link
    assert NEEDLE in raw_files(talk.app) and key.encode() in raw_files(talk.app)
    # When they type "delete"
    gone = person.type("delete")
    # Then they are told, and offered to start again in their language
    assert say(talk.app, "en", "Your answers are deleted") in gone.text
    assert gone.quick == [("Start again", "l|en")]
    # And nothing of them is left in the database files: answers, session id, user key
    files = raw_files(talk.app)
    for needle in (NEEDLE, session_id.encode(), key.encode()):
        assert needle not in files
    assert stored(talk.app, key) == (None, {})
    # When they tap "Start again", a new interview starts, under a new id
    again = person.tap("Start again")
    assert again.question == first_question(talk.app)
    assert stored(talk.app, key)[0] not in (None, session_id)


def test_blocking_the_account_on_line_deletes_everything(talk, line_api):
    person = LinePerson(talk, line_api, language="en")
    person.follow()
    until_the_pay_is_typed(person, person.tap("English"))
    key = user_key(talk.app, "line", person.user)
    session_id, _ = stored(talk.app, key)
    person.unfollow()
    files = raw_files(talk.app)
    assert NEEDLE not in files and session_id.encode() not in files and key.encode() not in files
    assert talk.statuses()[-1] == "dropped"  # nothing was sent to someone who blocked us


def test_an_expired_interview_is_gone_and_the_person_is_told_in_their_language(talk, meta_api):
    person = MessengerPerson(talk, meta_api)
    person.follow()
    until_the_pay_is_typed(person, person.tap("Tiếng Việt"))
    key = user_key(talk.app, "messenger", person.psid)
    session_id, _ = stored(talk.app, key)
    # Given 31 minutes pass without a message
    db = connect(talk.app.extensions["kenri"].settings.database)
    old = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=31)).isoformat()
    with db.conn:
        db.execute("UPDATE sessions SET last_seen_at = ? WHERE id = ?", [old, session_id])
    db.close()
    # When they write again
    turn = person.type("1200")
    # Then they are told why the answers are gone (in Vietnamese), and offered the languages,
    # Vietnamese first; the answers, the session and the link are gone
    assert say(talk.app, "vi", "Choose your language") in turn.text
    assert "30" in turn.text
    assert turn.quick[0] == ("Tiếng Việt", "l|vi")
    assert stored(talk.app, key) == (None, {})
    assert NEEDLE not in raw_files(talk.app)


def test_purging_expired_sessions_takes_the_chat_link_with_them(talk, line_api):
    from webapp.store.retention import Limits, purge_expired

    person = LinePerson(talk, line_api)
    person.follow()
    person.tap("English")
    key = user_key(talk.app, "line", person.user)
    assert stored(talk.app, key)[0]
    db = connect(talk.app.extensions["kenri"].settings.database)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=3)
    assert purge_expired(db, Limits(), later) == 1
    assert db.execute("SELECT count(*) FROM chat_sessions").fetchone()[0] == 0
    db.close()
    assert key.encode() not in raw_files(talk.app)


def test_a_chat_session_cannot_be_used_by_the_form_or_the_api(talk, line_api):
    person = LinePerson(talk, line_api)
    person.follow()
    person.tap("English")
    session_id, _ = stored(talk.app, user_key(talk.app, "line", person.user))
    client = talk.app.test_client()
    assert client.get(f"/api/v1/sessions/{session_id}").status_code == 404
    client.set_cookie("kenri", session_id)
    assert client.get("/q/1").headers["Location"] == "/"


def test_a_whole_interview_logs_no_answer_text_or_id(talk, line_api, caplog):
    import logging

    from testkit.answer_sets import PROBLEMS

    caplog.set_level(logging.DEBUG)
    person = LinePerson(talk, line_api, language="vi")
    person.follow()
    typed = {"wages-prefecture": "東京都", "wages-hourly-rate": "1.012 yên"}
    last, _ = walk(person, person.tap("Tiếng Việt"), PROBLEMS, typed=typed)
    person.type("change")
    key = user_key(talk.app, "line", person.user)
    session_id, _ = stored(talk.app, key)
    token = last.links[0][1].rsplit("/", 1)[1]
    talk.app.test_client().get(f"/chat/open/{token}")
    logged = "\n".join(f"{r.name} {r.getMessage()}" for r in caplog.records)
    assert "line text event: answer sent" in logged  # the log says what happened...
    for secret in ("東京", "1.012", "1012", person.user, key, session_id, token, "tokyo"):
        assert secret not in logged, secret  # ...and nothing of what was said, or by whom
