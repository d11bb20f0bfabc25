"""Retention of shared cases (`kenri purge`): closed cases are deleted a set time after closing
(default 180 days), contact details of closed cases optionally sooner. A deleted case leaves
only anonymous, one-dimensional counts (how many cases per month, per language, per finding...)
that keep the statistics whole; nothing links one count to another.
"""

import datetime as dt
import json
from dataclasses import dataclass

import sqlite_utils

from webapp.store import audit
from webapp.store.cases import remove_case
from webapp.store.db import erase_deleted


@dataclass(frozen=True)
class Purged:
    cases: int
    contacts: int


def dimensions(row: dict) -> list[tuple[str, str]]:
    """The counts one case adds to: (dimension, value) pairs. Also used by the statistics for
    live cases, so a purge changes no figure."""
    month = row["created_at"][:7]
    pairs = [
        ("total", ""),
        ("month", month),
        ("language", row["locale"]),
        ("regime", row["regime"]),
        ("prefecture", row["prefecture"] or ""),
    ]
    for finding_id in dict.fromkeys(f[0] for f in json.loads(row["findings"])):
        pairs += [("finding", finding_id), ("finding-month", f"{finding_id}|{month}")]
    return pairs


def purge_cases(
    db: sqlite_utils.Database,
    moment: dt.datetime,
    closed_days: int = 180,
    contact_days: int | None = None,
) -> Purged:
    closed_cutoff = (moment - dt.timedelta(days=closed_days)).isoformat()
    contacts = 0
    if contact_days is not None:
        contact_cutoff = (moment - dt.timedelta(days=contact_days)).isoformat()
        for row in db.execute(
            "SELECT id, org_id, reference FROM cases WHERE status = 'closed'"
            " AND closed_at < ? AND contact_sealed IS NOT NULL",
            [contact_cutoff],
        ).fetchall():
            with db.atomic():
                db.execute(
                    "UPDATE cases SET contact_sealed = NULL, contact_purged_at = ? WHERE id = ?",
                    [moment.isoformat(), row[0]],
                )
                audit.record(
                    db, "contact-deleted", org_id=row[1], case_reference=row[2], detail="retention"
                )
            contacts += 1
    cursor = db.execute(
        "SELECT * FROM cases WHERE status = 'closed' AND closed_at < ?", [closed_cutoff]
    )
    names = [column[0] for column in cursor.description]
    expired = [dict(zip(names, row, strict=False)) for row in cursor.fetchall()]
    for row in expired:
        with db.atomic():
            for dimension, value in dimensions(row):
                db.execute(
                    "INSERT INTO case_counts (org_id, dimension, value, count) "
                    "VALUES (?, ?, ?, 1) ON CONFLICT(org_id, dimension, value) "
                    "DO UPDATE SET count = count + 1",
                    [row["org_id"], dimension, value],
                )
            remove_case(db, row["id"])
            audit.record(
                db,
                "case-purged",
                org_id=row["org_id"],
                case_reference=row["reference"],
                detail="retention",
            )
    erase_deleted(db)  # nothing of a purged case or contact left in the WAL
    return Purged(len(expired), contacts)
