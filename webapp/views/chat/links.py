"""A chat user's result on the web, opened from a link in the chat without any login.

The trainee shell mounted once more (as the kiosk is), for interviews of kind "chat", at
/chat/: the same result, summary, check-and-change, language, delete and quick-exit pages and
templates as the phone form. A link in the chat, /chat/open/<token>, carries a sealed,
short-lived token (webapp.channels.result_links); it is checked, the browser gets a cookie
holding a new sealed token (never the session id) and goes to the page the link is for. An
altered link, an expired link and a deleted interview each get a clear page. Interviews are
never started here: the mount's start page is the phone form's.
"""

import datetime as dt

from flask import (
    Blueprint,
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import refresh

from webapp.channels.interview_chat.commands import first_word
from webapp.channels.result_links import KEY_SECRET, LinkInvalid, LinkSealer, OpenedLink
from webapp.clock import utc_now
from webapp.connections import cached_secret, get_db
from webapp.interview import InterviewExpired, InterviewNotFound
from webapp.loaded import loaded
from webapp.store import sessions
from webapp.views.trainee import Mount, trainee_blueprint
from webapp.views.trainee.mount import mount
from webapp.views.trainee.visit import core, keep_cookie, visit

KIND = "chat"
# Where each kind of link leads, as endpoints of this mount. "Ask an organisation to contact
# me" is the trainee shell's handoff (issue 11, "share"); a shell without it shows the result.
TARGETS = {"result": ".result", "summary": ".summary", "handoff": ".share"}


def link_lifetime() -> dt.timedelta:
    """As long as an interview may sit idle: a link never outlives what it opens by much."""
    return dt.timedelta(minutes=loaded().settings.session_idle_minutes)


def sealer() -> LinkSealer:
    return LinkSealer(cached_secret(KEY_SECRET))


class SealedCookie:
    """The mount's cookie holds a sealed token of purpose "cookie", renewed on every answer."""

    def session_id(self, value: str) -> str | None:
        try:
            opened = sealer().open(value)
        except LinkInvalid:
            return None
        if opened.purpose != "cookie" or opened.expired(utc_now()):
            return None
        return opened.session_id

    def value(self, session_id: str) -> str:
        return sealer().seal("cookie", session_id, utc_now() + link_lifetime())


CHAT_WEB = Mount(
    name="chat_web",
    url_prefix="/chat",
    session_kind=KIND,
    cookie="kenri_chat",
    resume_on_start=False,
    cookie_codec=SealedCookie(),
)


def open_link(token: str):
    visit()  # the language: the browser's, until the interview's is known
    try:
        opened = sealer().open(token)
    except LinkInvalid:
        opened = None
    if opened is None or opened.purpose == "cookie":
        return _page(
            404,
            _("This link does not work"),
            _(
                "It may have been changed or cut short. In the chat, type “%(word)s” for a new "
                "link.",
                word=first_word("result"),
            ),
        )
    _speak_the_interviews_language(opened)
    if opened.expired(utc_now()):
        return _page(
            410,
            _("This link has expired"),
            _(
                "For your safety, a link to your result works for %(minutes)s minutes. In the "
                "chat, type “%(word)s” for a new link.",
                minutes=int(link_lifetime().total_seconds() // 60),
                word=first_word("result"),
            ),
        )
    try:
        interview = core().resume(KIND, opened.session_id)
    except (InterviewNotFound, InterviewExpired):
        return _page(
            410,
            _("Your answers are no longer kept"),
            _(
                "They are deleted when you ask, and after some time without a message. "
                "You can start again in the chat."
            ),
        )
    endpoint = TARGETS[opened.purpose]
    if endpoint.lstrip(".") not in _own_endpoints():
        endpoint = TARGETS["result"]
    return keep_cookie(redirect(url_for(endpoint), code=303), interview)


def _speak_the_interviews_language(opened: OpenedLink) -> None:
    """Pages about a link speak the interview's language while it is kept."""
    try:
        session = sessions.load_session(get_db(), opened.session_id, KIND)
    except sessions.SessionNotFound:
        return
    g.locale_code = session.locale
    refresh()  # in case anything asked Flask-Babel for the locale before


def _own_endpoints() -> set[str]:
    prefix = mount().name + "."
    return {e[len(prefix) :] for e in current_app.view_functions if e.startswith(prefix)}


def _page(status: int, heading: str, message: str):
    body = render_template(
        mount().template("message.html"),
        heading=heading,
        message=message,
        link_url=url_for("trainee.start"),
        link_text=_("Start again"),
    )
    return make_response(body, status)


def _start_on_the_phone_form():
    """No interview starts here: the start page and Start are the phone form's."""
    if request.endpoint in (f"{CHAT_WEB.name}.start", f"{CHAT_WEB.name}.begin"):
        expired = request.args.get("expired") or None
        return redirect(url_for("trainee.start", expired=expired), code=303)
    return None


def chat_web_blueprint() -> Blueprint:
    bp = trainee_blueprint(CHAT_WEB)
    bp.add_url_rule("/open/<token>", "open_link", open_link, methods=["GET"])
    bp.before_request(_start_on_the_phone_form)
    return bp
