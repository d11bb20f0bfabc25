"""Engine results and knowledge put into words in the request's locale (gettext).

Shared by the JSON API and the HTML views, so every front end says the same thing.
"""

from babel.numbers import format_decimal
from flask_babel import get_locale, gettext

from webapp.engine import Evaluation, Finding
from webapp.knowledge.model import (
    NOT_SURE,
    RATHER_NOT_SAY,
    KnowledgeBase,
    Provision,
    Question,
    Referral,
)


def N_(message: str) -> str:
    """Marks a string for extraction; it is translated where it is shown."""
    return message


TIER_LABELS = {
    "japanese-law": N_("Japanese law"),
    "ratified-treaty": N_("Treaty Japan has ratified"),
    "not-joined-standard": N_("International standard Japan has not joined"),
}


def standard_option_labels() -> dict[str, str]:
    return {NOT_SURE: gettext("I'm not sure"), RATHER_NOT_SAY: gettext("I'd rather not say")}


def citation(provision: Provision) -> str:
    """'TITP Act Art. 48(1)'; each part is a placeholder so that a language can write its own
    form (Japanese: 技能実習法第48条第1項). Without a known article number, says so."""
    act = gettext(provision.instrument.short_name)
    if provision.article is None:
        return gettext("%(act)s (article number to be confirmed)", act=act)
    if provision.instrument.id == "ilo":
        return gettext(
            "%(act)s Convention No. %(number)s", act=act, number=provision.article.lstrip("Cc")
        )
    parts = {
        "act": act,
        "article": provision.article,
        "paragraph": provision.paragraph,
        "item": provision.item,
    }
    if provision.paragraph and provision.item:
        return gettext("%(act)s Art. %(article)s(%(paragraph)s)(%(item)s)", **parts)
    if provision.paragraph:
        return gettext("%(act)s Art. %(article)s(%(paragraph)s)", **parts)
    if provision.item:
        return gettext("%(act)s Art. %(article)s, item %(item)s", **parts)
    return gettext("%(act)s Art. %(article)s", act=act, article=provision.article)


def question_json(question: Question) -> dict:
    labels = standard_option_labels()
    options = [{"id": o.id, "label": gettext(o.label)} for o in question.options]
    options += [{"id": oid, "label": label} for oid, label in labels.items()]
    data = {
        "id": question.id,
        "topic": question.topic,
        "kind": question.kind,
        "text": gettext(question.text),
        "help": gettext(question.help) if question.help else None,
        "options": options,
    }
    if question.kind == "number":
        data.update(unit=question.unit, min=question.minimum, max=question.maximum)
    return data


def provision_json(provision: Provision) -> dict:
    penalty = provision.penalty
    return {
        "id": provision.id,
        "instrument": provision.instrument.id,
        "instrument_name": gettext(provision.instrument.name),
        "article": provision.article,
        "paragraph": provision.paragraph,
        "item": provision.item,
        "citation": citation(provision),
        "tier": provision.tier,
        "tier_label": gettext(TIER_LABELS[provision.tier]),
        "binding_in_japan": provision.binding_in_japan,
        "regime": provision.instrument.regime,
        "title": gettext(provision.title),
        "summary": gettext(provision.summary),
        "binds": list(provision.binds),
        "penalty": {
            "article": penalty.article,
            "text": gettext(penalty.text),
            "verified": penalty.verification != "unconfirmed",
        }
        if penalty
        else None,
        "in_force_from": provision.in_force_from.isoformat(),
        "in_force_until": provision.in_force_until.isoformat()
        if provision.in_force_until
        else None,
        "verification": provision.verification,
        "source_url": provision.source_url,
        "checked_on": provision.checked_on.isoformat(),
    }


def referral_json(referral: Referral) -> dict:
    phone = referral.phone
    show_phone = phone is not None and phone.verification != "unconfirmed"
    return {
        "id": referral.id,
        "name": gettext(referral.name),
        "description": gettext(referral.description),
        "languages": list(referral.languages),
        "hours": gettext(referral.hours) if referral.hours else None,
        # An unconfirmed number is never shown; the website stands in for it.
        "phone": phone.number if show_phone else None,
        "phone_verification": phone.verification if show_phone else None,
        "website": referral.website,
        "source_url": referral.source_url,
        "checked_on": referral.checked_on.isoformat(),
    }


def format_number(value: float) -> str:
    """A number as the current locale writes it (1,200 in English, 1.200 in Vietnamese)."""
    return format_decimal(value, format="#,##0.##", locale=get_locale())


def answer_label(question: Question, answer) -> str:
    if isinstance(answer, float):
        shown = format_number(answer)
        return f"{shown} {gettext(question.unit)}" if question.unit else shown
    for option in question.options:
        if option.id == answer:
            return gettext(option.label)
    return standard_option_labels().get(answer, str(answer))


def finding_json(kb: KnowledgeBase, finding: Finding) -> dict:
    rule = finding.rule
    return {
        "id": rule.id,
        "severity": finding.severity,
        "title": gettext(rule.title),
        "explanation": gettext(rule.explanation),
        "japanese_law_applies": finding.japanese_law_applies,
        "no_japanese_law_note": None
        if finding.japanese_law_applies
        else gettext(
            "Japanese law does not clearly forbid this in your situation, but it falls short of "
            "the international standards below."
        ),
        "may_be_crime": finding.may_be_crime,
        "crime_note": gettext(rule.crime_note) if finding.may_be_crime else None,
        "provisions": [provision_json(p) for p in finding.provisions],
        "actions": [gettext(a) for a in rule.actions],
        "evidence": [gettext(e) for e in rule.evidence],
        "referrals": [referral_json(kb.referrals[r]) for r in rule.referrals],
        "indicators": list(rule.indicators),
        "raised_by_indicators": finding.raised_by_indicators,
        "why": [
            {
                "question": qid,
                "question_text": gettext(kb.questions[qid].text),
                "answer": answer,
                "answer_text": answer_label(kb.questions[qid], answer),
            }
            for qid, answer in finding.trace
        ],
    }


def evaluation_json(kb: KnowledgeBase, evaluation: Evaluation, locale: str) -> dict:
    wage = evaluation.wage_check
    return {
        "findings": [finding_json(kb, f) for f in evaluation.findings],
        "locale": locale,
        "evaluated_on": evaluation.on.isoformat(),
        "knowledge_version": kb.version,
        "complete": evaluation.next_question is None,
        "next_question": evaluation.next_question,
        "regime": evaluation.regime,
        "forced_labour_indicators": {
            "count": len(evaluation.indicators),
            "present": list(evaluation.indicators),
            "note": gettext("ILO forced-labour indicators are a diagnostic, not a legal finding."),
        },
        "minimum_wage": {
            "prefecture": wage.prefecture,
            "work_date": wage.work_date.isoformat(),
            "hourly_rate": round(wage.hourly_rate, 2),
            "minimum": wage.minimum,
            "minimum_in_force_from": wage.minimum_from.isoformat() if wage.minimum_from else None,
            "below_minimum": wage.below,
            "source_url": kb.wages.source_url,
        }
        if wage
        else None,
        "disclaimer": gettext("This is information, not legal advice."),
    }
