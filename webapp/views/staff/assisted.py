"""The assisted interview (issue 11): a staff member runs the same interview for a trainee who
is with them or on the phone, then records the trainee's verbal consent and the case lands in
their own queue.

It is the trainee shell mounted once more (no copy of any interview step): under
/staff/assist, sessions of kind "staff", its own cookie, every page behind the desk's sign-in,
and the staff member's Japanese or English beside each question and option.
"""

from flask import (
    Blueprint,
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from webapp.case_snapshot import snapshot_of
from webapp.connections import get_db
from webapp.contact_options import CONTACT_METHODS, Contact, ContactInvalid, Preferences
from webapp.loaded import loaded
from webapp.store import cases as shared_cases
from webapp.views.staff.access import LANG_COOKIE, UI_LOCALES, desk_required
from webapp.views.trainee import Mount, trainee_blueprint
from webapp.views.trainee.mount import mount
from webapp.views.trainee.visit import core, drop_cookie, live_interview, require_csrf


def staff_language() -> str:
    """The staff member's desk language (Japanese or English), shown beside the trainee's."""
    chosen = request.cookies.get(LANG_COOKIE)
    return chosen if chosen in UI_LOCALES else "ja"


ASSISTED = Mount(
    name="assisted",
    url_prefix="/staff/assist",
    templates="assisted",
    session_kind="staff",
    cookie="kenri-assist",
    resume_on_start=False,
    beside=staff_language,
)


@desk_required
def _signed_in() -> None:
    """Every assisted page needs a signed-in staff member (g.desk); None lets it through."""
    return None


def record():
    """The trainee agreed (verbally) to share: the case goes to the staff member's queue."""
    interview = live_interview()
    if not interview.complete:
        return redirect(url_for(".check"), code=303)
    require_csrf(interview)
    if request.form.get("consent") != "yes":
        return _result_with_error(_("Confirm that the trainee agreed to share their case."))
    contact = Contact(
        **{method: request.form.get(method, "")[:200] for method in CONTACT_METHODS},
        will_contact_them=request.form.get("will_contact_them") == "yes",
        note=request.form.get("note", "")[:2000],
    )
    outcome = core().result(interview)
    try:
        shared = shared_cases.share_case(
            get_db(),
            current_app.extensions["kenri_sealer"],
            org_id=g.desk.org.id,
            answers={q: interview.answers[q] for q in interview.progress.asked},
            locale=interview.locale,
            snapshot=snapshot_of(loaded().kb, outcome.evaluation),
            contact=contact,
            preferences=Preferences(messages_only=request.form.get("messages_only") == "yes"),
            consent_mode="verbal",
            staff_id=g.desk.member.id,
        )
    except ContactInvalid:
        return _result_with_error(
            _("Give one way to reach the trainee, or tick that they will contact you.")
        )
    core().end(mount().session_kind, interview.id)  # the case keeps its own copy
    response = redirect(url_for("staff.case", reference=shared.reference), code=303)
    return drop_cookie(response)


def _result_with_error(message: str):
    body = render_template(
        mount().template("message.html"),
        heading=_("The case was not recorded"),
        message=message,
        link_url=url_for(".result"),
        link_text=_("Back to the result"),
    )
    return make_response(body, 422)


def assisted_blueprint() -> Blueprint:
    bp = trainee_blueprint(ASSISTED)
    bp.before_request(_signed_in)
    bp.add_url_rule("/record", "record", record, methods=["POST"])
    bp.context_processor(lambda: {"locales": list(loaded().locales.values())})
    return bp
