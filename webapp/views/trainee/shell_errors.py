"""The trainee shell's own error pages: in the trainee's language, with no internals.

A trainee without a live interview goes to the start page; after idle expiry the start page
says the answers were deleted, and the cookie is cleared (issue 7).
"""

from flask import Blueprint, Response, make_response, redirect, render_template, url_for
from flask_babel import gettext
from werkzeug.exceptions import HTTPException, InternalServerError

from webapp.errors import allow_header, claim_errors, log_unexpected
from webapp.interview import InterviewExpired, InterviewNotFound
from webapp.views.trainee.mount import Mount, mount
from webapp.views.trainee.visit import drop_cookie


def page_text(status: int) -> tuple[str, str]:
    """A heading and a sentence for an error page, in the user's language, no internals."""
    texts = {
        400: (
            gettext("This form could not be used"),
            gettext(
                "It may be old, or it was not sent from Kenri. Your answers have not "
                "changed. Go back and try again."
            ),
        ),
        404: (gettext("Page not found"), gettext("Check the address, or start again.")),
        405: (gettext("This page cannot be used like that"), gettext("Start again.")),
        413: (gettext("What you sent is too large"), gettext("Your answers have not changed.")),
    }
    return texts.get(
        status,
        (
            gettext("Something went wrong"),
            gettext("It was our mistake. Your answers have not changed. Please try again."),
        ),
    )


def error_page(exc: HTTPException) -> Response:
    status = exc.code or 500
    heading, message = page_text(status)
    body = render_template(
        mount().template("message.html"),
        heading=heading,
        message=message,
        link_url=url_for(".start"),
        link_text=gettext("Start again"),
    )
    response = allow_header(exc, make_response(body, status))
    response.headers["Cache-Control"] = "no-store"
    return response


def no_interview(_exc) -> Response:
    return redirect(url_for(".start"), code=303)


def expired(_exc) -> Response:
    return drop_cookie(redirect(url_for(".start", expired=1), code=303))


def unexpected(exc: Exception) -> Response:
    log_unexpected(exc)
    return error_page(InternalServerError())


def register(bp: Blueprint, shell: Mount) -> None:
    bp.register_error_handler(HTTPException, error_page)
    bp.register_error_handler(InterviewNotFound, no_interview)
    bp.register_error_handler(InterviewExpired, expired)
    bp.register_error_handler(Exception, unexpected)
    bp.record_once(lambda state: claim_errors(state.app, shell.cookie_path, shell.name, error_page))
