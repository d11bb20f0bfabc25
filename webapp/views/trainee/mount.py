"""How one mount of the trainee shell differs from another (the phone form, later the kiosk)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from flask import current_app, g, request

from webapp.loaded import loaded
from webapp.store.retention import Limits


class CookieCodec(Protocol):
    """What a mount's cookie holds when it is not the session id itself (chat links)."""

    def session_id(self, value: str) -> str | None: ...

    def value(self, session_id: str) -> str: ...


@dataclass(frozen=True)
class Mount:
    name: str = "trainee"  # the blueprint's name: endpoints are "<name>.start", ...
    url_prefix: str | None = None  # e.g. "/kiosk"
    templates: str = "trainee"  # folder under templates/ holding this mount's pages
    session_kind: str = "form"  # sessions made here are only ever loaded as this kind
    cookie: str = "kenri"  # the cookie that carries the interview's id
    resume_on_start: bool = True  # Start continues a live interview (under a fresh id)
    idle_minutes: float | None = None  # None: the app's session_idle_minutes
    preferred_org: str | None = None  # offered first by "Ask an organisation" (a kiosk's own)
    # A second language shown beside each question and option (the assisted interview: the
    # staff member's Japanese or English beside the trainee's language); a function of the
    # request, None for none.
    beside: Callable[[], str | None] | None = None
    after_start: str | None = None  # where Start leads (an endpoint); None: the first question
    cookie_codec: CookieCodec | None = None  # None: the cookie holds the session id

    @property
    def cookie_path(self) -> str:
        return self.url_prefix or "/"

    def session_in_cookie(self, value: str | None) -> str | None:
        if not value or self.cookie_codec is None:
            return value
        return self.cookie_codec.session_id(value)

    def cookie_value(self, session_id: str) -> str:
        return session_id if self.cookie_codec is None else self.cookie_codec.value(session_id)

    def template(self, page: str) -> list[str]:
        """This mount's own page if it has one, else the phone form's (render_template takes
        the first that exists)."""
        return [f"{self.templates}/{page}", f"trainee/{page}"]


PHONE = Mount()


def register_mount(app, mount: Mount) -> None:
    app.extensions.setdefault("kenri_mounts", {})[mount.name] = mount


def mount() -> Mount:
    """The mount serving this request (on a routing error page: the shell that owns it)."""
    return current_app.extensions["kenri_mounts"][request.blueprint or g.shell]


def limits() -> Limits:
    settings = loaded().settings
    idle = mount().idle_minutes or settings.session_idle_minutes
    return Limits(
        dt.timedelta(minutes=idle), dt.timedelta(minutes=settings.session_absolute_minutes)
    )
