"""What a button sends back: short ASCII data (LINE allows 300 characters), parsed strictly.

    l|vi                        choose a language
    c|back   c|change|2         a command (with an argument: a page of the change list)
    a|GUARD|QUESTION|VALUE      answer QUESTION with an option id or a number
    r|GUARD|QUESTION|REGION     show the prefectures of a region (two-step choice)
    q|GUARD|QUESTION            ask an answered QUESTION again (change an answer)

GUARD ties a button to one interview and one version of the knowledge: a keyed digest of the
session id, the knowledge version and the question id. A button from an earlier interview, or
from before the knowledge changed, no longer matches and only gets the current question back.
The session id itself is never in a button.
"""

import hashlib
import hmac
from dataclasses import dataclass

from webapp.channels.events import MAX_DATA_LENGTH

KINDS = {"l": 1, "c": (1, 2), "a": 3, "r": 3, "q": 2}
SEPARATOR = "|"


@dataclass(frozen=True)
class Postback:
    kind: str  # l, c, a, r or q
    args: tuple[str, ...]


def encode(kind: str, *args: str) -> str:
    data = SEPARATOR.join((kind, *args))
    if len(data) > MAX_DATA_LENGTH or not data.isascii():
        raise ValueError("postback data must be ASCII and at most 300 characters")
    return data


def decode(data: str | None) -> Postback | None:
    if not data or len(data) > MAX_DATA_LENGTH or not data.isascii():
        return None
    kind, *args = data.split(SEPARATOR)
    expected = KINDS.get(kind)
    if expected is None or len(args) not in (
        expected if isinstance(expected, tuple) else (expected,)
    ):
        return None
    if not all(args):
        return None
    return Postback(kind, tuple(args))


def guard(secret: bytes, session_id: str, knowledge_version: str, question_id: str) -> str:
    message = f"{session_id}\x1f{knowledge_version}\x1f{question_id}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:10]


def guard_matches(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode(), given.encode())
