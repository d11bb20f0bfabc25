"""Where a trainee is in the interview, and checking one answer in context (pure)."""

import datetime as dt
from dataclasses import dataclass, field

from webapp.engine import walk
from webapp.engine.facts import context, wage_questions
from webapp.knowledge.answers import UnknownQuestion, normalise_answer
from webapp.knowledge.model import END, KnowledgeBase, Question


class QuestionOutOfOrder(Exception):
    """An answer to a question that is neither on the trainee's path nor the next one."""

    def __init__(self, question: str, expected: str | None):
        super().__init__(question)
        self.question = question
        self.expected = expected


@dataclass(frozen=True)
class Progress:
    asked: tuple[str, ...]  # answered questions on the current path, in order
    next: str | None  # None when the interview is complete
    about_total: int  # questions on the path if the rest were answered "no problem"
    parts: dict[str, int] = field(default_factory=dict)  # question id -> its part (1-based)
    part_count: int = 0

    @property
    def complete(self) -> bool:
        return self.next is None

    @property
    def number(self) -> int:
        """The 1-based number of the next question."""
        return len(self.asked) + 1

    def part_of(self, question: str) -> tuple[int, int]:
        """(n, of): the question belongs to part n of the interview. Parts are the runs of one
        topic in the order the flow meets them (danger first, then the passport, pay, ...).
        Stable while the trainee answers, unlike a question count: answers add questions
        inside a part, and a part that turns out not to apply is simply skipped."""
        return self.parts.get(question, self.part_count), self.part_count

    def previous(self, question: str | None) -> str | None:
        """The question before `question` on the path (before the next one if None)."""
        if question in self.asked:
            index = self.asked.index(question)
            return self.asked[index - 1] if index else None
        return self.asked[-1] if self.asked else None


def progress(kb: KnowledgeBase, answers: dict, on: dt.date) -> Progress:
    path = walk(kb, answers, on)
    rest = _default_path(kb, answers, on, path.next)
    first = path.asked[0] if path.asked else path.next
    skipped: frozenset[str] = frozenset()
    wiring = kb.meta.regime
    if wiring is not None and on < wiring.changes_on:
        # Before the reform no one is asked about their residence status: not a part yet.
        skipped = frozenset({kb.questions[wiring.question].topic})
    parts = flow_parts(kb, first, skipped) if first else {}
    count = max(parts.values(), default=0)
    return Progress(path.asked, path.next, len(path.asked) + len(rest), parts, count)


def flow_parts(kb: KnowledgeBase, first: str, skipped: frozenset[str]) -> dict[str, int]:
    """Each question reachable from the first one, numbered by its part: the runs of one topic
    in the order the flow meets them, every branch followed whatever the answers. The same for
    every trainee who starts there (memoised on the knowledge)."""
    key = ("flow-parts", first, skipped)
    found = kb.memo.get(key)
    if found is None:
        topic_of = {qid: question.topic for qid, question in kb.questions.items()}
        seen: set[str] = set()
        order: list[str] = []
        entries = [first]
        while entries:
            entry = entries.pop()
            if entry in seen:
                continue
            # A whole topic at once (its follow-ups too), then the topics it leads to.
            topic, inside, exits = topic_of[entry], [entry], []
            while inside:
                qid = inside.pop()
                if qid in seen:
                    continue
                seen.add(qid)
                order.append(qid)
                targets = [b.go for b in kb.questions[qid].next if b.go != END]
                exits += [t for t in targets if topic_of[t] != topic]
                inside.extend(reversed([t for t in targets if topic_of[t] == topic]))
            entries.extend(reversed(exits))
        found = {}
        part, current = 0, None
        for qid in order:
            if topic_of[qid] in skipped:
                continue
            if topic_of[qid] != current:
                part, current = part + 1, topic_of[qid]
            found[qid] = part
        kb.memo[key] = found
    return found


def check_answer(kb: KnowledgeBase, answers: dict, on: dt.date, question_id: object, raw):
    """Validate one answer in context; return (question, normalised value).

    Raises UnknownQuestion / UnknownOption / InvalidAnswer (knowledge.answers) or
    QuestionOutOfOrder; nothing is stored by this function.
    """
    question = kb.questions.get(question_id) if isinstance(question_id, str) else None
    if question is None:
        raise UnknownQuestion(
            str(question_id), f"unknown question '{question_id}'", tuple(kb.questions)
        )
    state = walk(kb, answers, on)
    if question.id not in state.asked and question.id != state.next:
        raise QuestionOutOfOrder(question.id, state.next)
    return question, normalise_answer(question, raw)


def _default_path(kb: KnowledgeBase, answers: dict, on: dt.date, start: str | None) -> list[str]:
    """The questions left if each remaining choice took its first option (by convention the
    'no problem' answer) and each number its default branch."""
    path: list[str] = []
    current, seen = start, set()
    supposed = dict(answers)
    ctx = context(kb, supposed, on)  # its answers are `supposed` itself, so it sees each guess
    fact_questions = _fact_questions(kb)
    while current and current != END and current not in seen:
        seen.add(current)
        path.append(current)
        question: Question = kb.questions[current]
        if current not in supposed and question.kind == "choice" and question.options:
            supposed[current] = question.options[0].id
            if current in fact_questions:  # the derived facts (regime, wage) may change
                ctx = context(kb, supposed, on)
        if current in supposed:
            current = next(
                (b.go for b in question.next if b.when is None or b.when.holds(ctx)), END
            )
        else:
            current = question.next[-1].go
    return path


def _fact_questions(kb: KnowledgeBase) -> frozenset[str]:
    """The questions the derived facts (engine.facts) are worked out from."""
    found = kb.memo.get("fact-questions")
    if found is None:
        regime = kb.meta.regime
        found = frozenset(wage_questions(kb)) | ({regime.question} if regime else frozenset())
        kb.memo["fact-questions"] = found
    return found
