"""The JSON API for chat front ends and integrators (/api/v1/).

The blueprint owns its errors (all application/problem+json, also for URLs under /api/ that no
route matches) and its headers (every answer says which knowledge version produced it).
"""

from flask import Blueprint, Response
from werkzeug.exceptions import HTTPException, InternalServerError

from webapp.errors import allow_header, claim_errors, log_unexpected, problem
from webapp.interview import InterviewExpired, InterviewNotFound
from webapp.loaded import loaded

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def stamped(response: Response) -> Response:
    # Errors too: the ids an answer error lists as allowed depend on the knowledge version.
    response.headers["X-Knowledge-Version"] = loaded().kb.version
    return response


def http_problem(exc: HTTPException) -> Response:
    if exc.code == 500:
        return stamped(
            problem(
                500,
                "Internal Server Error",
                "Something went wrong on our side. Nothing you sent was stored.",
            )
        )
    return stamped(allow_header(exc, problem(exc.code or 500, exc.name)))


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    return http_problem(exc)


@bp.errorhandler(InterviewExpired)
def _expired(_exc):
    return stamped(
        problem(
            410, "Gone", "This session expired and its answers were deleted. Start a new session."
        )
    )


@bp.errorhandler(InterviewNotFound)
def _not_found(_exc):
    return stamped(problem(404, "Not Found", "No such session."))


@bp.errorhandler(Exception)
def _unexpected(exc: Exception):
    log_unexpected(exc)
    return http_problem(InternalServerError())


@bp.after_request
def _knowledge_version(response: Response) -> Response:
    return stamped(response)


bp.record_once(lambda state: claim_errors(state.app, "/api/", bp.name, http_problem))

from webapp.views.api import evaluate, knowledge, openapi, sessions  # noqa: E402,F401  (routes)
from webapp.views.api.common import ApiProblem  # noqa: E402


@bp.errorhandler(ApiProblem)
def _api_problem(exc: ApiProblem):
    return stamped(exc.response)
