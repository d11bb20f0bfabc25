"""For coordinators: export, statistics (tables, SVG charts, CSV), the audit log, the team
(lifting a lockout). All of it for the coordinator's own organisation only."""

import csv
import datetime as dt
import io

from babel.dates import format_skeleton
from flask import Response, abort, g, render_template, request, url_for
from flask_babel import gettext as _

from webapp.connections import get_db
from webapp.contact_options import N_
from webapp.desk.charts import bar_chart
from webapp.desk.export_format import as_csv, as_json
from webapp.desk.statistics import EARLIER, build_statistics
from webapp.desk.suppression import HIDDEN
from webapp.store import audit, login_throttle
from webapp.store.case_export import export_cases
from webapp.store.case_statistics import case_counts
from webapp.store.staff_accounts import UnknownStaff, get_staff, list_staff
from webapp.views.staff import bp
from webapp.views.staff.access import coordinator_required, require_csrf, sealer
from webapp.views.staff.labels import kenri, language_name, prefecture_name, regime_name, ui_code

TABLE_TITLES = {
    "month": N_("Cases by month"),
    "prefecture": N_("Cases by prefecture"),
    "language": N_("Cases by language"),
    "regime": N_("Cases by residence system"),
}
ACTION_LABELS = {
    "sign-in": N_("Signed in"),
    "sign-in-failed": N_("Failed sign-in"),
    "sign-out": N_("Signed out"),
    "account-locked": N_("Account locked"),
    "account-unlocked": N_("Account unlocked"),
    "totp-enrolled": N_("Set up the second factor"),
    "recovery-code-used": N_("Used a recovery code"),
    "recovery-codes-renewed": N_("Made new recovery codes"),
    "password-changed": N_("Changed the password"),
    "case-shared": N_("Case received"),
    "case-viewed": N_("Viewed the case"),
    "contact-shown": N_("Showed the contact details"),
    "contact-deleted": N_("Deleted the contact details"),
    "status-changed": N_("Changed the status"),
    "case-assigned": N_("Assigned the case"),
    "note-added": N_("Added a note"),
    "case-deleted": N_("Deleted the case"),
    "case-withdrawn": N_("The trainee withdrew the case"),
    "case-purged": N_("Deleted by retention"),
    "cases-exported": N_("Exported cases"),
    "statistics-exported": N_("Downloaded statistics"),
}


def _month(value: str) -> str:
    if value == EARLIER:
        return _("Earlier")
    year, month = value.split("-")
    return format_skeleton("yMMM", dt.date(int(year), int(month), 1), locale=ui_code())


def _finding_title(finding_id: str) -> str:
    rule = next((r for r in kenri().kb.rules if r.id == finding_id), None)
    return _(rule.title) if rule else finding_id


def _value_label(dimension: str, value: str) -> str:
    return {
        "month": _month,
        "prefecture": prefecture_name,
        "language": language_name,
        "regime": regime_name,
    }[dimension](value)


@bp.route("/export", methods=["GET", "POST"])
@coordinator_required
def export():
    if request.method == "GET":
        return render_template("staff/export.html")
    require_csrf()
    form = request.form.get("format")
    if form not in ("csv", "json"):
        body = render_template(
            "staff/export.html", error=_("Choose CSV or JSON."), error_field="format-csv"
        )
        return body, 422
    include_contact = request.form.get("include_contact") == "yes"
    records = export_cases(
        get_db(),
        sealer(),
        g.desk.org.id,
        g.desk.member.id,
        include_contact=include_contact,
        form=form,
    )
    stamp = dt.date.today().isoformat()
    if form == "csv":
        body, mimetype = as_csv(records, include_contact), "text/csv"
    else:
        body, mimetype = as_json(records), "application/json"
    name = f"kenri-cases-{g.desk.org.id}-{stamp}.{form}"
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def _statistics():
    return build_statistics(case_counts(get_db(), g.desk.org.id))


@bp.get("/statistics")
@coordinator_required
def statistics():
    stats = _statistics()
    tables = [
        {
            "dimension": t.dimension,
            "title": _(TABLE_TITLES[t.dimension]),
            "rows": [(_value_label(t.dimension, v), f) for v, f in t.rows],
            "withheld": t.withheld,
        }
        for t in stats.cases
    ]
    findings = [(_finding_title(f), cells, total) for f, cells, total in stats.findings.rows]
    charts = [bar_chart(table["title"], table["rows"]) for table in tables if table["rows"]]
    if findings:
        charts.insert(
            0,
            bar_chart(
                _("Findings (cases with each finding)"),
                [(title, total) for title, _cells, total in findings],
            ),
        )
    return render_template(
        "staff/statistics.html",
        stats=stats,
        tables=tables,
        findings=findings,
        months=[_month(m) for m in stats.findings.months],
        charts=charts,
        hidden=HIDDEN,
    )


@bp.get("/statistics.csv")
@coordinator_required
def statistics_csv():
    stats = _statistics()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["table", "row", "column", "count"])

    def text(figure):
        return "suppressed" if figure.mark == HIDDEN else figure.text

    writer.writerow(["cases", "all", "all", text(stats.total)])
    for table in stats.cases:
        for value, figure in table.rows:
            writer.writerow(
                [f"cases-by-{table.dimension}", value or "not-given", "all", text(figure)]
            )
    for finding, cells, total in stats.findings.rows:
        for month, figure in zip(stats.findings.months, cells, strict=False):
            writer.writerow(["findings-by-month", finding, month, text(figure)])
        writer.writerow(["findings-by-month", finding, "all", text(total)])
    audit.record(get_db(), "statistics-exported", org_id=g.desk.org.id, staff_id=g.desk.member.id)
    name = f"kenri-statistics-{g.desk.org.id}-{dt.date.today().isoformat()}.csv"
    return Response(
        "\ufeff" + out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/audit")
@coordinator_required
def audit_log():
    before = request.args.get("before", "")
    before_id = int(before) if before.isdigit() and len(before) < 10 else None
    rows = audit.entries(get_db(), g.desk.org.id, before=before_id, limit=100)
    labels = {key: _(label) for key, label in ACTION_LABELS.items()}
    older = url_for(".audit_log", before=rows[-1].id) if len(rows) == 100 else None
    return render_template("staff/audit.html", rows=rows, labels=labels, older=older)


@bp.get("/team")
@coordinator_required
def team():
    db = get_db()
    members = [
        (m, login_throttle.is_locked(db, login_throttle.account_key(m.id)))
        for m in list_staff(db, g.desk.org.id)
    ]
    return render_template("staff/team.html", members=members)


@bp.post("/team/<int(max=2147483647):staff_id>/unlock")
@coordinator_required
def unlock(staff_id: int):
    db = get_db()
    try:
        member = get_staff(db, staff_id)
    except UnknownStaff:
        abort(404)
    if member.org_id != g.desk.org.id:
        abort(404)
    require_csrf()
    login_throttle.clear(db, login_throttle.account_key(member.id))
    audit.record(
        db,
        "account-unlocked",
        org_id=member.org_id,
        staff_id=g.desk.member.id,
        detail=f"staff {member.id}",
    )
    return render_template(
        "staff/message.html",
        heading=_("Account unlocked"),
        message=_("%(email)s can sign in again.", email=member.email),
        link_url=url_for(".team"),
        link_text=_("Back to the team"),
    )
