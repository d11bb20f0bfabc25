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
    db.execute(
        "PRAGMA synchronous = NORMAL"
    )  # safe with WAL; a power cut loses at most the last commit
    return db


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
