"""The facts a trainee stated, as data for the hand-over summary: pure, no Flask, no words.

A labour inspector acts on facts, not on conclusions: where the trainee works, the pay and the
month it is for, overtime hours, who keeps which document since when, what is taken off the
pay, what happened after a report. Which answers are such facts is knowledge data (a question's
`fact_label`); this module only picks them out, in the order they were asked.
"""

import datetime as dt
from dataclasses import dataclass

from webapp.engine.walk import walk
from webapp.knowledge.model import STANDARD_OPTIONS, KnowledgeBase


@dataclass(frozen=True)
class StatedFact:
    question: str  # the question id
    label: str  # the question's `fact_label` (an English msgid)
    answer: object  # as answered: option id, tuple of option ids, number or YYYY-MM


def stated_facts(kb: KnowledgeBase, answers: dict, on: dt.date) -> tuple[StatedFact, ...]:
    """Every answer to a question marked as a fact, in the order the interview asks them (any
    answer off that path after it, in the knowledge's order), leaving out "I'm not sure" and
    "I'd rather not say"."""
    asked = walk(kb, answers, on).asked
    order = list(asked) + [qid for qid in kb.questions if qid in answers and qid not in asked]
    facts = []
    for qid in order:
        question, answer = kb.questions[qid], answers[qid]
        if question.fact is None or _no_fact(answer):
            continue
        facts.append(StatedFact(qid, question.fact, answer))
    return tuple(facts)


def _no_fact(answer) -> bool:
    if isinstance(answer, (list, tuple)):
        return not answer
    return answer is None or answer in STANDARD_OPTIONS
