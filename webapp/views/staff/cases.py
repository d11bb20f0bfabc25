"""One case: read it in two languages, show the contact details (audited), notes, status,
assignment, deleting the contact details or the whole case on the trainee's request.

Every route looks the case up with the staff member's organisation: another organisation's
reference is 404, exactly like one that does not exist. Changes are POST forms with CSRF, then
a redirect back to the case (each showing is audited as a view).
"""

from flask import abort, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from webapp.connections import get_db
from webapp.contact_options import STATUSES
from webapp.store import case_work
from webapp.store.case_notes import NoteInvalid, add_note, notes_of
from webapp.store.staff_accounts import list_staff
from webapp.views.staff import bp
from webapp.views.staff.access import desk_required, require_csrf, sealer
from webapp.views.staff.case_view import bilingual_case
from webapp.views.staff.labels import kenri, ui_code


def _case(reference: str) -> case_work.Case:
    try:
        return case_work.get_case(get_db(), g.desk.org.id, reference)
    except case_work.CaseNotFound:
        abort(404)


def _back(case):
    return redirect(url_for(".case", reference=case.reference), code=303)


def render_case(
    case,
    *,
    contact=None,
    contact_shown=False,
    error=None,
    error_field=None,
    note_text="",
    status=200,
):
    db = get_db()
    team = [m for m in list_staff(db, g.desk.org.id) if not m.disabled]
    body = render_template(
        "staff/case.html",
        case=case,
        view=bilingual_case(kenri().kb, case, ui_code()),
        notes=notes_of(db, sealer(), case),
        team=team,
        statuses=STATUSES,
        contact=contact,
        contact_shown=contact_shown,
        error=error,
        error_field=error_field,
        note_text=note_text,
    )
    return make_response(body, status)


@bp.get("/cases/<reference>")
@desk_required
def case(reference):
    found = _case(reference)
    case_work.record_view(get_db(), found, g.desk.member.id)
    return render_case(found)


@bp.post("/cases/<reference>/contact")
@desk_required
def show_contact(reference):
    found = _case(reference)
    require_csrf()
    contact = case_work.reveal_contact(
        get_db(), sealer(), g.desk.org.id, found.reference, g.desk.member.id
    )
    return render_case(found, contact=contact, contact_shown=True)


@bp.post("/cases/<reference>/contact/delete")
@desk_required
def delete_contact(reference):
    found = _case(reference)
    require_csrf()
    case_work.delete_contact(get_db(), g.desk.org.id, found.reference, g.desk.member.id)
    return _back(found)


@bp.post("/cases/<reference>/notes")
@desk_required
def note(reference):
    found = _case(reference)
    require_csrf()
    text = request.form.get("text", "")
    try:
        add_note(get_db(), sealer(), found, g.desk.member.id, text)
    except NoteInvalid as exc:
        message = (
            _("Write the note first.")
            if str(exc) == "empty"
            else _("A note can have at most 5000 characters.")
        )
        return render_case(
            found, error=message, error_field="note-text", note_text=text[:6000], status=422
        )
    return _back(found)


@bp.post("/cases/<reference>/status")
@desk_required
def status(reference):
    found = _case(reference)
    require_csrf()
    try:
        case_work.set_status(
            get_db(),
            g.desk.org.id,
            found.reference,
            request.form.get("status", ""),
            g.desk.member.id,
        )
    except case_work.CaseChangeInvalid:
        return render_case(
            found, error=_("Choose one of the statuses."), error_field="status-select", status=422
        )
    return _back(found)


@bp.post("/cases/<reference>/assign")
@desk_required
def assign(reference):
    found = _case(reference)
    require_csrf()
    chosen = request.form.get("assignee", "")
    if chosen == "me":
        assignee = g.desk.member.id
    elif chosen == "none":
        assignee = None
    else:
        assignee = int(chosen) if chosen.isdigit() and len(chosen) < 10 else -1
    try:
        case_work.assign(get_db(), g.desk.org.id, found.reference, assignee, g.desk.member.id)
    except case_work.CaseChangeInvalid:
        return render_case(
            found,
            error=_("Choose a member of your organisation."),
            error_field="assignee-select",
            status=422,
        )
    return _back(found)


@bp.post("/cases/<reference>/delete")
@desk_required
def delete(reference):
    found = _case(reference)
    require_csrf()
    if request.form.get("confirm") != "yes":
        return render_case(
            found,
            error=_("Tick the box to confirm that the trainee asked for this case to be deleted."),
            error_field="confirm-delete",
            status=422,
        )
    case_work.delete_case(get_db(), g.desk.org.id, found.reference, g.desk.member.id)
    body = render_template(
        "staff/message.html",
        heading=_("The case is deleted"),
        message=_(
            "The case %(reference)s, its contact details and notes are deleted.",
            reference=found.reference,
        ),
        link_url=url_for(".queue"),
        link_text=_("Back to the queue"),
    )
    return body
