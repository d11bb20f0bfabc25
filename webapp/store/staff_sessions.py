"""Staff sessions: their own table, apart from the trainees' anonymous sessions.

Only a SHA-256 of the 256-bit token is stored. A session moves through stages: 'code' (password
right, second factor due), 'enrol' (second factor to set up), 'password' (one-time password to
change), 'active' (the desk). The token is replaced at every stage change (no fixation). Limits:
30 minutes idle and 12 hours in all; a session that has not reached 'active' lasts 15 minutes.
"""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

import sqlite_utils

STAGES = ("code", "enrol", "password", "active")
PENDING_LIMIT = dt.timedelta(minutes=15)
TOUCH_EVERY = dt.timedelta(seconds=30)


class StaffSessionGone(Exception):
    """No such session (signed out, replaced or purged)."""


class StaffSessionExpired(Exception):
    """Past the idle or absolute limit; deleted when found so."""


@dataclass(frozen=True)
class Limits:
    idle: dt.timedelta = dt.timedelta(minutes=30)
    absolute: dt.timedelta = dt.timedelta(hours=12)


@dataclass(frozen=True)
class StaffSession:
    token: str
    staff_id: int
    stage: str
    created_at: dt.datetime
    last_seen_at: dt.datetime


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(
    db: sqlite_utils.Database,
    staff_id: int,
    stage: str,
    moment: dt.datetime,
    created_at: dt.datetime | None = None,
) -> StaffSession:
    if stage not in STAGES:
        raise ValueError(stage)
    token = secrets.token_urlsafe(32)
    created = created_at or moment
    with db.atomic():
        db.table("staff_sessions").insert(
            {
                "token_hash": _hash(token),
                "staff_id": staff_id,
                "stage": stage,
                "created_at": created.isoformat(),
                "last_seen_at": moment.isoformat(),
            }
        )
    return StaffSession(token, staff_id, stage, created, moment)


def load(db: sqlite_utils.Database, token, limits: Limits, moment: dt.datetime) -> StaffSession:
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        raise StaffSessionGone
    rows = list(db["staff_sessions"].rows_where("token_hash = ?", [_hash(token)]))
    if not rows:
        raise StaffSessionGone
    row = rows[0]
    created = dt.datetime.fromisoformat(row["created_at"])
    seen = dt.datetime.fromisoformat(row["last_seen_at"])
    absolute = limits.absolute if row["stage"] == "active" else min(limits.absolute, PENDING_LIMIT)
    if moment - seen > limits.idle or moment - created > absolute:
        end(db, token)
        raise StaffSessionExpired
    if moment - seen > TOUCH_EVERY:
        with db.atomic():
            db.table("staff_sessions").update(
                row["token_hash"], {"last_seen_at": moment.isoformat()}
            )
    return StaffSession(token, row["staff_id"], row["stage"], created, moment)


def advance(
    db: sqlite_utils.Database, session: StaffSession, stage: str, moment: dt.datetime
) -> StaffSession:
    """Move to the next stage under a new token; the old token stops working.
    Reaching 'active' starts the 12-hour clock."""
    end(db, session.token)
    return start(
        db,
        session.staff_id,
        stage,
        moment,
        created_at=moment if stage == "active" else session.created_at,
    )


def end(db: sqlite_utils.Database, token: str) -> None:
    with db.atomic():
        db.execute("DELETE FROM staff_sessions WHERE token_hash = ?", [_hash(token)])


def end_others(db: sqlite_utils.Database, staff_id: int, keep: str | None = None) -> None:
    """End every session of the account except `keep` (after a password change)."""
    with db.atomic():
        db.execute(
            "DELETE FROM staff_sessions WHERE staff_id = ? AND token_hash != ?",
            [staff_id, _hash(keep) if keep else ""],
        )


def purge_expired(db: sqlite_utils.Database, limits: Limits, moment: dt.datetime) -> int:
    idle = (moment - limits.idle).isoformat()
    absolute = (moment - limits.absolute).isoformat()
    pending = (moment - PENDING_LIMIT).isoformat()
    with db.atomic():
        cursor = db.execute(
            "DELETE FROM staff_sessions WHERE last_seen_at < ? OR created_at < ?"
            " OR (stage != 'active' AND created_at < ?)",
            [idle, absolute, pending],
        )
    return cursor.rowcount
