"""`when:` conditions: parsed from YAML data into small objects, never evaluated as code.

Grammar (one key per mapping):
  {all: [c, ...]}  {any: [c, ...]}  {not: c}
  {question-id: [option, ...]}            the answer is one of these options (a multi
                                          answer: one of its chosen options is)
  {question-id: {lt|lte|gt|gte: number}}  a number answer compares so
  {answered: question-id}                 the question has a real answer
  {on-or-after: YYYY-MM-DD}               the evaluation date
  {fact: name}                            a derived fact (see engine.facts)
  {indicators: {gte: n}}                  count of ILO forced-labour indicators
"""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass

from webapp.knowledge.model import STANDARD_OPTIONS, Condition
from webapp.knowledge.schema import ID_PATTERN, Problems
from webapp.knowledge.strict_yaml import Node, Seq

COMPARATORS = {"lt": operator.lt, "lte": operator.le, "gt": operator.gt, "gte": operator.ge}
WAGE_FACTS = ("below-minimum-wage", "below-current-minimum-wage", "minimum-wage-table-outdated")
FACTS = WAGE_FACTS + ("regime-esd", "regime-titp", "regime-other", "regime-unknown")


@dataclass(frozen=True)
class Context:
    answers: dict  # question id -> option id (str), number (float) or month (str)
    on: dt.date
    facts: frozenset = frozenset()
    indicators: int = 0


@dataclass(frozen=True)
class Reference:
    """A question a condition looks at, for cross-file validation."""

    question: str
    options: tuple[str, ...] | None  # None when compared as a number or only 'answered'
    numeric: bool
    line: int


@dataclass(frozen=True)
class All:
    parts: tuple

    def holds(self, ctx: Context) -> bool:
        for part in self.parts:  # a plain loop: faster than all() over a generator
            if not part.holds(ctx):
                return False
        return True


@dataclass(frozen=True)
class Any:
    parts: tuple

    def holds(self, ctx: Context) -> bool:
        for part in self.parts:
            if part.holds(ctx):
                return True
        return False


@dataclass(frozen=True)
class Not:
    part: Condition

    def holds(self, ctx: Context) -> bool:
        return not self.part.holds(ctx)


@dataclass(frozen=True)
class AnswerIn:
    question: str
    options: frozenset
    line: int

    def holds(self, ctx: Context) -> bool:
        answer = ctx.answers.get(self.question)
        if answer.__class__ is str or answer is None:  # the common case, checked first
            return answer in self.options
        if isinstance(answer, (list, tuple)):  # a multi answer: any chosen option counts
            return not self.options.isdisjoint(answer)
        return answer in self.options


@dataclass(frozen=True)
class Compare:
    question: str
    op: str
    value: float
    line: int

    def holds(self, ctx: Context) -> bool:
        answer = ctx.answers.get(self.question)
        return isinstance(answer, (int, float)) and COMPARATORS[self.op](answer, self.value)


@dataclass(frozen=True)
class Answered:
    question: str
    line: int

    def holds(self, ctx: Context) -> bool:
        answer = ctx.answers.get(self.question)
        if isinstance(answer, (list, tuple)):
            return bool(answer)
        return answer is not None and answer not in STANDARD_OPTIONS


@dataclass(frozen=True)
class OnOrAfter:
    day: dt.date

    def holds(self, ctx: Context) -> bool:
        return ctx.on >= self.day


@dataclass(frozen=True)
class Fact:
    name: str

    def holds(self, ctx: Context) -> bool:
        return self.name in ctx.facts


@dataclass(frozen=True)
class Indicators:
    op: str
    value: int

    def holds(self, ctx: Context) -> bool:
        return COMPARATORS[self.op](ctx.indicators, self.value)


def parse_condition(raw, problems: Problems, line: int):
    """Parse one condition; report problems and return None if it is malformed."""
    if not isinstance(raw, Node) or len(raw) != 1:
        problems.add(getattr(raw, "line", line), "a condition is a mapping with exactly one key")
        return None
    ((key, value),) = raw.items()
    line = raw.line_of(key)
    if key in ("all", "any"):
        if not isinstance(value, Seq) or not value:
            problems.add(line, f"'{key}' needs a non-empty list of conditions")
            return None
        parts = [parse_condition(v, problems, value.line_of(i)) for i, v in enumerate(value)]
        if None in parts:
            return None
        return (All if key == "all" else Any)(tuple(parts))
    if key == "not":
        part = parse_condition(value, problems, line)
        return Not(part) if part is not None else None
    if key == "answered":
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            problems.add(line, "'answered' takes a question id")
            return None
        return Answered(value, line)
    if key == "on-or-after":
        try:
            return OnOrAfter(dt.date.fromisoformat(value))
        except (TypeError, ValueError):
            problems.add(line, f"'on-or-after' takes a date YYYY-MM-DD, not '{value}'")
            return None
    if key == "fact":
        if value not in FACTS:
            problems.add(line, f"unknown fact '{value}' (known: {', '.join(FACTS)})")
            return None
        return Fact(value)
    if key == "indicators":
        comparison = _comparison(value, problems, line)
        return Indicators(comparison[0], int(comparison[1])) if comparison else None
    if not ID_PATTERN.match(key):
        problems.add(line, f"bad question id '{key}' in condition")
        return None
    if isinstance(value, Seq):
        if not value or not all(isinstance(v, str) for v in value):
            problems.add(line, f"'{key}' needs a non-empty list of option ids")
            return None
        return AnswerIn(key, frozenset(value), line)
    comparison = _comparison(value, problems, line)
    return Compare(key, comparison[0], comparison[1], line) if comparison else None


def _comparison(value, problems: Problems, line: int):
    if isinstance(value, Node) and len(value) == 1:
        ((op, number),) = value.items()
        if op in COMPARATORS:
            try:
                return op, float(number)
            except (TypeError, ValueError):
                pass
    problems.add(line, "a comparison is written {lt|lte|gt|gte: number}")
    return None


def references(condition) -> list[Reference]:
    """Every question a condition looks at (for validation and for the 'why' trace)."""
    found: list[Reference] = []

    def walk(c):
        if isinstance(c, (All, Any)):
            for part in c.parts:
                walk(part)
        elif isinstance(c, Not):
            walk(c.part)
        elif isinstance(c, AnswerIn):
            found.append(Reference(c.question, tuple(sorted(c.options)), False, c.line))
        elif isinstance(c, Compare):
            found.append(Reference(c.question, None, True, c.line))
        elif isinstance(c, Answered):
            found.append(Reference(c.question, None, False, c.line))

    if condition is not None:
        walk(condition)
    return found


def contains(condition, test) -> bool:
    """Whether any part of the condition passes `test` (e.g. is an Indicators condition)."""
    if condition is None:
        return False
    if test(condition):
        return True
    if isinstance(condition, (All, Any)):
        return any(contains(p, test) for p in condition.parts)
    if isinstance(condition, Not):
        return contains(condition.part, test)
    return False


def uses_indicators(condition) -> bool:
    return contains(condition, lambda c: isinstance(c, Indicators))


def uses_fact(condition, *names: str) -> bool:
    return contains(condition, lambda c: isinstance(c, Fact) and c.name in names)


def questions_of(condition) -> tuple[str, ...]:
    """The questions a condition looks at, each once, in order."""
    return tuple(dict.fromkeys(ref.question for ref in references(condition)))
