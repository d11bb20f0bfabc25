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
from webapp.knowledge.wage_table import Source


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


# Translators: not a sentence but a switch. Write "legal-item-numbers:arabic" if officials
# in your language number the items of an article 1, 2, 9 (Japanese: 第9条第9号).
# Keep "legal-item-numbers:roman" for the English style (i), (ii), (ix).
ITEM_NUMBER_STYLE = N_("legal-item-numbers:roman")
ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def item_number(item: str) -> str:
    """An article's item as the catalogue's language writes it: 'ix' or '9'."""
    if gettext(ITEM_NUMBER_STYLE) != "legal-item-numbers:arabic" or item.isdigit():
        return item
    values = [ROMAN.get(c, 0) for c in item.lower()]
    if not values or 0 in values:
        return item
    pairs = zip(values, [*values[1:], 0], strict=True)
    return str(sum(-v if v < nxt else v for v, nxt in pairs))


def citation(provision: Provision) -> str:
    """'TITP Act Art. 48(1)'; each part is a placeholder so that a language can write its own
    form (Japanese: 技能実習法第48条第1項). Without a known article number, says so."""
    act = gettext(provision.instrument.short_name)
    if provision.article is None:
        if provision.articles:
            return gettext(
                "%(act)s Arts. %(first)s–%(last)s (exact article not yet confirmed)",
                act=act,
                first=provision.articles[0],
                last=provision.articles[1],
            )
        return gettext("%(act)s (article number to be confirmed)", act=act)
    if provision.instrument.id == "ilo":
        return gettext(
            "%(act)s Convention No. %(number)s", act=act, number=provision.article.lstrip("Cc")
        )
    parts = {
        "act": act,
        "article": provision.article,
        "paragraph": provision.paragraph,
        "item": item_number(provision.item) if provision.item else None,
    }
    if provision.paragraph and provision.item:
        return gettext("%(act)s Art. %(article)s(%(paragraph)s)(%(item)s)", **parts)
    if provision.paragraph:
        return gettext("%(act)s Art. %(article)s(%(paragraph)s)", **parts)
    if provision.item:
        return gettext("%(act)s Art. %(article)s(%(item)s)", **parts)
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


def source_json(source: Source) -> dict:
    return {
        "url": source.url,
        "read_on": source.read_on.isoformat(),
        "verification": source.verification,
        "about": source.about,
    }


def provision_with_sources_json(provision: Provision) -> dict:
    """A provision with every source its facts were read from (the /provisions list)."""
    data = provision_json(provision)
    data["sources"] = [source_json(s) for s in provision.sources]
    data["instrument_sources"] = [source_json(s) for s in provision.instrument.sources]
    return data


def provision_json(provision: Provision) -> dict:
    penalty = provision.penalty
    return {
        "id": provision.id,
        "instrument": provision.instrument.id,
        "instrument_name": gettext(provision.instrument.name),
        "article": provision.article,
        "articles": list(provision.articles) if provision.articles else None,
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
        "phone_languages": list(phone.languages) if show_phone else [],
        "website": referral.website,
        "source_url": referral.source_url,
        "checked_on": referral.checked_on.isoformat(),
    }


def format_number(value: float) -> str:
    """A number as the current locale writes it (1,200 in English, 1.200 in Vietnamese)."""
    return format_decimal(value, format="#,##0.##", locale=get_locale())


def answer_label(question: Question, answer) -> str:
    if isinstance(answer, (list, tuple)):  # a multi answer
        return ", ".join(answer_label(question, item) for item in answer)
    if isinstance(answer, float):
        shown = format_number(answer)
        return f"{shown} {gettext(question.unit)}" if question.unit else shown
    for option in question.options:
        if option.id == answer:
            return gettext(option.label)
    return standard_option_labels().get(answer, str(answer))


def fill_placeholders(text: str, values: dict) -> str:
    """Put the values (already in the reader's language) into a rule text's %(name)s slots."""
    for name, value in values.items():
        text = text.replace(f"%({name})s", value)
    return text


def crime_note(finding: Finding) -> str | None:
    if not finding.may_be_crime:
        return None
    if not finding.crime_article_known:
        return gettext("This may also be a crime; the article is not yet confirmed.")
    return gettext(finding.rule.crime_note)


def finding_json(kb: KnowledgeBase, finding: Finding, values: dict | None = None) -> dict:
    rule = finding.rule
    values = values or {}

    def words(text: str) -> str:
        return fill_placeholders(gettext(text), values)

    note = crime_note(finding)
    return {
        "id": rule.id,
        "severity": finding.severity,
        "title": words(rule.title),
        "summary_title": words(rule.summary_title or rule.title),
        "explanation": words(rule.explanation),
        "japanese_law_applies": finding.japanese_law_applies,
        # A finding about immediate needs cites no law at all: it needs no such note.
        "no_japanese_law_note": None
        if finding.japanese_law_applies or not finding.provisions
        else gettext(
            "Japanese law does not clearly forbid this in your situation, but it falls "
            "short of the international standards below."
        ),
        "may_be_crime": finding.may_be_crime,
        "crime_note": fill_placeholders(note, values) if note else None,
        "crime_article_confirmed": finding.crime_article_known if finding.may_be_crime else None,
        "provisions": [provision_json(p) for p in finding.provisions],
        "actions": [words(a) for a in rule.actions],
        "evidence": [words(e) for e in rule.evidence],
        "referrals": [referral_json(kb.referrals[r]) for r in finding.referrals],
        "indicators": list(rule.indicators),
        "raised_by_indicators": finding.raised_by_indicators,
        "why": [
            {
                "question": qid,
                "question_text": gettext(kb.questions[qid].text),
                "answer": list(answer) if isinstance(answer, tuple) else answer,
                "answer_text": answer_label(kb.questions[qid], answer),
            }
            for qid, answer in finding.trace
        ],
    }


def evaluation_json(kb: KnowledgeBase, evaluation: Evaluation, locale: str) -> dict:
    from webapp.wage_words import minimum_wage_json, wage_values, wage_warnings

    values = dict(body_values(evaluation.regime), **wage_values(kb, evaluation.wage_check))
    return {
        "findings": [finding_json(kb, f, values) for f in evaluation.findings],
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
        "facts": stated_facts_json(kb, evaluation),
        "minimum_wage": minimum_wage_json(kb, evaluation.wage_check),
        "warnings": wage_warnings(kb, evaluation.wage_check),
        "disclaimer": gettext("This is information, not legal advice."),
    }


def stated_facts_json(kb: KnowledgeBase, evaluation: Evaluation) -> list[dict]:
    """The facts the trainee gave (not Kenri's conclusions), labelled in the locale."""
    from webapp.engine.stated_facts import stated_facts

    return [
        {
            "question": fact.question,
            "label": gettext(fact.label),
            "answer": list(fact.answer) if isinstance(fact.answer, tuple) else fact.answer,
            "answer_text": answer_label(kb.questions[fact.question], fact.answer),
        }
        for fact in stated_facts(kb, evaluation.answers, evaluation.on)
    ]


def body_values(regime: str) -> dict:
    """%(otit)s in rule texts: OTIT, or its successor for a worker under the ESD regime."""
    if regime == "esd":
        return {"otit": gettext("the Employment-for-Skill-Development Organization")}
    if regime == "unknown":
        return {
            "otit": gettext(
                "OTIT (for Employment for Skill Development workers: the "
                "Employment-for-Skill-Development Organization)"
            )
        }
    return {"otit": gettext("OTIT")}
