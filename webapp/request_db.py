"""One SQLite connection per request, closed when the request ends."""

from flask import Flask, current_app, g

from webapp.store.db import connect


def get_db():
    if "db" not in g:
        g.db = connect(current_app.config["KENRI_SETTINGS"].database)
    return g.db


def init_request_db(app: Flask) -> None:
    @app.teardown_appcontext
    def close_db(_exc=None):
        db = g.pop("db", None)
        if db is not None:
            db.close()
