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
    referrals: tuple[str, ...] = ()  # referral ids for the worker's regime
    # False when no cited penal article is known for sure (ESD workers until the amended
    # Act's articles are confirmed): "may also be a crime; the article is not yet confirmed".
    crime_article_known: bool = True

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
    ctx, wage = derived.context_and_wage(kb, answers, on)
    used, path = relevant_answers(kb, answers, on, ctx)
    if len(used) != len(answers):  # answers off the path were dropped: judge what is left
        ctx, wage = derived.context_and_wage(kb, used, on)
    else:
        ctx = Context(used, on, ctx.facts)
    regime = derived.regime(kb, used, on)
    first = [r for r in kb.rules if not r.uses_indicators and r.when.holds(ctx)]
    indicators = tuple(sorted({i for r in first for i in r.indicators}))
    ctx = Context(used, on, ctx.facts, len(indicators))
    second = [r for r in kb.rules if r.uses_indicators and r.when.holds(ctx)]
    raise_to_urgent = len(indicators) >= URGENT_INDICATOR_COUNT
    findings = [_finding(kb, rule, ctx, regime, raise_to_urgent) for rule in first + second]
    findings.sort(key=lambda f: (SEVERITY_RANK[f.severity], not f.rule.lead))
    return Evaluation(on, regime, tuple(findings), indicators, wage, used, path.next)


def _memo(kb: KnowledgeBase, key: tuple, compute):
    """What depends only on the knowledge, the day and the regime, computed once per day."""
    found = kb.memo.get(key)
    if found is None:
        if len(kb.memo) > 20_000:  # bounded: a long-running server sees new days
            kb.memo.clear()
        found = kb.memo[key] = compute()
    return found


def provisions_in_force(kb: KnowledgeBase, ids, on: dt.date, regime: str) -> tuple[Provision, ...]:
    """Cited provisions in force on the date and for the worker's regime, binding law first."""
    ids = tuple(ids)
    return _memo(kb, ("in-force", ids, on, regime), lambda: _select_in_force(kb, ids, on, regime))


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
    provisions, referrals, penal, crime_article_known = _memo(
        kb, ("cited", rule.id, ctx.on, regime), lambda: _cited(kb, rule, ctx.on, regime)
    )
    # "May also be a crime" only where a cited provision in force carries a penalty. Where every
    # such penalty is unconfirmed (an ESD worker's penal articles), the finding still says it
    # may be a crime, but that the article is not yet confirmed.
    crime_holds = rule.crime_when is not None and rule.crime_when.holds(ctx)
    may_be_crime = penal and crime_holds
    return Finding(
        rule=rule,
        severity="urgent" if raised else rule.severity,
        raised_by_indicators=raised,
        may_be_crime=may_be_crime,
        provisions=provisions,
        trace=_trace(kb, rule, ctx.answers, crime_holds),
        referrals=referrals,
        crime_article_known=crime_article_known,
    )


def _cited(kb, rule: Rule, on: dt.date, regime: str) -> tuple:
    """What a finding of this rule cites and names on this day for this regime: the same for
    every trainee, so worked out once a day (the interview's hot path)."""
    provisions = provisions_in_force(kb, rule.cites, on, regime)
    penalties = [p for p in provisions if p.penalty]
    known = any(p.verification != "unconfirmed" for p in penalties)
    return provisions, referrals_for(kb, rule.referrals, regime), bool(penalties), known


def referrals_for(kb: KnowledgeBase, ids, regime: str) -> tuple[str, ...]:
    """The referrals for the worker's regime: a TITP body gives way to its ESD successor for an
    ESD worker, an ESD body is not named to a TITP trainee, and when the regime is unknown both
    are named. Each referral once, in the rule's order."""
    ids = tuple(ids)
    return _memo(kb, ("referrals", ids, regime), lambda: _select_referrals(kb, ids, regime))


def _select_referrals(kb: KnowledgeBase, ids, regime: str) -> tuple[str, ...]:
    chosen: list[str] = []
    for rid in ids:
        referral = kb.referrals[rid]
        successor = referral.successor
        if referral.regime == derived.TITP and regime == derived.ESD:
            rid = successor
        elif referral.regime == derived.ESD and regime == derived.TITP:
            rid = None
        if rid:
            chosen.append(rid)
        if successor and regime == derived.UNKNOWN:
            chosen.append(successor)
    return tuple(dict.fromkeys(chosen))


def _trace(kb, rule: Rule, answers: dict, crime: bool) -> tuple[tuple[str, object], ...]:
    """The (question, answer) pairs behind a finding; `crime`: its crime_when holds."""
    qids = _memo(kb, ("trace", rule.id, crime), lambda: _trace_questions(kb, rule, crime))
    return tuple((qid, answers[qid]) for qid in qids if qid in answers)


def _trace_questions(kb, rule: Rule, crime: bool) -> tuple[str, ...]:
    """The questions whose answers explain a finding of this rule, each once."""
    qids = rule.when_questions + (rule.crime_questions if crime else ())
    if rule.uses_wage_fact:
        qids += derived.wage_questions(kb)
    return tuple(dict.fromkeys(qids))
