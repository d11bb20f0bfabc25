"""Take the result home: a kiosk visitor's answers as a short, sealed, expiring link token.

The kiosk shows a QR code of `/t/<token>`; the visitor's phone opens it and the server
evaluates the answers again, statelessly. Nothing about the visitor is stored to make this
work, so once the kiosk is wiped the token (on the visitor's phone) is the only copy.

The token is AES-256-GCM (encrypted *and* authenticated) under a server secret:
  - encrypted, because a link in a phone's history must not reveal answers to whoever holds
    the phone or reads a proxy's logs (a signature alone would leave them readable);
  - authenticated, so a changed token is refused rather than evaluated;
  - expiring (the expiry is sealed inside), so an old link in a history stops working;
  - tied to the knowledge version it was answered under: question and option numbers mean
    something only within one version.
Answers are packed as question and option *indexes* (one byte each) so that the QR code stays
small enough to scan from a tablet screen: about 60 bytes, 100 characters of URL.

Plain layout (big-endian): version B | expires I (Unix s) | evaluated on H (days since 2000) |
knowledge fingerprint 4s | locale: B length + ASCII | answers: (question B, value) ...
where a value is an option index B (< 0xFD), 0xFD + B count + that many option indexes (the
boxes ticked on a "multi" question), or 0xFE + B length + ASCII text (a number or month).
"""

import base64
import binascii
import datetime as dt
import hashlib
import os
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from webapp.knowledge.answers import AnswerError, normalise_answers
from webapp.knowledge.model import KnowledgeBase

FORMAT = 1
ASSOCIATED = b"kenri take-home"  # binds the ciphertext to this use of the key
EPOCH = dt.date(2000, 1, 1)
TEXT = 0xFE
TICKED = 0xFD
MAX_TOKEN = 400  # characters; a real token is about 100
HEAD = struct.Struct(">BIH4s")


class LinkInvalid(Exception):
    """Not a token this server made: changed, cut short, or sealed under another key."""


class LinkExpired(Exception):
    """A genuine token whose time is up."""


class KnowledgeChanged(Exception):
    """A genuine token from an earlier version of the knowledge: its numbers mean nothing now."""


@dataclass(frozen=True)
class TakeHome:
    answers: dict  # normalised answers, as the interview core holds them
    on: dt.date  # the day the kiosk evaluated them (the law of that day applies)
    locale: str
    expires: dt.datetime


def fingerprint(kb: KnowledgeBase) -> bytes:
    return hashlib.sha256(kb.version.encode()).digest()[:4]


def pack(kb: KnowledgeBase, answers: dict, on: dt.date, locale: str, expires: dt.datetime) -> bytes:
    order = list(kb.questions)
    out = bytearray(HEAD.pack(FORMAT, int(expires.timestamp()), (on - EPOCH).days, fingerprint(kb)))
    code = locale.encode("ascii")
    out += bytes([len(code)]) + code
    for question_id, value in answers.items():
        question = kb.questions[question_id]
        out.append(order.index(question_id))
        options = question.option_ids()
        if isinstance(value, str) and value in options:
            out.append(options.index(value))
        elif isinstance(value, list | tuple):
            out += bytes([TICKED, len(value), *(options.index(item) for item in value)])
        else:
            text = (_number(value) if isinstance(value, int | float) else str(value)).encode()
            out += bytes([TEXT, len(text)]) + text
    return bytes(out)


def _number(value: float) -> str:
    """The shortest text that reads back as exactly this number ("900", not "900.0")."""
    short = f"{value:g}"
    return short if float(short) == value else repr(float(value))


def unpack(kb: KnowledgeBase, plain: bytes) -> TakeHome:
    """The token's contents; KnowledgeChanged or LinkInvalid (never anything else)."""
    try:
        version, expires, days, seal = HEAD.unpack_from(plain)
    except struct.error:
        raise LinkInvalid from None
    if version != FORMAT:
        raise LinkInvalid
    moment = dt.datetime.fromtimestamp(expires, dt.UTC)
    if seal != fingerprint(kb):
        raise KnowledgeChanged
    at = HEAD.size
    try:
        size = plain[at]
        locale = plain[at + 1 : at + 1 + size].decode("ascii")
        at += 1 + size
        order = list(kb.questions)
        raw: dict[str, object] = {}
        while at < len(plain):
            question = kb.questions[order[plain[at]]]
            if plain[at + 1] == TEXT:
                size = plain[at + 2]
                raw[question.id] = plain[at + 3 : at + 3 + size].decode("ascii")
                at += 3 + size
            elif plain[at + 1] == TICKED:
                size = plain[at + 2]
                indexes = plain[at + 3 : at + 3 + size]
                if len(indexes) != size:
                    raise IndexError
                raw[question.id] = [question.option_ids()[i] for i in indexes]
                at += 3 + size
            else:
                raw[question.id] = question.option_ids()[plain[at + 1]]
                at += 2
        answers = normalise_answers(kb, raw)
    except (IndexError, UnicodeDecodeError, AnswerError):
        raise LinkInvalid from None
    return TakeHome(answers, EPOCH + dt.timedelta(days=days), locale, moment)


def seal(
    kb: KnowledgeBase, key: bytes, answers: dict, on: dt.date, locale: str, expires: dt.datetime
) -> str:
    """The URL-safe token for these answers (random nonce: two seals never look alike)."""
    nonce = os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, pack(kb, answers, on, locale, expires), ASSOCIATED)
    return _encode(nonce + sealed)


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def open_token(kb: KnowledgeBase, key: bytes, token: str, now: dt.datetime) -> TakeHome:
    """What a token holds, if it is genuine, current and of this knowledge version.

    Raises LinkInvalid, LinkExpired or KnowledgeChanged."""
    if not token or len(token) > MAX_TOKEN or not token.isascii():
        raise LinkInvalid
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        raise LinkInvalid from None
    # Only the one canonical spelling: base64's unused low bits must not make a second link.
    if len(raw) < 12 + 16 + HEAD.size or _encode(raw) != token:
        raise LinkInvalid
    try:
        plain = AESGCM(key).decrypt(raw[:12], raw[12:], ASSOCIATED)
    except InvalidTag:
        raise LinkInvalid from None
    # Expiry first: an expired link says so even if the knowledge has changed since.
    if len(plain) >= HEAD.size and HEAD.unpack_from(plain)[1] < now.timestamp():
        raise LinkExpired
    return unpack(kb, plain)


def key_from_secret(secret: str) -> bytes:
    """A 256-bit key from a server secret (64 hex digits, as store.db.server_secret makes)."""
    return hashlib.sha256(b"kenri take-home key\0" + secret.encode()).digest()
