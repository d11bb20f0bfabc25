"""POST /api/v1/evaluate: stateless findings for a complete or partial answer set."""

from webapp.clock import utc_now
from webapp.engine import AnswerError, evaluate, normalise_answers
from webapp.views.api import bp
from webapp.views.api.common import (
    ABSENT,
    ApiProblem,
    chosen_date,
    chosen_locale,
    in_locale,
    json_body,
    kenri,
    reply,
    require_json_number,
)
from webapp.views.open_now import mark_findings_open
from webapp.views.translated import evaluation_json

ALLOWED_KEYS = {"answers", "locale", "on"}


@bp.post("/evaluate")
def evaluate_answers():
    body = json_body()
    unknown = sorted(set(body) - ALLOWED_KEYS)
    if unknown:
        raise ApiProblem(
            422,
            "Unprocessable Content",
            f"Unknown field(s): {', '.join(unknown)}.",
            allowed=sorted(ALLOWED_KEYS),
        )
    answers = body.get("answers", {})
    if not isinstance(answers, dict):
        raise ApiProblem(
            422,
            "Unprocessable Content",
            "'answers' must be an object of question id to answer.",
            field="answers",
        )
    code = chosen_locale(body.get("locale", ABSENT))
    on = chosen_date(body.get("on", ABSENT))
    kb = kenri().kb
    try:
        for qid, value in answers.items():
            require_json_number(kb, qid, value)
        normalised = normalise_answers(kb, answers)
    except AnswerError as exc:
        raise answer_problem(exc) from None
    result = evaluate(kb, normalised, on)
    with in_locale(code):
        body = evaluation_json(kb, result, code)
        mark_findings_open(kb, body, utc_now())  # open at the time of asking, whatever `on` is
        return reply(body, code)


def answer_problem(exc: AnswerError) -> ApiProblem:
    """422 naming the question and listing the ids that would have been accepted
    (question ids for an unknown question, option ids for a bad answer)."""
    return ApiProblem(
        422,
        "Unprocessable Content",
        exc.message,
        field="answers",
        question=exc.question,
        allowed=list(exc.allowed),
    )
