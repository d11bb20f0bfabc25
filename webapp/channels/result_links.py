"""Links that open a chat user's result on the web without a login: sealed and short-lived.

A link carries a token: AES-256-GCM over (purpose, expiry, session id) under a random key kept
in the database (the server secret "chat-link-key"), written as base64url. Sealed, not only
signed, so the session id never leaves the server readable (the chat platforms keep every link
they carry); authenticated, so a token changed by even one bit is refused; the expiry is inside,
so an old link stops working even while the interview lives, and every link dies with its
interview ("delete my data", expiry). The web pages keep the same kind of token in their cookie.
"""

import base64
import binascii
import datetime as dt
import os
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_SECRET = "chat-link-key"  # noqa: S105 - the name under which the key is kept, not a key
PURPOSES = ("result", "summary", "handoff", "cookie")
_CODES = {purpose: index for index, purpose in enumerate(PURPOSES)}
_CONTEXT = b"kenri chat link v1"  # bound into every token (associated data)
_NONCE = 12
_HEAD = struct.Struct(">BI")  # purpose code, expiry in Unix seconds
MAX_TOKEN = 200  # characters; a session id of 43 makes tokens of 102


class LinkInvalid(Exception):
    """Not a token this server made: altered, cut short, or made with another key."""


@dataclass(frozen=True)
class OpenedLink:
    purpose: str
    session_id: str
    expires: dt.datetime

    def expired(self, now: dt.datetime) -> bool:
        return now >= self.expires


class LinkSealer:
    def __init__(self, secret_hex: str):
        self._aead = AESGCM(bytes.fromhex(secret_hex))

    def seal(self, purpose: str, session_id: str, expires: dt.datetime) -> str:
        head = _HEAD.pack(_CODES[purpose], int(expires.timestamp()))
        nonce = os.urandom(_NONCE)
        sealed = self._aead.encrypt(nonce, head + session_id.encode("ascii"), _CONTEXT)
        return _text(nonce + sealed)

    def open(self, token: object) -> OpenedLink:
        """The link's contents; LinkInvalid for anything this server did not make. Expiry is
        the caller's to check (an expired link gets its own page)."""
        if not isinstance(token, str) or not 0 < len(token) <= MAX_TOKEN:
            raise LinkInvalid
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        except (binascii.Error, ValueError):
            raise LinkInvalid from None
        # Only the one spelling this server writes: base64 leaves spare bits in the last
        # character, and a changed character must never open the link.
        if len(raw) <= _NONCE + _HEAD.size + 16 or _text(raw) != token:
            raise LinkInvalid
        try:
            plain = self._aead.decrypt(raw[:_NONCE], raw[_NONCE:], _CONTEXT)
        except InvalidTag:
            raise LinkInvalid from None
        code, stamp = _HEAD.unpack_from(plain)
        if code >= len(PURPOSES):
            raise LinkInvalid
        expires = dt.datetime.fromtimestamp(stamp, dt.UTC)
        return OpenedLink(PURPOSES[code], plain[_HEAD.size :].decode("ascii"), expires)


def _text(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")
