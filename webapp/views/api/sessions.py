"""The interview through JSON, for chat front ends: start, answer, change, result, delete."""

from flask import request

from webapp.engine import AnswerError, evaluate, normalise_answers, today_in_japan
from webapp.interview import QuestionOutOfOrder, check_answer, progress
from webapp.present import evaluation_json, question_json
from webapp.request_db import get_db
from webapp.store import sessions as store
from webapp.views.api import bp
from webapp.views.api.common import (ABSENT, ApiProblem, chosen_locale, in_locale, json_body,
                                     kenri, reply, require_json_number)
from webapp.views.api.evaluate import answer_problem


def _live_session(session_id: str) -> store.Session:
    limits = kenri().settings.session_limits
    try:
        return store.get_session(get_db(), session_id, limits)
    except store.SessionExpired:
        raise ApiProblem(410, "Gone", "This session expired and its answers were deleted. "
                                      "Start a new session.") from None
    except store.SessionNotFound:
        raise ApiProblem(404, "Not Found", "No such session.") from None


def _state(session: store.Session, answers: dict, code: str) -> dict:
    kb = kenri().kb
    state = progress(kb, answers, today_in_japan())
    with in_locale(code):
        return {
            "id": session.id,
            "locale": code,
            "knowledge_version": kb.version,
            "done": state.complete,
            "question": question_json(kb.questions[state.next]) if state.next else None,
            "previous_question": state.previous(None),
            "answered": [{"question": qid, "answer": answers[qid]} for qid in state.asked],
            "progress": {"number": state.number, "about_total": state.about_total},
        }


@bp.post("/sessions")
def start_session():
    body = json_body() if request.get_data() else {}
    unknown = sorted(set(body) - {"locale"})
    if unknown:
        raise ApiProblem(422, "Unprocessable Content", f"Unknown field(s): {', '.join(unknown)}.",
                         allowed=["locale"])
    code = chosen_locale(body.get("locale", ABSENT))
    session = store.create_session(get_db(), code, kenri().kb.version)
    response = reply(_state(session, {}, code), code)
    response.status_code = 201
    return response


@bp.get("/sessions/<session_id>")
def session_state(session_id):
    session = _live_session(session_id)
    code = chosen_locale(request.args.get("locale", ABSENT), session.locale)
    return reply(_state(session, store.current_answers(get_db(), session.id), code), code)


@bp.post("/sessions/<session_id>/answers")
def answer(session_id):
    body = json_body()
    unknown = sorted(set(body) - {"question", "answer", "locale"})
    if unknown or "question" not in body or "answer" not in body:
        raise ApiProblem(422, "Unprocessable Content",
                         "Send {\"question\": id, \"answer\": option id, number or YYYY-MM}.",
                         allowed=["question", "answer", "locale"])
    session = _live_session(session_id)
    code = chosen_locale(body.get("locale", ABSENT), session.locale)
    db = get_db()
    answers = store.current_answers(db, session.id)
    try:
        require_json_number(kenri().kb, body["question"], body["answer"])
        question, value = check_answer(kenri().kb, answers, today_in_japan(), body["question"],
                                       body["answer"])
    except QuestionOutOfOrder as exc:
        raise ApiProblem(409, "Conflict", "Answer the next question, or change one already "
                                          "answered.", question=exc.question,
                         expected=exc.expected) from None
    except AnswerError as exc:
        raise answer_problem(exc) from None
    store.record_answer(db, session.id, question.id, value)
    answers[question.id] = value
    return reply(_state(session, answers, code), code)


@bp.get("/sessions/<session_id>/result")
def session_result(session_id):
    session = _live_session(session_id)
    code = chosen_locale(request.args.get("locale", ABSENT), session.locale)
    kb = kenri().kb
    answers = normalise_answers(kb, store.current_answers(get_db(), session.id))
    evaluation = evaluate(kb, answers, today_in_japan())
    with in_locale(code):
        body = evaluation_json(kb, evaluation, code)
    also = request.args.get("also")
    if also is not None:
        other = chosen_locale(also)
        with in_locale(other):
            body["also"] = evaluation_json(kb, evaluation, other)
    if evaluation.next_question is None:
        store.record_result(get_db(), session.id, evaluation.on, kb.version,
                            [(f.id, f.severity) for f in evaluation.findings])
    return reply(body, code)


@bp.delete("/sessions/<session_id>")
def delete_session(session_id):
    _live_session(session_id)
    store.delete_session(get_db(), session_id)
    return "", 204
