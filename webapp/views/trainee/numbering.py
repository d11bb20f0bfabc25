"""Question pages by number on the trainee's own path: /q/1, /q/2, ... (never by topic)."""

from flask import url_for

from webapp.interview import Interview


def question_at(interview: Interview, number: int) -> str | None:
    """The question shown as number `number` on this trainee's path (None past the end)."""
    state = interview.progress
    if 1 <= number <= len(state.asked):
        return state.asked[number - 1]
    if number == state.number and state.next:
        return state.next
    return None


def number_of(interview: Interview, question_id: str) -> int:
    state = interview.progress
    return state.asked.index(question_id) + 1 if question_id in state.asked else state.number


def where_next(interview: Interview) -> str:
    """The next question's page, or check-your-answers when every question is answered."""
    if interview.complete:
        return url_for(".check")
    return url_for(".question", number=interview.progress.number)
