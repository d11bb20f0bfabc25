"""The interview behind the chat channels: the third thin shell over the interview core.

`interview_conversation(app)` is the ConversationFactory that webapp.channels.conversation
installs: one conversation per chat worker thread, each with its own database connection.
Modules: conversation (the turns), questions / results / changes / notices (what is said),
typed / words / languages / prefectures (reading what people type), commands, postbacks
(button data and its guard), labels (chat_label: buttons of at most 20 grapheme clusters).
"""

import datetime as dt

from flask import Flask

from webapp.channels.interview_chat.conversation import KIND, InterviewConversation
from webapp.channels.result_links import KEY_SECRET, LinkSealer
from webapp.clock import utc_now
from webapp.interview import Interviews
from webapp.store.db import connect, server_secret

GUARD_SECRET = "chat-button-key"  # noqa: S105 - the name under which the key is kept


class WebLinks:
    """Sealed, short-lived links to the chat user's result on the web (views/chat/links.py)."""

    def __init__(self, public_url: str, sealer: LinkSealer, lifetime: dt.timedelta, pages):
        self.public_url = public_url.rstrip("/")
        self.sealer, self.lifetime, self.pages = sealer, lifetime, pages

    def __call__(self, session_id: str, purpose: str) -> str | None:
        if not self.public_url or purpose not in self.pages:
            return None
        token = self.sealer.seal(purpose, session_id, utc_now() + self.lifetime)
        return f"{self.public_url}{self.pages[purpose]}{token}"


def interview_conversation(app: Flask) -> InterviewConversation:
    from webapp.channels import channel_runtime
    from webapp.views.chat.links import CHAT_WEB

    state = app.extensions["kenri"]
    settings = state.settings
    db = connect(settings.database)
    limits = settings.session_limits
    core = Interviews(state.kb, db, limits, state.locales, settings.default_locale)
    runtime = channel_runtime(app)
    public_url = runtime.config.public_url if runtime else ""
    opening = f"{CHAT_WEB.url_prefix}/open/"
    # "Ask an organisation to contact me" is offered where the trainee shell has that page.
    pages = {"result": opening, "summary": opening}
    if f"{CHAT_WEB.name}.share" in app.view_functions:
        pages["handoff"] = opening
    links = WebLinks(public_url, LinkSealer(server_secret(db, KEY_SECRET)), limits.idle, pages)
    guard_secret = bytes.fromhex(server_secret(db, GUARD_SECRET))
    return InterviewConversation(core, guard_secret, links, limits.idle)


__all__ = ["KIND", "InterviewConversation", "interview_conversation"]
