"""One question page: reading the trainee's answer from the form and rendering the page."""

from flask import make_response, render_template, request, url_for
from flask_babel import gettext as _

from webapp.interview import Interview
from webapp.knowledge.answers import AnswerError, InvalidAnswer
from webapp.knowledge.model import Question
from webapp.loaded import loaded
from webapp.views.trainee.mount import mount
from webapp.views.trainee.numbering import number_of
from webapp.views.trainee.visit import core, form_token
from webapp.views.translated import question_json


def read_answer(question: Question) -> tuple[str | None, str | None]:
    """The raw answer from the form, or an error message when nothing was given."""
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


def error_text(question: Question, exc: AnswerError) -> str:
    if isinstance(exc, InvalidAnswer) and question.kind == "number":
        return _(
            "Enter a number between %(min)s and %(max)s.",
            min=f"{question.minimum:,.0f}",
            max=f"{question.maximum:,.0f}",
        )
    if isinstance(exc, InvalidAnswer) and question.kind == "month":
        return _("Enter the month as year and month, for example 2025-10.")
    return _("Choose one answer.")


def question_page(
    interview: Interview,
    question_id: str,
    chosen=None,
    returning=False,
    error=None,
    typed="",
    status=200,
):
    question = loaded().kb.questions[question_id]
    state = interview.progress
    if isinstance(chosen, float):
        typed, chosen = (f"{chosen:g}", None) if not typed else (typed, None)
    elif question.kind == "month" and isinstance(chosen, str) and chosen[:1].isdigit():
        typed, chosen = chosen, None
    number = number_of(interview, question_id)
    previous = core().back(interview, question_id if question_id in state.asked else None)
    if returning:
        back = url_for(".check")
    elif previous is not None:
        back = url_for(".question", number=number_of(interview, previous.id))
    else:
        back = url_for(".start")
    view = question_json(question)
    first = view["options"][0]["id"] if view["options"] else ""
    error_field = (
        "value"
        if question.kind in ("number", "month")
        else ("answer" if question.kind == "prefecture" else f"option-{first}")
    )
    body = render_template(
        mount().template("question.html"),
        question=view,
        csrf=form_token(interview),
        chosen=chosen,
        typed=typed,
        returning=returning,
        error=error,
        error_field=error_field,
        back_url=back,
        number=number,
        total=max(state.about_total, number),
        value_label=value_label(question),
    )
    return make_response(body, status)


def value_label(question: Question) -> str:
    if question.kind == "month":
        return _("Year and month")
    if question.unit == "yen":
        return _("Amount in yen")
    if question.unit == "hours":
        return _("Number of hours")
    return _("Number")
