"""Messenger webhook events -> ChatEvents.

`messaging` entries of a page subscription: a typed message ("text"), a tapped quick reply
("postback" with its payload, and its title as `text`), a postback button ("postback"; the Get
Started button's payload is "follow"), anything else a person sends ("unsupported"). Echoes of
our own messages, delivery and read receipts and `standby` entries (another app holds the
thread) are ignored. Messenger redelivers until it gets a 200: `mid` names a message or
postback; without one, sender, timestamp and payload do.
"""

import hashlib
import logging

from webapp.channels.events import ChatEvent
from webapp.channels.inbound import Inbound, Keys, from_millis, text_or_none

log = logging.getLogger(__name__)


class BadPayload(Exception):
    """A signed body that is not a Messenger page webhook."""


def parse_messenger_webhook(payload, keys: Keys, get_started: str) -> list[Inbound]:
    if not isinstance(payload, dict) or not isinstance(payload.get("entry"), list):
        raise BadPayload("no entry list")
    if payload.get("object") != "page":
        log.info("Messenger webhook: ignored an update for another object type")
        return []
    taken, ignored = [], 0
    for entry in payload["entry"]:
        messaging = entry.get("messaging") if isinstance(entry, dict) else None
        for raw in messaging if isinstance(messaging, list) else []:
            inbound = _one(raw, keys, get_started) if isinstance(raw, dict) else None
            if inbound is None:
                ignored += 1
            else:
                taken.append(inbound)
    if ignored:
        log.info("Messenger webhook: ignored %d event(s) of other kinds", ignored)
    return taken


def _one(raw: dict, keys: Keys, get_started: str) -> Inbound | None:
    sender = raw.get("sender") if isinstance(raw.get("sender"), dict) else {}
    psid = sender.get("id")
    if not isinstance(psid, str) or not psid:
        return None
    found = _kind(raw, get_started)
    if found is None:
        return None
    kind, text, data, mid = found
    event_key = keys.event("messenger", mid or _digest(psid, raw, data))
    event = ChatEvent(
        channel="messenger",
        user_key=keys.user("messenger", psid),
        kind=kind,
        text=text,
        data=data,
        event_id=event_key,
        timestamp=from_millis(raw.get("timestamp")),
    )
    return Inbound(event, psid, event_key)


def _kind(raw: dict, get_started: str):
    if isinstance(raw.get("message"), dict):
        message = raw["message"]
        if message.get("is_echo"):
            return None
        mid = text_or_none(message.get("mid"))
        quick = message.get("quick_reply") if isinstance(message.get("quick_reply"), dict) else {}
        payload = text_or_none(quick.get("payload"))
        if payload:
            return "postback", text_or_none(message.get("text")), payload, mid
        if isinstance(message.get("text"), str):
            return "text", message["text"], None, mid
        return "unsupported", None, None, mid
    if isinstance(raw.get("postback"), dict):
        postback = raw["postback"]
        payload = text_or_none(postback.get("payload"))
        if not payload:
            return None
        mid = text_or_none(postback.get("mid"))
        if payload == get_started:
            return "follow", None, payload, mid
        return "postback", text_or_none(postback.get("title")), payload, mid
    return None


def _digest(psid: str, raw: dict, data: str | None) -> str:
    parts = [psid, str(raw.get("timestamp")), str(data)]
    return "digest:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
