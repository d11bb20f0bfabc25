"""SQLite connections for requests: one per server thread, reused across requests.

Opening and closing a connection costs more than a whole answer step's queries, so each
worker thread keeps its own (SQLite connections must not cross threads).
"""

import threading
from pathlib import Path

import sqlite_utils
from flask import Flask

from webapp.loaded import loaded
from webapp.store.db import connect, server_secret

_local = threading.local()
_secrets: dict = {}


def get_db() -> sqlite_utils.Database:
    """This thread's connection to the app's database."""
    path = loaded().settings.database
    connections = getattr(_local, "connections", None)
    if connections is None:
        connections = _local.connections = {}
    db = connections.get(path)
    if db is None:
        db = connections[path] = connect(path)
    return db


def close_thread_connection(path: Path) -> None:
    """Close this thread's connection to `path`, if any (tests that swap databases)."""
    db = getattr(_local, "connections", {}).pop(path, None)
    if db is not None:
        db.close()


def cached_secret(name: str) -> str:
    """A server secret, read from the database once per process."""
    key = (loaded().settings.database, name)
    if key not in _secrets:
        _secrets[key] = server_secret(get_db(), name)
    return _secrets[key]


def init_connections(app: Flask) -> None:
    @app.teardown_request
    def end_transaction(_exc=None):
        db = getattr(_local, "connections", {}).get(loaded().settings.database)
        if db is not None and db.conn.in_transaction:
            db.conn.rollback()  # never leave a half-done write open on a reused connection
