"""Who is at the desk: the staff session cookie, its stages, roles, CSRF and the UI language.

The staff cookie is apart from the trainee's: over HTTPS it is `__Host-kenri-staff` (Secure,
Path=/, no Domain), over plain HTTP (development) `kenri-staff` limited to /staff/. Both are
HttpOnly and SameSite=Strict. Sign-in forms, which come before any session, are protected by a
double-submit token bound to a separate short-lived cookie.
"""

import datetime as dt
import functools
import secrets
from dataclasses import dataclass

from flask import abort, current_app, g, redirect, request, url_for

from webapp.connections import cached_secret, get_db
from webapp.i18n.locales import resolve
from webapp.loaded import loaded
from webapp.security import csrf_token, csrf_valid
from webapp.store import staff_sessions
from webapp.store.orgs import Organisation, get_org
from webapp.store.staff_accounts import StaffMember, get_staff

SECURE_COOKIE, PLAIN_COOKIE = "__Host-kenri-staff", "kenri-staff"
LOGIN_COOKIE, LANG_COOKIE = "kenri-staff-login", "kenri-staff-lang"
UI_LOCALES = ("ja", "en")
# Where each unfinished stage continues.
STAGE_ENDPOINTS = {"code": "staff.code", "enrol": "staff.enrol", "password": "staff.password"}


@dataclass(frozen=True)
class Desk:
    session: staff_sessions.StaffSession
    member: StaffMember
    org: Organisation


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def settings():
    return loaded().settings


def sealer():
    return current_app.extensions["kenri_sealer"]


def limits() -> staff_sessions.Limits:
    s = settings()
    return staff_sessions.Limits(
        dt.timedelta(minutes=s.staff_idle_minutes), dt.timedelta(minutes=s.staff_absolute_minutes)
    )


def choose_ui_locale() -> str:
    """Japanese or English: ?lang=, then the remembered choice, then Accept-Language."""
    shipped = {code: current_app.extensions["kenri"].locales[code] for code in UI_LOCALES}
    for candidate in (
        request.args.get("lang"),
        request.cookies.get(LANG_COOKIE),
        *[value for value, _ in request.accept_languages],
    ):
        code = resolve(candidate, shipped)
        if code:
            g.locale_code = code
            return code
    g.locale_code = "en"
    return "en"


def cookie_name() -> str:
    return SECURE_COOKIE if request.is_secure else PLAIN_COOKIE


def set_session_cookie(response, token: str) -> None:
    secure = request.is_secure
    response.set_cookie(
        cookie_name(),
        token,
        httponly=True,
        samesite="Strict",
        secure=secure,
        path="/" if secure else "/staff/",
    )


def clear_session_cookie(response) -> None:
    secure = request.is_secure
    response.delete_cookie(
        cookie_name(),
        path="/" if secure else "/staff/",
        secure=secure,
        httponly=True,
        samesite="Strict",
    )


def current_session() -> staff_sessions.StaffSession | None:
    """The live staff session, or None (g.staff_expired says if it just expired)."""
    if "staff_session" in g:
        return g.staff_session
    token = request.cookies.get(cookie_name())
    session = None
    g.staff_expired = False
    if token:
        try:
            session = staff_sessions.load(get_db(), token, limits(), now())
        except staff_sessions.StaffSessionExpired:
            g.staff_expired = True
        except staff_sessions.StaffSessionGone:
            pass
    if session is not None:
        member = get_staff(get_db(), session.staff_id)
        if member.disabled:
            staff_sessions.end(get_db(), session.token)
            session = None
    g.staff_session = session
    return session


def to_login():
    target = url_for("staff.login", expired=1) if g.get("staff_expired") else url_for("staff.login")
    return redirect(target, code=303)


def desk_required(view):
    """A fully signed-in staff member (g.desk); otherwise to where their sign-in continues."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        session = current_session()
        if session is None:
            return to_login()
        if session.stage != "active":
            return redirect(url_for(STAGE_ENDPOINTS[session.stage]), code=303)
        member = get_staff(get_db(), session.staff_id)
        g.desk = Desk(session, member, get_org(get_db(), member.org_id))
        return view(*args, **kwargs)

    return wrapper


def coordinator_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if not g.desk.member.is_coordinator:
            abort(403)
        return view(*args, **kwargs)

    return desk_required(wrapper)


def stage_required(*stages):
    """A session in one of these stages of signing in (g.staff_session)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            session = current_session()
            if session is None:
                return to_login()
            if session.stage not in stages:
                target = (
                    url_for("staff.queue")
                    if session.stage == "active"
                    else url_for(STAGE_ENDPOINTS[session.stage])
                )
                return redirect(target, code=303)
            return view(*args, **kwargs)

        return wrapper

    return decorate


def form_token() -> str:
    """The CSRF token for the current staff session, or for the sign-in cookie before one."""
    session = g.get("staff_session")
    if session is not None:
        return csrf_token(cached_secret("staff-csrf"), "session:" + session.token)
    return csrf_token(cached_secret("staff-csrf"), "login:" + login_nonce())


def login_nonce() -> str:
    """The double-submit value for sign-in forms (made once, set on the response)."""
    if "login_nonce" not in g:
        existing = request.cookies.get(LOGIN_COOKIE)
        g.login_nonce = (
            existing if existing and 20 <= len(existing) <= 100 else secrets.token_urlsafe(24)
        )
        g.set_login_nonce = g.login_nonce != existing
    return g.login_nonce


def require_csrf() -> None:
    """Refuse (400) a form that was not sent from this desk session; nothing changes."""
    session = g.get("staff_session")
    if session is not None:
        subject = "session:" + session.token
    else:
        nonce = request.cookies.get(LOGIN_COOKIE)
        if not nonce:
            abort(400)
        subject = "login:" + nonce
    if not csrf_valid(cached_secret("staff-csrf"), subject, request.form.get("csrf")):
        abort(400)


def finish_response(response):
    """Cookies the request decided on: the sign-in nonce and the chosen UI language."""
    if g.get("set_login_nonce"):
        response.set_cookie(
            LOGIN_COOKIE,
            g.login_nonce,
            httponly=True,
            samesite="Strict",
            secure=request.is_secure,
            path="/staff/",
            max_age=3600,
        )
    lang = request.args.get("lang")
    if lang in UI_LOCALES and request.cookies.get(LANG_COOKIE) != lang:
        response.set_cookie(
            LANG_COOKIE,
            lang,
            httponly=True,
            samesite="Strict",
            secure=request.is_secure,
            path="/staff/",
            max_age=365 * 86400,
        )
    return response
