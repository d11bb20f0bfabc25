"""Chat webhook events seen, so each is processed once, and the keyed hashes behind them.

A row holds only a keyed hash of the platform's event id, the channel, a status and times: no
user id, no text. Statuses: queued (accepted, waiting for a worker), handled (the conversation
answered), sent (the answer reached the platform), failed (it could not be sent), dropped
(nothing to send). Rows are deleted after the retention period.
"""

import datetime as dt
import hashlib
import hmac
import threading

import sqlite_utils

# The names under which server_secret (webapp.store.db) keeps two random keys, not keys.
USER_KEY_SECRET = "chat-user-key"  # noqa: S105
EVENT_KEY_SECRET = "chat-event-key"  # noqa: S105
DEFAULT_RETENTION = dt.timedelta(days=3)  # longer than either platform keeps redelivering

# The webhook threads and the chat workers of one process take turns here rather than in
# SQLite: a thread waiting on SQLite's lock sleeps in steps of up to 25 ms (busy_timeout),
# which showed as the webhook's slowest answers; a Python lock wakes the next one at once.
_writes = threading.Lock()


def keyed_hash(secret: str, channel: str, value: str) -> str:
    """HMAC-SHA256 of "channel:value" under a server secret, hex. How platform user ids and
    event ids are kept: the same person or event always maps to the same key, and the key
    cannot be turned back into the id without the secret."""
    return hmac.new(secret.encode(), f"{channel}:{value}".encode(), hashlib.sha256).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def claim_event(db: sqlite_utils.Database, key: str, channel: str, boot: str) -> bool:
    """Record an incoming event; True if this process should handle it now.

    False for an event already seen, unless it is still `queued` by a process that has since
    stopped (`boot` differs): a redelivery of an event that was accepted but never handled.
    """
    stamp = _now()
    with _writes, db.conn:
        inserted = db.execute(
            "INSERT OR IGNORE INTO chat_events (key, channel, status, boot, received_at, "
            "updated_at) VALUES (?, ?, 'queued', ?, ?, ?)",
            [key, channel, boot, stamp, stamp],
        )
        if inserted.rowcount:
            return True
        taken = db.execute(
            "UPDATE chat_events SET boot = ?, updated_at = ? WHERE key = ? AND "
            "status = 'queued' AND boot != ?",
            [boot, stamp, key, boot],
        )
        return taken.rowcount == 1


def release_event(db: sqlite_utils.Database, key: str) -> None:
    """Forget an event that could not be queued, so the platform's retry is handled."""
    with _writes, db.conn:
        db.execute("DELETE FROM chat_events WHERE key = ? AND status = 'queued'", [key])


def mark_event(db: sqlite_utils.Database, key: str, status: str) -> None:
    with _writes, db.conn:
        db.execute(
            "UPDATE chat_events SET status = ?, updated_at = ? WHERE key = ?", [status, _now(), key]
        )


def event_status(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT status FROM chat_events WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def purge_events(db: sqlite_utils.Database, older_than: dt.timedelta = DEFAULT_RETENTION) -> int:
    cutoff = (dt.datetime.now(dt.UTC) - older_than).isoformat()
    with _writes, db.conn:
        return db.execute("DELETE FROM chat_events WHERE received_at < ?", [cutoff]).rowcount
