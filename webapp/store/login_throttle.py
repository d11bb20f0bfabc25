"""Sign-in throttling per account and per client: growing delays, then an account lockout.

After FREE_ATTEMPTS failures in a row, each further attempt must wait BASE_DELAY, doubling
with every failure up to MAX_DELAY. An account is locked after LOCK_AFTER failures in a row
(password or code) until a coordinator lifts it or `kenri staff reset`. A client is never
locked, only slowed. Attempts refused for waiting are not counted. Clients are keyed by a keyed
hash of their address, so no address is stored.
"""

import datetime as dt
import hashlib
import hmac

import sqlite_utils

FREE_ATTEMPTS = 3
BASE_DELAY = dt.timedelta(seconds=5)
MAX_DELAY = dt.timedelta(minutes=15)
LOCK_AFTER = 10
FORGET_AFTER = dt.timedelta(hours=24)  # failures older than this no longer count


def account_key(staff_id: int) -> str:
    return f"staff:{staff_id}"


def client_key(secret: str, address: str | None) -> str:
    digest = hmac.new(secret.encode(), (address or "?").encode(), hashlib.sha256).hexdigest()
    return f"client:{digest[:32]}"


def delay_after(failures: int) -> dt.timedelta:
    """How long the next attempt must wait after this many failures in a row."""
    if failures < FREE_ATTEMPTS:
        return dt.timedelta(0)
    return min(MAX_DELAY, BASE_DELAY * 2 ** (failures - FREE_ATTEMPTS))


def wait_seconds(db: sqlite_utils.Database, keys, now: dt.datetime) -> int:
    """Seconds before another attempt is allowed for all of these keys (0: go ahead)."""
    wait = dt.timedelta(0)
    for row in _rows(db, keys):
        last = dt.datetime.fromisoformat(row["last_failure_at"])
        if now - last > FORGET_AFTER:
            continue
        wait = max(wait, last + delay_after(row["failures"]) - now)
    return max(0, int(wait.total_seconds() + 0.999))


def is_locked(db: sqlite_utils.Database, key: str) -> bool:
    return any(row["locked"] for row in _rows(db, [key]))


def record_failure(
    db: sqlite_utils.Database, keys, now: dt.datetime, lockable: str | None = None
) -> bool:
    """Count one failure for each key; True if this locked the `lockable` account key."""
    locked_now = False
    with db.atomic():
        for key in keys:
            rows = _rows(db, [key])
            failures = 1
            if rows and now - dt.datetime.fromisoformat(rows[0]["last_failure_at"]) <= FORGET_AFTER:
                failures = rows[0]["failures"] + 1
            was_locked = bool(rows and rows[0]["locked"])
            lock = was_locked or (key == lockable and failures >= LOCK_AFTER)
            locked_now = locked_now or (lock and not was_locked)
            db.execute(
                "INSERT INTO login_throttle (key, failures, last_failure_at, locked) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
                "failures = excluded.failures, last_failure_at = excluded.last_failure_at,"
                " locked = excluded.locked",
                [key, failures, now.isoformat(), int(lock)],
            )
    return locked_now


def clear(db: sqlite_utils.Database, key: str) -> None:
    """Forget a key's failures and lift its lock (after a full sign-in, or an unlock)."""
    db.execute("DELETE FROM login_throttle WHERE key = ?", [key])


def _rows(db, keys) -> list[dict]:
    keys = list(keys)
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    return list(db["login_throttle"].rows_where(f"key IN ({marks})", keys))
