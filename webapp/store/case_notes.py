"""Notes on a case: timestamped, by author, sealed at rest (they may hold a phone number)."""

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from webapp.store import audit
from webapp.store.case_work import Case
from webapp.store.cases import now
from webapp.store.sealing import Sealer

NOTE_LIMIT = 5000


class NoteInvalid(ValueError):
    pass


@dataclass(frozen=True)
class Note:
    created_at: dt.datetime
    author_email: str | None
    text: str


def add_note(db: sqlite_utils.Database, sealer: Sealer, case: Case, staff_id: int, text) -> None:
    text = text.strip() if isinstance(text, str) else ""
    if not text or len(text) > NOTE_LIMIT:
        raise NoteInvalid("empty" if not text else "too-long")
    with db.atomic():
        db.execute(
            "INSERT INTO case_notes (case_id, staff_id, created_at, text_sealed) "
            "VALUES (?, ?, ?, ?)",
            [case.id, staff_id, now().isoformat(), sealer.seal(text)],
        )
        audit.record(
            db, "note-added", org_id=case.org_id, staff_id=staff_id, case_reference=case.reference
        )


def notes_of(db: sqlite_utils.Database, sealer: Sealer, case: Case) -> list[Note]:
    rows = db.execute(
        "SELECT n.created_at, s.email, n.text_sealed FROM case_notes n "
        "LEFT JOIN staff s ON s.id = n.staff_id WHERE n.case_id = ? ORDER BY n.id",
        [case.id],
    ).fetchall()
    return [
        Note(dt.datetime.fromisoformat(at), email, sealer.open(sealed))
        for at, email, sealed in rows
    ]
