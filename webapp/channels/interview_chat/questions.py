"""A question as chat messages: its text (and hint where short), and buttons that fit.

Buttons are quick replies of at most 13: the options, "I'm not sure" and "I'd rather not say",
then Back and Menu while there is room. When a label had to be shortened for its button, the
message lists every option in full, numbered, and the buttons carry the numbers too (typing
the number works as well). Number and month questions are answered by typing; their options
(e.g. "I am paid by the month") are buttons. A prefecture question asks for the region first.
Call these inside the chat's locale (flask_babel.force_locale).
"""

from dataclasses import dataclass

from flask_babel import get_locale, gettext

from webapp.channels.events import MAX_QUICK_REPLIES, ChatReply, Choice
from webapp.channels.interview_chat import postbacks
from webapp.channels.interview_chat.commands import command_choice
from webapp.channels.interview_chat.labels import chat_label, option_labels, shorten
from webapp.channels.interview_chat.prefectures import Region, region, regions
from webapp.channels.text_limits import utf16_length
from webapp.knowledge.model import STANDARD_OPTIONS, Option, Question
from webapp.views.translated import answer_label

SHORT_HELP = 200  # UTF-16 units: a longer web hint is left out of the chat
TYPED_KINDS = ("number", "month")  # answered by typing; their options are buttons too


@dataclass(frozen=True)
class Asked:
    """One question as the chat asks it now."""

    question: Question
    guard: str  # see postbacks.guard
    number: int  # its number on the trainee's path
    total: int  # about how many questions in all
    answer: object = None  # the current answer, when an answered question is asked again
    can_go_back: bool = False


def choices_of(question: Question) -> list[Option | str]:
    """Everything a trainee may answer with a button, in order (standard options last)."""
    return [*question.options, *STANDARD_OPTIONS]


def question_reply(asked: Asked, note: str | None = None) -> ChatReply:
    question = asked.question
    if question.kind == "prefecture":
        return _regions_reply(asked, note)
    labels = option_labels(question, str(get_locale()))
    lines = _heading(asked, note)
    typed_hint = _typing_hint(question)
    if typed_hint:
        lines.append(typed_hint)
    numbered = False
    if len(labels) > MAX_QUICK_REPLIES or any(label.cut for label in labels):
        # The full labels above the buttons. Typed numbers answer a number question, so its
        # options are bulleted rather than numbered: "1" must never be taken for option 1.
        numbered = question.kind not in TYPED_KINDS
        marks = [f"{n}." if numbered else "•" for n in range(1, len(labels) + 1)]
        lines.append("\n".join(f"{m} {label.full}" for m, label in zip(marks, labels, strict=True)))
    buttons = [
        Choice(
            shorten(f"{n}. {label.full}") if numbered else label.short,
            postbacks.encode("a", asked.guard, question.id, label.option),
        )
        for n, label in enumerate(labels, 1)
    ]
    return ChatReply("\n\n".join(lines), quick_replies=_with_commands(buttons, asked))


def region_reply(asked: Asked, region_id: str, note: str | None = None) -> ChatReply | None:
    """The second step of a prefecture question: the prefectures of one region."""
    chosen = region(asked.question, region_id)
    if chosen is None:
        return None
    lines = _heading(asked, note)
    lines.append(gettext("Which prefecture in %(region)s?", region=gettext(chosen.label)))
    buttons = [
        Choice(chat_label(asked.question, option, str(get_locale())), _answer_data(asked, option))
        for option in chosen.options
    ]
    back = Choice(
        shorten(gettext("Other regions")),
        postbacks.encode("q", asked.guard, asked.question.id),
    )
    return ChatReply("\n\n".join(lines), quick_replies=_with_commands([*buttons, back], asked))


def number_readings_reply(asked: Asked, readings: tuple[float, ...]) -> ChatReply:
    """ "1.200": one thousand two hundred, or one point two? Ask rather than guess."""
    question = asked.question
    buttons = [
        Choice(
            shorten(answer_label(question, reading)),
            postbacks.encode("a", asked.guard, question.id, repr(reading)),
        )
        for reading in readings
    ]
    text = gettext("Which number did you mean?") + "\n" + gettext("Or type it again.")
    return ChatReply(text, quick_replies=_with_commands(buttons, asked))


# -- parts ---------------------------------------------------------------------------------


def _heading(asked: Asked, note: str | None) -> list[str]:
    question = asked.question
    lines = [note] if note else []
    progress = gettext(
        "Question %(number)s of about %(total)s", number=asked.number, total=asked.total
    )
    lines.append(f"{progress}\n{gettext(question.text)}")
    help_text = getattr(question, "chat_help", None) or question.help
    if help_text and utf16_length(gettext(help_text)) <= SHORT_HELP:
        lines.append(gettext(help_text))
    if asked.answer is not None:
        lines.append(
            gettext("Your answer now: %(answer)s", answer=answer_label(question, asked.answer))
        )
    return lines


def _typing_hint(question: Question) -> str | None:
    if question.kind == "month":
        return gettext("Type the year and month, for example 2025-10.")
    if question.kind != "number":
        return None
    if question.unit == "yen":
        return gettext("Type the amount in yen.")
    if question.unit == "hours":
        return gettext("Type the number of hours.")
    return gettext("Type a number.")


def _answer_data(asked: Asked, option) -> str:
    option_id = option.id if isinstance(option, Option) else option
    return postbacks.encode("a", asked.guard, asked.question.id, option_id)


def _regions_reply(asked: Asked, note: str | None) -> ChatReply:
    question = asked.question
    lines = _heading(asked, note)
    groups = regions(question)
    lines.append("\n".join(_region_line(group) for group in groups))
    lines.append(gettext("Choose your region, or type the name of your prefecture."))
    buttons = [
        Choice(shorten(gettext(group.label)), _region_data(asked, group)) for group in groups
    ]
    buttons += [
        Choice(chat_label(question, option, str(get_locale())), _answer_data(asked, option))
        for option in STANDARD_OPTIONS
    ]
    return ChatReply("\n\n".join(lines), quick_replies=_with_commands(buttons, asked))


def _region_line(group: Region) -> str:
    names = ", ".join(gettext(option.label) for option in group.options)
    return f"{gettext(group.label)}: {names}"


def _region_data(asked: Asked, group: Region) -> str:
    if len(group.options) == 1:  # Hokkaido is one prefecture: no second step
        return _answer_data(asked, group.options[0])
    return postbacks.encode("r", asked.guard, asked.question.id, group.id)


def _with_commands(buttons: list[Choice], asked: Asked) -> tuple[Choice, ...]:
    """The answer buttons, then Back and Menu while they fit in 13."""
    buttons = buttons[:MAX_QUICK_REPLIES]
    extra = ([command_choice("back")] if asked.can_go_back else []) + [command_choice("menu")]
    room = MAX_QUICK_REPLIES - len(buttons)
    return tuple(buttons + (extra[-room:] if room else []))  # Menu before Back: it holds Back
