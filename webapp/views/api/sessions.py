"""The interview through JSON, for chat front ends: start, answer, change, result, delete.

A thin shell over the interview core (webapp.interview): it parses JSON into core calls and
renders the core's replies as JSON. Sessions made here are of kind "api" and cannot be used
through the form (nor form sessions here).
"""

from flask import request

from webapp.clock import utc_now
from webapp.interview import Interview, QuestionOutOfOrder
from webapp.knowledge.answers import AnswerError
from webapp.views.api import bp
from webapp.views.api.common import (
    ABSENT,
    ApiProblem,
    chosen_locale,
    in_locale,
    json_body,
    kenri,
    reply,
    require_json_number,
)
from webapp.views.api.evaluate import answer_problem
from webapp.views.interviews import interviews
from webapp.views.open_now import mark_findings_open
from webapp.views.translated import evaluation_json, question_json

KIND = "api"


def _explicit_locale(requested) -> str | None:
    """An explicit locale must be a shipped one, as the OpenAPI enum spells it (422 otherwise,
    null and "" included); left out (ABSENT) it is None. The API never reads Accept-Language,
    so its default stays en as documented."""
    return None if requested is ABSENT else chosen_locale(requested)


def _state(interview: Interview) -> dict:
    kb, state = kenri().kb, interview.progress
    previous = interviews().back(interview)
    with in_locale(interview.locale):
        return {
            "id": interview.id,
            "locale": interview.locale,
            "knowledge_version": kb.version,
            "done": state.complete,
            "question": question_json(kb.questions[state.next]) if state.next else None,
            "previous_question": previous.id if previous else None,
            "answered": [
                {"question": qid, "answer": interview.answers[qid]} for qid in state.asked
            ],
            "progress": {"number": state.number, "about_total": state.about_total},
        }


@bp.post("/sessions")
def start_session():
    body = json_body() if request.get_data() else {}
    unknown = sorted(set(body) - {"locale"})
    if unknown:
        raise ApiProblem(
            422,
            "Unprocessable Content",
            f"Unknown field(s): {', '.join(unknown)}.",
            allowed=["locale"],
        )
    interview = interviews().start(KIND, _explicit_locale(body.get("locale", ABSENT)))
    response = reply(_state(interview), interview.locale)
    response.status_code = 201
    return response


@bp.get("/sessions/<session_id>")
def session_state(session_id):
    interview = interviews().resume(
        KIND, session_id, _explicit_locale(request.args.get("locale", ABSENT))
    )
    return reply(_state(interview), interview.locale)


@bp.post("/sessions/<session_id>/answers")
def answer(session_id):
    body = json_body()
    unknown = sorted(set(body) - {"question", "answer", "locale"})
    if unknown or "question" not in body or "answer" not in body:
        raise ApiProblem(
            422,
            "Unprocessable Content",
            'Send {"question": id, "answer": option id, number or YYYY-MM}.',
            allowed=["question", "answer", "locale"],
        )
    explicit = _explicit_locale(body.get("locale", ABSENT))
    core = interviews()
    interview = core.resume(KIND, session_id, explicit)
    try:
        require_json_number(kenri().kb, body["question"], body["answer"])
        interview = core.answer(interview, body["question"], body["answer"])
    except QuestionOutOfOrder as exc:
        raise ApiProblem(
            409,
            "Conflict",
            "Answer the next question, or change one already answered.",
            question=exc.question,
            expected=exc.expected,
        ) from None
    except AnswerError as exc:
        raise answer_problem(exc) from None
    return reply(_state(interview), interview.locale)


@bp.get("/sessions/<session_id>/result")
def session_result(session_id):
    core = interviews()
    interview = core.resume(KIND, session_id, _explicit_locale(request.args.get("locale", ABSENT)))
    also = request.args.get("also")
    other = chosen_locale(also) if also is not None else None
    outcome = core.result(interview)
    kb, code = kenri().kb, interview.locale
    now = utc_now()  # whether each helper is open: at the time of asking
    with in_locale(code):
        body = evaluation_json(kb, outcome.evaluation, code)
        mark_findings_open(kb, body, now)
    if other:
        with in_locale(other):
            body["also"] = evaluation_json(kb, outcome.evaluation, other)
            mark_findings_open(kb, body["also"], now)
    return reply(body, code)


@bp.delete("/sessions/<session_id>")
def delete_session(session_id):
    core = interviews()
    core.resume(KIND, session_id)  # 404 if unknown, 410 if it had expired
    core.end(KIND, session_id)
    return "", 204
