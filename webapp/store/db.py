"""Opening the SQLite database: one file, WAL journal, migrations applied once at start-up."""

import secrets
from pathlib import Path

import sqlite_utils

from webapp.store.migrations import migrations


def connect(path: Path) -> sqlite_utils.Database:
    """A connection for one request or one job (SQLite connections are per thread)."""
    db = sqlite_utils.Database(Path(path))
    db.execute("PRAGMA busy_timeout = 5000")
    db.execute("PRAGMA foreign_keys = ON")
    # Safe with WAL; a power cut loses at most the last commit.
    db.execute("PRAGMA synchronous = NORMAL")
    # Deleted rows are overwritten with zeros, not just unlinked: a copied database file must not
    # hold the answers of a trainee who pressed quick exit.
    db.execute("PRAGMA secure_delete = ON")
    return db


def erase_deleted(db: sqlite_utils.Database) -> bool:
    """After a deletion: copy the WAL into the main file and truncate the WAL to zero bytes.

    The WAL keeps earlier versions of every page written since the last checkpoint, answers
    included, so without this a deleted session's answers stay readable in `kenri.db-wal` until
    some unrelated checkpoint. Returns False when readers kept the checkpoint from finishing
    (the purge thread tries again within minutes).
    """
    busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return busy == 0


def prepare_database(path: Path) -> None:
    """Create the file if needed, switch to WAL and apply pending migrations."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = connect(path)
    try:
        db.enable_wal()
        migrations.apply(db)
    finally:
        db.close()


def server_secret(db: sqlite_utils.Database, name: str) -> str:
    """A random secret kept in the database, created on first use."""
    rows = list(db["secrets"].rows_where("name = ?", [name]))
    if rows:
        return rows[0]["value"]
    value = secrets.token_hex(32)
    db.execute("INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)", [name, value])
    db.conn.commit()
    return list(db["secrets"].rows_where("name = ?", [name]))[0]["value"]
