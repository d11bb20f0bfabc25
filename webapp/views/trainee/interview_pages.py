"""Start, one question per page, and check-your-answers.

Question pages are addressed by their number on the trainee's path (/q/3), never by topic, and
titled "Kenri – 3": browser history and tab titles reveal nothing (issue 7). The question's
id travels in the form, so a post still means what the page showed.
"""

from flask import Blueprint, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from webapp.interview import Interview, QuestionOutOfOrder
from webapp.interview.danger import first_danger
from webapp.knowledge.answers import AnswerError
from webapp.loaded import loaded
from webapp.views.trainee.mount import mount
from webapp.views.trainee.numbering import question_at, where_next
from webapp.views.trainee.question_page import error_text, question_page, read_answer
from webapp.views.trainee.visit import (
    accepted_locales,
    core,
    drop_cookie,
    explicit_locale,
    form_token,
    keep_cookie,
    live_interview,
    require_csrf,
    visit,
)
from webapp.views.translated import answer_label


def start():
    current = visit()
    # After idle expiry (here, or on the page that sent the trainee here) say why the answers
    # are gone, and clear the stale cookie (issue 7).
    body = render_template(
        mount().template("start.html"), expired=current.expired or bool(request.args.get("expired"))
    )
    response = make_response(body)
    return drop_cookie(response) if current.expired else response


def begin():
    """Start (or, on the phone, continue) the interview under a fresh id."""
    previous = (
        mount().session_in_cookie(request.cookies.get(mount().cookie))
        if mount().resume_on_start
        else None
    )
    interview = core().start(
        mount().session_kind, explicit_locale(), accepted_locales(), continuing=previous
    )
    target = url_for(mount().after_start) if mount().after_start else where_next(interview)
    return keep_cookie(redirect(target, code=303), interview)


def question(number: int):
    interview = live_interview()
    question_id = question_at(interview, number)
    if request.method == "GET":
        if question_id is None:
            return redirect(where_next(interview), code=303)
        return question_page(
            interview,
            question_id,
            chosen=interview.answers.get(question_id),
            returning=bool(request.args.get("change")),
        )
    require_csrf(interview)
    posted = request.form.get("question", "")
    kb = loaded().kb
    if posted not in kb.questions:
        return out_of_order(interview)
    returning = request.form.get("return") == "check"
    answer = read_answer(kb.questions[posted], interview.locale)
    error = answer.error
    if answer.readings:
        # "1.200": one thousand two hundred, or one point two? Ask rather than guess.
        return question_page(
            interview,
            posted,
            returning=returning,
            typed=request.form.get("value", ""),
            readings=answer.readings,
        )
    if error is None:
        try:
            interview = core().answer(interview, posted, answer.raw)
        except QuestionOutOfOrder:
            return out_of_order(interview)
        except AnswerError as exc:
            error = error_text(kb.questions[posted], exc)
    if error is not None:
        chosen = (
            request.form.getlist("answer")
            if kb.questions[posted].kind == "multi"
            else request.form.get("answer")
        )
        return question_page(
            interview,
            posted,
            chosen=chosen,
            returning=returning,
            error=error,
            typed=request.form.get("value", ""),
            status=422,
        )
    if first_danger(loaded().kb, interview, posted):
        return redirect(url_for(".danger"), code=303)  # what to do now, then the questions
    if returning and interview.complete:
        return redirect(url_for(".check"), code=303)
    return redirect(where_next(interview), code=303)


def check():
    interview = live_interview()
    kb, state = loaded().kb, interview.progress
    if not state.complete:
        return redirect(where_next(interview), code=303)
    if request.method == "POST":
        require_csrf(interview)
        return redirect(url_for(".result"), code=303)
    rows = [
        {
            "number": index + 1,
            "question": _(kb.questions[qid].text),
            "answer": answer_label(kb.questions[qid], interview.answers[qid]),
        }
        for index, qid in enumerate(state.asked)
    ]
    back = url_for(".question", number=len(state.asked)) if state.asked else url_for(".start")
    return render_template(
        mount().template("check.html"), rows=rows, csrf=form_token(interview), back_url=back
    )


def out_of_order(interview: Interview):
    body = render_template(
        mount().template("message.html"),
        heading=_("That question is not the next one"),
        message=_("Your answers have not changed. Continue from the question you are on."),
        link_url=where_next(interview),
        link_text=_("Continue"),
    )
    return body, 409


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/", "start", start, methods=["GET"])
    bp.add_url_rule("/start", "begin", begin, methods=["POST"])
    bp.add_url_rule("/q/<int:number>", "question", question, methods=["GET", "POST"])
    bp.add_url_rule("/check", "check", check, methods=["GET", "POST"])
