"""Errors as application/problem+json (RFC 9457) under /api/, plain pages elsewhere.

Responses never carry exception text or a traceback.
"""

import logging

from flask import Flask, Response, json, render_template, request
from flask.globals import request_ctx
from flask_babel import gettext
from werkzeug.exceptions import BadHost, HTTPException

log = logging.getLogger(__name__)
PROBLEM_TYPE = "application/problem+json"


def problem(status: int, title: str, detail: str | None = None, **extra) -> Response:
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return Response(json.dumps(body, ensure_ascii=False), status=status, mimetype=PROBLEM_TYPE)


def _wants_problem() -> bool:
    return request.path.startswith("/api/")


def _page_text(status: int) -> tuple[str, str]:
    """A heading and a sentence for an error page, in the user's language, no internals."""
    texts = {
        400: (gettext("This form could not be used"),
              gettext("It may be old, or it was not sent from Kenri. Your answers have not "
                      "changed. Go back and try again.")),
        404: (gettext("Page not found"), gettext("Check the address, or start again.")),
        405: (gettext("This page cannot be used like that"), gettext("Start again.")),
        413: (gettext("What you sent is too large"), gettext("Your answers have not changed.")),
    }
    return texts.get(status, (gettext("Something went wrong"),
                              gettext("It was our mistake. Your answers have not changed. "
                                      "Please try again.")))


def _html_error(status: int) -> Response:
    from flask import url_for
    heading, message = _page_text(status)
    body = render_template("trainee/message.html", heading=heading, message=message,
                           link_url=url_for("trainee.start"), link_text=gettext("Start again"))
    return Response(body, status=status, mimetype="text/html")


# A request whose Host header cannot be parsed has no URL adapter, so no page that links
# anywhere can be built for it. It gets this fixed page (and one log line, not a traceback).
BAD_HOST_PAGE = ("<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Bad request – Kenri"
                 "</title><h1>Bad request</h1><p>The address this request was sent to is not "
                 "valid.</p></html>")


def _bad_host() -> Response:
    log.warning("refused a request with a malformed Host header")
    return Response(BAD_HOST_PAGE, status=400, mimetype="text/html")


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if isinstance(exc, BadHost) or request_ctx.url_adapter is None:
            return _bad_host()
        headers = {}
        if exc.code == 405 and getattr(exc, "valid_methods", None):
            headers["Allow"] = ", ".join(exc.valid_methods)
        response = problem(exc.code, exc.name) if _wants_problem() else _html_error(exc.code)
        response.headers.update(headers)
        return response

    @app.errorhandler(Exception)
    def unexpected_error(exc: Exception):
        # Log the kind of failure and the route only: never answers, bodies or addresses.
        log.error("unexpected %s on %s", exc.__class__.__name__, request.url_rule or "?")
        if _wants_problem():
            return problem(500, "Internal Server Error",
                           "Something went wrong on our side. Nothing you sent was stored.")
        return _html_error(500)
