"""What every trainee page needs: the session from its cookie, the locale, CSRF, no-store."""

from dataclasses import dataclass

from flask import abort, current_app, g, redirect, request, url_for

from webapp.engine import today_in_japan
from webapp.i18n.locales import choose
from webapp.request_db import cached_secret, get_db
from webapp.security import csrf_token, csrf_valid
from webapp.store import sessions as store

COOKIE = "kenri"


@dataclass
class Visit:
    """The trainee's session as seen by one request (None before Start)."""
    session: store.Session | None
    answers: dict
    expired: bool = False


def kenri():
    return current_app.extensions["kenri"]


def settings():
    return current_app.config["KENRI_SETTINGS"]


def load_visit() -> Visit:
    """Read the session cookie; an expired or unknown session is treated as none."""
    session_id = request.cookies.get(COOKIE)
    if not session_id:
        return Visit(None, {})
    db = get_db()
    try:
        session = store.get_session(db, session_id, settings().session_limits)
    except store.SessionExpired:
        return Visit(None, {}, expired=True)
    except store.SessionNotFound:
        return Visit(None, {})
    return Visit(session, store.current_answers(db, session.id))


def pick_locale(visit: Visit) -> str:
    shipped = kenri().locales
    # The start form carries the language chosen before any session existed.
    explicit = request.args.get("lang") or request.form.get("lang")
    code = choose(shipped, explicit, visit.session.locale if visit.session else None,
                  [value for value, _ in request.accept_languages], settings().default_locale)
    if visit.session and code != visit.session.locale:
        store.set_locale(get_db(), visit.session.id, code)
    g.locale_code = code
    return code


def form_token(visit: Visit) -> str:
    return csrf_token(cached_secret("csrf"), visit.session.id)


def require_csrf(visit: Visit) -> None:
    """A forged or stale form post is refused with a clear page (400), and nothing changes."""
    if not csrf_valid(cached_secret("csrf"), visit.session.id, request.form.get("csrf")):
        abort(400, description="csrf")


def today():
    return today_in_japan()


@dataclass
class Interview:
    """A trainee with a live session: their visit, language and place in the interview."""
    visit: Visit
    locale: str
    progress: object


def live_interview() -> Interview | None:
    """Load the session and choose the language; None when there is no live session."""
    from webapp.interview import progress

    visit = load_visit()
    code = pick_locale(visit)
    if visit.session is None:
        return None
    return Interview(visit, code, progress(kenri().kb, visit.answers, today()))


def restart():
    """Where a trainee without a live session goes."""
    return redirect(url_for("trainee.start"), code=303)
