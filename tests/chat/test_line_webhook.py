"""LINE webhook end to end: signed webhook -> worker -> test conversation -> LINE stand-in."""

import pytest

from webapp.channels import channel_runtime

from .conftest import line_event, line_postback, line_text, line_user

SECURITY_HEADERS = {"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"}


def assert_private_headers(response):
    assert SECURITY_HEADERS <= set(response.headers.keys())
    assert response.headers["Cache-Control"] == "no-store"


def texts(messages):
    return [m.get("text") or m["template"]["text"] for m in messages]


def test_follow_gets_the_language_menu_with_the_profile_language_as_hint(chat, line_api, seen):
    # Given a person whose LINE is set to Vietnamese adds the account
    user = line_user()
    line_api.set_language(user, "vi")
    token = line_api.issue_reply_token(user)
    # When LINE sends the follow event
    response = chat.line([line_event("follow", user, token)])
    chat.settle()
    # Then the webhook said 200 at once, the conversation got a hint, the menu was replied
    assert response.status_code == 200
    assert_private_headers(response)
    assert [(e.kind, e.language_hint) for e in seen] == [("follow", "vi")]
    assert seen[0].user_key != user and len(seen[0].user_key) == 64
    [menu] = line_api.delivered(user)
    items = menu["quickReply"]["items"]
    assert [i["action"]["label"] for i in items][:3] == ["Tiếng Việt", "မြန်မာ", "日本語"]
    assert items[0]["action"] == {
        "type": "postback",
        "label": "Tiếng Việt",
        "data": "lang:vi",
        "displayText": "Tiếng Việt",
    }
    assert [r.path for r in line_api.requests] == [
        "/v2/bot/profile/" + user,
        "/v2/bot/message/reply",
    ]
    assert chat.statuses() == ["sent"]


def test_text_and_postback_are_normalised(chat, line_api, seen):
    user = line_user()
    chat.line(
        [
            line_text(user, line_api.issue_reply_token(user), "１２万円"),
            line_postback(user, line_api.issue_reply_token(user), "q:wage:opt:low"),
        ]
    )
    chat.settle()
    assert [(e.kind, e.text, e.data) for e in seen] == [
        ("text", "１２万円", None),
        ("postback", None, "q:wage:opt:low"),
    ]
    assert texts(line_api.delivered(user)) == ["You said: １２万円", "You chose q:wage:opt:low."]
    assert seen[0].user_key == seen[1].user_key
    assert all(e.channel == "line" and e.event_id for e in seen)


def test_stickers_are_unsupported_and_groups_are_ignored(chat, line_api, seen):
    user = line_user()
    sticker = line_event(
        "message", user, line_api.issue_reply_token(user), message={"type": "sticker", "id": "2"}
    )
    in_group = line_text(user, line_api.issue_reply_token(user), "hello")
    in_group["source"] = {"type": "group", "groupId": "C" + "0" * 32, "userId": user}
    standby = line_text(user, None, "hello", mode="standby")
    assert chat.line([sticker, in_group, standby]).status_code == 200
    chat.settle()
    assert [e.kind for e in seen] == ["unsupported"]


def test_the_consoles_verify_request_without_events_gets_200(chat, line_api):
    assert chat.line([]).status_code == 200
    assert line_api.requests == []


@pytest.mark.parametrize(
    "signature",
    ["", "bm90IGEgc2lnbmF0dXJl", "wrong", "ü"],
    ids=["empty", "other-base64", "garbage", "non-ascii"],
)
def test_bad_signature_is_401_and_nothing_is_stored(chat, line_api, seen, signature):
    user = line_user()
    response = chat.line(
        [line_text(user, line_api.issue_reply_token(user), "hi")], signature=signature
    )
    chat.settle()
    assert response.status_code == 401
    assert_private_headers(response)
    assert seen == [] and line_api.requests == [] and chat.statuses() == []


def test_signature_by_another_secret_is_refused(chat, line_api, seen):
    user = line_user()
    response = chat.line([line_text(user, "t", "hi")], secret="someone-elses-secret")
    assert response.status_code == 401
    missing = chat.client.post("/channels/line/webhook", data=b'{"events": []}')
    assert missing.status_code == 401
    assert seen == [] and chat.statuses() == []


def test_signed_garbage_is_400_and_nothing_is_stored(chat):
    from webapp.channels.signatures import line_signature

    from .conftest import LINE_SECRET

    for body in (b"not json", b"[1, 2]", b'{"events": "no"}', b"\xff\xfe"):
        response = chat.client.post(
            "/channels/line/webhook",
            data=body,
            headers={"X-Line-Signature": line_signature(LINE_SECRET, body)},
        )
        assert response.status_code == 400
    assert chat.statuses() == []


def test_a_redelivered_event_is_processed_once(chat, line_api, seen):
    # Given an event that was handled
    user = line_user()
    event = line_text(user, line_api.issue_reply_token(user), "hi", event_id="01JREDELIVERED")
    chat.line([event])
    chat.settle()
    # When LINE delivers it again (as it does after a timeout), flagged as a redelivery
    again = dict(
        event, deliveryContext={"isRedelivery": True}, replyToken=line_api.issue_reply_token(user)
    )
    assert chat.line([again]).status_code == 200
    assert chat.line([again, again]).status_code == 200
    chat.settle()
    # Then the conversation saw it once and the person got one answer
    assert len(seen) == 1
    assert texts(line_api.delivered(user)) == ["You said: hi"]
    assert chat.statuses() == ["sent"]


def test_an_event_queued_by_a_stopped_process_is_taken_again_on_redelivery(chat, line_api, seen):
    # Given an event accepted by a process that stopped before handling it
    from webapp.store import chat as chat_store

    user = line_user()
    event = line_text(user, line_api.issue_reply_token(user), "hi", event_id="01JORPHAN")
    key = chat_store.keyed_hash(_secret(chat, chat_store.EVENT_KEY_SECRET), "line", "01JORPHAN")
    db = _db(chat)
    assert chat_store.claim_event(db, key, "line", boot="a-process-that-died")
    # When LINE redelivers it
    chat.line([dict(event, deliveryContext={"isRedelivery": True})])
    chat.settle()
    # Then this process handles it, once, and knows it was a redelivery
    assert [(e.text, e.is_redelivery) for e in seen] == [("hi", True)]
    assert chat_store.event_status(db, key) == "sent"
    db.close()


def test_platform_500_is_retried_with_backoff_and_sent_once(chat, line_api, sleeps):
    user = line_user()
    line_api.fail_next(2, status=500)
    chat.line([line_text(user, line_api.issue_reply_token(user), "hi")])
    chat.settle()
    assert [r.status for r in line_api.calls("/reply")] == [500, 500, 200]
    assert sleeps == [0.5, 1.0]
    assert texts(line_api.delivered(user)) == ["You said: hi"]


def test_platform_down_gives_up_after_four_tries_and_records_failure(chat, line_api, sleeps):
    user = line_user()
    line_api.fail_next(4, status=503)
    chat.line([line_text(user, line_api.issue_reply_token(user), "hi")])
    chat.settle()
    assert len(line_api.calls("/reply")) == 4 and sleeps == [0.5, 1.0, 2.0]
    assert line_api.calls("/push") == []  # LINE may have acted; never risk a double
    assert chat.statuses() == ["failed"]


def test_expired_reply_token_falls_back_to_push_with_a_retry_key(chat, line_api):
    user = line_user()
    token = line_api.issue_reply_token(user)
    line_api.expire(token)
    chat.line([line_text(user, token, "hi")])
    chat.settle()
    [reply] = line_api.calls("/reply")
    [push] = line_api.calls("/push")
    assert reply.status == 400 and push.status == 200
    assert push.body["to"] == user and len(push.headers["x-line-retry-key"]) == 36
    assert texts(line_api.delivered(user)) == ["You said: hi"]


def test_a_retried_push_uses_the_same_retry_key_and_409_counts_as_sent(chat, line_api):
    user = line_user()
    token = line_api.issue_reply_token(user)
    line_api.expire(token)
    # Given the push is accepted but its answer is lost (the client times out)
    line_api.stall_next(1, seconds=1.0, process=True, path="/push")
    chat.line([line_text(user, token, "hi")])
    chat.settle()
    # Then the retry carries the same key, LINE answers 409, and the answer arrived once
    first, second = line_api.calls("/push")
    assert first.headers["x-line-retry-key"] == second.headers["x-line-retry-key"]
    assert (first.status, second.status) == (0, 409)
    assert texts(line_api.delivered(user)) == ["You said: hi"]
    assert chat.statuses() == ["sent"]


def test_reply_accepted_but_answer_lost_is_not_sent_twice(chat, line_api, sleeps):
    # Given LINE takes the reply but its answer never arrives (the client times out)
    user = line_user()
    line_api.stall_next(1, seconds=1.0, process=True)
    chat.line([line_text(user, line_api.issue_reply_token(user), "hi")])
    chat.settle()
    # Then the retry finds the token spent and Kenri does not push the same answer again
    assert [r.status for r in line_api.calls("/reply")] == [0, 400]
    assert line_api.calls("/push") == []
    assert texts(line_api.delivered(user)) == ["You said: hi"]


def test_more_than_five_messages_are_merged_into_one_reply(chat, line_api):
    user = line_user()
    chat.line([line_text(user, line_api.issue_reply_token(user), "many")])
    chat.settle()
    [reply] = line_api.calls("/reply")
    assert reply.status == 200 and len(reply.body["messages"]) <= 5
    joined = "\n\n".join(texts(line_api.delivered(user)))
    assert joined.split("\n\n") == [f"Part {n}" for n in range(1, 7)] + ["Last part"]
    assert "quickReply" in line_api.delivered(user)[-1]


def test_call_and_link_buttons_are_uri_actions(chat, line_api):
    user = line_user()
    chat.line([line_text(user, line_api.issue_reply_token(user), "help")])
    chat.settle()
    [template] = line_api.delivered(user)
    assert template["template"]["text"] == "Who can help, in your language:"
    assert [(a["label"], a["uri"]) for a in template["template"]["actions"]] == [
        ("OTIT Vietnamese", "tel:0120250168"),
        ("Police", "tel:110"),
        ("Your summary", "https://kenri.example/s/abc"),
    ]


def test_a_bad_access_token_is_logged_as_rejected_not_retried(
    tmp_path, line_api, meta_api, seen, sleeps, caplog
):
    from webapp import create_app
    from webapp.channels.config import ChatConfig, LineConfig
    from webapp.config import Settings

    from .conftest import LINE_SECRET, Chat
    from .doubles import echo_factory

    config = ChatConfig(
        line=LineConfig(LINE_SECRET, "a-revoked-token", line_api.url), api_timeout=0.3
    )
    app = create_app(
        Settings(
            testing=True,
            database=tmp_path / "k.db",
            extra={
                "chat_config": config,
                "chat_conversation": echo_factory(seen),
                "chat_sleep": sleeps.append,
            },
        )
    )
    chat = Chat(app)
    user = line_user()
    chat.line([line_text(user, line_api.issue_reply_token(user), "hi")])
    chat.settle()
    channel_runtime(app).close()
    assert [r.status for r in line_api.requests] == [401] and sleeps == []
    assert chat.statuses() == ["failed"]
    assert "LINE reply: rejected with HTTP 401" in caplog.text


def test_unfollow_is_handled_and_nothing_is_sent(chat, line_api, seen):
    user = line_user()
    chat.line([line_event("unfollow", user)])
    chat.settle()
    assert [e.kind for e in seen] == ["unfollow"] and line_api.requests == []


def test_a_crashing_conversation_is_contained(chat, line_api, seen):
    user = line_user()
    chat.line(
        [
            line_text(user, line_api.issue_reply_token(user), "crash"),
            line_text(user, line_api.issue_reply_token(user), "after"),
        ]
    )
    chat.settle()
    assert [e.text for e in seen] == ["crash", "after"]
    assert texts(line_api.delivered(user)) == ["You said: after"]
    assert sorted(chat.statuses()) == ["failed", "sent"]


def test_one_persons_events_keep_their_order(chat, line_api, seen):
    user = line_user()
    chat.line([line_text(user, line_api.issue_reply_token(user), str(n)) for n in range(12)])
    chat.settle()
    assert [e.text for e in seen] == [str(n) for n in range(12)]


def test_get_is_405_when_on(chat):
    response = chat.client.get("/channels/line/webhook")
    assert response.status_code == 405


def _db(chat):
    from webapp.store.db import connect

    return connect(chat.app.extensions["kenri"].settings.database)


def _secret(chat, name):
    from webapp.store.db import server_secret

    db = _db(chat)
    try:
        return server_secret(db, name)
    finally:
        db.close()


def test_a_large_batch_within_a_mebibyte_is_taken_and_larger_is_413(chat, line_api, seen):
    # Several 5,000-character messages in one webhook exceed the pages' 64 KB form limit.
    user = line_user()
    long_text = "ငါ့လစာ" * 800
    events = [line_text(user, line_api.issue_reply_token(user), long_text) for _ in range(8)]
    response = chat.line(events)
    chat.settle()
    assert response.status_code == 200 and len(seen) == 8
    too_big = chat.line([line_text(user, "t", "x" * (1024 * 1024))])
    assert too_big.status_code == 413 and len(seen) == 8
    assert_private_headers(too_big)


def test_a_turn_without_replies_sends_nothing(chat, line_api, seen):
    user = line_user()
    chat.line([line_text(user, line_api.issue_reply_token(user), "silence")])
    chat.settle()
    assert [e.text for e in seen] == ["silence"] and line_api.requests == []
    assert chat.statuses() == ["dropped"]
