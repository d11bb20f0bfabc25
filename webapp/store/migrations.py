"""Schema changes as ordered, recorded functions (sqlite-utils Migrations). Never drop and recreate."""

from sqlite_utils.migrations import Migrations

migrations = Migrations("kenri")


@migrations()
def m001_sessions_and_answers(db):
    # Anonymous interview sessions; answers are an append-only log (latest per question wins).
    db["sessions"].create({"id": str, "created_at": str, "last_seen_at": str, "locale": str,
                           "knowledge_version": str}, pk="id")
    db["answers"].create({"id": int, "session_id": str, "question": str, "value": str,
                          "answered_at": str}, pk="id",
                         foreign_keys=[("session_id", "sessions", "id")])
    db["answers"].create_index(["session_id"])


@migrations()
def m002_results_and_secrets(db):
    # A result is recorded when a trainee asks for it: which findings, on which day.
    db["results"].create({"id": int, "session_id": str, "evaluated_on": str,
                          "knowledge_version": str, "findings": str, "created_at": str},
                         pk="id", foreign_keys=[("session_id", "sessions", "id")])
    db["results"].create_index(["session_id"])
    # Server secrets (the CSRF key), created once so that forms survive a restart.
    db["secrets"].create({"name": str, "value": str}, pk="name")
    db["sessions"].add_column("shared", int, not_null_default=0)


@migrations()
def m003_translation_reports(db):
    # Reports of bad translations from the pages (no personal data is asked for).
    db["translation_reports"].create({"id": int, "locale": str, "page": str, "text": str,
                                      "created_at": str}, pk="id")


@migrations()
def m200_chat_events(db):
    # Chat webhook events seen (issue 13): a keyed hash of the platform's event id, so each
    # event is processed once; no user id and no text. See webapp/store/chat.py.
    db["chat_events"].create({"key": str, "channel": str, "status": str, "boot": str,
                              "received_at": str, "updated_at": str}, pk="key")
    db["chat_events"].create_index(["received_at"])
