"""Reporting a bad translation, from any page, with or without an interview (issue 7).

The form is protected against cross-site posts by a token bound to a random, HttpOnly,
SameSite=Strict cookie set with the form (no interview is needed to report). Reports are
rate-limited across everyone, counted in the table itself, so no address is ever stored, and
`kenri purge` deletes them after the retention period.
"""

import datetime as dt
import secrets

from flask import Blueprint, abort, make_response, render_template, request
from flask_babel import gettext as _

from webapp.clock import utc_now
from webapp.connections import cached_secret, get_db
from webapp.loaded import loaded
from webapp.security import csrf_token, csrf_valid
from webapp.store import reports
from webapp.views.trainee.mount import mount
from webapp.views.trainee.own_pages import own_page
from webapp.views.trainee.visit import visit

FORM_COOKIE = "kenri_report"


def report_translation():
    current = visit()
    page = own_page(request.values.get("page"))
    template = mount().template("report_translation.html")
    if request.method == "GET":
        nonce = request.cookies.get(FORM_COOKIE) or secrets.token_urlsafe(16)
        response = make_response(render_template(template, page=page, text="", csrf=_token(nonce)))
        response.set_cookie(
            FORM_COOKIE,
            nonce,
            httponly=True,
            samesite="Strict",
            secure=request.is_secure,
            path=mount().cookie_path,
        )
        return response
    nonce = request.cookies.get(FORM_COOKIE, "")
    if not nonce or not csrf_valid(
        cached_secret("csrf"), "report:" + nonce, request.form.get("csrf")
    ):
        abort(400, description="csrf")
    text = request.form.get("text", "").strip()
    if not text:
        body = render_template(
            template,
            page=page,
            text="",
            csrf=_token(nonce),
            error=_("Write what is wrong."),
            error_field="text",
        )
        return make_response(body, 422)
    now = utc_now()
    db, settings = get_db(), loaded().settings
    if reports.reports_since(db, now - dt.timedelta(hours=1)) >= settings.reports_per_hour:
        body = render_template(
            mount().template("message.html"),
            heading=_("Too many reports right now"),
            message=_("Please try again in an hour. Thank you for helping."),
            link_url=page,
            link_text=_("Go back"),
        )
        return make_response(body, 429)
    reports.record_report(db, current.locale, page, text, now)
    return render_template(
        mount().template("message.html"),
        heading=_("Thank you"),
        message=_("Your report was sent. We will check the translation."),
        link_url=page,
        link_text=_("Go back"),
    )


def _token(nonce: str) -> str:
    return csrf_token(cached_secret("csrf"), "report:" + nonce)


def register(bp: Blueprint) -> None:
    bp.add_url_rule(
        "/report-translation", "report_translation", report_translation, methods=["GET", "POST"]
    )
