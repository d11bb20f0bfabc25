"""The audit log: append-only (SQLite triggers refuse UPDATE and DELETE).

Rows say who did what to which case, and when. They never hold contact details, answers,
note text, typed e-mail addresses or client addresses.
"""

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

ACTIONS = (
    "sign-in",
    "sign-in-failed",
    "sign-out",
    "account-locked",
    "account-unlocked",
    "totp-enrolled",
    "recovery-code-used",
    "recovery-codes-renewed",
    "password-changed",
    "case-shared",
    "case-viewed",
    "contact-shown",
    "contact-deleted",
    "status-changed",
    "case-assigned",
    "note-added",
    "case-deleted",
    "case-withdrawn",
    "case-purged",
    "cases-exported",
    "statistics-exported",
)


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    org_id: str | None
    staff_id: int | None
    staff_email: str | None
    action: str
    case_reference: str | None
    detail: str | None


def record(
    db: sqlite_utils.Database,
    action: str,
    *,
    org_id: str | None = None,
    staff_id: int | None = None,
    case_reference: str | None = None,
    detail: str | None = None,
) -> None:
    """Append one row. Inside the caller's `db.atomic()` block the row joins that transaction,
    so a change and its audit row are written together or not at all."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    row = {
        "at": dt.datetime.now(dt.UTC).isoformat(),
        "org_id": org_id,
        "staff_id": staff_id,
        "action": action,
        "case_reference": case_reference,
        "detail": detail,
    }
    db.execute(
        "INSERT INTO audit_log (at, org_id, staff_id, action, case_reference, detail) "
        "VALUES (:at, :org_id, :staff_id, :action, :case_reference, :detail)",
        row,
    )


SELECT_ENTRIES = (
    "SELECT a.id, a.at, a.org_id, a.staff_id, s.email, a.action, a.case_reference, "
    "a.detail FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id"
)


def entries(
    db: sqlite_utils.Database,
    org_id: str,
    *,
    before: int | None = None,
    limit: int = 100,
    case_reference: str | None = None,
) -> list[AuditEntry]:
    """The organisation's log, newest first; `before` pages back by row id."""
    where: list[str] = ["a.org_id = ?"]
    params: list[object] = [org_id]
    if before is not None:
        where.append("a.id < ?")
        params.append(before)
    if case_reference:
        where.append("a.case_reference = ?")
        params.append(case_reference)
    # The WHERE clauses are this function's own fixed strings; values are bound parameters.
    clauses = " AND ".join(where)
    sql = f"{SELECT_ENTRIES} WHERE {clauses} ORDER BY a.id DESC LIMIT ?"  # noqa: S608
    return [
        AuditEntry(row[0], dt.datetime.fromisoformat(row[1]), *row[2:])
        for row in db.execute(sql, [*params, limit]).fetchall()
    ]
