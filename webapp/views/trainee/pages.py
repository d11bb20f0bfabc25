"""Start, one question per page, and check-your-answers."""

from flask import abort, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from webapp.interview import QuestionOutOfOrder, check_answer, progress
from webapp.knowledge.answers import AnswerError, InvalidAnswer
from webapp.present import answer_label, question_json
from webapp.request_db import get_db
from webapp.store import sessions as store
from webapp.views.trainee import bp
from webapp.views.trainee.context import (COOKIE, form_token, kenri, live_interview,
                                          load_visit, pick_locale, require_csrf, restart, today)


@bp.get("/")
def start():
    visit = load_visit()
    pick_locale(visit)
    return render_template("trainee/start.html", expired=visit.expired)


@bp.post("/start")
def begin():
    visit = load_visit()
    code = pick_locale(visit)
    session = visit.session or store.create_session(get_db(), code, kenri().kb.version)
    session_id = session.id
    state = progress(kenri().kb, store.current_answers(get_db(), session_id), today())
    target = url_for("trainee.question", question_id=state.next) if state.next \
        else url_for("trainee.check")
    response = redirect(target, code=303)
    response.set_cookie(COOKIE, session_id, httponly=True, samesite="Lax",
                        secure=request.is_secure, path="/")
    return response


@bp.route("/q/<question_id>", methods=["GET", "POST"])
def question(question_id):
    interview = live_interview()
    if interview is None:
        return restart()
    kb, visit, state = kenri().kb, interview.visit, interview.progress
    if question_id not in kb.questions:
        abort(404)
    if question_id not in state.asked and question_id != state.next:
        if request.method == "POST":
            return _out_of_order(state)
        return redirect(_where_next(state), code=303)
    if request.method == "GET":
        return _question_page(visit, state, question_id, chosen=visit.answers.get(question_id),
                              returning=bool(request.args.get("change")))
    require_csrf(visit)
    raw, error = _read_form(kb.questions[question_id])
    returning = request.form.get("return") == "check"
    if error is None:
        try:
            _, value = check_answer(kb, visit.answers, today(), question_id, raw)
        except QuestionOutOfOrder:
            return _out_of_order(state)
        except AnswerError as exc:
            error = _error_text(kb.questions[question_id], exc)
    if error is not None:
        typed = request.form.get("value", "")
        chosen = request.form.getlist("answer") if kb.questions[question_id].kind == "multi" \
            else request.form.get("answer")
        return _question_page(visit, state, question_id, chosen=chosen,
                              returning=returning, error=error, typed=typed, status=422)
    store.record_answer(get_db(), visit.session.id, question_id, value)
    new_state = progress(kb, dict(visit.answers, **{question_id: value}), today())
    if returning and new_state.complete:
        return redirect(url_for("trainee.check"), code=303)
    return redirect(_where_next(new_state), code=303)


@bp.route("/check", methods=["GET", "POST"])
def check():
    interview = live_interview()
    if interview is None:
        return restart()
    kb, visit, state = kenri().kb, interview.visit, interview.progress
    if not state.complete:
        return redirect(_where_next(state), code=303)
    if request.method == "POST":
        require_csrf(visit)
        return redirect(url_for("trainee.result"), code=303)
    rows = [{"id": qid, "question": _(kb.questions[qid].text),
             "answer": answer_label(kb.questions[qid], visit.answers[qid])} for qid in state.asked]
    back = url_for("trainee.question", question_id=state.asked[-1]) if state.asked \
        else url_for("trainee.start")
    return render_template("trainee/check.html", rows=rows, csrf=form_token(visit), back_url=back)


def _where_next(state) -> str:
    if state.complete:
        return url_for("trainee.check")
    return url_for("trainee.question", question_id=state.next)


def _read_form(question):
    """The raw answer from the form, or an error message when nothing was given."""
    if question.kind == "multi":
        return _read_checkboxes()
    typed = request.form.get("value", "").strip()
    chosen = request.form.get("answer", "").strip()
    if question.kind in ("number", "month") and typed:
        return typed, None
    if chosen:
        return chosen, None
    if question.kind == "number":
        return None, _("Enter a number, or choose one of the answers.")
    if question.kind == "month":
        return None, _("Enter the month, or choose one of the answers.")
    if question.kind == "prefecture":
        return None, _("Choose a prefecture, or one of the other answers.")
    return None, _("Choose one answer.")


def _read_checkboxes():
    """A multi question's ticked boxes (the answer is a list of option ids)."""
    ticked = [value.strip() for value in request.form.getlist("answer") if value.strip()]
    if not ticked:
        return None, _("Tick every answer that applies, or one of the last two answers.")
    return ticked, None


def _error_text(question, exc: AnswerError) -> str:
    if question.kind == "multi":
        return _("Tick the answers that apply, or only one of the last two answers.")
    if isinstance(exc, InvalidAnswer) and question.kind == "number":
        return _("Enter a number between %(min)s and %(max)s.", min=f"{question.minimum:,.0f}",
                 max=f"{question.maximum:,.0f}")
    if isinstance(exc, InvalidAnswer) and question.kind == "month":
        return _("Enter the month as year and month, for example 2025-10.")
    return _("Choose one answer.")


def _question_page(visit, state, question_id, chosen=None, returning=False, error=None,
                   typed="", status=200):
    kb = kenri().kb
    question = kb.questions[question_id]
    if question.kind == "multi" and isinstance(chosen, str):
        chosen = [chosen]      # a standard answer ("I'm not sure") stored on its own
    if isinstance(chosen, float):
        typed, chosen = (f"{chosen:g}", None) if not typed else (typed, None)
    elif question.kind == "month" and isinstance(chosen, str) and chosen[:1].isdigit():
        typed, chosen = chosen, None
    previous = state.previous(question_id if question_id in state.asked else None)
    if returning:
        back = url_for("trainee.check")
    else:
        back = url_for("trainee.question", question_id=previous) if previous \
            else url_for("trainee.start")
    view = question_json(question)
    first = view["options"][0]["id"] if view["options"] else ""
    error_field = "value" if question.kind in ("number", "month") else (
        "answer" if question.kind == "prefecture" else f"option-{first}")
    number = state.asked.index(question_id) + 1 if question_id in state.asked else state.number
    body = render_template(
        "trainee/question.html", question=view, csrf=form_token(visit), chosen=chosen,
        typed=typed, returning=returning, error=error, error_field=error_field, back_url=back,
        number=number, total=max(state.about_total, number),
        value_label=_value_label(question))
    return make_response(body, status)


def _value_label(question) -> str:
    if question.kind == "month":
        return _("Year and month")
    if question.unit == "yen":
        return _("Amount in yen")
    if question.unit == "hours":
        return _("Number of hours")
    return _("Number")


def _out_of_order(state):
    body = render_template(
        "trainee/message.html", heading=_("That question is not the next one"),
        message=_("Your answers have not changed. Continue from the question you are on."),
        link_url=_where_next(state), link_text=_("Continue"))
    return make_response(body, 409)

