"""Data retention: delete unshared sessions past their idle or absolute limit."""

import sqlite_utils

from webapp.store.db import erase_deleted
from webapp.store.sessions import Limits, now


def purge_expired(db: sqlite_utils.Database, limits: Limits) -> int:
    """Delete expired unshared sessions with their answers and results; return how many."""
    stamp = now()
    idle_cutoff = (stamp - limits.idle).isoformat()
    absolute_cutoff = (stamp - limits.absolute).isoformat()
    expired = "SELECT id FROM sessions WHERE shared = 0 AND (last_seen_at < ? OR created_at < ?)"
    params = [idle_cutoff, absolute_cutoff]
    with db.conn:
        count = db.execute(f"SELECT count(*) FROM ({expired})", params).fetchone()[0]
        db.execute(f"DELETE FROM answers WHERE session_id IN ({expired})", params)
        db.execute(f"DELETE FROM results WHERE session_id IN ({expired})", params)
        db.execute(f"DELETE FROM sessions WHERE id IN ({expired})", params)
    # Always, not only when something was deleted now: an earlier erase may have been kept
    # from finishing by a reader.
    erase_deleted(db)
    return count
