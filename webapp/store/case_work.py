"""The staff side of shared cases: the queue, one case, status, assignment, contact details,
deletion. Every function takes the organisation id and every query filters on it, so another
organisation's case is CaseNotFound, exactly like a reference that does not exist.
Each change writes its audit row in the same transaction.
"""

import datetime as dt
import json
from dataclasses import dataclass

import sqlite_utils

from webapp.contact_options import STATUSES, URGENCIES, Contact
from webapp.store import audit
from webapp.store.case_references import normalise_reference
from webapp.store.cases import now, remove_case
from webapp.store.db import erase_deleted
from webapp.store.sealing import Sealer


class CaseNotFound(LookupError):
    pass


class CaseChangeInvalid(ValueError):
    """A status or assignee that does not exist (for this organisation)."""


@dataclass(frozen=True)
class Case:
    id: int
    reference: str
    org_id: str
    created_at: dt.datetime
    locale: str
    consent_mode: str
    created_by: int | None
    answers: dict
    findings: tuple[tuple[str, str], ...]
    regime: str
    evaluated_on: dt.date
    knowledge_version: str
    urgency: str
    prefecture: str | None
    safe_times: tuple[str, ...]
    messages_only: bool
    will_contact_them: bool
    has_contact: bool  # sealed contact details still held (not purged)
    status: str
    status_at: dt.datetime
    assigned_to: int | None
    assigned_email: str | None
    closed_at: dt.datetime | None


SELECT = (
    "SELECT c.*, s.email AS assigned_email FROM cases c LEFT JOIN staff s ON s.id = c.assigned_to"
)


def get_case(db: sqlite_utils.Database, org_id: str, reference) -> Case:
    normal = normalise_reference(reference)
    found = (
        _fetch(db, "c.org_id = ? AND c.reference = ?", [org_id, normal])
        if normal and isinstance(org_id, str)
        else []
    )
    if not found:
        raise CaseNotFound(reference)
    return found[0]


def queue(
    db: sqlite_utils.Database,
    org_id: str,
    *,
    status: str = "open",
    urgency: str | None = None,
    locale: str | None = None,
    prefecture: str | None = None,
    assigned_to: int | str | None = None,
) -> list[Case]:
    """The organisation's cases, most urgent first, then oldest first. status: 'open' (all but
    closed), 'all' or one status; assigned_to: a staff id, 'none' or None (anyone)."""
    where: list[str] = ["c.org_id = ?"]
    params: list[object] = [org_id]
    if status == "open":
        where.append("c.status != 'closed'")
    elif status in STATUSES:
        where.append("c.status = ?")
        params.append(status)
    if urgency in URGENCIES:
        where.append("c.urgency = ?")
        params.append(urgency)
    for column, value in (("locale", locale), ("prefecture", prefecture)):
        if value:
            where.append(f"c.{column} = ?")
            params.append(value)
    if assigned_to == "none":
        where.append("c.assigned_to IS NULL")
    elif isinstance(assigned_to, int):
        where.append("c.assigned_to = ?")
        params.append(assigned_to)
    return _fetch(db, " AND ".join(where), params, "ORDER BY c.urgency_rank, c.created_at, c.id")


def filter_values(db: sqlite_utils.Database, org_id: str) -> dict[str, list[str]]:
    """The languages and prefectures present in the organisation's cases (for the filters)."""
    return {
        column: [
            row[0]
            for row in db.execute(
                f"SELECT DISTINCT {column} FROM cases WHERE org_id = ? AND {column} IS NOT NULL "  # noqa: S608
                f"ORDER BY {column}",
                [org_id],
            )
        ]
        for column in ("locale", "prefecture")
    }


def record_view(db: sqlite_utils.Database, case: Case, staff_id: int) -> None:
    audit.record(
        db, "case-viewed", org_id=case.org_id, staff_id=staff_id, case_reference=case.reference
    )


def set_status(
    db: sqlite_utils.Database, org_id: str, reference, status: str, staff_id: int
) -> Case:
    case = get_case(db, org_id, reference)
    if status not in STATUSES:
        raise CaseChangeInvalid("status")
    if status != case.status:
        stamp = now().isoformat()
        closed = stamp if status == "closed" else None
        with db.atomic():
            db.execute(
                "UPDATE cases SET status = ?, status_at = ?, closed_at = ? WHERE id = ?",
                [status, stamp, closed, case.id],
            )
            audit.record(
                db,
                "status-changed",
                org_id=org_id,
                staff_id=staff_id,
                case_reference=case.reference,
                detail=f"{case.status} -> {status}",
            )
    return get_case(db, org_id, reference)


def assign(
    db: sqlite_utils.Database, org_id: str, reference, assignee: int | None, staff_id: int
) -> Case:
    """Assign to an active staff member of the same organisation, or to no one (None)."""
    case = get_case(db, org_id, reference)
    if assignee is not None:
        rows = (
            list(
                db["staff"].rows_where(
                    "id = ? AND org_id = ? AND disabled_at IS NULL", [assignee, org_id]
                )
            )
            if isinstance(assignee, int)
            else []
        )
        if not rows:
            raise CaseChangeInvalid("assignee")
    if assignee != case.assigned_to:
        with db.atomic():
            db.execute("UPDATE cases SET assigned_to = ? WHERE id = ?", [assignee, case.id])
            audit.record(
                db,
                "case-assigned",
                org_id=org_id,
                staff_id=staff_id,
                case_reference=case.reference,
                detail=f"staff {assignee}" if assignee else "no one",
            )
    return get_case(db, org_id, reference)


def reveal_contact(
    db: sqlite_utils.Database, sealer: Sealer, org_id: str, reference, staff_id: int
) -> Contact | None:
    """The contact details (None once purged); the audit row is written first."""
    case = get_case(db, org_id, reference)
    audit.record(
        db, "contact-shown", org_id=org_id, staff_id=staff_id, case_reference=case.reference
    )
    row = db.execute("SELECT contact_sealed FROM cases WHERE id = ?", [case.id]).fetchone()
    return Contact.from_dict(sealer.open(row[0])) if row[0] else None


def delete_contact(db: sqlite_utils.Database, org_id: str, reference, staff_id: int) -> Case:
    case = get_case(db, org_id, reference)
    with db.atomic():
        db.execute(
            "UPDATE cases SET contact_sealed = NULL, contact_purged_at = ? WHERE id = ?",
            [now().isoformat(), case.id],
        )
        audit.record(
            db, "contact-deleted", org_id=org_id, staff_id=staff_id, case_reference=case.reference
        )
    erase_deleted(db)
    return get_case(db, org_id, reference)


def delete_case(db: sqlite_utils.Database, org_id: str, reference, staff_id: int) -> None:
    """On the trainee's request: the case, its contact details and notes; no counts kept."""
    case = get_case(db, org_id, reference)
    with db.atomic():
        remove_case(db, case.id)
        audit.record(
            db, "case-deleted", org_id=org_id, staff_id=staff_id, case_reference=case.reference
        )
    erase_deleted(db)


def _fetch(db, where: str, params: list, order: str = "") -> list[Case]:
    cursor = db.execute(f"{SELECT} WHERE {where} {order}", params)
    names = [column[0] for column in cursor.description]
    return [_case(dict(zip(names, row, strict=False))) for row in cursor.fetchall()]


def _stamp(value):
    return dt.datetime.fromisoformat(value) if value else None


def _case(row: dict) -> Case:
    return Case(
        row["id"],
        row["reference"],
        row["org_id"],
        _stamp(row["created_at"]),
        row["locale"],
        row["consent_mode"],
        row["created_by"],
        json.loads(row["answers"]),
        tuple(tuple(f) for f in json.loads(row["findings"])),
        row["regime"],
        dt.date.fromisoformat(row["evaluated_on"]),
        row["knowledge_version"],
        row["urgency"],
        row["prefecture"],
        tuple(json.loads(row["safe_times"] or "[]")),
        bool(row["messages_only"]),
        bool(row["will_contact_them"]),
        bool(row["contact_sealed"]),
        row["status"],
        _stamp(row["status_at"]),
        row["assigned_to"],
        row["assigned_email"],
        _stamp(row["closed_at"]),
    )
