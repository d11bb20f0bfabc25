"""Nothing a person typed, no platform user id and no token reaches the logs or the database."""

import logging

from .conftest import (
    APP_SECRET,
    LINE_SECRET,
    LINE_TOKEN,
    PAGE_TOKEN,
    VERIFY_TOKEN,
    line_event,
    line_postback,
    line_text,
    line_user,
    messenger_postback,
    messenger_text,
)

SECRET_TEXT = "私のパスポートは会社にあります-7731"
PSID = "9988776655443322"


def test_logs_and_database_hold_no_text_ids_or_tokens(chat, line_api, meta_api, caplog):
    caplog.set_level(logging.DEBUG)
    user = line_user()
    line_api.set_language(user, "ja")
    expired = line_api.issue_reply_token(user)
    line_api.expire(expired)
    line_api.fail_next(1, status=500, path="/reply")
    meta_api.fail_next(1, status=503)
    # Every path: follow, text, postback, a crash, a retry, an expired token, a refusal.
    chat.line(
        [
            line_event("follow", user, line_api.issue_reply_token(user)),
            line_text(user, line_api.issue_reply_token(user), SECRET_TEXT),
            line_postback(user, line_api.issue_reply_token(user), "secret-postback-data"),
            line_text(user, line_api.issue_reply_token(user), "crash"),
            line_text(user, expired, SECRET_TEXT + " again"),
        ]
    )
    chat.line([line_text(user, "t", SECRET_TEXT)], signature="forged")
    chat.messenger(
        [
            messenger_text(PSID, SECRET_TEXT),
            messenger_postback(PSID, "secret-pb"),
            messenger_text(PSID, "help"),
        ]
    )
    chat.messenger([messenger_text(PSID, SECRET_TEXT)], signature="sha256=forged")
    chat.client.get(
        "/channels/messenger/webhook",
        query_string={
            "hub.mode": "subscribe",
            "hub.verify_token": "guess-" + VERIFY_TOKEN,
            "hub.challenge": "123",
        },
    )
    chat.settle()
    assert len(line_api.delivered(user)) >= 3 and meta_api.delivered(PSID)
    logged = "\n".join(f"{r.name} {r.getMessage()}" for r in caplog.records)
    assert "LINE reply: HTTP 500" in logged and "conversation failed" in logged
    forbidden = [
        SECRET_TEXT,
        "7731",
        user,
        PSID,
        "secret-postback-data",
        "secret-pb",
        LINE_SECRET,
        LINE_TOKEN,
        APP_SECRET,
        PAGE_TOKEN,
        VERIFY_TOKEN,
        expired,
        "access_token",
        "/v2/bot/profile",
    ]
    for value in forbidden:
        assert value not in logged, value
    # The database holds keyed hashes and statuses only.
    database = chat.app.extensions["kenri"].settings.database
    raw = b"".join(path.read_bytes() for path in database.parent.glob(database.name + "*"))
    for value in (SECRET_TEXT.encode(), user.encode(), PSID.encode(), b"secret-postback-data"):
        assert value not in raw
