"""An accepted webhook event on its way to a worker, and the keyed hashes that name it."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from webapp.channels.events import ChatEvent


@dataclass(frozen=True)
class Inbound:
    """A normalised event plus what only the channel may know: the platform user id, needed to
    send the answer. It lives in memory only; it is never stored or logged."""

    event: ChatEvent
    platform_user_id: str = field(repr=False)
    record_key: str = ""
    wants_language: bool = False  # ask the platform for the person's language (LINE follow)


@dataclass(frozen=True)
class Keys:
    """Keyed hashes (HMAC with server secrets) of platform user ids and event ids."""

    user: Callable[[str, str], str]  # (channel, platform user id) -> user_key
    event: Callable[[str, str], str]  # (channel, platform event id) -> record key


def from_millis(value) -> dt.datetime | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return dt.datetime.fromtimestamp(value / 1000, dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None


def text_or_none(value) -> str | None:
    return value if isinstance(value, str) else None
