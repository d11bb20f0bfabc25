"""SQLite connections for requests: one per server thread, reused across requests.

Opening and closing a connection costs more than a whole answer step's queries, so each
worker thread keeps its own (SQLite connections must not cross threads).
"""

import threading

from flask import Flask, current_app

from webapp.store.db import connect, server_secret

_local = threading.local()
_secrets: dict = {}


def get_db():
    path = current_app.config["KENRI_SETTINGS"].database
    connections = getattr(_local, "connections", None)
    if connections is None:
        connections = _local.connections = {}
    db = connections.get(path)
    if db is None:
        db = connections[path] = connect(path)
    return db


def cached_secret(name: str) -> str:
    """A server secret, read from the database once per process."""
    key = (current_app.config["KENRI_SETTINGS"].database, name)
    if key not in _secrets:
        _secrets[key] = server_secret(get_db(), name)
    return _secrets[key]


def init_request_db(app: Flask) -> None:
    @app.teardown_request
    def end_transaction(_exc=None):
        db = getattr(_local, "connections", {}).get(app.config["KENRI_SETTINGS"].database)
        if db is not None and db.conn.in_transaction:
            db.conn.rollback()   # never leave a half-done write open on a reused connection
