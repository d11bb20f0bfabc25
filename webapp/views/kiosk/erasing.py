"""Erasing the visitor: "Are you still there?", the automatic wipe and "Finish and erase".

All three work without JavaScript: every kiosk page carries a meta refresh to `still_there`
after the quiet time, which carries one to `wipe` after the warning time. Both erasing routes
are plain GETs (as quick exit is), so that a meta refresh can reach them; a forged request
could only erase, never reveal. Each deletes the interview in the core, clears the cookie and
asks the browser to clear what it kept of this site.
"""

from flask import Blueprint, Response, make_response, redirect, render_template, request, url_for

from webapp.views.trainee.mount import mount
from webapp.views.trainee.own_pages import own_page
from webapp.views.trainee.visit import core, drop_cookie, visit

CLEAR_SITE_DATA = '"cache", "cookies", "storage"'


def still_there():
    current = visit()
    if current.interview is None:
        return drop_cookie(redirect(url_for(".start"), code=303))
    back = own_page(request.args.get("next"))
    if back in (url_for(".still_there"), url_for(".wipe"), url_for(".finish")):
        back = url_for(".welcome")  # "I am still here" must never erase
    return render_template(mount().template("still_there.html"), back_url=back)


def _erase() -> None:
    session_id = request.cookies.get(mount().cookie)
    if session_id:
        core().end(mount().session_kind, session_id)  # nothing to do if it is already gone


def _erased(response: Response) -> Response:
    response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
    return drop_cookie(response)


def wipe():
    """The end of the idle countdown: erase, then the untouched start screen for the next person."""
    _erase()
    return _erased(redirect(url_for(".start"), code=303))


def finish():
    """The visitor pressed "Finish and erase": erase, and say so in their language."""
    visit()  # the visitor's language, read before the interview goes
    _erase()
    return _erased(make_response(render_template(mount().template("erased.html"))))


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/still-there", "still_there", still_there, methods=["GET"])
    bp.add_url_rule("/wipe", "wipe", wipe, methods=["GET"])
    bp.add_url_rule("/finish", "finish", finish, methods=["GET"])
