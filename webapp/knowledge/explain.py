"""A rule in plain English, for legal reviewers (`kenri explain RULE_ID`).

Reads the parsed conditions back as sentences, with the question and option texts, and lists
the provisions the rule cites with their tier and dates.
"""

from webapp.knowledge.conditions import (
    All,
    Answered,
    AnswerIn,
    Any,
    Compare,
    Fact,
    Indicators,
    Not,
    OnOrAfter,
)
from webapp.knowledge.model import NOT_SURE, RATHER_NOT_SAY, KnowledgeBase, Provision

STANDARD_LABELS = {NOT_SURE: "I'm not sure", RATHER_NOT_SAY: "I'd rather not say"}
COMPARISONS = {"lt": "less than", "lte": "at most", "gt": "more than", "gte": "at least"}
FACTS = {
    "below-minimum-wage": "the hourly pay for normal hours is below the prefecture's minimum "
    "wage on the date of the work",
    "below-current-minimum-wage": "the hourly pay for normal hours is below the prefecture's "
    "minimum wage on the date of the check",
    "regime-titp": "the trainee is under the Technical Intern Training system",
    "regime-esd": "the worker is under the Employment for Skill Development system",
    "regime-other": "the worker has another residence status",
    "regime-unknown": "the residence status is not known",
}
TIER_WORDS = {
    "japanese-law": "Japanese law",
    "ratified-treaty": "treaty Japan has ratified",
    "not-joined-standard": "international standard Japan has not joined",
}


def explain(kb: KnowledgeBase, rule_id: str) -> str:
    """The rule as plain text; KeyError if there is no such rule."""
    rule = next((r for r in kb.rules if r.id == rule_id), None)
    if rule is None:
        raise KeyError(rule_id)
    lines = [
        f"Rule {rule.id} ({rule.where.path}:{rule.where.line})",
        f"Title: {rule.title}",
        f"Severity: {rule.severity}",
        "",
        "The finding is raised when:",
    ]
    lines += _condition(kb, rule.when, 1)
    if rule.crime_when is not None:
        lines += ["", "It is said that this may also be a crime when:"]
        lines += _condition(kb, rule.crime_when, 1)
        lines.append(f"  (the trainee reads: {rule.crime_note})")
    if rule.indicators:
        lines += [
            "",
            "ILO forced-labour indicators it counts as: "
            + ", ".join(str(i) for i in rule.indicators),
        ]
    lines += ["", "It cites (shown in this order, binding Japanese law first):"]
    lines += [f"  - {_provision(kb.provisions[pid])}" for pid in rule.cites]
    lines += [
        "",
        "Who can help: "
        + (", ".join(f"{kb.referrals[r].name} ({r})" for r in rule.referrals) or "no one listed"),
    ]
    lines += ["", f"Explanation shown: {rule.explanation}"]
    lines += ["What to do, as shown:"] + [f"  - {action}" for action in rule.actions]
    return "\n".join(lines)


def rule_ids(kb: KnowledgeBase) -> list[str]:
    return [rule.id for rule in kb.rules]


def _condition(kb: KnowledgeBase, condition, depth: int) -> list[str]:
    pad = "  " * depth
    if isinstance(condition, (All, Any)):
        word = "ALL" if isinstance(condition, All) else "ANY"
        lines = [f"{pad}{word} of these hold:"]
        for part in condition.parts:
            lines += _condition(kb, part, depth + 1)
        return lines
    if isinstance(condition, Not):
        return [f"{pad}NOT this:"] + _condition(kb, condition.part, depth + 1)
    return [f"{pad}- {_sentence(kb, condition)}"]


def _sentence(kb: KnowledgeBase, condition) -> str:
    if isinstance(condition, AnswerIn):
        question = kb.questions[condition.question]
        labels = {o.id: o.label for o in question.options} | STANDARD_LABELS
        chosen = " or ".join(f'"{labels.get(o, o)}"' for o in sorted(condition.options))
        return f'the answer to "{question.text}" ({question.id}) is {chosen}'
    if isinstance(condition, Compare):
        question = kb.questions[condition.question]
        unit = f" {question.unit}" if question.unit else ""
        return (
            f'the answer to "{question.text}" ({question.id}) is '
            f"{COMPARISONS[condition.op]} {condition.value:g}{unit}"
        )
    if isinstance(condition, Answered):
        question = kb.questions[condition.question]
        return (
            f'"{question.text}" ({question.id}) has a real answer (not "I\'m not sure" '
            f'or "I\'d rather not say")'
        )
    if isinstance(condition, OnOrAfter):
        return f"the date of the check is on or after {condition.day.isoformat()}"
    if isinstance(condition, Fact):
        return FACTS.get(condition.name, condition.name)
    if isinstance(condition, Indicators):
        return (
            f"the other findings show {COMPARISONS[condition.op]} {condition.value} "
            "distinct ILO forced-labour indicators"
        )
    return repr(condition)


def _provision(provision: Provision) -> str:
    citation = provision.instrument.short_name
    if provision.article:
        citation += f" Art. {provision.article}"
        if provision.paragraph:
            citation += f"({provision.paragraph})"
        if provision.item:
            citation += f"({provision.item})"
    until = f" until {provision.in_force_until.isoformat()}" if provision.in_force_until else ""
    return (
        f"{provision.id}: {citation} [{TIER_WORDS[provision.tier]}], in force from "
        f"{provision.in_force_from.isoformat()}{until}: {provision.title}"
    )
