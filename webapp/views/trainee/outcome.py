"""The result, the printable bilingual summary, deleting answers, quick exit, languages."""

from babel import Locale
from flask import make_response, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from webapp.engine import evaluate, normalise_answers
from webapp.engine.evaluate import referrals_for
from webapp.present import evaluation_json, referral_json
from webapp.request_db import get_db
from webapp.store import sessions as store
from webapp.store.feedback import record_translation_report
from webapp.views.trainee import bp
from webapp.views.trainee.context import (COOKIE, form_token, kenri, live_interview,
                                          load_visit, pick_locale, require_csrf, restart,
                                          settings, today)

ALL_CLEAR_REFERRALS = ("otit", "labour-conditions-hotline")


def _evaluation(visit):
    kb = kenri().kb
    return evaluate(kb, normalise_answers(kb, visit.answers), today())


def _language_names(codes) -> str:
    shipped = kenri().locales
    return ", ".join(shipped[c].native_name if c in shipped else Locale.parse(c).display_name
                     for c in codes)


def _named(referral: dict) -> dict:
    """A presented referral with its languages written out in their own scripts."""
    referral["language_names"] = _language_names(referral["languages"])
    referral["phone_language_names"] = _language_names(referral["phone_languages"])
    return referral


def _with_language_names(result: dict) -> dict:
    for finding in result["findings"]:
        for referral in finding["referrals"]:
            _named(referral)
    return result


@bp.get("/result")
def result():
    interview = live_interview()
    if interview is None:
        return restart()
    kb, visit, code = kenri().kb, interview.visit, interview.locale
    if not interview.progress.complete:
        return redirect(url_for("trainee.question", question_id=interview.progress.next),
                        code=303)
    evaluation = _evaluation(visit)
    store.record_result(get_db(), visit.session.id, evaluation.on, kb.version,
                        [(f.id, f.severity) for f in evaluation.findings])
    data = _with_language_names(evaluation_json(kb, evaluation, code))
    groups = {severity: [f for f in data["findings"] if f["severity"] == severity]
              for severity in ("urgent", "serious", "concern")}
    headings = (("urgent", _("Urgent: get help now")), ("serious", _("Serious: likely against the law")),
                ("concern", _("Worth checking with someone")))
    all_clear = [_named(referral_json(kb.referrals[r])) for r in
                 referrals_for(kb, [r for r in ALL_CLEAR_REFERRALS if r in kb.referrals],
                               evaluation.regime)]
    return render_template("trainee/result.html", result=data, groups=groups,
                           severity_headings=headings, all_clear_referrals=all_clear,
                           csrf=form_token(visit))


def _summary_labels() -> dict:
    return {
        "title": _("Summary of my situation"),
        "intro": _("Made with Kenri, a rights checker for technical intern trainees. It lists "
                   "possible problems and the Japanese laws that may apply."),
        "date": _("Date:"),
        "evidence": _("Evidence I can bring:"),
        "facts": _("The facts I gave"),
        "findings": _("What Kenri found"),
        "none": _("No problem was found in my answers."),
        "bring": _("Please also look at my pay slips, my contract, and any photos or messages "
                   "I bring."),
        "disclaimer": _("This is information, not legal advice."),
        "severity": {"urgent": _("urgent"), "serious": _("serious"), "concern": _("concern")},
    }


@bp.get("/summary")
def summary():
    interview = live_interview()
    if interview is None:
        return restart()
    kb, visit, code = kenri().kb, interview.visit, interview.locale
    if not interview.progress.complete:
        return redirect(url_for("trainee.check"), code=303)
    evaluation = _evaluation(visit)
    other = "ja" if code != "ja" else "en"
    sides = []
    for side_code in (code, other):
        with force_locale(side_code):
            sides.append({"lang": kenri().locales[side_code].bcp47 if side_code in kenri().locales
                          else side_code, "labels": _summary_labels(),
                          "result": evaluation_json(kb, evaluation, side_code)})
    return render_template("trainee/summary.html", left=sides[0], right=sides[1],
                           result=sides[0]["result"])


@bp.post("/delete")
def delete():
    visit = load_visit()
    pick_locale(visit)
    if visit.session is not None:
        require_csrf(visit)
        store.delete_session(get_db(), visit.session.id)
    response = make_response(render_template(
        "trainee/message.html", heading=_("Your answers are deleted"),
        message=_("Nothing of your answers is kept on our server."),
        link_url=url_for("trainee.start"), link_text=_("Start again")))
    response.delete_cookie(COOKIE, path="/")
    return response


@bp.get("/exit")
def exit():
    """Quick exit: delete the session, clear the cookie, go to a neutral page. No JS needed."""
    session_id = request.cookies.get(COOKIE)
    if session_id:
        store.delete_session(get_db(), session_id)
    response = redirect(settings().exit_url, code=303)
    response.delete_cookie(COOKIE, path="/")
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response


@bp.get("/language")
def languages():
    visit = load_visit()
    pick_locale(visit)
    target = request.args.get("next") or url_for("trainee.start")
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("trainee.start")   # only ever back into Kenri
    path = target.split("?")[0]
    locales = [{"code": loc.code, "bcp47": loc.bcp47, "native_name": loc.native_name,
                "url": f"{path}?lang={loc.code}"} for loc in kenri().locales.values()]
    return render_template("trainee/languages.html", locales=locales)


@bp.route("/report-translation", methods=["GET", "POST"])
def report_translation():
    visit = load_visit()
    code = pick_locale(visit)
    page = (request.values.get("page") or "/")[:200]
    if request.method == "GET":
        return render_template("trainee/report_translation.html", page=page, text="")
    text = request.form.get("text", "").strip()
    if not text:
        body = render_template("trainee/report_translation.html", page=page, text="",
                               error=_("Write what is wrong."), error_field="text")
        return make_response(body, 422)
    record_translation_report(get_db(), code, page, text)
    return render_template("trainee/message.html", heading=_("Thank you"),
                           message=_("Your report was sent. We will check the translation."),
                           link_url=page if page.startswith("/") and not page.startswith("//")
                           else url_for("trainee.start"), link_text=_("Go back"))
