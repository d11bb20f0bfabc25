"""The rights engine: pure Python, no Flask, no I/O.

next_question(kb, answers, on) -> the next Question, or None when the interview is done.
evaluate(kb, answers, on)      -> an Evaluation: findings with provisions in force that day,
                                  the answers that fired each rule, and the indicator count.
Answers must first pass engine.answers.normalise_answers.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from webapp.engine.evaluate import Evaluation, Finding, evaluate, provisions_in_force
from webapp.engine.walk import walk
from webapp.knowledge.answers import (
    AnswerError,
    InvalidAnswer,
    UnknownOption,
    UnknownQuestion,
    normalise_answers,
)
from webapp.knowledge.model import KnowledgeBase, Question

JAPAN = ZoneInfo("Asia/Tokyo")


def today_in_japan() -> dt.date:
    return dt.datetime.now(JAPAN).date()


def next_question(kb: KnowledgeBase, answers: dict, on: dt.date) -> Question | None:
    qid = walk(kb, answers, on).next
    return kb.questions[qid] if qid else None


__all__ = [
    "AnswerError",
    "Evaluation",
    "Finding",
    "InvalidAnswer",
    "UnknownOption",
    "UnknownQuestion",
    "evaluate",
    "next_question",
    "normalise_answers",
    "provisions_in_force",
    "today_in_japan",
    "walk",
]
