"""The result and the printable bilingual summary (the core evaluates and records once)."""

import datetime as dt

from babel import Locale
from flask import Blueprint, make_response, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from webapp.clock import utc_now
from webapp.engine.evaluate import referrals_for
from webapp.knowledge.model import STANDARD_OPTIONS
from webapp.loaded import loaded
from webapp.views.open_now import open_words
from webapp.views.trainee.mount import mount
from webapp.views.trainee.numbering import where_next
from webapp.views.trainee.visit import core, form_token, live_interview, require_csrf
from webapp.views.translated import evaluation_json, referral_json


def language_names(codes) -> str:
    shipped = loaded().locales
    return ", ".join(
        shipped[c].native_name if c in shipped else Locale.parse(c).display_name for c in codes
    )


def named(referral: dict) -> dict:
    """A presented referral with its languages written out in their own scripts."""
    referral["language_names"] = language_names(referral["languages"])
    referral["phone_language_names"] = language_names(referral["phone_languages"])
    referral["free"] = free_number(referral["phone"])
    return referral


def free_number(number: str | None) -> bool:
    """Calls to 110 and to 0120 / 0800 numbers (Japan's toll-free ranges) cost nothing."""
    return bool(number) and (number == "110" or number.startswith(("0120", "0800")))


def welcome_back(interview):
    """After the trainee has been away, the result needs a fresh tap (a form post with the
    session's token): whoever picks up a phone left on the result page sees only this."""
    if request.method == "POST":
        require_csrf(interview)
        return None
    limit = loaded().settings.result_idle_minutes
    if not limit or interview.away <= dt.timedelta(minutes=limit):
        return None
    body = render_template(
        mount().template("welcome_back.html"), csrf=form_token(interview), action=request.path
    )
    return make_response(body)


def result():
    interview = live_interview()
    if not interview.complete:
        return redirect(where_next(interview), code=303)
    held = welcome_back(interview)
    if held is not None:
        return held
    kb, code = loaded().kb, interview.locale
    outcome = core().result(interview)
    data = evaluation_json(kb, outcome.evaluation, code)
    page = result_page(
        kb,
        interview.answers,
        interview.progress.asked,
        interview.locale,
        data,
        outcome.evaluation.regime,
        utc_now(),
    )
    return render_template(
        mount().template("result.html"), result=data, csrf=form_token(interview), **page
    )


def result_page(
    kb, answers: dict, asked, locale: str, data: dict, regime: str, moment: dt.datetime
) -> dict:
    """What the result page shows besides the findings: the next step, what could not be
    checked, each helper once (tagged with what it helps with, and whether it is open at
    `moment`), and whether to lead with 110. Shared by the interview's result and the result a
    kiosk visitor took home."""
    unchecked = not_checked(kb, answers, asked)
    helpers: dict[str, dict] = {}

    language = locale.split("_")[0]

    def helper(referral: dict, helps_with: dict) -> None:
        entry = helpers.get(referral["id"])
        if entry is None:
            entry = helpers[referral["id"]] = dict(named(referral), helps_with=[])
            entry["your_language"] = language in entry["languages"] + entry["phone_languages"]
            entry["open_now"] = open_words(kb.referrals[referral["id"]].schedule, moment)
        if helps_with not in entry["helps_with"]:
            entry["helps_with"].append(helps_with)

    # Findings are numbered on the page; a helper says which numbers it helps with.
    for number, finding in enumerate(data["findings"], 1):
        finding["number"] = number
        for referral in finding["referrals"]:
            helper(referral, {"label": str(number), "anchor": f"f-{finding['id']}"})
    for topic in unchecked:
        for referral in topic["referrals"]:
            helper(referral, {"label": topic["label"], "anchor": "unchecked"})
    if not data["findings"] and not unchecked:
        for rid in referrals_for(kb, list(kb.meta.all_clear_referrals), regime):
            helper(referral_json(kb.referrals[rid]), {})
    ordered = sorted(helpers.values(), key=lambda r: not r["free"])  # free numbers first
    local = local_bureau(kb, answers)
    for referral in ordered:
        if referral["id"] == INSPECTION_OFFICE and local:
            referral["local_office"] = local
    danger = kb.meta.danger.raised_by(answers) if kb.meta.danger else ()
    return {
        "next_step": next_step(data, unchecked, ordered, locale),
        "unchecked": unchecked,
        "helpers": ordered,
        "call_110": bool(danger) or any(f["severity"] == "urgent" for f in data["findings"]),
        "severity_words": {
            "urgent": _("Urgent"),
            "serious": _("Serious"),
            "concern": _("Worth checking with someone"),
        },
    }


INSPECTION_OFFICE = "labour-standards-office"


def local_bureau(kb, answers: dict) -> dict | None:
    """How to find the inspection office for the prefecture the trainee gave: its Labour
    Bureau's website (knowledge/minimum-wages.yaml), which lists the offices by area."""
    wiring, table = kb.meta.wage_check, kb.wages
    prefecture = table.prefectures.get(answers.get(wiring.prefecture)) if wiring and table else None
    if prefecture is None or not prefecture.labour_bureau:
        return None
    return {"prefecture": _(prefecture.name), "url": prefecture.labour_bureau}


def not_checked(kb, answers: dict, asked) -> list[dict]:
    """The parts of the interview answered "I'm not sure" or "I'd rather not say": never an
    all-clear, each with what to look at and who can help check it."""
    topics: list[str] = []
    for qid in asked:
        answer = answers.get(qid)
        topic = kb.questions[qid].topic
        if answer in STANDARD_OPTIONS and topic in kb.meta.topics and topic not in topics:
            topics.append(topic)
    shown = []
    for topic_id in topics:
        topic = kb.meta.topics[topic_id]
        shown.append(
            {
                "id": topic.id,
                "label": _(topic.label),
                "check": _(topic.check),
                "referrals": [referral_json(kb.referrals[r]) for r in topic.referrals],
            }
        )
    return shown


def next_step(data: dict, unchecked: list[dict], helpers: list[dict], locale: str) -> dict:
    """One thing to do first, and one contact for it who speaks the trainee's language."""
    if data["findings"]:
        first = data["findings"][0]
        action = first["actions"][0] if first["actions"] else first["title"]
        candidates = first["referrals"]
    elif unchecked:
        action, candidates = unchecked[0]["check"], unchecked[0]["referrals"]
    else:
        action = _("Nothing needs doing now. Keep your pay slips and your contract safe.")
        candidates = helpers
    language = locale.split("_")[0]
    ids = [c["id"] for c in candidates]
    pool = [h for h in helpers if h["id"] in ids] or helpers
    speaks = [h for h in pool if language in h["languages"] or language in h["phone_languages"]]
    # A line that is open now (or whose hours are not known) before one known to be closed.
    ranked = sorted(speaks or pool, key=lambda h: bool(h["open_now"]) and not h["open_now"]["open"])
    return {"action": action, "contact": (ranked or [None])[0]}


def summary_labels() -> dict:
    return {
        "title": _("Summary of my situation"),
        "intro": _(
            "Made with Kenri, a rights checker for technical intern trainees. It lists "
            "possible problems and the Japanese laws that may apply."
        ),
        "date": _("Date:"),
        "evidence": _("Evidence I can bring:"),
        "found": _("Kenri found these possible problems in what I said:"),
        "facts": _("The facts I gave"),
        "findings": _("What Kenri found"),
        "none": _("No problem was found in my answers."),
        "bring": _(
            "Please also look at my pay slips, my contract, and any photos or messages I bring."
        ),
        "disclaimer": _("This is information, not legal advice."),
        "severity": {"urgent": _("urgent"), "serious": _("serious"), "concern": _("concern")},
    }


def summary():
    interview = live_interview()
    if not interview.complete:
        return redirect(url_for(".check"), code=303)
    held = welcome_back(interview)
    if held is not None:
        return held
    kb, locales, code = loaded().kb, loaded().locales, interview.locale
    evaluation = core().result(interview).evaluation
    other = "ja" if code != "ja" else "en"
    sides = []
    for side_code in (code, other):
        with force_locale(side_code):
            sides.append(
                {
                    "lang": locales[side_code].bcp47 if side_code in locales else side_code,
                    "labels": summary_labels(),
                    "result": evaluation_json(kb, evaluation, side_code),
                }
            )
    # "Show in Japanese": on a phone the sides stack, so the official's language comes first.
    japanese_first = request.args.get("first") == "ja" and code != "ja"
    settings = loaded().settings
    return render_template(
        mount().template("summary.html"),
        sides=sides[::-1] if japanese_first else sides,
        japanese_first=japanese_first,
        result=sides[0]["result"],
        idle_minutes=mount().idle_minutes or settings.session_idle_minutes,
        absolute_hours=settings.session_absolute_minutes // 60,
    )


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/result", "result", result, methods=["GET", "POST"])
    bp.add_url_rule("/summary", "summary", summary, methods=["GET", "POST"])
