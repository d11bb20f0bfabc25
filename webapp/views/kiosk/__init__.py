"""The kiosk: `kenri serve --kiosk`, on a shared tablet at an NGO office, a church or an event.

Not a new interview: the trainee shell mounted a second time (name "kiosk" at /kiosk, session
kind "kiosk", its own cookie, no resuming on Start) with templates under templates/kiosk/ that
extend the trainee pages, plus the kiosk's own pages: a language grid, a welcome page, "Are you
still there?", the wipe, "Finish and erase" and the take-home QR code.

Nothing of a visitor survives them: every page refreshes itself to "Are you still there?" and
then to the wipe (no JavaScript needed), Start ends whatever interview the cookie still points
to, and the server-side idle limit (a minute longer than the page's) deletes an abandoned one.
The only trace kept is a count of visits per language per day (store.kiosk_visits).
"""

from flask import Blueprint, Response, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from webapp.clock import day_in_japan, utc_now
from webapp.connections import get_db
from webapp.interview import InterviewExpired, InterviewNotFound
from webapp.kiosk_config import KioskConfig
from webapp.loaded import loaded
from webapp.store.kiosk_visits import count_visit
from webapp.views.kiosk import erasing, qr, welcome
from webapp.views.trainee import Mount, trainee_blueprint
from webapp.views.trainee.mount import mount
from webapp.views.trainee.visit import accepted_locales, core, drop_cookie, explicit_locale


def kiosk_mount(config: KioskConfig) -> Mount:
    return Mount(
        name="kiosk",
        url_prefix="/kiosk",
        templates="kiosk",
        session_kind="kiosk",
        cookie="kenri_kiosk",
        resume_on_start=False,
        idle_minutes=config.server_idle.total_seconds() / 60,
        after_start=".welcome",
        preferred_org=config.organisation,  # "Ask an organisation" offers the kiosk's own first
    )


def kiosk_blueprint(config: KioskConfig) -> Blueprint:
    bp = trainee_blueprint(kiosk_mount(config))
    for pages in (welcome, erasing, qr):
        pages.register(bp)
    bp.before_request(_end_previous_visitor)
    bp.after_request(_count_visit)
    # App-wide, so that error pages for kiosk URLs no route matches (rendered outside the
    # blueprint, see errors.py) have the kiosk's settings too.
    bp.app_context_processor(_kiosk_context)
    # Replaces the trainee shell's handlers: after a wipe, every kiosk page leads to the
    # untouched language grid, and a form posted to a wiped interview says it was erased.
    for gone in (InterviewNotFound, InterviewExpired):
        bp.register_error_handler(gone, _interview_gone)
    return bp


def _kiosk_context() -> dict:
    if (request.blueprint or g.get("shell")) != "kiosk":
        return {}
    config = loaded().settings.kiosk_config
    return {
        "kiosk": config,
        "kiosk_visitor": bool(request.cookies.get(mount().cookie)),
        "kiosk_locales": list(loaded().locales.values()),
    }


def _end_previous_visitor() -> None:
    # Start never continues, nor leaves behind, the interview of whoever used the kiosk last.
    if request.endpoint == "kiosk.begin":
        previous = request.cookies.get(mount().cookie)
        if previous:
            core().end(mount().session_kind, previous)


def _count_visit(response: Response) -> Response:
    if request.endpoint == "kiosk.begin" and response.status_code == 303:
        # The same rule the core's start applied: the language this visit began in.
        locale = core().choose_locale(None, explicit_locale(), accepted_locales())
        count_visit(get_db(), day_in_japan(utc_now()), locale)
    return response


def _interview_gone(_exc) -> Response:
    if request.method == "GET":
        return drop_cookie(redirect(url_for(".start"), code=303))
    body = render_template(
        mount().template("message.html"),
        heading=_("This page was erased"),
        message=_(
            "For privacy, the answers on this kiosk were erased. "
            "Nothing was saved. You can start again."
        ),
        link_url=url_for(".start"),
        link_text=_("Start again"),
    )
    return drop_cookie(make_response(body, 410))
