"""Error responses: problem+json (RFC 9457), and who renders the errors no blueprint owns.

Each shell (blueprint) owns its error pages and headers: it registers its handlers on itself
and claims a URL prefix with `claim_errors`. Errors raised outside any blueprint (a URL no
route matches, a method a route does not take) go to the shell whose prefix is the longest
match for the path. Responses never carry exception text or a traceback.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, Response, g, json, request
from flask.globals import request_ctx
from werkzeug.exceptions import BadHost, HTTPException, InternalServerError

log = logging.getLogger(__name__)
PROBLEM_TYPE = "application/problem+json"


def problem(status: int, title: str, detail: str | None = None, **extra) -> Response:
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return Response(json.dumps(body, ensure_ascii=False), status=status, mimetype=PROBLEM_TYPE)


def allow_header(exc: HTTPException, response: Response) -> Response:
    """A 405 keeps its Allow header, whoever renders it."""
    methods = getattr(exc, "valid_methods", None)
    if exc.code == 405 and methods:
        response.headers["Allow"] = ", ".join(methods)
    return response


def log_unexpected(exc: Exception) -> None:
    # The kind of failure and the route only: never answers, bodies or addresses.
    log.error("unexpected %s on %s", exc.__class__.__name__, request.url_rule or "?")


@dataclass(frozen=True)
class ErrorOwner:
    prefix: str  # e.g. "/api/" or "/"
    shell: str  # the blueprint's name
    render: Callable[[HTTPException], Response]  # the shell's own error response


def claim_errors(
    app: Flask, prefix: str, shell: str, render: Callable[[HTTPException], Response]
) -> None:
    """Let `shell` render the errors that no blueprint owns under `prefix`."""
    owners = app.extensions.setdefault("kenri_error_owners", [])
    owners.append(ErrorOwner(prefix, shell, render))
    owners.sort(key=lambda owner: len(owner.prefix), reverse=True)


def _owner(app: Flask) -> ErrorOwner | None:
    return next(
        (
            owner
            for owner in app.extensions.get("kenri_error_owners", [])
            if request.path.startswith(owner.prefix)
        ),
        None,
    )


# A request whose Host header cannot be parsed has no URL adapter, so no shell's page (they all
# link somewhere) can be built for it. It gets this fixed page and one log line, no traceback.
BAD_HOST_PAGE = (
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>Bad request – Kenri</title>'
    "<h1>Bad request</h1><p>The address this request was sent to is not valid.</p></html>"
)


def _bad_host() -> Response:
    log.warning("refused a request with a malformed Host header")
    return Response(BAD_HOST_PAGE, status=400, mimetype="text/html")


def register_error_handlers(app: Flask) -> None:
    def render(exc: HTTPException) -> Response:
        if isinstance(exc, BadHost) or request_ctx.url_adapter is None:
            return _bad_host()
        owner = _owner(app)
        if owner is None:
            return allow_header(exc, Response(exc.name, exc.code, mimetype="text/plain"))
        g.shell = owner.shell  # so the owner's templates resolve ".start" and friends
        return owner.render(exc)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return render(exc)

    @app.errorhandler(Exception)
    def unexpected_error(exc: Exception):
        log_unexpected(exc)
        return render(InternalServerError())
