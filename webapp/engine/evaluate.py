"""Turning an answer set on a date into findings with the provisions in force that day."""

import datetime as dt
from dataclasses import dataclass

from webapp.engine import facts as derived
from webapp.engine.walk import relevant_answers
from webapp.knowledge.conditions import Context
from webapp.knowledge.model import SEVERITIES, TIERS, KnowledgeBase, Provision, Rule

URGENT_INDICATOR_COUNT = 3  # ILO: several indicators together point to forced labour
TIER_RANK = {tier: rank for rank, tier in enumerate(TIERS)}
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Finding:
    rule: Rule
    severity: str
    raised_by_indicators: bool
    may_be_crime: bool
    provisions: tuple[Provision, ...]
    trace: tuple[tuple[str, object], ...]  # (question id, answer) pairs that fired the rule

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def japanese_law_applies(self) -> bool:
        """False when only treaties or standards remain (e.g. for a status outside TITP/ESD)."""
        return any(p.binding_in_japan for p in self.provisions)


@dataclass(frozen=True)
class Evaluation:
    on: dt.date
    regime: str
    findings: tuple[Finding, ...]
    indicators: tuple[int, ...]
    wage_check: derived.WageCheck | None
    answers: dict  # the answers that counted
    next_question: str | None  # None when the interview is complete


def evaluate(kb: KnowledgeBase, answers: dict, on: dt.date) -> Evaluation:
    """Evaluate normalised answers (see engine.answers) on a date."""
    used, path = relevant_answers(kb, answers, on)
    regime = derived.regime(kb, used, on)
    wage = derived.wage_check(kb, used, on)
    ctx = derived.context(kb, used, on)
    first = [r for r in kb.rules if not r.uses_indicators and r.when.holds(ctx)]
    indicators = tuple(sorted({i for r in first for i in r.indicators}))
    ctx = Context(used, on, ctx.facts, len(indicators))
    second = [r for r in kb.rules if r.uses_indicators and r.when.holds(ctx)]
    raise_to_urgent = len(indicators) >= URGENT_INDICATOR_COUNT
    findings = [_finding(kb, rule, ctx, regime, raise_to_urgent) for rule in first + second]
    findings.sort(key=lambda f: SEVERITY_RANK[f.severity])
    return Evaluation(on, regime, tuple(findings), indicators, wage, used, path.next)


def provisions_in_force(kb: KnowledgeBase, ids, on: dt.date, regime: str) -> tuple[Provision, ...]:
    """Cited provisions in force on the date and for the worker's regime, binding law first."""
    key = ("in-force", tuple(ids), on, regime)
    found = kb.memo.get(key)
    if found is None:
        if len(kb.memo) > 20_000:  # bounded: a long-running server sees new days
            kb.memo.clear()
        found = kb.memo[key] = _select_in_force(kb, ids, on, regime)
    return found


def _select_in_force(kb: KnowledgeBase, ids, on: dt.date, regime: str) -> tuple[Provision, ...]:
    chosen = []
    for pid in ids:
        provision = kb.provisions[pid]
        scope = provision.instrument.regime
        if not provision.in_force_on(on):
            continue
        if scope is not None and regime != derived.UNKNOWN and scope != regime:
            # an ESD worker is not cited the TITP Act, and neither Act applies to other statuses
            continue
        chosen.append(provision)
    chosen.sort(key=lambda p: TIER_RANK[p.tier])
    return tuple(chosen)


def _finding(kb, rule: Rule, ctx: Context, regime: str, raise_to_urgent: bool) -> Finding:
    raised = raise_to_urgent and bool(rule.indicators) and rule.severity != "urgent"
    provisions = provisions_in_force(kb, rule.cites, ctx.on, regime)
    # "May also be a crime" only where a cited provision in force carries a penalty: an ESD
    # worker's penal articles are not yet confirmed, so no crime is asserted for them.
    may_be_crime = (
        rule.crime_when is not None
        and any(p.penalty for p in provisions)
        and rule.crime_when.holds(ctx)
    )
    return Finding(
        rule=rule,
        severity="urgent" if raised else rule.severity,
        raised_by_indicators=raised,
        may_be_crime=may_be_crime,
        provisions=provisions,
        trace=_trace(kb, rule, ctx),
    )


def _trace(kb, rule: Rule, ctx: Context) -> tuple[tuple[str, object], ...]:
    qids = rule.when_questions
    if rule.crime_questions and rule.crime_when is not None and rule.crime_when.holds(ctx):
        qids += rule.crime_questions
    if rule.uses_wage_fact:
        qids += derived.wage_questions(kb)
    answers = ctx.answers
    return tuple((qid, answers[qid]) for qid in dict.fromkeys(qids) if qid in answers)
