"""Answer sets as the phone form posts them: (page number, question, form fields)."""

import datetime as dt

from testkit.answer_sets import asked_in_order, shipped_knowledge


def form_steps(answers: dict, on: dt.date | None = None) -> list[tuple[int, str, dict]]:
    """Each question the interview asks, numbered as its page (/q/<n>), with the fields the
    form posts: `value` for a typed number or month, `answer` for a chosen option."""
    kb = shipped_knowledge()
    steps = []
    for number, (question, value) in enumerate(asked_in_order(answers, on), 1):
        kind = kb.questions[question].kind
        typed = isinstance(value, (int, float)) or (kind == "month" and value[:1].isdigit())
        field = "value" if typed else "answer"
        steps.append(
            (
                number,
                question,
                {
                    "question": question,
                    field: f"{value:g}" if isinstance(value, (int, float)) else value,
                },
            )
        )
    return steps
