"""One question page: reading the trainee's answer from the form and rendering the page."""

from dataclasses import dataclass

from flask import make_response, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from webapp.i18n.numbers import read_number
from webapp.interview import Interview
from webapp.knowledge.answers import AnswerError, InvalidAnswer
from webapp.knowledge.model import Question
from webapp.loaded import loaded
from webapp.views.trainee.mount import mount
from webapp.views.trainee.numbering import number_of
from webapp.views.trainee.visit import core, form_token
from webapp.views.translated import answer_label, format_number, question_json


@dataclass(frozen=True)
class FormAnswer:
    """What the form post says: an answer for the core, an error to show, or two readings of a
    typed number for the trainee to choose between ("1.200": 1,200 or 1.2?)."""

    raw: str | float | None = None
    error: str | None = None
    readings: tuple[float, ...] = ()


def read_answer(question: Question, locale: str) -> FormAnswer:
    """The answer from the form: typed numbers read as the trainee's locale writes them."""
    if question.kind == "multi":
        # A multi question's ticked boxes: the answer is a list of option ids.
        ticked = [value.strip() for value in request.form.getlist("answer") if value.strip()]
        if not ticked:
            return FormAnswer(
                error=_("Tick every answer that applies, or one of the last two answers.")
            )
        return FormAnswer(raw=ticked)
    typed = request.form.get("value", "").strip()
    chosen = request.form.get("answer", "").strip()
    confirmed = request.form.get("confirmed", "").strip()
    # A reading chosen on the "which number did you mean?" page counts unless the trainee
    # typed something else since.
    if (
        question.kind == "number"
        and confirmed
        and not chosen
        and typed == request.form.get("ambiguous", "").strip()
    ):
        return FormAnswer(raw=_plain_number(confirmed))
    if question.kind == "number" and typed:
        reading = read_number(typed, locale, question.minimum, question.maximum)
        if reading is None:
            return FormAnswer(error=number_error(question))
        return (
            FormAnswer(readings=reading.readings)
            if reading.ambiguous
            else FormAnswer(raw=reading.value)
        )
    if question.kind == "month" and typed:
        return FormAnswer(raw=typed)
    if chosen:
        return FormAnswer(raw=chosen)
    return FormAnswer(error=missing_answer(question))


def _plain_number(text: str) -> float | str:
    """A reading the page offered ("1200.0"); anything else goes to the core to be refused."""
    try:
        return float(text)
    except ValueError:
        return text


def missing_answer(question: Question) -> str:
    if question.kind == "number":
        return _("Enter a number, or choose one of the answers.")
    if question.kind == "month":
        return _("Enter the month, or choose one of the answers.")
    if question.kind == "prefecture":
        return _("Choose a prefecture, or one of the other answers.")
    return _("Choose one answer.")


def number_error(question: Question) -> str:
    return _(
        "Enter a number between %(min)s and %(max)s.",
        min=format_number(question.minimum),
        max=format_number(question.maximum),
    )


def error_text(question: Question, exc: AnswerError) -> str:
    if question.kind == "multi":
        return _("Tick the answers that apply, or only one of the last two answers.")
    if isinstance(exc, InvalidAnswer) and question.kind == "number":
        return number_error(question)
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
    readings=(),
):
    question = loaded().kb.questions[question_id]
    state = interview.progress
    if question.kind == "multi" and isinstance(chosen, str):
        chosen = [chosen]  # a standard answer ("I'm not sure") stored on its own
    if isinstance(chosen, float):
        typed, chosen = (format_number(chosen), None) if not typed else (typed, None)
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
    beside = _beside(question, interview.locale)
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
        part=state.part_of(question.id)[0],
        parts=state.part_of(question.id)[1],
        value_label=value_label(question),
        beside=beside,
        readings=[
            {"value": repr(r), "label": answer_label(question, r), "id": f"reading-{i}"}
            for i, r in enumerate(readings)
        ],
    )
    return make_response(body, status)


def _beside(question: Question, shown_in: str) -> dict | None:
    """The question in the mount's second language, if it has one (assisted interviews)."""
    code = mount().beside() if mount().beside else None
    if not code or code == shown_in:
        return None
    with force_locale(code):
        view = question_json(question)
    view["lang"] = loaded().locales[code].bcp47
    view["labels"] = {option["id"]: option["label"] for option in view["options"]}
    return view


def value_label(question: Question) -> str:
    if question.kind == "month":
        return _("Year and month")
    if question.unit == "yen":
        return _("Amount in yen")
    if question.unit == "hours":
        return _("Number of hours")
    return _("Number")
