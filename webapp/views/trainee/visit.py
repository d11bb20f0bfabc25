"""One request of a trainee: the interview from the cookie, the language, CSRF, the cookie.

Loading is the core's `resume` (which also decides expiry and the language); this module only
reads the request and writes the cookie.
"""

from dataclasses import dataclass

from flask import Response, abort, g, request

from webapp.connections import cached_secret
from webapp.interview import Interview, InterviewExpired, InterviewNotFound, Interviews
from webapp.security import csrf_token, csrf_valid
from webapp.views.interviews import interviews
from webapp.views.trainee.mount import limits, mount


@dataclass(frozen=True)
class Visit:
    interview: Interview | None  # None before Start, or when it is gone
    expired: bool  # it expired just now (its answers were deleted)
    locale: str


def core() -> Interviews:
    return interviews(limits())


def explicit_locale() -> str | None:
    # ?lang= from the picker; the start form carries the language chosen before any session.
    return request.args.get("lang") or request.form.get("lang") or None


def accepted_locales() -> list[str]:
    return [value for value, _ in request.accept_languages]


def visit() -> Visit:
    """The trainee's interview (if any) and the language for this request."""
    session_id = mount().session_in_cookie(request.cookies.get(mount().cookie))
    interview, expired = None, False
    if session_id:
        try:
            interview = core().resume(
                mount().session_kind, session_id, explicit_locale(), accepted_locales()
            )
        except InterviewExpired:
            expired = True
        except InterviewNotFound:
            pass
    code = (
        interview.locale
        if interview
        else core().choose_locale(None, explicit_locale(), accepted_locales())
    )
    g.locale_code = code
    return Visit(interview, expired, code)


def live_interview() -> Interview:
    """The live interview; InterviewNotFound / InterviewExpired (the shell's error handlers
    send the trainee to the start page) when there is none."""
    current = visit()
    if current.expired:
        raise InterviewExpired
    if current.interview is None:
        raise InterviewNotFound
    return current.interview


def form_token(interview: Interview) -> str:
    return csrf_token(cached_secret("csrf"), interview.id)


def require_csrf(interview: Interview) -> None:
    """A forged or stale form post is refused with a clear page (400), and nothing changes."""
    if not csrf_valid(cached_secret("csrf"), interview.id, request.form.get("csrf")):
        abort(400, description="csrf")


def keep_cookie(response: Response, interview: Interview) -> Response:
    response.set_cookie(
        mount().cookie,
        mount().cookie_value(interview.id),
        httponly=True,
        samesite="Lax",
        secure=request.is_secure,
        path=mount().cookie_path,
    )
    return response


def drop_cookie(response: Response) -> Response:
    response.delete_cookie(mount().cookie, path=mount().cookie_path)
    return response
