"""Opening the SQLite database: one file, WAL journal, migrations applied on open."""

from pathlib import Path

import sqlite_utils

from webapp.store.migrations import migrations


def open_database(path: Path) -> sqlite_utils.Database:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.enable_wal()
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 5000")
    migrations.apply(db)
    return db
