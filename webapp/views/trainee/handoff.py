"""Ask an organisation to contact me: the consent-gated handoff of a result (issue 11).

Four steps, no JavaScript, nothing stored before "Send": choose an organisation that speaks the
trainee's language and serves their prefecture, say how and when to be reached, read exactly
what will be sent and to whom, send. What was typed travels only in the (no-store) pages'
forms until then. After sending, the trainee gets a reference and a withdrawal code; one
interview is sent at most once. Withdrawing (reference + code) deletes the case.
"""

from flask import Blueprint, current_app, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from webapp.case_snapshot import snapshot_of
from webapp.connections import get_db
from webapp.contact_options import (
    CONTACT_METHODS,
    SAFE_TIMES,
    Contact,
    ContactInvalid,
    Preferences,
    checked_contact,
    checked_preferences,
)
from webapp.interview import Interview
from webapp.loaded import loaded
from webapp.org_hours import describe_hours
from webapp.store import cases as shared_cases
from webapp.store import orgs
from webapp.store import sessions as session_store
from webapp.views.trainee.mount import mount
from webapp.views.trainee.numbering import where_next
from webapp.views.trainee.visit import core, form_token, live_interview, require_csrf, visit
from webapp.views.translated import answer_label, evaluation_json


def _finished() -> Interview | None:
    """The live, complete interview (None: the caller sends the trainee on)."""
    interview = live_interview()
    return interview if interview.complete else None


def _organisations(interview: Interview, evaluation) -> list[orgs.Organisation]:
    snapshot = snapshot_of(loaded().kb, evaluation)
    found = orgs.accepting_organisations(get_db(), interview.locale, snapshot.prefecture)
    preferred = mount().preferred_org  # a kiosk offers the organisation running it first
    return sorted(found, key=lambda org: org.id != preferred)


def _org_view(org: orgs.Organisation, locale: str) -> dict:
    names = loaded().locales
    return {
        "id": org.id,
        "name": org.name_ja if locale == "ja" else org.name_en,
        "name_ja": org.name_ja,
        "languages": ", ".join(names[c].native_name for c in org.languages if c in names),
        "hours": describe_hours(list(org.hours), locale),
        "reply_days": org.reply_days,
    }


def _page(template: str, status: int = 200, **context):
    body = render_template(mount().template(template), **context)
    return make_response(body, status)


def _form_contact() -> tuple[Contact, Preferences]:
    form = request.form
    contact = Contact(
        **{method: form.get(method, "")[:200] for method in CONTACT_METHODS},
        will_contact_them=form.get("will_contact_them") == "yes",
        note=form.get("note", "")[:2000],
    )
    times = tuple(t for t in form.getlist("safe_times") if isinstance(t, str))[:10]
    return contact, Preferences(times, form.get("messages_only") == "yes")


def _contact_error(exc: ContactInvalid) -> tuple[str, str]:
    """(the field to link to, a sentence in the trainee's language)."""
    if exc.field == "contact":
        return "phone", _('Give at least one way to reach you, or choose "I will contact them".')
    if exc.field == "note":
        return "note", _("The note is too long.")
    if exc.field == "safe_times":
        return "safe-times", _("Choose from the times listed.")
    label = _(CONTACT_METHODS.get(exc.field, exc.field))
    return exc.field, _("Check this: %(field)s", field=label)


def _chosen_org(interview, evaluation) -> orgs.Organisation | None:
    wanted = request.form.get("org", "")
    return next((o for o in _organisations(interview, evaluation) if o.id == wanted), None)


def _already_sent(interview: Interview):
    reference = session_store.shared_reference(get_db(), interview.id)
    if reference is None:
        return None
    return _page("share_done.html", reference=reference, code=None, org=None)


def choose():
    """Step 1: the organisations that can take this case."""
    interview = _finished()
    if interview is None:
        return redirect(where_next(visit().interview), code=303)
    sent = _already_sent(interview)
    if sent is not None:
        return sent
    evaluation = core().result(interview).evaluation
    found = [_org_view(o, interview.locale) for o in _organisations(interview, evaluation)]
    return _page("share_org.html", organisations=found, csrf=form_token(interview))


def contact():
    """Step 2: how and when to be reached (POST from step 1, or back from step 3)."""
    interview = _finished()
    if interview is None:
        return redirect(url_for(".start"), code=303)
    require_csrf(interview)
    evaluation = core().result(interview).evaluation
    org = _chosen_org(interview, evaluation)
    if org is None:
        found = [_org_view(o, interview.locale) for o in _organisations(interview, evaluation)]
        return _page(
            "share_org.html",
            422,
            organisations=found,
            csrf=form_token(interview),
            error=_("Choose an organisation."),
            error_field="org-0",
        )
    typed, preferences = _form_contact()
    return _contact_page(interview, org, typed, preferences)


def _contact_page(interview, org, typed, preferences, error=None, error_field="", status=200):
    return _page(
        "share_contact.html",
        status,
        org=_org_view(org, interview.locale),
        typed=typed,
        preferences=preferences,
        methods=[(m, _(label)) for m, label in CONTACT_METHODS.items()],
        safe_times=[(t, _(label)) for t, label in SAFE_TIMES.items()],
        csrf=form_token(interview),
        error=error,
        error_field=error_field,
    )


def consent():
    """Step 3: exactly what will be sent, to whom; nothing is stored yet."""
    interview = _finished()
    if interview is None:
        return redirect(url_for(".start"), code=303)
    require_csrf(interview)
    evaluation = core().result(interview).evaluation
    org = _chosen_org(interview, evaluation)
    if org is None:
        return redirect(url_for(".share"), code=303)
    typed, preferences = _form_contact()
    try:
        contact = checked_contact(typed)
        preferences = checked_preferences(preferences)
    except ContactInvalid as exc:
        field, message = _contact_error(exc)
        return _contact_page(interview, org, typed, preferences, message, field, 422)
    if request.form.get("step") == "edit":
        return _contact_page(interview, org, contact, preferences)
    kb = loaded().kb
    result = evaluation_json(kb, evaluation, interview.locale)
    answers = [
        {"question": _(kb.questions[qid].text), "answer": answer_label(kb.questions[qid], value)}
        for qid, value in interview.answers.items()
        if qid in interview.progress.asked
    ]
    return _page(
        "share_consent.html",
        org=_org_view(org, interview.locale),
        contact=contact,
        preferences=preferences,
        methods=[(m, _(label), getattr(contact, m)) for m, label in CONTACT_METHODS.items()],
        safe_times=[_(SAFE_TIMES[t]) for t in preferences.safe_times],
        findings=result["findings"],
        answers=answers,
        language=loaded().locales[interview.locale].native_name,
        csrf=form_token(interview),
    )


def send():
    """Step 4: with the trainee's confirmation, the case is stored durably."""
    interview = _finished()
    if interview is None:
        return redirect(url_for(".start"), code=303)
    require_csrf(interview)
    sent = _already_sent(interview)
    if sent is not None:
        return sent
    outcome = core().result(interview)
    org = _chosen_org(interview, outcome.evaluation)
    if org is None or request.form.get("confirm") != "yes":
        return redirect(url_for(".share"), code=303)
    typed, preferences = _form_contact()
    try:
        shared = shared_cases.share_case(
            get_db(),
            current_app.extensions["kenri_sealer"],
            org_id=org.id,
            answers={q: interview.answers[q] for q in interview.progress.asked},
            locale=interview.locale,
            snapshot=snapshot_of(loaded().kb, outcome.evaluation),
            contact=typed,
            preferences=preferences,
        )
    except ContactInvalid as exc:
        field, message = _contact_error(exc)
        return _contact_page(interview, org, typed, preferences, message, field, 422)
    except (orgs.UnknownOrganisation, shared_cases.OrganisationNotAvailable):
        return redirect(url_for(".share"), code=303)
    session_store.set_shared_reference(get_db(), interview.id, shared.reference)
    return _page(
        "share_done.html",
        reference=shared.reference,
        code=shared.withdrawal_code,
        org=_org_view(shared.organisation, interview.locale),
    )


def withdraw():
    """Withdraw a shared case with its reference and code (no interview needed)."""
    visit()  # the language
    if request.method == "GET":
        return _page("withdraw.html", reference="")
    reference = request.form.get("reference", "")[:40]
    code = request.form.get("code", "")[:40]
    if shared_cases.withdraw_case(get_db(), reference, code):
        return _page(
            "message.html",
            heading=_("Your case is withdrawn"),
            message=_("The organisation can no longer see it. Your contact details are deleted."),
            link_url=url_for(".start"),
            link_text=_("Back to the start"),
        )
    return _page(
        "withdraw.html",
        422,
        reference=reference,
        error=_("This reference and code do not match a case. Check both and try again."),
        error_field="reference",
    )


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/share", "share", choose, methods=["GET"])
    bp.add_url_rule("/share/contact", "share_contact", contact, methods=["POST"])
    bp.add_url_rule("/share/consent", "share_consent", consent, methods=["POST"])
    bp.add_url_rule("/share/send", "share_send", send, methods=["POST"])
    bp.add_url_rule("/withdraw", "withdraw", withdraw, methods=["GET", "POST"])
