"""Following the interview graph through a set of answers."""

import datetime as dt
from dataclasses import dataclass

from webapp.knowledge.model import END, KnowledgeBase


@dataclass(frozen=True)
class Walk:
    asked: tuple[str, ...]  # answered questions on the path, in order
    next: str | None  # the next question to ask, or None when the interview is done


def walk(kb: KnowledgeBase, answers: dict, on: dt.date, ctx=None) -> Walk:
    """Follow the branches from the start, taking each answered question's answer. `ctx`:
    the condition context of these answers on that day, when the caller already has it."""
    if ctx is None:
        from webapp.engine.facts import context  # facts decide some branches (the wage month)

        ctx = context(kb, answers, on)
    asked: list[str] = []
    current = _choose(kb.meta.start, ctx)
    while current != END:
        if current not in answers:
            return Walk(tuple(asked), current)
        asked.append(current)
        current = _choose(kb.questions[current].next, ctx)
    return Walk(tuple(asked), None)


def _choose(branches, ctx) -> str:
    for branch in branches:
        if branch.when is None or branch.when.holds(ctx):
            return branch.go
    return END  # unreachable for validated knowledge: the last branch has no condition


def relevant_answers(kb: KnowledgeBase, answers: dict, on: dt.date, ctx=None) -> tuple[dict, Walk]:
    """The answers that count.

    When the walk reaches the end, answers off the path (left from a branch the trainee no
    longer takes) are dropped. When it stops at an unanswered question, nothing further can be
    decided, so the remaining answers (a partial answer set) are all kept.
    """
    path = walk(kb, answers, on, ctx)
    if path.next is None:
        return {qid: answers[qid] for qid in path.asked}, path
    return dict(answers), path
