"""Chat fixtures: the real app on a real SQLite file, talking to local platform stand-ins."""

import json
import secrets

import pytest

from webapp import create_app
from webapp.channels import channel_runtime
from webapp.channels.config import ChatConfig, LineConfig, MessengerConfig
from webapp.channels.signatures import hub_signature, line_signature
from webapp.config import Settings

from .doubles import echo_factory
from .standins import LineStandin, MetaStandin

LINE_SECRET = "line-channel-secret-for-tests"
LINE_TOKEN = "line-access-token-for-tests"
APP_SECRET = "meta-app-secret-for-tests"
PAGE_TOKEN = "meta-page-token-for-tests"
VERIFY_TOKEN = "verify-token-for-tests"


def line_user() -> str:
    return "U" + secrets.token_hex(16)


@pytest.fixture
def line_api():
    with LineStandin(access_token=LINE_TOKEN) as standin:
        yield standin


@pytest.fixture
def meta_api():
    with MetaStandin(page_access_token=PAGE_TOKEN, app_secret=APP_SECRET) as standin:
        yield standin


@pytest.fixture
def sleeps():
    """The backoff's waits, recorded instead of slept."""
    return []


@pytest.fixture
def seen():
    """Every ChatEvent the test conversation received."""
    return []


def chat_config(line_api, meta_api, timeout=0.3) -> ChatConfig:
    return ChatConfig(
        line=LineConfig(LINE_SECRET, LINE_TOKEN, line_api.url),
        messenger=MessengerConfig(APP_SECRET, PAGE_TOKEN, VERIFY_TOKEN, meta_api.url),
        api_timeout=timeout,
    )


@pytest.fixture
def chat_app(tmp_path, line_api, meta_api, sleeps, seen):
    settings = Settings(
        testing=True,
        database=tmp_path / "kenri.db",
        extra={
            "chat_config": chat_config(line_api, meta_api),
            "chat_conversation": echo_factory(seen),
            "chat_sleep": sleeps.append,
        },
    )
    app = create_app(settings)
    yield app
    channel_runtime(app).close()


@pytest.fixture
def chat(chat_app):
    return Chat(chat_app)


class Chat:
    """Posts signed webhooks to the app and waits for the workers."""

    def __init__(self, app):
        self.app = app
        self.client = app.test_client()
        self.runtime = channel_runtime(app)

    def line(self, events: list, secret: str = LINE_SECRET, signature: str | None = None):
        body = json.dumps({"destination": "Ubot", "events": events}).encode()
        signature = line_signature(secret, body) if signature is None else signature
        return self.client.post(
            "/channels/line/webhook",
            data=body,
            headers={"X-Line-Signature": signature, "Content-Type": "application/json"},
        )

    def messenger(
        self,
        messaging: list,
        secret: str = APP_SECRET,
        signature: str | None = None,
        object_type: str = "page",
    ):
        body = json.dumps(
            {"object": object_type, "entry": [{"id": "PAGE", "time": 1, "messaging": messaging}]}
        ).encode()
        signature = hub_signature(secret, body) if signature is None else signature
        return self.client.post(
            "/channels/messenger/webhook",
            data=body,
            headers={"X-Hub-Signature-256": signature, "Content-Type": "application/json"},
        )

    def settle(self):
        assert self.runtime.join(timeout=10), "chat workers did not finish"

    def statuses(self) -> list[str]:
        from webapp.store.db import connect

        db = connect(self.app.extensions["kenri"].settings.database)
        try:
            return [row[0] for row in db.execute("SELECT status FROM chat_events")]
        finally:
            db.close()


def line_event(
    kind: str,
    user: str,
    token: str | None = None,
    redelivery: bool = False,
    event_id: str | None = None,
    **fields,
) -> dict:
    event = {
        "type": kind,
        "mode": "active",
        "timestamp": 1767225600000,
        "source": {"type": "user", "userId": user},
        "webhookEventId": event_id or "01J" + secrets.token_hex(12).upper(),
        "deliveryContext": {"isRedelivery": redelivery},
    }
    if token:
        event["replyToken"] = token
    event.update(fields)
    return event


def line_text(user: str, token: str, text: str, **kw) -> dict:
    return line_event(
        "message", user, token, message={"type": "text", "id": "1", "text": text}, **kw
    )


def line_postback(user: str, token: str, data: str, **kw) -> dict:
    return line_event("postback", user, token, postback={"data": data}, **kw)


def messenger_text(psid: str, text: str, mid: str | None = None, **message) -> dict:
    return {
        "sender": {"id": psid},
        "recipient": {"id": "PAGE"},
        "timestamp": 1767225600000,
        "message": {"mid": mid or "m_" + secrets.token_hex(8), "text": text, **message},
    }


def messenger_postback(psid: str, payload: str, title: str = "Tap", mid: str | None = None):
    return {
        "sender": {"id": psid},
        "recipient": {"id": "PAGE"},
        "timestamp": 1767225600000,
        "postback": {"mid": mid or "m_" + secrets.token_hex(8), "title": title, "payload": payload},
    }


PUBLIC_URL = "https://kenri.example"


@pytest.fixture
def interview_app(settings, kb, locales, line_api, meta_api, sleeps):
    """The real app with the real conversation (the interview), links to PUBLIC_URL."""
    import dataclasses

    config = dataclasses.replace(
        chat_config(line_api, meta_api, timeout=2.0), public_url=PUBLIC_URL
    )
    extra = {"chat_config": config, "chat_sleep": sleeps.append}
    app = create_app(dataclasses.replace(settings, extra=extra), kb=kb, locales=locales)
    yield app
    channel_runtime(app).close()


@pytest.fixture
def talk(interview_app):
    return Chat(interview_app)
