"""An organisation's cases for export (CSV or JSON). Contact details only when asked for
explicitly; every export is audited, saying whether contact details were in it. Notes are
never exported (they are working notes and may name people)."""

import sqlite_utils

from webapp.store import audit, case_work
from webapp.store.sealing import Sealer

FIELDS = (
    "reference",
    "received_at",
    "status",
    "urgency",
    "language",
    "prefecture",
    "regime",
    "evaluated_on",
    "knowledge_version",
    "consent",
    "findings",
    "assigned_to",
    "closed_at",
    "safe_times",
    "messages_only",
    "will_contact_them",
)
CONTACT_FIELDS = ("phone", "line", "email", "facebook", "contact_note")


def export_cases(
    db: sqlite_utils.Database,
    sealer: Sealer,
    org_id: str,
    staff_id: int,
    *,
    include_contact: bool,
    form: str,
) -> list[dict]:
    """Every case of the organisation, oldest first, as flat records (plus 'answers')."""
    audit.record(
        db,
        "cases-exported",
        org_id=org_id,
        staff_id=staff_id,
        detail=f"{form}, {'with' if include_contact else 'without'} contact details",
    )
    cases = sorted(case_work.queue(db, org_id, status="all"), key=lambda c: c.created_at)
    records = []
    for case in cases:
        record = {
            "reference": case.reference,
            "received_at": case.created_at.isoformat(),
            "status": case.status,
            "urgency": case.urgency,
            "language": case.locale,
            "prefecture": case.prefecture or "",
            "regime": case.regime,
            "evaluated_on": case.evaluated_on.isoformat(),
            "knowledge_version": case.knowledge_version,
            "consent": case.consent_mode,
            "findings": [finding_id for finding_id, _severity in case.findings],
            "assigned_to": case.assigned_email or "",
            "closed_at": case.closed_at.isoformat() if case.closed_at else "",
            "safe_times": list(case.safe_times),
            "messages_only": case.messages_only,
            "will_contact_them": case.will_contact_them,
            "answers": case.answers,
        }
        if include_contact:
            record.update(_contact(db, sealer, case.id))
        records.append(record)
    return records


def _contact(db, sealer: Sealer, case_id: int) -> dict:
    sealed = db.execute("SELECT contact_sealed FROM cases WHERE id = ?", [case_id]).fetchone()[0]
    data = sealer.open(sealed) if sealed else {}
    return {
        "phone": data.get("phone", ""),
        "line": data.get("line", ""),
        "email": data.get("email", ""),
        "facebook": data.get("facebook", ""),
        "contact_note": data.get("note", ""),
    }
