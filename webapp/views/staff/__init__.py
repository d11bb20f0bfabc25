"""The NGO desk under /staff/: sign-in with a second factor, the queue, cases, and the
coordinators' export, statistics, audit log and team. Laptop-first, no JavaScript.

The blueprint owns its headers (no-store on everything, the app's CSP) and its error pages,
in the staff member's language (Japanese or English).
"""

import logging

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from webapp.contact_options import N_
from webapp.security import CSP
from webapp.store.sealing import load_sealer

log = logging.getLogger(__name__)
bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.record_once
def _load_key(state) -> None:
    # The contact-details key is read (or created, 0600) when the app starts, so a bad key
    # stops the start instead of the first shared case.
    settings = state.app.extensions["kenri"].settings
    state.app.extensions["kenri_sealer"] = load_sealer(settings.contact_key_path)


@bp.before_request
def _language() -> None:
    from webapp.views.staff.access import choose_ui_locale

    choose_ui_locale()


@bp.context_processor
def _forms() -> dict:
    from webapp.views.staff.access import form_token

    return {"staff_csrf": form_token}


@bp.after_request
def _headers(response: Response) -> Response:
    from webapp.views.staff.access import finish_response

    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    return finish_response(response)


ERROR_TEXT = {
    400: (
        N_("This form could not be used"),
        N_(
            "It has expired or was not sent from the desk. Nothing was changed. Go back, "
            "reload the page and try again."
        ),
    ),
    403: (N_("Only coordinators can use this page"), N_("Ask a coordinator of your organisation.")),
    404: (N_("Not found"), N_("There is no such page or case in your organisation.")),
    405: (N_("This page cannot be used like that"), N_("Go back to the queue.")),
    413: (N_("What you sent is too large"), N_("Nothing was changed.")),
}


def error_page(status: int) -> Response:
    heading, message = ERROR_TEXT.get(
        status,
        (
            N_("Something went wrong"),
            N_("It was our mistake. Nothing was changed. Please try again."),
        ),
    )
    body = render_template(
        "staff/message.html", heading=_(heading), message=_(message), status=status
    )
    return Response(body, status=status, mimetype="text/html")


@bp.route("/<path:anything>", methods=["GET", "POST"])
def not_found(anything):
    # Unknown addresses under /staff/ get the desk's own 404 page (and its headers).
    abort(404)


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    response = error_page(exc.code or 500)
    if exc.code == 405 and getattr(exc, "valid_methods", None):
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    return response


@bp.errorhandler(Exception)
def _unexpected(exc: Exception):
    # The kind of failure and the route only: never form fields, contact details or cases.
    log.error("unexpected %s on %s", exc.__class__.__name__, request.url_rule or "?")
    return error_page(500)


from webapp.views.staff import auth, cases, coordination, queue  # noqa: E402,F401
from webapp.views.staff.labels import register_filters  # noqa: E402

bp.record_once(register_filters)
