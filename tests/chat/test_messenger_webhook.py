"""Messenger webhook end to end: verification, signed events -> worker -> Meta stand-in."""

import pytest

from .conftest import VERIFY_TOKEN, messenger_postback, messenger_text
from .test_line_webhook import assert_private_headers

PSID = "6543210987654321"


def verify(chat, token=VERIFY_TOKEN, mode="subscribe", challenge="1158201444"):
    return chat.client.get(
        "/channels/messenger/webhook",
        query_string={"hub.mode": mode, "hub.verify_token": token, "hub.challenge": challenge},
    )


def test_verification_challenge_is_echoed_for_the_right_token(chat):
    response = verify(chat)
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "1158201444"
    assert response.mimetype == "text/plain"
    assert_private_headers(response)


@pytest.mark.parametrize(
    "token,mode",
    [
        ("wrong", "subscribe"),
        ("", "subscribe"),
        (VERIFY_TOKEN, "unsubscribe"),
        ("vérify", "subscribe"),
    ],
    ids=["wrong-token", "no-token", "wrong-mode", "non-ascii"],
)
def test_verification_is_refused_otherwise(chat, token, mode):
    response = verify(chat, token=token, mode=mode)
    assert response.status_code == 403
    assert "1158201444" not in response.get_data(as_text=True)
    assert_private_headers(response)


def test_a_challenge_that_could_be_markup_is_not_echoed(chat):
    assert verify(chat, challenge="<script>alert(1)</script>").status_code == 400


def test_text_quick_reply_postback_and_get_started_are_normalised(chat, meta_api, seen):
    chat.messenger(
        [
            {
                "sender": {"id": PSID},
                "recipient": {"id": "PAGE"},
                "timestamp": 1,
                "postback": {"mid": "m_gs", "title": "Get Started", "payload": "GET_STARTED"},
            },
            messenger_text(PSID, "１,２００円"),
            messenger_text(PSID, "Tiếng Việt", quick_reply={"payload": "lang:vi"}),
            messenger_postback(PSID, "q:passport:opt:employer", title="My company"),
        ]
    )
    chat.settle()
    assert [(e.kind, e.text, e.data) for e in seen] == [
        ("follow", None, "GET_STARTED"),
        ("text", "１,２００円", None),
        ("postback", "Tiếng Việt", "lang:vi"),
        ("postback", "My company", "q:passport:opt:employer"),
    ]
    assert all(e.channel == "messenger" and e.user_key == seen[0].user_key for e in seen)
    assert seen[0].user_key != PSID and seen[0].language_hint is None
    sent = meta_api.delivered(PSID)
    assert sent[0]["text"] == "Welcome. Choose your language."
    assert [q["title"] for q in sent[0]["quick_replies"]][:2] == ["Tiếng Việt", "မြန်မာ"]
    assert sent[1] == {"text": "You said: １,２００円"}
    call = meta_api.calls("/me/messages")[0]
    assert call.body["recipient"] == {"id": PSID} and call.body["messaging_type"] == "RESPONSE"
    assert call.query["appsecret_proof"]


def test_echoes_receipts_and_other_objects_are_ignored(chat, meta_api, seen):
    echo = messenger_text(PSID, "from the page", is_echo=True)
    receipt = {
        "sender": {"id": PSID},
        "recipient": {"id": "PAGE"},
        "timestamp": 1,
        "delivery": {"mids": ["m_1"], "watermark": 1},
    }
    assert chat.messenger([echo, receipt]).status_code == 200
    assert chat.messenger([messenger_text(PSID, "hi")], object_type="instagram").status_code == 200
    chat.settle()
    assert seen == [] and meta_api.requests == []


def test_attachments_are_unsupported(chat, meta_api, seen):
    chat.messenger(
        [
            {
                "sender": {"id": PSID},
                "recipient": {"id": "PAGE"},
                "timestamp": 1,
                "message": {"mid": "m_img", "attachments": [{"type": "image"}]},
            }
        ]
    )
    chat.settle()
    assert [e.kind for e in seen] == ["unsupported"]


@pytest.mark.parametrize(
    "signature",
    ["", "sha256=", "sha256=" + "0" * 64, "sha1=abc", "ü"],
    ids=["empty", "no-digest", "wrong-digest", "other-scheme", "non-ascii"],
)
def test_bad_signature_is_401_and_nothing_is_stored(chat, meta_api, seen, signature):
    response = chat.messenger([messenger_text(PSID, "hi")], signature=signature)
    chat.settle()
    assert response.status_code == 401
    assert_private_headers(response)
    assert seen == [] and meta_api.requests == [] and chat.statuses() == []


def test_retried_delivery_with_the_same_mid_is_processed_once(chat, meta_api, seen):
    event = messenger_text(PSID, "hi", mid="m_same")
    for _ in range(3):
        assert chat.messenger([event]).status_code == 200
    chat.settle()
    assert len(seen) == 1 and meta_api.delivered(PSID) == [{"text": "You said: hi"}]


def test_platform_500_is_retried_and_sent_once(chat, meta_api, sleeps):
    meta_api.fail_next(1, status=500)
    chat.messenger([messenger_text(PSID, "hi")])
    chat.settle()
    assert [r.status for r in meta_api.requests] == [500, 200] and sleeps == [0.5]
    assert meta_api.delivered(PSID) == [{"text": "You said: hi"}]


def test_a_refused_connection_is_retried(chat, meta_api, sleeps, tmp_path):
    # A time-out on the first try (nothing processed) is retried and sent once.
    meta_api.stall_next(1, seconds=1.0, process=False)
    chat.messenger([messenger_text(PSID, "hi")])
    chat.settle()
    assert [r.status for r in meta_api.requests] == [0, 200]
    assert meta_api.delivered(PSID) == [{"text": "You said: hi"}]


def test_call_and_link_buttons_become_a_button_template(chat, meta_api):
    chat.messenger([messenger_text(PSID, "help")])
    chat.settle()
    [template] = meta_api.delivered(PSID)
    payload = template["attachment"]["payload"]
    assert payload["text"].startswith("Who can help, in your language:")
    assert "Police: 110" in payload["text"]  # a short number cannot be a button
    assert payload["buttons"] == [
        {"type": "phone_number", "title": "OTIT Vietnamese", "payload": "+81120250168"},
        {"type": "web_url", "url": "https://kenri.example/s/abc", "title": "Your summary"},
    ]


def test_many_replies_are_sent_in_order(chat, meta_api):
    chat.messenger([messenger_text(PSID, "many")])
    chat.settle()
    sent = meta_api.delivered(PSID)
    assert [m["text"] for m in sent] == [f"Part {n}" for n in range(1, 7)] + ["Last part"]
    assert "quick_replies" in sent[-1] and all("quick_replies" not in m for m in sent[:-1])


def test_a_rejected_message_stops_the_turn_and_is_recorded(
    tmp_path, line_api, meta_api, seen, sleeps, caplog
):
    from webapp import create_app
    from webapp.channels import channel_runtime
    from webapp.channels.config import ChatConfig, MessengerConfig
    from webapp.config import Settings

    from .conftest import APP_SECRET, Chat
    from .doubles import echo_factory

    config = ChatConfig(
        messenger=MessengerConfig(APP_SECRET, "expired-page-token", VERIFY_TOKEN, meta_api.url),
        api_timeout=0.3,
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
    chat.messenger([messenger_text(PSID, "many")])
    chat.settle()
    channel_runtime(app).close()
    assert [r.status for r in meta_api.requests] == [400] and sleeps == []
    assert chat.statuses() == ["failed"]
    assert "Messenger send: rejected with HTTP 400 (error code 190" in caplog.text
    # The LINE channel of this app is not configured: its webhook is an unknown address.
    assert chat.client.post("/channels/line/webhook", data=b"{}").status_code == 404
