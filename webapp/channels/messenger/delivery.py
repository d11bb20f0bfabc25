"""Sending a turn's messages through Meta's Send API, one call per message, in order.

The page token goes in the query string as Meta documents, with `appsecret_proof`
(HMAC-SHA256 of the token under the app secret) so the token is useless without the secret
when an app requires it. The URL is therefore never logged. Meta offers no idempotency key:
a retry after a timeout can, rarely, show a message twice; a retry after a refused
connection cannot. Retries stop at the first message that cannot be sent, so the order holds.
"""

import hashlib
import hmac
import logging
import urllib.parse
from dataclasses import dataclass

from webapp.channels.config import MessengerConfig
from webapp.channels.platform_http import PlatformHttp, PlatformUnavailable

log = logging.getLogger(__name__)

SENT, FAILED = "sent", "failed"


@dataclass
class MessengerApi:
    config: MessengerConfig
    http: PlatformHttp

    def _url(self) -> str:
        token = self.config.page_access_token
        proof = hmac.new(
            self.config.app_secret.encode(), token.encode(), hashlib.sha256
        ).hexdigest()
        query = urllib.parse.urlencode({"access_token": token, "appsecret_proof": proof})
        return f"{self.config.api_url}/me/messages?{query}"

    def send(self, psid: str, message: dict):
        return self.http.call(
            "Messenger send",
            "POST",
            self._url(),
            {"recipient": {"id": psid}, "messaging_type": "RESPONSE", "message": message},
        )


def deliver_messenger(api: MessengerApi, messages: list[dict], psid: str) -> str:
    for message in messages:
        try:
            answer = api.send(psid, message)
        except PlatformUnavailable:
            return FAILED
        if not answer.ok:
            error = answer.body.get("error") if isinstance(answer.body.get("error"), dict) else {}
            log.error(
                "Messenger send: rejected with HTTP %d (error code %s, subcode %s)",
                answer.status,
                error.get("code"),
                error.get("error_subcode"),
            )
            return FAILED
    return SENT
