"""Data retention: the one place that decides when a session has expired, and the purges.

`Limits.expired` is asked when a session is loaded; `purge_expired` deletes the same sessions in
bulk (every few minutes while serving, and `kenri purge`). Translation reports (free text a
trainee may fill with personal details) are kept for a limited time too.
"""

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from webapp.clock import utc_now
from webapp.store.db import erase_deleted


@dataclass(frozen=True)
class Limits:
    idle: dt.timedelta = dt.timedelta(minutes=30)
    absolute: dt.timedelta = dt.timedelta(hours=2)

    def cutoffs(self, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        """(last seen before this is idle too long, created before this is too old)."""
        return now - self.idle, now - self.absolute

    def expired(self, session, now: dt.datetime) -> bool:
        """Whether a session (anything with created_at, last_seen_at, shared) has expired.
        A case shared with an NGO is kept; the same test is `EXPIRED` below, in SQL."""
        idle_cutoff, absolute_cutoff = self.cutoffs(now)
        return not session.shared and (
            session.last_seen_at < idle_cutoff or session.created_at < absolute_cutoff
        )


# A constant, pasted into the statements below (so S608 does not apply); values are parameters.
EXPIRED = "SELECT id FROM sessions WHERE shared = 0 AND (last_seen_at < ? OR created_at < ?)"
EXPIRED_OF_KIND = EXPIRED + " AND kind = ?"


def purge_expired(
    db: sqlite_utils.Database,
    limits: Limits,
    now: dt.datetime | None = None,
    kind: str | None = None,
) -> int:
    """Delete expired unshared sessions (of one kind, if given: the kiosk's limits are its own)
    with their answers and results; return how many.

    The anonymous result tally is kept: it holds no session id."""
    params: list[str] = [stamp.isoformat() for stamp in limits.cutoffs(now or utc_now())]
    expired = EXPIRED_OF_KIND if kind else EXPIRED
    if kind:
        params.append(kind)
    with db.conn:
        count = db.execute(f"SELECT count(*) FROM ({expired})", params).fetchone()[0]  # noqa: S608
        db.execute(f"DELETE FROM answers WHERE session_id IN ({expired})", params)  # noqa: S608
        db.execute(f"DELETE FROM results WHERE session_id IN ({expired})", params)  # noqa: S608
        db.execute(f"DELETE FROM sessions WHERE id IN ({expired})", params)  # noqa: S608
    # Always, not only when something was deleted now: an earlier erase may have been kept
    # from finishing by a reader.
    erase_deleted(db)
    return count


def purge_reports(
    db: sqlite_utils.Database, keep: dt.timedelta, now: dt.datetime | None = None
) -> int:
    """Delete translation reports older than `keep`; return how many."""
    cutoff = ((now or utc_now()) - keep).isoformat()
    with db.conn:
        count = db.execute(
            "DELETE FROM translation_reports WHERE created_at < ?", [cutoff]
        ).rowcount
    erase_deleted(db)
    return count
