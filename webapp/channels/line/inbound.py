"""LINE webhook events -> ChatEvents.

Only one-to-one chats are taken: an interview never runs in a group or room (others would see
it). Events in "standby" mode belong to another channel (LINE's module channels) and are left
alone. Follow, message, postback and unfollow are mapped; other event types are ignored.
"""

import hashlib
import logging

from webapp.channels.events import ChatEvent
from webapp.channels.inbound import Inbound, Keys, from_millis, text_or_none

log = logging.getLogger(__name__)


class BadPayload(Exception):
    """A signed body that is not a LINE webhook (no `events` list)."""


def parse_line_webhook(payload, keys: Keys) -> list[Inbound]:
    if not isinstance(payload, dict) or not isinstance(payload.get("events"), list):
        raise BadPayload("no events list")
    taken, ignored = [], 0
    for raw in payload["events"]:
        inbound = _one(raw, keys) if isinstance(raw, dict) else None
        if inbound is None:
            ignored += 1
        else:
            taken.append(inbound)
    if ignored:
        log.info("LINE webhook: ignored %d event(s) of other kinds or from groups", ignored)
    return taken


def _one(raw: dict, keys: Keys) -> Inbound | None:
    source = raw.get("source") if isinstance(raw.get("source"), dict) else {}
    user_id = source.get("userId")
    if source.get("type") != "user" or not isinstance(user_id, str) or not user_id:
        return None
    if raw.get("mode", "active") != "active":
        return None
    kind, text, data = _kind(raw)
    if kind is None:
        return None
    context = raw.get("deliveryContext") if isinstance(raw.get("deliveryContext"), dict) else {}
    event_key = keys.event("line", _event_id(raw, user_id))
    event = ChatEvent(
        channel="line",
        user_key=keys.user("line", user_id),
        kind=kind,
        text=text,
        data=data,
        event_id=event_key,
        reply_token=text_or_none(raw.get("replyToken")),
        is_redelivery=context.get("isRedelivery") is True,
        timestamp=from_millis(raw.get("timestamp")),
    )
    return Inbound(event, user_id, event_key, wants_language=kind == "follow")


def _kind(raw: dict):
    kind = raw.get("type")
    if kind in ("follow", "unfollow"):
        return kind, None, None
    if kind == "postback":
        postback = raw.get("postback") if isinstance(raw.get("postback"), dict) else {}
        data = text_or_none(postback.get("data"))
        return ("postback", None, data) if data else (None, None, None)
    if kind == "message":
        message = raw.get("message") if isinstance(raw.get("message"), dict) else {}
        if message.get("type") == "text" and isinstance(message.get("text"), str):
            return "text", message["text"], None
        return "unsupported", None, None
    return None, None, None


def _event_id(raw: dict, user_id: str) -> str:
    """LINE's webhookEventId (present since 2021); otherwise a digest of what identifies it."""
    if isinstance(raw.get("webhookEventId"), str) and raw["webhookEventId"]:
        return raw["webhookEventId"]
    message = raw.get("message") if isinstance(raw.get("message"), dict) else {}
    parts = [str(raw.get("type")), str(raw.get("timestamp")), user_id, str(message.get("id"))]
    return "digest:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
