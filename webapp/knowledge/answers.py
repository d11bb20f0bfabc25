"""Checking and normalising answers against the questions (before anything is stored)."""

import re
from collections.abc import Mapping

from webapp.knowledge.model import STANDARD_OPTIONS, KnowledgeBase, Question

MONTH = re.compile(r"^(19|20)\d\d-(0[1-9]|1[0-2])$")


class AnswerError(ValueError):
    """An answer that does not fit its question. `allowed` lists valid option ids, if any."""

    def __init__(self, question: str, message: str, allowed: tuple[str, ...] = ()):
        super().__init__(message)
        self.question = question
        self.message = message
        self.allowed = allowed


class UnknownQuestion(AnswerError):
    pass


class UnknownOption(AnswerError):
    pass


class InvalidAnswer(AnswerError):
    pass


def normalise_answer(question: Question, value):
    """Return the answer as stored: an option id (str), a number (float), 'YYYY-MM', or for a
    multi question a tuple of option ids in the question's order."""
    allowed = question.option_ids()
    if question.kind == "multi":
        return _multi_answer(question, value)
    if isinstance(value, str) and value in allowed:
        return value
    if question.kind == "number":
        number = _as_number(value)
        if number is None:
            raise InvalidAnswer(
                question.id, f"'{question.id}' takes a number or one of the listed options", allowed
            )
        low, high = question.minimum or 0.0, question.maximum or 0.0  # set for numbers
        if not low <= number <= high:
            raise InvalidAnswer(
                question.id,
                f"'{question.id}' must be between {question.minimum:g} and {question.maximum:g}",
                allowed,
            )
        return number
    if question.kind == "month":
        if isinstance(value, str) and MONTH.match(value):
            return value
        raise InvalidAnswer(
            question.id,
            f"'{question.id}' takes a month written YYYY-MM or one of the listed options",
            allowed,
        )
    raise UnknownOption(question.id, f"'{value}' is not an option of '{question.id}'", allowed)


def _multi_answer(question: Question, value):
    """One or more of the question's own options (a list; a single id is taken as a list of
    one), or one of the standard options alone."""
    allowed = question.option_ids()
    chosen = [value] if isinstance(value, str) else value
    if not isinstance(chosen, (list, tuple)) or not chosen:
        raise InvalidAnswer(
            question.id, f"'{question.id}' takes a list of one or more option ids", allowed
        )
    for item in chosen:
        if not isinstance(item, str) or item not in allowed:
            raise UnknownOption(
                question.id, f"'{item}' is not an option of '{question.id}'", allowed
            )
    standard = [item for item in chosen if item in STANDARD_OPTIONS]
    if standard:
        if len(chosen) > 1:
            raise InvalidAnswer(
                question.id,
                f"'{standard[0]}' cannot be chosen together with other options",
                allowed,
            )
        return standard[0]
    order = {o.id: index for index, o in enumerate(question.options)}
    return tuple(sorted(set(chosen), key=order.__getitem__))


def normalise_answers(kb: KnowledgeBase, answers: Mapping) -> dict:
    """Check every answer; raise the first AnswerError found, in question order."""
    result = {}
    for qid, value in answers.items():
        question = kb.questions.get(qid) if isinstance(qid, str) else None
        if question is None:
            raise UnknownQuestion(str(qid), f"unknown question '{qid}'", tuple(kb.questions))
        result[qid] = normalise_answer(question, value)
    return result


def _as_number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:  # an integer too large for a float
            return None
    elif isinstance(value, str):
        try:
            number = float(value.replace(",", "").strip())
        except ValueError:
            return None
    else:
        return None
    return number if number == number and abs(number) != float("inf") else None
