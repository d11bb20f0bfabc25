"""The result and the printable bilingual summary (the core evaluates and records once)."""

import datetime as dt

from babel import Locale
from flask import Blueprint, make_response, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from webapp.engine.evaluate import referrals_for
from webapp.loaded import loaded
from webapp.views.trainee.mount import mount
from webapp.views.trainee.numbering import where_next
from webapp.views.trainee.visit import core, form_token, live_interview, require_csrf
from webapp.views.translated import evaluation_json, referral_json

SEVERITIES = ("urgent", "serious", "concern")


def language_names(codes) -> str:
    shipped = loaded().locales
    return ", ".join(
        shipped[c].native_name if c in shipped else Locale.parse(c).display_name for c in codes
    )


def named(referral: dict) -> dict:
    """A presented referral with its languages written out in their own scripts."""
    referral["language_names"] = language_names(referral["languages"])
    referral["phone_language_names"] = language_names(referral["phone_languages"])
    return referral


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
    for finding in data["findings"]:
        for referral in finding["referrals"]:
            named(referral)
    groups = {
        severity: [f for f in data["findings"] if f["severity"] == severity]
        for severity in SEVERITIES
    }
    headings = (
        ("urgent", _("Urgent: get help now")),
        ("serious", _("Serious: likely against the law")),
        ("concern", _("Worth checking with someone")),
    )
    all_clear = [
        named(referral_json(kb.referrals[r]))
        for r in referrals_for(kb, list(kb.meta.all_clear_referrals), outcome.evaluation.regime)
    ]
    return render_template(
        mount().template("result.html"),
        result=data,
        groups=groups,
        severity_headings=headings,
        all_clear_referrals=all_clear,
        csrf=form_token(interview),
    )


def summary_labels() -> dict:
    return {
        "title": _("Summary of my situation"),
        "intro": _(
            "Made with Kenri, a rights checker for technical intern trainees. It lists "
            "possible problems and the Japanese laws that may apply."
        ),
        "date": _("Date:"),
        "evidence": _("Evidence I can bring:"),
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
    return render_template(
        mount().template("summary.html"), left=sides[0], right=sides[1], result=sides[0]["result"]
    )


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/result", "result", result, methods=["GET", "POST"])
    bp.add_url_rule("/summary", "summary", summary, methods=["GET", "POST"])
