"""What every chat channel hands to a conversation, and what a conversation hands back.

A channel (LINE, Messenger) turns a platform webhook into `ChatEvent`s and turns the
`ChatReply`s a `Conversation` returns into platform messages. The conversation never sees a
platform user id, a token or a platform payload, and never calls a platform itself.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, NamedTuple, Protocol

from flask import Flask

Channel = Literal["line", "messenger"]
EventKind = Literal["follow", "text", "postback", "unfollow", "unsupported"]

MAX_QUICK_REPLIES = 13  # LINE and Messenger alike
MAX_DATA_LENGTH = 300  # postback data: LINE's limit (Messenger allows 1,000); ASCII expected
MAX_URI_LENGTH = 1000  # LINE's URI actions


@dataclass(frozen=True)
class ChatEvent:
    """One thing a person did in a chat, the same for every platform.

    kind: "follow" (added the account on LINE, or pressed Get Started on Messenger),
          "text" (typed a message: `text`), "postback" (tapped a button: `data`, and on
          Messenger `text` is the button's title), "unfollow" (blocked the account on LINE;
          nothing can be sent back), "unsupported" (a sticker, photo, location…).
    user_key: HMAC-SHA256 (hex) of the platform user id under a server secret; stable per
          person and channel, never the id itself.
    language_hint: a BCP 47 tag from the platform where it gives one (LINE's profile on
          follow), else None.
    event_id: opaque and stable per platform event (a keyed hash of its id).
    reply_token: LINE's reply token, for information only (the channel does the replying).
    is_redelivery: the platform says it sent this event before (LINE); it is still handled once.
    """

    channel: Channel
    user_key: str
    kind: EventKind
    text: str | None = None
    data: str | None = None
    language_hint: str | None = None
    event_id: str = ""
    reply_token: str | None = None
    is_redelivery: bool = False
    timestamp: dt.datetime | None = None


class Choice(NamedTuple):
    """A quick-reply button: `label` shown (fitted to 20 grapheme clusters on rendering),
    `data` sent back as a postback event's `data` (at most 300 characters)."""

    label: str
    data: str


class Call(NamedTuple):
    """A button that dials `tel` ("tel:0120-…" or "tel:+81…")."""

    label: str
    tel: str


class Link(NamedTuple):
    """A button that opens `url` (http or https)."""

    label: str
    url: str


@dataclass(frozen=True)
class ChatReply:
    """One message to show: text, then its call and link buttons, and quick replies.

    Quick replies are shown only under the last message of a turn, so put them on the last
    reply. Structural mistakes (too many quick replies, data too long, a bad tel: or URL) raise
    ValueError at once; labels are fitted to each platform when rendered.
    """

    text: str
    quick_replies: tuple[Choice, ...] = field(default=())
    calls: tuple[Call, ...] = field(default=())
    links: tuple[Link, ...] = field(default=())

    def __post_init__(self):
        object.__setattr__(self, "quick_replies", tuple(Choice(*c) for c in self.quick_replies))
        object.__setattr__(self, "calls", tuple(Call(*c) for c in self.calls))
        object.__setattr__(self, "links", tuple(Link(*c) for c in self.links))
        if not isinstance(self.text, str) or not self.text.strip():
            raise ValueError("a chat reply needs text")
        if len(self.quick_replies) > MAX_QUICK_REPLIES:
            raise ValueError(
                f"at most {MAX_QUICK_REPLIES} quick replies, got {len(self.quick_replies)}"
            )
        for label, data in self.quick_replies:
            _need_label(label)
            if not data or len(data) > MAX_DATA_LENGTH:
                raise ValueError(f"quick-reply data must be 1 to {MAX_DATA_LENGTH} characters")
        for label, tel in self.calls:
            _need_label(label)
            if not tel.startswith("tel:") or not any(ch.isdigit() for ch in tel):
                raise ValueError("a call button needs a tel: URI")
        for label, url in self.links:
            _need_label(label)
            if not url.startswith(("https://", "http://")) or len(url) > MAX_URI_LENGTH:
                raise ValueError(
                    f"a link button needs an http(s) URL of at most {MAX_URI_LENGTH} characters"
                )


def _need_label(label) -> None:
    if not isinstance(label, str) or not label.strip():
        raise ValueError("a button needs a label")


class Conversation(Protocol):
    """The conversation behind every chat channel (the interview, through the interview core).

    `handle` is called once per event, in order per person, inside an application context, on
    a worker thread (not the webhook's request); it returns the replies to send, possibly none.
    """

    def handle(self, event: ChatEvent) -> list[ChatReply]: ...


# Called once per worker thread with the app, so a conversation may keep a per-thread
# database connection.
ConversationFactory = Callable[[Flask], Conversation]
