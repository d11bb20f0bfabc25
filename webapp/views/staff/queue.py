"""The queue: the organisation's cases, most urgent first, then oldest; filters; find by
reference."""

from flask import g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from webapp.connections import get_db
from webapp.contact_options import STATUSES, URGENCIES
from webapp.store import case_work
from webapp.store.case_references import normalise_reference
from webapp.views.staff import bp
from webapp.views.staff.access import desk_required
from webapp.views.staff.labels import kenri


def _filters() -> dict:
    """The filters from the query string; a value that is not on offer counts as 'any'."""
    args, member = request.args, g.desk.member
    offered = case_work.filter_values(get_db(), g.desk.org.id)
    status = args.get("status", "open")
    assigned = args.get("assigned", "")
    return {
        "status": status if status in ("open", "all", *STATUSES) else "open",
        "urgency": args.get("urgency") if args.get("urgency") in URGENCIES else None,
        "locale": args.get("language") if args.get("language") in offered["locale"] else None,
        "prefecture": args.get("prefecture")
        if args.get("prefecture") in offered["prefecture"]
        else None,
        "assigned_to": member.id if assigned == "me" else ("none" if assigned == "none" else None),
    }, offered


def top_finding_title(case, rules: dict) -> str:
    """The most severe finding's title in the staff member's language."""
    for finding_id, _severity in case.findings:
        if finding_id in rules:
            return _(rules[finding_id].title)
    return ""


@bp.get("/")
@desk_required
def queue():
    filters, offered = _filters()
    cases = case_work.queue(get_db(), g.desk.org.id, **filters)
    rules = {rule.id: rule for rule in kenri().kb.rules}
    rows = [
        {
            "case": case,
            "title": top_finding_title(case, rules),
            "more": max(len(case.findings) - 1, 0),
        }
        for case in cases
    ]
    chosen = {
        "status": filters["status"],
        "urgency": filters["urgency"] or "",
        "language": filters["locale"] or "",
        "prefecture": filters["prefecture"] or "",
        "assigned": request.args.get("assigned", "") if filters["assigned_to"] else "",
    }
    return render_template(
        "staff/queue.html",
        rows=rows,
        chosen=chosen,
        offered=offered,
        statuses=STATUSES,
        urgencies=URGENCIES,
    )


@bp.get("/find")
@desk_required
def find():
    reference = normalise_reference(request.args.get("reference", ""))
    if reference:
        try:
            case_work.get_case(get_db(), g.desk.org.id, reference)
        except case_work.CaseNotFound:
            pass
        else:
            return redirect(url_for(".case", reference=reference), code=303)
    body = render_template(
        "staff/message.html",
        heading=_("No such case"),
        message=_("No case of your organisation has this reference. Check it and try again."),
        link_url=url_for(".queue"),
        link_text=_("Back to the queue"),
    )
    return body, 404
