"""Request helpers shared by the API views: JSON bodies, locale, dates, responses."""

import datetime as dt
import re

from flask import current_app, json, request
from flask_babel import force_locale

from webapp.engine import today_in_japan
from webapp.errors import problem
from webapp.knowledge.answers import InvalidAnswer
from webapp.loaded import loaded

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ApiProblem(Exception):
    """Raised inside a view to answer with problem+json."""

    def __init__(self, status: int, title: str, detail: str | None = None, **extra):
        super().__init__(title)
        self.response = problem(status, title, detail, **extra)


kenri = loaded  # the API's views (and openapi.py) reach the loaded app through this name


def json_body() -> dict:
    if not request.is_json:
        raise ApiProblem(415, "Unsupported Media Type", "Send the body as application/json.")
    try:
        body = json.loads(request.get_data(cache=True))
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        raise ApiProblem(400, "Bad Request", "The body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise ApiProblem(400, "Bad Request", "The body must be a JSON object.")
    if _has_lone_surrogate(body):
        # "\ud800" is valid JSON syntax but not text: it cannot be stored or sent back.
        raise ApiProblem(
            400, "Bad Request", "The body contains an invalid Unicode escape (a lone surrogate)."
        )
    return body


def _has_lone_surrogate(value) -> bool:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


ABSENT = object()  # a field left out, as distinct from one sent as null


def chosen_locale(requested, default: str | None = None) -> str:
    """The locale a request names: exactly a shipped code or BCP 47 tag (the OpenAPI enum).

    Left out (ABSENT), it is `default` or the app's default; anything else that is not one of
    those spellings, JSON null and "" included, is a 422 listing the accepted codes.
    """
    shipped = kenri().locales
    if requested is ABSENT:
        return default or kenri().settings.default_locale
    code = shipped.api_names.get(requested) if isinstance(requested, str) else None
    if code is None:
        raise ApiProblem(
            422, "Unprocessable Content", "Unknown locale.", field="locale", allowed=sorted(shipped)
        )
    return code


def chosen_date(requested) -> dt.date:
    if requested is ABSENT:
        return today_in_japan()
    try:
        if not isinstance(requested, str) or not ISO_DATE.match(requested):
            raise ValueError  # fromisoformat also takes week dates such as 2025-W01-1
        return dt.date.fromisoformat(requested)
    except ValueError:
        raise ApiProblem(
            422, "Unprocessable Content", "'on' must be a date written YYYY-MM-DD.", field="on"
        ) from None


def reply(data: dict, locale_code: str | None = None):
    response = current_app.response_class(
        json.dumps(data, ensure_ascii=False), mimetype="application/json"
    )
    if locale_code:
        response.headers["Content-Language"] = kenri().locales[locale_code].bcp47
    return response


def in_locale(code: str):
    return force_locale(code)


def require_json_number(kb, qid, value) -> None:
    """In JSON a number question takes a JSON number (or one of its option ids), as the OpenAPI
    document says; reading numbers written as text ("1.200") is the job of the form and the
    chat shells, which know the trainee's locale. Raises InvalidAnswer."""
    question = kb.questions.get(qid) if isinstance(qid, str) else None
    if (
        question is not None
        and question.kind == "number"
        and isinstance(value, str)
        and value not in question.option_ids()
    ):
        raise InvalidAnswer(
            qid, f"'{qid}' takes a JSON number or one of the listed options", question.option_ids()
        )
