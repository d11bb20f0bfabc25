"""Webhook signatures, checked on the raw body before anything is parsed.

LINE: X-Line-Signature = base64(HMAC-SHA256(channel secret, raw body)).
Meta: X-Hub-Signature-256 = "sha256=" + hex(HMAC-SHA256(app secret, raw body)).
Both compared in constant time (hmac.compare_digest), as bytes so that a forged header with
non-ASCII characters is simply wrong rather than an error.
"""

import base64
import hashlib
import hmac


def line_signature(secret: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def hub_signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def line_signature_valid(secret: str, body: bytes, header: str | None) -> bool:
    return _same(line_signature(secret, body), header)


def hub_signature_valid(secret: str, body: bytes, header: str | None) -> bool:
    return _same(hub_signature(secret, body), header)


def _same(expected: str, given: str | None) -> bool:
    if not isinstance(given, str) or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.strip().encode("utf-8", "surrogatepass"))
