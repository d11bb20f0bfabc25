"""Errors as application/problem+json (RFC 9457) under /api/, plain pages elsewhere.

Responses never carry exception text or a traceback.
"""

import logging

from flask import Flask, Response, json, render_template_string, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)
PROBLEM_TYPE = "application/problem+json"


def problem(status: int, title: str, detail: str | None = None, **extra) -> Response:
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return Response(json.dumps(body, ensure_ascii=False), status=status, mimetype=PROBLEM_TYPE)


_PAGE = """<!doctype html><html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1><p><a href="/">{{ home }}</a></p></main></body></html>"""


def _wants_problem() -> bool:
    return request.path.startswith("/api/")


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        headers = {}
        if exc.code == 405 and getattr(exc, "valid_methods", None):
            headers["Allow"] = ", ".join(exc.valid_methods)
        if _wants_problem():
            response = problem(exc.code, exc.name)
        else:
            response = Response(render_template_string(_PAGE, title=exc.name, lang="en",
                                                       home=gettext("Start again")),
                                status=exc.code, mimetype="text/html")
        response.headers.update(headers)
        return response

    @app.errorhandler(Exception)
    def unexpected_error(exc: Exception):
        # Log the kind of failure and the route only: never answers, bodies or addresses.
        log.error("unexpected %s on %s", exc.__class__.__name__, request.url_rule or "?")
        if _wants_problem():
            return problem(500, "Internal Server Error",
                           "Something went wrong on our side. Nothing you sent was stored.")
        return Response(render_template_string(_PAGE, title="Internal Server Error", lang="en",
                                               home=gettext("Start again")),
                        status=500, mimetype="text/html")
