"""Anonymous interview sessions: one row each, of one kind.

A session id is 256 random bits. A session has a kind ("form" for the phone form, "api" for the
session API; later "kiosk", "chat", "staff") and is only ever loaded as that kind, so an id made
through one front end can never be used through another. Whether a session has expired is
decided by store.retention.Limits; nothing here logs ids or answers.
"""

import datetime as dt
import secrets
from dataclasses import dataclass

import sqlite_utils

from webapp.store.db import erase_deleted

KINDS = ("form", "api", "kiosk", "chat", "staff")


class SessionNotFound(Exception):
    """Unknown, deleted or purged session, or one of another kind."""


@dataclass(frozen=True)
class Session:
    id: str
    kind: str
    created_at: dt.datetime
    last_seen_at: dt.datetime
    locale: str
    knowledge_version: str
    shared: bool


def create_session(
    db: sqlite_utils.Database, kind: str, locale: str, knowledge_version: str, now: dt.datetime
) -> Session:
    if kind not in KINDS:
        raise ValueError(f"unknown session kind {kind!r}")
    row = {
        "id": secrets.token_urlsafe(32),
        "kind": kind,
        "created_at": now.isoformat(),
        "last_seen_at": now.isoformat(),
        "locale": locale,
        "knowledge_version": knowledge_version,
        "shared": 0,
    }
    with db.conn:
        db.table("sessions").insert(row)
    return _session(row)


def load_session(db: sqlite_utils.Database, session_id: object, kind: str) -> Session:
    """The stored session of this kind; SessionNotFound otherwise (expiry is not checked)."""
    if not isinstance(session_id, str) or not 20 <= len(session_id) <= 100:
        raise SessionNotFound
    rows = list(db.table("sessions").rows_where("id = ? AND kind = ?", [session_id, kind]))
    if not rows:
        raise SessionNotFound
    return _session(rows[0])


def touch_session(db: sqlite_utils.Database, session_id: str, now: dt.datetime) -> None:
    """Restart the idle clock."""
    with db.conn:
        db.execute(
            "UPDATE sessions SET last_seen_at = ? WHERE id = ?", [now.isoformat(), session_id]
        )


def set_locale(db: sqlite_utils.Database, session_id: str, locale: str) -> None:
    with db.conn:
        db.execute("UPDATE sessions SET locale = ? WHERE id = ?", [locale, session_id])


def reissue_session(db: sqlite_utils.Database, old: Session, now: dt.datetime) -> Session:
    """The same interview under a fresh id (the old id stops working at once).

    The creation time is kept, so a reissued session still ends at the absolute limit."""
    row = {
        "id": secrets.token_urlsafe(32),
        "kind": old.kind,
        "created_at": old.created_at.isoformat(),
        "last_seen_at": now.isoformat(),
        "locale": old.locale,
        "knowledge_version": old.knowledge_version,
        "shared": int(old.shared),
    }
    with db.conn:
        db.table("sessions").insert(row)
        db.execute("UPDATE answers SET session_id = ? WHERE session_id = ?", [row["id"], old.id])
        db.execute("UPDATE results SET session_id = ? WHERE session_id = ?", [row["id"], old.id])
        db.execute("DELETE FROM sessions WHERE id = ?", [old.id])
    return _session(row)


def delete_session(db: sqlite_utils.Database, session_id: str) -> None:
    """Delete the session with its answers and result (the anonymous tally stays)."""
    with db.conn:
        db.execute("DELETE FROM answers WHERE session_id = ?", [session_id])
        db.execute("DELETE FROM results WHERE session_id = ?", [session_id])
        db.execute("DELETE FROM sessions WHERE id = ?", [session_id])
    erase_deleted(db)


def shared_reference(db: sqlite_utils.Database, session_id: str) -> str | None:
    """The reference of the case this interview was shared as, if it was (sent at most once)."""
    row = db.execute("SELECT shared_reference FROM sessions WHERE id = ?", [session_id]).fetchone()
    return row[0] if row else None


def set_shared_reference(db: sqlite_utils.Database, session_id: str, reference: str) -> None:
    with db.conn:
        db.execute("UPDATE sessions SET shared_reference = ? WHERE id = ?", [reference, session_id])


def _session(row: dict) -> Session:
    return Session(
        row["id"],
        row["kind"],
        dt.datetime.fromisoformat(row["created_at"]),
        dt.datetime.fromisoformat(row["last_seen_at"]),
        row["locale"],
        row["knowledge_version"],
        bool(row["shared"]),
    )
