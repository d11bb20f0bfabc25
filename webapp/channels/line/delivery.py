"""Sending a turn's messages to LINE: the Reply API first, the Push API when it cannot.

- Reply (free, needs the event's reply token, usable once and only for a short while): the
  first 5 messages. "Invalid reply token" (expired or used) -> the same messages by push,
  unless an earlier attempt of this reply timed out or got 5xx: then LINE may have delivered
  it and spent the token itself, and pushing could show the answer twice, so we do not.
- Push (needs the user id): further batches, and the fallback. Every push carries an
  X-Line-Retry-Key made once per batch, so a retried push is executed at most once; LINE's
  409 answer to a retry means "already accepted".
"""

import logging
import urllib.parse
import uuid
from dataclasses import dataclass

from webapp.channels.config import LineConfig
from webapp.channels.platform_http import PlatformHttp, PlatformUnavailable

log = logging.getLogger(__name__)

SENT, FAILED = "sent", "failed"


@dataclass
class LineApi:
    config: LineConfig
    http: PlatformHttp

    def _headers(self) -> dict:
        return {"Authorization": f"Bearer {self.config.access_token}"}

    def reply(self, reply_token: str, messages: list[dict]):
        return self.http.call(
            "LINE reply",
            "POST",
            self.config.api_url + "/v2/bot/message/reply",
            {"replyToken": reply_token, "messages": messages},
            self._headers(),
        )

    def push(self, user_id: str, messages: list[dict], retry_key: str):
        headers = {**self._headers(), "X-Line-Retry-Key": retry_key}
        return self.http.call(
            "LINE push",
            "POST",
            self.config.api_url + "/v2/bot/message/push",
            {"to": user_id, "messages": messages},
            headers,
        )

    def profile_language(self, user_id: str) -> str | None:
        """The language the person set in LINE (only the language is kept from the profile;
        LINE leaves it out until the person has agreed to LINE's privacy policy)."""
        try:
            answer = self.http.call(
                "LINE profile",
                "GET",
                f"{self.config.api_url}/v2/bot/profile/" + urllib.parse.quote(user_id, safe=""),
                headers=self._headers(),
            )
        except PlatformUnavailable:
            return None
        language = answer.body.get("language") if answer.ok else None
        return language if isinstance(language, str) and len(language) <= 35 else None


def deliver_line(
    api: LineApi, batches: list[list[dict]], reply_token: str | None, user_id: str
) -> str:
    """Send every batch in order; SENT, or FAILED at the first batch that could not go."""
    for number, batch in enumerate(batches):
        if number == 0 and reply_token:
            outcome = _reply_or_push(api, batch, reply_token, user_id)
        else:
            outcome = _push(api, batch, user_id)
        if outcome != SENT:
            return FAILED
    return SENT


def _reply_or_push(api: LineApi, batch: list[dict], reply_token: str, user_id: str) -> str:
    try:
        answer = api.reply(reply_token, batch)
    except PlatformUnavailable:
        return FAILED  # LINE kept failing; it may even have delivered: do not push too
    if answer.ok:
        return SENT
    if answer.status == 400 and "reply token" in str(answer.body.get("message", "")).lower():
        if answer.after_uncertain_attempt:
            log.warning(
                "LINE reply: token spent after an uncertain attempt; assumed delivered, "
                "not pushed (a push could show the answer twice)"
            )
            return SENT
        log.info("LINE reply: reply token expired or used; sending by push instead")
        return _push(api, batch, user_id)
    _log_rejection("LINE reply", answer)
    return FAILED


def _push(api: LineApi, batch: list[dict], user_id: str) -> str:
    try:
        answer = api.push(user_id, batch, str(uuid.uuid4()))
    except PlatformUnavailable:
        return FAILED
    if answer.ok or answer.status == 409:  # 409: this retry key was already accepted
        return SENT
    _log_rejection("LINE push", answer)
    return FAILED


def _log_rejection(operation: str, answer) -> None:
    # LINE names the offending properties (e.g. messages[0].quickReply.items[13]); their
    # values are never echoed, so the property paths are safe to log.
    details = answer.body.get("details")
    properties = (
        [d.get("property") for d in details if isinstance(d, dict)]
        if isinstance(details, list)
        else []
    )
    log.error(
        "%s: rejected with HTTP %d%s",
        operation,
        answer.status,
        f" at {', '.join(str(p) for p in properties[:5])}" if properties else "",
    )
